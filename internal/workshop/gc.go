package workshop

import (
	"fmt"
	"os"
	"runtime/debug"
)

// DefaultGCPercent is the collector's target for a room's server when the
// environment does not set GOGC: a room holds little memory per player
// and allocates a lot per frame, and at Go's 100 the collector took a
// tenth of the CPU. At 400 it takes a quarter of that, for twice the
// memory (about 4.5 MB a player, clients on the same machine included).
const DefaultGCPercent = 400

// TuneGC sets the collector for a room's server: DefaultGCPercent unless
// GOGC is set, and, unless GOMEMLIMIT is set, a soft limit of half the
// machine's memory, so that a room larger than the machine collects more
// often instead of running out. It says what it set, for a log.
func TuneGC() string {
	gogc := "GOGC " + os.Getenv("GOGC") + " (from the environment)"
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(DefaultGCPercent)
		gogc = fmt.Sprintf("GOGC %d", DefaultGCPercent)
	}
	limit := "GOMEMLIMIT " + os.Getenv("GOMEMLIMIT") + " (from the environment)"
	if os.Getenv("GOMEMLIMIT") == "" {
		limit = "no memory limit"
		if total := totalMemory(); total > 0 {
			debug.SetMemoryLimit(int64(total / 2))
			limit = fmt.Sprintf("a memory limit of %d MiB (half the machine's)", total/2>>20)
		}
	}
	return "the collector: " + gogc + ", " + limit
}
