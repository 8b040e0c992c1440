package workshop

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/ui"
)

// Teams (serve --teams): several connections play one company. The team is
// the hub of its members' programs: it holds the one game, and every
// member's program runs its Update and View with the team's lock held, so
// the game is only ever touched by one of them at a time and decisions are
// taken in one order. When a member's program moves the game (or a
// proposal or an answer comes) every other member's program is told, and
// redraws. In the room the team is one entry: one standing, one save, one
// result.

// MaxTeamMembers is how many connections may play one team at once.
const MaxTeamMembers = 8

// Errors of joining a team.
var (
	ErrNotTeam  = errors.New("the name is a solo player's")
	ErrTeamFull = errors.New("the team is full")
	ErrTeamName = errors.New("the name is a team's")
)

// team is one company several members play.
type team struct {
	room  *Room
	p     *player // the team's line in the room
	roles []sim.Role

	mu        sync.Mutex // the game and all below; held for every member program's Update and View
	game      *ui.TeamGame
	members   []*member // connected, in the order they joined
	proposals []*proposal
	nextID    int
	decidedBy map[int]string // by index in the game's decision log
	roleOf    map[string]int // the role each member last held, by nameKey: theirs again when they come back
	changes   int            // proposals made and answered, auto-play changed: a change others must see
	// Auto-play is the team's: on at a speed, one member's program (the
	// driver) moving the game on its ticks.
	autoOn    bool
	autoSpeed int
	driver    *member
	keepGoing bool   // auto-play does not stop for news: any member's n, for the team
	paused    string // the news auto-play stopped for, until a member plays on
	held      bool   // a question stopped auto-play: it plays on once answered
}

// member is one connection playing in a team.
type member struct {
	team  *team
	name  string
	role  int // index in team.roles
	notes []string
	wake  chan struct{} // (coalesced) the team changed: redraw
}

// proposal is a decision a member asks the holder of its role to take.
type proposal struct {
	id   int
	from *member
	role int
	d    sim.Decision
}

func newTeam(r *Room, p *player, roles []sim.Role) *team {
	return &team{room: r, p: p, roles: roles, decidedBy: map[int]string{}, roleOf: map[string]int{}, autoSpeed: ui.DefaultAutoPlaySpeed}
}

// add makes name a member in role (-1: the first role no member holds,
// else the first), unless the name is taken in the team or it is full.
func (t *team) add(name string, role int) (*member, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.members) >= MaxTeamMembers {
		return nil, ErrTeamFull
	}
	for _, m := range t.members {
		if nameKey(m.name) == nameKey(name) {
			return nil, ErrTaken
		}
	}
	if role < 0 || role >= len(t.roles) {
		role = t.firstFreeLocked()
	}
	m := &member{team: t, name: name, role: role, wake: make(chan struct{}, 1)}
	t.members = append(t.members, m)
	t.roleOf[nameKey(name)] = role
	t.changes++
	t.wakeLocked(m)
	return m, nil
}

// firstFreeLocked is the first role no member holds, or the first role.
func (t *team) firstFreeLocked() int {
	for i := range t.roles {
		if !t.heldLocked(i) {
			return i
		}
	}
	return 0
}

func (t *team) heldLocked(role int) bool {
	return slices.ContainsFunc(t.members, func(m *member) bool { return m.role == role })
}

// pastRole is the role name held when last in the team, if ever.
func (t *team) pastRole(name string) (int, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	role, ok := t.roleOf[nameKey(name)]
	return role, ok && role < len(t.roles)
}

// holders says who holds each role now ("" for none), for the role prompt.
func (t *team) holders() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]string, len(t.roles))
	for _, m := range t.members {
		if out[m.role] == "" {
			out[m.role] = m.name
		} else {
			out[m.role] += ", " + m.name
		}
	}
	return out
}

