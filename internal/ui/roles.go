package ui

import (
	"fmt"
	"strings"
	"sync"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/save"
	"github.com/globomantics/globosim/internal/sim"
)

// Teams with roles (globosim serve --teams): several programs play one
// game, each member in a role. The game takes its decisions through the
// Team instead of applying them: the team applies a decision the member's
// role owns, and passes any other to its owner as a proposal, which the
// owner's dashboard shows in a box to accept or decline with one key.

// Team is the team a player plays in; nil when they play alone. The team
// serialises its members' programs: every method is called from the
// program's Update or View, while the team holds its game for this member,
// and must not block.
type Team interface {
	// Game is the team's game, nil until a member starts one; Start makes
	// g the team's game.
	Game() *TeamGame
	Start(g *TeamGame)
	// Decide takes d for this member, or proposes it to its owner.
	Decide(d sim.Decision) Decided
	// Proposals are those waiting for this member's answer, oldest first.
	Proposals() []Proposal
	// Answer accepts or declines the proposal with this id.
	Answer(id int, accept bool) Decided
	// Notes takes what the team has to tell this member (answers to their
	// proposals), oldest first.
	Notes() []string
	// DecidedBy says who took the game's logged decision i ("" if not
	// known): "Ana", or "Bob, proposed by Ana".
	DecidedBy(i int) string
	// AutoPlay is the team's auto-play as this member sees it.
	// SetAutoPlay changes it for the team (a's Drives aside): turned on,
	// this member's program drives it; a new speed leaves the driver as
	// it is.
	AutoPlay() AutoPlay
	SetAutoPlay(a AutoPlay)
}

// AutoPlay is a team's auto-play, one state of its game: any member turns
// it on or off and sets its speed, and one member's program, the driver,
// moves the game on its ticks, so the game runs at the team's speed
// however many members watch it.
type AutoPlay struct {
	On     bool
	Speed  int  // from 0, slowest (DefaultAutoPlaySpeed is the dashboard's first)
	Drives bool // this member's program moves the game
	// KeepGoing: auto-play does not stop for news (n), for the whole team.
	KeepGoing bool
	// Paused is the news auto-play stopped for, while it is off: every
	// member's message line says it, and any member's p plays on.
	Paused string
	// Held: a question stopped it (every member's dashboard asks it), and
	// it plays on once the question is answered, whoever answers.
	Held bool
}

// DefaultAutoPlaySpeed is the speed auto-play has until someone changes it.
const DefaultAutoPlaySpeed = 1

// TeamGame is a game shared by a team's programs.
type TeamGame struct {
	s       *session
	debrief teamDebrief // scored once, for every member's end screen
}

// teamDebrief is a team's end-of-game debrief, scored once for all its
// members (it replays the game once per decision, and more): the first
// member's end screen scores it, the others' wait for it, showing how far
// it has got. Its methods are called from the members' commands.
type teamDebrief struct {
	mu       sync.Mutex
	begun    bool
	finished bool
	done     chan struct{} // closed once finished
	result   sim.Result
	ok       bool // scored; false: it could not be
	latest   replays
	watchers []chan replays // each member's end screen's reports, closed once finished
}

// join registers an end screen's reports and reports whether it is the
// first, which scores the debrief; done is closed once it is finished.
func (d *teamDebrief) join(reports chan replays) (first bool, done <-chan struct{}) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.done == nil {
		d.done = make(chan struct{})
	}
	first, d.begun = !d.begun, true
	switch {
	case d.finished:
		close(reports)
	default:
		d.watchers = append(d.watchers, reports)
		if d.latest.total > 0 {
			send(reports, d.latest)
		}
	}
	return first, d.done
}

// report tells every end screen how far the scoring has got.
func (d *teamDebrief) report(p replays) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.latest = p
	for _, ch := range d.watchers {
		send(ch, p)
	}
}

// finish gives every end screen the debrief (ok false: none).
func (d *teamDebrief) finish(r sim.Result, ok bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.result, d.ok, d.finished = r, ok, true
	for _, ch := range d.watchers {
		close(ch)
	}
	d.watchers = nil
	close(d.done)
}

// outcome is the debrief, once finished.
func (d *teamDebrief) outcome() (sim.Result, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.result, d.ok
}

// send reports p unless reports is full: a report is dropped, not waited for.
func send(reports chan replays, p replays) {
	select {
	case reports <- p:
	default:
	}
}

// NewTeamGame is g, read from the scenario text src in filename, as a
// team's game.
func NewTeamGame(g *sim.Game, filename string, src []byte) *TeamGame {
	return &TeamGame{s: &session{game: g, filename: filename, src: src}}
}

// Game is the simulation being played.
func (t *TeamGame) Game() *sim.Game { return t.s.game }

// Decided is what became of a decision sent to a team.
type Decided struct {
	Applied bool   // taken now
	Text    string // what the game said, or to whom it went as a proposal
	Err     error  // refused: by the game, or because a proposal already waits
}

// Proposal is a decision a member asks its owner to take.
type Proposal struct {
	ID       int
	From     string // "Ana (Development)"
	Decision sim.Decision
}

