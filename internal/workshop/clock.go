package workshop

import "time"

// clock is the time the room's deadlines run on: the handshake and prompt
// deadlines, the idle timeout, the back-off after wrong codes and the key
// rate. Tests replace it with a clock they move by hand.
type clock interface {
	Now() time.Time
	// AfterFunc calls f on its own goroutine once d has passed; stop
	// cancels it and reports whether it had not run yet.
	AfterFunc(d time.Duration, f func()) (stop func() bool)
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) AfterFunc(d time.Duration, f func()) func() bool {
	return time.AfterFunc(d, f).Stop
}
