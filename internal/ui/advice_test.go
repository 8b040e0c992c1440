package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/globomantics/globosim/internal/sim"
)

// investmentIndex is the index of the investment with this id.
func investmentIndex(t *testing.T, g *sim.Game, id string) int {
	t.Helper()
	for i, inv := range g.Investments() {
		if inv.ID == id {
			return i
		}
	}
	t.Fatalf("no investment %q", id)
	return -1
}

// plain is text with its non-breaking spaces as spaces.
func plain(s string) string { return strings.ReplaceAll(s, "\u00a0", " ") }

// When the advisor names an investment that needs others first, it shows
// the whole chain in order, with what is done, building and to do, and
// the first step the player can take now, with its price and who builds
// it. Continuous delivery, with CI built and test automation level 1
// building: level 2 waits for level 1 (a chain two deep), so the first
// step now is infrastructure as code.
func TestAdvisorShowsTheWholeChain(t *testing.T) {
	m := playing(t, testOptions(t))
	g := m.dash.g
	cd := investmentIndex(t, g, "cd")
	tests2 := investmentIndex(t, g, "tests2")
	for _, d := range []sim.Decision{{Kind: sim.SetImprovement, Stage: "dev", Share: 0.3}, {Kind: sim.SetImprovement, Stage: "qa", Share: 0.3}, {Kind: sim.Invest, Investment: "ci"}} {
		if err := g.Apply(d); err != nil {
			t.Fatal(err)
		}
	}
	g.AdvanceWeek()
	// CI building: nothing on level 2's chain can be bought yet.
	ciReady := g.Investments()[investmentIndex(t, g, "ci")].ReadyWeek
	want := fmt.Sprintf("Test automation, level 2 needs, in this order: ◆ Build automation (CI): building, ready in about week %d; ○ Test automation, level 1: to do. Nothing on it can be bought now: Test automation, level 1 needs Build automation (CI) first, which will be ready in about week %d at today's improvement time.", ciReady, ciReady)
	if got := plain(chainWords(g, tests2)); got != want {
		t.Errorf("level 2, CI building:\n%s\nwant\n%s", got, want)
	}
	for !g.Invested("ci") {
		if _, over := g.Over(); over {
			t.Fatal("the game ended before CI was built")
		}
		g.AdvanceWeek()
	}
	if err := g.Apply(sim.Decision{Kind: sim.Invest, Investment: "tests1"}); err != nil {
		t.Fatal(err)
	}
	g.AdvanceWeek()
	t1 := g.Investments()[investmentIndex(t, g, "tests1")]
	iac := g.Investments()[investmentIndex(t, g, "iac")]
	want = fmt.Sprintf("Continuous delivery needs, in this order: ✓ Build automation (CI): done; ◆ Test automation, level 1: building, ready in about week %d; ○ Test automation, level 2: to do; ○ Infrastructure as code: to do. First step now: Infrastructure as code, $140,000 and then $1,500 a week; it needs 8 person-weeks from Environment tickets, %s (shop, i).", t1.ReadyWeek, iac.When())
	if got := plain(chainWords(g, cd)); got != want {
		t.Errorf("continuous delivery:\n%s\nwant\n%s", got, want)
	}
	b := g.Bottleneck(sim.RecentWeeks)
	if b.Name != "Release train" {
		t.Fatalf("the bottleneck is %s, not the release train", b.Name)
	}
	if a := plain(advice(g)); !strings.Contains(a, want) {
		t.Errorf("the advice lacks the chain:\n%s", a)
	}
	if how := plain(topicNamed(t, g, "Continuous delivery").how); !strings.HasPrefix(how, want) {
		t.Errorf("continuous delivery's explainer lacks the chain: %q", how)
	}
	// The stage's "What would help" names everything still to do, in order.
	train := g.Stages()[g.Scenario().StageIndex("release")]
	if help := (stageModel{g: g}).help(train); !strings.Contains(help, "• Continuous delivery (needs first: Test automation, level 1 (building); Test automation, level 2; Infrastructure as code):") {
		t.Errorf("what would help the release train:\n%s", help)
	}
	// For QA, level 3's chain says level 2's too: one chain, not two.
	if chains := lockedChains(g, g.Scenario().StageIndex("qa")); len(chains) != 1 || !strings.HasPrefix(chains[0], "Test automation, level 3 needs") {
		t.Errorf("the chains for QA: %q", chains)
	}
}

