package workshop

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/textsafe"
	"github.com/globomantics/globosim/internal/ui"
)

// BoardOptions say how the leaderboard is shown.
type BoardOptions struct {
	Address string // what participants type to join, e.g. "ssh -p 2222 10.0.0.5"
	HostKey string // the host key's fingerprint, for participants to check
	// Controls lets the board start, pause and end the round, export and
	// close the room: on the facilitator's own terminal. Without them the
	// board is only watched (over SSH).
	Controls  bool
	ExportDir string // where x exports; "" is the room's folder
	// Renderer styles the board; nil is the standard output's.
	Renderer *lipgloss.Renderer
}

// Board is the room's live leaderboard: every player's week, market share,
// lead time for changes over the last quarter, DORA band, score and state,
// best score first, with the room's address, world, code and head count
// above and the latest events below. It reads the room a few times a
// second.
type Board struct {
	room   *Room
	opts   BoardOptions
	styles *styles
	keys   boardKeys
	help   help.Model

	snap    Snapshot
	table   viewport.Model // the players' rows, scrolled with ↑/↓
	confirm question       // the question being asked, if any
	message string
	levers  leverPicker // the facilitator's levers, when open (levers.go)
	chosen  Lever       // the lever scheduleQuestion asks about

	glance    bool        // the room at a glance instead of the table (glance.go)
	glancedAt int         // the gate the board last turned to the glance for by itself
	shares    [][]float64 // every player's weekly share, while the glance is shown

	width, height int
}

// question is a yes/no question the board is asking.
type question int

const (
	noQuestion question = iota
	endQuestion
	quitQuestion
	scheduleQuestion
)

// boardTickMsg has the board read the room again.
type boardTickMsg struct{}

// boardEvery is how often the board reads the room.
const boardEvery = 250 * time.Millisecond

// NewBoard returns the leaderboard of the room.
func NewBoard(room *Room, opts BoardOptions) Board {
	r := opts.Renderer
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	if opts.ExportDir == "" {
		opts.ExportDir = room.cfg.DataDir
	}
	b := Board{room: room, opts: opts, styles: newStyles(r), keys: defaultBoardKeys(opts.Controls), help: help.New(),
		snap: room.Snapshot(), table: viewport.New(0, 0), width: ui.MinWidth, height: ui.MinHeight}
	b.help.Styles.ShortKey = b.styles.Key
	b.followGate()
	b.layoutRows()
	return b
}

func (b Board) Init() tea.Cmd { return b.tick() }

func (b Board) tick() tea.Cmd {
	return tea.Tick(boardEvery, func(time.Time) tea.Msg { return boardTickMsg{} })
}

// Update makes Board a tea.Model of its own (the facilitator's terminal).
func (b Board) Update(msg tea.Msg) (tea.Model, tea.Cmd) { return b.update(msg) }

func (b Board) update(msg tea.Msg) (Board, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case boardTickMsg:
		b.snap = b.room.Snapshot()
		cmd = b.tick()
	case boardExportedMsg:
		b.message = msg.message
		b.snap = b.room.Snapshot() // the export is one of the room's events
	case tea.WindowSizeMsg:
		b.width, b.height = msg.Width, msg.Height
		b.help.Width = msg.Width
	case tea.KeyMsg:
		switch {
		case b.confirm != noQuestion:
			b, cmd = b.answer(msg)
		case b.levers.open:
			b = b.updateLevers(msg)
		default:
			b, cmd = b.updateKey(msg)
		}
	}
	b.followGate()
	b.layoutRows()
	return b, cmd
}

// layoutRows puts the players' rows in the table, as many as fit; when
// some are out of sight the line under the table says how many.
func (b *Board) layoutRows() {
	if b.glance { // no table to lay out (v brings it back, laid out then)
		b.keys.Up.SetEnabled(false)
		b.keys.Down.SetEnabled(false)
		return
	}
	lines := make([]string, len(b.snap.Standings))
	for i, st := range b.snap.Standings {
		lines[i] = ansi.Truncate(b.row(i+1, st), max(b.width, 0), "…")
	}
	rows := b.rows()
	scrolls := len(lines) > rows
	if scrolls {
		rows--
	}
	b.keys.Up.SetEnabled(scrolls)
	b.keys.Down.SetEnabled(scrolls)
	b.table.KeyMap = viewport.KeyMap{Up: b.keys.Up, Down: b.keys.Down}
	b.table.Width, b.table.Height = max(b.width, 0), max(rows, 1)
	b.table.SetContent(strings.Join(lines, "\n"))
	b.table.SetYOffset(b.table.YOffset) // fewer rows, or a taller screen
}

