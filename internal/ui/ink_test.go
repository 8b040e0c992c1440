package ui

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/canvas/runes"
	"github.com/NimbleMarkets/ntcharts/linechart"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/globomantics/globosim/internal/sim"
)

func colourStyles() Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	return DefaultStyles(r)
}

// Every ink paints text as its style renders it, in colour.
func TestInkPaintsAsRender(t *testing.T) {
	s := colourStyles()
	pairs := map[string][2]any{
		"Header": {s.Ink.Header, s.Header}, "PanelTitle": {s.Ink.PanelTitle, s.PanelTitle}, "Selected": {s.Ink.Selected, s.Selected},
		"Subtle": {s.Ink.Subtle, s.Subtle}, "Bold": {s.Ink.Bold, s.Bold}, "Good": {s.Ink.Good, s.Good}, "Warn": {s.Ink.Warn, s.Warn},
		"Bad": {s.Ink.Bad, s.Bad}, "Accent": {s.Ink.Accent, s.Accent}, "Queue": {s.Ink.Queue, s.Queue},
		"Outside": {s.Ink.Outside, s.Outside}, "Held": {s.Ink.Held, s.Held},
	}
	for b := sim.Low; b <= sim.Elite; b++ {
		pairs[fmt.Sprint("Band", b)] = [2]any{s.Ink.Band[b], s.Band[b]}
	}
	for i, st := range s.Series {
		pairs[fmt.Sprint("Series", i)] = [2]any{inkOf(st), st}
	}
	for name, p := range pairs {
		k, st := p[0].(ink), p[1].(lipgloss.Style)
		if k.pre == "" {
			t.Errorf("%s: no escape codes in colour", name)
		}
		for _, text := range []string{"x", "week 3  │  $1,200", "▪▪▪▫■ +12", "93%!"} {
			if got, want := k.paint(text), st.Render(text); got != want {
				t.Errorf("%s paints %q as %q, renders it %q", name, text, got, want)
			}
		}
	}
}

// cellsOf is a painted text cell by cell: each rune with the escape codes
// in force for it, so two paintings compare by what a terminal shows.
func cellsOf(s string) []string {
	var cells []string
	active := ""
	for len(s) > 0 {
		if strings.HasPrefix(s, "\x1b[") {
			end := strings.IndexByte(s, 'm')
			seq := s[:end+1]
			if seq == "\x1b[0m" {
				active = ""
			} else {
				active += seq
			}
			s = s[end+1:]
			continue
		}
		r := []rune(s)[0]
		cells = append(cells, active+string(r))
		s = s[len(string(r)):]
	}
	return cells
}

// A chart painted from its cells shows, cell by cell, what ntcharts' own
// View shows, in colour; and a chart drawn on a canvas taken from the pool
// is the chart drawn on a new one.
func TestPlotPaintsAsView(t *testing.T) {
	s := colourStyles()
	rise := series{name: "us", colour: 0}
	fall := series{name: "them", colour: 1}
	for i := range 30 {
		rise.points = append(rise.points, canvas.Float64Point{X: float64(i + 1), Y: float64(i * i % 17)})
		fall.points = append(fall.points, canvas.Float64Point{X: float64(i + 1), Y: float64(40 - i)})
	}
	// ntcharts' way: a new chart, the same styles untagged, its View.
	lo, hi, step := yRange(0, 40, 16-3)
	c := linechart.New(40, 15, 1, weekAxisOf(40, 52).view, lo, valueTop(lo, hi, step, 16-3),
		linechart.WithXYSteps(1, (16-3)/4),
		linechart.WithStyles(s.Subtle, s.Subtle, lipgloss.NewStyle()),
		linechart.WithXLabelFormatter(func(int, float64) string { return "" }),
		linechart.WithYLabelFormatter(func(int, float64) string { return strings.Repeat(" ", yLabelWidth) }),
	)
	c.DrawXYAxisAndLabel()
	drawMarks(&c, fall.points, seriesMarks[0], s.Series[1])
	for j := 1; j < len(rise.points); j++ {
		c.DrawLineWithStyle(rise.points[j-1], rise.points[j], runes.ThinLineStyle, s.Series[0])
	}
	drawWeekAxis(&c, s.Subtle, 52, nil)
	drawValueAxis(&c, s.Subtle, lo, hi, step)
	lineCharts.Clear() // a new canvas
	fresh := plot(&s, "t", 40, 16, 52, []series{rise, fall})
	canvasPart := fresh[strings.IndexByte(fresh, '\n')+1:]
	if got, want := cellsOf(canvasPart), cellsOf(c.View()); strings.Join(got, "") != strings.Join(want, "") {
		t.Errorf("painted:\n%s\nntcharts:\n%s", canvasPart, c.View())
	}
	if len(canvasPart) >= len(c.View()) {
		t.Errorf("painting takes %d bytes, ntcharts %d: no runs shared their codes", len(canvasPart), len(c.View()))
	}
	// A different chart first, on the canvas the next one reuses.
	_ = plot(&s, "other", 40, 16, 20, []series{fall})
	if again := plot(&s, "t", 40, 16, 52, []series{rise, fall}); again != fresh {
		t.Errorf("on a reused canvas:\n%s\nnew:\n%s", again, fresh)
	}
}

