package workshop

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/globomantics/globosim/internal/atomicfile"
	"github.com/globomantics/globosim/internal/inputfile"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/textsafe"
	"github.com/globomantics/globosim/internal/ui"
)

// Joining a team: after the room code and the name, a member types a new
// team's name or picks a team, then picks a role (enter takes the first
// free one). The room keeps each team as one entry; the names of the teams
// are kept in the room's folder, so a restarted room knows whose save is a
// team's.

// TeamsDir holds a file per team (DATA/teams/NAME): the names of those who
// have played in it, one a line, then who took each decision ("decided 3
// ana, proposed by bob") and the role each member last held ("role dev
// ana"), written when its game is first saved, when a member joins and
// when a decision is taken.
const TeamsDir = "teams"

// teamFile is the kind of a team's file: MaxTeamMembers names at a time,
// and a team's members come and go, but never a megabyte of them.
var teamFile = inputfile.Kind{Noun: "a team's file", Max: 1 << 20}

// teamsShown is how many teams the team prompt lists at once (it scrolls).
const teamsShown = 8

// teamInfo is a team as the prompt lists it.
type teamInfo struct {
	name    string
	members int
	week    int
	done    bool
}

// teamList is the room's teams, by name.
func (r *Room) teamList() []teamInfo {
	r.mu.Lock()
	var out []teamInfo
	for _, p := range r.players {
		if p.team != nil {
			out = append(out, teamInfo{name: p.name, members: len(p.members), week: p.standing.Week, done: p.done})
		}
	}
	r.mu.Unlock()
	slices.SortFunc(out, func(a, b teamInfo) int { return strings.Compare(nameKey(a.name), nameKey(b.name)) })
	return out
}

// seatsNow is how many seats are taken.
func (r *Room) seatsNow() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.seats
}

// teamOf is the live team called name, or nil.
func (r *Room) teamOf(name string) *team {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p, ok := r.players[nameKey(name)]; ok {
		return p.team
	}
	return nil
}

// joinTeam seats member name in the team called teamName, new or not, in
// role (-1: the first free one).
func (r *Room) joinTeam(teamName, name string, role int) (*seat, error) {
	if err := errors.Join(CheckName(teamName), CheckName(name)); err != nil {
		return nil, err // the team's name names its save file
	}
	if r.isFacilitator(teamName) || r.isFacilitator(name) {
		return nil, ErrReserved
	}
	r.mu.Lock()
	k := nameKey(teamName)
	p, ok := r.players[k]
	switch {
	case r.closed:
		r.mu.Unlock()
		return nil, ErrClosed
	case ok && p.team == nil, !ok && r.bound[k] != "":
		r.mu.Unlock()
		return nil, ErrNotTeam
	case !ok && r.status.Ended:
		r.mu.Unlock()
		return nil, ErrOver
	case r.seats >= r.cfg.MaxPlayers:
		r.eventLocked("Turned %s away: the room is full (%d players).", name, r.cfg.MaxPlayers)
		r.mu.Unlock()
		return nil, ErrFull
	}
	if !ok {
		p = &player{name: teamName, savePath: r.savePath(teamName)}
		p.team = newTeam(r, p, r.roles)
		r.players[k] = p
		r.eventLocked("%s formed team %s.", name, teamName)
	}
	r.seats++
	t := p.team
	r.mu.Unlock()

	m, err := t.add(name, role)

	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		r.seats--
		if len(p.members) == 0 && !p.kept && !p.done {
			delete(r.players, k)
		}
		return nil, err
	}
	p.members = append(p.members, name)
	back := slices.ContainsFunc(p.played, func(n string) bool { return nameKey(n) == nameKey(name) })
	if !back {
		p.played = append(p.played, name)
	}
	if p.kept { // a new name, or a role changed: the file has each member's
		r.writeTeamLocked(p)
	}
	if !p.connected {
		p.connected, p.live = true, false
	}
	if back {
		r.eventLocked("%s is back in team %s as %s.", name, teamName, t.roles[m.role].Name)
	} else {
		r.eventLocked("%s joined team %s as %s.", name, teamName, t.roles[m.role].Name)
	}
	return &seat{room: r, p: p, member: m}, nil
}