// TeamMsg tells a member's program that its team's game moved or that a
// proposal or an answer came: the server sends it.
type TeamMsg struct{}

// decide takes d through the team, or applies it when there is none; the
// text says what the game did, or where the proposal went.
func decide(t Team, g *sim.Game, d sim.Decision) Decided {
	if t != nil {
		return t.Decide(d)
	}
	if err := g.Apply(d); err != nil {
		return Decided{Err: err}
	}
	text := ""
	if log := g.Log(); len(log) > 0 {
		text = log[len(log)-1].Text
	}
	return Decided{Applied: true, Text: text}
}

// Describe says what d would do, in a few words, for a proposal.
func Describe(sc *sim.Scenario, d sim.Decision) string {
	stage := d.Stage
	if i := sc.StageIndex(d.Stage); i >= 0 {
		stage = sc.Stages[i].Label()
	}
	switch d.Kind {
	case sim.Invest:
		for _, inv := range sc.Investments {
			if inv.ID == d.Investment {
				return fmt.Sprintf("buy %s for %s", inv.Name, prose.Money(inv.Cost))
			}
		}
	case sim.SetWIPLimit:
		if d.N == 0 {
			return "remove the WIP limit on " + stage
		}
		return fmt.Sprintf("limit the work on %s to %d", stage, d.N)
	case sim.SetReleaseCadence:
		return "release every " + report.Duration(float64(d.Every)/float64(sim.Hour), sc.HoursPerWeek)
	case sim.Hire:
		if d.N < 0 {
			return fmt.Sprintf("let %s go from %s", prose.Count(-d.N, "person", "people"), stage)
		}
		return fmt.Sprintf("hire %s for %s (%s)", prose.Count(d.N, "person", "people"), stage, prose.Money(sc.Spend(d)))
	case sim.SetSlicing:
		if d.N <= 1 {
			return "stop slicing features"
		}
		return fmt.Sprintf("cut new features into %d slices", d.N)
	case sim.SetImprovement:
		return fmt.Sprintf("give %s %.0f%% of its time for improvement work", stage, 100*d.Share)
	case sim.Respond:
		for _, ev := range sc.Events {
			if ev.ID != d.Event {
				continue
			}
			for _, c := range ev.Choices {
				if c.ID == d.Choice {
					return fmt.Sprintf("answer %s: %s", ev.Label(), c.Label)
				}
			}
		}
	}
	return d.Kind.String()
}

// proposalBox shows the proposal waiting for this member's answer: y
// accepts, n declines.
type proposalBox struct {
	keys    proposalKeys
	waiting []Proposal
}

type proposalKeys struct{ Accept, Decline key.Binding }

func defaultProposalKeys() proposalKeys {
	return proposalKeys{Accept: k([]string{"y"}, "y", "accept"), Decline: k([]string{"n"}, "n", "decline")}
}

// proposalHelp is the dashboard's keys with a proposal waiting: the
// answer first, and the game goes on meanwhile.
type proposalHelp struct {
	proposalKeys
	dash dashKeys
}

func (k proposalHelp) ShortHelp() []key.Binding {
	return []key.Binding{k.Accept, k.Decline, k.dash.Week, k.dash.Shop, k.dash.global.Help, k.dash.global.Quit}
}

func (k proposalHelp) FullHelp() [][]key.Binding {
	return append([][]key.Binding{{k.Accept, k.Decline}}, k.dash.FullHelp()...)
}

// shown reports whether a proposal waits for an answer.
func (b proposalBox) shown() bool { return len(b.waiting) > 0 }

// View draws the first proposal in a box width wide.
func (b proposalBox) View(s *Styles, sc *sim.Scenario, width int) string {
	p := b.waiting[0]
	var body strings.Builder
	body.WriteString(s.Bold.Render(p.From+" proposes:") + "\n")
	body.WriteString(Describe(sc, p.Decision) + "\n\n")
	body.WriteString(s.Key.Render("y") + " accept    " + s.Key.Render("n") + " decline")
	if n := len(b.waiting) - 1; n > 0 {
		body.WriteString(s.Subtle.Render(fmt.Sprintf("    (%d more waiting)", n)))
	}
	return s.Box.Width(min(width-2, 70)).Render(body.String())
}

// whoNews puts who decided in front of the news of each decision a team
// took: the news of a decision comes right after it in the log's order.
func whoNews(news []sim.News, log []sim.LoggedDecision, t Team) []sim.News {
	if t == nil {
		return news
	}
	out := make([]sim.News, len(news))
	copy(out, news)
	next := 0
	for i := range out {
		if next >= len(log) {
			break
		}
		if out[i].Kind == sim.DecisionNews && out[i].Text == log[next].Text && out[i].Week == log[next].Week {
			if who := t.DecidedBy(next); who != "" {
				out[i].Text = who + ": " + out[i].Text
			}
			next++
		}
	}
	return out
}

// answerProposal answers the first proposal waiting: the message line says
// what became of it.
func (m *dashboardModel) answerProposal(accept bool) {
	p := m.proposals.waiting[0]
	done := m.opts.Team.Answer(p.ID, accept)
	switch {
	case done.Err != nil:
		m.message = "Not done: " + done.Err.Error()
	case done.Text != "":
		m.message = done.Text
	}
	m.teamChanged()
}

