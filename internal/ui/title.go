package ui

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/globomantics/globosim/internal/save"
	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/textsafe"
)

// The title screen: the game's name, the scenario picker (built-ins and a
// file path), the seed, and the saved game if there is one.

type titleFocus int

const (
	focusList titleFocus = iota
	focusSeed
	focusPath
)

type titleItem struct {
	name, desc string
	seed       uint64 // the scenario's own seed (a built-in's)
	file       bool   // "open a file": the path is typed in
}

type titleModel struct {
	styles *Styles
	keys   titleKeys
	opts   Options

	items  []titleItem
	cursor int
	focus  titleFocus
	seed   textinput.Model
	path   textinput.Model
	saved  *save.File
	game   *sim.Game // the saved game, replayed: what r continues
	// checking: the save is being read and replayed (savedMsg tells how
	// that went); only a save that replays is offered.
	checking bool
	waiting  *tea.KeyMsg // a key that needs the check's answer, pressed before it came
	err      string
	// broken: a save is there but cannot be continued; a new game still
	// replaces it, so it asks first too.
	broken bool
	// replacing is the new game waiting for the player to say what
	// becomes of the saved one (replaceKeys); nil when none waits.
	replacing   *session
	replaceKeys replaceKeys
	// confirming is set once n asked for the new game: only y replaces.
	confirming bool

	width, height int
}

// savedMsg is the saved game, read and replayed, or why it cannot be
// continued.
type savedMsg struct {
	f   *save.File
	g   *sim.Game
	err error
}

func newTitle(styles *Styles, global *globalKeys, opts Options) titleModel {
	m := titleModel{styles: styles, keys: defaultTitleKeys(global), replaceKeys: defaultReplaceKeys(global), opts: opts}
	if opts.Room != nil {
		// The room chose the scenario and the seed for everyone.
		m.items = []titleItem{{name: opts.Scenario, desc: "this room's scenario"}}
		m.keys.Up.SetEnabled(false)
		m.keys.Down.SetEnabled(false)
		m.keys.Next.SetEnabled(false)
	} else {
		for _, b := range scenario.Builtins() {
			m.items = append(m.items, titleItem{name: b.Name, desc: b.Description, seed: b.Seed})
		}
		m.items = append(m.items, titleItem{name: "Open a file…", desc: "your own scenario: type its path", file: true})
	}

	m.seed = textinput.New()
	m.seed.Cursor.SetMode(cursor.CursorStatic) // a steady cursor: no blink ticks
	m.seed.Prompt = ""
	m.seed.CharLimit = 19
	m.seed.Width = 20
	m.seed.Placeholder = "the scenario's"
	if opts.SeedSet {
		m.seed.SetValue(strconv.FormatUint(opts.Seed, 10))
	}
	m.path = textinput.New()
	m.path.Cursor.SetMode(cursor.CursorStatic)
	m.path.Prompt = ""
	m.path.Placeholder = "path/to/scenario.toml"
	m.path.Width = 50

	if opts.Scenario != "" {
		m.cursor = len(m.items) - 1
		m.path.SetValue(opts.Scenario)
		for i, it := range m.items {
			if it.name == opts.Scenario {
				m.cursor = i
				m.path.SetValue("")
			}
		}
	}
	m.checking = opts.SavePath != ""
	m.keys.Resume.SetEnabled(m.checking) // until the check says whether there is a game to resume
	return m
}

// Init reads and replays the saved game, if there may be one: a replay can
// take a while, so it is a command.
func (m titleModel) Init() tea.Cmd {
	if !m.checking {
		return nil
	}
	path := m.opts.SavePath
	return func() tea.Msg {
		f, g, err := save.Load(path)
		return savedMsg{f: f, g: g, err: err}
	}
}

// savedChecked offers the saved game if it can be continued, says why not
// if it cannot, and continues it at once when asked to (--resume).
func (m titleModel) savedChecked(msg savedMsg) (titleModel, tea.Cmd) {
	m.checking = false
	switch {
	case msg.err == nil:
		m.saved, m.game = msg.f, msg.g
	case errors.Is(msg.err, os.ErrNotExist):
	default:
		m.err = "The saved game cannot be continued: " + msg.err.Error()
		m.broken = true
	}
	// r pressed while the check ran asks to resume, as --resume does (the
	// binding is still enabled here, for the check).
	asked := m.opts.Resume
	if k := m.waiting; k != nil && key.Matches(*k, m.keys.Resume) {
		asked, m.waiting = true, nil
	}
	m.keys.Resume.SetEnabled(m.saved != nil)
	switch {
	case asked && m.saved != nil:
		return m.resume()
	case asked && m.err == "":
		m.err = "There is no saved game to continue."
	}
	if k := m.waiting; k != nil {
		m.waiting = nil
		return m.updateKey(*k)
	}
	return m, nil
}

