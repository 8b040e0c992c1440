package workshop

import (
	"testing"
	"time"
)

func TestSpoken(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                      "1 second",
		300 * time.Millisecond: "1 second",
		time.Second:            "1 second",
		45 * time.Second:       "45 seconds",
		2 * time.Minute:        "2 minutes",
		10 * time.Minute:       "10 minutes",
		90 * time.Second:       "1 minute 30 seconds",
		time.Hour:              "1 hour",
		2*time.Hour + 5*time.Minute + 9*time.Second: "2 hours 5 minutes",
	} {
		if got := spoken(d); got != want {
			t.Errorf("spoken(%v) = %q, want %q", d, got, want)
		}
	}
}
