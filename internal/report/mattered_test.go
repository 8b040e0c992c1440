package report

import (
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// The startup played with the hosted CI pipeline bought in week 1 and every
// question answered with its default: the answers are worth nothing, so the
// decisions that mattered most are the purchase alone, with its worth.
func TestMatteredMostNamesThePurchaseNotDefaultAnswers(t *testing.T) {
	sc, err := scenario.Resolve("startup")
	if err != nil {
		t.Fatal(err)
	}
	g := sim.NewGame(sc, sc.Seed, 0)
	if err := g.Apply(sim.Decision{Kind: sim.Invest, Investment: "ci"}); err != nil {
		t.Fatal(err)
	}
	for {
		if _, over := g.Over(); over {
			break
		}
		if p, ok := g.Pending(); ok {
			if err := g.Apply(sim.Decision{Kind: sim.Respond, Event: p.Event, Choice: p.Default}); err != nil {
				t.Fatal(err)
			}
			continue
		}
		g.RunUntil(sc.Week() * sim.Time(g.Week()+1))
	}
	impacts := g.Impacts()
	shown := MatteredMost(impacts)
	answers := 0
	for _, im := range impacts {
		if im.Decision.Decision.Kind == sim.Respond {
			answers++
		}
	}
	if answers == 0 || len(shown) != 1 || shown[0].Decision.Decision.Kind != sim.Invest || shown[0].Score == 0 {
		t.Fatalf("%d answers; mattered most: %+v (of %+v)", answers, shown, impacts)
	}
	t.Logf("%d answers, shown %d: %+d %s", answers, len(shown), shown[0].Score, DecisionDone(shown[0].Decision))
	if !strings.Contains(DecisionDone(shown[0].Decision), "Hosted CI pipeline") {
		t.Errorf("the purchase reads %q", DecisionDone(shown[0].Decision))
	}
}