// typing reports whether a text field has the keyboard.
func (m titleModel) typing() bool { return m.focus != focusList }

func (m *titleModel) SetSize(w, h int) { m.width, m.height = w, h }

func (m titleModel) Update(msg tea.Msg) (titleModel, tea.Cmd) {
	switch msg := msg.(type) {
	case savedMsg:
		return m.savedChecked(msg)
	case tea.KeyMsg:
		return m.updateKey(msg)
	}
	return m, nil
}

// keyMap is the keys that work now: the question about the saved game's
// while it is asked.
func (m titleModel) keyMap() help.KeyMap {
	if m.replacing != nil {
		return m.replaceKeys.now(m.confirming, m.saved != nil)
	}
	return m.keys
}

func (m titleModel) updateKey(msg tea.KeyMsg) (titleModel, tea.Cmd) {
	if m.replacing != nil {
		return m.updateReplace(msg)
	}
	if m.opts.Room != nil {
		// In a room: enter continues this player's game, or starts it,
		// once it is known whether there is one to continue.
		if key.Matches(msg, m.keys.Start) || key.Matches(msg, m.keys.Resume) {
			if m.checking {
				m.waiting = &msg
				return m, nil
			}
			if m.saved != nil {
				return m.resume()
			}
			return m.startSelected()
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, m.keys.Start) && m.checking:
		m.waiting = &msg // a new game asks first if there is a saved one
		return m, nil
	case key.Matches(msg, m.keys.Start):
		return m.startSelected()
	case key.Matches(msg, m.keys.Next):
		m.setFocus((m.focus + 1) % 3)
		if m.focus == focusPath && !m.items[m.cursor].file {
			m.setFocus(focusList)
		}
		return m, nil
	case key.Matches(msg, m.keys.global.Back) && m.focus != focusList:
		m.setFocus(focusList)
		return m, nil
	}
	var cmd tea.Cmd
	switch m.focus {
	case focusSeed:
		m.seed, cmd = m.seed.Update(msg)
		return m, cmd
	case focusPath:
		m.path, cmd = m.path.Update(msg)
		return m, cmd
	}
	switch {
	case key.Matches(msg, m.keys.Up):
		m.cursor = (m.cursor + len(m.items) - 1) % len(m.items)
	case key.Matches(msg, m.keys.Down):
		m.cursor = (m.cursor + 1) % len(m.items)
	case key.Matches(msg, m.keys.Resume) && m.checking:
		m.waiting = &msg // r continues the saved game, if the check finds one
	case key.Matches(msg, m.keys.Resume) && m.saved != nil:
		return m.resume()
	}
	return m, nil
}

func (m *titleModel) setFocus(f titleFocus) {
	m.focus = f
	m.seed.Blur()
	m.path.Blur()
	switch f {
	case focusSeed:
		m.seed.Focus()
	case focusPath:
		m.path.Focus()
	}
}

// startSelected loads the chosen scenario with the seed and starts a game.
func (m titleModel) startSelected() (titleModel, tea.Cmd) {
	it := m.items[m.cursor]
	name := it.name
	if it.file {
		name = strings.TrimSpace(m.path.Value())
		if name == "" || m.focus != focusPath {
			m.setFocus(focusPath)
			m.err = ""
			return m, nil
		}
	}
	filename, src, err := scenario.Source(name)
	if err != nil {
		m.err = err.Error()
		return m, nil
	}
	sc, err := scenario.Parse(filename, src)
	if err != nil {
		m.err = err.Error()
		return m, nil
	}
	seed := sc.Seed
	if v := strings.TrimSpace(m.seed.Value()); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			m.err = fmt.Sprintf("The seed must be a whole number, not %q.", v)
			m.setFocus(focusSeed)
			return m, nil
		}
		seed = n
	}
	s := &session{game: sim.NewGame(sc, seed, 0), filename: filename, src: src}
	if m.saved != nil || m.broken {
		// The new game's first save would replace the saved one: ask.
		m.replacing, m.confirming = s, false
		m.setFocus(focusList)
		m.err = ""
		return m, nil
	}
	return m, func() tea.Msg { return startMsg{s: s} }
}

// updateReplace answers the question a new game asks when a game is
// saved: continue that one (r), start the new one (n, then y), or go
// back to the picker. While the yes is asked, any other key keeps the
// saved game and goes back to the question.
func (m titleModel) updateReplace(msg tea.KeyMsg) (titleModel, tea.Cmd) {
	if m.confirming {
		m.confirming = false
		if key.Matches(msg, m.replaceKeys.Confirm) {
			s := m.replacing
			m.replacing = nil
			return m, func() tea.Msg { return startMsg{s: s} }
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, m.replaceKeys.Continue) && m.saved != nil:
		m.replacing = nil
		return m.resume()
	case key.Matches(msg, m.replaceKeys.Replace):
		m.confirming = true
	case key.Matches(msg, m.replaceKeys.Back):
		m.replacing = nil
	}
	return m, nil
}

