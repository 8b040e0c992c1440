package sim_test

import (
	"reflect"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// A game made from a spent one's memory is the game NewGame makes, whatever
// the spent one played (longer or shorter, with or without a plan), and the
// results taken from the spent ones stay as they were.
func TestNewGameReusingIsNewGame(t *testing.T) {
	sc := defaultScenario(t)
	plan, err := scenario.ResolvePlan("globomantics-devops", sc)
	if err != nil {
		t.Fatal(err)
	}
	type game struct {
		seed  uint64
		weeks int
		plan  *sim.Plan
	}
	games := []game{{1, 0, plan}, {2, 0, nil}, {3, 10, plan}, {4, 0, plan}, {5, 80, nil}, {6, 0, plan}}
	var spent *sim.Game
	var got []sim.Result
	for _, gm := range games {
		g := sim.NewGameReusing(sc, gm.seed, gm.weeks, spent)
		g.Play(gm.plan)
		got = append(got, g.Result())
		spent = g
	}
	for i, gm := range games {
		g := sim.NewGame(sc, gm.seed, gm.weeks)
		g.Play(gm.plan)
		if want := g.Result(); !reflect.DeepEqual(got[i], want) {
			t.Errorf("seed %d, %d weeks: the game made from a spent one differs from a new one", gm.seed, gm.weeks)
		}
	}
}

// Reusing a spent game's memory is what makes it worth it: a game made
// from one allocates far less than a new one.
func TestNewGameReusingAllocatesLess(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector's own allocations and dropped pool values hide the game's")
	}
	sc := defaultScenario(t)
	plan, err := scenario.ResolvePlan("globomantics-devops", sc)
	if err != nil {
		t.Fatal(err)
	}
	seed := uint64(0)
	play := func(spent *sim.Game) *sim.Game {
		seed++
		g := sim.NewGameReusing(sc, seed, 0, spent)
		g.Play(plan)
		g.Result()
		return g
	}
	spent := play(nil)
	fresh := testing.AllocsPerRun(3, func() { play(nil) })
	reused := testing.AllocsPerRun(3, func() { spent = play(spent) })
	t.Logf("%.0f allocations a game made from a spent one, %.0f a new one", reused, fresh)
	if reused > fresh*0.9 {
		t.Fatalf("%.0f allocations a game made from a spent one, %.0f a new one", reused, fresh)
	}
}