// leaveTeam is a member's connection ending. The team's game is kept as a
// player's is; it is left when its last member goes.
func (r *Room) leaveTeam(s *seat) {
	s.member.team.remove(s.member)
	r.mu.Lock()
	p := s.p
	r.seats--
	if i := slices.Index(p.members, s.member.name); i >= 0 {
		p.members = slices.Delete(p.members, i, i+1)
	}
	if len(p.members) > 0 {
		r.eventLocked("%s left team %s.", s.member.name, p.name)
		r.mu.Unlock()
		return
	}
	p.connected, p.live = false, false
	if !p.kept && !p.done && !p.finishing {
		delete(r.players, nameKey(p.name))
		r.eventLocked("Team %s left before playing.", p.name)
		r.mu.Unlock()
		return
	}
	if p.done || p.standing.Week == 0 {
		r.eventLocked("Team %s left.", p.name)
	} else {
		r.eventLocked("Team %s left after week %d; the game is saved.", p.name, p.standing.Week)
	}
	settle := r.status.Ended && !p.done && !p.awaited
	r.mu.Unlock()
	if settle {
		r.settle(p)
	}
}

// restoreTeam makes a stored player a team again, with those who played
// in it (nil: as its file lists them).
func (r *Room) restoreTeam(p *player, played []string) {
	p.team = newTeam(r, p, r.roles)
	names, decided, roles, _ := r.readTeam(p.name)
	if played == nil {
		played = names
	}
	p.played = played
	p.team.decidedBy = decided
	for name, id := range roles {
		if i := slices.IndexFunc(r.roles, func(role sim.Role) bool { return role.ID == id }); i >= 0 {
			p.team.roleOf[name] = i
		}
	}
}

func (r *Room) teamPath(name string) string {
	return filepath.Join(r.cfg.DataDir, TeamsDir, nameKey(name))
}

// isTeam reports whether the saved game called name is a team's.
func (r *Room) isTeam(name string) bool {
	_, err := os.Stat(r.teamPath(name))
	return err == nil
}

// decidedLine starts a line of a team's file saying who took a decision,
// and roleLine one saying which role (by its id) a member last held.
const (
	decidedLine = "decided "
	roleLine    = "role "
)

// readTeam reads the names, who decided what and the role each member
// last held (its id, by nameKey) that a team's file lists; a line that is
// none of these is skipped.
func (r *Room) readTeam(name string) (names []string, decided map[int]string, roles map[string]string, err error) {
	decided, roles = map[int]string{}, map[string]string{}
	b, err := inputfile.Read(r.teamPath(name), teamFile)
	if err != nil {
		return nil, decided, roles, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if CheckName(line) == nil {
			names = append(names, line)
			continue
		}
		if id, who, ok := strings.Cut(strings.TrimPrefix(line, roleLine), " "); ok && strings.HasPrefix(line, roleLine) && CheckName(who) == nil {
			roles[nameKey(who)] = id
			continue
		}
		at, who, ok := strings.Cut(strings.TrimPrefix(line, decidedLine), " ")
		if i, err := strconv.Atoi(at); ok && err == nil && i >= 0 && strings.HasPrefix(line, decidedLine) {
			decided[i] = textsafe.Line(who, 2*MaxNameLength+20)
		}
	}
	return names, decided, roles, nil
}

// writeTeam writes the team's file, if its game is kept.
func (r *Room) writeTeam(p *player) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p.kept {
		r.writeTeamLocked(p)
	}
}

// keepTeamLocked notes the team's game as kept: its file is written.
func (r *Room) keepTeamLocked(p *player) { r.writeTeamLocked(p) }

// writeTeamLocked writes the team's file, off the member's program: the
// latest list of names, whichever write comes last.
func (r *Room) writeTeamLocked(p *player) {
	if r.closed {
		return
	}
	r.settling.Add(1)
	go func() {
		defer r.settling.Done()
		r.teamFiles.Lock()
		defer r.teamFiles.Unlock()
		r.mu.Lock()
		var b strings.Builder
		played := slices.Clone(p.played)
		for _, n := range played {
			b.WriteString(n + "\n")
		}
		r.mu.Unlock()
		t := p.team
		t.mu.Lock() // not under r.mu: a member's program takes the team's lock first
		for _, i := range slices.Sorted(maps.Keys(t.decidedBy)) {
			fmt.Fprintf(&b, "%s%d %s\n", decidedLine, i, t.decidedBy[i])
		}
		for _, n := range played {
			if role, ok := t.roleOf[nameKey(n)]; ok && role < len(t.roles) {
				fmt.Fprintf(&b, "%s%s %s\n", roleLine, t.roles[role].ID, n)
			}
		}
		t.mu.Unlock()
		names := b.String()
		err := os.MkdirAll(filepath.Join(r.cfg.DataDir, TeamsDir), 0o700)
		if err == nil {
			err = atomicfile.Write(r.teamPath(p.name), []byte(names), 0o600)
		}
		if err != nil {
			r.event("Cannot write team %s's file in the room's folder: %v", p.name, err)
		}
	}()
}

