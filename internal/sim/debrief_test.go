package sim_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"runtime"
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

// The debrief is the same on one core as on many, and its progress counts
// every replay, in order.
func TestDebriefSameOnAnyNumberOfCores(t *testing.T) {
	g := playedDefault(t, "globomantics-devops")
	var seen []int
	many, err := g.DebriefContext(context.Background(), func(done, total int) {
		if total != len(g.Log())+sim.LuckRuns {
			t.Errorf("progress of %d replays, want %d", total, len(g.Log())+sim.LuckRuns)
		}
		seen = append(seen, done)
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range seen {
		if d != i+1 {
			t.Fatalf("progress %v is not 1, 2, 3…", seen)
		}
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := g.Debrief()
	a, _ := json.Marshal(many)
	b, _ := json.Marshal(one)
	if !bytes.Equal(a, b) {
		t.Fatal("the debrief on one core differs from the debrief on many")
	}
}

// A debrief whose context is done stops after the replays in hand, with
// the context's error.
func TestDebriefAbandoned(t *testing.T) {
	g := playedDefault(t, "globomantics-devops")
	ctx, cancel := context.WithCancel(context.Background())
	reports := 0
	_, err := g.DebriefContext(ctx, func(done, total int) {
		reports++
		cancel() // as the player quits, after the first replay
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("abandoned debrief: %v", err)
	}
	if reports >= len(g.Log())+sim.LuckRuns {
		t.Fatalf("%d replays ran after the debrief was abandoned", reports)
	}
}

// The debrief says how many other worlds it played and what so few can
// say: the win rate's 95% interval holds the rate seen.
func TestDebriefLuckStatesItsWorlds(t *testing.T) {
	for _, plan := range []string{"globomantics-devops", "globomantics-none"} {
		l := playedDefault(t, plan).Debrief().Luck
		if l == nil || l.Runs != sim.LuckRuns {
			t.Fatalf("%s: luck %+v, want %d worlds", plan, l, sim.LuckRuns)
		}
		if !(l.WinRateLow <= l.WinRate && l.WinRate <= l.WinRateHigh) || l.WinRateHigh <= 0 || l.WinRateHigh > 1 || l.WinRateLow < 0 {
			t.Errorf("%s: win rate %v outside its interval [%v, %v]", plan, l.WinRate, l.WinRateLow, l.WinRateHigh)
		}
		// 20 worlds all won (or all lost) still leave about 16 points of doubt.
		if w := l.WinRateHigh - l.WinRateLow; w < 0.1 {
			t.Errorf("%s: an interval %v wide from %d worlds", plan, w, l.Runs)
		}
	}
}
