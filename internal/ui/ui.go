// Package ui is the terminal game: a bubbletea program with a title screen,
// a briefing, the dashboard where the game is played, an investment shop,
// stage details and an end screen. It drives the same sim.Game as the
// headless runner and never changes it except through Game.Apply.
package ui

import (
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"github.com/globomantics/globosim/internal/save"
	"github.com/globomantics/globosim/internal/sim"
)

// The smallest terminal the game fits in.
const (
	MinWidth  = 80
	MinHeight = 24
)

// Options say what to play and where to keep things.
type Options struct {
	Scenario  string // a built-in name or a file; "" is the default
	Seed      uint64
	SeedSet   bool   // use Seed instead of the scenario's own
	Resume    bool   // continue the saved game at once
	SavePath  string // where the game saves itself each week; "" does not save
	ExportDir string // where reports are written; "" is the current directory
	// Renderer styles the output; nil uses the standard output's, which
	// honours NO_COLOR.
	Renderer *lipgloss.Renderer
	// Room, when set, is the workshop room this game belongs to: the
	// scenario and seed are the room's, and the facilitator holds, pauses
	// and ends the round. Player is the player's name there.
	Room   Room
	Player string
	// Rounds, when playing alone, are the weeks rounds end at (see
	// ParseRounds): the game halts at each, and the player starts the next
	// round. A room's rounds are the room's (RoomStatus.Rounds).
	Rounds []int
	// Team, when set, is the team this player plays in (serve --teams):
	// its members share one game and take decisions through it.
	Team Team
	// Saves, when set, writes the weekly saves in batches, a room's for all
	// its games (see save.Writer); nil writes each as it is made.
	Saves *save.Writer

	// tickNow sends auto-play's ticks without waiting, for tests that
	// deliver the ticks themselves: running a tick's command would
	// otherwise wait out the tick (a quarter second at normal speed).
	tickNow bool
}

type screen int

const (
	titleScreen screen = iota
	briefingScreen
	playScreen
	endScreen
)

// session is a game being played and what it came from, so it can be saved.
type session struct {
	game     *sim.Game
	filename string // the scenario file's name (or the built-in's)
	src      []byte // the scenario's text
	saves    *saver // the game's weekly saves, shared by a team's programs
}

// Messages between screens.
type (
	// startMsg: a game was chosen on the title screen.
	startMsg struct {
		s      *session
		resume bool // straight to the dashboard
	}
	// playMsg: the briefing is read.
	playMsg struct{}
	// gameOverMsg: the game has ended.
	gameOverMsg struct{}
	// newGameMsg: back to the title screen.
	newGameMsg struct{}
)

// Model is the root of the program: it owns the screens, the global keys,
// the full help and the quit confirmation, and hands everything else to the
// screen in front.
type Model struct {
	opts   Options
	styles *Styles
	keys   *globalKeys
	help   *help.Model // replaced, never changed in place, as the screens below

	// The screens not in play are behind pointers, so that the model a
	// message copies and boxes is small: each is replaced, never changed
	// in place, so a model Update returned shares nothing it changes with
	// the one before.
	screen   screen
	title    *titleModel
	briefing *briefingModel
	dash     dashboardModel
	end      *endModel
	session  *session

	width, height int
	fullHelp      bool
	confirmQuit   bool
	quitQuestion  quitQuestion
	frames        *frameFits // shared by the copies of the model
	// held is what came while an overlay's request was on its way (see
	// holds), in order, from the first key that waited for it.
	held []tea.Msg
}

// maxHeld is how many keys may wait for an overlay's request: more than a
// burst of typing; beyond it keys are dropped.
const maxHeld = 64