// remove is a member's connection ending. Proposals they made go; those
// waiting for a role nobody holds now go back to their proposers, who may
// now take them themselves.
func (t *team) remove(m *member) (left int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.members = slices.DeleteFunc(t.members, func(x *member) bool { return x == m })
	t.proposals = slices.DeleteFunc(t.proposals, func(p *proposal) bool {
		switch {
		case p.from == m:
			return true
		case !t.heldLocked(p.role):
			p.from.notes = append(p.from.notes, fmt.Sprintf("%s left: %s is nobody's role now, so the decision is yours to take.", m.name, t.roles[p.role].Name))
			return true
		}
		return false
	})
	if t.driver == m { // auto-play goes on, driven by another member; with nobody left it stops
		t.driver = nil
		if len(t.members) > 0 {
			t.driver = t.members[0]
		}
		t.autoOn = t.autoOn && t.driver != nil
	}
	t.changes++
	t.wakeLocked(nil)
	return len(t.members)
}

// wakeLocked tells every member's program but except's that the team
// changed.
func (t *team) wakeLocked(except *member) {
	for _, m := range t.members {
		if m == except {
			continue
		}
		select {
		case m.wake <- struct{}{}:
		default: // already told, not yet heard
		}
	}
}

// mark is what others must see change: the game's clock, decisions, news
// and end, and the proposals.
type mark struct {
	now                 sim.Time
	decisions, news, ch int
	over                bool
	started             bool
}

func (t *team) markLocked() mark {
	if t.game == nil {
		return mark{ch: t.changes}
	}
	g := t.game.Game()
	_, over := g.Over()
	return mark{now: g.Now(), decisions: len(g.Log()), news: len(g.News()), ch: t.changes, over: over, started: true}
}

// The ui.Team of a member: called from the member's program's Update or
// View, with the team's lock held (see memberGame).

func (m *member) Game() *ui.TeamGame   { return m.team.game }
func (m *member) Start(g *ui.TeamGame) { m.team.game = g }

// label is how others see the member: "Ana (Development)".
func (m *member) label() string { return fmt.Sprintf("%s (%s)", m.name, m.team.roles[m.role].Name) }

// holds reports whether the member may take decisions of role: theirs,
// or a role no connected member holds (a team of one holds every role).
func (m *member) holds(role int) bool {
	return role < 0 || m.role == role || !m.team.heldLocked(role)
}

// Decide takes d if the member's role owns it, else proposes it to the
// role that does: one proposal per member at a time.
func (m *member) Decide(d sim.Decision) ui.Decided {
	t := m.team
	g := t.game.Game()
	role := g.Scenario().RoleFor(d)
	if m.holds(role) {
		return t.applyLocked(d, m.name)
	}
	for _, p := range t.proposals {
		if p.from == m {
			return ui.Decided{Err: fmt.Errorf("your proposal to %s waits for an answer: one at a time", t.roles[p.role].Name)}
		}
	}
	t.nextID++
	t.proposals = append(t.proposals, &proposal{id: t.nextID, from: m, role: role, d: d})
	t.changes++
	return ui.Decided{Text: fmt.Sprintf("Proposed to %s: %s. Their answer will show here.", t.holderNames(role), ui.Describe(g.Scenario(), d))}
}

// holderNames names the members holding role: "Bob (Finance)".
func (t *team) holderNames(role int) string {
	var names []string
	for _, x := range t.members {
		if x.role == role {
			names = append(names, x.name)
		}
	}
	return fmt.Sprintf("%s (%s)", joinNames(names), t.roles[role].Name)
}

func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return "nobody"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// applyLocked applies d to the team's game in the name of who.
func (t *team) applyLocked(d sim.Decision, who string) ui.Decided {
	g := t.game.Game()
	if err := g.Apply(d); err != nil {
		return ui.Decided{Err: err}
	}
	log := g.Log()
	t.decidedBy[len(log)-1] = who
	if t.room != nil {
		t.room.writeTeam(t.p) // who decided survives a restart
	}
	return ui.Decided{Applied: true, Text: log[len(log)-1].Text}
}

// Proposals are those the member may answer: for a role they hold, not
// their own.
func (m *member) Proposals() []ui.Proposal {
	var out []ui.Proposal
	for _, p := range m.team.proposals {
		if p.from != m && m.holds(p.role) {
			out = append(out, ui.Proposal{ID: p.id, From: p.from.label(), Decision: p.d})
		}
	}
	return out
}

