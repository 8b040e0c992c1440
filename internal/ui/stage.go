package ui

import (
	"fmt"
	"strings"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/sim"
)

// The stage detail: a stage's queue, how long work waited there, how busy
// it has been week by week, and what would help it.

type stageModel struct {
	styles *Styles
	keys   stageKeys
	g      *sim.Game
	index  int
	vp     viewport.Model // the detail, scrolled when taller than the screen

	width, height int

	asks asker // esc or enter: close; x: explain the stage instead (overlayDoneMsg)
}

func newStage(styles *Styles, global *globalKeys, g *sim.Game) stageModel {
	m := stageModel{styles: styles, keys: defaultStageKeys(global), g: g, vp: viewport.New(0, 0), asks: asker{from: stageOverlay}}
	others := len(g.Scenario().Stages) > 1 // a one-stage model has no other stage to show
	m.keys.Prev.SetEnabled(others)
	m.keys.Next.SetEnabled(others)
	return m
}

func (m *stageModel) SetSize(w, h int) {
	m.width, m.height = w, h
	m.render()
}

func (m *stageModel) open(i int) {
	m.index = i
	m.render()
}

// render puts the stage's detail in the viewport, at its top, and enables
// the scrolling keys if it is taller than the screen.
func (m *stageModel) render() {
	m.vp.Width, m.vp.Height = max(m.width, 0), max(m.height, 1)
	if m.index >= len(m.g.Stages()) {
		return
	}
	showPage(&m.vp, m.detail(), &m.keys.MoreUp, &m.keys.MoreDown)
}

// Update handles a key. Closing the detail, or handing over to the
// explainer, is the dashboard's, asked by message.
func (m stageModel) Update(msg tea.Msg) (stageModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	n := len(m.g.Scenario().Stages)
	switch {
	case key.Matches(km, m.keys.Close):
		cmd := m.asks.ask(overlayDoneMsg{close: true})
		return m, cmd
	case key.Matches(km, m.keys.Explain):
		cmd := m.asks.ask(overlayDoneMsg{explain: m.g.Stages()[m.index].Name})
		return m, cmd
	case key.Matches(km, m.keys.Prev):
		m.index = (m.index + n - 1) % n
		m.render()
	case key.Matches(km, m.keys.Next):
		m.index = (m.index + 1) % n
		m.render()
	case key.Matches(km, m.keys.MoreUp, m.keys.MoreDown):
		var cmd tea.Cmd
		m.vp, cmd = m.vp.Update(km)
		return m, cmd
	}
	return m, nil
}

func (m stageModel) View() string { return m.vp.View() }

// detail is everything the stage detail says, however tall.
func (m stageModel) detail() string {
	s := m.styles
	sc := m.g.Scenario()
	st := m.g.Stages()[m.index]
	hpw := sc.HoursPerWeek
	var b strings.Builder

	team := "no limit on work in parallel"
	if st.Unlimited && sc.Stages[m.index].Capacity != sim.Unlimited {
		team = "automated: " + team
	}
	if !st.Unlimited {
		team = prose.Count(st.People, "person", "people")
		if l := learningWords(st); l != "" {
			team += " + " + l
		}
		team += fmt.Sprintf(", %d working the queue", st.Servers)
		if st.Away > 0 {
			team += fmt.Sprintf(" (%d away)", st.Away)
		}
	}
	head := s.Title.Render(stageNow(&sc.Stages[m.index], st, 0)) + "  " + s.Subtle.Render(fmt.Sprintf("stage %d of %d", m.index+1, len(sc.Stages)))
	if line := head + "   " + team; m.width <= 0 || cellWidth(line) <= m.width-2 {
		b.WriteString(line + "\n\n")
	} else { // the team on lines of its own, never cut
		b.WriteString(head + "\n" + wrapLines(team, m.width-2) + "\n\n")
	}

	// The queue now.
	parts := []string{fmt.Sprintf("%d in service", st.Busy), fmt.Sprintf("%d waiting", st.Queue-st.Outside)}
	if n := st.Busy - st.Servers; !st.Unlimited && n > 0 {
		parts[0] += fmt.Sprintf(" (%d by people called away, who finish it first)", n)
	}
	if n := st.Outside - st.Regression; n > 0 {
		parts = append(parts, prose.Count(n, "request from other teams", "requests from other teams"))
	}
	if st.Regression > 0 {
		parts = append(parts, prose.Count(st.Regression, "regression run for the release", "regression runs for the release"))
	}
	if st.Held > 0 {
		held := fmt.Sprintf("%d finished, held for the release train", st.Held)
		if st.Queue == st.Outside { // the wait so far is theirs alone
			held += fmt.Sprintf(" for %s so far on average", report.Duration(st.WaitingNowHours, hpw))
		}
		parts = append(parts, held)
	}
	if st.Blocked > 0 {
		parts = append(parts, fmt.Sprintf("%d finished upstream, waiting for room (WIP limit %d)", st.Blocked, st.WIPLimit))
	}
	if st.Backlog > 0 {
		parts = append(parts, fmt.Sprintf("%d new items in the backlog", st.Backlog))
	}
	b.WriteString(wrapLines(s.Bold.Render("Now: ")+strings.Join(parts, ", ")+".", m.width-2) + "\n")
	b.WriteString(wrapLines(s.Bold.Render("So far:")+" "+soFar(st, hpw), m.width-2) + "\n\n")

	// Wait-time distribution and utilisation over time, side by side when
	// there is room.
	waits := m.waitBars(st, 34)
	chartW := max(m.width-40, 30)
	util := series{name: "busy", colour: 0}
	for i, w := range st.Weekly {
		util.points = append(util.points, canvas.Float64Point{X: float64(i + 1), Y: 100 * w.Utilization})
	}
	var utilChart string
	if st.Unlimited && st.Utilization == 0 {
		utilChart = s.Subtle.Render("No team here to keep busy.")
	} else {
		utilChart = plot(s, "Busy, week by week (%)", chartW, 9, float64(m.g.Weeks()), []series{util})
	}
	if m.width >= 90 {
		b.WriteString(joinColumns(waits, utilChart, 38) + "\n")
	} else {
		b.WriteString(waits + "\n")
	}

	b.WriteString("\n" + s.Bold.Render("What would help") + "\n")
	b.WriteString(wrapLines(m.help(st), m.width-2))
	return b.String()
}

