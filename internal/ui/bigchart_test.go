package ui

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
)

// largeChartAt is the default game at w×h seven weeks in (no question
// waits yet), the market chart chosen with tab and c pressed.
func largeChartAt(t *testing.T, opts Options, w, h int) Model {
	t.Helper()
	m := sized(t, opts, w, h)
	if check := m.Init(); check != nil {
		m, _ = drive(t, m, check())
	}
	m, _ = drive(t, m, keyMsg("enter"), keyMsg("enter"))
	for range 7 {
		m, _ = drive(t, m, keyMsg(" "))
	}
	m, _ = drive(t, m, keyMsg("tab"), keyMsg("c"))
	return m.(Model)
}

// The large chart at 80×24 and 120×40, without colour and in colour: the
// header, the chart over all the rows the dashboard had, and its help.
// Regenerate with: go test ./internal/ui -run TestGoldenLargeChart -update
func TestGoldenLargeChart(t *testing.T) {
	colour := func(t *testing.T) Options {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(termenv.ANSI256)
		return Options{Renderer: r, ExportDir: t.TempDir()}
	}
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		for _, c := range []struct {
			name string
			opts func(*testing.T) Options
		}{{"plain", testOptions}, {"colour", colour}} {
			t.Run(fmt.Sprintf("%s_%dx%d", c.name, size.w, size.h), func(t *testing.T) {
				golden.RequireEqual(t, []byte(largeChartAt(t, c.opts(t), size.w, size.h).View()))
			})
		}
	}
}

// c opens the chart the dashboard shows over the whole screen, many more
// rows high; tab shows the next chart in it; esc and c close it, and the
// dashboard goes on with the chart last shown large.
func TestLargeChartOpensSwitchesCloses(t *testing.T) {
	m := largeChartAt(t, testOptions(t), 80, 24)
	if m.dash.overlay != chartOverlay {
		t.Fatalf("c did not open the large chart:\n%s", m.View())
	}
	v := m.View()
	lines := strings.Split(v, "\n")
	if len(lines) != 24 || !strings.HasPrefix(lines[1], "Market share (%)  (2/3, tab: next, esc: close)") {
		t.Fatalf("the large chart is not the market chart on 24 rows:\n%s", v)
	}
	axis := 0 // the plot's rows: those with the value axis
	for _, l := range lines {
		if strings.Contains(l, "│") || strings.Contains(l, "└") {
			axis++
		}
	}
	if axis < 18 {
		t.Errorf("the large chart has %d rows of plot at 80×24, want 18 or more:\n%s", axis, v)
	}
	if help := lines[23]; !strings.Contains(help, "tab next chart") || !strings.Contains(help, "esc/c close") {
		t.Errorf("the help line is %q", help)
	}
	next, _ := drive(t, m, keyMsg("tab"))
	if v := next.View(); !strings.Contains(v, "Cumulative flow (items)  (3/3") {
		t.Errorf("tab did not show the next chart:\n%s", v)
	}
	for _, close := range []string{"esc", "c"} {
		closed, _ := drive(t, next, keyMsg(close))
		d := closed.(Model).dash
		if d.overlay != noOverlay || d.chart != flowChart {
			t.Errorf("%s: overlay %d, chart %d; want the dashboard showing the flow chart", close, d.overlay, d.chart)
		}
		if v := closed.View(); !strings.Contains(v, "Cumulative flow (items)  (3/3, tab: next, c: larger)") {
			t.Errorf("%s: the dashboard does not show the flow chart with its hint:\n%s", close, v)
		}
	}
	// q does not quit from the large chart (as from every overlay).
	if still, _ := drive(t, m, keyMsg("q")); still.(Model).confirmQuit {
		t.Errorf("q asked to quit from the large chart")
	}
}
