package ui

import (
	"strings"

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
		if lw := lipgloss.Width(l); lw > w {
			lines[i] = ansi.Truncate(l, w, "")
		} else if lw < w {
			lines[i] = l + strings.Repeat(" ", w-lw)
		}
	}
	return strings.Join(lines, "\n")
}
