package ui

import (
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/sim"
)

// The choice dialog: an event that asks stops the game, and this box opens
// over the dashboard with the event, its choices and what each costs now.
// Nothing moves on until the player answers: esc only puts the box aside
// to look at the dashboard, and playing on opens it again.

// choiceTopic is the explainer's topic on events that ask.
const choiceTopic = "Events that ask"

type choiceModel struct {
	styles *Styles
	keys   choiceKeys
	g      *sim.Game
	team   Team // takes the answer in a team; nil: the box applies it

	asking  *sim.PendingChoice // the question on screen; nil: none waits
	cursor  int                // the choice selected
	aside   bool               // esc: the player is looking at the dashboard
	resume  bool               // auto-play was on when the question came
	answer  string             // what the game said to the last answer, for the message line
	asks    asker              // x: explain events that ask (overlayDoneMsg)
	failed  error              // the last answer was refused
	body    viewport.Model     // the choices, scrolled when taller than the box
	lines   []string           // the body's lines, as it holds them (see bodyView)
	offsets []int              // the first line of each choice in body
	width   int
	room    int // the rows the box may take, as last laid out
	// compact: the choices do not all fit with their details, so only the
	// selected one shows its details and the others their labels: every
	// choice stays in sight.
	compact bool
	// armed: a key other than enter has been pressed since the box opened,
	// or enter once; an enter before that asks again rather than answering
	// a choice the player may not have read.
	armed bool
	held  bool // that first enter was held back: the hint asks again
}

func newChoice(styles *Styles, global *globalKeys, g *sim.Game) choiceModel {
	return choiceModel{styles: styles, keys: defaultChoiceKeys(global), g: g, body: viewport.New(0, 0), asks: asker{from: questionBox}}
}

// open reports whether a question waits (on screen or put aside).
func (m choiceModel) open() bool { return m.asking != nil }

// shown reports whether the box is on screen.
func (m choiceModel) shown() bool { return m.asking != nil && !m.aside }

// ask opens the box on the question the game holds, if one waits and it is
// not already the one on screen; playing says whether auto-play was on.
// It reports whether a question waits.
func (m *choiceModel) ask(playing bool) bool {
	p, ok := m.g.Pending()
	if !ok {
		m.asking = nil
		return false
	}
	if m.asking != nil && m.asking.Event == p.Event && m.asking.Week == p.Week {
		m.asking = p // what it costs may have changed (something got built)
		return true
	}
	m.asking, m.aside, m.resume, m.armed, m.held = p, false, playing, false, false
	m.bindPick(len(p.Options))
	m.cursor = 0
	for i, o := range p.Options {
		if o.Default {
			m.cursor = i
		}
	}
	m.body.SetYOffset(0)
	return true
}

// bindPick binds the digits to the n choices, so that a digit with no
// choice to answer is not in the help, nor ↑↓ with one choice.
func (m *choiceModel) bindPick(n int) {
	digits := []string{"1", "2", "3"}[:max(min(n, 3), 1)]
	m.keys.Pick.SetKeys(digits...)
	m.keys.Pick.SetHelp("1-"+digits[len(digits)-1], "answer that one")
	if len(digits) == 1 {
		m.keys.Pick.SetHelp("1", "answer it")
	}
	m.keys.Up.SetEnabled(n > 1)
	m.keys.Down.SetEnabled(n > 1)
}

// reopen brings the box back after esc.
func (m *choiceModel) reopen() { m.aside = false }

// Update handles a key while the box is on screen. Enter answers and the
// box closes as it does (open reports false after, unless another question
// waits); esc puts it aside; x asks the dashboard to explain choices.
func (m choiceModel) Update(msg tea.Msg) (choiceModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok || !m.shown() {
		return m, nil
	}
	n := len(m.asking.Options)
	armed := m.armed
	m.armed, m.held = true, false
	switch {
	case key.Matches(km, m.keys.Up):
		m.cursor = (m.cursor + n - 1) % n
		m.layout(m.width, m.room)
	case key.Matches(km, m.keys.Down):
		m.cursor = (m.cursor + 1) % n
		m.layout(m.width, m.room)
	case key.Matches(km, m.keys.MoreUp, m.keys.MoreDown):
		var cmd tea.Cmd
		m.body, cmd = m.body.Update(km)
		return m, cmd
	case key.Matches(km, m.keys.Answer) && !armed:
		// The first key is enter: it may have been meant for what was on
		// screen before the box opened. The hint now says what enter answers.
		m.held = true
	case key.Matches(km, m.keys.Answer):
		m.respond()
	case key.Matches(km, m.keys.Pick):
		if c := int(km.Runes[0] - '1'); c < n {
			m.cursor = c
			m.respond()
		}
	case key.Matches(km, m.keys.Aside):
		m.aside = true
	case key.Matches(km, m.keys.Explain):
		cmd := m.asks.ask(overlayDoneMsg{explain: choiceTopic})
		return m, cmd
	}
	return m, nil
}

