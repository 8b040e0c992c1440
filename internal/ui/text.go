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
