package sim_test

import (
	"testing"
	"time"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// playedDefault is a whole game of the default scenario played with a
// shipped plan, as a player would have finished it.
func playedDefault(tb testing.TB, plan string) *sim.Game {
	tb.Helper()
	sc := defaultScenario(tb)
	p, err := scenario.ResolvePlan(plan, sc)
	if err != nil {
		tb.Fatal(err)
	}
	g := sim.NewGame(sc, 1, 0)
	g.Play(p)
	return g
}

// BenchmarkDebrief is the end screen's debrief of a default game (the
// devops plan: 11 decisions, so 11 replays without one of them and 100
// other worlds). cpu-ms/op is the CPU time of all cores per debrief: the
// target is 150 ms; ns/op is the time the player waits.
func BenchmarkDebrief(b *testing.B) {
	g := playedDefault(b, "globomantics-devops")
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		g.Debrief()
	}
	if used := cpuTime() - start; used > 0 {
		b.ReportMetric(float64(used)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	}
}