// teamChanged follows the team: the game may have moved under another
// member's hands, a proposal may wait for this member, an answer may have
// come.
func (m *dashboardModel) teamChanged() {
	t := m.opts.Team
	if t == nil {
		return
	}
	had := len(m.proposals.waiting)
	m.proposals.waiting = t.Proposals()
	if n := len(m.proposals.waiting); n > had && m.overlay != noOverlay { // out of sight behind the shop or a detail
		p := m.proposals.waiting[n-1]
		m.message = fmt.Sprintf("%s proposes to %s: close this to answer.", p.From, Describe(m.g.Scenario(), p.Decision))
	}
	if notes := t.Notes(); len(notes) > 0 {
		m.message = notes[len(notes)-1]
	}
	m.refresh()
	if m.overlay == shopOverlay {
		m.shop = ptr(*m.shop) // the shop is shared with the model before: changed on a copy
		m.shop.practices, m.shop.teams = practicesOf(m.g), teamsOf(m.g)
	}
	m.askNow()
}

// teamCopy returns what makes the game to debrief: in a team, the
// debrief runs beside the team's programs, so it scores a copy of the
// game, replayed from a save taken now (scoring writes to the game it
// scores); alone, the game itself.
func teamCopy(t Team, s *session) func() (*sim.Game, error) {
	if t == nil {
		return func() (*sim.Game, error) { return s.game, nil }
	}
	f := save.New(s.filename, s.src, s.game, "")
	return func() (*sim.Game, error) {
		g, err := f.Game()
		if err != nil {
			return nil, err
		}
		if _, over := g.Over(); !over { // the facilitator ended it: as roomEnd does
			g.Stop(fmt.Sprintf("The facilitator ended the round in week %d.", weekOf(g)))
		}
		return g, nil
	}
}

// followAuto takes the team's auto-play into this member's dashboard:
// when it has stopped for news, whoever's program drove it, this member's
// message line says so too.
func (m *dashboardModel) followAuto() {
	a := m.opts.Team.AutoPlay()
	m.playing, m.speed, m.drives = a.On, min(max(a.Speed, 0), len(speeds)-1), a.On && a.Drives
	if !m.drives {
		m.driving = false
	}
	if m.choice.open() {
		m.choice.resume = a.Held // whoever answers, auto-play carries on as it was
	}
	if a.KeepGoing != m.keepGoing {
		m.keepGoing = a.KeepGoing
		m.setNewsPauseHelp()
	}
	if a.Paused != m.newsPause {
		m.newsPause = a.Paused
		switch {
		case a.Paused != "" && !a.On:
			m.message = "Paused, p plays on: " + a.Paused
			m.pausedFor = m.message
		case m.message == m.pausedFor:
			m.message = "" // another member played on
		}
	}
}

// autoState is this member's auto-play, as the team holds it.
func (m *dashboardModel) autoState() AutoPlay {
	if m.playing {
		m.newsPause = "" // on again: the pause is over
	}
	return AutoPlay{On: m.playing, Speed: m.speed, KeepGoing: m.keepGoing, Paused: m.newsPause, Held: m.choice.resume}
}

// leadAuto gives the team what this member changed of its auto-play
// (before is how it stood), and starts this program's ticks when it has
// become the driver.
func (m *dashboardModel) leadAuto(before AutoPlay) tea.Cmd {
	if m.choice.resume && !m.choice.open() && !m.tutor.open {
		// The question that held auto-play was answered here, by a
		// proposal this member accepted: on again, as it was.
		m.playing, m.choice.resume = true, false
	}
	if now := m.autoState(); now != before {
		m.opts.Team.SetAutoPlay(now)
	}
	m.followAuto()
	if !m.drives || m.driving {
		return nil
	}
	m.driving = true
	m.tag++ // any tick before is stale: one run of ticks for the team
	return m.tick()
}

// teamTick moves a team's game on the driver's tick, whatever this member
// has in front of it: the team's auto-play is not one member's to hold (a
// question waiting holds it, for everyone).
func (m dashboardModel) teamTick(msg tickMsg) (dashboardModel, tea.Cmd) {
	if msg.tag != m.tag {
		return m, nil // stale
	}
	if !m.playing || !m.drives || m.choice.open() {
		m.driving = false
		return m, nil
	}
	sp := speeds[m.speed]
	step := m.g.Scenario().Day()
	if sp.weeks {
		step = m.g.Scenario().Week()
	}
	mark := m.markNews()
	cmd := m.advance(m.g.Now() + step)
	m.stopForNews(mark)
	if m.overlay == shopOverlay { // the shop is shared with the model before: changed on a copy
		m.shop = ptr(*m.shop)
		m.shop.practices, m.shop.teams = practicesOf(m.g), teamsOf(m.g)
	}
	if _, over := m.g.Over(); over || !m.playing {
		m.driving = false
		return m, cmd
	}
	return m, tea.Batch(cmd, m.tick())
}
