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

// oldTutorial is the tutorial as it was before its redesign, with its
// lessons plan: three of the plan's decisions, sooner, won it more often
// than the lessons did, and the search before seeding missed them.
func oldTutorial(t *testing.T) (*sim.Scenario, *sim.Plan) {
	t.Helper()
	sc, err := scenario.Load("testdata/tutorial-old.toml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := scenario.LoadPlan("testdata/tutorial-old-lessons.toml", sc)
	if err != nil {
		t.Fatal(err)
	}
	return sc, p
}

// The subsets of the sound plan hold the old tutorial's "core tools
// early" (CI and the fortnightly train in week 1, test automation as soon
// as CI is built), with the weeks the game took them.
func TestSoundSubsets(t *testing.T) {
	sc, sound := oldTutorial(t)
	s := newSearcher(sc, SearchOptions{Seed: 1})
	subsets := s.soundSubsets(sound)
	names := map[string]bool{}
	for _, st := range subsets {
		if n := len(st.Plan.Steps); n < 1 || n > SimpleDecisions || st.AsSoonAsAllowed {
			t.Errorf("%q: %d decisions, as soon as allowed %v", st.Name, n, st.AsSoonAsAllowed)
		}
		if names[st.Name] {
			t.Errorf("%q twice", st.Name)
		}
		names[st.Name] = true
	}
	for _, want := range []string{"w1 ci, w1 release 2w, w4 tests", "w5 ci, w9 release 2w, w11 tests", "w3 ci, w5 release 2w, w6 tests", "w9 audit: consultants"} {
		if !names[want] {
			t.Errorf("no subset %q among %d", want, len(subsets))
		}
	}
	if got := len(combinations(6, 3)); got != 20 {
		t.Errorf("%d subsets of 3 of 6", got)
	}
	if s.soundSubsets(nil) != nil {
		t.Errorf("subsets of no plan")
	}
}

// Seeded with its sound plan, the search finds that the old tutorial is
// won by three decisions and says so first.
func TestSearchFindsTheOldTutorialsExploit(t *testing.T) {
	sc, sound := oldTutorial(t)
	opt := SearchOptions{Runs: 20, Recheck: 40, Budget: 90, Top: 3, Seed: 1, Sound: sound}
	rep := Search(sc, opt)
	t.Log("\n" + rep.Format())
	if rep.Subsets < 40 || rep.Screened == 0 || rep.Screened >= rep.Subsets {
		t.Errorf("%d subsets of the sound plan, %d screened: want the strongest of all of them tried on %d seeds", rep.Subsets, rep.Screened, QuickSeeds)
	}
	if len(rep.Warnings) == 0 || rep.Warnings[0].Kind != SimpleWins {
		t.Fatalf("warnings %v, want a simple plan that wins first", rep.Warnings)
	}
	f := rep.Simple[0]
	invest := map[string]int{}
	for _, s := range f.Plan.Steps {
		if s.Kind == sim.Invest {
			invest[s.Investment] = s.Week
		}
	}
	if f.WinRate <= SimpleWinsAtMost || invest["ci"] != 1 || invest["tests"] == 0 {
		t.Errorf("the strongest simple plan %q wins %.0f%%: want CI in week 1 and test automation, winning more than %.0f%%", f.Name, 100*f.WinRate, 100*SimpleWinsAtMost)
	}
}