// New returns the program's model.
func New(opts Options) Model {
	r := opts.Renderer
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	styles := DefaultStyles(r)
	keys := defaultGlobalKeys()
	m := Model{
		opts:   opts,
		styles: &styles,
		keys:   &keys,
		help:   ptr(help.New()),
		width:  MinWidth,
		height: MinHeight,
		frames: newFrameFits(),
	}
	m.quitQuestion = newQuitQuestion(m.keys)
	m.help.Styles.ShortKey = styles.Key
	m.help.Styles.FullKey = styles.Key
	m.title = ptr(newTitle(m.styles, m.keys, opts))
	m.briefing, m.end = &briefingModel{}, &endModel{}
	return m
}

// Init starts on the title screen, or resumes the saved game.
func (m Model) Init() tea.Cmd {
	return m.title.Init()
}

// Update handles the global keys and sizes, the hand-offs between screens,
// and passes everything else to the screen in front; what comes while an
// overlay's request is on its way waits for it (holds).
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.holds(msg) {
		return m.hold(msg), nil
	}
	return m.handle(msg)
}

// handle is Update for what does not wait (see holds).
func (m Model) handle(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		hidden := m.tooSmall()
		m.width, m.height = max(msg.Width, 0), max(msg.Height, 0)
		m.setSize()
		if hidden && !m.tooSmall() && m.screen == playScreen {
			return m, m.dash.wake()
		}
		return m, nil
	case tea.KeyMsg:
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !m.typing() {
			return m.splitKeys(msg)
		}
		if m.tooSmall() {
			return m.updateSmall(msg)
		}
		if m.confirmQuit {
			return m.updateConfirm(msg)
		}
		if cmd, handled := m.globalKey(msg); handled {
			return m, cmd
		}
	case overlayDoneMsg:
		var cmd tea.Cmd
		if m.screen == playScreen {
			var model tea.Model
			model, cmd = m.updateScreen(msg)
			m = model.(Model)
		}
		return m.release(cmd)
	case keepPlayingMsg:
		m.confirmQuit = false
		return m, nil
	case startMsg:
		return m.start(msg)
	case playMsg:
		m.screen = playScreen
		var cmd tea.Cmd
		m.dash, cmd = m.dash.Update(TeamMsg{}) // the team's game may have moved during the briefing
		m.setSize()
		return m, tea.Batch(cmd, m.dash.Init())
	case gameOverMsg:
		if m.screen != playScreen {
			return m, nil // the end screen is already in front
		}
		return m.showEnd(nil)
	case TeamMsg:
		if m.screen == playScreen {
			var cmd tea.Cmd
			m.dash, cmd = m.dash.Update(msg)
			if _, over := m.session.game.Over(); over {
				return m.showEnd(nil)
			}
			return m, cmd
		}
		return m, nil
	case RoomMsg:
		if m.screen == playScreen {
			var cmd tea.Cmd
			_, wasOver := m.session.game.Over()
			m.dash, cmd = m.dash.roomChanged()
			return m.endIfOver(wasOver, cmd)
		}
		return m, nil
	case newGameMsg:
		if m.opts.Room != nil {
			return m, nil // one game per player in a room
		}
		m.session = nil
		m.title = ptr(newTitle(m.styles, m.keys, Options{Scenario: m.opts.Scenario, Seed: m.opts.Seed, SeedSet: m.opts.SeedSet, SavePath: m.opts.SavePath}))
		m.screen = titleScreen
		m.setSize()
		return m, m.title.Init()
	}
	return m.updateScreen(msg)
}

// holds reports whether msg waits for an overlay's request on its way
// (overlayDoneMsg): a key does, and so does everything after a key that
// waits, so that what comes is handled in the order it came, as if the
// overlay had closed at once. Here, not in the dashboard, so that q and ?
// wait too. A key beyond maxHeld is dropped, except ctrl+c: so many keys
// only wait if the request is lost, and ctrl+c must work even then.
func (m Model) holds(msg tea.Msg) bool {
	if _, done := msg.(overlayDoneMsg); done {
		return false
	}
	km, isKey := msg.(tea.KeyMsg)
	if len(m.held) == 0 && (!isKey || !m.waits()) {
		return false
	}
	return !isKey || !key.Matches(km, m.keys.Kill) || heldKeys(m.held) < maxHeld
}

