package ui

import (
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/sim"
)

// The shop, over the dashboard: investments to buy, practices to change
// (release train, slicing, people, WIP limits), and each team's share of
// time for improvement work (teams.go). Every change asks for
// confirmation; what cannot be done says why.

type shopModel struct {
	styles *Styles
	keys   shopKeys
	g      *sim.Game

	tab       int // investmentsTab, practicesTab or teamsTab
	cursor    int
	practices []practice
	teams     []practice // each staffed team's improvement share
	confirm   *sim.Decision
	team      Team // takes the decisions in a team; nil: the shop applies them
	question  string
	warning   string     // before the question: what the purchase leaves of the runway
	refused   bool       // enter was pressed on an investment that cannot be bought
	list      cursorView // the rows, scrolled to keep the cursor in sight

	width, height int

	// asks: esc or i closes, x explains a row instead, y tells what a
	// decision did (overlayDoneMsg).
	asks asker
}

// practice is one adjustable way of working.
type practice struct {
	label string
	kind  sim.DecisionKind
	stage string
	value int // what the player is choosing
	now   int // what it is now
	lo    int
	hi    int
	why   string // when it cannot be changed
	show  func(v int) string
}

// The shop's tabs, in the order tab visits them.
const (
	investmentsTab = iota
	practicesTab
	teamsTab
	shopTabs
)

var shopTabNames = [shopTabs]string{"Investments", "Practices", "Teams"}

func newShop(styles *Styles, global *globalKeys, g *sim.Game) shopModel {
	m := shopModel{styles: styles, keys: defaultShopKeys(global), g: g, list: newCursorView(), asks: asker{from: shopOverlay}}
	m.layout()
	return m
}

func (m *shopModel) SetSize(w, h int) {
	m.width, m.height = w, h
	m.layout()
}

func (m *shopModel) open() {
	m.confirm = nil
	if m.tab != investmentsTab { // i opens on Investments, so "i, tab" is always Practices, as the lessons say
		m.tab, m.cursor = investmentsTab, 0
	}
	m.practices = practicesOf(m.g)
	m.teams = teamsOf(m.g)
	m.cursor = max(min(m.cursor, m.rows()-1), 0)
	m.layout()
}

// layout enables the keys that do something on the row in front, and
// gives the list the room the detail below it leaves, scrolled to the
// cursor, so the selected row and the question are always on screen.
func (m *shopModel) layout() {
	canChange, changed := false, false
	if choices := m.choices(); m.cursor < len(choices) {
		p := choices[m.cursor]
		canChange, changed = p.why == "", p.why == "" && p.value != p.now
	}
	m.keys.Left.SetEnabled(canChange)
	m.keys.Right.SetEnabled(canChange)
	m.keys.Buy.SetEnabled(m.tab == investmentsTab || changed) // a choice applies once a new value is chosen
	m.keys.Explain.SetEnabled(m.tab != practicesTab)
	rows, detail := m.body()
	// The tabs line, the column headings, the line under the list.
	h := m.height - 3 - strings.Count(detail, "\n") - 1
	m.list.show(rows, m.cursor, m.width, min(max(h, 1), max(len(rows), 1)))
}

func (m shopModel) rows() int {
	if m.tab == investmentsTab {
		return len(m.g.Scenario().Investments)
	}
	return len(m.choices())
}

// choices is the tab's adjustable rows: practices or teams (none for
// investments).
func (m shopModel) choices() []practice {
	switch m.tab {
	case practicesTab:
		return m.practices
	case teamsTab:
		return m.teams
	}
	return nil
}

func (m shopModel) keyMap() help.KeyMap {
	if m.confirm != nil {
		return confirmKeys{Yes: m.keys.Yes, No: m.keys.No}
	}
	return m.keys
}

// Update handles a key. Closing the shop, handing over to the explainer
// and saying what a decision did are the dashboard's, asked by message.
func (m shopModel) Update(msg tea.Msg) (shopModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	m, cmd := m.updateKey(km)
	m.layout()
	return m, cmd
}

