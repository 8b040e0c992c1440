package ui

import (
	"fmt"
	"math"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/globomantics/globosim/internal/sim"
)

// openTeamsTab opens the shop on its Teams tab.
func openTeamsTab(t *testing.T) tea.Model {
	t.Helper()
	var tm tea.Model = playing(t, testOptions(t))
	tm, _ = drive(t, tm, keyMsg("i"), keyMsg("tab"), keyMsg("tab"))
	if s := tm.(Model).dash.shop; s.tab != teamsTab || !strings.Contains(tm.View(), "[Teams]") {
		t.Fatalf("tab, tab: on tab %d:\n%s", s.tab, tm.View())
	}
	return tm
}

// ←/→ move a team's share in steps of 5% within 0 to the most allowed, and
// enter, y applies it as a decision the log keeps.
func TestTeamsTabSetsTheImprovementShare(t *testing.T) {
	tm := openTeamsTab(t)
	g := tm.(Model).session.game
	team := g.Improvement()[0]
	before := team.Share
	tm, _ = drive(t, tm, keyMsg("right"))
	if p := tm.(Model).dash.shop.teams[0]; stepShare(p.value) != before+shareStep {
		t.Fatalf("right: share %v, want %v", stepShare(p.value), before+shareStep)
	}
	for range 20 {
		tm, _ = drive(t, tm, keyMsg("right"))
	}
	if p := tm.(Model).dash.shop.teams[0]; stepShare(p.value) != sim.MaxImprovementShare || !strings.Contains(tm.View(), "‹ 50% ›") {
		t.Fatalf("right ×21: share %v, want at most %v", stepShare(p.value), sim.MaxImprovementShare)
	}
	for range 20 {
		tm, _ = drive(t, tm, keyMsg("left"))
	}
	if p := tm.(Model).dash.shop.teams[0]; p.value != 0 {
		t.Fatalf("left ×20: share %v, want 0", stepShare(p.value))
	}
	tm, _ = drive(t, tm, keyMsg("right"), keyMsg("right"), keyMsg("right"), keyMsg("enter"))
	if v := tm.View(); !strings.Contains(v, "Give 15% of "+team.Label+"'s time to improvement work?") || !strings.Contains(v, "takes 1.18×") {
		t.Fatalf("enter: no question on screen:\n%s", v)
	}
	tm, _ = drive(t, tm, keyMsg("y"))
	log := g.Log()
	if len(log) != 1 || log[0].Decision.Kind != sim.SetImprovement || log[0].Decision.Stage != team.ID || log[0].Decision.Share != 0.15 {
		t.Fatalf("log after y: %+v", log)
	}
	if got := g.Improvement()[0].Share; got != 0.15 {
		t.Errorf("the engine's share is %v, want 0.15", got)
	}
	if v := tm.View(); !strings.Contains(v, "now gives 15% of its time") {
		t.Errorf("the decision's text is not on screen:\n%s", v)
	}
}

// A choice the engine refuses (here the share was set elsewhere since the
// shop opened) says why, and the log keeps nothing.
func TestTeamsTabShowsARefusal(t *testing.T) {
	tm := openTeamsTab(t)
	g := tm.(Model).session.game
	team := g.Improvement()[0]
	if err := g.Apply(sim.Decision{Kind: sim.SetImprovement, Stage: team.ID, Share: team.Share + shareStep}); err != nil {
		t.Fatal(err)
	}
	tm, _ = drive(t, tm, keyMsg("right"), keyMsg("enter"), keyMsg("y"))
	if v := tm.View(); !strings.Contains(v, "Not done: "+team.Label+" already gives 25% of its time") {
		t.Errorf("no refusal on screen:\n%s", v)
	}
	if n := len(g.Log()); n != 1 {
		t.Errorf("%d decisions logged, want the one made outside the shop", n)
	}
}

// x on the Teams tab explains improvement time; the help lists change only
// where a share can change, and apply only once a new one is chosen.
func TestTeamsTabKeys(t *testing.T) {
	tm := openTeamsTab(t)
	helpLine := func() string {
		v := tm.View()
		return v[strings.LastIndex(v, "\n")+1:]
	}
	if h := helpLine(); !strings.Contains(h, "change") || strings.Contains(h, "apply") || !strings.Contains(h, "explain") {
		t.Errorf("teams tab help: %q", h)
	}
	tm, _ = drive(t, tm, keyMsg("right"))
	if h := helpLine(); !strings.Contains(h, "apply") {
		t.Errorf("after right, help: %q", h)
	}
	tm, _ = drive(t, tm, keyMsg("x"))
	if e := tm.(Model).dash.explain; tm.(Model).dash.overlay != explainOverlay || e.topics[e.cursor].title != improvementTopic {
		t.Fatalf("x on the teams tab: overlay %d", tm.(Model).dash.overlay)
	}
	if v := tm.View(); !strings.Contains(v, "Little's law") {
		t.Errorf("the improvement topic does not say why:\n%s", v)
	}
}

