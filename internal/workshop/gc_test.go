package workshop

import (
	"runtime/debug"
	"strings"
	"testing"
)

// A room's server runs the collector at DefaultGCPercent unless GOGC says
// otherwise, and says so; GOGC and GOMEMLIMIT from the environment win.
func TestTuneGC(t *testing.T) {
	was := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(-1)
	t.Cleanup(func() {
		debug.SetGCPercent(was)
		debug.SetMemoryLimit(limit)
	})
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	said := TuneGC()
	if got := debug.SetGCPercent(100); got != DefaultGCPercent || !strings.Contains(said, "GOGC 400") {
		t.Errorf("GOGC unset: the collector runs at %d and the line says %q; want %d", got, said, DefaultGCPercent)
	}

	debug.SetGCPercent(100)
	t.Setenv("GOGC", "150")
	t.Setenv("GOMEMLIMIT", "2GiB")
	said = TuneGC()
	if got := debug.SetGCPercent(100); got != 100 || said != "the collector: GOGC 150 (from the environment), GOMEMLIMIT 2GiB (from the environment)" {
		t.Errorf("GOGC set: TuneGC changed the collector to %d, or says %q", got, said)
	}
}
