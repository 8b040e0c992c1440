package sim

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

// improveScenario is gameScenario with nothing that takes developers away
// (no leaver, no firefighting), a quarter of every team's time for
// improvement (dev: 4 people, 1 person-week a week) and three tools that
// need work from dev only.
func improveScenario() *Scenario {
	sc := gameScenario()
	week := sc.Week()
	sc.Company.ImprovementShare = 0.25
	sc.Events = nil
	sc.Incidents.People = 0
	sc.Investments = append(sc.Investments,
		Investment{ID: "small", Name: "Small tool", DrainStage: -1, Effort: []Effort{{Stage: 0, Work: week / 2}},
			Effects: []Effect{{Stage: -1, Restore: 0.9}}},
		Investment{ID: "big", Name: "Big tool", DrainStage: -1, Effort: []Effort{{Stage: 0, Work: 3 * week / 2}},
			Effects: []Effect{{Stage: -1, Restore: 0.9}}},
		Investment{ID: "two", Name: "Two-week tool", DrainStage: -1, Effort: []Effort{{Stage: 0, Work: 2 * week}},
			Effects: []Effect{{Stage: -1, Restore: 0.9}}},
	)
	return sc
}

func mustApply(t *testing.T, g *Game, d Decision) string {
	t.Helper()
	if err := g.Apply(d); err != nil {
		t.Fatal(err)
	}
	return g.Log()[len(g.Log())-1].Text
}

func status(g *Game, id string) InvestmentStatus {
	for _, st := range g.Investments() {
		if st.ID == id {
			return st
		}
	}
	panic("no investment " + id)
}

// 4 developers × 25% give exactly one person-minute a minute: a tool of
// two person-weeks is done at the minute two weeks have passed, not one
// minute sooner, and the work done shows on the way.
func TestImprovementAccruesExactly(t *testing.T) {
	sc := improveScenario()
	week := sc.Week()
	g := NewGame(sc, 1, 0)
	text := mustApply(t, g, Decision{Kind: Invest, Investment: "two"})
	if want := "it needs 2 person-weeks from dev, ready in about week 2 at today's improvement time."; !strings.Contains(text, want) {
		t.Errorf("start: %q, want it to say %q", text, want)
	}
	g.RunUntil(week)
	if st := status(g, "two"); st.State != Building || st.Effort[0].Done != 1 || st.Effort[0].Total != 2 || st.ReadyWeek != 2 {
		t.Fatalf("after a week: %+v", st)
	}
	g.RunUntil(2*week - 1)
	if g.Invested("two") {
		t.Fatal("done a minute early")
	}
	g.RunUntil(2 * week)
	if !g.Invested("two") {
		t.Fatal("not done after exactly two person-weeks")
	}
}

// Two investments on one team share its time; the one that needs less is
// done first and passes its time on: 0.5 and 1.5 person-weeks at one a week
// are done at one week and at two, exactly.
func TestImprovementShared(t *testing.T) {
	sc := improveScenario()
	week := sc.Week()
	g := NewGame(sc, 1, 0)
	mustApply(t, g, Decision{Kind: Invest, Investment: "small"})
	mustApply(t, g, Decision{Kind: Invest, Investment: "big"})
	if s, b := status(g, "small"), status(g, "big"); s.ReadyWeek != 1 || b.ReadyWeek != 2 {
		t.Fatalf("forecast: small week %d, big week %d; want 1 and 2", s.ReadyWeek, b.ReadyWeek)
	}
	g.RunUntil(week - 1)
	if g.Invested("small") {
		t.Fatal("small done early")
	}
	g.RunUntil(week)
	if !g.Invested("small") || g.Invested("big") {
		t.Fatalf("at one week: small %v, big %v", g.Invested("small"), g.Invested("big"))
	}
	if b := status(g, "big"); b.Effort[0].Done != 0.5 {
		t.Fatalf("big has %v person-weeks after sharing a week, want 0.5", b.Effort[0].Done)
	}
	g.RunUntil(2*week - 1)
	if g.Invested("big") {
		t.Fatal("big done early")
	}
	g.RunUntil(2 * week)
	if !g.Invested("big") {
		t.Fatal("big not done at two weeks")
	}
}

