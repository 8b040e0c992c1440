package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/globomantics/globosim/internal/sim"
)

// The figures a player reads in two places are one figure, written one
// way, or are named so that they cannot be taken for one another.

// playWeeks starts scenario at w×h and plays weeks until done says stop,
// answering every question with its default; nil if the game ends first.
func playWeeks(t *testing.T, scenario string, w, h int, done func(dashboardModel) bool) tea.Model {
	t.Helper()
	opts := testOptions(t)
	opts.Scenario = scenario
	tm, _ := drive(t, sized(t, opts, w, h), keyMsg("enter"), keyMsg("enter"))
	for week := 0; week < 60 && tm.(Model).screen == playScreen; week++ {
		for i := 0; i < 5 && tm.(Model).dash.tutor.open; i++ {
			tm, _ = drive(t, tm, keyMsg("enter"))
		}
		if done(tm.(Model).dash) {
			return tm
		}
		tm = nextWeek(t, tm)
	}
	return nil // the game ended first
}

// The first outage's restore reads the same in the news and on the DORA
// line, which then times that one outage.
func TestRestoreReadsTheSameInTheNewsAndTheDORALine(t *testing.T) {
	var said string
	var tm tea.Model
	for _, scenario := range []string{"globomantics", "startup", "enterprise", "tutorial"} {
		if tm = playWeeks(t, scenario, 120, 40, restored(&said)); tm != nil {
			break
		}
	}
	if tm == nil {
		t.Fatal("no scenario restores an outage")
	}
	d := tm.(Model).dash
	if strings.ContainsAny(said, " ") {
		t.Errorf("the news writes the restore as %q, not in the DORA line's units", said)
	}
	if line := d.doraView(); !strings.Contains(line, "restore "+said+" ") {
		t.Errorf("the news says the outage was restored after %s; the DORA line says:\n%s", said, line)
	}
}

// restored is done once the news says an outage was restored, with what
// it said in said.
func restored(said *string) func(dashboardModel) bool {
	return func(d dashboardModel) bool {
		for _, n := range d.g.News() {
			if n.Kind == sim.IncidentNews && strings.HasPrefix(n.Text, "Production restored after ") {
				*said = strings.TrimSuffix(strings.TrimPrefix(n.Text, "Production restored after "), ".")
				return true
			}
		}
		return false
	}
}
