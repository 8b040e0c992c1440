package ui

import (
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/sim"
)

// advice points at the current bottleneck from the simulation's own
// numbers: the stage where work waited longest in the last four weeks, why,
// and what in the shop would help it.
func advice(g *sim.Game) string {
	b := g.Bottleneck(sim.RecentWeeks)
	ask := waitingAdvice(g, b)
	if b.Stage < 0 {
		msg := ask + "Nothing has waited anywhere yet. Play a week (space) first."
		for _, hint := range improvementHints(g, b) {
			msg += "\n\n" + hint
		}
		return msg
	}
	msg := ask + fmt.Sprintf("In the last %d weeks, %.0f%% of all the time work spent waiting was at %s: %s.", sim.RecentWeeks, 100*b.Share, b.Name, b.Why)
	// What the player can do now comes first: a practice, then what the
	// shop sells now; what must wait for something else is said by its
	// chain, with the first step that can be taken now.
	if p := practiceFor(g, b.Stage); p != "" {
		msg += "\n\n" + p
	}
	var helps, unaffordable []string
	for _, inv := range g.Investments() {
		if inv.State != sim.Available && (inv.State != sim.Locked || inv.Lock.Kind != sim.Unaffordable) {
			continue
		}
		for _, e := range inv.Effects {
			if e.Stage != b.Stage {
				continue
			}
			if inv.State == sim.Available {
				helps = append(helps, inv.Name)
			} else {
				unaffordable = append(unaffordable, inv.Name+" ("+inv.Lock.Short()+")")
			}
			break
		}
	}
	if len(helps) > 0 {
		msg += "\n\nIn the shop now, for " + b.Name + ": " + strings.Join(helps, ", ") + "."
	}
	if len(unaffordable) > 0 {
		msg += "\n\nIn the shop for " + b.Name + ", once there is the money: " + strings.Join(unaffordable, ", ") + "."
	}
	for _, chain := range lockedChains(g, b.Stage) {
		msg += "\n\n" + chain
	}
	if cfr, ok := g.DORA().ChangeFailureRate.Get(); ok && cfr > 0.3 {
		msg += fmt.Sprintf("\n\n%.0f%% of deployments broke production lately: big releases carry many changes, and one bad change breaks the whole release.", 100*cfr)
	}
	for _, hint := range improvementHints(g, b) {
		msg += "\n\n" + hint
	}
	return msg
}

// practiceFor is what the player can change now under Practices for a
// stage: the release train, at the stage it leaves from, while it can
// leave more often than it does. It is "" for other stages.
func practiceFor(g *sim.Game, stage int) string {
	sc := g.Scenario()
	if rel := sc.Production.Release; stage < 0 || stage != rel {
		return ""
	}
	every := g.Stages()[stage].BatchEvery
	if every <= sc.Week() { // on demand, or as often as the shop allows
		return ""
	}
	return fmt.Sprintf("Now, under Practices (i, then tab): make the %s leave more often than every %s (← → and enter); each change then waits less for it.",
		sc.Stages[stage].Label(), prose.Count(int(every/sc.Week()), "week", "weeks"))
}

// lockedChains are the chains of the investments for a stage that wait
// for others to be built first (chainWords), but none for one that is
// itself on the chain of another: that one says it too.
func lockedChains(g *sim.Game, stage int) []string {
	invs := g.Investments()
	var locked []int
	for i, inv := range invs {
		if inv.State != sim.Locked || inv.Lock.Kind != sim.NeedsPrerequisite {
			continue
		}
		for _, e := range inv.Effects {
			if e.Stage == stage {
				locked = append(locked, i)
				break
			}
		}
	}
	onChain := map[int]bool{}
	for _, i := range locked {
		for _, p := range g.Scenario().Prerequisites(i) {
			onChain[p] = true
		}
	}
	var out []string
	for _, i := range locked {
		if !onChain[i] {
			out = append(out, chainWords(g, i))
		}
	}
	return out
}