// soFar is the stage detail's "So far:" line: how busy the team has been
// and how long work waited for a free person, and for a batch to leave.
func soFar(st sim.StageView, hpw int) string {
	dur := func(h float64) string { return report.Duration(h, hpw) }
	var line string
	switch {
	case !st.Unlimited:
		line = fmt.Sprintf("%.0f%% busy in the last %d weeks, %.0f%% over the game; work waited %s on average for a free person in the last %d weeks%s, %s over the game",
			100*st.RecentUtilization(), sim.RecentWeeks, 100*st.Utilization, dur(st.RecentWait()), sim.RecentWeeks, theMapsWait(st), dur(st.WaitHours))
	case dur(st.WaitHours) != dur(0):
		line = fmt.Sprintf("work waited %s on average for a free person, before the stage was automated", dur(st.WaitHours))
	default:
		line = "no work has waited here for a free person"
	}
	switch {
	case st.HeldHours > 0:
		line += fmt.Sprintf("; finished work was held %s on average for the batch to leave", dur(st.HeldHours))
	case st.BatchEvery > 0:
		line += "; no work held here has left yet"
	}
	return line + "."
}

// theMapsWait is " (the map's wait)" when the map's wait column shows the
// stage's recent wait (not, at a batch holding work, that work's wait so
// far), so the figure reads as the one on the map.
func theMapsWait(st sim.StageView) string {
	if mapWaitHours(st) == st.RecentWait() {
		return " (the map's wait)"
	}
	return ""
}

// waitBars draws how long work waited at the stage, as horizontal bars.
func (m stageModel) waitBars(st sim.StageView, w int) string {
	s := m.styles
	var b strings.Builder
	b.WriteString(s.PanelTitle.Render("How long work waited for a person") + "\n")
	most := 0
	for _, c := range st.Waits.Counts {
		most = max(most, c)
	}
	barW := w - 14
	for i, c := range st.Waits.Counts {
		n := 0
		if most > 0 {
			n = (c*barW + most - 1) / most
		}
		fmt.Fprintf(&b, "%6s %s %d\n", sim.WaitBucketLabels[i], s.Queue.Render(strings.Repeat("█", n)), c)
	}
	return strings.TrimRight(b.String(), "\n")
}

