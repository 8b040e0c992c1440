package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"

	"github.com/globomantics/globosim/internal/prose"
)

// cursorView is a viewport that follows a cursor: a list taller than its
// room shows the rows around the selected one, and it moves only when the
// cursor would leave it.
type cursorView struct {
	vp viewport.Model
}

func newCursorView() cursorView {
	vp := viewport.New(0, 0)
	vp.KeyMap = viewport.KeyMap{} // the list's owner moves the cursor
	return cursorView{vp: vp}
}

// show puts rows in a view w wide and h tall, scrolled just enough that
// the row at cursor is in it.
func (c *cursorView) show(rows []string, cursor, w, h int) {
	c.vp.Width, c.vp.Height = max(w, 0), max(h, 1)
	c.vp.SetContent(strings.Join(rows, "\n"))
	switch {
	case cursor < c.vp.YOffset:
		c.vp.SetYOffset(cursor)
	case cursor >= c.vp.YOffset+c.vp.Height:
		c.vp.SetYOffset(cursor - c.vp.Height + 1)
	default:
		c.vp.SetYOffset(c.vp.YOffset) // the list may have become shorter
	}
}

func (c cursorView) View() string { return c.vp.View() }

// above and below count the rows out of sight.
func (c cursorView) above() int { return c.vp.YOffset }
func (c cursorView) below() int {
	return max(c.vp.TotalLineCount()-c.vp.YOffset-c.vp.Height, 0)
}

// showPage puts text in vp at its top and pages it with up and down,
// which are enabled (and so in the help) only when the text is taller
// than vp.
func showPage(vp *viewport.Model, text string, up, down *key.Binding) {
	vp.SetContent(text)
	vp.GotoTop()
	scrolls := vp.TotalLineCount() > vp.Height
	up.SetEnabled(scrolls)
	down.SetEnabled(scrolls)
	vp.KeyMap = viewport.KeyMap{PageUp: *up, PageDown: *down}
}

// scrollWords says how much of a page scrolled in vp is out of sight, and
// which keys bring it: what is below, or at the bottom what is above.
func scrollWords(vp viewport.Model) string {
	if below := max(vp.TotalLineCount()-vp.YOffset-vp.Height, 0); below > 0 {
		return fmt.Sprintf(" ↓ %s below · ↓/pgdn scrolls", prose.Count(below, "more line", "more lines"))
	}
	return fmt.Sprintf(" ↑ %s above · ↑/pgup scrolls back", prose.Count(vp.YOffset, "line", "lines"))
}