// chainWords says everything an investment needs first, in an order it can
// be built in, with where each stands, and the first step the player can
// take now, with its price and who builds it: "Continuous delivery needs,
// in this order: ✓ Build automation (CI): done; ◆ Test automation, level 1:
// building, ready in about week 14; ○ Test automation, level 2: to do.
// First step now: ...". It is "" when investment i needs nothing that is
// not built.
func chainWords(g *sim.Game, i int) string {
	steps, next := g.Chain(i)
	var parts []string
	todo := false
	for _, st := range steps {
		switch st.State {
		case sim.Built:
			parts = append(parts, "✓\u00a0"+st.Name+": done")
		case sim.Building:
			todo = true
			parts = append(parts, "◆\u00a0"+st.Name+": building, "+readyWords(st))
		default:
			todo = true
			parts = append(parts, "○\u00a0"+st.Name+": to do")
		}
	}
	if !todo {
		return ""
	}
	words := g.Scenario().Investments[i].Name + " needs, in this order: " + strings.Join(parts, "; ") + ". "
	if next >= 0 {
		st := steps[next]
		return words + fmt.Sprintf("First step now: %s, $%s and then $%s a week; %s (shop, i).",
			st.Name, prose.Dollars(st.Cost), prose.Dollars(st.WeeklyCost), lowerFirst(buildWords(st, g.Scenario())))
	}
	// Nothing can be bought now: say what the first step not done waits
	// for.
	for _, st := range steps {
		if st.State == sim.Locked {
			return words + "Nothing on it can be bought now: " + st.Lock.Error() + "."
		}
	}
	for _, st := range steps {
		if st.State == sim.Building {
			return words + fmt.Sprintf("Nothing more to buy for it now: %s is being built.", st.Name)
		}
	}
	return words
}

// chainShort is what investment i needs first, everything not built yet
// in the order of its chain: "needs first: Test automation, level 1
// (building); Test automation, level 2".
func chainShort(g *sim.Game, i int) string {
	steps, _ := g.Chain(i)
	var names []string
	for _, st := range steps {
		switch st.State {
		case sim.Built:
		case sim.Building:
			names = append(names, st.Name+" (building)")
		default:
			names = append(names, st.Name)
		}
	}
	return "needs first: " + strings.Join(names, "; ")
}

// readyWords is when an investment being built will be ready, short:
// "ready in about week 14", or that a team it needs gives it no time.
func readyWords(st sim.InvestmentStatus) string {
	if st.ReadyWeek > 0 && st.WaitsFor < 0 {
		return fmt.Sprintf("ready in about week %d", st.ReadyWeek)
	}
	return st.When()
}

// shortRunway is the runway, in weeks, under which the advisor warns.
const shortRunway = 8

// improvementHints are the advisor's words on the teams' improvement time
// and the money: several investments sharing one team, an investment
// waiting for a share of 0, improvement time on the bottleneck, a short
// runway.
func improvementHints(g *sim.Game, b sim.Bottleneck) []string {
	var out []string
	invs := g.Scenario().Investments
	for _, t := range g.Improvement() {
		if n := len(t.Active); n > 1 {
			var names []string
			for _, i := range t.Active {
				names = append(names, invs[i].Name)
			}
			out = append(out, fmt.Sprintf("%s is building %d investments at once (%s), each with 1/%d of its improvement time: finish one first and its benefit comes sooner.", t.Label, n, strings.Join(names, ", "), n))
		}
		if t.Stage == b.Stage && t.Share > 0 && len(t.Active) > 0 {
			out = append(out, fmt.Sprintf("%s is the bottleneck and gives %s of its time to improvement work: there it costs the most, since everything waits for it. A smaller share there, or a larger one on a team that is not the bottleneck (shop, Teams).", t.Label, percent(t.Share)))
		}
	}
	for _, inv := range g.Investments() {
		if inv.State == sim.Building && inv.WaitsFor >= 0 {
			out = append(out, fmt.Sprintf("%s %s: give that team some improvement time (shop, Teams), or it never finishes.", inv.Name, inv.When()))
		}
	}
	if w, ok := g.Runway(); ok && w < shortRunway {
		out = append(out, fmt.Sprintf("At this week's rate the money lasts about %.0f weeks: spend on what pays back soon, or spend less.", math.Floor(w)))
	}
	return out
}

// waitingAdvice is what the advisor says first about a question that
// waits for an answer ("" when none does): the default, where work waits,
// on which a person short depends, and what an investment built has
// changed in the answers.
func waitingAdvice(g *sim.Game, b sim.Bottleneck) string {
	p, ok := g.Pending()
	if !ok {
		return ""
	}
	msg := fmt.Sprintf("%s waits for your answer (space opens it); nothing moves on until you give one.", p.Title)
	if b.Stage >= 0 {
		msg += fmt.Sprintf(" Lately most waiting is at %s: a person short elsewhere costs less.", b.Name)
	}
	for _, changes := range builtChanges(p.Options) {
		msg += "\n\n" + changes
	}
	return msg + "\n\n"
}

// builtChanges say, once for each investment built that changes answers,
// what it changes in each: "Build automation (CI) is built, which changes
// 2 answers:" and a line for each answer, "• "Hire consultants": the
// build server already records every change: …".
func builtChanges(options []sim.ChoiceOption) []string {
	var names []string
	changes := map[string][]string{}
	for _, o := range options {
		if o.Built == "" {
			continue
		}
		if _, ok := changes[o.Built]; !ok {
			names = append(names, o.Built)
		}
		changes[o.Built] = append(changes[o.Built], fmt.Sprintf("• %q: %s", o.Label, lowerFirst(o.Text)))
	}
	out := make([]string, 0, len(names))
	for _, name := range names {
		c := changes[name]
		out = append(out, fmt.Sprintf("%s is built, which changes %s:\n%s", name, prose.Count(len(c), "answer", "answers"), strings.Join(c, "\n")))
	}
	return out
}