func (m shopModel) updateKey(msg tea.KeyMsg) (shopModel, tea.Cmd) {
	m.refused = false
	if m.confirm != nil {
		switch {
		case key.Matches(msg, m.keys.Yes):
			d := *m.confirm
			m.confirm = nil
			done := decide(m.team, m.g, d)
			m.practices, m.teams = practicesOf(m.g), teamsOf(m.g)
			cmd := m.asks.ask(overlayDoneMsg{decided: &done})
			return m, cmd
		case key.Matches(msg, m.keys.No):
			m.confirm = nil
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, m.keys.Close):
		cmd := m.asks.ask(overlayDoneMsg{close: true})
		return m, cmd
	case key.Matches(msg, m.keys.Explain) && m.tab == teamsTab:
		cmd := m.asks.ask(overlayDoneMsg{explain: improvementTopic})
		return m, cmd
	case key.Matches(msg, m.keys.Explain) && m.cursor < m.rows(): // enabled on the investments and teams tabs only
		cmd := m.asks.ask(overlayDoneMsg{explain: m.g.Scenario().Investments[m.cursor].Name})
		return m, cmd
	case key.Matches(msg, m.keys.Tab):
		m.tab = (m.tab + 1) % shopTabs
		m.cursor = 0
	case key.Matches(msg, m.keys.Up):
		m.cursor = (m.cursor + m.rows() - 1) % max(m.rows(), 1)
	case key.Matches(msg, m.keys.Down):
		m.cursor = (m.cursor + 1) % max(m.rows(), 1)
	case key.Matches(msg, m.keys.Left): // enabled on a practice that can change
		m.adjust(-1)
	case key.Matches(msg, m.keys.Right):
		m.adjust(+1)
	case key.Matches(msg, m.keys.Buy) && m.cursor < m.rows():
		m.ask()
	}
	return m, nil
}

func (m *shopModel) adjust(delta int) {
	choices := m.choices()
	if m.cursor >= len(choices) {
		return
	}
	p := &choices[m.cursor]
	if p.why != "" {
		return
	}
	p.value = min(max(p.value+delta, p.lo), p.hi)
}

// ask turns the selected row into a decision and asks to confirm it. An
// investment that cannot be bought says why at once, in the words the game
// would refuse it with, without asking first.
func (m *shopModel) ask() {
	sc := m.g.Scenario()
	m.warning = ""
	if m.tab == investmentsTab {
		inv := m.g.Investments()[m.cursor]
		if inv.Lock.Kind != sim.Unlocked {
			m.refused = true
			return
		}
		m.confirm = &sim.Decision{Kind: sim.Invest, Investment: inv.ID}
		m.question = buyQuestion(m.g, inv)
		m.warning = warnRunway(runwayOnceItRuns(m.g, inv))
		return
	}
	p := m.choices()[m.cursor]
	if p.why != "" || p.value == p.now {
		return
	}
	d := sim.Decision{Kind: p.kind, Stage: p.stage, N: p.value}
	switch p.kind {
	case sim.SetImprovement:
		d.N, d.Share = 0, stepShare(p.value)
		m.question = fmt.Sprintf("Give %s of %s time to improvement work?", p.show(p.value), prose.Possessive(p.label))
		if d.Share > 0 {
			m.question += fmt.Sprintf(" While it builds, its feature work takes %s as long.", slowdown(d.Share))
		} else if t, _ := teamOf(m.g, p.stage); len(t.Active) > 0 {
			m.question += fmt.Sprintf(" Its %s in progress will wait.", prose.Count(len(t.Active), "investment", "investments"))
		}
	case sim.Hire:
		d.N = p.value - p.now
		if d.N > 0 {
			hire, salaries := int64(d.N)*sc.Company.HireCost, int64(d.N)*sc.Company.SalaryPerWeek
			m.question = fmt.Sprintf("Hire %s for %s for $%s? They are paid $%s a week from today and up to speed in week %d.",
				prose.Count(d.N, "person", "people"), p.label, prose.Dollars(hire), prose.Dollars(salaries), m.g.HireReadyWeek())
			if l := learningWords(learningOf(m.g, p.stage)); l != "" {
				m.question += " Hired already: " + l + "."
			}
			after := m.g.WeeklyCosts()
			after.Salaries += salaries
			m.warning = warnRunway(after.Runway(m.g.Cash() - hire))
		} else {
			m.question = fmt.Sprintf("Let %s go from %s?", prose.Count(-d.N, "person", "people"), p.label)
		}
	case sim.SetReleaseCadence:
		d.N, d.Every = 0, Time(p.value)*sc.Week()
		m.question = fmt.Sprintf("Make the release train leave every %s?", p.show(p.value))
	default:
		m.question = fmt.Sprintf("%s: %s?", p.label, p.show(p.value))
	}
	m.confirm = &d
}

