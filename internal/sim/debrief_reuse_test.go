package sim_test

import (
	"runtime"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// bytesAllocated is what f allocates, on one core (as AllocsPerRun
// measures), so the debrief's replays share one goroutine.
func bytesAllocated(f func()) uint64 {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	f() // warm up
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// The debrief's replays (one without each decision, then the other
// worlds) are made from the memory of the one before on the same
// goroutine, as run's batches are: a debrief allocates much less than as
// many new games.
func TestDebriefReplaysReuseMemory(t *testing.T) {
	g := playedDefault(t, "globomantics-devops")
	sc := defaultScenario(t)
	plan, err := scenario.ResolvePlan("globomantics-devops", sc)
	if err != nil {
		t.Fatal(err)
	}
	replays := uint64(len(g.Log()) + sim.LuckRuns)
	game := bytesAllocated(func() { sim.RunGame(sc, 2, 0, plan) })
	debrief := bytesAllocated(func() { g.Debrief() })
	t.Logf("a debrief of %d replays allocates %d KB, a new game %d KB", replays, debrief>>10, game>>10)
	if debrief > replays*game/2 {
		t.Errorf("a debrief of %d replays allocates %d KB, more than half of %d new games (%d KB each)",
			replays, debrief>>10, replays, game>>10)
	}
}
