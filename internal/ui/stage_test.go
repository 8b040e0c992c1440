package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/sim"
)

// The same wait reads as one figure: the stage detail and the stage's
// explainer give the map's wait with its window (the last 4 weeks), the
// game's average apart "over the game", and the work waiting now "so far".
func TestTheMapsWaitIsNamedWhereverItIsShown(t *testing.T) {
	var tm tea.Model = playing(t, testOptions(t))
	for range 6 {
		tm, _ = drive(t, tm, keyMsg(" "))
	}
	d := tm.(Model).dash
	st := d.snap.stages[0]
	hpw := d.snap.hoursPerWeek
	mapWait, game := report.Duration(mapWaitHours(st), hpw), report.Duration(st.WaitHours, hpw)
	if mapWait == game {
		t.Fatalf("the map's wait %s is the game's: nothing to tell apart", mapWait)
	}
	if row := strings.Split(d.mapView(), "\n")[1]; !strings.Contains(row, " "+mapWait+" ") {
		t.Fatalf("the map's row %q does not show %s", row, mapWait)
	}
	tm, _ = drive(t, tm, keyMsg("enter"))
	want := fmt.Sprintf("work waited %s on average for a free person in the last 4 weeks (the map's wait), %s over the game", mapWait, game)
	if v := strings.Join(strings.Fields(tm.View()), " "); !strings.Contains(v, want) {
		t.Errorf("the stage detail does not say %q:\n%s", want, tm.View())
	}
	g := tm.(Model).dash.g
	why := stageTopic(g, 0, g.Stages()[0], g.Bottleneck(sim.RecentWeeks)).why
	want = fmt.Sprintf("In the last 4 weeks %.0f%% busy; work waited %s here on average for a free person (the map's wait).", 100*st.RecentUtilization(), mapWait)
	if !strings.Contains(why, want) {
		t.Errorf("the stage's explainer does not say %q: %q", want, why)
	}
}

// Where there is room, the map's header names the window of its wait and
// busy columns; where there is none, the legend stays whole.
func TestTheMapsHeaderNamesTheWaitsWindow(t *testing.T) {
	for _, c := range []struct {
		width  int
		window bool
	}{{80, false}, {120, true}} {
		tm, _ := drive(t, playing(t, testOptions(t)), tea.WindowSizeMsg{Width: c.width, Height: 40})
		d := tm.(Model).dash
		header := strings.Split(d.mapView(), "\n")[0]
		if got := strings.Contains(header, "wait, busy: 4 wk"); got != c.window || cellWidth(header) > c.width || !strings.Contains(header, "■ held") {
			t.Errorf("%d columns: the map's header %q (window named: %v, want %v)", c.width, header, got, c.window)
		}
	}
}