// runwayWeeks is a runway (as Costs.Runway gives it) as every screen writes
// it: whole weeks, rounded down, the weeks the money lasts at least. The
// header, the shop and the explainer all round with it, so one runway reads
// as one number.
func runwayWeeks(w float64, ok bool) (int, bool) { return int(math.Floor(w)), ok }

// fewWeeks is the runway below which a purchase warns before it asks.
const fewWeeks = 8

// warnRunway warns when the money left after a purchase lasts fewer than
// fewWeeks (w, ok: a runway as Costs.Runway gives it); "" when it lasts
// longer, or the company is not burning money.
func warnRunway(w float64, ok bool) string {
	weeks, ok := runwayWeeks(w, ok)
	if !ok || weeks >= fewWeeks {
		return ""
	}
	return fmt.Sprintf("Warning: this leaves money for about %s at this rate, and the game ends when the bank is empty.",
		prose.Count(weeks, "week", "weeks"))
}

// runwayOnceItRuns is how many weeks the money lasts if inv is bought
// now, counting its running cost as the engine will charge it: its price
// at once, and its running cost from the first week's end after it is
// done (WeeklyCosts counts built investments only), at today's forecast;
// ok is false when the money does not run out.
func runwayOnceItRuns(g *sim.Game, inv sim.InvestmentStatus) (weeks float64, ok bool) {
	c := g.WeeklyCosts()
	cash := g.Cash() - inv.Cost
	if inv.WeeklyCost == 0 || inv.ReadyWeek == 0 { // nothing more to run, or not built at today's shares
		return c.Runway(cash)
	}
	before := float64(max(inv.ReadyWeek-(g.Week()+1), 0)) // week ends charged at today's costs
	if w, ok := c.Runway(cash); ok && w <= before {
		return w, true
	}
	after := c
	after.Investments += inv.WeeklyCost
	left := cash + int64(before)*c.Net()
	w, ok := after.Runway(left)
	if !ok {
		return 0, false
	}
	return before + w, true
}

// practicesOf lists the practices the player can change, as they are now.
func practicesOf(g *sim.Game) []practice {
	sc := g.Scenario()
	var out []practice
	if rel := sc.Production.Release; rel >= 0 {
		views := g.Stages()
		every := int(views[rel].BatchEvery / sc.Week())
		p := practice{label: "Release train", kind: sim.SetReleaseCadence, value: every, now: every, lo: 1, hi: 12,
			show: func(v int) string { return prose.Count(v, "week", "weeks") }}
		if views[rel].BatchEvery == 0 {
			p.why = "every change ships when it is ready"
			p.show = func(int) string { return "on demand" }
		}
		out = append(out, p)
	}
	if len(sc.Slicing.Work) > 0 {
		p := practice{label: "Slices per new feature", kind: sim.SetSlicing, value: g.Slices(), now: g.Slices(), lo: 1, hi: 5,
			show: func(v int) string {
				if v == 1 {
					return "1 (built whole)"
				}
				return fmt.Sprint(v)
			}}
		if !g.SlicingEnabled() {
			p.why = "needs " + investmentWith(sc, func(e sim.Effect) bool { return e.Slicing })
		}
		out = append(out, p)
	}
	for _, st := range g.Stages() {
		if st.Unlimited {
			continue
		}
		out = append(out, practice{label: st.Name, kind: sim.Hire, stage: st.ID, value: st.People, now: st.People, lo: 1, hi: st.People + 5,
			show: func(v int) string { return prose.Count(v, "person", "people") }})
	}
	for i, st := range g.Stages() {
		// An automated stage has no queue to limit, unless a limit set
		// before it was automated is still there to lift.
		if i == sc.Production.Release || i == sc.Production.Deploy || (st.Unlimited && st.WIPLimit == 0) {
			continue
		}
		out = append(out, practice{label: "WIP limit: " + st.Name, kind: sim.SetWIPLimit, stage: st.ID, value: st.WIPLimit, now: st.WIPLimit, lo: 0, hi: 60,
			show: func(v int) string {
				if v == 0 {
					return "none"
				}
				return fmt.Sprintf("at most %d items", v)
			}})
	}
	return out
}

