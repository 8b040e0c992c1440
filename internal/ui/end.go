package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
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
// game's charts, the decisions that mattered most, the bottleneck, and a key
// to export the report.

type endModel struct {
	styles *Styles
	keys   endKeys
	s      *session
	opts   Options
	result sim.Result
	snap   snapshot

	exported string // what the export said
	failed   bool
	charts   string // drawn when the size or the text below them changes, not every frame

	width, height int
	vp            viewport.Model // the whole screen, scrolled when it is taller than the terminal
}

func newEnd(styles *Styles, global *globalKeys, s *session, opts Options) endModel {
	g := s.game
	m := endModel{styles: styles, keys: defaultEndKeys(global), s: s, opts: opts, result: report.Stamp(g.Debrief(), g.Scenario())}
	if opts.Room != nil {
		opts.Room.Finish(m.result)
		m.keys.Again.SetEnabled(false) // one game per player in a room
	}
	m.snap = snapshot{name: g.Scenario().Name, weeks: g.Week(), hoursPerWeek: g.Scenario().HoursPerWeek,
		weekly: m.result.Weekly, competitors: g.Competitors(), stages: g.Stages()}
	return m
}

func (m *endModel) SetSize(w, h int) {
	m.width, m.height = w, h
	m.layout()
}

func (m endModel) Update(msg tea.Msg) (endModel, tea.Cmd) {
	if msg, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(msg, m.keys.Export):
			m.export()
			m.layout()        // the export's message may take more lines than the hint
			m.vp.GotoBottom() // where it is
			return m, nil
		case key.Matches(msg, m.keys.Again):
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

// export writes the Markdown report and the game's JSON side by side.
func (m *endModel) export() {
	dir := m.opts.ExportDir
	if dir == "" {
		dir = "."
	}
	stem := strings.TrimSuffix(filepath.Base(m.s.filename), filepath.Ext(m.s.filename))
	base := filepath.Join(dir, fmt.Sprintf("globosim-%s-seed%d", stem, m.result.Seed))
	var md, js bytes.Buffer
	if err := report.WriteMarkdown(&md, m.result); err != nil {
		m.exported, m.failed = "Could not write the report: "+err.Error(), true
		return
	}
	if err := report.Write(&js, "json", []sim.Result{m.result}); err != nil {
		m.exported, m.failed = "Could not write the report: "+err.Error(), true
		return
	}
	// Alone, the player's files are made as any they make (0666 less the
	// umask); in a room they go into the room's folder, which is private.
	perm := os.FileMode(0o666)
	if m.opts.Room != nil {
		perm = 0o600
	}
	for path, data := range map[string][]byte{base + ".md": md.Bytes(), base + ".json": js.Bytes()} {
		if err := atomicfile.Write(path, data, perm); err != nil {
			m.exported, m.failed = "Could not write the report: "+err.Error(), true
			return
		}
	}
	abs, err := filepath.Abs(base + ".md")
	if err != nil {
		abs = base + ".md"
	}
	m.exported, m.failed = "Report written to "+abs+" (and .json beside it).", false
}

// layout draws the charts, between the outcome above and the decisions,
// the luck, the bottleneck and the export below, as tall as the room left
// allows (none when there is too little).
func (m *endModel) layout() {
	// topView ends with its blank line; the charts are followed by one.
	used := strings.Count(m.topView(), "\n") + strings.Count(m.bottomView(), "\n") + 1 + 1
	m.charts = ""
	if h := min(max(m.height-20, 7), m.height-used); h >= 5 {
		m.charts = m.chartsView(h) + "\n\n"
	}
	y := m.vp.YOffset
	m.vp = viewport.New(m.width, m.height)
	m.vp.SetContent(m.styles.Margin.Render(m.topView() + m.charts + m.bottomView()))
	m.vp.SetYOffset(y)
	scrolls := m.vp.TotalLineCount() > m.vp.Height
	for _, b := range []*key.Binding{&m.keys.Up, &m.keys.Down, &m.keys.PageUp, &m.keys.PageDown, &m.keys.Top, &m.keys.Bottom} {
		b.SetEnabled(scrolls)
	}
	m.vp.KeyMap = viewport.KeyMap{Up: m.keys.Up, Down: m.keys.Down, PageUp: m.keys.PageUp, PageDown: m.keys.PageDown}
}

func (m endModel) View() string { return m.vp.View() }

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
		shares := []string{fmt.Sprintf("%s %.1f%%", r.Scenario, 100*sum.MarketShare)}
		for _, c := range r.Competitors {
			shares = append(shares, fmt.Sprintf("%s %.1f%%", c.Name, 100*c.MarketShare))
		}
		fmt.Fprintf(&b, "%s %s   %s %s   %s $%s\n", s.Bold.Render("Score"), s.Title.Render(fmt.Sprint(sum.Score)),
			s.Bold.Render("DORA"), s.band(sum.DORA.OverallBand), s.Bold.Render("Bank"), prose.Dollars(sum.Budget))
		b.WriteString(s.Subtle.Render("Market share: "+strings.Join(shares, ", ")) + "\n\n")
	} else {
		hpw := r.HoursPerWeek
		fmt.Fprintf(&b, "%s %s   %s %.1f a week", s.Bold.Render("Lead time"), report.Duration(sum.LeadTime.P50, hpw)+" median",
			s.Bold.Render("Throughput"), sum.ThroughputPerWeek)
		if sum.HasDORA() {
			fmt.Fprintf(&b, "   %s %s", s.Bold.Render("DORA"), s.band(sum.DORA.OverallBand))
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

func (m endModel) chartsView(h int) string {
	s := m.styles
	switch {
	case !m.result.Summary.IsGame(): // no market to chart
		return plot(s, chartTitles[leadTimeChart], m.width, h, float64(m.snap.weeks), chartSeries(s, leadTimeChart, &m.snap))
	case m.width >= 100:
		w := (m.width - 4) / 2
		lead := plot(s, chartTitles[leadTimeChart], w, h, float64(m.snap.weeks), chartSeries(s, leadTimeChart, &m.snap))
		market := plot(s, chartTitles[marketChart], w, h, float64(m.snap.weeks), chartSeries(s, marketChart, &m.snap))
		return lipgloss.JoinHorizontal(lipgloss.Top, s.Plain.Width(w).Render(lead), "    ", market)
	}
	return plot(s, chartTitles[marketChart], m.width, h, float64(m.snap.weeks), chartSeries(s, marketChart, &m.snap))
}

func (m endModel) bottomView() string {
	s := m.styles
	r := &m.result
	sum := &r.Summary
	var b strings.Builder
	if sum.IsGame() { // a queueing model has no score for a decision to be worth
		b.WriteString(s.Bold.Render("The decisions that mattered most") + "\n")
	}
	if len(r.Impacts) == 0 && sum.IsGame() {
		b.WriteString("  You took no decisions.\n")
	}
	for i, im := range r.Impacts {
		if i == 3 {
			break
		}
		fmt.Fprintf(&b, "  %+5d  week %-2d %s\n", im.Score, im.Decision.Week, truncateLine(im.Decision.Text, m.width-20))
	}
	if l := r.Luck; l != nil && l.Runs > 0 {
		b.WriteString("\n" + wrapLines(fmt.Sprintf("%s The same decisions in %d other worlds won %.0f%% of the time, scoring %d–%d (middle %d). Yours beat %.0f%% of them: %s",
			s.Bold.Render("Skill or luck?"), l.Runs, 100*l.WinRate, l.ScoreP5, l.ScoreP95, l.ScoreP50, 100*l.Percentile, report.LuckVerdict(l.Percentile)), m.width-2) + "\n")
	}
	if bn := r.Bottleneck; bn != nil && bn.Stage >= 0 {
		b.WriteString("\n" + wrapLines(fmt.Sprintf("%s %s: %.0f%% of the waiting in the last quarter; %s.", s.Bold.Render("Bottleneck"), bn.Name, 100*bn.Share, bn.Why), m.width-2) + "\n")
	}
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