// help says what would help this stage: the investments that change it,
// and the practices that apply.
func (m stageModel) help(st sim.StageView) string {
	sc := m.g.Scenario()
	stage := sc.StageIndex(st.ID)
	regression := stage == sc.Quality.Regression
	var lines []string
	for k, inv := range m.g.Investments() {
		var what, costs, elsewhere []string
		for _, e := range inv.Effects {
			switch {
			case e.Stage == stage && onlyCost(e):
				costs = append(costs, costWords(e))
			case e.Stage == stage:
				what = append(what, describeEffects(sc, []sim.Effect{e}))
			case regression && e.Stage < 0 && e.Coverage > 0:
				what = append(what, fmt.Sprintf("%.0f%% of the regression automated, so less of it is manual here", 100*e.Coverage))
			case e.Stage < 0:
				elsewhere = append(elsewhere, describeEffects(sc, []sim.Effect{e}))
			}
		}
		if len(what) == 0 && len(costs) > 0 {
			// It only costs this team people: say what it buys with them.
			what = elsewhere
		}
		if len(what) == 0 {
			continue
		}
		if len(costs) > 0 {
			what[len(what)-1] += ". It costs this team " + strings.Join(costs, " and ")
		}
		state := "in the shop"
		switch inv.State {
		case sim.Built:
			state = "done"
		case sim.Building:
			state = readyShort(inv)
		case sim.Locked:
			state = inv.Lock.Short()
			if inv.Lock.Kind == sim.NeedsPrerequisite {
				state = chainShort(m.g, k)
			}
		}
		lines = append(lines, fmt.Sprintf("• %s (%s): %s.", inv.Name, state, strings.Join(what, "; ")))
	}
	u := st.RecentUtilization()
	switch {
	case st.Unlimited:
	case u >= 0.85:
		lines = append(lines, fmt.Sprintf("• The team is %.0f%% busy: above about 80%%, waiting grows very fast. Take load off it, or add people (shop, Practices).", 100*u))
	case u < 0.5:
		lines = append(lines, "• The team has slack: it is not what slows the work down.")
	}
	if regression {
		lines = append(lines, "• Its manual regression grows with every change shipped, and each release adds a full run.")
	}
	if st.Held > 0 || st.BatchEvery > 0 {
		train := "• Finished work waits here for the release train: a shorter train (shop, Practices) ships it sooner."
		if names := investmentsWith(sc, func(e sim.Effect) bool { return e.Stage == stage && e.SetsBatch && e.Batch == 0 }); len(names) > 0 {
			train = "• Finished work waits here for the release train: a shorter train (shop, Practices) or " + strings.Join(names, "; ") + " ships it sooner."
		}
		lines = append(lines, train)
	}
	if len(lines) == 0 {
		lines = append(lines, "• Nothing to do here for now.")
	}
	return strings.Join(lines, "\n")
}

// onlyCost reports whether an effect on a stage only costs that team:
// people off its work, or work that takes longer (code review), not a help.
func onlyCost(e sim.Effect) bool {
	bare := e
	bare.Away, bare.Service = 0, 0
	if bare != (sim.Effect{Stage: e.Stage}) || e.Away < 0 || (e.Service > 0 && e.Service < 1) {
		return false // it changes more, or gives people back, or speeds the work up
	}
	return e.Away > 0 || e.Service > 1
}

// costWords says what such an effect costs the team.
func costWords(e sim.Effect) string {
	var words []string
	if e.Away > 0 {
		words = append(words, prose.Count(e.Away, "person", "people")+" off the work, still paid")
	}
	if e.Service > 1 {
		words = append(words, fmt.Sprintf("work that takes %s as long", ratioWords(e.Service)))
	}
	return strings.Join(words, " and ")
}

// joinColumns puts two blocks side by side, the first padded to w cells.
func joinColumns(left, right string, w int) string {
	l := strings.Split(left, "\n")
	r := strings.Split(right, "\n")
	n := max(len(l), len(r))
	var b strings.Builder
	for i := range n {
		var a, c string
		if i < len(l) {
			a = l[i]
		}
		if i < len(r) {
			c = r[i]
		}
		b.WriteString(padRight(a, w) + c)
		if i < n-1 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// stageNow is a stage's name as it stands now: a staffed stage that has
// been automated says so ("Manual build" reads "Build (automated)"), and a
// batch stage whose batch is gone (the release train after continuous
// delivery), that it is off. In w cells when w > 0: where the words do not
// fit with the name whole, the name alone (the busy column says "auto").
func stageNow(spec *sim.Stage, st sim.StageView, w int) string {
	name, now := st.Name, ""
	switch {
	case spec.Capacity != sim.Unlimited && st.Unlimited:
		now = "automated"
		if rest, ok := strings.CutPrefix(name, "Manual "); ok && rest != "" {
			name = strings.ToUpper(rest[:1]) + rest[1:]
		}
	case spec.BatchEvery > 0 && st.BatchEvery == 0:
		now = "off"
	default:
		return name
	}
	for _, words := range []string{now, "auto"} {
		if out := name + " (" + words + ")"; w <= 0 || cellWidth(out) <= w {
			return out
		}
	}
	return st.Name
}