func investmentWith(sc *sim.Scenario, match func(sim.Effect) bool) string {
	if names := investmentsWith(sc, match); len(names) > 0 {
		return names[0]
	}
	return "an investment"
}

// buildWords says what building an investment takes, as a sentence
// without its full stop: the teams' work and when it would be ready, or
// its build time when it needs no team's work.
func buildWords(inv sim.InvestmentStatus, sc *sim.Scenario) string {
	needs := inv.Needs()
	if needs == "" {
		return "It takes " + weeksOf(inv.BuildTime, sc) + " to build"
	}
	words := "It" + strings.TrimPrefix(needs, "it")
	if when := inv.When(); when != "" {
		if inv.WaitsFor >= 0 {
			words += ", and " + when
		} else {
			words += ", " + when
		}
	}
	return words
}

// readyShort is when an investment being built will be ready, for a
// status column: a forecast at today's improvement time, or that a team it
// needs gives it none.
func readyShort(st sim.InvestmentStatus) string {
	switch {
	case st.ReadyWeek == 0:
		return "waits: share 0"
	case st.Delivered: // the teams' work is done; the least build time is not over
		return fmt.Sprintf("rollout, wk %d", st.ReadyWeek)
	}
	return fmt.Sprintf("ready ~week %d", st.ReadyWeek)
}

func weeksOf(t sim.Time, sc *sim.Scenario) string {
	w := float64(t) / float64(sc.Week())
	if w == float64(int(w)) {
		return prose.Count(int(w), "week", "weeks")
	}
	return fmt.Sprintf("%.1f weeks", w)
}

func (m shopModel) View() string {
	s := m.styles
	// The active tab is in brackets as well as highlighted: colour (and
	// reverse video, gone with NO_COLOR) is never the only signal.
	var tabs []string
	for i, name := range shopTabNames {
		if i == m.tab {
			tabs = append(tabs, s.Selected.Render("["+name+"]"))
		} else {
			tabs = append(tabs, s.Subtle.Render(" "+name+" "))
		}
	}
	var b strings.Builder
	top := fmt.Sprintf("%s  %s  %s", s.Title.Render("Shop"), strings.Join(tabs, ""), s.Subtle.Render(moneyLine(m.g)))
	if cellWidth(top) > m.width { // narrow: one space apart, so the runway keeps its unit
		top = fmt.Sprintf("%s %s %s", s.Title.Render("Shop"), strings.Join(tabs, ""), s.Subtle.Render(moneyLine(m.g)))
	}
	b.WriteString(top + "\n")
	var heading string
	switch m.tab {
	case investmentsTab:
		heading = fmt.Sprintf("   %-*s %9s %8s %*s  %s", m.nameWidth(), "investment", "cost", "weekly", m.effortWidth(), effortHeading, "status")
	case practicesTab:
		heading = "   practice                               now              your choice"
	default:
		heading = fmt.Sprintf("   %-20s %6s %5s %10s  %-9s  %s", "team", "people", "share", "gives", "choice", "building now")
	}
	b.WriteString(s.Subtle.Render(heading) + "\n")
	b.WriteString(m.list.View() + "\n")
	var more []string
	if up := m.list.above(); up > 0 {
		more = append(more, fmt.Sprintf("↑ %d more above", up))
	}
	if down := m.list.below(); down > 0 {
		more = append(more, fmt.Sprintf("↓ %d more below", down))
	}
	if len(more) > 0 {
		b.WriteString(s.Subtle.Render("   " + strings.Join(more, " · ")))
	}
	_, detail := m.body()
	b.WriteString("\n" + detail)
	return Fit(b.String(), m.width, m.height)
}

