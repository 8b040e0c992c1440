package ui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/globomantics/globosim/internal/atomicfile"
	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/sim"
)

// The end of the game: the outcome and the score, the DORA band, the whole
// game's charts, how the score is made, the decisions that mattered most, the bottleneck, and a key
// to export the report.

type endModel struct {
	styles *Styles
	keys   endKeys
	s      *session
	opts   Options
	result sim.Result // the game's result at once, its debrief once scored
	snap   snapshot

	// scoring: the debrief (the replays of the decisions and the luck) is
	// being computed in a command; the screen shows how far it has got.
	scoring     bool
	progress    replays
	spin        spinner.Model
	cancel      context.CancelFunc // abandons the debrief; nil in a room, which must store it
	exportAsked bool               // e was pressed while scoring: export once scored

	exported string // what the export said
	failed   bool
	charts   string // drawn when the size or the text below them changes, not every frame

	width, height int
	vp            viewport.Model // the whole screen, scrolled when it is taller than the terminal
}

// The debrief's messages name the game they are about, so that one from a
// game left behind (n for a new game while scoring) is ignored.
type (
	// debriefMsg brings the debrief of the game that ended.
	debriefMsg struct {
		s      *session
		result sim.Result
	}
	// debriefProgressMsg says how many of the debrief's replays are done;
	// the next report comes on reports.
	debriefProgressMsg struct {
		s *session
		replays
		reports <-chan replays
	}
)

// replays is how many of the debrief's replays are done, of how many.
type replays struct{ done, total int }

// newEnd shows the game's result at once; Init starts its debrief.
func newEnd(styles *Styles, global *globalKeys, s *session, opts Options) endModel {
	g := s.game
	m := endModel{styles: styles, keys: defaultEndKeys(global), s: s, opts: opts, result: report.Stamp(g.Result(), g.Scenario()), scoring: true,
		spin: spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(styles.Accent))}
	if opts.Room != nil {
		m.keys.Again.SetEnabled(false) // one game per player in a room
		// Each of the spinner's turns draws the screen again, and a room
		// scores its games' debriefs one at a time: hundreds may wait
		// together, so there it turns slowly.
		m.spin.Spinner.FPS = roomSpinnerEvery
	}
	m.snap = snapshot{name: g.Scenario().Name, company: g.Scenario().CompanyName(), weeks: g.Week(), hoursPerWeek: g.Scenario().HoursPerWeek,
		weekly: m.result.Weekly, competitors: g.Competitors(), stages: g.Stages(), marks: decisionMarks(g.Log(), g.News())}
	return m
}

// roomSpinnerEvery is how often the spinner turns on a room's end screen
// while the debrief is scored (alone, spinner.MiniDot's twelve a second).
const roomSpinnerEvery = time.Second / 2

