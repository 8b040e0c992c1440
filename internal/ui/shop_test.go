package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// shopAt opens the shop of a game in the scenario at w×h, with the cursor
// on the first investment whose name has prefix.
func shopAt(t *testing.T, scenario string, w, h int, prefix string) tea.Model {
	t.Helper()
	opts := testOptions(t)
	opts.Scenario = scenario
	tm, _ := drive(t, sized(t, opts, w, h), keyMsg("enter"), keyMsg("enter"), keyMsg("i"))
	for i := 0; !strings.HasPrefix(tm.(Model).dash.g.Investments()[tm.(Model).dash.shop.cursor].Name, prefix); i++ {
		if i > len(tm.(Model).dash.g.Investments()) {
			t.Fatalf("no investment named %s…", prefix)
		}
		tm, _ = drive(t, tm, keyMsg("down"))
	}
	return tm
}

// Enter on a locked investment says why at once, as the game would refuse
// it, and asks nothing.
func TestShopSaysAtOnceWhyALockedItemCannotBeBought(t *testing.T) {
	tm := shopAt(t, "startup", 80, 24, "Automated tests")
	inv := tm.(Model).dash.g.Investments()[tm.(Model).dash.shop.cursor]
	if inv.Lock.Kind != sim.NeedsPrerequisite {
		t.Fatalf("%s is not locked behind another investment: %+v", inv.Name, inv.Lock)
	}
	for _, w := range []int{80, 120} {
		tm, _ = drive(t, tm, tea.WindowSizeMsg{Width: w, Height: 24}, keyMsg("enter"))
		if tm.(Model).dash.shop.confirm != nil {
			t.Fatalf("enter on a locked item asks %q", tm.(Model).dash.shop.question)
		}
		want := "Cannot buy it: " + inv.Lock.Error() + "."
		if v := tm.View(); !strings.Contains(strings.Join(strings.Fields(v), " "), want) {
			t.Errorf("at %d columns the screen does not say, whole, %q:\n%s", w, want, v)
		}
		tm, _ = drive(t, tm, keyMsg("down"), keyMsg("up"))
		if v := tm.View(); strings.Contains(v, "Cannot buy it") {
			t.Errorf("the refusal stays after the cursor moved:\n%s", v)
		}
	}
	if n := len(tm.(Model).dash.g.Log()); n != 0 {
		t.Errorf("%d decisions logged, want none", n)
	}
}

// Hiring says what a hire costs: up front and each week.
func TestShopShowsTheSalaryOfAHire(t *testing.T) {
	tm := hiringRow(t)
	c := tm.(Model).dash.g.Scenario().Company
	each := "Each hire costs $" + prose.Dollars(c.HireCost) + " up front and $" + prose.Dollars(c.SalaryPerWeek) + " a week."
	if v := strings.Join(strings.Fields(tm.View()), " "); !strings.Contains(v, each) {
		t.Errorf("the hiring row does not say %q:\n%s", each, tm.View())
	}
	tm, _ = drive(t, tm, keyMsg("right"), keyMsg("right"), keyMsg("enter"))
	q := tm.(Model).dash.shop.question
	if want := "for $" + prose.Dollars(2*c.HireCost) + "? They are paid $" + prose.Dollars(2*c.SalaryPerWeek) + " a week from today"; !strings.Contains(q, want) {
		t.Errorf("the question %q does not say %q", q, want)
	}
}

