package ui

import (
	"github.com/charmbracelet/lipgloss"

	"github.com/globomantics/globosim/internal/sim"
)

// Styles are every style the screens use, built once from a renderer so
// that a session (a local terminal, or an SSH client later) gets colours its
// terminal supports. Colours are the 16 ANSI ones, so they work on any
// colour terminal; with NO_COLOR they disappear and the glyphs and words
// that always go with them remain.
type Styles struct {
	Title      lipgloss.Style
	Subtitle   lipgloss.Style
	Header     lipgloss.Style
	HeaderItem lipgloss.Style
	Panel      lipgloss.Style
	PanelTitle lipgloss.Style
	Selected   lipgloss.Style
	Subtle     lipgloss.Style
	Bold       lipgloss.Style
	Good       lipgloss.Style
	Warn       lipgloss.Style
	Bad        lipgloss.Style
	Accent     lipgloss.Style
	Key        lipgloss.Style
	Error      lipgloss.Style
	Box        lipgloss.Style
	Queue      lipgloss.Style // work waiting
	Outside    lipgloss.Style // requests from outside the value stream
	Held       lipgloss.Style // work waiting for the release train
	Page       lipgloss.Style // a full screen's margin
	Margin     lipgloss.Style // a one-column margin either side
	Plain      lipgloss.Style // no styling (give it a width)
	Band       [sim.Elite + 1]lipgloss.Style
	Series     [4]lipgloss.Style // chart lines: us, then competitors

	// Ink is the colouring styles above as escape codes, for the
	// dashboard's every frame.
	Ink Inks

	// The charts' styles, tagged, and their inks (see canvasInks).
	chartTagged []lipgloss.Style
	chartInks   []ink
}

// Inks are the styles that only colour text, painted without a Render.
type Inks struct {
	Header, PanelTitle, Selected, Subtle, Bold, Good, Warn, Bad, Accent, Queue, Outside, Held ink
	Band                                                                                      [sim.Elite + 1]ink
}

func inksOf(s *Styles) Inks {
	k := Inks{
		Header: inkOf(s.Header), PanelTitle: inkOf(s.PanelTitle), Selected: inkOf(s.Selected), Subtle: inkOf(s.Subtle),
		Bold: inkOf(s.Bold), Good: inkOf(s.Good), Warn: inkOf(s.Warn), Bad: inkOf(s.Bad), Accent: inkOf(s.Accent),
		Queue: inkOf(s.Queue), Outside: inkOf(s.Outside), Held: inkOf(s.Held),
	}
	for b := range s.Band {
		k.Band[b] = inkOf(s.Band[b])
	}
	return k
}

// DefaultStyles builds the styles for a renderer.
func DefaultStyles(r *lipgloss.Renderer) Styles {
	c := func(s string) lipgloss.Color { return lipgloss.Color(s) }
	s := Styles{
		Title:      r.NewStyle().Bold(true).Foreground(c("6")),
		Subtitle:   r.NewStyle().Italic(true),
		Header:     r.NewStyle().Bold(true).Reverse(true),
		HeaderItem: r.NewStyle().Bold(true),
		Panel:      r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(c("8")).Padding(0, 1),
		PanelTitle: r.NewStyle().Bold(true).Foreground(c("6")),
		Selected:   r.NewStyle().Bold(true).Reverse(true),
		Subtle:     r.NewStyle().Foreground(c("8")),
		Bold:       r.NewStyle().Bold(true),
		Good:       r.NewStyle().Foreground(c("2")),
		Warn:       r.NewStyle().Foreground(c("3")),
		Bad:        r.NewStyle().Foreground(c("1")).Bold(true),
		Accent:     r.NewStyle().Foreground(c("5")),
		Key:        r.NewStyle().Bold(true).Foreground(c("6")),
		Error:      r.NewStyle().Foreground(c("1")),
		Box:        r.NewStyle().Border(lipgloss.DoubleBorder()).BorderForeground(c("6")).Padding(0, 2),
		Queue:      r.NewStyle().Foreground(c("3")),
		Outside:    r.NewStyle().Foreground(c("8")),
		Held:       r.NewStyle().Foreground(c("5")),
		Page:       r.NewStyle().Padding(1, 2),
		Margin:     r.NewStyle().Padding(0, 1),
		Plain:      r.NewStyle(),
	}
	s.Band[sim.Low] = r.NewStyle().Foreground(c("1")).Bold(true)
	s.Band[sim.Medium] = r.NewStyle().Foreground(c("3")).Bold(true)
	s.Band[sim.High] = r.NewStyle().Foreground(c("2")).Bold(true)
	s.Band[sim.Elite] = r.NewStyle().Foreground(c("6")).Bold(true)
	s.Series = [4]lipgloss.Style{
		r.NewStyle().Foreground(c("6")).Bold(true),
		r.NewStyle().Foreground(c("1")),
		r.NewStyle().Foreground(c("3")),
		r.NewStyle().Foreground(c("5")),
	}
	s.Ink = inksOf(&s)
	chart := newCanvasInks(append([]lipgloss.Style{s.Subtle}, s.Series[:]...)...)
	s.chartTagged, s.chartInks = chart.tagged, chart.inks
	return s
}

// band renders a DORA band word in its colour.
func (s *Styles) band(b sim.Band) string {
	if b < sim.Low || b > sim.Elite {
		return b.String()
	}
	return s.Ink.Band[b].paint(b.String())
}