// waits reports whether the dashboard waits for an overlay's request.
func (m Model) waits() bool { return m.screen == playScreen && m.dash.awaits() }

// hold keeps msg to handle once the overlay's request has come.
func (m Model) hold(msg tea.Msg) Model {
	if _, isKey := msg.(tea.KeyMsg); isKey && heldKeys(m.held) >= maxHeld {
		return m
	}
	m.held = append(slices.Clip(m.held), msg) // a new array: copies of the model keep theirs
	return m
}

// heldKeys counts the keys in held.
func heldKeys(held []tea.Msg) int {
	n := 0
	for _, msg := range held {
		if _, isKey := msg.(tea.KeyMsg); isKey {
			n++
		}
	}
	return n
}

// release handles what was held, in order, after cmd (the request's), up
// to a key that asks the dashboard something again: the rest waits for
// that request.
func (m Model) release(cmd tea.Cmd) (tea.Model, tea.Cmd) {
	cmds := []tea.Cmd{cmd}
	for len(m.held) > 0 && !m.waits() {
		msg := m.held[0]
		m.held = m.held[1:]
		model, next := m.handle(msg)
		m = model.(Model)
		cmds = append(cmds, next)
	}
	return m, tea.Batch(cmds...)
}

// splitKeys handles keys that arrived together (typed fast, or a key held
// down) one at a time, as the player pressed them. Once one asks the
// dashboard something, the rest wait for it, before anything else held.
func (m Model) splitKeys(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	for i, r := range msg.Runes {
		if m.waits() {
			rest := tea.KeyMsg{Type: tea.KeyRunes, Runes: msg.Runes[i:], Alt: msg.Alt}
			m.held = append([]tea.Msg{rest}, m.held...)
			break
		}
		model, cmd := m.handle(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
		m = model.(Model)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

// globalKey handles ?, q and ctrl+c, unless the screen is taking text.
func (m *Model) globalKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, m.keys.Kill):
		return m.quit()
	case m.typing():
		return nil, false
	case m.fullHelp && key.Matches(msg, m.keys.Help, m.keys.Back):
		m.fullHelp = false
		return nil, true
	case key.Matches(msg, m.keys.Help):
		m.fullHelp = true
		return nil, true
	case key.Matches(msg, m.keys.Quit) && !m.dash.overlayOpen() && !(m.screen == playScreen && m.dash.advice.open()):
		return m.quit() // q closes an overlay, or the advice, as any key does
	}
	return nil, false
}

// typing reports whether the screen in front is taking text input, so
// that letters go to it.
func (m *Model) typing() bool {
	return m.screen == titleScreen && m.title.typing()
}

// quit leaves at once, except during a game, where it asks first. A
// debrief still being scored is abandoned (a room's is finished).
func (m *Model) quit() (tea.Cmd, bool) {
	if m.screen == playScreen {
		m.confirmQuit = true
		m.dash.pause()
		return nil, true
	}
	m.end.stop()
	return tea.Quit, true
}

// updateSmall handles a key while the terminal is too small to show the
// game: nothing the player cannot see may happen, so only quitting works.
func (m Model) updateSmall(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if m.confirmQuit {
		return m.updateConfirm(msg)
	}
	if key.Matches(msg, m.keys.Kill) || key.Matches(msg, m.keys.Quit) {
		cmd, _ := m.quit()
		return m, cmd
	}
	return m, nil
}

func (m Model) updateConfirm(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	m.quitQuestion, cmd = m.quitQuestion.Update(msg)
	return m, cmd
}