// A purchase that leaves only a few weeks of money warns before it asks,
// with the runway it leaves; one that leaves plenty does not.
func TestShopWarnsOfAShortRunway(t *testing.T) {
	tm := shopAt(t, "startup", 80, 24, "Managed cloud")
	tm, _ = drive(t, tm, keyMsg("enter"))
	if w := tm.(Model).dash.shop.warning; w != "" {
		t.Fatalf("a purchase leaving 15 weeks warns: %q", w)
	}
	tm, _ = drive(t, tm, keyMsg("n"))
	g := tm.(Model).dash.g
	if err := g.Apply(sim.Decision{Kind: sim.Hire, Stage: "dev", N: 5}); err != nil {
		t.Fatal(err)
	}
	inv := g.Investments()[tm.(Model).dash.shop.cursor]
	weeks, ok := runwayOnceItRuns(g, inv) // its running cost once built, as the engine charges it
	if !ok || weeks >= fewWeeks {
		t.Fatalf("after hiring, buying %s leaves %.1f weeks (burning: %v)", inv.Name, weeks, ok)
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		tm, _ = drive(t, tm, tea.WindowSizeMsg{Width: size[0], Height: size[1]}, keyMsg("enter"))
		want := "Warning: this leaves money for about " + prose.Count(int(weeks), "week", "weeks")
		v := tm.View()
		if !strings.Contains(strings.Join(strings.Fields(v), " "), want) || !strings.Contains(v, "y yes") {
			t.Errorf("%dx%d: the question does not warn %q, with its y/n, in view:\n%s", size[0], size[1], want, v)
		}
		for _, line := range strings.Split(v, "\n") {
			if cellWidth(line) > size[0] {
				t.Errorf("%dx%d: a line is %d wide: %q", size[0], size[1], cellWidth(line), line)
			}
		}
		tm, _ = drive(t, tm, keyMsg("n"))
	}
}

// A buy question is wrapped, never cut: its last words and y/n are on
// screen at 80 and 120 columns.
func TestShopWrapsTheBuyQuestion(t *testing.T) {
	for _, w := range []int{80, 120} {
		tm := shopAt(t, "startup", w, 24, "Managed cloud")
		tm, _ = drive(t, tm, keyMsg("enter"))
		q := tm.(Model).dash.shop.question
		v := strings.Join(strings.Fields(tm.View()), " ")
		if !strings.Contains(v, q) || !strings.Contains(v, "y yes n no") {
			t.Errorf("at %d columns the question %q is not whole on screen:\n%s", w, q, tm.View())
		}
	}
}