// replaceView asks what becomes of the saved game when a new one starts.
func (m titleModel) replaceView() string {
	s := m.styles
	var b strings.Builder
	switch {
	case m.confirming:
		what := "that cannot be continued"
		if m.saved != nil {
			what = fmt.Sprintf("of %s, stopped after week %d of %d,", textsafe.Line(m.saved.Scenario, 40), m.saved.Week, m.saved.Weeks)
		}
		fmt.Fprintf(&b, "%s\n\nThe new game throws away the saved game\n%s\nwhen its first week is saved.\n\n", s.Bold.Render("Replace the saved game?"), what)
		b.WriteString(s.Key.Render("y") + " yes, replace it    " + s.Key.Render("any other key") + " keeps it")
	case m.saved != nil:
		fmt.Fprintf(&b, "%s\n\nA saved game of %s, stopped after week %d of %d, exists.\nA new game replaces it when its first week is saved.\n\n",
			s.Bold.Render("Start a new game?"), textsafe.Line(m.saved.Scenario, 40), m.saved.Week, m.saved.Weeks)
		b.WriteString(s.Key.Render("r") + " resume it    " + s.Key.Render("n") + " new game instead    " + s.Key.Render("esc") + " go back")
	default:
		fmt.Fprintf(&b, "%s\n\nThere is a saved game that cannot be continued.\nA new game replaces it when its first week is saved.\n\n", s.Bold.Render("Start a new game?"))
		b.WriteString(s.Key.Render("n") + " new game instead    " + s.Key.Render("esc") + " go back")
	}
	return place(m.width, m.height, lipgloss.Center, lipgloss.Center, s.Box.Render(b.String()))
}

func (m titleModel) resume() (titleModel, tea.Cmd) {
	if m.saved == nil {
		m.err = "There is no saved game to continue."
		return m, nil
	}
	s := &session{game: m.game, filename: m.saved.Filename, src: []byte(m.saved.Source)}
	return m, func() tea.Msg { return startMsg{s: s, resume: true} }
}

func (m titleModel) View() string {
	if m.replacing != nil {
		return m.replaceView()
	}
	s := m.styles
	logo := s.Box.Render(s.Title.Render("G L O B O S I M") + "\n" + s.Subtitle.Render("ship faster, or lose the market"))
	lead := reflow("Lead Globomantics through a DevOps transformation: automate, change how the teams work, and win back customers before the money or the market runs out.", min(m.width-4, 76)) + "\n\n"
	if m.opts.Room != nil {
		return m.roomView(logo)
	}
	var b strings.Builder
	rows, first, last := m.pickerRows(m.width - 4)
	path := "" // the file's path field, under the picker
	if m.items[m.cursor].file {
		field := m.path.View()
		if m.focus != focusPath {
			field = s.Subtle.Render("press enter to type a path")
			if v := m.path.Value(); v != "" {
				field = v
			}
		}
		path = "  Path: " + field + "\n"
	}

	seed := m.seed.View()
	if m.focus != focusSeed {
		seed = m.seed.Value()
		if seed == "" {
			seed = m.ownSeed()
		}
	}
	fmt.Fprintf(&b, "\n%s %s\n", s.Bold.Render("Seed"), seed)
	seedWords := s.Subtle.Render(reflow("Everyone in a room who plays the same scenario with the same seed faces the same world: the same work, the same surprises. Press tab to change it.", min(m.width-4, 76))) + "\n"
	var after strings.Builder
	switch {
	case m.checking:
		after.WriteString("\n" + s.Subtle.Render("Looking for a saved game…") + "\n")
	case m.saved != nil:
		after.WriteString("\n" + reflow(fmt.Sprintf("%s %s, stopped after week %d of %d, seed %d. Press %s to continue it.",
			s.Accent.Render("Saved game:"), textsafe.Line(m.saved.Scenario, 60), m.saved.Week, m.saved.Weeks, m.saved.Seed, s.Key.Render("r")), min(m.width-4, 76)) + "\n")
	}
	after.WriteString(m.errView())
	// The picker gets the rows the rest leaves (the page's margins are 2),
	// at least 3, scrolled to the cursor. Where it would not show every
	// choice with the cursor on any of them, the seed's explanation gives
	// it its rows (tab is in the help), then the line under the logo: a
	// saved game's line pushed "Open a file…" off at 80×24.
	head := logo + "\n\n" + lead + s.Bold.Render("Scenario") + "\n"
	tail := b.String() + seedWords + after.String()
	room := func() int { return m.height - 2 - strings.Count(head, "\n") - strings.Count(tail, "\n") }
	if need := m.pickerHeight(m.width - 4); room() < need {
		tail = b.String() + after.String()
		if room() < need {
			head = logo + "\n\n" + s.Bold.Render("Scenario") + "\n"
		}
	}
	tail = path + tail
	h := room()
	picker := newCursorView()
	picker.show(rows, last, m.width-4, min(max(h, 3), len(rows)))
	if first < picker.above() {
		picker.show(rows, first, m.width-4, min(max(h, 3), len(rows)))
	}
	return m.styles.Page.Render(head + picker.View() + "\n" + tail)
}