// respond answers with the selected choice; the box closes unless the
// game refuses (then it says why) or another question waits.
func (m *choiceModel) respond() {
	o := m.asking.Options[m.cursor]
	m.answer, m.failed = "", nil
	done := decide(m.team, m.g, sim.Decision{Kind: sim.Respond, Event: m.asking.Event, Choice: o.ID})
	if done.Err != nil {
		m.failed = done.Err
		return
	}
	m.answer = done.Text
	if !done.Applied { // proposed: the question waits for its owner's answer
		m.aside = true
		return
	}
	m.asking = nil
	m.ask(m.resume) // the next question, if two came at once
}

// follow scrolls the choices so the selected one is in sight, whole if it fits.
func (m *choiceModel) follow() {
	if m.cursor >= len(m.offsets) {
		return
	}
	start := m.offsets[m.cursor]
	end := m.body.TotalLineCount()
	if m.cursor+1 < len(m.offsets) {
		end = m.offsets[m.cursor+1] - 1 // the blank line between is not needed
	}
	// A choice out of sight is brought to the top, whole, not cut by the
	// one above.
	if off := m.body.YOffset; end > off+m.body.Height || start < off {
		m.body.SetYOffset(start)
	}
}

// layout fills the box's text for a box w wide with at most h rows, and
// enables the scrolling keys when the choices do not fit. The choices show
// their details when all of them fit so; else only the selected one does
// (compact), so that every choice, from the first, is in sight.
func (m *choiceModel) layout(w, h int) {
	if m.asking == nil {
		return
	}
	m.width, m.room = min(w, 100), h
	inner := m.innerWidth()
	head := m.headView(inner)
	rows := max(h-2-strings.Count(head, "\n")-2-2, 3) // border, head and the line under it, hint and its
	text, offsets := m.choicesView(inner, false)
	m.compact = strings.Count(text, "\n")+1 > rows
	lines := strings.Count(text, "\n") + 1
	if m.compact {
		// As tall as the tallest selection, so the box does not jump as
		// the cursor moves.
		lines = 0
		for c := range m.asking.Options {
			t, _ := m.choicesViewAt(inner, true, c)
			lines = max(lines, strings.Count(t, "\n")+1)
		}
		text, offsets = m.choicesView(inner, true)
		if pad := lines - strings.Count(text, "\n") - 1; pad > 0 {
			text += strings.Repeat("\n", pad)
		}
	}
	m.offsets = offsets
	y := m.body.YOffset
	m.body.Width, m.body.Height = inner, min(rows, lines)
	m.body.SetContent(text)
	m.lines = strings.Split(text, "\n")
	m.body.SetYOffset(y)
	scrolls := m.body.TotalLineCount() > m.body.Height
	m.keys.MoreUp.SetEnabled(scrolls)
	m.keys.MoreDown.SetEnabled(scrolls)
	m.body.KeyMap = viewport.KeyMap{PageUp: m.keys.MoreUp, PageDown: m.keys.MoreDown}
	m.follow()
}

// innerWidth is the width of the text inside the box's border and padding.
func (m choiceModel) innerWidth() int { return max(m.width-6, 20) }

func (m choiceModel) headView(w int) string {
	s := m.styles
	p := m.asking
	title := s.Title.Render(p.Title)
	week := s.Subtle.Render(fmt.Sprintf("week %d · an answer is needed", p.Week))
	head := title
	if lipgloss.Width(p.Title)+2+lipgloss.Width(week) <= w {
		head = title + strings.Repeat(" ", w-lipgloss.Width(p.Title)-lipgloss.Width(week)) + week
	}
	return head + "\n" + reflow(p.Text, w)
}