// "WIP limit" is not offered for a stage that has been automated.
func TestShopOffersNoWIPLimitOnAnAutomatedStage(t *testing.T) {
	m := playing(t, testOptions(t))
	g := m.session.game
	staffed := map[string]bool{}
	for _, st := range g.Stages() {
		staffed[st.Name] = !st.Unlimited
	}
	if err := g.Apply(sim.Decision{Kind: sim.Invest, Investment: g.Investments()[0].ID}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 40 && g.Investments()[0].State != sim.Built; i++ {
		g.AdvanceWeek()
	}
	var automated string
	for _, st := range g.Stages() {
		if st.Unlimited && st.WIPLimit == 0 && staffed[st.Name] {
			automated = st.Name
		}
	}
	if automated == "" {
		t.Fatalf("%s automated no stage", g.Investments()[0].Name)
	}
	for _, p := range practicesOf(g) {
		if p.label == "WIP limit: "+automated {
			t.Errorf("%q is offered after %s was automated", p.label, automated)
		}
	}
}

// An investment whose team gives no improvement time says so in one
// sentence: "It needs … and waits for improvement time on …".
func TestShopSaysWhenAnInvestmentWaitsForImprovementTime(t *testing.T) {
	sc, err := scenario.Load(filepath.Join("..", "..", "scenarios", "tutorial.toml"))
	if err != nil {
		t.Fatal(err)
	}
	g := sim.NewGame(sc, 1, 0)
	for _, inv := range g.Investments() {
		if inv.WaitsFor < 0 {
			continue
		}
		words := buildWords(inv, sc)
		if !strings.Contains(words, " and waits for improvement time on ") || strings.Contains(words, ", and,") {
			t.Errorf("%s: %q", inv.Name, words)
		}
		return
	}
	t.Fatal("no investment of the tutorial waits for improvement time at week 0")
}

// A purchase shows in the header in the same frame as in the shop: the
// dashboard reads the game again before its command's message comes back.
func TestPurchaseReachesTheHeaderAtOnce(t *testing.T) {
	tm := shopAt(t, "globomantics", 120, 40, "Build automation")
	tm, _ = drive(t, tm, keyMsg("enter"))
	before := tm.(Model).dash.snap.cash
	tm, _ = tm.Update(keyMsg("y")) // its command (the message line) not run
	d := tm.(Model).dash
	if d.g.Cash() == before {
		t.Fatal("y bought nothing")
	}
	if d.snap.cash != d.g.Cash() {
		t.Errorf("the header shows $%d after the purchase, the game has $%d", d.snap.cash, d.g.Cash())
	}
}

// An investment whose teams have done all their work, waiting for its
// least build time, says so in its row and its detail: the work done, and
// the week it is ready in, not a forecast at today's improvement time
// beside "6 of 6".
func TestShopSaysTheWorkIsDoneAndWhenItIsReady(t *testing.T) {
	tm := shopAt(t, "globomantics", 120, 40, "Build automation")
	g := tm.(Model).dash.g
	if err := g.Apply(sim.Decision{Kind: sim.SetImprovement, Stage: "dev", Share: 0.5}); err != nil {
		t.Fatal(err)
	}
	if err := g.Apply(sim.Decision{Kind: sim.Invest, Investment: "ci"}); err != nil {
		t.Fatal(err)
	}
	i := tm.(Model).dash.shop.cursor
	for !g.Investments()[i].Delivered {
		if g.Investments()[i].State != sim.Building {
			t.Fatal("built before its least time: nothing to test")
		}
		g.AdvanceWeek()
	}
	st := g.Investments()[i]
	tm, _ = drive(t, tm, keyMsg("esc"), keyMsg("i"))
	v := strings.Join(strings.Fields(tm.View()), " ")
	for _, want := range []string{
		fmt.Sprintf("dev 5/5 ◆ rollout, wk %d", st.ReadyWeek),
		fmt.Sprintf("Built so far: Development 5 of 5 person-weeks, all done; it takes at least 5 weeks from buying, so it is ready in week %d.", st.ReadyWeek),
	} {
		if !strings.Contains(v, want) {
			t.Errorf("week %d: the shop does not say %q:\n%s", g.Week()+1, want, tm.View())
		}
	}
	if strings.Contains(v, "~week") || strings.Contains(v, "today's improvement time") {
		t.Errorf("the shop forecasts what is fixed:\n%s", tm.View())
	}
}

// Work done is rounded down: "5 of 5" only once all 5 are done.
func TestPersonWeeksDoneRoundsDown(t *testing.T) {
	for _, c := range []struct {
		pw   float64
		want string
	}{{4.96, "4.9"}, {5, "5"}, {0.3 * 3, "0.9"}, {0, "0"}} {
		if got := personWeeksDone(c.pw); got != c.want {
			t.Errorf("personWeeksDone(%v) = %q, want %q", c.pw, got, c.want)
		}
	}
}

// At 80 columns an investment the money does not reach says so, not
// "locked" as one waiting for another is; the team work column is named
// for both of what it holds, person-weeks and build weeks.
func TestShopSaysWhatCannotBeAfforded(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "startup.toml"))
	if err != nil {
		t.Fatal(err)
	}
	poor := strings.Replace(string(text), "budget = 210_000", "budget = 12_000", 1)
	if poor == string(text) {
		t.Fatal("the startup's budget line moved")
	}
	path := filepath.Join(t.TempDir(), "poor.toml")
	if err := os.WriteFile(path, []byte(poor), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := testOptions(t)
	opts.Scenario = path
	// Enter into the path, then start; enter past the briefing.
	tm, _ := drive(t, sized(t, opts, 80, 24), keyMsg("enter"), keyMsg("enter"), keyMsg("enter"), keyMsg("i"), keyMsg("down"))
	inv := tm.(Model).dash.g.Investments()[tm.(Model).dash.shop.cursor]
	if inv.Lock.Kind != sim.Unaffordable {
		t.Fatalf("%s is not out of reach: %+v", inv.Name, inv.Lock)
	}
	v := tm.View()
	var row string
	for _, l := range strings.Split(v, "\n") {
		if strings.HasPrefix(l, " ▸ Hosted CI") {
			row = l
		}
	}
	if !strings.Contains(row, "can't afford") || strings.Contains(row, "locked") {
		t.Errorf("the row does not say it cannot be afforded: %q", row)
	}
	if !strings.Contains(v, "pw/build") || strings.Contains(v, "pw needed") {
		t.Errorf("the team work column is not named for both:\n%s", v)
	}
}
