package sim_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/sim"
)

// An investment whose teams have done all their work before its least
// build time is over says so: Delivered, and ready in a fixed week, not a
// forecast at today's improvement time.
func TestInvestmentDeliveredWaitsForItsLeastTime(t *testing.T) {
	g := sim.NewGame(defaultScenario(t), 1, 0)
	if err := g.Apply(sim.Decision{Kind: sim.Invest, Investment: "ci"}); err != nil {
		t.Fatal(err)
	}
	ci := func() sim.InvestmentStatus {
		for _, st := range g.Investments() {
			if st.ID == "ci" {
				return st
			}
		}
		t.Fatal("no ci")
		return sim.InvestmentStatus{}
	}
	ready := ci().ReadyWeek
	for !ci().Delivered {
		st := ci()
		if st.State != sim.Building || st.Effort[0].Done >= st.Effort[0].Total {
			t.Fatalf("week %d: %s, %.2f of %.2f person-weeks, not delivered", g.Week(), st.State, st.Effort[0].Done, st.Effort[0].Total)
		}
		g.AdvanceWeek()
	}
	st := ci()
	if st.State != sim.Building || st.ReadyWeek != ready || st.Effort[0].Done < st.Effort[0].Total {
		t.Fatalf("delivered in week %d: %+v, ready in week %d (was %d)", g.Week(), st, st.ReadyWeek, ready)
	}
	if want := fmt.Sprintf("ready in week %d", ready); st.When() != want {
		t.Errorf("When() = %q, want %q", st.When(), want)
	}
	if want := fmt.Sprintf("is already being built; ready in week %d", ready); !strings.Contains(st.Lock.Error(), want) {
		t.Errorf("the lock reason %q does not say %q", st.Lock.Error(), want)
	}
	for ci().State == sim.Building {
		g.AdvanceWeek()
	}
	if g.Week() != ready {
		t.Errorf("done after week %d, said ready in week %d", g.Week(), ready)
	}
	if ci().Delivered {
		t.Error("a built investment is still Delivered")
	}
}