// Starting everything at once finishes nothing soon: alone, the small tool
// is done in half a week; beside the two others it takes a week and a half.
func TestImprovementStartingEverythingFinishesNothingSoon(t *testing.T) {
	sc := improveScenario()
	g := NewGame(sc, 1, 0)
	alone := g.forecastOf(t, "small")
	for _, id := range []string{"big", "two", "small"} {
		mustApply(t, g, Decision{Kind: Invest, Investment: id})
	}
	at, _ := g.forecast(-1)
	if crowded := at[g.investmentIndex("small")]; alone != sc.Week()/2 || crowded != 3*sc.Week()/2 {
		t.Fatalf("small alone at %d, beside two others at %d; want %d and %d", alone, crowded, sc.Week()/2, 3*sc.Week()/2)
	}
}

func (g *Game) forecastOf(t *testing.T, id string) Time {
	t.Helper()
	at, _ := g.forecast(g.investmentIndex(id))
	return at[g.investmentIndex(id)]
}

// The team's feature work takes 1/(1-share) longer only while it has
// improvement work in progress; a share of 0 stops the work and says so.
func TestImprovementServiceMultiplier(t *testing.T) {
	sc := improveScenario()
	week := sc.Week()
	g := NewGame(sc, 1, 0)
	if s := g.sim.stages[0].scale; s != 1 {
		t.Fatalf("no improvement work: dev scale %v", s)
	}
	mustApply(t, g, Decision{Kind: Invest, Investment: "two"})
	if s := g.sim.stages[0].scale; math.Abs(s-4.0/3) > 1e-12 {
		t.Fatalf("a quarter for improvement: dev scale %v, want 4/3", s)
	}
	if s := g.sim.stages[2].scale; s != 1 {
		t.Fatalf("QA has no improvement work: scale %v", s)
	}
	g.RunUntil(week / 2)
	text := mustApply(t, g, Decision{Kind: SetImprovement, Stage: "dev", Share: 0})
	if !strings.Contains(text, "features only") || g.sim.stages[0].scale != 1 {
		t.Fatalf("share 0: %q, scale %v", text, g.sim.stages[0].scale)
	}
	st := status(g, "two")
	if st.ReadyWeek != 0 || st.WaitsFor != 0 || st.Effort[0].Done != 0.5 {
		t.Fatalf("share 0: %+v", st)
	}
	err := g.Apply(Decision{Kind: Invest, Investment: "two"})
	if err == nil || !strings.Contains(err.Error(), "waits for improvement time on dev: its share is 0") {
		t.Fatalf("lock reason: %v", err)
	}
	g.RunUntil(2 * week)
	if status(g, "two").Effort[0].Done != 0.5 {
		t.Fatal("progress with a share of 0")
	}
	mustApply(t, g, Decision{Kind: SetImprovement, Stage: "dev", Share: 0.5})
	if s := g.sim.stages[0].scale; s != 2 {
		t.Fatalf("half for improvement: dev scale %v", s)
	}
	// 1.5 person-weeks left at 2 a week: done at 2.75 weeks (RunUntil runs
	// the events before its time).
	g.RunUntil(2*week + 3*week/4 + 1)
	if !g.Invested("two") || g.sim.stages[0].scale != 1 {
		t.Fatalf("done %v, scale %v", g.Invested("two"), g.sim.stages[0].scale)
	}
}

// Letting people go mid-build slows the build from that minute: 1 of 2
// person-weeks in the first week at 4 people, the rest at 2 people (half a
// person-week a week) takes two more weeks.
func TestImprovementFollowsPeople(t *testing.T) {
	sc := improveScenario()
	week := sc.Week()
	g := NewGame(sc, 1, 0)
	mustApply(t, g, Decision{Kind: Invest, Investment: "two"})
	g.RunUntil(week)
	mustApply(t, g, Decision{Kind: Hire, Stage: "dev", N: -2})
	if st := status(g, "two"); st.ReadyWeek != 3 {
		t.Fatalf("forecast after letting two go: week %d, want 3", st.ReadyWeek)
	}
	g.RunUntil(3*week - 1)
	if g.Invested("two") {
		t.Fatal("done early")
	}
	g.RunUntil(3 * week)
	if !g.Invested("two") {
		t.Fatal("not done at three weeks")
	}
}