// adviceModel is the advisor's say, over the charts until a key is
// pressed. Taller than its room, its text scrolls with ↑↓ (and pgup,
// pgdown); any other key puts it away.
type adviceModel struct {
	styles *Styles
	keys   adviceKeys
	text   string
	offset int // the first line of the text in sight, when it scrolls
	// The cells the box has (SetSize): the dashboard's width, and the rows
	// below its map, or over it too when the box is taller.
	width, height int
}

func (m adviceModel) open() bool { return m.text != "" }

// SetSize gives the advice w×h cells (h <= 0: as many rows as it needs).
func (m *adviceModel) SetSize(w, h int) { m.width, m.height = w, h }

// Update scrolls the advice with ↑↓ when it is taller than its room, and
// puts it away on any other key (the key does nothing else).
func (m adviceModel) Update(msg tea.Msg) (adviceModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok || !m.open() {
		return m, nil
	}
	lines, room := m.lines(m.width), m.textRows(m.width, m.height)
	if last := len(lines) - room; last > 0 {
		switch {
		case key.Matches(km, m.keys.Down):
			m.offset = min(m.offset+1, last)
			return m, nil
		case key.Matches(km, m.keys.Up):
			m.offset = max(m.offset-1, 0)
			return m, nil
		case key.Matches(km, m.keys.PageDown):
			m.offset = min(m.offset+room, last)
			return m, nil
		case key.Matches(km, m.keys.PageUp):
			m.offset = max(m.offset-room, 0)
			return m, nil
		}
	}
	m.text, m.offset = "", 0
	return m, nil
}

// keyMap is the advice's keys: the scrolling ones only when its text
// does not fit.
func (m adviceModel) keyMap() adviceKeys {
	k := m.keys
	scrolls := len(m.lines(m.width)) > m.textRows(m.width, m.height)
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown} {
		b.SetEnabled(scrolls)
	}
	return k
}

// View draws the advice in a box, in its cells.
func (m adviceModel) View() string {
	return place(m.width, m.height, lipgloss.Center, lipgloss.Top, m.box(m.width, m.height))
}

// textWidth is the width of the advice's text in w columns.
func textWidth(w int) int { return min(w-6, 76) }

// lines is the advice's text wrapped to its box in w columns.
func (m adviceModel) lines(w int) []string {
	return strings.Split(wrapLines(m.text, textWidth(w)), "\n")
}

// The box's last words: what closes it, and when it scrolls, that ↑↓ do
// not.
const (
	adviceHint       = "Any key but ? closes the advice; then x explains a stage, i opens the shop."
	adviceScrollHint = "↑↓ scroll; any other key but ? closes the advice; then x explains a stage, i opens the shop."
)

// textRows is how many rows of text the box has in w×h cells: all it
// needs when that fits (h <= 0: any height), else what is left of h.
func (m adviceModel) textRows(w, h int) int {
	need := len(m.lines(w))
	if h <= 0 {
		return need
	}
	// The borders, the title, two blank rows and the hint (one row more
	// for the scroll hint when it scrolls).
	if need+5+len(strings.Split(wrapLines(adviceHint, textWidth(w)), "\n")) <= h {
		return need
	}
	frame := 5 + len(strings.Split(wrapLines(adviceScrollHint, textWidth(w)), "\n"))
	return max(h-frame-2, 1) // a row for the scroll hint, and one spare for a message on two rows
}

// box is the advice in its box, in w columns and at most h rows (h <= 0:
// as tall as its text): a window on the text from offset when it is too
// tall, with a line saying what is out of sight.
func (m adviceModel) box(w, h int) string {
	s := m.styles
	width := textWidth(w)
	lines, room := m.lines(w), m.textRows(w, h)
	text, hint := strings.Join(lines, "\n"), adviceHint
	if room < len(lines) {
		from := min(m.offset, len(lines)-room)
		text = strings.Join(lines[from:from+room], "\n") + "\n" +
			s.Subtle.Render(fmt.Sprintf("(%d lines above, %d below)", from, len(lines)-from-room))
		hint = adviceScrollHint
	}
	body := s.Title.Render("Advisor") + "\n\n" + text + "\n\n" + wrapLines(s.Subtle.Render(hint), width)
	return s.Box.Width(width + 4).Render(body)
}

// rows is how many rows the advice's box takes in w columns, however tall.
func (m adviceModel) rows(w int) int { return lipgloss.Height(m.box(w, 0)) }