func (b Board) updateKey(msg tea.KeyMsg) (Board, tea.Cmd) {
	b.message = ""
	switch {
	case key.Matches(msg, b.keys.Quit), key.Matches(msg, b.keys.Kill):
		if !b.opts.Controls {
			return b, tea.Quit
		}
		b.confirm = quitQuestion
	case key.Matches(msg, b.keys.Start):
		b.room.Start()
	case key.Matches(msg, b.keys.Pause):
		if !b.room.Status().Started {
			b.message = "The round has not started yet: s starts it."
		}
		b.room.TogglePause()
	case key.Matches(msg, b.keys.End):
		if !b.room.Status().Ended {
			b.confirm = endQuestion
		}
	case key.Matches(msg, b.keys.Schedule):
		b.levers = newLeverPicker(b.room.Levers())
	case key.Matches(msg, b.keys.Export):
		b.message = "Exporting…"
		b.snap = b.room.Snapshot()
		return b, b.export()
	case key.Matches(msg, b.keys.Glance):
		b.glance = !b.glance
	case key.Matches(msg, b.keys.Up), key.Matches(msg, b.keys.Down):
		b.table, _ = b.table.Update(msg)
	}
	b.snap = b.room.Snapshot()
	return b, nil
}

func (b Board) answer(msg tea.KeyMsg) (Board, tea.Cmd) {
	q := b.confirm
	switch {
	case key.Matches(msg, b.keys.Yes), q == quitQuestion && key.Matches(msg, b.keys.Kill):
		b.confirm = noQuestion
		switch q {
		case quitQuestion:
			return b, tea.Quit
		case scheduleQuestion:
			b.message = b.schedule()
			b.snap = b.room.Snapshot()
			return b, nil
		}
		b.room.End()
		b.snap = b.room.Snapshot()
	case key.Matches(msg, b.keys.No), key.Matches(msg, b.keys.Quit):
		b.confirm = noQuestion
	}
	return b, nil
}

// export writes the results for the debrief and says where.
// boardExportedMsg says what the export came to.
type boardExportedMsg struct{ message string }

// export returns the command that writes the room's results: it reads the
// results file and syncs two files to disk, so it runs off the board's
// Update.
func (b Board) export() tea.Cmd {
	room, dir := b.room, b.opts.ExportDir
	return func() tea.Msg {
		csvPath, mdPath, err := room.Export(dir)
		if err != nil {
			return boardExportedMsg{"Not exported: " + err.Error()}
		}
		return boardExportedMsg{"Exported to " + csvPath + " and " + mdPath}
	}
}

// Layout: the header (4 lines), a blank, the table's heading, the rows, a
// blank, the latest events, the message line and the help line.
const (
	headerLines = 4
	eventLines  = 4
)

// rows is how many players fit.
func (b Board) rows() int {
	return max(b.height-headerLines-1-1-1-b.events()-1-1, 1)
}

// events is how many event lines are shown: fewer on a short terminal.
func (b Board) events() int {
	return max(min(eventLines, b.height-headerLines-12), 0)
}