// The screens' view of the teams' improvement time.
func TestImprovementView(t *testing.T) {
	sc := improveScenario()
	g := NewGame(sc, 1, 0)
	teams := g.Improvement()
	if len(teams) != 3 || teams[0].ID != "dev" || teams[1].ID != "build" || teams[2].ID != "qa" {
		t.Fatalf("teams: %+v", teams)
	}
	if d := teams[0]; d.Share != 0.25 || d.Present != 4 || d.PersonWeeksPerWeek != 0 || len(d.Active) != 0 {
		t.Fatalf("dev before any investment: %+v", d)
	}
	mustApply(t, g, Decision{Kind: Invest, Investment: "two"})
	if d := g.Improvement()[0]; d.PersonWeeksPerWeek != 1 || len(d.Active) != 1 || sc.Investments[d.Active[0]].ID != "two" {
		t.Fatalf("dev building: %+v", d)
	}
	if v := g.Stages()[0]; len(v.Building) != 1 || v.Building[0] != "Two-week tool" {
		t.Fatalf("stage view: building %v", v.Building)
	}
}

// A file's old drain means effort: its people for its build time, which
// stays its least time.
func TestDrainMeansEffort(t *testing.T) {
	sc := gameScenario()
	ci := &sc.Investments[0] // 2 developers for 3 weeks
	if w := ci.Work(); len(w) != 1 || w[0].Stage != 0 || w[0].Work != 6*sc.Week() || ci.LeastTime() != 3*sc.Week() {
		t.Fatalf("drain as effort: %+v, least time %d", w, ci.LeastTime())
	}
	mvp := &sc.Investments[3] // no drain: calendar time only
	if len(mvp.Work()) != 0 || mvp.LeastTime() != sc.Week() {
		t.Fatalf("no drain: %+v, least time %d", mvp.Work(), mvp.LeastTime())
	}
	g := NewGame(sc, 1, 0)
	mustApply(t, g, Decision{Kind: Invest, Investment: "mvp"})
	g.RunUntil(sc.Week() - 1)
	if g.Invested("mvp") {
		t.Fatal("coaching done before its week")
	}
	g.RunUntil(sc.Week())
	if !g.Invested("mvp") {
		t.Fatal("coaching not done after its week")
	}
}

// An effort's build time is the least calendar time: work done sooner
// waits for it.
func TestLeastTimeWithEffort(t *testing.T) {
	sc := improveScenario()
	week := sc.Week()
	i := len(sc.Investments) - 3 // small: half a week of work
	sc.Investments[i].BuildTime = 2 * week
	g := NewGame(sc, 1, 0)
	mustApply(t, g, Decision{Kind: Invest, Investment: "small"})
	if st := status(g, "small"); st.ReadyWeek != 2 {
		t.Fatalf("forecast week %d, want 2", st.ReadyWeek)
	}
	g.RunUntil(2*week - 1)
	if g.Invested("small") || g.sim.stages[0].scale != 1 {
		t.Fatalf("done %v before its least time; dev scale %v after its work", g.Invested("small"), g.sim.stages[0].scale)
	}
	g.RunUntil(2 * week)
	if !g.Invested("small") {
		t.Fatal("not done at its least time")
	}
}

func TestApplyImprovementRefusals(t *testing.T) {
	sc := improveScenario()
	sc.Stages[1].Capacity = Unlimited
	g := NewGame(sc, 1, 0)
	for _, c := range []struct {
		d    Decision
		want string
	}{
		{Decision{Kind: SetImprovement, Stage: "devv", Share: 0.2}, `no stage called "devv"`},
		{Decision{Kind: SetImprovement, Stage: "build", Share: 0.2}, "build is automated: it has no people to give improvement time"},
		{Decision{Kind: SetImprovement, Stage: "dev", Share: 0.6}, "must be from 0 to 50% (half its time), not 0.6"},
		{Decision{Kind: SetImprovement, Stage: "dev", Share: -0.1}, "not -0.1"},
		{Decision{Kind: SetImprovement, Stage: "dev", Share: math.NaN()}, "not NaN"},
		{Decision{Kind: SetImprovement, Stage: "dev", Share: 0.25}, "dev already gives 25% of its time to improvement work"},
	} {
		if err := g.Apply(c.d); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.d, err, c.want)
		}
	}
	if text := mustApply(t, g, Decision{Kind: SetImprovement, Stage: "qa", Share: 0.125}); text != "qa now gives 12.5% of its time to improvement work (0.25 person-weeks a week); features get the rest while it has improvement work." {
		t.Errorf("accepted: %q", text)
	}
}

