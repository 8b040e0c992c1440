package workshop

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/ui"
)

// visitModel is the program of one SSH connection: the room code (if the
// room has one), the player's name (when the SSH user name will not do),
// then the game; or, for the facilitator, the leaderboard. Every key goes
// through the connection's key bucket first, and a panic in the game ends
// this program with a word to the player, not the server.
type visitModel struct {
	room     *Room
	visit    *visit
	renderer *lipgloss.Renderer
	styles   *styles
	bucket   *keyBucket
	help     help.Model

	stage    visitStage
	prompt   promptKeys
	finished finishedKeys
	code     textinput.Model
	name     textinput.Model
	tries    int    // wrong codes so far
	reason   string // what the prompt says first: why it asks, or what was wrong

	// Joining a team (serve --teams): see teamjoin.go.
	picks     pickKeys
	teamField textinput.Model
	teams     []teamInfo // the teams the prompt lists
	pick      int        // the row chosen in the team or role prompt
	member    string     // the member's name
	teamName  string     // the team chosen
	holders   []string   // who holds each role in that team
	before    int        // the role the member held before in that team, held by another now; -1: none
	solo      bool       // chose to play alone

	game  tea.Model // the player's game (stageGame)
	board Board     // the facilitator's leaderboard (stageBoard)
	size  tea.WindowSizeMsg
}

type visitStage int

const (
	stageCode     visitStage = iota // asking for the room code
	stageName                       // asking for a name
	stageTeam                       // asking for a team (serve --teams)
	stageRole                       // asking for a role in the team
	stageFinished                   // this player's game is over
	stageGame                       // playing
	stageBoard                      // the facilitator, watching
	stageBye                        // leaving, with a word why
)

// codeTries is how many wrong room codes close the connection.
const codeTries = 3

// byeMsg sends the connection away, saying why: the server is closing,
// or the connection is past a deadline.
type byeMsg struct{ why string }

const roomClosed = "The facilitator has closed the room."

func newVisitModel(room *Room, v *visit, r *lipgloss.Renderer) visitModel {
	m := visitModel{
		room: room, visit: v, renderer: r, styles: newStyles(r),
		bucket:    newKeyBucket(room.cfg.KeysPerSecond, room.cfg.KeyBurst, room.clock.Now),
		help:      help.New(),
		prompt:    defaultPromptKeys(),
		finished:  defaultFinishedKeys(),
		code:      newField("the room code", 64),
		name:      newField("letters, digits, - and _", MaxNameLength),
		picks:     defaultPickKeys(),
		teamField: newField("a new team's name", MaxNameLength),
		size:      tea.WindowSizeMsg{Width: ui.MinWidth, Height: ui.MinHeight},
	}
	m.help.Styles.ShortKey = m.styles.Key
	if room.cfg.Code != "" {
		if wait := v.guest.codeWait(); wait > 0 {
			m, _ = m.leave(tooManyCodes(wait))
			return m
		}
		m.stage = stageCode
		m.code.Focus()
		return m
	}
	m, _ = m.enter()
	return m
}

func newField(placeholder string, limit int) textinput.Model {
	t := textinput.New()
	t.Cursor.SetMode(cursor.CursorStatic) // no blink ticks
	t.Prompt = "> "
	t.Placeholder = placeholder
	t.CharLimit = limit
	t.Width = 30
	return t
}

// Init starts the leaderboard or the game when the connection went
// straight to it.
func (m visitModel) Init() tea.Cmd {
	switch m.stage {
	case stageGame:
		return m.game.Init()
	case stageBoard:
		return m.board.Init()
	case stageBye:
		return tea.Quit
	}
	return nil
}

// Update limits the keys, follows the window's size and the server's
// closing, and hands everything else to the stage in front. A panic in
// the stage ends the program.
func (m visitModel) Update(msg tea.Msg) (model tea.Model, cmd tea.Cmd) {
	defer func() {
		if v := recover(); v != nil {
			model, cmd = m.crash(v), tea.Quit
		}
	}()
	switch msg := msg.(type) {
	case tea.KeyMsg:
		m.visit.guest.keyPressed()
		var ok bool
		if msg, ok = m.bucket.limit(msg); !ok {
			return m, nil
		}
		return m.updateStage(msg)
	case tea.WindowSizeMsg:
		m.size = msg
		m.visit.size.Store(int64(msg.Width)<<32 | int64(msg.Height))
		m.help.Width = msg.Width
	case byeMsg:
		m.stage = stageBye
		m.visit.bye = msg.why
		if m.visit.seat != nil {
			if bye := farewell(m.visit.seat); bye != "" {
				m.visit.bye += " " + bye
			}
		}
		return m, tea.Quit
	}
	return m.updateStage(msg)
}

func (m visitModel) updateStage(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.stage {
	case stageGame:
		m.game, cmd = m.game.Update(msg)
	case stageBoard:
		m.board, cmd = m.board.update(msg)
	case stageCode:
		return m.updateCode(msg)
	case stageName:
		return m.updateName(msg)
	case stageTeam:
		return m.updateTeam(msg)
	case stageRole:
		return m.updateRole(msg)
	case stageFinished:
		return m.updateFinished(msg)
	}
	return m, cmd
}

