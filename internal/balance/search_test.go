package balance

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

func exploit(t *testing.T) *sim.Scenario {
	t.Helper()
	sc, err := scenario.Load("testdata/exploit.toml")
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

var small = SearchOptions{Runs: 20, Recheck: 40, Budget: 24, Top: 3, Seed: 5}

// The search finds the planted exploit (a cheap investment that wins
// alone), says so, and writes it as a plan that wins when run.
func TestSearchFindsPlantedExploit(t *testing.T) {
	sc := exploit(t)
	rep := Search(sc, small)
	t.Log("\n" + rep.Format())
	if rep.Evaluated != small.Budget {
		t.Errorf("screened %d plans, the budget is %d", rep.Evaluated, small.Budget)
	}
	if len(rep.Simple) == 0 || rep.Simple[0].WinRate <= SimpleWinsAtMost {
		t.Fatalf("no simple plan wins: %+v", rep.Simple)
	}
	found := false
	for _, s := range rep.Simple[0].Plan.Steps {
		found = found || s.Investment == "magic"
	}
	if !found {
		t.Errorf("the strongest simple plan has no magic beans: %v", rep.Simple[0].Plan.Steps)
	}
	var kinds []WarningKind
	for _, w := range rep.Warnings {
		kinds = append(kinds, w.Kind)
	}
	if len(kinds) == 0 || kinds[0] != SimpleWins {
		t.Errorf("warnings %v, want a simple plan first", rep.Warnings)
	}
	p, err := scenario.ParsePlan("found.toml", []byte(PlanTOML(rep.Simple[0].Plan, sc, "")), sc)
	if err != nil {
		t.Fatal(err)
	}
	if r := sim.RunGame(sc, 5, 0, p); !r.Summary.Won && rep.Simple[0].WinRate == 1 {
		t.Errorf("the plan written out loses on seed 5")
	}
	for _, l := range strings.Split(rep.Format(), "\n") {
		if n := len([]rune(l)); n > 80 {
			t.Errorf("a line of %d columns: %q", n, l)
		}
	}
}

// The same options give the same search.
func TestSearchIsDeterministic(t *testing.T) {
	sc := exploit(t)
	a, b := Search(sc, small), Search(sc, small)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("two searches differ:\n%s\n%s", a.Format(), b.Format())
	}
	other := small
	other.Seed = 6
	if c := Search(sc, other); reflect.DeepEqual(a.Overall, c.Overall) {
		t.Errorf("another seed found the same plans with the same figures")
	}
}

// Progress: a line per phase, or, live, counts updated in place.
func TestSearchProgress(t *testing.T) {
	sc := exploit(t)
	var plain, live bytes.Buffer
	opt := small
	opt.Budget, opt.Top = 12, 1
	opt.Progress = &plain
	Search(sc, opt)
	lines := strings.Split(strings.TrimSuffix(plain.String(), "\n"), "\n")
	if len(lines) != 5 || strings.Contains(plain.String(), "\r") {
		t.Errorf("progress %q, want 5 lines", plain.String())
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "search: ") {
			t.Errorf("progress line %q", l)
		}
	}
	opt.Progress, opt.Live = &live, true
	Search(sc, opt)
	out := live.String()
	if strings.Count(out, "\n") != 5 || !strings.Contains(out, "\rsearch: random plans ") || !strings.HasSuffix(out, "\n") {
		t.Errorf("live progress %q", out)
	}
}

// The decision space has each kind the scenario allows, and no
// improvement decision while the game refuses them.
func TestDecisionSpace(t *testing.T) {
	sc, err := scenario.Resolve("globomantics")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[sim.DecisionKind]int{}
	for _, d := range DecisionSpace(sc) {
		kinds[d.Kind]++
	}
	if kinds[sim.Invest] != len(sc.Investments) || kinds[sim.SetSlicing] != 1 || kinds[sim.SetReleaseCadence] == 0 ||
		kinds[sim.SetWIPLimit] != 2 || kinds[sim.Hire] == 0 {
		t.Errorf("decision space %v", kinds)
	}
	answers := 0
	for _, ev := range sc.Events {
		answers += max(len(ev.Choices)-1, 0)
	}
	if answers == 0 || kinds[sim.Respond] != answers {
		t.Errorf("%d answers to events in the decision space, want one per choice that is not the default (%d)", kinds[sim.Respond], answers)
	}
	g := sim.NewGame(sc, 1, 0)
	accepts := g.Apply(sim.Decision{Kind: sim.SetImprovement, Stage: "dev", Share: 0.1}) == nil
	if (kinds[sim.SetImprovement] > 0) != accepts {
		t.Errorf("%d improvement decisions, the game accepts them: %v", kinds[sim.SetImprovement], accepts)
	}
}

// A scenario with nothing to decide is searched and checked without
// trouble: no plans, no panic.
func TestNothingToDecide(t *testing.T) {
	sc := *exploit(t)
	sc.Investments, sc.Slicing, sc.Production.Release = nil, sim.Slicing{}, -1
	sc.Stages = slices.Clone(sc.Stages)
	for i := range sc.Stages {
		sc.Stages[i].Capacity = sim.Unlimited
	}
	if space := DecisionSpace(&sc); len(space) != 0 {
		t.Fatalf("decision space %v", space)
	}
	rep := Search(&sc, small)
	if rep.Evaluated != 0 || len(rep.Simple)+len(rep.Overall)+len(rep.Greedy) != 0 {
		t.Errorf("searched %d plans: %+v", rep.Evaluated, rep)
	}
	_ = rep.Format()
	chk := Check(&sc, nil, 5, 1)
	if len(chk.Greedy)+len(chk.Singles)+len(chk.Practices) != 0 {
		t.Errorf("strategies without investments: %+v", chk)
	}
	_ = chk.Format()
}
