package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
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