func (m visitModel) updateCode(msg tea.Msg) (tea.Model, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	switch {
	case key.Matches(km, m.prompt.Leave):
		return m, tea.Quit
	case key.Matches(km, m.prompt.Submit):
		gu := m.visit.guest
		if wait := gu.codeWait(); wait > 0 {
			return m.leave(tooManyCodes(wait)) // not even tried
		}
		if m.room.checkCode(m.code.Value()) {
			gu.rightCode()
			gu.admit()
			m.code.Blur()
			return m.enter()
		}
		m.tries++
		if wait := gu.wrongCode(); wait > 0 {
			m.room.event("Wrong room codes from %s: it waits %s before it may try again.", gu.addr, spoken(wait))
			return m.leave(tooManyCodes(wait))
		}
		if m.tries >= codeTries {
			m.room.event("A participant (SSH user %q) gave the wrong room code %d times.", m.visit.user, codeTries)
			return m.leave(fmt.Sprintf("That was the wrong room code %d times. Ask the facilitator for it, and connect again.", codeTries))
		}
		m.reason = fmt.Sprintf("That is not this room's code. %s left.", prose.Count(codeTries-m.tries, "try", "tries"))
		m.code.SetValue("")
		return m, nil
	}
	var cmd tea.Cmd
	m.code, cmd = m.code.Update(km)
	return m, cmd
}

// tooManyCodes is what an address waiting after wrong codes reads.
func tooManyCodes(wait time.Duration) string {
	secs := int((wait + time.Second - 1) / time.Second)
	return fmt.Sprintf("Too many wrong codes, try again in %d s. Ask the facilitator for the room code.", secs)
}

// enter goes in past the code: the facilitator to the leaderboard, a
// player under their SSH user name if it will do, else to the name prompt.
func (m visitModel) enter() (visitModel, tea.Cmd) {
	user := m.visit.user
	bad := CheckName(user)
	switch {
	case m.room.isFacilitator(user):
		m.visit.guest.admitWatcher()
		m.stage = stageBoard
		m.board = NewBoard(m.room, BoardOptions{Address: m.visit.server.address, HostKey: m.visit.server.hostKey, Renderer: m.renderer})
		var cmd tea.Cmd
		m.board, cmd = m.board.update(m.size)
		return m, tea.Batch(m.board.Init(), cmd)
	case user == "":
		return m.askName("Choose the name the room will know you by.")
	case bad != nil:
		return m.askName(fmt.Sprintf("Your user name will not do here: %v. Choose a name the room will know you by.", bad))
	}
	return m.claim(user)
}

func (m visitModel) askName(reason string) (visitModel, tea.Cmd) {
	m.stage = stageName
	m.reason = reason
	m.name.SetValue("")
	m.name.Focus()
	return m, nil
}

// claim takes a seat under name, and starts the game (or says the game is
// over).
func (m visitModel) claim(name string) (visitModel, tea.Cmd) {
	if m.room.cfg.Teams && !m.solo {
		if m.room.isFacilitator(name) {
			return m.askName(fmt.Sprintf("%s is the facilitator's name here. Choose another.", name))
		}
		m.member = name
		return m.askTeam("")
	}
	s, err := m.room.join(name, m.visit.key)
	switch {
	case errors.Is(err, ErrOwned):
		return m.askName(fmt.Sprintf("That name is taken: %s plays here with another SSH key. Choose another name.", name))
	case errors.Is(err, ErrFull):
		m.visit.status = 1
		return m.leave(fmt.Sprintf("The room is full (%d players). Ask the facilitator.", m.room.cfg.MaxPlayers))
	case errors.Is(err, ErrTaken):
		return m.askName(fmt.Sprintf("Someone called %s is playing in this room right now. Choose another name.", name))
	case errors.Is(err, ErrReserved):
		return m.askName(fmt.Sprintf("%s is the facilitator's name here. Choose another.", name))
	case errors.Is(err, ErrTeamName):
		return m.askName(fmt.Sprintf("%s is a team's name in this room. Choose another name to play alone.", name))
	case errors.Is(err, ErrOver):
		return m.leave("This round is over, so the room takes no new players. Ask the facilitator.")
	case err != nil:
		return m.leave("The room is closed.")
	}
	m.visit.seat = s
	m.visit.guest.admit()
	m.name.Blur()
	if _, done := s.standing(); done {
		m.stage = stageFinished
		return m, nil
	}
	return m.startGame()
}

func (m visitModel) startGame() (visitModel, tea.Cmd) {
	s := m.visit.seat
	m.stage = stageGame
	opts := ui.Options{
		Scenario: m.room.cfg.Scenario, Seed: m.room.seed, SeedSet: true,
		Room: s, Player: s.name(), SavePath: s.p.savePath, Saves: m.room.saves, ExportDir: s.exportDir(),
		Renderer: m.renderer,
	}
	if s.member != nil {
		m.game = memberGame{m: s.member, inner: m.room.gameModel(m.teamOptions(opts))}
	} else {
		m.game = m.room.gameModel(opts)
	}
	init := m.game.Init()
	var cmd tea.Cmd
	m.game, cmd = m.game.Update(m.size)
	return m, tea.Batch(init, cmd)
}

