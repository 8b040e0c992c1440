package sim_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/sim/des"
)

// A deployment is judged by an event with no delay, after every event due
// at its minute. The run loop judges it without the event when no other
// event is due then, as soon as the handler that started it returns: the
// same moment in the same order. Every built-in plan, and a one-stage
// queue whose every change is a deployment, plays the same game both ways,
// and the loop's way is taken in each.
func TestDeploymentsJudgedInTheLoopAsByTheirEvent(t *testing.T) {
	type game struct {
		name string
		sc   *sim.Scenario
		plan *sim.Plan
	}
	var games []game
	for _, pb := range scenario.BuiltinPlans() {
		sc, err := scenario.Resolve(strings.SplitN(pb.Name, "-", 2)[0])
		if err != nil {
			t.Fatal(err)
		}
		p, err := scenario.ResolvePlan(pb.Name, sc)
		if err != nil {
			t.Fatal(err)
		}
		games = append(games, game{pb.Name, sc, p})
	}
	queue := &sim.Scenario{
		Name: "one stage", HoursPerWeek: 40, Weeks: 100,
		Work:   []sim.WorkType{{ID: "job", Arrival: des.ExpDist(25), Size: des.Fixed(1), Route: []int{0}}},
		Stages: []sim.Stage{{ID: "server", Capacity: 3, Service: des.ExpDist(60)}},
	}
	games = append(games, game{"one stage", queue, nil})
	play := func(gm game, seed uint64, inLoop bool) (string, int) {
		was := sim.JudgeInLoop(inLoop)
		defer sim.JudgeInLoop(was)
		g := sim.NewGame(gm.sc, seed, 0)
		g.Play(gm.plan)
		out, err := json.Marshal(g.Result())
		if err != nil {
			t.Fatal(err)
		}
		return string(out), sim.JudgedInLoop(g)
	}
	seeds := []uint64{1, 2, 3}
	if testing.Short() {
		seeds = seeds[:1]
	}
	for _, gm := range games {
		judged := 0
		for _, seed := range seeds {
			byEvent, none := play(gm, seed, false)
			inLoop, n := play(gm, seed, true)
			if none != 0 {
				t.Fatalf("%s: %d deployments judged in the loop while it was off", gm.name, none)
			}
			if inLoop != byEvent {
				t.Errorf("%s, seed %d: the game differs when the loop judges %d deployments", gm.name, seed, n)
			}
			judged += n
		}
		if judged == 0 {
			t.Errorf("%s: no deployment was judged in the loop", gm.name)
		}
	}
}
