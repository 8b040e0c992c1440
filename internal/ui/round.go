package ui

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/sim"
)

// Rounds: a game played in rounds (serve --rounds, play --rounds) halts
// at the end of each listed week and shows "round N is over" with the
// player's own numbers, until the round is released: by the facilitator
// in a room, by the player alone. Time does not move at a gate; the shop
// and the stages can still be looked at.

// ParseRounds reads a --rounds list such as "13,26": the weeks rounds end
// at, in increasing order, each a whole number from 1. CheckRounds then
// holds them to a game's weeks.
func ParseRounds(text string) ([]int, error) {
	var rounds []int
	for _, f := range strings.Split(text, ",") {
		f = strings.TrimSpace(f)
		w, err := strconv.Atoi(f)
		if err != nil || w < 1 {
			return nil, fmt.Errorf("%q is not a week: give the weeks rounds end at, such as 13,26", f)
		}
		if n := len(rounds); n > 0 && w <= rounds[n-1] {
			return nil, fmt.Errorf("the weeks must be in increasing order, and %d comes after %d", w, rounds[n-1])
		}
		rounds = append(rounds, w)
	}
	return rounds, nil
}

// ErrNoRounds is CheckRounds' answer for an empty list.
var ErrNoRounds = errors.New("no weeks given: give the weeks rounds end at, such as 13,26")

// CheckRounds fails unless rounds is in increasing order and every week is
// before a game of weeks weeks ends (the last round ends with the game).
func CheckRounds(rounds []int, weeks int) error {
	if len(rounds) == 0 {
		return ErrNoRounds
	}
	for i, w := range rounds {
		switch {
		case w < 1 || w >= weeks:
			return fmt.Errorf("week %d is not within the game: each week must be from 1 to %d (the game has %d weeks, and the last round ends with it)", w, weeks-1, weeks)
		case i > 0 && w <= rounds[i-1]:
			return fmt.Errorf("the weeks must be in increasing order, and %d comes after %d", w, rounds[i-1])
		}
	}
	return nil
}

// roundGate is where the game must stop now: the last week it may reach
// (0: nowhere) and the round that week ends, of how many.
// from is the week the round began after (0 for the first).
type roundGate struct {
	week, round, from int
	local             bool // the player releases it: no facilitator
}

// gateOf is the gate at week in the list rounds (the weeks rounds end at).
func gateOf(rounds []int, week int, local bool) roundGate {
	for i, w := range rounds {
		if w == week {
			g := roundGate{week: w, round: i + 1, local: local}
			if i > 0 {
				g.from = rounds[i-1]
			}
			return g
		}
	}
	return roundGate{}
}

// gate is the gate the game plays up to now.
func (m dashboardModel) gate() roundGate {
	if r := m.opts.Room; r != nil {
		st := r.Status()
		return gateOf(st.Rounds, st.Gate, false)
	}
	if rs := m.opts.Rounds; m.released < len(rs) {
		return gateOf(rs, rs[m.released], true)
	}
	return roundGate{}
}

// atGate reports whether the game has played its round's last week, and
// if so holds it there with the round's box in front.
func (m *dashboardModel) atGate() bool {
	g := m.gate()
	if g.week <= 0 || m.g.Week() < g.week {
		return false
	}
	if _, over := m.g.Over(); over {
		return false
	}
	if m.round.week != g.week { // newly arrived
		start, known := m.gateLeads[g.from]
		if g.from == 0 {
			start, known = sim.Metric{}, true // nothing has shipped before the game
		}
		m.round = newRound(m.styles, m.keys.global, m.g, g, start, known)
		m.round.known = known
		if m.gateLeads == nil {
			m.gateLeads = map[int]sim.Metric{}
		}
		m.gateLeads[g.week] = m.g.DORA().LeadTimeForChanges
		m.round.resume = m.playing
	}
	m.round.shown = true
	m.playing = false
	m.message = m.round.waiting()
	m.gateHelp(true)
	return true
}

// gateHelp names what space and p do while the game waits at a gate: they
// bring the round's box back (issue 12 play-test: the help line said
// "space next week" under a game that could not move).
func (m *dashboardModel) gateHelp(at bool) {
	if at {
		m.keys.Week.SetHelp("space", "summary")
		m.keys.Play.SetHelp("p", "summary") // the same as space: the help line shows one
		return
	}
	m.keys.Week.SetHelp("space", "next week")
	m.keys.Play.SetHelp("p", "play")
}

// fitRounds drops the rounds, played alone, that end at or after the
// game's last week (the game was chosen on the title screen, after the
// rounds were checked), and says so.
func (m *dashboardModel) fitRounds() string {
	weeks := m.g.Weeks()
	kept := slices.DeleteFunc(slices.Clone(m.opts.Rounds), func(w int) bool { return w >= weeks })
	if len(kept) == len(m.opts.Rounds) {
		return ""
	}
	m.opts.Rounds = kept
	return fmt.Sprintf("This game has %d weeks: the rounds ending at week %d or later are left out.", weeks, weeks)
}