func (m visitModel) updateName(msg tea.Msg) (tea.Model, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	switch {
	case key.Matches(km, m.prompt.Leave):
		return m, tea.Quit
	case key.Matches(km, m.prompt.Submit):
		name := strings.TrimSpace(m.name.Value())
		if err := CheckName(name); err != nil {
			m.reason = "That will not do: " + err.Error() + "."
			return m, nil
		}
		return m.claim(name)
	}
	var cmd tea.Cmd
	m.name, cmd = m.name.Update(km)
	return m, cmd
}

func (m visitModel) updateFinished(msg tea.Msg) (tea.Model, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	switch {
	case key.Matches(km, m.finished.Leave):
		return m, tea.Quit
	case key.Matches(km, m.finished.Another):
		m.room.leave(m.visit.seat)
		m.visit.seat, m.solo = nil, false
		return m.askName("Choose the name the room will know you by.")
	}
	return m, nil
}

// crash ends the program after a panic: the player is told, the room
// logs it.
func (m visitModel) crash(v any) visitModel {
	who := fmt.Sprintf("SSH user %q", m.visit.user) // not a checked name: quoted, so it cannot write to the facilitator's terminal
	if m.visit.seat != nil {
		who = m.visit.seat.name()
	}
	m.room.crashed(who, v)
	m.game = nil
	m, _ = m.leave("Something went wrong in globosim and your game had to stop; it is saved at the end of the last week. Connect again to go on, and please tell the facilitator.")
	return m
}

// leave ends the program, saying why after it (the screen goes with the
// program).
func (m visitModel) leave(bye string) (visitModel, tea.Cmd) {
	m.stage = stageBye
	m.visit.bye = bye
	return m, tea.Quit
}

// View draws the stage in front. A panic while drawing shows a line
// instead of taking the server down.
func (m visitModel) View() (view string) {
	defer func() {
		if v := recover(); v != nil {
			view = "Something went wrong in globosim. Press ctrl+c, and connect again."
		}
	}()
	switch m.stage {
	case stageGame:
		return m.game.View()
	case stageBoard:
		return m.board.View()
	case stageCode:
		return m.promptView("This room has a code. Type it and press enter.", m.code, m.prompt)
	case stageName:
		return m.promptView("", m.name, m.prompt)
	case stageTeam:
		return m.teamView()
	case stageRole:
		return m.roleView()
	case stageFinished:
		return m.finishedView()
	}
	return m.page(m.styles.Text.Width(m.textWidth()).Render(m.visit.bye), nil)
}

func (m visitModel) promptView(intro string, field textinput.Model, keys help.KeyMap) string {
	s := m.styles
	var b strings.Builder
	b.WriteString(s.Box.Render(s.Title.Render("G L O B O S I M")+"\n"+s.Subtitle.Render("a workshop room")) + "\n\n")
	if intro != "" {
		b.WriteString(intro + "\n\n")
	}
	if m.reason != "" {
		style := s.Bold
		if m.stage == stageCode || strings.HasPrefix(m.reason, "That") {
			style = s.Error
		}
		b.WriteString(style.Width(m.textWidth()).Render(m.reason) + "\n\n")
	}
	b.WriteString(field.View() + "\n")
	return m.page(b.String(), keys)
}

func (m visitModel) finishedView() string {
	s := m.styles
	var b strings.Builder
	st, _ := m.visit.seat.standing()
	rank, of := m.room.rank(st.Player)
	verdict := "lost"
	if st.Won {
		verdict = "won"
	}
	fmt.Fprintf(&b, "%s\n\n", s.Title.Render("Your game in this round is over, "+st.Player+"."))
	fmt.Fprintf(&b, "You %s with a score of %s: %s of the room's %d players.\n", verdict, s.Bold.Render(fmt.Sprint(st.Score)), ordinal(rank), of)
	b.WriteString("The facilitator will go through the results with the room.\n")
	return m.page(b.String(), m.finished)
}

// page lays a screen out in the terminal with its help line (if any)
// under it.
func (m visitModel) page(body string, keys help.KeyMap) string {
	w, h := max(m.size.Width, 1), max(m.size.Height, 2)
	body = lipgloss.Place(w, h-1, lipgloss.Left, lipgloss.Top, m.styles.Page.Render(body))
	if keys == nil {
		return body
	}
	return body + "\n" + m.help.ShortHelpView(keys.ShortHelp())
}

// textWidth is how wide a paragraph is drawn.
func (m visitModel) textWidth() int { return max(min(m.size.Width-4, 72), 20) }

// ordinal is 1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, 21st.
func ordinal(n int) string {
	suffix := "th"
	switch n % 10 {
	case 1:
		suffix = "st"
	case 2:
		suffix = "nd"
	case 3:
		suffix = "rd"
	}
	if n%100 >= 11 && n%100 <= 13 {
		suffix = "th"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}