func (m Model) start(msg startMsg) (tea.Model, tea.Cmd) {
	if t := m.opts.Team; t != nil { // one game for the team: the first member's
		if tg := t.Game(); tg != nil {
			msg.s, msg.resume = tg.s, msg.resume || tg.s.game.Week() > 0
		} else {
			t.Start(&TeamGame{s: msg.s})
		}
	}
	m.session = msg.s
	m.dash = newDashboard(m.styles, m.keys, msg.s, m.opts)
	if msg.resume {
		m.screen = playScreen
		m.setSize()
		return m, m.dash.Init()
	}
	m.briefing = ptr(newBriefing(m.styles, m.keys, msg.s.game.Scenario()))
	m.screen = briefingScreen
	m.setSize()
	return m, nil
}

func (m Model) updateScreen(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.screen {
	case titleScreen:
		var t titleModel
		t, cmd = m.title.Update(msg)
		m.title = &t
	case briefingScreen:
		var b briefingModel
		b, cmd = m.briefing.Update(msg)
		m.briefing = &b
	case playScreen:
		_, wasOver := m.session.game.Over()
		m.dash, cmd = m.dash.Update(msg)
		return m.endIfOver(wasOver, cmd)
	case endScreen:
		var e endModel
		e, cmd = m.end.Update(msg)
		m.end = &e
	}
	return m, cmd
}

// endIfOver shows the end screen as soon as the dashboard's game is over,
// in the Update that ended it (the dashboard's gameOverMsg comes after):
// the next key reaches the end screen, and a room's result is on its way
// even if the program ends now.
func (m Model) endIfOver(wasOver bool, cmd tea.Cmd) (tea.Model, tea.Cmd) {
	if _, over := m.session.game.Over(); wasOver || !over {
		return m, cmd
	}
	return m.showEnd(cmd)
}

// showEnd replaces the dashboard with the end screen, which starts
// scoring the game. In a room its commands are started at once: bubbletea
// drops the commands of a program that has ended, and the room must have
// the result even if the player's connection closes the moment the game
// ends (the room keeps the player's save until the result is stored).
func (m Model) showEnd(cmd tea.Cmd) (tea.Model, tea.Cmd) {
	if m.opts.Room != nil {
		m.opts.Room.Progress(m.session.game) // over: the room awaits its result
	}
	m.end = ptr(newEnd(m.styles, m.keys, m.session, m.opts))
	m.screen = endScreen
	m.setSize()
	scoring := m.end.Init()
	if m.opts.Room != nil {
		scoring = startNow(scoring)
	}
	return m, tea.Batch(cmd, scoring)
}

// startNow runs a command's work at once, on a goroutine of its own (and
// each command of a batch on its own), and returns a command that brings
// its message: the work is done even if the program ends before it would
// have run the command.
func startNow(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	msgs := make(chan tea.Msg, 1) // never waited on by the work
	go func() {
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			started := make(tea.BatchMsg, len(batch))
			for i, c := range batch {
				started[i] = startNow(c)
			}
			msg = started
		}
		msgs <- msg
	}()
	return func() tea.Msg { return <-msgs }
}

// tooSmall reports whether the terminal cannot show the game.
func (m Model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }

// setSize gives the screen in front the room it has: the whole terminal
// less the help line. A screen is never given less than the smallest
// terminal the game fits in (a smaller one shows only smallView), and the
// dashboard holds the game while it cannot be seen.
func (m *Model) setSize() {
	w, h := max(m.width, MinWidth), max(m.height, MinHeight)-1
	if m.help.Width != w {
		m.help = ptr(*m.help)
		m.help.Width = w
	}
	m.dash.hidden = m.tooSmall()
	switch m.screen {
	case titleScreen:
		m.title = ptr(*m.title)
		m.title.SetSize(w, h)
	case briefingScreen:
		m.briefing = ptr(*m.briefing)
		m.briefing.SetSize(w, h)
	case playScreen:
		m.dash.SetSize(w, h)
	case endScreen:
		m.end = ptr(*m.end)
		m.end.SetSize(w, h)
	}
}

// keyMap is the keys of what is in front.
func (m *Model) keyMap() help.KeyMap {
	if m.confirmQuit {
		return m.quitQuestion.keys
	}
	switch m.screen {
	case titleScreen:
		return m.title.keyMap()
	case briefingScreen:
		return m.briefing.keys
	case playScreen:
		return m.dash.keyMap()
	default:
		return m.end.keys
	}
}

