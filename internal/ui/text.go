package ui

import (
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// cellWidth is lipgloss.Width of a line, counted rune by rune when every
// rune is one the screens use that takes one cell (Latin text, box
// drawing, blocks and shapes) and every escape sequence sets colours:
// then no grapheme cluster spans runes, and the count is the width. Any
// other line is measured by lipgloss; measuring is most of the cost of a
// frame.
func cellWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b: // only ESC [ digits ; m, a colour
			j := i + 1
			if j >= len(s) || s[j] != '[' {
				return lipgloss.Width(s)
			}
			for j++; j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';'); j++ {
			}
			if j >= len(s) || s[j] != 'm' {
				return lipgloss.Width(s)
			}
			i = j + 1
			continue
		case c >= 0x20 && c < 0x7f:
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !oneCell(r) {
			return lipgloss.Width(s)
		}
		n++
		i += size
	}
	return n
}

// oneCell: the runes the screens draw with that take one cell and never
// join a neighbour: Latin text, punctuation, arrows, mathematical signs
// (the minus sign, ∞, ≤), box drawing, blocks, shapes and dingbats (✓),
// less those lipgloss measures otherwise alone (a soft hyphen, shapes
// drawn as emoji), found once by asking it.
var oneCellRunes = sync.OnceValue(func() *[0x27c0]bool {
	var one [0x27c0]bool
	for _, span := range [][2]rune{{0x20, 0x7e}, {0xa0, 0x2ff}, {0x2010, 0x2027}, {0x2190, 0x23ff}, {0x2500, 0x27bf}} {
		for r := span[0]; r <= span[1]; r++ {
			one[r] = ansi.StringWidth(string(r)) == 1
		}
	}
	return &one
})

func oneCell(r rune) bool { return r < 0x27c0 && oneCellRunes()[r] }