// At 80×24 the advice with a chain covers the map rather than lose its
// end.
func TestAdviceWithAChainFitsAt80x24(t *testing.T) {
	tm, _ := drive(t, playing(t, testOptions(t)), tea.WindowSizeMsg{Width: 80, Height: 24}, keyMsg(" "), keyMsg(" "), keyMsg(" "), keyMsg(" "), keyMsg("a"))
	v := tm.View()
	for _, want := range []string{"Continuous delivery needs, in this order:", "First step now:", "Any key but ? closes"} {
		if !strings.Contains(strings.Join(strings.Fields(plain(v)), " "), want) {
			t.Errorf("the advice at 80×24 lacks %q:\n%s", want, v)
		}
	}
	if n := strings.Count(v, "\n") + 1; n > 24 {
		t.Errorf("the screen has %d rows", n)
	}
}

// Taller than the screen even over the map, the advice scrolls with ↑↓
// (the box and the help line say so), and any other key closes it.
func TestTallAdviceScrolls(t *testing.T) {
	m := playing(t, testOptions(t))
	g := m.dash.g
	for _, id := range []string{"ci", "monitoring"} { // both on Development: the advisor says finish one first
		if err := g.Apply(sim.Decision{Kind: sim.Invest, Investment: id}); err != nil {
			t.Fatal(err)
		}
	}
	var tm tea.Model = m
	tm, _ = drive(t, tm, tea.WindowSizeMsg{Width: 80, Height: 24}, keyMsg(" "), keyMsg(" "), keyMsg(" "), keyMsg("a"))
	flat := func() string {
		return strings.Join(strings.Fields(strings.ReplaceAll(plain(tm.View()), "║", "")), " ")
	}
	v := tm.View()
	if n := strings.Count(v, "\n") + 1; n > 24 {
		t.Fatalf("the screen has %d rows:\n%s", n, v)
	}
	if !strings.Contains(flat(), "(0 lines above,") || !strings.Contains(flat(), "↑↓ scroll; any other key but ? closes") || !strings.Contains(v[strings.LastIndexByte(v, '\n')+1:], "↑↓ more") {
		t.Fatalf("a tall advice does not say it scrolls:\n%s", v)
	}
	const last = "finish one first and its benefit comes sooner"
	if strings.Contains(flat(), last) {
		t.Fatalf("the advice's end is in sight already:\n%s", v)
	}
	for range 30 {
		tm, _ = drive(t, tm, keyMsg("down"))
	}
	if !tm.(Model).dash.advice.open() || !strings.Contains(flat(), last) || !strings.Contains(flat(), " below)") {
		t.Fatalf("↓ does not bring the advice's end into sight:\n%s", tm.View())
	}
	if !strings.Contains(flat(), " 0 below)") {
		t.Errorf("at the end, the box does not say nothing is below:\n%s", tm.View())
	}
	tm, _ = drive(t, tm, keyMsg("z"))
	if tm.(Model).dash.advice.open() {
		t.Error("z does not close a tall advice")
	}
}

// While a question waits for an answer, the advisor says once that an
// investment built changes it, then what it changes in each answer it
// changes: the audit in the DevOps plan, with CI built.
func TestAdvisorSaysOnceWhatABuildChanges(t *testing.T) {
	var weeks []int
	for w := 1; w <= 52; w++ {
		weeks = append(weeks, w)
	}
	asked := false
	playedAt(t, "globomantics-devops", weeks, func(g *sim.Game, _ int) {
		if p, ok := g.Pending(); asked || !ok || p.Event != "audit" {
			return
		}
		asked = true
		if !g.Invested("ci") {
			t.Fatal("CI is not built when the audit asks")
		}
		a := advice(g)
		want := "Build automation (CI) is built, which changes 2 answers:\n" +
			"• \"Stop features two weeks\": the build server already records every change with its tests: one developer gathers the rest over two weeks while the others keep building.\n" +
			"• \"Hire consultants\": the build server already records every change: the consultants only check its logs.\n\n" +
			"Continuous delivery is built, which changes 1 answer:\n" +
			"• \"Accept a finding\": with continuous delivery every change is recorded by the pipeline: the finding is closed before the auditor returns.\n\n"
		if !strings.Contains(a, want) {
			t.Errorf("the advice lacks\n%s\nin\n%s", want, a)
		}
		if n := strings.Count(a, "Build automation (CI) is built"); n != 1 {
			t.Errorf("the advice says %d times what CI changes:\n%s", n, a)
		}
	})
	if !asked {
		t.Fatal("the audit never asked")
	}
}