// View draws the screen in front and the help line, exactly filling the
// terminal. A terminal too small for the game gets one line saying how big
// it must be.
func (m Model) View() string {
	if m.tooSmall() {
		return m.smallView()
	}
	var body string
	switch {
	case m.confirmQuit:
		body = m.confirmView()
	case m.fullHelp:
		body = m.fullHelpView()
	default:
		switch m.screen {
		case titleScreen:
			body = m.title.View()
		case briefingScreen:
			body = m.briefing.View()
		case playScreen:
			body = m.dash.View()
		case endScreen:
			body = m.end.View()
		}
	}
	help := m.frames.help(m.help, m.keyMap().ShortHelp(), m.width)
	if m.frames == nil {
		return Fit(body, m.width, m.height-1) + "\n" + help
	}
	return m.frames.fitThen(body, m.width, m.height-1, help, true)
}

// smallView is the one line a terminal too small for the game shows: the
// longest of its wordings that fits the width, nothing at all in no room.
func (m Model) smallView() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	need := fmt.Sprintf("%d×%d", MinWidth, MinHeight)
	says := []string{
		fmt.Sprintf("Terminal too small: %d×%d. globosim needs at least %s (q quits).", m.width, m.height, need),
		fmt.Sprintf("Terminal too small: %d×%d; needs %s (q quits)", m.width, m.height, need),
		"Too small: needs " + need,
		"Needs " + need,
		need,
	}
	if m.confirmQuit {
		says = []string{"Terminal too small. Quit the game? y quits, n keeps playing.", "Quit the game? y/n", "Quit? y/n", "y/n"}
	}
	for _, s := range says {
		if lipgloss.Width(s) <= m.width {
			return s
		}
	}
	return ansi.Truncate(says[len(says)-1], m.width, "…")
}

func (m Model) confirmView() string {
	s := m.styles
	var b strings.Builder
	b.WriteString(s.Bold.Render("Quit the game?") + "\n\n")
	switch {
	case m.opts.SavePath != "" && m.session != nil && m.opts.Room != nil:
		fmt.Fprintf(&b, "It is saved at the end of week %d; connect to the room again,\nwith the same name, to continue it.\n", m.session.game.Week())
	case m.opts.SavePath != "" && m.session != nil:
		fmt.Fprintf(&b, "It is saved at the end of week %d; continue it later with\n\n    globosim play --resume\n", m.session.game.Week())
	default:
		b.WriteString("This game is not saved.\n")
	}
	b.WriteString("\n" + s.Key.Render("y") + " quit    " + s.Key.Render("n") + " keep playing")
	return place(m.width, m.height-1, lipgloss.Center, lipgloss.Center, s.Box.Render(b.String()))
}

func (m Model) fullHelpView() string {
	s := m.styles
	body := s.Title.Render("Keys") + "\n\n" + m.help.FullHelpView(m.keyMap().FullHelp()) +
		"\n\n" + s.Subtle.Render("? or esc closes this help")
	if m.screen == playScreen {
		hints := playHints + "\n" + chartHint
		if m.dash.allCharts() {
			hints = playHints + "\n" + chartsHint
		}
		body += "\n\n" + hints
	}
	return place(m.width, m.height-1, lipgloss.Center, lipgloss.Center, s.Box.Render(body))
}

const playHints = `Space plays one week; p lets the weeks run by themselves.
Open the shop with i to invest in automation or change how the teams work.
Choose a stage with ↑/↓ and press enter to see why its work waits.
A ◆ beside a stage's name: its team is building an investment.`

// chartHint and chartsHint end the hints: with one chart at a time, and
// with all three side by side (tab then has nothing to switch).
const (
	chartHint = `Tab shows the next chart; on its time axis ▲ marks a week you decided in,
✓ a week an investment was finished, * both, when they fall in one column.`
	chartsHint = `On the charts' time axis ▲ marks a week you decided in, ✓ a week an
investment was finished, * both, when they fall in one column.`
)