// truncateLine cuts a styled line to w cells.
func truncateLine(s string, w int) string {
	if w <= 0 || cellWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// cutWords cuts plain text to w cells on a word, ending it with "…"
// (mid-word only when its last space comes before half of w).
func cutWords(s string, w int) string {
	if w <= 0 || cellWidth(s) <= w {
		return s
	}
	cut := ansi.Truncate(s, max(w-1, 0), "")
	if strings.HasPrefix(s[len(cut):], " ") {
		// cut ends a word
	} else if i := strings.LastIndex(cut, " "); i > 0 && cellWidth(cut[:i]) >= w/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:·—-") + "…"
}

// hangWrap wraps text to w cells, the lines after the first indented by
// indent cells: under the text of a first line that a column starts.
func hangWrap(text string, w, indent int) string {
	lines := strings.Split(ansi.Wordwrap(text, max(w, 1), ""), "\n")
	for i := 1; i < len(lines); i++ {
		lines[i] = strings.Repeat(" ", indent) + lines[i]
	}
	return strings.Join(lines, "\n")
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
	n := cellWidth(s)
	if n >= w {
		return truncateLine(s, w)
	}
	return s + strings.Repeat(" ", w-n)
}

// padLeft right-aligns a styled string in w cells.
func padLeft(s string, w int) string {
	n := cellWidth(s)
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
	if lw := cellWidth(l); lw > w {
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

	// The help line drawn last, and what it shows: the widths and each
	// enabled key's help.
	helpLine          string
	helpW, helpModelW int
	helpShown         []key.Help

	// The frame fitThen made last, and what from: a message that changes
	// nothing on screen gets it again.
	frame struct {
		body, tail, view string
		w, h             int
		then             bool
	}
}

func newFrameFits() *frameFits {
	return &frameFits{last: map[string]string{}, next: map[string]string{}}
}

// fit is Fit(s, w, h), remembering this frame's lines for the next.
func (f *frameFits) fit(s string, w, h int) string {
	if f == nil {
		return Fit(s, w, h)
	}
	return f.fitThen(s, w, h, "", false)
}

// fitThen is fit(s, w, h), then a new line and tail if then: one string
// made for the frame and the help line below it, where joining them would
// copy the frame again.
func (f *frameFits) fitThen(s string, w, h int, tail string, then bool) string {
	w, h = max(w, 0), max(h, 0)
	if h == 0 {
		if then {
			return "\n" + tail
		}
		return ""
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if last := &f.frame; last.view != "" && last.body == s && last.tail == tail && last.w == w && last.h == h && last.then == then {
		return last.view
	}
	if w != f.width {
		clear(f.last)
		f.width = w
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	size := len(tail) + h + max(h-len(lines), 0)*w
	for i, l := range lines {
		fitted, ok := f.last[l]
		if !ok {
			fitted = fitLine(l, w)
		}
		f.next[l] = fitted
		lines[i] = fitted
		size += len(fitted)
	}
	clear(f.last)
	f.last, f.next = f.next, f.last
	var b strings.Builder
	b.Grow(size)
	for i := range h {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(lines) {
			b.WriteString(lines[i])
		} else {
			for range w {
				b.WriteByte(' ')
			}
		}
	}
	if then {
		b.WriteByte('\n')
		b.WriteString(tail)
	}
	f.frame.body, f.frame.tail, f.frame.view, f.frame.w, f.frame.h, f.frame.then = s, tail, b.String(), w, h, then
	return f.frame.view
}

// help is the help line of the keys, fitted to its width: drawn again only
// when the keys it shows change (a tick changes none).
func (f *frameFits) help(h *help.Model, keys []key.Binding, w int) string {
	if f == nil {
		return Fit(h.ShortHelpView(keys), w, 1)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	same := f.helpLine != "" && f.helpW == w && f.helpModelW == h.Width
	n := 0
	for _, k := range keys {
		if !k.Enabled() {
			continue
		}
		same = same && n < len(f.helpShown) && f.helpShown[n] == k.Help()
		n++
	}
	if same && n == len(f.helpShown) {
		return f.helpLine
	}
	f.helpShown = f.helpShown[:0]
	for _, k := range keys {
		if k.Enabled() {
			f.helpShown = append(f.helpShown, k.Help())
		}
	}
	f.helpW, f.helpModelW, f.helpLine = w, h.Width, Fit(h.ShortHelpView(keys), w, 1)
	return f.helpLine
}

// place is lipgloss.Place(w, h, across, down, s) with no whitespace
// options: the same string, measured with cellWidth and padded with runs of
// spaces, where lipgloss measures each space it pads with. A box placed on
// the dashboard was a tenth of a frame.
func place(w, h int, across, down lipgloss.Position, s string) string {
	return placeDown(h, down, placeAcross(w, across, s))
}

func placeAcross(w int, pos lipgloss.Position, s string) string {
	lines := strings.Split(s, "\n")
	widths := make([]int, len(lines))
	widest := 0
	for i, l := range lines {
		widths[i] = cellWidth(l)
		widest = max(widest, widths[i])
	}
	gap := w - widest
	if gap <= 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(lines)*gap)
	for i, l := range lines {
		total := gap + widest - widths[i]
		switch pos {
		case lipgloss.Left:
			b.WriteString(l)
			b.WriteString(strings.Repeat(" ", total))
		case lipgloss.Right:
			b.WriteString(strings.Repeat(" ", total))
			b.WriteString(l)
		default:
			left := total - int(math.Round(float64(total)*clampPosition(pos)))
			b.WriteString(strings.Repeat(" ", left))
			b.WriteString(l)
			b.WriteString(strings.Repeat(" ", total-left))
		}
		if i < len(lines)-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func placeDown(h int, pos lipgloss.Position, s string) string {
	gap := h - (strings.Count(s, "\n") + 1)
	if gap <= 0 {
		return s
	}
	widest := 0
	for l := range strings.SplitSeq(s, "\n") {
		widest = max(widest, cellWidth(l))
	}
	empty := strings.Repeat(" ", widest)
	switch pos {
	case lipgloss.Top:
		return s + strings.Repeat("\n"+empty, gap)
	case lipgloss.Bottom:
		return strings.Repeat(empty+"\n", gap) + s
	}
	top := gap - int(math.Round(float64(gap)*clampPosition(pos)))
	return strings.Repeat(empty+"\n", top) + s + strings.Repeat("\n"+empty, gap-top)
}

// clampPosition is a position between 0 and 1, as lipgloss takes it.
func clampPosition(p lipgloss.Position) float64 { return min(1, max(0, float64(p))) }