// The prompts.

// pickKeys are the keys of the team and role prompts.
type pickKeys struct {
	Up, Down, Submit, Leave key.Binding
}

func defaultPickKeys() pickKeys {
	return pickKeys{
		Up:     k([]string{"up"}, "↑↓", "choose"),
		Down:   k([]string{"down"}, "↓", "choose"),
		Submit: k([]string{"enter"}, "enter", "go on"),
		Leave:  k([]string{"ctrl+c", "esc"}, "esc", "leave"),
	}
}

func (m pickKeys) ShortHelp() []key.Binding  { return []key.Binding{m.Up, m.Submit, m.Leave} }
func (m pickKeys) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// askTeam asks which team the member plays in.
func (m visitModel) askTeam(reason string) (visitModel, tea.Cmd) {
	m.stage = stageTeam
	m.reason = reason
	m.teams = m.room.teamList()
	m.pick = min(m.pick, len(m.teams)) // the last row: play alone
	m.teamField.SetValue("")
	m.teamField.Focus()
	return m, nil
}

func (m visitModel) updateTeam(msg tea.Msg) (tea.Model, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	rows := len(m.teams) + 1
	switch {
	case key.Matches(km, m.picks.Leave):
		return m, tea.Quit
	case key.Matches(km, m.picks.Up):
		m.pick = (m.pick + rows - 1) % rows
		return m, nil
	case key.Matches(km, m.picks.Down):
		m.pick = (m.pick + 1) % rows
		return m, nil
	case key.Matches(km, m.picks.Submit):
		name := strings.TrimSpace(m.teamField.Value())
		if name == "" && m.pick == len(m.teams) {
			m.teamField.Blur()
			m.solo = true
			return m.claim(m.member)
		}
		if name == "" {
			name = m.teams[m.pick].name
		}
		if err := CheckName(name); err != nil {
			m.reason = "That will not do: " + err.Error() + "."
			return m, nil
		}
		m.teamField.Blur()
		m.teamName = name
		return m.askRole()
	}
	var cmd tea.Cmd
	m.teamField, cmd = m.teamField.Update(km)
	return m, cmd
}

// askRole asks for the member's role, the first free one chosen; with one
// role there is nothing to ask, nor for a member coming back to the team
// whose role is still free: it is theirs again. Held by another now, the
// prompt says which it was.
func (m visitModel) askRole() (visitModel, tea.Cmd) {
	if len(m.room.roles) == 1 {
		return m.joinTeam(0)
	}
	m.stage = stageRole
	m.reason = ""
	m.holders = make([]string, len(m.room.roles))
	m.before = -1
	if t := m.room.teamOf(m.teamName); t != nil {
		m.holders = t.holders()
		if role, ok := t.pastRole(m.member); ok {
			if m.holders[role] == "" {
				return m.joinTeam(role)
			}
			m.before = role
		}
	}
	m.pick = 0
	for i, h := range m.holders {
		if h == "" {
			m.pick = i
			break
		}
	}
	return m, nil
}

func (m visitModel) updateRole(msg tea.Msg) (tea.Model, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	n := len(m.room.roles)
	switch {
	case key.Matches(km, m.picks.Leave):
		return m, tea.Quit
	case key.Matches(km, m.picks.Up):
		m.pick = (m.pick + n - 1) % n
	case key.Matches(km, m.picks.Down):
		m.pick = (m.pick + 1) % n
	case key.Matches(km, m.picks.Submit):
		return m.joinTeam(m.pick)
	}
	return m, nil
}

