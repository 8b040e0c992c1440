package balance

import (
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// The default scenario is a good game, checked on 40 seeds (docs/game.md
// has the table on 500): doing nothing loses, the devops plan wins with a
// far shorter lead time, no single investment wins alone, and the devops
// plan shows a J-curve.
func TestDefaultScenarioIsBalanced(t *testing.T) {
	sc, err := scenario.Resolve("globomantics")
	if err != nil {
		t.Fatal(err)
	}
	var plans []*sim.Plan
	var devops *sim.Plan
	for _, b := range scenario.BuiltinPlans() {
		if !strings.HasPrefix(b.Name, "globomantics-") {
			continue
		}
		p, err := scenario.ResolvePlan(b.Name, sc)
		if err != nil {
			t.Fatal(err)
		}
		plans = append(plans, p)
		if b.Name == "globomantics-devops" {
			devops = p
		}
	}
	rep := Check(sc, plans, 40, 1)
	t.Log("\n" + rep.Format())

	if lose := 1 - rep.Baseline.WinRate; lose < NoneLosesAtLeast {
		t.Errorf("doing nothing loses %.0f%% of games, want at least %.0f%%", 100*lose, 100*NoneLosesAtLeast)
	}
	var d PlanResult
	for _, p := range rep.Plans {
		if p.Name == devops.Name {
			d = p
		}
	}
	if d.WinRate < StrategyWinsAtLeast {
		t.Errorf("the devops plan wins %.0f%%, want at least %.0f%%", 100*d.WinRate, 100*StrategyWinsAtLeast)
	}
	if d.LeadTime > LeadTimeRatioAtMost*rep.Baseline.LeadTime {
		t.Errorf("devops lead time in the last quarter %.0fh, doing nothing %.0fh: want under a third", d.LeadTime, rep.Baseline.LeadTime)
	}
	if d.JCurve < JCurveSeedsAtLeast {
		t.Errorf("the J-curve shows in %.0f%% of seeds, want most", 100*d.JCurve)
	}
	if len(rep.Singles) < 5 {
		t.Errorf("only %d investments can be bought alone", len(rep.Singles))
	}
	for _, s := range rep.Singles {
		if s.WinRate > SingleWinsAtMost {
			t.Errorf("%s alone wins %.0f%%", s.Name, 100*s.WinRate)
		}
	}
	if len(rep.Warnings) > 0 {
		t.Errorf("warnings: %v", rep.Warnings)
	}
}

// A scenario that cannot be lost, and one with a dominant investment, get
// warnings.
func TestWarnings(t *testing.T) {
	sc, err := scenario.Resolve("globomantics")
	if err != nil {
		t.Fatal(err)
	}
	easy := *sc
	easy.Company.ShareFloor, easy.Company.WinShare = 0, 0
	rep := Check(&easy, nil, 10, 1)
	if !strings.Contains(strings.Join(rep.Warnings, "\n"), "doing nothing wins ") {
		t.Errorf("an unlosable scenario: warnings %v", rep.Warnings)
	}
	if !strings.Contains(strings.Join(rep.Warnings, "\n"), "no plans to check") {
		t.Errorf("no plans: warnings %v", rep.Warnings)
	}
}