// The same decisions give the same game: progress is in integers.
func TestImprovementDeterministic(t *testing.T) {
	play := func() ([]InvestmentStatus, Result) {
		g := NewGame(gameScenario(), 3, 12)
		mustApply(t, g, Decision{Kind: Invest, Investment: "ci"})
		mustApply(t, g, Decision{Kind: SetImprovement, Stage: "dev", Share: 0.3})
		for range 3 {
			g.AdvanceWeek()
		}
		mustApply(t, g, Decision{Kind: SetImprovement, Stage: "dev", Share: 0.45})
		for !g.over {
			g.AdvanceWeek()
		}
		return g.Investments(), g.Result()
	}
	a, ra := play()
	b, rb := play()
	if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(ra, rb) {
		t.Fatal("two plays of the same game differ")
	}
}

// A part of an investment on a stage that becomes automated meanwhile
// counts as done: nobody is left there to do it, and the investment does
// not wait for ever.
func TestImprovementOnAStageAutomatedMeanwhile(t *testing.T) {
	sc := improveScenario()
	week := sc.Week()
	sc.Investments = append(sc.Investments, Investment{ID: "buildtool", Name: "Build tool", DrainStage: -1,
		Effort: []Effort{{Stage: 1, Work: 10 * week}}, Effects: []Effect{{Stage: -1, Restore: 0.9}}})
	g := NewGame(sc, 1, 0)
	mustApply(t, g, Decision{Kind: Invest, Investment: "buildtool"})
	mustApply(t, g, Decision{Kind: Invest, Investment: "ci"}) // 6 person-weeks from dev at 1 a week; makes build unlimited
	g.RunUntil(6*week - 1)
	if g.Invested("ci") || g.Invested("buildtool") {
		t.Fatal("done early")
	}
	g.RunUntil(6 * week)
	if !g.Invested("ci") || !g.Invested("buildtool") {
		t.Fatalf("at six weeks: ci %v, build tool %v", g.Invested("ci"), g.Invested("buildtool"))
	}
	if s := g.sim.stages[1].scale; s != 0.1 {
		t.Fatalf("automated build scale %v, want CI's 0.1 and no improvement multiplier", s)
	}
}

// A game with improvement decisions taken mid-week replays exactly from its
// log, as a save and the debrief replay it.
func TestImprovementReplays(t *testing.T) {
	sc := gameScenario()
	g := NewGame(sc, 5, 20)
	mustApply(t, g, Decision{Kind: Invest, Investment: "ci"})
	g.RunUntil(sc.Week() + 700)
	mustApply(t, g, Decision{Kind: SetImprovement, Stage: "dev", Share: 0.35})
	g.RunUntil(3*sc.Week() + 11)
	mustApply(t, g, Decision{Kind: SetImprovement, Stage: "qa", Share: 0})
	for !g.over {
		g.AdvanceWeek()
	}
	r, err := Replay(sc, 5, 20, g.Log(), Time(20)*sc.Week())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r.Result(), g.Result()) || !reflect.DeepEqual(r.Investments(), g.Investments()) {
		t.Fatal("the replay differs from the game")
	}
}

// Buying an investment says what it needs and when it will be ready, in
// honest words when its team gives no time.
func TestInvestWords(t *testing.T) {
	g := NewGame(improveScenario(), 1, 0)
	mustApply(t, g, Decision{Kind: SetImprovement, Stage: "dev", Share: 0})
	if text := mustApply(t, g, Decision{Kind: Invest, Investment: "small"}); text != "Started Small tool for $0; it needs 0.5 person-weeks from dev, and it waits for improvement time on dev: its share is 0." {
		t.Errorf("share 0: %q", text)
	}
	if text := mustApply(t, g, Decision{Kind: Invest, Investment: "mvp"}); text != "Started MVP slicing for $10,000; ready in week 1." {
		t.Errorf("no effort: %q", text)
	}
}
