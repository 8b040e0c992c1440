// Package des is a small discrete-event simulation kernel: an integer clock
// and an event queue ordered by (time, sequence number), named random
// streams, the distributions a scenario can draw from, and a portable
// logarithm and exponential so that a run gives the same bits on every
// machine. It knows nothing of the model built on it; internal/sim is that
// model.
package des