// Init computes the debrief in a command, and in a room hands it to the
// room there too (it syncs to disk). Alone, quitting abandons it; a room's
// game is finished even if the player has gone. In a team it is computed
// once, by the first member's end screen, and every member's shows it.
func (m *endModel) Init() tea.Cmd {
	var shared *teamDebrief
	if m.opts.Team != nil {
		if tg := m.opts.Team.Game(); tg != nil {
			shared = &tg.debrief
		}
	}
	ctx, cancel := context.Background(), context.CancelFunc(nil)
	if m.opts.Room == nil && shared == nil { // the others of a team wait for it
		ctx, cancel = context.WithCancel(ctx)
	}
	m.cancel = cancel
	s, room := m.s, m.opts.Room
	reports := make(chan replays, len(s.game.Log())+sim.LuckRuns+1) // one per replay: never full
	progress, finish := func(p replays) { send(reports, p) }, func(sim.Result, bool) { close(reports) }
	if shared != nil {
		first, done := shared.join(reports)
		if !first { // another member's end screen scores it
			shown := func() tea.Msg {
				<-done
				if r, ok := shared.outcome(); ok {
					return debriefMsg{s: s, result: r}
				}
				return nil
			}
			return tea.Batch(shown, waitProgress(s, reports), m.spin.Tick)
		}
		progress, finish = shared.report, shared.finish
	}
	copied := teamCopy(m.opts.Team, s)
	scored := func() tea.Msg {
		g, err := copied()
		if err != nil {
			finish(sim.Result{}, false)
			return nil // not expected of a save just made; the room finishes the game from its save
		}
		release := scoringTurn(room)
		r, err := g.DebriefContext(ctx, func(done, total int) { progress(replays{done, total}) })
		release()
		if err != nil {
			finish(sim.Result{}, false)
			return nil // abandoned
		}
		r = report.Stamp(r, s.game.Scenario())
		if room != nil {
			// The room removes the save once it has stored the result: the
			// last week's save, if still in flight, lands first (a failure
			// was reported by the save's own command).
			_ = s.saves.flush()
			room.Finish(r)
		}
		finish(r, true)
		return debriefMsg{s: s, result: r}
	}
	// In this order for callers that run a batch's commands one by one.
	return tea.Batch(scored, waitProgress(s, reports), m.spin.Tick)
}

// waitProgress reports the latest of the debrief's progress (the reports
// that came together are one message), or nothing once it is over.
func waitProgress(s *session, reports <-chan replays) tea.Cmd {
	return func() tea.Msg {
		p, ok := <-reports
		if !ok {
			return nil
		}
		for {
			select {
			case q, ok := <-reports:
				if !ok {
					return debriefProgressMsg{s, p, reports}
				}
				p = q
			default:
				return debriefProgressMsg{s, p, reports}
			}
		}
	}
}

// stop abandons the debrief, if it is still being computed alone.
func (m *endModel) stop() {
	if m.cancel != nil {
		m.cancel()
	}
}

func (m *endModel) SetSize(w, h int) {
	m.width, m.height = w, h
	m.layout()
}

func (m endModel) Update(msg tea.Msg) (endModel, tea.Cmd) {
	switch msg := msg.(type) {
	case debriefProgressMsg:
		if msg.s != m.s || !m.scoring {
			return m, nil
		}
		m.progress = msg.replays
		m.refill()
		return m, waitProgress(m.s, msg.reports)
	case spinner.TickMsg:
		if !m.scoring {
			return m, nil // the spinner stops with the scoring
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		m.refill()
		return m, cmd
	case debriefMsg:
		if msg.s != m.s || !m.scoring {
			return m, nil
		}
		m.result, m.scoring = msg.result, false
		m.stop() // releases the context
		var cmd tea.Cmd
		if m.exportAsked {
			cmd = m.export()
		}
		m.layout()
		return m, cmd
	case exportedMsg:
		if msg.s != m.s {
			return m, nil
		}
		m.exported, m.failed = msg.text, msg.failed
		m.layout()        // the export's message may take more lines than the hint
		m.vp.GotoBottom() // where it is
		return m, nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.Export) && m.scoring:
			// The export is the debrief: it is written once scored.
			m.exportAsked = true
			m.exported, m.failed = "The report will be written as soon as the scoring is done.", false
			m.layout()
			m.vp.GotoBottom() // where it is
			return m, nil
		case key.Matches(msg, m.keys.Export):
			cmd := m.export()
			m.layout()
			m.vp.GotoBottom()
			return m, cmd
		case key.Matches(msg, m.keys.Again):
			m.stop()
			return m, func() tea.Msg { return newGameMsg{} }
		case key.Matches(msg, m.keys.Top):
			m.vp.GotoTop()
			return m, nil
		case key.Matches(msg, m.keys.Bottom):
			m.vp.GotoBottom()
			return m, nil
		}
	}
	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(msg)
	return m, cmd
}

// exportedMsg says what writing the report came to.
type exportedMsg struct {
	s      *session
	text   string
	failed bool
}