// The advisor says when several investments share one team's time, and
// when one waits for a share of 0.
func TestAdviceOnImprovementTime(t *testing.T) {
	m := playing(t, testOptions(t))
	g := m.session.game
	for _, id := range []string{"ci", "monitoring"} {
		if err := g.Apply(sim.Decision{Kind: sim.Invest, Investment: id}); err != nil {
			t.Fatal(err)
		}
	}
	if a := advice(g); !strings.Contains(a, "Development is building 2 investments at once") || !strings.Contains(a, "finish one first") {
		t.Errorf("advice with two investments on Development:\n%s", a)
	}
	if err := g.Apply(sim.Decision{Kind: sim.SetImprovement, Stage: "dev", Share: 0}); err != nil {
		t.Fatal(err)
	}
	if a := advice(g); !strings.Contains(a, "waits for improvement time on Development") {
		t.Errorf("advice with Development's share at 0:\n%s", a)
	}
}

// Where the company burns money the shop shows the runway, and the buy
// question what the purchase does to it; both are the engine's figures.
func TestShopShowsRunway(t *testing.T) {
	opts := testOptions(t)
	opts.Scenario = "startup"
	var tm tea.Model = sized(t, opts, 100, 30)
	tm, _ = drive(t, tm, keyMsg("enter"), keyMsg("enter"), keyMsg(" "), keyMsg("i"))
	g := tm.(Model).session.game
	weeks, ok := g.Runway()
	if !ok {
		t.Fatal("the startup does not burn money in week 1")
	}
	if v := tm.View(); !strings.Contains(v, fmt.Sprintf("runway %.0fw", math.Floor(weeks))) {
		t.Errorf("no runway of %.1f weeks in the shop:\n%s", weeks, v)
	}
	inv := g.Investments()[0]
	after, _ := g.WeeklyCosts().Runway(g.Cash() - inv.Cost) // the price paid, the running cost not yet charged
	later, _ := runwayOnceItRuns(g, inv)
	tm, _ = drive(t, tm, keyMsg("enter"))
	want := fmt.Sprintf("Runway after buying: %.0f weeks; now %.0f; about %.0f once it runs.", math.Floor(after), math.Floor(weeks), math.Floor(later))
	if v := strings.Join(strings.Fields(tm.View()), " "); !strings.Contains(v, want) {
		t.Errorf("the buy question does not say %q:\n%s", want, tm.View())
	}
}

// The Teams tab warns on the team where work waits longest: improvement
// time costs the most there.
func TestTeamsTabNamesTheBottleneck(t *testing.T) {
	tm := openTeamsTab(t)
	tm, _ = drive(t, tm, keyMsg("esc"))
	g := tm.(Model).session.game
	// Work held for the release train counts as it waits, so a six-weekly
	// train is the bottleneck: with a weekly one, play until a team is.
	if err := g.Apply(sim.Decision{Kind: sim.SetReleaseCadence, Every: g.Scenario().Week()}); err != nil {
		t.Fatal(err)
	}
	isTeam := func(id string) bool {
		for _, tp := range g.Improvement() {
			if tp.ID == id {
				return true
			}
		}
		return false
	}
	bn := g.Bottleneck(sim.RecentWeeks)
	for g.Week() < 20 && (g.Week() < 4 || !isTeam(bn.ID)) {
		tm = nextWeek(t, tm) // answering each question on the way
		bn = g.Bottleneck(sim.RecentWeeks)
	}
	if !isTeam(bn.ID) {
		t.Fatalf("no team was the bottleneck in 20 weeks (it is %s)", bn.Name)
	}
	tm, _ = drive(t, tm, keyMsg("i"), keyMsg("tab"), keyMsg("tab")) // the shop opens on Investments
	for i := 0; tm.(Model).dash.shop.teams[tm.(Model).dash.shop.cursor].stage != bn.ID; i++ {
		if i > len(tm.(Model).dash.shop.teams) {
			t.Fatalf("the bottleneck %s is not a team on the tab", bn.Name)
		}
		tm, _ = drive(t, tm, keyMsg("down"))
	}
	if v := strings.Join(strings.Fields(tm.View()), " "); !strings.Contains(v, bn.Name+" is the bottleneck") {
		t.Errorf("no bottleneck warning on %s:\n%s", bn.Name, tm.View())
	}
	found := false
	for _, tp := range topics(g) {
		found = found || tp.title == runwayTopic && tp.why != ""
	}
	if !found {
		t.Error("no runway topic in the explainer")
	}
}

// The advisor warns when the money will not last: five hires at the
// startup leave it a few weeks of runway.
func TestAdviceOnAShortRunway(t *testing.T) {
	opts := testOptions(t)
	opts.Scenario = "startup"
	var tm tea.Model = sized(t, opts, 100, 30)
	tm, _ = drive(t, tm, keyMsg("enter"), keyMsg("enter"))
	g := tm.(Model).session.game
	if err := g.Apply(sim.Decision{Kind: sim.Hire, Stage: "dev", N: 5}); err != nil {
		t.Fatal(err)
	}
	weeks, ok := g.Runway()
	if !ok || weeks >= shortRunway {
		t.Fatalf("runway %.1f weeks (%v) after five hires", weeks, ok)
	}
	if a := advice(g); !strings.Contains(a, fmt.Sprintf("the money lasts about %.0f weeks", math.Floor(weeks))) {
		t.Errorf("advice with %.1f weeks of runway:\n%s", weeks, a)
	}
}