// Fitting frames in turn gives what Fit gives, whatever the last frame
// held; with the help line after it, what Fit and the help line give.
func TestFrameFitsAsFit(t *testing.T) {
	f := newFrameFits()
	frames := []struct {
		s    string
		w, h int
	}{
		{"a\nbb\nccc", 2, 4}, {"a\nbb\nccc", 2, 4}, {"a\nlonger line\nccc", 5, 2},
		{"a\nlonger line", 5, 3}, {"", 3, 1}, {"x", 0, 2}, {"x", 4, 0}, {"a\nbb\nccc", 2, 4},
	}
	for _, fr := range frames {
		if got, want := f.fit(fr.s, fr.w, fr.h), Fit(fr.s, fr.w, fr.h); got != want {
			t.Errorf("fit(%q, %d, %d) = %q, Fit gives %q", fr.s, fr.w, fr.h, got, want)
		}
		for range 2 { // the same frame again is the frame made before
			if got, want := f.fitThen(fr.s, fr.w, fr.h, "help", true), Fit(fr.s, fr.w, fr.h)+"\nhelp"; got != want {
				t.Errorf("fitThen(%q, %d, %d, help) = %q, Fit and the help give %q", fr.s, fr.w, fr.h, got, want)
			}
		}
		if got, want := f.fitThen(fr.s, fr.w, fr.h, "other", true), Fit(fr.s, fr.w, fr.h)+"\nother"; got != want {
			t.Errorf("fitThen(%q, %d, %d, other) = %q, Fit and the help give %q", fr.s, fr.w, fr.h, got, want)
		}
	}
}

// cellWidth counts as lipgloss does: every rune it counts alone, and
// lines of them, styled, with others among them.
func TestCellWidthAsLipgloss(t *testing.T) {
	s := colourStyles()
	fast := []rune{'a', ' ', '│', '▪', 'é', '…', '∞', '✓'}
	for _, r := range "−∞≤✓▲◆▸■" { // the dashboard's own, counted without lipgloss
		if !oneCell(r) {
			t.Errorf("%q is measured by lipgloss", r)
		}
	}
	for r := rune(0); r < 0x3000; r++ {
		lines := []string{string(r), "a" + string(r) + "b", s.Subtle.Render(string(r)) + "x"}
		for _, f := range fast {
			lines = append(lines, string(f)+string(r), string(r)+string(f))
		}
		for _, line := range lines {
			if got, want := cellWidth(line), lipgloss.Width(line); got != want {
				t.Fatalf("cellWidth(%q) = %d, lipgloss.Width %d", line, got, want)
			}
		}
	}
	for _, line := range []string{
		"", "plain", s.Header.Render(" Globomantics  │  week 3/52  │  $1,200"), "▸ Build ◆  ▪▪▪▫▫■ +12  93%!",
		"e\u0301", "a\u200db", "日本", "👍🏽 ok", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "\x1b[1;3", s.Bad.Render("…") + "\t",
	} {
		if got, want := cellWidth(line), lipgloss.Width(line); got != want {
			t.Errorf("cellWidth(%q) = %d, lipgloss.Width %d", line, got, want)
		}
	}
}

// The cells read in place are the canvas's own, as its Cell gives them:
// ntcharts keeps them where cellLines looks, so paint does not fall back
// to copying every cell.
func TestCellLinesAreTheCanvas(t *testing.T) {
	s := colourStyles()
	c := linechart.New(30, 12, 1, 20, 0, 10, linechart.WithStyles(s.Subtle, s.Subtle, lipgloss.NewStyle()))
	c.DrawXYAxisAndLabel()
	c.DrawLineWithStyle(canvas.Float64Point{X: 1, Y: 1}, canvas.Float64Point{X: 15, Y: 9}, runes.ThinLineStyle, s.Series[0].SetString("b"))
	lines := cellLines(&c.Canvas)
	if lines == nil {
		t.Fatal("ntcharts keeps its cells elsewhere: paint copies each one (see canvasContent)")
	}
	drawn := 0
	for y := range c.Canvas.Height() {
		for x := range c.Canvas.Width() {
			want := c.Canvas.Cell(canvas.Point{X: x, Y: y})
			got := lines[y][x]
			if got.Rune != want.Rune || got.Style.Value() != want.Style.Value() {
				t.Fatalf("cell %d,%d: in place %q %q, Cell %q %q", x, y, got.Rune, got.Style.Value(), want.Rune, want.Style.Value())
			}
			if got.Rune != 0 {
				drawn++
			}
		}
	}
	if drawn == 0 {
		t.Error("nothing drawn: the test compares blank cells only")
	}
}

// The help line kept from the last frame is the help line of the keys now:
// after a key is disabled or enabled, its help changes, the widths change.
func TestFrameHelpAsShortHelpView(t *testing.T) {
	f := newFrameFits()
	h := help.New()
	a := key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add"))
	b := key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "back"))
	check := func(step string, keys []key.Binding, w int) {
		t.Helper()
		if got, want := f.help(&h, keys, w), Fit(h.ShortHelpView(keys), w, 1); got != want {
			t.Errorf("%s: %q, the keys' help is %q", step, got, want)
		}
	}
	check("first", []key.Binding{a, b}, 40)
	check("again", []key.Binding{a, b}, 40)
	b.SetEnabled(false)
	check("b disabled", []key.Binding{a, b}, 40)
	b.SetEnabled(true)
	check("b enabled", []key.Binding{a, b}, 40)
	b.SetHelp("b", "bring")
	check("b's help", []key.Binding{a, b}, 40)
	check("narrower", []key.Binding{a, b}, 9)
	check("one key", []key.Binding{a}, 9)
	h.Width = 5
	check("the help's width", []key.Binding{a}, 9)
}