// export returns the command that writes the Markdown report and the
// game's JSON side by side: off the UI goroutine, since each file is
// synced to disk.
func (m *endModel) export() tea.Cmd {
	m.exported, m.failed = "Writing the report…", false
	dir := m.opts.ExportDir
	if dir == "" {
		dir = "."
	}
	stem := strings.TrimSuffix(filepath.Base(m.s.filename), filepath.Ext(m.s.filename))
	base := filepath.Join(dir, fmt.Sprintf("globosim-%s-seed%d", stem, m.result.Seed))
	// Alone, the player's files are made as any they make (0666 less the
	// umask); in a room they go into the room's folder, which is private.
	perm := os.FileMode(0o666)
	if m.opts.Room != nil {
		perm = 0o600
	}
	s, result := m.s, m.result
	return func() tea.Msg {
		failed := func(err error) tea.Msg {
			return exportedMsg{s: s, text: "Could not write the report: " + err.Error(), failed: true}
		}
		var md, js bytes.Buffer
		if err := report.WriteMarkdown(&md, result); err != nil {
			return failed(err)
		}
		if err := report.Write(&js, "json", []sim.Result{result}); err != nil {
			return failed(err)
		}
		for _, f := range []struct {
			path string
			data []byte
		}{{base + ".md", md.Bytes()}, {base + ".json", js.Bytes()}} {
			if err := atomicfile.Write(f.path, f.data, perm); err != nil {
				return failed(err)
			}
		}
		abs, err := filepath.Abs(base + ".md")
		if err != nil {
			abs = base + ".md"
		}
		return exportedMsg{s: s, text: "Report written to " + abs + " (and .json beside it)."}
	}
}

// layout draws the charts, between the outcome above and the decisions,
// the luck, the bottleneck and the export below, as tall as the room left
// allows (none when there is too little).
func (m *endModel) layout() {
	// topView ends with its blank line; the charts are followed by one.
	used := strings.Count(m.topView(), "\n") + strings.Count(m.scoreView()+m.bottomView(), "\n") + 1 + 1
	// When the rest leaves too little room the screen scrolls anyway: the
	// charts are then as small as stays readable, not left out.
	m.charts = m.chartsView(max(min(m.height-20, m.height-used), endChartRows)) + "\n\n"
	y := m.vp.YOffset
	// The export's message is at the bottom: a resize keeps it in view. A
	// player who scrolled to the bottom while scoring stays there as the
	// debrief fills it in.
	bottom := m.vp.TotalLineCount() > 0 && m.vp.AtBottom() && (m.exported != "" || m.vp.YOffset > 0)
	m.vp = viewport.New(m.width, m.height)
	m.refill()
	if m.vp.TotalLineCount() > m.height { // taller than the screen: a line says what is out of sight
		m.vp.Height = max(m.height-1, 1)
	}
	m.vp.SetYOffset(y)
	if bottom {
		m.vp.GotoBottom()
	}
	scrolls := m.vp.TotalLineCount() > m.vp.Height
	for _, b := range []*key.Binding{&m.keys.Up, &m.keys.Down, &m.keys.PageUp, &m.keys.PageDown, &m.keys.Top, &m.keys.Bottom} {
		b.SetEnabled(scrolls)
	}
	m.vp.KeyMap = viewport.KeyMap{Up: m.keys.Up, Down: m.keys.Down, PageUp: m.keys.PageUp, PageDown: m.keys.PageDown}
}

// endChartRows is the least height of the end screen's charts: a few rows
// of plot between the title and the axis (fewer draw flat lines).
const endChartRows = 10

// refill puts the screen's text into the viewport again, with the charts
// as drawn: while scoring, its line changes many times a second.
func (m *endModel) refill() {
	m.vp.SetContent(m.content())
}

// content is the whole end screen, every line within the width: the
// viewport would cut a wider one.
func (m endModel) content() string {
	return m.styles.Margin.Render(m.topView() + m.charts + m.scoreView() + m.bottomView())
}

