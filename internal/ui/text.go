package ui

import (
	"strings"
	"sync"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// truncateLine cuts a styled line to w cells.
func truncateLine(s string, w int) string {
	if w <= 0 || lipgloss.Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// reflow joins the lines of each paragraph (paragraphs are separated by a
// blank line) and wraps them to width.
func reflow(text string, width int) string {
	var paras []string
	for _, p := range strings.Split(strings.TrimSpace(text), "\n\n") {
		p = strings.Join(strings.Fields(p), " ")
		if p != "" {
			paras = append(paras, ansi.Wordwrap(p, width, ""))
		}
	}
	return strings.Join(paras, "\n\n")
}

// padRight pads a styled string with spaces to w cells (or cuts it).
func padRight(s string, w int) string {
	n := lipgloss.Width(s)
	if n >= w {
		return truncateLine(s, w)
	}
	return s + strings.Repeat(" ", w-n)
}

// padLeft right-aligns a styled string in w cells.
func padLeft(s string, w int) string {
	n := lipgloss.Width(s)
	if n >= w {
		return truncateLine(s, w)
	}
	return strings.Repeat(" ", w-n) + s
}

// wrapLines wraps each line of text to width on its own, keeping line
// breaks (bullets stay bullets).
func wrapLines(text string, width int) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = ansi.Wordwrap(l, width, "")
	}
	return strings.Join(lines, "\n")
}

// Fit pads or cuts text to exactly w×h cells, so every frame overwrites the
// last one completely and nothing garbles on resize (the room's screens
// use it too). No room (a size of 0
// or less) is no text.
func Fit(s string, w, h int) string {
	w, h = max(w, 0), max(h, 0)
	if h == 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = fitLine(l, w)
	}
	return strings.Join(lines, "\n")
}

// fitLine pads or cuts a line to exactly w cells.
func fitLine(l string, w int) string {
	if lw := lipgloss.Width(l); lw > w {
		return ansi.Truncate(l, w, "")
	} else if lw < w {
		return l + strings.Repeat(" ", w-lw)
	}
	return l
}

// frameFits is Fit for the frames of one program, fitting only the lines
// that were not in the frame before: a tick changes a few lines of the
// dashboard, and measuring a line is most of what fitting it costs.
type frameFits struct {
	mu         sync.Mutex
	width      int
	last, next map[string]string // a line as given, fitted to width
}

func newFrameFits() *frameFits {
	return &frameFits{last: map[string]string{}, next: map[string]string{}}
}

// fit is Fit(s, w, h), remembering this frame's lines for the next.
func (f *frameFits) fit(s string, w, h int) string {
	if f == nil {
		return Fit(s, w, h)
	}
	w, h = max(w, 0), max(h, 0)
	if h == 0 {
		return ""
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if w != f.width {
		clear(f.last)
		f.width = w
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		fitted, ok := f.last[l]
		if !ok {
			fitted = fitLine(l, w)
		}
		f.next[l] = fitted
		lines[i] = fitted
	}
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", w))
	}
	clear(f.last)
	f.last, f.next = f.next, f.last
	return strings.Join(lines, "\n")
}