// body is the tab's rows and what goes under them: the selected row's
// detail, or the question being asked.
func (m shopModel) body() ([]string, string) {
	var rows []string
	var detail string
	switch m.tab {
	case investmentsTab:
		rows, detail = m.investmentsView()
	case practicesTab:
		rows, detail = m.practicesView()
	default:
		rows, detail = m.teamsView()
	}
	if m.confirm != nil {
		s := m.styles
		q := s.Bold.Render(m.question) + "   " + s.Key.Render("y") + " yes  " + s.Key.Render("n") + " no"
		if m.warning != "" {
			q = s.Warn.Render(m.warning) + " " + q
		}
		detail = wrapLines(q, m.width-2)
	}
	return rows, detail
}

func (m shopModel) nameWidth() int {
	w := 0
	for _, inv := range m.g.Scenario().Investments {
		w = max(w, len(inv.Name))
	}
	switch {
	case m.width < 100:
		return min(w, 28) // room for the status on a narrow screen
	case m.width < 120:
		return min(w, 34)
	}
	return min(w, 38)
}

func (m shopModel) investmentsView() ([]string, string) {
	s := m.styles
	sc := m.g.Scenario()
	statuses := m.g.Investments()
	nameW, effortW := m.nameWidth(), m.effortWidth()
	var rows []string
	for i, st := range statuses {
		var status string
		switch st.State {
		case sim.Built:
			status = s.Good.Render("● done")
		case sim.Building:
			status = s.Accent.Render("◆ " + readyShort(st))
		case sim.Locked:
			status = "○ locked" // what it needs is in the detail when it does not fit here
			if st.Lock.Kind == sim.Unaffordable {
				status = "○ can't afford"
			}
			room := m.width - (3 + nameW + 1 + 9 + 1 + 8 + 1 + effortW + 2 + 2)
			// The reason in full, or its first clause (what it needs,
			// the name whole), or that without "first".
			for _, why := range lockWords(st.Lock) {
				if m.width >= 100 && cellWidth(why) <= room {
					status = "○ " + why
					break
				}
			}
			status = s.Subtle.Render(status)
		default:
			status = "available"
		}
		row := fmt.Sprintf("%-*s %9s %8s %*s  ", nameW, cutWords(st.Name, nameW), "$"+prose.Dollars(st.Cost), "$"+prose.Dollars(st.WeeklyCost),
			effortW, truncateLine(effortShort(st, sc), effortW))
		sel := "   "
		if i == m.cursor {
			sel = " ▸ "
			row = s.Selected.Render(row)
		}
		rows = append(rows, truncateLine(sel+row+status, m.width))
	}
	if m.cursor >= len(statuses) {
		return rows, ""
	}
	st := statuses[m.cursor]
	var d strings.Builder
	d.WriteString(s.Bold.Render(st.Name) + ": " + st.Description + "\n")
	d.WriteString(s.Subtle.Render("Effect: ") + describeEffects(sc, st.Effects))
	if len(st.Requires) > 0 {
		var names []string
		for _, r := range st.Requires {
			names = append(names, sc.Investments[r].Name)
		}
		d.WriteString(s.Subtle.Render("  Needs: ") + strings.Join(names, ", "))
	}
	switch {
	case st.State == sim.Building:
		d.WriteString("\n" + s.Subtle.Render("Built so far: ") + progressWords(st))
		if st.Delivered {
			d.WriteString(fmt.Sprintf(", all done; it takes at least %s from buying, so it is ready in week %d", weeksOf(st.BuildTime, sc), st.ReadyWeek))
		} else if when := st.When(); when != "" {
			d.WriteString("; " + when)
		}
		if shared := sharedWith(m.g, st); shared != "" {
			d.WriteString(": it " + shared)
		}
		d.WriteString(".")
	case st.Lock.Kind != sim.Unlocked && m.refused:
		d.WriteString("\n" + s.Warn.Render(s.Bold.Render("Cannot buy it: ")+st.Lock.Error()+"."))
	case st.Lock.Kind != sim.Unlocked && st.State != sim.Built:
		d.WriteString("\n" + s.Warn.Render(st.Lock.Error()+"."))
	case st.State == sim.Available:
		words := buildWords(st, sc)
		if shared := sharedWith(m.g, st); shared != "" && st.WaitsFor < 0 {
			words += ": it " + shared
		}
		d.WriteString("\n" + words + ". " + s.Subtle.Render("Press enter to buy."))
	}
	return rows, wrapLines(d.String(), m.width-2)
}

