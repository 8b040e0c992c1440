package sim

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/sim/des"
)

// flood is a queueing model (what the loader makes of a scenario with no
// game sections) whose one work type arrives every minute into a stage.
func flood(capacity int, service des.Dist, hoursPerWeek int) *Scenario {
	return &Scenario{
		Name: "Flood", HoursPerWeek: hoursPerWeek, Weeks: 1000, Seed: 1,
		Work:       []WorkType{{ID: "w", Arrival: des.Fixed(1), Size: des.Fixed(1), Route: []int{0}}},
		Stages:     []Stage{{ID: "slow", Capacity: capacity, Service: service}},
		Production: Production{Commit: 0, Release: -1, Deploy: 0},
		Company:    Company{MarketShare: 1},
		Quality:    Quality{BugWork: -1, BugDelay: des.Fixed(0), Regression: -1},
		Incidents:  Incidents{Restore: des.Fixed(0), Stage: 0},
		Market:     Market{ValueHalfLife: 8},
	}
}

// allocated runs f and returns the bytes it allocated.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestOverflowStopsTheRun is work arriving every minute into a stage that
// takes a week per item, for 1000 weeks: it took 39 s and 4.4 GB. The run
// stops in week 42, when the queue passes the bound, with an error that
// says where, and the game ends lost with it as the reason.
func TestOverflowStopsTheRun(t *testing.T) {
	sc := flood(1, des.Fixed(float64(40*Hour)), 40)
	var g *Game
	bytes := allocated(func() {
		g = NewGame(sc, 1, 0)
		g.Play(nil)
	})
	var o *Overflow
	if !errors.As(g.Err(), &o) || o.Week != 42 || o.Stage != "slow" || o.Waiting != MaxWorkInSystem-1 {
		t.Fatalf("Err() = %#v", g.Err())
	}
	want := `stopped in week 42: more than 100000 work items are in the system at once, 99999 of them waiting at stage "slow"; ` +
		"work arrives there faster than it can be done (globosim validate shows each stage's offered load)"
	if g.Err().Error() != want {
		t.Errorf("message\n%s\nwant\n%s", g.Err(), want)
	}
	outcome, over := g.Over()
	if !over || outcome.Won || outcome.Week != 42 || !strings.HasPrefix(outcome.Reason, "Stopped in week 42: more than 100000") {
		t.Errorf("outcome %+v", outcome)
	}
	if r := g.Result(); r.Summary.Won || r.Summary.WIPEnd != MaxWorkInSystem+1 {
		t.Errorf("result: won %v, %d in the system", r.Summary.Won, r.Summary.WIPEnd)
	}
	if most := uint64(256 << 20); bytes > most {
		t.Errorf("the run allocated %d MB, want at most %d", bytes>>20, most>>20)
	}
	t.Logf("allocated %d MB", bytes>>20)

	// A game (with money) reports the stop as its outcome.
	rich := *sc
	rich.Company.Budget = 1_000_000
	h := NewGame(&rich, 1, 0)
	h.Play(nil)
	if r := h.Result(); r.Summary.Won || r.Summary.Outcome != outcome.Reason {
		t.Errorf("game result: won %v, outcome %q", r.Summary.Won, r.Summary.Outcome)
	}

	// Stopped is stopped: the clock does not move and the error stays.
	s := g.Sim()
	now := s.Now()
	if err := s.RunUntil(now + 10*sc.Week()); err != g.Err() || s.Now() != now {
		t.Errorf("after the stop: RunUntil = %v, clock %d → %d", err, now, s.Now())
	}
}

// TestArrivalsBounded is work that never piles up but arrives every minute
// of every hour: its history alone would fill the memory in a long game.
func TestArrivalsBounded(t *testing.T) {
	sc := flood(Unlimited, des.Fixed(1), 168)
	var r Result
	var err error
	bytes := allocated(func() {
		g := NewGame(sc, 1, 0)
		g.Play(nil)
		r, err = g.Result(), g.Err()
	})
	var o *Overflow
	if !errors.As(err, &o) || o.Week != 100 || r.Summary.Arrived != MaxArrivals+1 {
		t.Fatalf("Err() = %v, %d arrived", err, r.Summary.Arrived)
	}
	if want := "stopped in week 100: more than 1000000 work items have arrived, far more than a game needs; make the work arrive less often or the game shorter"; err.Error() != want {
		t.Errorf("message\n%s\nwant\n%s", err, want)
	}
	if most := uint64(1 << 30); bytes > most {
		t.Errorf("the run allocated %d MB, want at most %d", bytes>>20, most>>20)
	}
	t.Logf("allocated %d MB", bytes>>20)
}

// TestNoOverflowInAnHonestGame: the bounds stay silent in a long game of a
// stage that keeps up.
func TestNoOverflowInAnHonestGame(t *testing.T) {
	sc := flood(2, des.ExpDist(1.5), 40)
	g := NewGame(sc, 1, 200)
	g.Play(nil)
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	if outcome, _ := g.Over(); outcome.Week != 200 {
		t.Errorf("outcome %+v", outcome)
	}
}

// TestRunSaysWhyItStopped: Run returns the overflow that stopped it, and
// refuses a horizon in the past, rather than a result that looks whole.
func TestRunSaysWhyItStopped(t *testing.T) {
	var o *Overflow
	if _, err := Run(flood(1, des.Fixed(float64(40*Hour)), 40), 1, 100); !errors.As(err, &o) || o.Week != 42 {
		t.Errorf("a flooded run: err %v, want the overflow in week 42", err)
	}
	sc := flood(4, des.Fixed(1), 40)
	if _, err := Run(sc, 1, -1); err == nil {
		t.Error("a run of -1 weeks: no error")
	}
	if r, err := Run(sc, 1, 2); err != nil || r.Weeks != 2 {
		t.Errorf("a 2-week run: %d weeks, err %v", r.Weeks, err)
	}
}
