package sim_test

import (
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/sim"
)

// Letting the network engineers go while network automation is built no
// longer pays: the tool is built by the people who stay, so it takes
// longer, and the last one cannot be let go.
func TestFiringTheBuildersSlowsTheBuild(t *testing.T) {
	sc := defaultScenario(t)
	g := sim.NewGame(sc, 1, 0)
	if err := g.Apply(sim.Decision{Kind: sim.Invest, Investment: "netauto"}); err != nil {
		t.Fatal(err)
	}
	ready := func() int {
		for _, st := range g.Investments() {
			if st.ID == "netauto" {
				return st.ReadyWeek
			}
		}
		return -1
	}
	before := ready()
	if err := g.Apply(sim.Decision{Kind: sim.Hire, Stage: "network", N: -1}); err != nil {
		t.Fatal(err)
	}
	if after := ready(); before <= 1 || after <= before {
		t.Fatalf("network automation ready in week %d with two engineers, %d with one", before, after)
	}
	if err := g.Apply(sim.Decision{Kind: sim.Hire, Stage: "network", N: -1}); err == nil || !strings.Contains(err.Error(), "cannot go below one") {
		t.Fatalf("letting the last one go: %v", err)
	}
}