// choicesView is every choice with what it means and costs now, the
// selected one marked; offsets are the lines each starts on. Compact, only
// the selected choice has its details.
func (m choiceModel) choicesView(w int, compact bool) (string, []int) {
	return m.choicesViewAt(w, compact, m.cursor)
}

// choicesViewAt is choicesView with the choice at cursor selected.
func (m choiceModel) choicesViewAt(w int, compact bool, cursor int) (string, []int) {
	s := m.styles
	var lines []string
	offsets := make([]int, len(m.asking.Options))
	for i, o := range m.asking.Options {
		if i > 0 && !compact {
			lines = append(lines, "")
		}
		offsets[i] = len(lines)
		label := o.Label
		if o.Default {
			label += " (the default)"
		}
		mark := fmt.Sprintf("  %d ", i+1) // the key that answers it
		if i == cursor {
			mark = fmt.Sprintf("▸ %d ", i+1)
			label = s.Selected.Render(label)
		} else {
			label = s.Bold.Render(label)
		}
		lines = append(lines, mark+label)
		if compact && i != cursor {
			continue
		}
		var detail []string
		if o.Built != "" {
			detail = append(detail, "◆ Cheaper because "+o.Built+" is built: "+lowerFirst(o.Text))
		} else {
			detail = append(detail, o.Text)
		}
		detail = append(detail, choiceCosts(m.g.Scenario(), o, m.g.Week())...)
		for _, d := range detail {
			for _, l := range strings.Split(wrapLines(d, w-6), "\n") {
				lines = append(lines, "      "+l)
			}
		}
	}
	return strings.Join(lines, "\n"), offsets
}

// choiceCosts says what a choice does now, in the game's own numbers: its
// money, the people away and for how long, its other effects, the work it
// brings, a rival's gain and the risk that may come back. week is the
// weeks played.
func choiceCosts(sc *sim.Scenario, o sim.ChoiceOption, week int) []string {
	var out []string
	switch {
	case o.Money < 0:
		out = append(out, "Costs $"+prose.Dollars(-o.Money)+" now.")
	case o.Money > 0:
		out = append(out, "Brings $"+prose.Dollars(o.Money)+" now.")
	}
	if e := effectWords(sc, o.Effects, false); e != "" {
		how := "for good"
		if o.Duration > 0 {
			// The last week they hold, as the header counts weeks: the
			// week a hire's news says "up to speed" in is read the same way.
			how = fmt.Sprintf("for %s, to the end of week %d", prose.Count(o.Duration, "week", "weeks"), week+o.Duration)
		}
		out = append(out, upperFirst(e)+", "+how+".")
	}
	if o.WorkCount > 0 {
		name := o.Work
		for _, w := range sc.Work {
			if w.ID == o.Work && w.Name != "" {
				name = w.Name
			}
		}
		out = append(out, fmt.Sprintf("%d × %s arrive now.", o.WorkCount, name))
	}
	if o.Competitor != "" {
		verb := "gains"
		if o.Boost < 0 {
			verb = "loses"
		}
		out = append(out, fmt.Sprintf("%s %s %.1f points of customer experience.", o.Competitor, verb, math.Abs(o.Boost)))
	}
	if r := o.Risk; r != nil {
		risk := fmt.Sprintf("Risk: a %.0f%% chance that in week %d %s", 100*r.Probability, week+1+r.Weeks, lowerFirst(r.Text))
		if e := effectWords(sc, r.Effects, true); e != "" {
			risk += " (" + e + ")"
		}
		out = append(out, risk)
	}
	if len(out) == 0 {
		out = append(out, "Changes nothing now.")
	}
	return out
}

// effectWords says what effects change, with their money when money is set.
func effectWords(sc *sim.Scenario, effects []sim.Effect, money bool) string {
	var out []string
	for _, e := range effects {
		switch {
		case e.Stage >= 0 && e == (sim.Effect{Stage: e.Stage, AddCapacity: e.AddCapacity}):
			n := e.AddCapacity
			if n < 0 {
				out = append(out, sc.Stages[e.Stage].Label()+" "+prose.Count(-n, "person", "people")+" short")
			} else {
				out = append(out, sc.Stages[e.Stage].Label()+" "+prose.Count(n, "more person", "more people"))
			}
			continue
		case e.Stage >= 0:
			out = append(out, describeEffects(sc, []sim.Effect{e}))
			continue
		}
		if e.Money != 0 && money {
			out = append(out, moneyWords(e.Money))
		}
		if e.Experience != 0 {
			out = append(out, fmt.Sprintf("customer experience %+.1f", e.Experience))
		}
		if d := describeEffects(sc, []sim.Effect{e}); d != "" {
			out = append(out, d)
		}
	}
	return strings.Join(out, "; ")
}

