package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// The help's last hint says plainly what the charts' * is: a week you
// decided in and one an investment was finished in, in one column.
func TestHelpSaysWhatTheStarIs(t *testing.T) {
	m, _ := drive(t, playing(t, testOptions(t)), tea.WindowSizeMsg{Width: 120, Height: 40}, keyMsg("?"))
	v := m.View()
	if !strings.Contains(v, "* both, when they fall in one column.") {
		t.Fatalf("the help at 120×40:\n%s", v)
	}
}
