//go:build race

package sim_test

// raceDetector is on: it allocates for its own bookkeeping and drops
// pooled values at random, so allocation counts measure it, not the game.
const raceDetector = true