// pickerHeight is the most rows the picker and the path field under it
// take, whichever choice the cursor is on.
func (m titleModel) pickerHeight(w int) int {
	most := 0
	for i, it := range m.items {
		m.cursor = i
		rows, _, _ := m.pickerRows(w)
		if it.file {
			most = max(most, len(rows)+1)
		} else {
			most = max(most, len(rows))
		}
	}
	return most
}

// pickerRows is the scenario list for w cells: a line a scenario, its
// description cut on a word, but the selected one's in full, wrapped under
// itself; first and last are the selected one's lines.
func (m titleModel) pickerRows(w int) (rows []string, first, last int) {
	s := m.styles
	nameW := 0
	for _, it := range m.items {
		nameW = max(nameW, lipgloss.Width(it.name))
	}
	descW := max(w-2-nameW-2, 10)
	indent := strings.Repeat(" ", 2+nameW+2)
	for i, it := range m.items {
		if i != m.cursor {
			rows = append(rows, truncateLine(fmt.Sprintf("  %-*s  %s", nameW, it.name, s.Subtle.Render(cutWords(it.desc, descW))), w))
			continue
		}
		first = len(rows)
		name := s.Selected.Render(fmt.Sprintf("%-*s", nameW, it.name))
		for j, l := range strings.Split(reflow(it.desc, descW), "\n") {
			if j == 0 {
				rows = append(rows, "▸ "+name+"  "+l)
			} else {
				rows = append(rows, indent+l)
			}
		}
		last = len(rows) - 1
	}
	return rows, first, last
}

// ownSeed says which seed a game plays when none is typed.
func (m titleModel) ownSeed() string {
	it := m.items[m.cursor]
	if it.file {
		return m.styles.Subtle.Render("the one the file sets (1 if it sets none)")
	}
	return fmt.Sprintf("%d %s", it.seed, m.styles.Subtle.Render("(the scenario's own)"))
}

// roomView is the title screen of a workshop room.
func (m titleModel) roomView(logo string) string {
	s := m.styles
	var b strings.Builder
	b.WriteString(logo + "\n\n")
	fmt.Fprintf(&b, "Welcome to the room, %s.\n\n", s.Bold.Render(m.opts.Player))
	name := m.opts.Scenario
	if sc, err := scenario.Resolve(name); err == nil {
		name = sc.Name
	}
	fmt.Fprintf(&b, "Everyone here plays %s with seed %d: the same work and the same\nsurprises. Only your decisions differ, and the facilitator will compare them.\n\n",
		s.Bold.Render(name), m.opts.Seed)
	switch {
	case m.checking:
		b.WriteString(s.Subtle.Render("Looking for your saved game…") + "\n")
	case m.saved != nil:
		fmt.Fprintf(&b, "%s you stopped after week %d. Press %s to continue.\n", s.Accent.Render("Your game is saved:"), m.saved.Week, s.Key.Render("enter"))
	default:
		fmt.Fprintf(&b, "Press %s to read the briefing.\n", s.Key.Render("enter"))
	}
	if wait := roomWait(m.opts.Room); wait != "" {
		b.WriteString("\n" + s.Subtle.Render(wait) + "\n")
	}
	b.WriteString(m.errView())
	return m.styles.Page.Render(b.String())
}

// errView is what went wrong, wrapped to the screen (a path has no spaces
// to break at).
func (m titleModel) errView() string {
	if m.err == "" {
		return ""
	}
	return "\n" + m.styles.Error.Render(ansi.Wrap(firstLines(m.err, 4), m.width-4, "")) + "\n"
}

// firstLines keeps the first n lines of a (multi-line) error, saying how
// many more there were.
func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) <= n {
		return strings.Join(lines, "\n")
	}
	return strings.Join(lines[:n], "\n") + fmt.Sprintf("\n… and %d more problems (globosim validate FILE lists them all)", len(lines)-n)
}