func (b Board) View() string {
	s := b.styles
	sn := &b.snap
	var out []string

	title := s.Title.Render("globosim room")
	if b.opts.Address != "" {
		title += "  " + s.Bold.Render(b.opts.Address)
	}
	out = append(out, title)
	// Every string here that came from outside (a scenario file, a flag,
	// an error about a file) is made safe for the terminal.
	line := fmt.Sprintf("%s, seed %d", textsafe.Terminal(sn.Scenario), sn.Seed)
	if sn.Code != "" {
		line += " · code " + s.Bold.Render(textsafe.Terminal(sn.Code))
	}
	line += fmt.Sprintf(" · %d of %d players connected", sn.Connected, sn.MaxPlayers)
	out = append(out, line, ansi.Truncate("Round: "+s.Bold.Render(b.round())+b.roundLine()+b.scheduleLine(), max(b.width, 0), "…"))
	keyLine := ""
	if b.opts.HostKey != "" {
		keyLine = s.Subtle.Render("host key " + b.opts.HostKey)
	}
	out = append(out, keyLine, "")

	rows := b.rows()
	switch {
	case b.levers.open:
		out = append(out, b.levers.view(s, b.room.NextWeek(), b.width, 1+rows)...)
	case b.glance:
		out = append(out, b.glanceView(b.width, rows+1)...)
	default:
		out = append(out, s.Bold.Render(fmt.Sprintf("%3s  %-16s  %-12s  %7s  %6s  %9s  %-6s  %6s", "#", "player", "state", "week", "share", "lead time", "DORA", "score")))
		if len(sn.Standings) == 0 {
			out = append(out, s.Subtle.Render("  No one has joined yet. Participants type: "+orDash(b.opts.Address)))
		} else {
			out = append(out, strings.Split(b.table.View(), "\n")...)
		}
	}
	for len(out) < headerLines+1+1+rows {
		out = append(out, "")
	}
	above := b.table.YOffset
	below := max(b.table.TotalLineCount()-above-b.table.Height, 0)
	if (above > 0 || below > 0) && !b.glance && !b.levers.open {
		out[len(out)-1] = s.Subtle.Render(fmt.Sprintf("  %d above, %d below: ↑/↓ scroll", above, below))
	}
	out = append(out, "")

	if n := b.events(); n > 0 {
		evs := sn.Events[max(len(sn.Events)-n, 0):]
		for _, ev := range evs {
			out = append(out, s.Subtle.Render(ev.Time.Format("15:04:05"))+" "+textsafe.Terminal(ev.Text))
		}
		for range n - len(evs) {
			out = append(out, "")
		}
	}

	switch b.confirm {
	case endQuestion:
		out = append(out, s.Warn.Render("End the round? Every game ends where it is and goes into the results.")+"  y/n")
	case quitQuestion:
		out = append(out, s.Warn.Render("Close the room? Players are disconnected; their games are saved.")+"  y/n")
	case scheduleQuestion:
		out = append(out, s.Warn.Render(b.scheduleAsk())+"  y/n")
	default:
		out = append(out, s.Accent.Render(textsafe.Terminal(b.message)))
	}
	var keys help.KeyMap = b.keys
	switch {
	case b.confirm != noQuestion:
		keys = confirmKeys{Yes: b.keys.Yes, No: b.keys.No}
	case b.levers.open:
		keys = b.levers.keys
	}
	out = append(out, b.help.ShortHelpView(keys.ShortHelp()))
	if len(out) > b.height {
		// Keep the message and help lines at the bottom.
		out = append(out[:max(b.height-2, 0)], out[len(out)-min(b.height, 2):]...)
	}
	return ui.Fit(strings.Join(out, "\n"), b.width, b.height)
}

func (b Board) round() string {
	st := b.snap.Status
	switch {
	case st.Ended:
		return "over"
	case !st.Started && b.opts.Controls:
		return "waiting for you (s starts it)"
	case !st.Started:
		return "waiting to start"
	case st.Paused:
		return "paused"
	}
	return "on"
}

func (b Board) row(rank int, st Standing) string {
	s := b.styles
	state := fmt.Sprintf("%-12s", st.State)
	switch st.State {
	case Playing:
		state = s.Good.Render(state)
	case AtGate:
		state = s.Warn.Render(state)
	case Done:
		state = s.Accent.Render(state)
	case Disconnected:
		state = s.Subtle.Render(state)
	}
	lead := "–"
	if st.LeadTime > 0 && st.HoursPerWeek > 0 {
		lead = report.Duration(st.LeadTime, st.HoursPerWeek)
	}
	band := fmt.Sprintf("%-6s", "–")
	if st.Band >= sim.Low && st.Band <= sim.Elite {
		band = s.Band[st.Band].Render(fmt.Sprintf("%-6s", st.Band))
	}
	name := ansi.Truncate(textsafe.Terminal(st.Player), 16, "…")
	if st.Team { // a team's game: its members share the line
		name = ansi.Truncate(textsafe.Terminal(st.Player), 16-len(" (team)"), "…") + " (team)"
	}
	name += strings.Repeat(" ", max(16-lipgloss.Width(name), 0))
	return fmt.Sprintf("%3d  %s  %s  %7s  %5.1f%%  %9s  %s  %6d",
		rank, name, state, fmt.Sprintf("%d/%d", st.WeekInPlay(), st.Weeks), 100*st.Share, lead, band, st.Score)
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
