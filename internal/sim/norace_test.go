//go:build !race

package sim_test

// raceDetector is off: allocation counts are the game's own.
const raceDetector = false
