package ui

import (
	tea "github.com/charmbracelet/bubbletea"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// oneLine is a text with its line breaks and runs of spaces made single
// spaces, so that a phrase is found across a wrapped line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// The DORA line shows deploys as a count over its window ("deploys 3"),
// so no lesson may speak of a rate a week the player cannot find there.
func TestLessonsNameDeploysAsTheDORALineShowsThem(t *testing.T) {
	for _, b := range scenario.Builtins() {
		sc, err := scenario.Resolve(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range sc.Lessons {
			text := strings.ToLower(oneLine(l.Title + " " + l.Text + " " + l.Done))
			for _, bad := range []string{"deploys a week", "deploys per week", "deployments a week", "deployments per week"} {
				if strings.Contains(text, bad) {
					t.Errorf("%s lesson %s says %q; the DORA line shows a count over its window", b.Name, l.ID, bad)
				}
			}
		}
	}
}

// Between lessons the line next to News still says what to do, as the
// tutorial's briefing promises: play on, and when the next lesson comes
// (after lesson 1's two weeks, weeks 3 and 4 showed nothing).
func TestTutorialSaysWhatToDoBetweenLessons(t *testing.T) {
	opts := testOptions(t)
	opts.Scenario = "tutorial"
	var tm tea.Model = playing(t, opts)
	between := 0
	for range 8 {
		for i := 0; i < 5 && tm.(Model).dash.tutor.open; i++ {
			tm, _ = drive(t, tm, keyMsg("enter"))
		}
		d := tm.(Model).dash
		task := d.tutor.task(d.g)
		if task == "" {
			t.Fatalf("week %d: no task next to News:\n%s", d.g.Week(), tm.View())
		}
		if !d.tutor.Started {
			between++
			if !strings.HasPrefix(task, "Play on (space): lesson ") || !strings.Contains(tm.View(), "Play on (space)") {
				t.Errorf("week %d between lessons: %q", d.g.Week(), task)
			}
		}
		tm = nextWeek(t, tm)
	}
	if between == 0 {
		t.Error("no week between lessons: the test does not test them")
	}
	sc, err := scenario.Resolve("tutorial")
	if err != nil {
		t.Fatal(err)
	}
	if got := lessonComes(sc, &sc.Lessons[1].When); got != "when Manual build is 75% busy, or at the end of week 4" {
		t.Errorf("lesson 2 comes %q", got)
	}
}

// The advisor's first recommendation is something the player can do now:
// for a release-train bottleneck the release cadence under Practices, and
// in the shop only what can be bought now; an investment locked behind
// another comes with its chain and the first step that can be taken (in
// week 18 it named Continuous delivery, locked behind test automation, as
// if it could be bought).
func TestAdvisorRecommendsWhatCanBeDoneNow(t *testing.T) {
	m := playing(t, testOptions(t))
	g := m.dash.g
	for g.Week() < 17 {
		g.AdvanceWeek()
	}
	if b := g.Bottleneck(sim.RecentWeeks); b.Stage != g.Scenario().Production.Release {
		t.Fatalf("week 18's bottleneck is %s, not the release train: the test does not test it", b.Name)
	}
	paras := strings.Split(plain(advice(g)), "\n\n")
	if len(paras) < 2 || !strings.HasPrefix(paras[1], "Now, under Practices (i, then tab): make the Release train leave more often than every 6 weeks") {
		t.Errorf("the first recommendation is not the release cadence: %q", paras)
	}
	for week := 17; week < 40; week++ {
		text := plain(advice(g))
		for _, inv := range g.Investments() {
			if inv.State != sim.Available && strings.Contains(text, "In the shop now") && strings.Contains(strings.SplitN(strings.SplitN(text, "In the shop now", 2)[1], "\n", 2)[0], inv.Name) {
				t.Errorf("week %d: the advisor offers %s, which cannot be bought now (%s):\n%s", week+1, inv.Name, inv.Lock.Short(), text)
			}
		}
		if _, over := g.Over(); over {
			break
		}
		g.AdvanceWeek()
	}
}

// The play-test's wording: the restore key says what it is where there
// is room ("time to restore (expected)"), flow efficiency has no value
// before anything was finished, ? help explains the ◆ beside a stage's
// name, and a decision's message goes at the end of the next week (the
// news keeps it) instead of staying for weeks.
func TestPlayTestWording(t *testing.T) {
	m := playing(t, testOptions(t))
	tm, _ := drive(t, m, tea.WindowSizeMsg{Width: 160, Height: 40})
	d := tm.(Model).dash
	if v := d.doraView(); !strings.Contains(v, "time to restore (expected) 7.5d") || !strings.Contains(v, "flow efficiency –") {
		t.Errorf("at 160 columns before a week:\n%s", v)
	}
	tm, _ = drive(t, tm, tea.WindowSizeMsg{Width: 80, Height: 24})
	if v := tm.(Model).dash.doraView(); !strings.Contains(v, "restore (expected) 7.5d") {
		t.Errorf("at 80 columns before a week:\n%s", v)
	}
	help, _ := drive(t, tm, keyMsg("?"))
	if v := help.(Model).View(); !strings.Contains(v, "◆ beside a stage's name") {
		t.Errorf("? help does not explain ◆:\n%s", v)
	}
	r := tm.(Model)
	r.dash.decided(Decided{Applied: true, Text: "Set. The tool now gets that share."}) // as the shop's request says it
	tm = r
	if got := tm.(Model).dash.message; got != "Set. The tool now gets that share." {
		t.Fatalf("the message after a decision: %q", got)
	}
	tm = nextWeek(t, tm)
	if got := tm.(Model).dash.message; strings.Contains(got, "Set.") {
		t.Errorf("the decision's message outlived its week: %q", got)
	}
}

// An explanation names only its scenario's own investments: the
// tutorial's named self-service environments, network automation and
// infrastructure as code, which its shop does not sell. Every built-in
// scenario's topics are checked against every tool any built-in shop
// sells, and against the tools the texts used to name.
func TestExplainerNamesOnlyTheShopsOwnTools(t *testing.T) {
	tools := map[string]bool{"self-service environments": true, "network automation": true, "infrastructure as code": true,
		"feature flags": true, "automated rollback": true, "mvp slicing": true, "continuous delivery": true, "test automation": true, "build automation": true}
	for _, b := range scenario.Builtins() {
		sc, err := scenario.Resolve(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, inv := range sc.Investments {
			tools[strings.ToLower(inv.Name)] = true
		}
	}
	for _, b := range scenario.Builtins() {
		sc, _ := scenario.Resolve(b.Name)
		own := ""
		for _, inv := range sc.Investments {
			own += strings.ToLower(inv.Name) + "\n"
		}
		g := sim.NewGame(sc, 1, sc.Weeks)
		for _, tp := range topics(g) {
			text := strings.ToLower(tp.what + " " + tp.why + " " + tp.how)
			for tool := range tools {
				if strings.Contains(text, tool) && !strings.Contains(own, tool) {
					t.Errorf("%s: %s names %q, which its shop does not sell: %q", b.Name, tp.title, tool, tp.how)
				}
			}
		}
	}
}
