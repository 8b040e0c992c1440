package ui

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/globomantics/globosim/internal/sim"
)

// At 80×24 the explainer's topics do not all fit: the list says how many
// are out of sight each way instead of running off the bottom.
func TestExplainerTopicsSayWhatIsOutOfSight(t *testing.T) {
	m, _ := drive(t, playing(t, testOptions(t)), tea.WindowSizeMsg{Width: 80, Height: 24}, keyMsg("x"))
	v := m.View()
	if !strings.Contains(v, "↓ ") || !strings.Contains(v, " more") {
		t.Fatalf("the topic list does not say what is below:\n%s", v)
	}
	for i := 0; i < 60 && !strings.Contains(m.View(), "↑ "); i++ {
		m, _ = drive(t, m, keyMsg("down"))
	}
	v = m.View()
	if !strings.Contains(v, "↑ ") || !strings.Contains(v, "▸ ") {
		t.Fatalf("the topic list does not say what is above:\n%s", v)
	}
	if n := len(strings.Split(v, "\n")); n != 24 {
		t.Fatalf("the explainer is %d rows, not 24", n)
	}
}

// A message longer than the screen is wide takes two lines, whole, and
// the screen keeps its height: a refusal's reason is not cut.
func TestLongMessageWrapsToTwoLines(t *testing.T) {
	for _, shop := range []bool{false, true} {
		m, _ := drive(t, playing(t, testOptions(t)), tea.WindowSizeMsg{Width: 80, Height: 24})
		if shop {
			m, _ = drive(t, m, keyMsg("i"))
		}
		r := m.(Model)
		msg := "Not done: Development already gives 25% of its time to improvement work, set in week 3; choose another share or wait for its investments to finish."
		r.dash.message = msg
		v := r.View()
		if got := strings.Join(strings.Fields(v), " "); !strings.Contains(got, msg) {
			t.Errorf("shop %v: the message is cut:\n%s", shop, v)
		}
		if n := len(strings.Split(v, "\n")); n != 24 {
			t.Errorf("shop %v: the screen is %d rows, not 24:\n%s", shop, n, v)
		}
	}
	// Longer than two lines: the second ends on a word with "…".
	got := messageLines(strings.Repeat("word ", 40), 30, func(s string) string { return s })
	if lines := strings.Split(got, "\n"); len(lines) != 2 || !strings.HasSuffix(lines[1], "word…") {
		t.Errorf("a message of three lines: %q", got)
	}
}

// A lesson's box taller than the room under the map covers map rows from
// the bottom, but never the heading nor the row of the stage it speaks of
// (lesson 2, the busy manual build, with a text twice as long).
func TestLessonBoxKeepsItsStageInSight(t *testing.T) {
	opts := testOptions(t)
	opts.Scenario = "tutorial"
	tm, _ := drive(t, sized(t, opts, 80, 24), keyMsg("enter"), keyMsg("enter"))
	m := tm.(Model)
	d := &m.dash
	d.tutor.Lessons = slices.Clone(d.tutor.Lessons)
	i := slices.IndexFunc(d.tutor.Lessons, func(l sim.Lesson) bool { return l.When.Kind == sim.BusyAtLeast })
	if i < 0 {
		t.Fatal("the tutorial has no lesson on a busy stage")
	}
	l := &d.tutor.Lessons[i]
	l.Text = l.Text + "\n\n" + l.Text
	d.tutor.Next, d.tutor.Started, d.tutor.open = i, true, true
	v := m.View()
	stage := m.session.game.Scenario().Stages[l.When.Stage].Label()
	for _, want := range []string{"  stage ", stage, l.Title, "enter continues"} {
		if !strings.Contains(v, want) {
			t.Errorf("the lesson's screen does not show %q:\n%s", want, v)
		}
	}
	if n := len(strings.Split(v, "\n")); n != 24 {
		t.Errorf("the screen is %d rows, not 24:\n%s", n, v)
	}
	// With its own text it fits under the map, which stays whole.
	d.tutor.Lessons[i].Text = m.session.game.Scenario().Lessons[i].Text
	v = m.View()
	for _, st := range m.session.game.Scenario().Stages {
		if !strings.Contains(v, st.Label()) {
			t.Errorf("the lesson hides %s's row:\n%s", st.Label(), v)
		}
	}
}

// The Teams tab's "building now" at 80 columns: the names that fit, whole,
// and how many more; the selected team's detail names them all.
func TestTeamsTabNamesWhatIsBuilding(t *testing.T) {
	m := playing(t, testOptions(t))
	g := m.session.game
	for _, id := range []string{"ci", "monitoring"} {
		if err := g.Apply(sim.Decision{Kind: sim.Invest, Investment: id}); err != nil {
			t.Fatal(err)
		}
	}
	tm, _ := drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24}, keyMsg("i"), keyMsg("tab"), keyMsg("tab"))
	v := tm.View()
	if !strings.Contains(v, "Build automation… +1") {
		t.Errorf("the Development row does not say what it builds:\n%s", v)
	}
	if got := strings.Join(strings.Fields(v), " "); !strings.Contains(got, "(Build automation (CI), Monitoring and alerting)") {
		t.Errorf("the detail does not name what Development builds:\n%s", v)
	}
	if got := namesFit([]string{"Alpha", "Beta", "Gamma"}, "Alpha, Beta, Gamma", 17); got != "Alpha +2 more" {
		t.Errorf("namesFit = %q", got)
	}
}