func weeksShort(t sim.Time, sc *sim.Scenario) string {
	return fmt.Sprintf("%.0fw", float64(t)/float64(sc.Week()))
}

// lockWords says why an investment is locked, longest first: the reason
// in full, what it needs, and its name alone.
func lockWords(r sim.LockReason) []string {
	if r.Kind != sim.NeedsPrerequisite {
		return []string{r.Short()}
	}
	return []string{r.Short(), "needs " + r.Prerequisite + " first", "needs " + r.Prerequisite}
}

// effortWidth is the width of the investments' team work column: its
// widest entry ("network 2.5/7"), where the row keeps room for a status
// ("◆ ready ~week 12"), and at least effortMin.
func (m shopModel) effortWidth() int {
	w := effortMin
	sc := m.g.Scenario()
	for _, st := range m.g.Investments() {
		w = max(w, cellWidth(effortShort(st, sc)))
	}
	room := m.width - (3 + m.nameWidth() + 1 + 9 + 1 + 8 + 1 + 2) - cellWidth("◆ ready ~week 12")
	return max(min(w, room), effortMin)
}

// effortMin is the least width of the investments' team work column.
const effortMin = 11

// effortHeading heads the team work column: person-weeks per team ("dev
// 5"), or the build time of an investment no team works on ("2w build").
const effortHeading = "pw/build"

// effortShort is an investment's work per team for a column, by stage id:
// "dev 5 qa 2", and while it builds the work done, "dev 1.5/5"; its build
// time when it needs no team's work.
func effortShort(st sim.InvestmentStatus, sc *sim.Scenario) string {
	if len(st.Effort) == 0 {
		return weeksShort(st.BuildTime, sc) + " build"
	}
	var parts []string
	for _, e := range st.Effort {
		work := personWeeks(e.Total)
		if st.State == sim.Building {
			work = personWeeksDone(e.Done) + "/" + work
		}
		parts = append(parts, sc.Stages[e.Stage].ID+" "+work)
	}
	return strings.Join(parts, " ")
}

// progressWords is an investment's work done per team: "Development 2.5
// of 5 person-weeks, QA 0 of 2".
func progressWords(st sim.InvestmentStatus) string {
	var parts []string
	for k, e := range st.Effort {
		total := personWeeks(e.Total)
		if k == 0 {
			total = prose.PersonWeeks(total)
		}
		parts = append(parts, fmt.Sprintf("%s %s of %s", e.Label, personWeeksDone(e.Done), total))
	}
	if len(parts) == 0 {
		return "no team's work needed"
	}
	return strings.Join(parts, ", ")
}

// moneyLine is the money the player decides with: cash, the weekly net
// and the runway at this rate.
func moneyLine(g *sim.Game) string {
	net := g.WeeklyCosts().Net()
	line := fmt.Sprintf("$%s · net %s/wk", prose.Dollars(g.Cash()), signedDollars(net))
	if w, ok := runwayWeeks(g.Runway()); ok {
		line += fmt.Sprintf(" · runway %dw", w)
	}
	return line
}