// gateTime is t, or the end of the gate's week if that comes first.
func (m *dashboardModel) gateTime(t Time) Time {
	if g := m.gate(); g.week > 0 {
		return min(t, Time(g.week)*m.g.Scenario().Week())
	}
	return t
}

// releaseRound follows a released gate: the box goes, the message says the
// next round is on, and auto-play, if it stopped at the gate, carries on.
func (m *dashboardModel) releaseRound() {
	if m.round.week == 0 {
		return
	}
	if g := m.gate(); g.week == m.round.week && m.g.Week() >= g.week {
		return // still held
	}
	next := m.round.round + 1
	m.message = fmt.Sprintf("Round %d has begun: play on.", next)
	m.playing = m.round.resume
	m.round = roundModel{}
	if !m.choice.open() {
		m.gateHelp(false) // a question waiting keeps its "answer"
	}
}

// updateRound handles a key while the round's box is in front: enter
// releases the round when the player is their own facilitator, esc puts
// the box away (space brings it back: the game cannot move).
func (m dashboardModel) updateRound(msg tea.KeyMsg) (dashboardModel, tea.Cmd) {
	switch {
	case m.round.gate.local && key.Matches(msg, m.round.keys.Continue):
		m.released++
		m.releaseRound()
		return m, m.wake()
	case key.Matches(msg, m.round.keys.Close):
		m.round.shown = false
		m.message = m.round.hidden()
		if m.choice.open() { // the question comes up first
			m.message = fmt.Sprintf("Round %d is over: answer the question, then space shows its summary.", m.round.round)
		}
	}
	return m, nil
}

// roundKeys are the keys of the round's box.
type roundKeys struct {
	Continue key.Binding // starts the next round: only when playing alone
	Close    key.Binding // the box away, to look at the dashboard
	global   *globalKeys
}

func (k roundKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Continue, k.Close, k.global.Help, k.global.Quit}
}

func (k roundKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Continue, k.Close}, {k.global.Help, k.global.Quit}}
}

// roundModel is the box that says a round is over, with the player's own
// numbers: where the game stands at the gate and what changed since the
// round began.
type roundModel struct {
	styles *Styles
	keys   roundKeys
	gate   roundGate
	shown  bool // in front (esc puts it away; the game still waits)
	resume bool // auto-play was on when the gate came: it carries on after
	week   int  // the gate's week; 0 when no round is over
	round  int
	body   string
	known  bool // the lead time at the round's start is in the body (else roundStartLead finds it)
}

// roundLeadMsg brings the lead time for changes at the start of the round
// over at gate, in the game g, found by replaying it (roundStartLead).
type roundLeadMsg struct {
	g    *sim.Game
	gate int
	lead sim.Metric
}

// roundStartLead finds the lead time for changes at the start of the
// round that is over, when this program did not see the game there (it
// was resumed from a save, or joined a team's game, after): it replays the
// game to that week in a command, from its seed and the decisions and
// events before it, as a save is replayed. nil when there is nothing to find.
func (m dashboardModel) roundStartLead() tea.Cmd {
	if m.round.week == 0 || m.round.known {
		return nil
	}
	g, from, gate := m.g, m.round.gate.from, m.round.week
	upTo := Time(from) * g.Scenario().Week()
	var log []sim.LoggedDecision
	for _, d := range g.Log() {
		if d.At <= upTo {
			log = append(log, d)
		}
	}
	var schedule []sim.ScheduledEvent
	for _, s := range g.Scheduled() {
		if s.Fired && s.Week <= from && s.After <= len(log) {
			schedule = append(schedule, s)
		}
	}
	sc, seed, weeks := g.Scenario(), g.Sim().Seed(), g.Weeks()
	return func() tea.Msg {
		h, err := sim.ReplaySchedule(sc, seed, weeks, schedule, log, upTo)
		if err != nil {
			return nil // not expected of a game that is being played: the cell stays empty
		}
		return roundLeadMsg{g: g, gate: gate, lead: h.DORA().LeadTimeForChanges}
	}
}

// roundLead puts the lead time found at the round's start into its box.
func (m *dashboardModel) roundLead(msg roundLeadMsg) {
	if msg.g != m.g || msg.gate != m.round.week || m.round.known {
		return // another game, another round, or known meanwhile
	}
	if m.gateLeads == nil {
		m.gateLeads = map[int]sim.Metric{}
	}
	m.gateLeads[m.round.gate.from] = msg.lead
	m.round.body = roundNumbers(m.styles, m.g, m.round.gate, msg.lead, true)
	m.round.known = true
}

func newRound(s *Styles, global *globalKeys, g *sim.Game, gate roundGate, startLead sim.Metric, known bool) roundModel {
	keys := roundKeys{
		Continue: k([]string{"enter"}, "enter", fmt.Sprintf("start round %d", gate.round+1)),
		Close:    k([]string{"esc"}, "esc", "look at the dashboard"),
		global:   global,
	}
	keys.Continue.SetEnabled(gate.local)
	return roundModel{styles: s, keys: keys, gate: gate, week: gate.week, round: gate.round, body: roundNumbers(s, g, gate, startLead, known)}
}