func moneyWords(d int64) string {
	if d < 0 {
		return "$" + prose.Dollars(-d) + " out"
	}
	return "$" + prose.Dollars(d) + " in"
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func lowerFirst(s string) string {
	if len(s) < 2 || strings.ToUpper(s[1:2]) == s[1:2] && s[1] != ' ' {
		return s // an acronym, or a name
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// View draws the box, at most h rows tall.
func (m choiceModel) View() string {
	s := m.styles
	inner := m.innerWidth()
	var b strings.Builder
	above, below := 0, 0
	for _, o := range m.offsets {
		switch {
		case o < m.body.YOffset:
			above++
		case o >= m.body.YOffset+m.body.Height:
			below++
		}
	}
	more := func(n int, where string) string {
		if n == 0 {
			return ""
		}
		return s.Subtle.Render(prose.Count(n, "more choice", "more choices") + " " + where)
	}
	under := more(above, "above ↑")
	if m.compact && above == 0 {
		under = s.Subtle.Render("↑↓ shows what each choice brings and costs")
	}
	b.WriteString(m.headView(inner) + "\n" + under + "\n")
	b.WriteString(bodyView(&m.body, m.lines) + "\n" + more(below, "below ↓"))
	keys := fmt.Sprintf("↑↓ and enter, or 1-%d, answer", len(m.asking.Options))
	hint := keys + " · x explains · esc looks at the dashboard"
	if m.scrolls() {
		hint = keys + " · pgup/pgdn scroll · x explains · esc: look"
	}
	switch {
	case m.failed != nil:
		hint = s.Error.Render(truncateLine("Not answered: "+m.failed.Error(), inner))
	case m.held:
		again := fmt.Sprintf("Enter again answers %d, %q.", m.cursor+1, m.asking.Options[m.cursor].Label)
		if other := fmt.Sprintf(" ↑↓ or 1-%d choose another.", len(m.asking.Options)); cellWidth(again+other) <= inner {
			again += other
		}
		hint = s.Accent.Render(truncateLine(again, inner))
	default:
		hint = s.Subtle.Render(wrapLines(hint, inner))
	}
	b.WriteString("\n" + hint)
	return s.Box.Width(inner + 4).Render(b.String())
}

// bodyView is the viewport's View of its lines (as SetContent split them):
// the lines in sight, each padded to the width, and blank lines to the
// height. Where a line is wider than that or holds a tab, or the
// viewport has a frame, what View does is more than padding: View it is.
// View renders the lines with a lipgloss style, measuring every line's
// every grapheme again, a tenth of a tick when a question opens.
func bodyView(vp *viewport.Model, lines []string) string {
	w, h := vp.Width, vp.Height
	if w <= 0 || h <= 0 || vp.Style.GetHorizontalFrameSize() != 0 ||
		vp.Style.GetVerticalFrameSize() != 0 || vp.Style.GetWidth() != 0 || vp.Style.GetHeight() != 0 ||
		len(lines) != vp.TotalLineCount() {
		return vp.View()
	}
	top := max(vp.YOffset, 0)
	shown := lines[min(top, len(lines)):min(max(vp.YOffset+h, top), len(lines))]
	var b strings.Builder
	b.Grow(h * (w + 1))
	for i := range h {
		l := ""
		if i < len(shown) {
			l = shown[i]
		}
		n := cellWidth(l)
		if n > w || strings.ContainsAny(l, "\t\r") {
			return vp.View()
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
		b.WriteString(strings.Repeat(" ", w-n))
	}
	return b.String()
}

// scrolls reports whether the choices are taller than the box.
func (m choiceModel) scrolls() bool { return m.body.TotalLineCount() > m.body.Height }

// waiting is the line that says an answer is waiting while the box is aside.
func (m choiceModel) waiting() string {
	return fmt.Sprintf("An answer is waiting: %s. Space or p opens it again.", m.asking.Title)
}