// Answer accepts (takes) or declines a proposal for a role the member
// holds; the proposer hears the answer.
func (m *member) Answer(id int, accept bool) ui.Decided {
	t := m.team
	i := slices.IndexFunc(t.proposals, func(p *proposal) bool { return p.id == id })
	if i < 0 || !m.holds(t.proposals[i].role) {
		return ui.Decided{Err: errors.New("that proposal is no longer waiting")}
	}
	p := t.proposals[i]
	t.proposals = slices.Delete(t.proposals, i, i+1)
	t.changes++
	what := ui.Describe(t.game.Game().Scenario(), p.d)
	if !accept {
		p.from.notes = append(p.from.notes, fmt.Sprintf("%s declined your proposal to %s.", m.label(), what))
		return ui.Decided{Text: fmt.Sprintf("You declined %s's proposal to %s.", p.from.name, what)}
	}
	done := t.applyLocked(p.d, fmt.Sprintf("%s, proposed by %s", m.name, p.from.name))
	if done.Err != nil {
		p.from.notes = append(p.from.notes, fmt.Sprintf("%s accepted your proposal to %s, but the game refused it: %v", m.label(), what, done.Err))
		return done
	}
	p.from.notes = append(p.from.notes, fmt.Sprintf("%s accepted your proposal: %s", m.label(), done.Text))
	return done
}

// Notes takes what the team has to tell the member.
func (m *member) Notes() []string {
	n := m.notes
	m.notes = nil
	return n
}

// DecidedBy says who took the game's logged decision i.
func (m *member) DecidedBy(i int) string { return m.team.decidedBy[i] }

// AutoPlay is the team's auto-play, as the member sees it.
func (m *member) AutoPlay() ui.AutoPlay {
	t := m.team
	return ui.AutoPlay{On: t.autoOn, Speed: t.autoSpeed, Drives: t.autoOn && t.driver == m, KeepGoing: t.keepGoing, Paused: t.paused, Held: t.held}
}

// SetAutoPlay turns the team's auto-play on (the member drives it) or off,
// at a speed, pausing on news or not; a new speed while it is on leaves
// the driver as it is. Stopped for news or a question (by the driver's
// program), it says so for every member: any member plays on, or answers.
func (m *member) SetAutoPlay(a ui.AutoPlay) {
	t := m.team
	switch {
	case !a.On:
		t.driver = nil
	case !t.autoOn || t.driver == nil:
		t.driver = m
	}
	t.autoOn, t.autoSpeed, t.keepGoing, t.paused, t.held = a.On, a.Speed, a.KeepGoing, "", false
	if !a.On {
		t.paused, t.held = a.Paused, a.Held
	}
	t.changes++
}

// memberGame is a member's game program: it runs with the team's lock
// held, and tells the other members when it changed the team's game.
type memberGame struct {
	m     *member
	inner tea.Model
}

func (g memberGame) Init() tea.Cmd {
	t := g.m.team
	t.mu.Lock()
	defer t.mu.Unlock()
	return g.inner.Init()
}

func (g memberGame) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	t := g.m.team
	t.mu.Lock()
	defer t.mu.Unlock()
	before := t.markLocked()
	var cmd tea.Cmd
	g.inner, cmd = g.inner.Update(msg)
	if t.markLocked() != before {
		t.wakeLocked(g.m)
	}
	return g, cmd
}

func (g memberGame) View() string {
	t := g.m.team
	t.mu.Lock()
	defer t.mu.Unlock()
	return g.inner.View()
}

// followTeam passes the team's changes to the visit's program until the
// connection ends.
func (v *visit) followTeam(m *member) {
	go func() {
		for {
			select {
			case <-v.done:
				return
			case <-m.wake:
				v.server.mu.Lock()
				p := v.program
				v.server.mu.Unlock()
				if p != nil {
					p.Send(ui.TeamMsg{}) // returns at once when the program has ended
				}
			}
		}
	}()
}
