//go:build race

package workshop

// raceDetector is on: the load test would measure the detector, not the room.
const raceDetector = true