// StoppedError is what Run returns when a signal ended the game (SIGINT,
// SIGTERM, or SIGHUP: the terminal was closed), or the terminal went away
// with no signal.
type StoppedError struct {
	Signal os.Signal // nil: the terminal was closed, and no SIGHUP came
	// Saved is the file the game in progress was saved to, "" when no game
	// was in progress or it is not kept; SaveErr says why saving failed.
	Saved   string
	SaveErr error
}

func (e *StoppedError) Error() string {
	if e.Signal == nil {
		return "stopped: the terminal was closed"
	}
	return "stopped by " + signalName(e.Signal)
}

func signalName(s os.Signal) string {
	switch s {
	case syscall.SIGINT:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "SIGHUP"
	}
	return s.String()
}

// Run plays the game in the terminal until the player quits. The terminal
// is restored however the program ends: quit, ctrl+c, a signal, or a panic
// (bubbletea recovers and restores). Signals are handled here, not by
// bubbletea, whose handler knows SIGINT and SIGTERM but not SIGHUP (the
// default action of which killed the game with the terminal left in the
// alternate screen, the cursor hidden): any of the three saves the game as
// it stands, and Run returns a *StoppedError.
func Run(opts Options) error {
	p := tea.NewProgram(New(opts), tea.WithAltScreen(), tea.WithoutSignalHandler())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	var got os.Signal
	lost := false
	// A closed terminal is also watched for directly: a shell that ignores
	// SIGHUP does not pass it on, and bubbletea takes the end of its input
	// quietly, so the game would play on, unseen, for ever.
	// Only a terminal that was there can be lost: with input from
	// elsewhere bubbletea reads /dev/tty itself.
	hangup := time.NewTicker(time.Second)
	defer hangup.Stop()
	onTerminal := term.IsTerminal(os.Stdin.Fd())
	done := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		for {
			select {
			case s := <-sigs:
				// Later signals are caught and ignored: a closed terminal
				// sends SIGHUP twice (the shell passes on its own, then the
				// kernel signals the foreground job as the shell exits),
				// and the second must not kill the game while it saves.
				if got == nil && !lost {
					got = s
					go p.Quit() // returns at once if the program has already ended
				}
			case <-hangup.C:
				if onTerminal && got == nil && !lost && !term.IsTerminal(os.Stdin.Fd()) {
					lost = true
					go p.Quit()
				}
			case <-done:
				return
			}
		}
	}()
	final, err := p.Run()
	close(done)
	<-watched
	m, _ := final.(Model)
	m.end.stop()
	// The weekly save in flight (or not yet started) is written first, so
	// the game is saved where the quit question said.
	weekly := m.dash.saves.flush()
	if got == nil && !lost && err == nil {
		if weekly != nil {
			return fmt.Errorf("the game could not be saved: %w", weekly)
		}
		return nil
	}
	// The player did not choose this end: keep the game they were playing.
	saved, saveErr := m.saveNow()
	if got != nil || lost {
		return &StoppedError{Signal: got, Saved: saved, SaveErr: saveErr}
	}
	if saveErr != nil {
		return fmt.Errorf("%w (and the game could not be saved: %v)", err, saveErr)
	}
	return err
}

// saveNow saves the game in progress as it stands, for an end the player
// did not choose, and says where; "" when there is nothing to save.
func (m Model) saveNow() (string, error) {
	if m.session == nil || m.opts.SavePath == "" || m.screen != playScreen {
		return "", nil
	}
	if _, over := m.session.game.Over(); over {
		return "", nil
	}
	if err := m.dash.save(); err != nil {
		return "", err
	}
	return m.opts.SavePath, nil
}

// ptr is a new copy of v, for the screens the model holds by pointer.
func ptr[T any](v T) *T { return &v }