// signedDollars writes an amount with its sign: "+$1,200", "−$3,400".
func signedDollars(n int64) string {
	if n < 0 {
		return "−$" + prose.Dollars(-n)
	}
	return "+$" + prose.Dollars(n)
}

// buyQuestion asks to buy an investment, saying what it takes from the
// teams and their other work, and what it does to the money.
func buyQuestion(g *sim.Game, inv sim.InvestmentStatus) string {
	sc := g.Scenario()
	q := fmt.Sprintf("Buy %s for $%s? %s.", inv.Name, prose.Dollars(inv.Cost), buildWords(inv, sc))
	for _, e := range inv.Effort {
		t, ok := teamOf(g, sc.Stages[e.Stage].ID)
		if !ok || t.Share == 0 {
			continue
		}
		q += fmt.Sprintf(" %s feature work takes %s as long while it builds", prose.Possessive(t.Label), slowdown(t.Share))
		if len(t.Active) > 0 {
			var names []string
			for _, i := range t.Active {
				names = append(names, sc.Investments[i].Name)
			}
			q += ", and " + strings.Join(names, ", ") + ", which it is building, will get less of its time and finish later"
		}
		q += "."
	}
	c := g.WeeklyCosts()
	q += " Cash after: " + prose.Money(g.Cash()-inv.Cost)
	if inv.WeeklyCost > 0 {
		q += fmt.Sprintf(", then $%s a week to run once built", prose.Dollars(inv.WeeklyCost))
	}
	q += "."
	// After buying is what the header shows once it is bought: the price
	// paid, the running cost not yet charged (the engine charges it once
	// built); what that cost will do is a forecast, said apart.
	later, burns := runwayWeeks(runwayOnceItRuns(g, inv))
	if w, ok := runwayWeeks(c.Runway(g.Cash() - inv.Cost)); ok {
		q += fmt.Sprintf(" Runway after buying: %s", prose.Count(w, "week", "weeks"))
		if now, ok := runwayWeeks(c.Runway(g.Cash())); ok { // the header's
			q += fmt.Sprintf("; now %d", now)
		}
		if burns && later != w {
			q += fmt.Sprintf("; about %d once it runs", later)
		}
		q += "."
	} else if burns {
		q += fmt.Sprintf(" Once it runs, the money lasts about %s.", prose.Count(later, "week", "weeks"))
	}
	return q
}

func (m shopModel) practicesView() ([]string, string) {
	s := m.styles
	var rows []string
	for i, p := range m.practices {
		label := p.label
		if p.kind == sim.Hire {
			label = "People: " + p.label
		}
		choice := "‹ " + p.show(p.value) + " ›"
		if p.why != "" {
			choice = s.Subtle.Render(p.why)
		} else if p.value != p.now {
			choice = s.Accent.Render(choice)
		}
		now := p.show(p.now)
		if p.kind == sim.Hire {
			now = withLearning(p.now, learningOf(m.g, p.stage))
		}
		row := fmt.Sprintf("%-38s %-16s ", truncateLine(label, 38), now)
		sel := "   "
		if i == m.cursor {
			sel = " ▸ "
			row = s.Selected.Render(row)
		}
		rows = append(rows, truncateLine(sel+row+choice, m.width))
	}
	detail := s.Subtle.Render("←/→ choose a new value, enter applies it.")
	if m.cursor < len(m.practices) {
		p := m.practices[m.cursor]
		help := practiceHelp(p)
		if c := m.g.Scenario().Company; p.kind == sim.Hire {
			if l := learningWords(learningOf(m.g, p.stage)); l != "" {
				help += " Hired already: " + l + "."
			}
			help += fmt.Sprintf(" Each hire costs $%s up front and $%s a week.", prose.Dollars(c.HireCost), prose.Dollars(c.SalaryPerWeek))
		}
		detail = help + "\n" + detail
	}
	return rows, wrapLines(detail, m.width-2)
}

