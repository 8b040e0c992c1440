package ui

import (
	"reflect"
	"strings"
	"unsafe"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/charmbracelet/lipgloss"
)

// Painting text without lipgloss's Render on the hot paths: a style that
// only colours text wraps any text in the same escape codes, so they are
// taken once and a run of cells costs a concatenation rather than a Render
// (about a microsecond each; a week's charts have thousands of cells).

// ink is a style's escape codes before and after its text. Only for styles
// that colour text: no width, padding, margin, border or transform.
type ink struct{ pre, post string }

// inkOf takes a style's codes from its rendering of one letter.
func inkOf(st lipgloss.Style) ink {
	const probe = "x" // escape codes hold no letter x
	r := st.Render(probe)
	i := strings.Index(r, probe)
	if i < 0 {
		return ink{}
	}
	return ink{pre: r[:i], post: r[i+len(probe):]}
}

// paint is text in the ink, as the style's Render would give it.
func (k ink) paint(text string) string {
	if k.pre == "" && k.post == "" {
		return text
	}
	return k.pre + text + k.post
}

// canvasInks are the styles a canvas is drawn with, each tagged with its
// place in the list (the style's string, which nothing renders: the
// canvas is painted, never viewed), so a cell's ink is found by reading
// the tag rather than comparing styles. A cell in no tagged style is plain.
type canvasInks struct {
	tagged []lipgloss.Style
	inks   []ink
	drawn  []canvas.Point // the cells paint found drawn on, for wipe
}

func newCanvasInks(styles ...lipgloss.Style) canvasInks {
	c := canvasInks{inks: []ink{{}}}
	for i, st := range styles {
		c.tagged = append(c.tagged, st.SetString(string(rune('a'+i))))
		c.inks = append(c.inks, inkOf(st))
	}
	return c
}

// canvasInks are the styles the charts are drawn in: the axes and labels
// in style 0, Series[j] in style 1+j. They are tagged and their codes
// taken once, with the styles; a chart gets its own list of cells drawn.
func (s *Styles) canvasInks() canvasInks {
	return canvasInks{tagged: s.chartTagged, inks: s.chartInks}
}

// style i, tagged, to draw with.
func (c *canvasInks) style(i int) lipgloss.Style { return c.tagged[i] }

// of is the place in inks of a cell's style.
func (c *canvasInks) of(st *lipgloss.Style) int {
	v := st.Value()
	if len(v) != 1 || int(v[0]-'a') >= len(c.tagged) {
		return 0
	}
	return 1 + int(v[0]-'a')
}

// paint is what the canvas's View would show, with one ink per run of
// cells in the same style rather than a Render per cell.
func (c *canvasInks) paint(cv *canvas.Model) string {
	var b, run strings.Builder
	w, h := cv.Width(), cv.Height()
	b.Grow(w * h * 3)
	lines := cellLines(cv)
	for y := range h {
		if y > 0 {
			b.WriteByte('\n')
		}
		cur := 0
		for x := range w {
			var r rune
			k := 0
			if lines != nil {
				// Only a cell drawn on has a rune: nothing a chart draws
				// styles a cell without one, so a cell without is blank.
				if cell := &lines[y][x]; cell.Rune != 0 {
					r, k = cell.Rune, c.of(&cell.Style)
				}
			} else {
				cell := cv.Cell(canvas.Point{X: x, Y: y})
				r, k = cell.Rune, c.of(&cell.Style)
			}
			if r != 0 || k != 0 {
				c.drawn = append(c.drawn, canvas.Point{X: x, Y: y})
			}
			if k != cur && run.Len() > 0 {
				b.WriteString(c.inks[cur].paint(run.String()))
				run.Reset()
			}
			cur = k
			if r == 0 {
				run.WriteByte(' ')
			} else {
				run.WriteRune(r)
			}
		}
		b.WriteString(c.inks[cur].paint(run.String()))
		run.Reset()
	}
	return b.String()
}

// canvasContent is where a canvas keeps its cells, if it is where this
// package expects it: a field content of type []canvas.CellLine.
var canvasContent = func() uintptr {
	f, ok := reflect.TypeFor[canvas.Model]().FieldByName("content")
	if !ok || f.Type != reflect.TypeFor[[]canvas.CellLine]() {
		return ^uintptr(0)
	}
	return f.Offset
}()

// cellLines are a canvas's cells, to read in place; nil if ntcharts keeps
// them elsewhere than canvasContent says. Its Cell copies a cell, and a
// cell holds a lipgloss style of about 470 bytes: reading a chart's every
// cell that way cost a third of the weekly chart redraw. Read, and written
// only by wipe; drawing goes through the canvas's own methods.
func cellLines(cv *canvas.Model) []canvas.CellLine {
	if canvasContent == ^uintptr(0) {
		return nil
	}
	lines := *(*[]canvas.CellLine)(unsafe.Add(unsafe.Pointer(cv), canvasContent))
	if len(lines) != cv.Height() || (len(lines) > 0 && len(lines[0]) != cv.Width()) {
		return nil
	}
	return lines
}

// wipe empties the cells paint found drawn on: the canvas is as new, for
// the next chart, without rewriting every cell. Read in place, a cell is
// emptied by its rune alone: a cell without one is blank to paint, and a
// line chart reads no style of a cell without a rune (only block
// elements, which it never draws here, take the style under them).
func (c *canvasInks) wipe(cv *canvas.Model) {
	lines := cellLines(cv)
	for _, p := range c.drawn {
		if lines != nil {
			lines[p.Y][p.X].Rune = 0
		} else {
			cv.SetCell(p, canvas.Cell{})
		}
	}
	c.drawn = c.drawn[:0]
}