func (m endModel) View() string {
	if m.vp.Height >= m.height {
		return m.vp.View()
	}
	return m.vp.View() + "\n" + m.scrollHint()
}

// scrollHint says how much of the screen is out of sight, and which keys
// bring it, when it is taller than the terminal.
func (m endModel) scrollHint() string {
	return m.styles.Subtle.Render(truncateLine(scrollWords(m.vp), m.width))
}

// joinWrapped is head and the items after it, separated by commas, on as
// many lines of w cells as they need, each item whole on its line.
func joinWrapped(head string, items []string, w int) string {
	line, lines := head, []string(nil)
	for i, it := range items {
		if i > 0 {
			line += ","
		}
		if i > 0 && cellWidth(line+" "+it+",") > w {
			lines, line = append(lines, line), "  "+it
			continue
		}
		if i > 0 {
			line += " "
		}
		line += it
	}
	return strings.Join(append(lines, line), "\n")
}

func (m endModel) topView() string {
	s := m.styles
	r := &m.result
	sum := &r.Summary
	var b strings.Builder
	verdict, style, reason := "GAME OVER", s.Bad, sum.Outcome
	switch {
	case !sum.IsGame(): // a queueing model: nothing to win or lose
		out, _ := m.s.game.Over()
		verdict, style, reason = "END OF THE RUN", s.Accent, out.Reason
	case sum.Won:
		verdict, style = "YOU WON", s.Good
	}
	b.WriteString(s.Box.Render(style.Render(verdict)) + "\n")
	b.WriteString(reflow(reason, m.width-4) + "\n\n")

	if sum.IsGame() {
		shares := []string{m.snap.company + " " + prose.Share(sum.MarketShare)}
		for _, c := range r.Competitors {
			shares = append(shares, c.Name+" "+fmt.Sprintf("%.1f%%", 100*c.MarketShare))
		}
		fmt.Fprintf(&b, "%s %s   %s %s   %s %s\n", s.Bold.Render("Score"), s.Title.Render(fmt.Sprint(sum.Score)),
			s.Bold.Render("DORA"), s.band(sum.DORA.OverallBand), s.Bold.Render("Bank"), prose.Money(sum.Budget))
		b.WriteString(s.Subtle.Render(joinWrapped("Market share: ", shares, m.width-2)) + "\n\n")
	} else {
		hpw := r.HoursPerWeek
		fmt.Fprintf(&b, "%s %s   %s %.1f a week", s.Bold.Render("Lead time (arrival to done)"), report.Duration(sum.LeadTime.P50, hpw)+" median",
			s.Bold.Render("Throughput"), sum.ThroughputPerWeek)
		if sum.HasDORA() {
			fmt.Fprintf(&b, "   %s %s", s.Bold.Render("DORA"), s.band(sum.DORA.OverallBand))
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// scoreView is how the score is made, under the charts: at 80×24 the
// outcome and the charts fill the first page, and this starts the next.
func (m endModel) scoreView() string {
	sum := &m.result.Summary
	if !sum.IsGame() {
		return ""
	}
	var b strings.Builder
	b.WriteString(m.styles.Bold.Render("How the score is made") + "\n")
	for _, t := range report.ScoreTerms(*sum) {
		fmt.Fprintf(&b, "  %5d  %s\n", t.Points, hangWrap(t.For, m.width-11, 9))
	}
	return b.String() + "\n"
}

func (m endModel) chartsView(h int) string {
	s := m.styles
	inner := m.width - 2 // inside the screen's margin, or the axis' last label is cut
	switch {
	case !m.result.Summary.IsGame(): // no market to chart
		return plotChart(s, chartOf(leadTimeChart, &m.snap), inner, h, float64(m.snap.weeks))
	case m.width >= 100:
		w := (inner - 4) / 2
		lead := plotChart(s, chartOf(leadTimeChart, &m.snap), w, h, float64(m.snap.weeks))
		market := plotChart(s, chartOf(marketChart, &m.snap), w, h, float64(m.snap.weeks))
		return lipgloss.JoinHorizontal(lipgloss.Top, s.Plain.Width(w).Render(lead), "    ", market)
	}
	return plotChart(s, chartOf(marketChart, &m.snap), inner, h, float64(m.snap.weeks))
}

func (m endModel) bottomView() string {
	s := m.styles
	r := &m.result
	sum := &r.Summary
	var b strings.Builder
	if sum.IsGame() { // a queueing model has no score for a decision to be worth
		b.WriteString(s.Bold.Render("The decisions that mattered most") + "\n")
		if !m.scoring && len(r.Impacts) > 0 {
			b.WriteString(s.Subtle.Render(wrapLines(fmt.Sprintf("  What each was worth: your score, %d, less the score of the same game replayed without it.", sum.Score), m.width-2)) + "\n")
		}
	}
	if m.scoring {
		b.WriteString("  " + m.scoringView() + "\n")
		return b.String() + m.exportView()
	}
	if len(r.Impacts) == 0 && sum.IsGame() {
		b.WriteString("  You took no decisions.\n")
	}
	shown := report.MatteredMost(r.Impacts)
	if len(shown) == 0 && len(r.Impacts) > 0 {
		b.WriteString(s.Subtle.Render(wrapLines("  "+report.NoneMattered, m.width-2)) + "\n")
	}
	for _, im := range shown {
		text := report.DecisionDone(im.Decision) + report.WithoutIt(im, *sum) // and the game without it, when it scores otherwise
		fmt.Fprintf(&b, "  %+5d  week %-2d %s\n", im.Score, im.Decision.Week, hangWrap(text, m.width-20, 17))
	}
	b.WriteString(m.answersView())
	if l := r.Luck; l != nil && l.Runs > 0 {
		b.WriteString("\n" + wrapLines(fmt.Sprintf("%s The same decisions in %d other worlds won %.0f%% of the time, scoring %d–%d (middle %d). Yours beat %.0f%% of them: %s",
			s.Bold.Render("Skill or luck?"), l.Runs, 100*l.WinRate, l.ScoreP5, l.ScoreP95, l.ScoreP50, 100*l.Percentile, report.LuckVerdict(*l, sum.Score, sum.Won)), m.width-2) + "\n")
	}
	if bn := r.Bottleneck; bn != nil && bn.Stage >= 0 {
		b.WriteString("\n" + wrapLines(fmt.Sprintf("%s %s: %.0f%% of the waiting in the last quarter; %s.", s.Bold.Render("Bottleneck"), bn.Name, 100*bn.Share, bn.Why), m.width-2) + "\n")
	}
	return b.String() + m.exportView()
}

// scoringView is the line that stands for the debrief while it is being
// computed: what is happening, and how far it has got.
func (m endModel) scoringView() string {
	line := m.spin.View() + " scoring…"
	if p := m.progress; p.total > 0 {
		line += fmt.Sprintf(" %d of %d replays (the game without each decision, and in other worlds)", p.done, p.total)
	}
	return truncateLine(line, m.width-2)
}

// exportView is what the export said, or how to export.
func (m endModel) exportView() string {
	s := m.styles
	var b strings.Builder
	if m.exported != "" {
		style := s.Accent
		if m.failed {
			style = s.Error
		}
		// Hard-wrapped: a long path has no spaces to break at.
		b.WriteString("\n" + style.Render(ansi.Wrap(m.exported, m.width-2, "")))
	} else {
		hint := "Press e to export this game as a Markdown report and JSON, n for a new game."
		if m.opts.Room != nil {
			hint = "Press e to export this game as a Markdown report and JSON. The facilitator will compare the room's games."
		}
		b.WriteString("\n" + s.Subtle.Render(wrapLines(hint, m.width-2)))
	}
	return b.String()
}