// waiting is the message line while the game waits at the gate.
func (m roundModel) waiting() string {
	if m.gate.local {
		return fmt.Sprintf("Round %d is over. Press enter when you are ready for round %d.", m.round, m.round+1)
	}
	return fmt.Sprintf("Round %d is over: waiting for the facilitator to start round %d.", m.round, m.round+1)
}

// hidden is the message line once esc has put the box away: on the
// dashboard enter opens a stage, so it says how to get back.
func (m roundModel) hidden() string {
	if m.gate.local {
		return fmt.Sprintf("Round %d is over: space brings its summary back, where enter starts round %d.", m.round, m.round+1)
	}
	return fmt.Sprintf("Round %d is over: waiting for the facilitator to start round %d (space: its summary).", m.round, m.round+1)
}

// roundNumbers is what the box says: the game at the gate next to where
// it stood when the round began, and the decisions and events of the round.
// The lead time at the round's start is known if this program saw the
// game there (known); else its cell is left empty.
func roundNumbers(s *Styles, g *sim.Game, gate roundGate, startLead sim.Metric, known bool) string {
	sc := g.Scenario()
	r := g.Result()
	from := gate.from
	startShare, startCash := sc.Company.MarketShare, sc.Company.Budget
	if from > 0 && from <= len(r.Weekly) {
		startShare, startCash = r.Weekly[from-1].MarketShare, r.Weekly[from-1].Budget
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", s.Title.Render(fmt.Sprintf("Round %d is over: the end of week %d of %d", gate.round, g.Week(), g.Weeks())))
	// The columns are the ends of weeks, as the title counts them; the game
	// never shows a week 0, so the first round starts at "start".
	fromWords := "start"
	if from > 0 {
		fromWords = fmt.Sprintf("week %d", from)
	}
	fmt.Fprintf(&b, "%-22s %12s %12s  %s\n", "", fromWords, fmt.Sprintf("week %d", g.Week()), "this round")
	fmt.Fprintf(&b, "%-22s %12s %12s  %s\n", "market share", sharePercent(startShare), sharePercent(g.Share()), shareChange(g.Share(), startShare))
	fmt.Fprintf(&b, "%-22s %12s %12s  %s\n", "money", prose.Money(startCash), prose.Money(g.Cash()), signedKilo(g.Cash()-startCash))
	leadOf := func(m sim.Metric) string {
		if v, ok := m.Get(); ok {
			return report.Duration(v, sc.HoursPerWeek)
		}
		return "–"
	}
	now := r.Summary.DORA.LeadTimeForChanges
	start, change := "", ""
	if known {
		start = leadOf(startLead)
		a, okA := startLead.Get()
		z, okZ := now.Get()
		if okA && okZ {
			change = signedDuration(z-a, sc.HoursPerWeek) + " "
		}
	}
	fmt.Fprintf(&b, "%-22s %12s %12s  %s\n", "commit→prod", start, leadOf(now), change+s.Subtle.Render("(median, "+doraWindow(g.DORA(), true)+")")) // the DORA line's window
	var decided []string
	for _, d := range r.Decisions {
		if d.Week > from && d.Week <= g.Week() {
			decided = append(decided, d.Text)
		}
	}
	if len(decided) == 0 {
		b.WriteString("Decisions this round: none.\n")
	} else {
		fmt.Fprintf(&b, "Decisions this round (%d): %s\n", len(decided), strings.Join(decided, "; "))
	}
	var events []string
	for _, e := range r.Events {
		if e.Week > from && e.Week <= g.Week() {
			name := e.Title
			if name == "" {
				name = e.ID
			}
			events = append(events, name)
		}
	}
	if len(events) > 0 {
		fmt.Fprintf(&b, "Events this round: %s.\n", strings.Join(events, ", "))
	}
	// An event of the next week may already ask: its question comes up
	// when this box is put away, so the box says so.
	if p, ok := g.Pending(); ok {
		fmt.Fprintf(&b, "A question waits, from week %d: %s. esc puts this box away to answer it now; time stays still until round %d starts.\n", p.Week, p.Title, gate.round+1)
	}
	return b.String()
}

// View draws the box in w×h cells.
func (m roundModel) View(w, h int) string {
	s := m.styles
	width := min(w-6, 76)
	foot := fmt.Sprintf("The facilitator starts round %d; until then nothing moves. esc: look at the dashboard.", m.round+1)
	if m.gate.local {
		foot = fmt.Sprintf("Press enter when you are ready for round %d. esc: look at the dashboard.", m.round+1)
	}
	body := wrapLines(m.body, width) + "\n" + s.Accent.Render(wrapLines(foot, width))
	return place(w, h, lipgloss.Center, lipgloss.Top, s.Box.Width(width+4).Render(body))
}
