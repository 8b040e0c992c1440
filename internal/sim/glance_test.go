package sim_test

import (
	"reflect"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// The dashboard's accessors say what Result and Investments say, day by
// day through a game with investments, incidents and events.
func TestGlanceMatchesResult(t *testing.T) {
	sc := defaultScenario(t)
	p, err := scenario.ResolvePlan("globomantics-devops", sc)
	if err != nil {
		t.Fatal(err)
	}
	g := sim.NewGame(sc, 1, 0)
	sawBuilding := false
	for day := 0; ; day++ {
		if _, over := g.Over(); over {
			break
		}
		if day%5 == 0 {
			for _, step := range p.Steps {
				if step.Week == g.Week()+1 {
					_ = g.Apply(step.Decision) // a refusal is news, as in Play
				}
			}
		}
		if pe, ok := g.Pending(); ok {
			_ = g.Apply(sim.Decision{Kind: sim.Respond, Event: pe.Event, Choice: pe.Options[0].ID})
		}
		g.RunUntil(g.Now() + sc.Day())
		gl := g.Glance()
		r := g.Result()
		want := sim.Glance{DORA: r.Summary.DORA, ThroughputPerWeek: r.Summary.ThroughputPerWeek, WIPEnd: r.Summary.WIPEnd, FlowEfficiency: r.Summary.FlowEfficiency, MarketShare: r.Summary.MarketShare}
		if gl != want {
			t.Fatalf("day %d: Glance %+v, Result says %+v", day, gl, want)
		}
		if got := g.WeeksPlayed(); !reflect.DeepEqual(got, r.Weekly) && len(got)+len(r.Weekly) > 0 {
			t.Fatalf("day %d: weeks played %+v, Result has %+v", day, got, r.Weekly)
		}
		var building []sim.InvestmentStatus
		for _, inv := range g.Investments() {
			if inv.State == sim.Building {
				building = append(building, inv)
			}
		}
		sawBuilding = sawBuilding || len(building) > 0
		if got := g.Building(); !reflect.DeepEqual(got, building) {
			t.Fatalf("day %d: Building %+v, Investments has %+v", day, got, building)
		}
	}
	if !sawBuilding {
		t.Fatal("nothing was built: the test proves nothing")
	}
}
