package balance

import (
	"slices"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// builtinPlans are the built-in plans named after the scenario, the sound
// plan first, as `globosim balance` orders them.
func builtinPlans(t *testing.T, name string, sc *sim.Scenario) []*sim.Plan {
	t.Helper()
	var plans []*sim.Plan
	for _, b := range scenario.BuiltinPlans() {
		if !strings.HasPrefix(b.Name, name+"-") || b.Name == name+"-none" {
			continue
		}
		p, err := scenario.ResolvePlan(b.Name, sc)
		if err != nil {
			t.Fatal(err)
		}
		if b.Name == name+"-devops" {
			plans = append([]*sim.Plan{p}, plans...)
		} else {
			plans = append(plans, p)
		}
	}
	return plans
}

// knownMisses are the targets the default scenario misses today: none
// since its rebalancing on issue 11's economy (docs/game.md, Balance). A
// target listed here is reported but does not fail the test.
var knownMisses []string

// The default scenario, checked on 40 seeds (docs/game.md has the table on
// 500), meets the targets but the known misses; and the devops plan's
// lead time in the last quarter is under a third of doing nothing's.
func TestDefaultScenarioTargets(t *testing.T) {
	sc, err := scenario.Resolve("globomantics")
	if err != nil {
		t.Fatal(err)
	}
	rep := Check(sc, builtinPlans(t, "globomantics", sc), 40, 1)
	t.Log("\n" + rep.Format())
	if len(rep.Targets) != 8 {
		t.Errorf("%d targets measured, want 8: %v", len(rep.Targets), rep.Targets)
	}
	for _, tg := range rep.Targets {
		if !tg.Met() && !slices.Contains(knownMisses, tg.What) {
			t.Errorf("target missed: %s %.0f%%", tg.What, 100*tg.Value)
		}
	}
	if d := rep.Plans[0]; d.LeadTime > LeadTimeRatioAtMost*rep.Baseline.LeadTime {
		t.Errorf("devops lead time in the last quarter %.0fh, doing nothing %.0fh: want under a third", d.LeadTime, rep.Baseline.LeadTime)
	}
	if len(rep.Singles) < 5 {
		t.Errorf("only %d investments can be bought alone", len(rep.Singles))
	}
	for _, l := range strings.Split(rep.Format(), "\n") {
		if n := len([]rune(l)); n > 80 {
			t.Errorf("a line of %d columns: %q", n, l)
		}
	}
}

// good is a report that meets every target.
func good() Report {
	return Report{
		Baseline:  PlanResult{Name: "do nothing", Kind: Baseline, WinRate: 0.02},
		Plans:     []PlanResult{{Name: "DevOps", Kind: Sound, WinRate: 0.9}},
		Greedy:    []PlanResult{{Name: "Buy everything", Kind: Greedy, WinRate: 0.2}, {Name: "Buy everything, improvement 0.5", Kind: Greedy, WinRate: 0.3}},
		Singles:   []PlanResult{{Name: "CI", Kind: Single, WinRate: 0.1}, {Name: "MVP", Kind: Single}},
		Practices: []PlanResult{{Name: "Practices", Kind: Practices, WinRate: 0.2}},
		JCurve:    JCurve{ShareDips: 0.6, ShareEndsAbove: 0.95},
	}
}

// Each warning fires when its target is missed, and none on a report that
// meets them all.
func TestWarnings(t *testing.T) {
	rep := good()
	if ws := warnings(&rep); len(ws) > 0 {
		t.Errorf("a good report warns: %v", ws)
	}
	for _, tg := range targets(&rep) {
		if !tg.Met() {
			t.Errorf("a good report misses %s", tg.What)
		}
	}
	cases := []struct {
		kind   WarningKind
		spoil  func(*Report)
		target string
	}{
		{NoneWins, func(r *Report) { r.Baseline.WinRate = 0.06 }, "doing nothing wins"},
		{SoundLoses, func(r *Report) { r.Plans[0].WinRate = 0.79 }, "the sound plan wins"},
		{NoSoundPlan, func(r *Report) { r.Plans = nil }, ""},
		{GreedyWins, func(r *Report) { r.Greedy[1].WinRate = 0.31 }, "buying everything wins"},
		{SingleWins, func(r *Report) { r.Singles[1].WinRate = 0.11 }, "the best single investment wins"},
		{PracticesWin, func(r *Report) { r.Practices[0].WinRate = 0.21 }, "practices without automation win"},
		{LoserOutscores, func(r *Report) {
			r.Honesty = Honesty{Seeds: 0.01, Seed: 7, Loser: "Fire everyone", Winner: "DevOps", LoserScore: 300, WinScore: 290}
		}, "seeds where a loser outscores a winner"},
		{NoDip, func(r *Report) { r.JCurve.ShareDips = 0.59 }, "the sound plan's share dips below"},
		{NoPass, func(r *Report) { r.JCurve.ShareEndsAbove = 0.94 }, "the sound plan's share ends above"},
	}
	for _, c := range cases {
		rep := good()
		c.spoil(&rep)
		ws := warnings(&rep)
		if len(ws) != 1 || ws[0].Kind != c.kind {
			t.Errorf("warning %d: got %v", c.kind, ws)
		}
		for _, tg := range targets(&rep) {
			if tg.Met() == (tg.What == c.target) {
				t.Errorf("warning %d: target %q met: %v", c.kind, tg.What, tg.Met())
			}
		}
	}
}

// The search's own warnings: a simple plan that wins, buying everything
// winning, a loser outscoring a winner; none when all is well.
func TestSearchWarnings(t *testing.T) {
	plan := func(n int) *sim.Plan { return &sim.Plan{Steps: make([]sim.PlannedDecision, n)} }
	ok := SearchReport{
		Simple:  []Found{{PlanResult: PlanResult{Name: "w1 ci", WinRate: 0.3}, Plan: plan(1)}},
		Greedy:  []Found{{PlanResult: PlanResult{Name: "everything", WinRate: 0.3}, Plan: plan(9)}},
		Overall: []Found{{PlanResult: PlanResult{Name: "the lot", WinRate: 0.99}, Plan: plan(9)}},
	}
	if ws := searchWarnings(&ok); len(ws) > 0 {
		t.Errorf("warnings on a good search: %v", ws)
	}
	bad := ok
	bad.Simple = []Found{{PlanResult: PlanResult{Name: "w1 ci", WinRate: 0.31}, Plan: plan(3)}}
	bad.Greedy = []Found{{PlanResult: PlanResult{Name: "everything", WinRate: 0.5}, Plan: plan(9)}}
	bad.Honesty = Honesty{Seeds: 0.5, Loser: "a", Winner: "b"}
	var kinds []WarningKind
	for _, w := range searchWarnings(&bad) {
		kinds = append(kinds, w.Kind)
	}
	if !slices.Equal(kinds, []WarningKind{SimpleWins, GreedyWins, LoserOutscores}) {
		t.Errorf("warnings %v", kinds)
	}
}

// The honesty check finds, seed by seed, a losing game that scores more
// than a winning one, whichever strategies played them.
func TestHonesty(t *testing.T) {
	h := newHonestyTracker(3, 10)
	h.add([]game{{won: true, score: 500}, {won: true, score: 400}, {won: false, score: 100}}, "sound")
	h.add([]game{{won: false, score: 450}, {won: false, score: 410}, {won: false, score: 900}}, "fire")
	got := h.result()
	want := Honesty{Seeds: 1.0 / 3, Seed: 11, Loser: "fire", Winner: "sound", LoserScore: 410, WinScore: 400}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// Investments are tools or practices by their effects.
func TestIsPractice(t *testing.T) {
	for name, want := range map[string][]string{
		"globomantics": {"mvp", "postmortems"},
		"startup":      {"mvp", "review"},
		"enterprise":   {"mvp"},
		"tutorial":     nil,
	} {
		sc, err := scenario.Resolve(name)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for i := range sc.Investments {
			if IsPractice(&sc.Investments[i]) {
				got = append(got, sc.Investments[i].ID)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: practices %v, want %v", name, got, want)
		}
	}
}

// An investment that enables slicing, played alone, also slices; buying
// everything buys every investment, prerequisites first.
func TestGeneratedStrategies(t *testing.T) {
	sc, err := scenario.Resolve("globomantics")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range SingleStrategies(sc) {
		if s.Name != "MVP slicing" {
			continue
		}
		kinds := map[sim.DecisionKind]bool{}
		for _, d := range s.Decisions(sc, 1).Steps {
			kinds[d.Kind] = true
		}
		if !kinds[sim.SetSlicing] {
			t.Errorf("MVP slicing alone never slices: %v", s.Decisions(sc, 1).Steps)
		}
	}
	g := GreedyStrategies(sc)
	if len(g) != 5 {
		t.Fatalf("%d greedy strategies, want one per improvement share (5)", len(g))
	}
	bought := map[string]int{}
	for _, d := range g[len(g)-1].Decisions(sc, 1).Steps { // half of every team's time: everything gets built
		if d.Kind == sim.Invest {
			bought[d.Investment] = d.Week
		}
	}
	// Money binds: what it did not buy, it could not afford at the end.
	for _, st := range g[len(g)-1].play(sc, 1).Investments() {
		if _, ok := bought[st.ID]; !ok && st.Lock.Kind != sim.Unaffordable {
			t.Errorf("%s not bought, and not for want of money (%v): bought %v", st.ID, st.Lock, bought)
		}
	}
	if len(bought) < len(sc.Investments)-2 {
		t.Errorf("bought %d of %d investments: %v", len(bought), len(sc.Investments), bought)
	}
	if bought["cd"] <= bought["tests2"] || bought["tests2"] <= bought["tests1"] {
		t.Errorf("prerequisites not first: %v", bought)
	}
}

// A plan file written by PlanTOML reads back as the same plan.
func TestPlanTOMLReadsBack(t *testing.T) {
	sc, err := scenario.Resolve("globomantics")
	if err != nil {
		t.Fatal(err)
	}
	want := &sim.Plan{Name: `A "found" plan`, Description: "Two\nlines, a \\ and é.", Steps: []sim.PlannedDecision{
		at(1, sim.Decision{Kind: sim.Invest, Investment: "ci"}),
		at(2, sim.Decision{Kind: sim.SetSlicing, N: 3}),
		at(3, sim.Decision{Kind: sim.SetReleaseCadence, Every: 2 * sc.Week()}),
		at(3, sim.Decision{Kind: sim.SetReleaseCadence, Every: 12 * sim.Hour}),
		at(4, sim.Decision{Kind: sim.SetWIPLimit, Stage: "qa", N: 4}),
		at(5, sim.Decision{Kind: sim.Hire, Stage: "qa", N: -1}),
	}}
	text := PlanTOML(want, sc, "Found by a test.\nTwo lines.")
	got, err := scenario.ParsePlan("found.toml", []byte(text), sc)
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	if got.Name != want.Name || got.Description != want.Description || !slices.Equal(got.Steps, want.Steps) {
		t.Errorf("read back %+v\nfrom\n%s", got, text)
	}
}