// joinTeam seats the member in the team, and starts the team's game (or
// says it is over).
func (m visitModel) joinTeam(role int) (visitModel, tea.Cmd) {
	s, err := m.room.joinTeam(m.teamName, m.member, role)
	switch {
	case errors.Is(err, ErrNotTeam):
		return m.askTeam(fmt.Sprintf("%s is a solo player's name in this room. Choose another team.", m.teamName))
	case errors.Is(err, ErrTeamFull):
		return m.askTeam(fmt.Sprintf("Team %s is full (%d members). Choose another team.", m.teamName, MaxTeamMembers))
	case errors.Is(err, ErrReserved):
		return m.askTeam(fmt.Sprintf("%s is the facilitator's name here. Choose another.", m.teamName))
	case errors.Is(err, ErrTaken):
		return m.askName(fmt.Sprintf("Someone called %s is playing in team %s right now. Choose another name.", m.member, m.teamName))
	case errors.Is(err, ErrFull):
		m.visit.status = 1
		return m.leave(fmt.Sprintf("The room is full (%d players). Ask the facilitator.", m.room.cfg.MaxPlayers))
	case errors.Is(err, ErrOver):
		return m.leave("This round is over, so the room takes no new teams. Ask the facilitator.")
	case err != nil:
		return m.leave("The room is closed.")
	}
	m.visit.seat = s
	m.visit.guest.admit()
	m.visit.followTeam(s.member)
	if _, done := s.standing(); done {
		m.stage = stageFinished
		return m, nil
	}
	return m.startGame()
}

// teamOptions are the game's options for a team's member.
func (m visitModel) teamOptions(o ui.Options) ui.Options {
	mb := m.visit.seat.member
	o.Team = mb
	o.Player = fmt.Sprintf("%s · %s", m.visit.seat.p.name, mb.label())
	return o
}

func (m visitModel) teamView() string {
	s := m.styles
	var b strings.Builder
	b.WriteString(s.Text.Width(m.textWidth()).Render(fmt.Sprintf("Which team do you play in, %s? Type a new team's name, or choose one below with ↑/↓ and press enter.", m.member)) + "\n\n")
	if m.reason != "" {
		b.WriteString(s.Error.Width(m.textWidth()).Render(m.reason) + "\n\n")
	}
	b.WriteString(m.teamField.View() + "\n\n")
	rows := make([]string, 0, len(m.teams)+1)
	for _, t := range m.teams {
		state := fmt.Sprintf("%d playing", t.members)
		switch {
		case t.done:
			state = "finished"
		case t.week > 0:
			state += fmt.Sprintf(", week %d", t.week)
		}
		rows = append(rows, fmt.Sprintf("%s (%s)", t.name, state))
	}
	rows = append(rows, fmt.Sprintf("play alone, as %s", m.member))
	first := min(max(m.pick-teamsShown/2, 0), max(len(rows)-teamsShown, 0))
	for i := first; i < min(first+teamsShown, len(rows)); i++ {
		mark := "  "
		if i == m.pick {
			mark = s.Key.Render("▸ ")
		}
		b.WriteString(mark + rows[i] + "\n")
	}
	if len(rows) > teamsShown {
		b.WriteString(s.Subtle.Render(fmt.Sprintf("  %d teams: ↑/↓ scrolls", len(m.teams))) + "\n")
	}
	return m.promptPage(b.String(), m.picks)
}

func (m visitModel) roleView() string {
	s := m.styles
	var b strings.Builder
	b.WriteString(s.Text.Width(m.textWidth()).Render(fmt.Sprintf("Your role in team %s, %s? Your role takes its own decisions; the others you propose to their owner.", m.teamName, m.member)) + "\n\n")
	for i, r := range m.room.roles {
		who := "free"
		if h := m.holders[i]; h != "" {
			who = "held by " + h
		}
		if i == m.before {
			who += ", your role before"
		}
		mark := "  "
		if i == m.pick {
			mark = s.Key.Render("▸ ")
		}
		fmt.Fprintf(&b, "%s%-24s %s\n", mark, r.Name, s.Subtle.Render(who))
	}
	return m.promptPage(b.String(), m.picks)
}

// promptPage is a prompt under the room's title.
func (m visitModel) promptPage(body string, keys help.KeyMap) string {
	s := m.styles
	return m.page(s.Box.Render(s.Title.Render("G L O B O S I M")+"\n"+s.Subtitle.Render("a workshop room"))+"\n\n"+body, keys)
}