func practiceHelp(p practice) string {
	switch p.kind {
	case sim.SetReleaseCadence:
		return "Release train: how often finished work ships. Shorter trains mean smaller, safer releases and less waiting, but each release needs a manual regression run until tests are automated."
	case sim.SetSlicing:
		return "MVP slicing: cut each new feature into thin slices; the first one ships, shows what the feature is worth, and the rest of a feature not worth finishing is dropped."
	case sim.Hire:
		return "People: more hands shorten a queue, but cost salaries from day one and take weeks to come up to speed. Automated stages need nobody."
	default:
		return "WIP limit: at most this many items at the stage; the stage before it holds the rest. Less work in progress means less waiting inside the system."
	}
}

// describeEffects says in words what an investment changes.
func describeEffects(sc *sim.Scenario, effects []sim.Effect) string {
	var out []string
	for _, e := range effects {
		if e.Stage >= 0 {
			var parts []string
			if e.SetsCapacity {
				if e.Capacity == sim.Unlimited {
					parts = append(parts, "automated (no queue)")
				} else {
					parts = append(parts, prose.Count(e.Capacity, "person", "people"))
				}
			}
			if e.AddCapacity != 0 {
				parts = append(parts, fmt.Sprintf("%+d people", e.AddCapacity))
			}
			if e.Away > 0 {
				parts = append(parts, prose.Count(e.Away, "person", "people")+" fewer at work, still paid")
			}
			if e.Service > 0 {
				parts = append(parts, fmt.Sprintf("work takes %s as long", ratioWords(e.Service)))
			}
			if e.SetsRework {
				parts = append(parts, reworkEffect(sc, e))
			}
			if e.SetsBatch {
				if e.Batch == 0 {
					parts = append(parts, "no more release train")
				} else {
					parts = append(parts, "batch every "+weeksOf(e.Batch, sc))
				}
			}
			if e.SetsBackground {
				if e.Background == 0 {
					parts = append(parts, "no more tickets from other teams")
				} else {
					parts = append(parts, fmt.Sprintf("other teams' tickets ×%.2g", e.Background))
				}
			}
			out = append(out, sc.Stages[e.Stage].Label()+": "+strings.Join(parts, ", "))
			continue
		}
		if e.Coverage > 0 {
			out = append(out, fmt.Sprintf("test coverage %.0f%%", 100*e.Coverage))
		}
		if e.Parity > 0 {
			out = append(out, fmt.Sprintf("environments %.0f%% like production", 100*e.Parity))
		}
		if e.Restore > 0 {
			out = append(out, fmt.Sprintf("outages fixed in %s of the time", ratioWords(e.Restore)))
		}
		if e.Defects > 0 {
			out = append(out, fmt.Sprintf("defects ×%.2g", e.Defects))
		}
		if e.InfraCost > 0 {
			out = append(out, fmt.Sprintf("infrastructure costs ×%.2g", e.InfraCost))
		}
		if e.Regression > 0 {
			out = append(out, fmt.Sprintf("regression growth ×%.2g", e.Regression))
		}
		if e.Slicing {
			out = append(out, "features can be sliced (Practices tab)")
		}
	}
	return strings.Join(out, "; ")
}

// reworkEffect says what an effect's share sent back means: "5% of its
// work fails and goes back to Development (20% at the start)".
func reworkEffect(sc *sim.Scenario, e sim.Effect) string {
	spec := &sc.Stages[e.Stage]
	if e.Rework == 0 {
		return "none of its work sent back any more"
	}
	start := percent(spec.ReworkProb)
	if spec.ReworkProb == 0 {
		start = "none"
	}
	return fmt.Sprintf("%s of its work fails and goes back to %s (%s at the start)", percent(e.Rework), sc.Stages[spec.ReworkTo].Label(), start)
}

// ratioWords writes a multiplier for people: 0.1 → "a tenth".
func ratioWords(f float64) string {
	switch {
	case f <= 0.011:
		return "a hundredth"
	case f <= 0.051:
		return "a twentieth"
	case f <= 0.11:
		return "a tenth"
	case f <= 0.26:
		return "a quarter"
	case f <= 0.51:
		return "half"
	}
	return fmt.Sprintf("%.0f%%", 100*f)
}
