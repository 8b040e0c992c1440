package ui

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/sim"
)

// The explainer: every metric, stage and investment, with what it is, why
// it matters in this game now (in the game's own numbers), and what moves
// it. It opens on the item the player is looking at.

type topic struct {
	group, title   string
	what, why, how string
}

type explainModel struct {
	styles *Styles
	keys   explainKeys
	g      *sim.Game
	topics []topic
	cursor int
	text   viewport.Model // the topic's text, scrolled when taller than the screen

	width, height int

	asks asker  // esc, enter or x: close (overlayDoneMsg)
	back string // what closing it goes back to ("the shop"); "" for the dashboard
}

func newExplain(styles *Styles, global *globalKeys, g *sim.Game) explainModel {
	return explainModel{styles: styles, keys: defaultExplainKeys(global), g: g, text: viewport.New(0, 0), asks: asker{from: explainOverlay}}
}

func (m *explainModel) SetSize(w, h int) {
	m.width, m.height = w, h
	m.render()
}

// The explainer's topic list is explainListWidth cells wide, and from 120
// columns wider, up to explainListMax, so that its longest title fits; a
// title wider than the list wraps.
const (
	explainListWidth = 30
	explainListMax   = 42
)

func (m *explainModel) listWidth() int {
	if m.width < 120 {
		return explainListWidth
	}
	w := explainListWidth
	for _, t := range m.topics {
		w = max(w, cellWidth(t.title)+3)
	}
	return min(w, explainListMax)
}

// render puts the selected topic's text in its viewport, at the top, and
// enables the scrolling keys if it is taller than the screen.
func (m *explainModel) render() {
	listW := m.listWidth()
	m.text.Width, m.text.Height = max(m.width-listW-2, 0), max(m.height, 1)
	if m.cursor >= len(m.topics) {
		m.text.SetContent("")
		return
	}
	s := m.styles
	textW := max(m.width-listW-3, 30)
	t := m.topics[m.cursor]
	var b strings.Builder
	b.WriteString(s.Title.Render(t.title) + "\n\n")
	for _, part := range []struct{ head, text string }{{"What it is", t.what}, {"Why it matters here", t.why}, {"What moves it", t.how}} {
		if part.text == "" {
			continue
		}
		b.WriteString(s.Bold.Render(part.head) + "\n" + wrapLines(part.text, textW) + "\n\n")
	}
	closes := "esc closes"
	if m.back != "" {
		closes = "esc goes back to " + m.back
	}
	b.WriteString(s.Subtle.Render("↑↓ other topics · " + closes))
	showPage(&m.text, b.String(), &m.keys.TextUp, &m.keys.TextDown)
}

// open builds the topics from the game as it is now and selects the one
// titled title (or the first); closing it goes back to back ("" for the
// dashboard).
func (m *explainModel) open(title, back string) {
	m.back = back
	m.keys.Close.SetHelp("esc", "close")
	if back != "" {
		m.keys.Close.SetHelp("esc", "back to "+strings.TrimPrefix(back, "the "))
	}
	m.topics = topics(m.g)
	m.cursor = 0
	for i, t := range m.topics {
		if t.title == title {
			m.cursor = i
		}
	}
	m.render()
}

// Update handles a key; closing the explainer is the dashboard's, asked
// by message.
func (m explainModel) Update(msg tea.Msg) (explainModel, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	n := len(m.topics)
	if n == 0 || key.Matches(km, m.keys.Close) { // with no topics, nothing to explain
		cmd := m.asks.ask(overlayDoneMsg{close: true})
		return m, cmd
	}
	switch {
	case key.Matches(km, m.keys.Prev):
		m.cursor = (m.cursor + n - 1) % n
		m.render()
	case key.Matches(km, m.keys.Next):
		m.cursor = (m.cursor + 1) % n
		m.render()
	case key.Matches(km, m.keys.TextUp, m.keys.TextDown):
		var cmd tea.Cmd
		m.text, cmd = m.text.Update(km)
		return m, cmd
	}
	return m, nil
}

func (m explainModel) View() string {
	s := m.styles
	listW := m.listWidth()
	// The list: a window around the cursor, with group headings; a long
	// title goes on under itself, indented.
	var list []string
	group := ""
	for i, t := range m.topics {
		if t.group != group {
			group = t.group
			list = append(list, s.Subtle.Render(group))
		}
		for k, l := range titleLines(t.title, listW-3) {
			switch {
			case i == m.cursor && k == 0:
				l = "▸ " + s.Selected.Render(l)
			case i == m.cursor:
				l = "  " + s.Selected.Render(l)
			default:
				l = "  " + l
			}
			list = append(list, l)
		}
	}
	cur := 0
	for i, l := range list {
		if strings.HasPrefix(l, "▸ ") {
			cur = i
		}
	}
	if len(list) > m.height {
		// A window around the cursor, with a row each side for what is
		// out of sight.
		rows := max(m.height-2, 1)
		from := max(0, min(cur-rows/2, len(list)-rows))
		more := func(n int, arrow string) string {
			if n == 0 {
				return ""
			}
			return s.Subtle.Render(fmt.Sprintf("%s %d more", arrow, n))
		}
		list = append(append([]string{more(from, "↑")}, list[from:from+rows]...), more(len(list)-from-rows, "↓"))
	}
	return joinColumns(Fit(strings.Join(list, "\n"), listW, m.height), m.text.View(), listW+2)
}

// titleLines wraps a topic's title to w cells, the lines after the first
// two cells further in.
func titleLines(title string, w int) []string {
	first, rest, _ := strings.Cut(ansi.Wordwrap(title, max(w, 1), ""), "\n")
	lines := []string{first}
	if rest != "" {
		for _, l := range strings.Split(ansi.Wordwrap(strings.Join(strings.Fields(rest), " "), max(w-2, 1), ""), "\n") {
			lines = append(lines, "  "+l)
		}
	}
	return lines
}

// keyNow says where a DORA key stands: its value and band, or none yet.
func keyNow(m sim.Metric, format func(float64) string, b sim.Band, none string) string {
	if v, ok := m.Get(); ok {
		return fmt.Sprintf("Now %s: the %s band. ", format(v), b)
	}
	return "No value now: " + none
}

// deploysNow says where deployment frequency stands, as the count the DORA
// line shows and the rate its band is placed by: nothing is measured before
// a week has been played.
func deploysNow(d sim.DORA, started bool) string {
	if !started {
		return "No value yet: no week has been played to count deployments in, so no band. "
	}
	return fmt.Sprintf("Now %s in the last %s, %.2f a week: the %s band (at least one a month is medium: 3 in 13 weeks). ",
		prose.Count(d.Deploys, "deployment", "deployments"), prose.Count(d.Weeks, "week", "weeks"), d.DeploysPerWeek, d.DeployBand)
}

// restoreNow says where the time to restore stands, naming an expected
// one (no outage to time yet) as expected.
func restoreNow(d sim.DORA, dur func(float64) string) string {
	h, ok := d.TimeToRestore.Get()
	switch {
	case !ok:
		return "No value now: nothing has broken and nothing is expected to. "
	case !d.RestoreExpected():
		return keyNow(d.TimeToRestore, dur, d.RestoreBand, "")
	case d.RestoreBand == sim.NoBand:
		return fmt.Sprintf("No outage to time yet: with today's tooling one would take about %s to restore (the DORA line's \"restore (expected)\"). ", dur(h))
	}
	return fmt.Sprintf("No outage to time yet: with today's tooling one would take about %s to restore (the DORA line's \"restore (expected)\"), the %s band. ", dur(h), d.RestoreBand)
}

// bandNow is the overall band now, or that there is none yet.
func bandNow(b sim.Band) string {
	if b == sim.NoBand {
		return "Nothing measured yet, so no band. "
	}
	return fmt.Sprintf("Now %s. ", b)
}

// levers is a topic's "how": the practices given, each a sentence, then
// after lead the names of this scenario's own investments with an effect
// that matches, and note, so that an explanation never names a tool its
// shop does not sell. With neither, it says that nothing in the shop
// changes it.
func levers(sc *sim.Scenario, practices []string, lead string, match func(sim.Effect) bool, note string) string {
	words := slices.DeleteFunc(slices.Clone(practices), func(s string) bool { return s == "" })
	if names := investmentsWith(sc, match); len(names) > 0 {
		words = append(words, lead+strings.Join(names, "; ")+note) // names may hold commas
	}
	if len(words) == 0 {
		return "Nothing in this company's shop changes it."
	}
	return strings.Join(words, ". ") + "."
}

// investmentsWith names the scenario's investments with an effect that
// matches, in the shop's order.
func investmentsWith(sc *sim.Scenario, match func(sim.Effect) bool) []string {
	var names []string
	for _, inv := range sc.Investments {
		if slices.ContainsFunc(inv.Effects, match) {
			names = append(names, inv.Name)
		}
	}
	return names
}

// parityWords names the investments that make environments like
// production, "" when the shop has none.
func parityWords(sc *sim.Scenario) string {
	if names := investmentsWith(sc, func(e sim.Effect) bool { return e.Parity > 0 }); len(names) > 0 {
		return "For environments like production, in the shop: " + strings.Join(names, "; ")
	}
	return ""
}

// slicingWords is dropping work not worth finishing, by the investment
// that slices it, "" when the shop has none.
func slicingWords(sc *sim.Scenario) string {
	if names := investmentsWith(sc, func(e sim.Effect) bool { return e.Slicing }); len(names) > 0 {
		return "drop work not worth finishing with " + strings.Join(names, "; ") + ", "
	}
	return ""
}

// trainWords is words about the release train, or none when the company
// has no train.
func trainWords(sc *sim.Scenario, words, none string) string {
	if sc.Production.Release < 0 {
		return none
	}
	return words
}

// topics lists every explanation, with this game's numbers in them.
func topics(g *sim.Game) []topic {
	sc := g.Scenario()
	d := g.DORA()
	started := d.Weeks > 0
	d = bandsMeasured(d, started)
	r := g.Result()
	sum := &r.Summary
	hpw := sc.HoursPerWeek
	dur := func(h float64) string { return report.Duration(h, hpw) }
	bn := g.Bottleneck(sim.RecentWeeks)
	var out []topic
	add := func(group, title, what, why, how string) {
		out = append(out, topic{group: group, title: title, what: what, why: why, how: how})
	}

	const dora = "DORA keys (last 13 weeks)"
	add(dora, "Deployment frequency",
		"How often changes reach production: the DORA line counts the deployments in its window (\"DORA 13 wk\": the last 13 weeks played), and the band goes by how many that is a week. One of DORA's four keys of software delivery.",
		deploysNow(d, started)+"Each deployment is a chance for customers to get something new, and a small one carries little risk.",
		levers(sc, []string{trainWords(sc, "A release train that leaves more often (shop, Practices)", "")}, "In the shop: ",
			func(e sim.Effect) bool { return e.Stage == sc.Production.Release && e.SetsBatch && e.Batch == 0 }, ", which ships each change on its own"))
	add(dora, "Lead time for changes",
		"How long a change takes from commit (leaving development) to running in production; the median of the changes in the window. The DORA line shows it as commit→prod, over the last 13 weeks; the week's line in the news (\"Week 8's commit→prod\") is that week's changes alone, as are the lead time chart's \"from commit\" points; the flow's lead time (arrival to customers) also counts the wait before and in development.",
		keyNow(d.LeadTimeForChanges, dur, d.LeadTimeBand, "no change has reached production in the window yet. ")+"It is the waiting after development that customers feel: builds, tickets, testing, the release train.",
		levers(sc, []string{trainWords(sc, "Whatever removes waiting after development: a shorter train or none (shop, Practices)", "Whatever removes waiting after development")}, "In the shop: ",
			func(e sim.Effect) bool { return e.Stage > 0 || e.Coverage > 0 }, ""))
	add(dora, "Change failure rate",
		"The share of deployments that break production and need fixing.",
		keyNow(d.ChangeFailureRate, func(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }, d.FailureBand, "no deployment in the window yet, so none failed. ")+
			fmt.Sprintf("A release fails if any one of its changes is bad, so big releases fail far more often than small ones. Test coverage is %.0f%%, environments are %.0f%% like production.", 100*g.Coverage(), 100*g.Parity()),
		levers(sc, []string{"Smaller releases", parityWords(sc)}, "For test coverage, in the shop: ", func(e sim.Effect) bool { return e.Coverage > 0 }, ""))
	add(dora, "Time to restore",
		"How long it takes to fix production after a deployment breaks it; the mean over the window (or what it would be now, with no outage to time).",
		restoreNow(d, dur)+"While production is broken customers suffer and developers firefight instead of building.",
		levers(sc, nil, "In the shop: ", func(e sim.Effect) bool { return e.Restore > 0 }, ""))
	add(dora, "The DORA band",
		"Elite, high, medium or low, from the Accelerate State of DevOps Report 2019. The band shown is the lowest of the keys that have a value: a team is only as fast as its slowest key. A key with nothing to measure yet has no band and does not count; until an outage has been timed, the time to restore is the one expected with today's tooling, and it counts.",
		bandNow(d.OverallBand)+"It counts for the score: 50 points for each band above low.",
		"Each key's own levers; improve the lowest one first.")

	const flow = "Flow"
	add(flow, "Lead time, arrival to customers",
		"How long a piece of work takes from arriving (a slice: from being queued) to being in production, waiting included. Not DORA's lead time for changes, which starts at the commit.",
		fmt.Sprintf("Median so far %s. Customers feel it: a feature loses value while they wait for it.", dur(sum.LeadTime.P50)),
		"Less waiting anywhere in the value stream: find where work waits longest (a, the advisor) and remove the reason.")
	add(flow, "Throughput (shipped)",
		"How many pieces of work reach production (finish the last stage) each week, over the weeks played: the dashboard's \"shipped\".",
		shippedNow(r.Weekly)+" No value stream can go faster than its slowest stage.",
		"More capacity at the bottleneck, and less rework sending work back.")
	add(flow, "Work in progress",
		"How many pieces of work are in the system, started but not done.",
		fmt.Sprintf("Now %d, %.0f on average. By Little's law, work in progress = throughput × lead time: the more work is in flight, the longer each piece takes.", sum.WIPEnd, sum.WIPMean),
		"WIP limits (shop, Practices), and removing the waits that make work pile up.")
	add(flow, "Flow efficiency",
		"The share of lead time in which someone is actually working on the item; the rest is waiting.",
		fmt.Sprintf("So far %.0f%%: %.0f%% of the time, work just waits.", 100*sum.FlowEfficiency, 100-100*sum.FlowEfficiency),
		"Removing waits: queues at busy teams, tickets, and the release train.")
	add(flow, "Busy (utilisation)",
		"The share of time a team's people are working on something.",
		"The closer a team runs to 100% busy, the longer work waits for it: at 50% a piece waits about as long as it takes to do; at 90%, nine times as long. A team at 100% is a queue that never empties.",
		"Automation that takes work off the team (builds, tickets, regression runs), fewer requests from other teams, or more people.")
	add(flow, "Queue and wait",
		fmt.Sprintf("On the map, each ▪ is work waiting for a stage, ▫ other work waiting there (a request from another team, or a release's manual regression run), ■ finished work held for the release train. Wait is how long work waited there for a free person, on average over the last %d weeks (busy too is over those weeks); at a train holding work, how long that work has waited so far.", sim.RecentWeeks),
		whyBottleneck(bn),
		"See the stage itself (↑↓ on the map, then x).")

	out = append(out, reworkTopic(g), improvementTopicOf(g, bn))

	const market = "Market and money"
	var rivals []string
	for _, c := range g.Competitors() {
		rivals = append(rivals, fmt.Sprintf("%s %.0f%% (experience %.1f)", c.Name, 100*c.Share, c.Experience))
	}
	add(market, "Market share",
		"The share of customers who use "+sc.CompanyName()+". Revenue follows it.",
		fmt.Sprintf("Now %.1f%%; %s. Hold %.0f%% at the end to win; below %.0f%% the game is lost.", 100*g.Share(), strings.Join(rivals, ", "), 100*sc.Company.WinShare, 100*sc.Company.ShareFloor),
		"Customer experience compared with the competitors': each week some customers look around and choose the better one.")
	add(market, "Customer experience",
		"What customers think of the product: the value of what shipped recently (it fades), less the outages they suffered.",
		fmt.Sprintf("Now %.1f. Value shipped sooner is worth more: a feature loses value while customers wait for it.", g.Experience()),
		"Ship valuable work sooner and more often, "+slicingWords(sc)+"and break production less.")
	c := g.WeeklyCosts()
	paidOut := ""
	if c.Payout > 0 {
		paidOut = fmt.Sprintf(", $%s of it profit paid out to the owners", prose.Dollars(c.Payout))
	}
	add(market, "Money",
		"Cash in the bank. Revenue comes from market share; costs are salaries (people away included), infrastructure, running investments and outages.",
		fmt.Sprintf("%s in the bank; each week $%s comes in and $%s goes out%s. If it runs out, the game is lost.", prose.Money(g.Cash()), prose.Dollars(c.Revenue), prose.Dollars(c.Total()), paidOut),
		"Market share (revenue), automation that needs fewer people or less infrastructure, and not buying everything at once.")
	runway := "Now the company earns at least what it spends, so its money does not run out at this rate."
	if w, ok := runwayWeeks(c.Runway(g.Cash())); ok {
		runway = fmt.Sprintf("Now %s in the bank and $%s a week more going out than coming in: about %d weeks at this rate. A purchase takes its price now and its running cost every week once built.", prose.Money(g.Cash()), prose.Dollars(-c.Net()), w)
	}
	add(market, runwayTopic,
		"How many weeks the money in the bank lasts at this week's rate: cash divided by what goes out each week (salaries, infrastructure, running investments, last week's outages) less what comes in (revenue).",
		runway,
		"Revenue follows market share; automation that needs fewer people or less infrastructure lowers the burn; every investment costs its price and then its running cost.")
	add(market, "Score",
		fmt.Sprintf("What a room compares. A win is worth more than any lost game can score; then ten points per point of market share, up to %d for the weeks survived, up to %d for money kept up to a reserve of %d weeks' running costs and under %d for money beyond it, and fifty per DORA band above low.",
			sim.SurvivalPoints, sim.ReservePoints, sim.ReserveWeeks, sim.BeyondReservePoints),
		fmt.Sprintf("Now %d.", g.Score()), "")

	add(market, choiceTopic,
		"Some events ask what to do: the game stops at that minute and shows two or three answers, each with what it costs now (money, people away and for how long, work that arrives, a risk that may come back and when). Nothing moves on until you answer.",
		"Every player meets the same event in the same week, and a risk someone takes comes back (or not) on the same roll of the dice for everyone. Only the answer differs.",
		"The best answer depends on your value stream: a person short costs little where work does not wait, and an investment already built can make an answer cheap (the box says which). The debrief says what each answer was worth.")

	stages := g.Stages()
	for i, st := range stages {
		out = append(out, stageTopic(g, i, st, bn))
	}
	for i, inv := range g.Investments() {
		out = append(out, investmentTopic(g, i, inv))
	}
	return out
}

// The titles of topics other screens open.
const (
	improvementTopic = "Improvement time"
	reworkTopicTitle = "Sent back (rework)"
	runwayTopic      = "Runway"
)

// improvementTopicOf explains the teams' improvement time, with their
// shares now.
func improvementTopicOf(g *sim.Game, bn sim.Bottleneck) topic {
	var now []string
	for _, t := range g.Improvement() {
		w := fmt.Sprintf("%s %s", t.Label, percent(t.Share))
		if n := len(t.Active); n > 0 {
			w += fmt.Sprintf(" (%s pw a week, on %s)", personWeeks(t.PersonWeeksPerWeek), prose.Count(n, "investment", "investments"))
		}
		now = append(now, w)
	}
	why := "Shares now: " + strings.Join(now, ", ") + ". " +
		"Little's law holds one level up: investments in progress = investments finished a week × how long each takes. A team's time is split equally among the investments it builds, so starting everything at once makes each one take longer and none pays off soon; finishing one first brings its benefit sooner."
	if bn.Stage >= 0 {
		why += fmt.Sprintf(" Time given on a team that is not the bottleneck barely slows the flow; at the bottleneck (%s now) every hour taken off features lengthens the queue that everything waits in.", bn.Name)
	}
	return topic{group: "Flow", title: improvementTopic,
		what: fmt.Sprintf("The share of a team's time (0 to %s) for building investments: people build the tools money buys. While a team has improvement work its feature work takes 1/(1−share) as long; with none it does features only.", percent(sim.MaxImprovementShare)),
		why:  why,
		how:  "Shop, Teams tab: ←/→ sets a team's share. Investments need person-weeks from named teams (shop, Investments); a share of 0 holds up the investments that need that team."}
}

// percent writes a share as a percentage: 0.25 → "25%".
func percent(f float64) string { return strconv.FormatFloat(math.Round(f*1000)/10, 'f', -1, 64) + "%" }

func whyBottleneck(bn sim.Bottleneck) string {
	if bn.Stage < 0 {
		return "Nothing has waited yet."
	}
	return fmt.Sprintf("Lately most waiting (%.0f%%) is at %s: %s.", 100*bn.Share, bn.Name, bn.Why)
}

func stageTopic(g *sim.Game, i int, st sim.StageView, bn sim.Bottleneck) topic {
	sc := g.Scenario()
	spec := &sc.Stages[i]
	dur := func(h float64) string { return report.Duration(h, sc.HoursPerWeek) }
	batch := st.BatchEvery > 0
	var what []string
	switch {
	case st.Unlimited && spec.Capacity != sim.Unlimited:
		what = append(what, "Automated: no limit on work in parallel, so work no longer waits here for a free person.")
	case st.Unlimited:
		what = append(what, "No limit on work in parallel: work never waits here for a free person.")
	default:
		what = append(what, fmt.Sprintf("%s working a queue, first come first served.", prose.Count(st.People, "person", "people")))
	}
	if st.ServiceHours > 0 {
		what = append(what, fmt.Sprintf("A piece of work takes about %s here now.", dur(st.ServiceHours)))
	}
	if batch {
		train := ""
		if i == sc.Production.Release {
			train = ": the release train"
		}
		what = append(what, fmt.Sprintf("Finished work is held here and leaves all together, every %s%s.", weeksOf(st.BatchEvery, sc), train))
	}
	if st.Rework > 0 {
		what = append(what, reworkWords(g, i, st)+".")
		if lower := reworkLevers(g, i, st.Rework); len(lower) > 0 {
			what = append(what, prose.And(lower)+".")
		}
	}
	if st.Requests {
		what = append(what, "Other teams send requests here too.")
	}

	var why []string
	recent := st.RecentWait()
	waited := dur(recent) != dur(0)
	switch {
	case !st.Unlimited:
		why = append(why, fmt.Sprintf("In the last %d weeks %.0f%% busy; work waited %s here on average for a free person%s.", sim.RecentWeeks, 100*st.RecentUtilization(), dur(recent), theMapsWait(st)))
	case waited:
		why = append(why, fmt.Sprintf("In the last %d weeks work waited %s here on average for a free person, before the stage was automated; now it starts at once.", sim.RecentWeeks, dur(recent)))
	case !batch:
		why = append(why, "Work starts here as soon as it arrives: it waits for nobody.")
	}
	next, ended := "the next batch to leave", "the batch here stopped"
	if i == sc.Production.Release {
		next, ended = "the release train", "the release train stopped"
	}
	if batch {
		only := ""
		if st.Unlimited {
			only = " only"
		}
		held := fmt.Sprintf("Finished work waits here%s for %s", only, next)
		if st.HeldHours > 0 {
			held += fmt.Sprintf("; what has left so far waited %s on average", dur(st.HeldHours))
		}
		why = append(why, held+".")
	} else if st.HeldHours > 0 {
		why = append(why, fmt.Sprintf("Until %s, finished work waited %s here on average for it.", ended, dur(st.HeldHours)))
	}
	n := st.Queue - st.Outside + st.Held
	switch {
	case n > 0 && dur(st.WaitingNowHours) == dur(0):
		why = append(why, fmt.Sprintf("Waiting here now: %s, just arrived.", prose.Count(n, "item", "items")))
	case n > 0:
		why = append(why, fmt.Sprintf("Waiting here now: %s, each for %s so far on average, and still waiting.", prose.Count(n, "item", "items"), dur(st.WaitingNowHours)))
	case batch:
		why = append(why, "Nothing is held here now.")
	}
	if k := st.Blocked + st.Backlog; k > 0 {
		why = append(why, fmt.Sprintf("%s to get in: the stage is at its WIP limit of %d.", prose.Count(k, "more item waits", "more items wait"), st.WIPLimit))
	}
	if bn.Stage == i {
		why = append(why, fmt.Sprintf("In the last %d weeks this is where work waited most (%.0f%% of all waiting): %s.", sim.RecentWeeks, 100*bn.Share, bn.Why))
	}
	stage := stageModel{g: g}
	return topic{group: "Stages", title: st.Name, what: strings.Join(what, " "), why: strings.Join(why, " "), how: stage.help(st)}
}

// reworkWords says what a stage's share sent back means: "20% of the work
// done here fails and goes back to Development, to come through every
// stage from there again".
func reworkWords(g *sim.Game, i int, st sim.StageView) string {
	sc := g.Scenario()
	to := sc.Stages[st.ReworkTo].Label()
	again := "to be done again"
	if st.ReworkTo < i {
		again = "to come through every stage from there again"
	}
	return fmt.Sprintf("%s of the work done here fails and goes back to %s, %s", percent(st.Rework), to, again)
}

// reworkLevers are the investments not built yet that would lower the
// share sent back at stage i below now: "Build automation (CI) lowers it
// to 5%".
func reworkLevers(g *sim.Game, i int, now float64) []string {
	var out []string
	for _, inv := range g.Investments() {
		if inv.State == sim.Built {
			continue
		}
		for _, e := range inv.Effects {
			if e.Stage == i && e.SetsRework && e.Rework < now {
				out = append(out, fmt.Sprintf("%s lowers it to %s", inv.Name, percent(e.Rework)))
			}
		}
	}
	return out
}

// reworkTopic explains the work sent back, stage by stage, with what would
// lower it.
func reworkTopic(g *sim.Game) topic {
	var now, how []string
	for i, st := range g.Stages() {
		if st.Rework <= 0 {
			continue
		}
		now = append(now, fmt.Sprintf("%s sends %s back to %s (each piece comes through it %s times on average)", st.Name, percent(st.Rework), g.Scenario().Stages[st.ReworkTo].Label(), strconv.FormatFloat(math.Round(100/(1-st.Rework))/100, 'f', -1, 64)))
		for _, l := range reworkLevers(g, i, st.Rework) {
			how = append(how, st.Name+": "+l)
		}
	}
	why := "Now nothing is sent back anywhere."
	if len(now) > 0 {
		why = "Now " + strings.Join(now, "; ") + "."
	}
	lower := "Nothing in the shop lowers it further."
	if len(how) > 0 {
		lower = strings.Join(how, "; ") + "."
	}
	return topic{group: "Flow", title: reworkTopicTitle,
		what: "Work that fails at a stage (a merge that breaks the build, a defect found in test, a change the board rejects) goes back to an earlier stage to be done again, and comes through every queue on the way once more. A stage that sends back a share p of its work sees each piece 1/(1−p) times: at 20%, 1.25 times.",
		why:  why + " Work sent back adds to the queues at busy teams and to the lead time.",
		how:  lower}
}

func investmentTopic(g *sim.Game, i int, inv sim.InvestmentStatus) topic {
	sc := g.Scenario()
	what := inv.Description + "\nEffect: " + describeEffects(sc, inv.Effects) + "."
	var why string
	switch inv.State {
	case sim.Built:
		why = "Built: its effect is in the game now."
	case sim.Building:
		why = "Being built: " + inv.When()
		if shared := sharedWith(g, inv); shared != "" {
			why += ": it " + shared
		}
		why += "."
		for _, e := range inv.Effort {
			why += fmt.Sprintf(" %s: %s of %s done.", e.Label, strconv.FormatFloat(math.Round(e.Done*10)/10, 'f', -1, 64), prose.PersonWeeks(strconv.FormatFloat(math.Round(e.Total*10)/10, 'f', -1, 64)))
		}
	default:
		why = fmt.Sprintf("Costs $%s, then $%s a week. %s.", prose.Dollars(inv.Cost), prose.Dollars(inv.WeeklyCost), buildWords(inv, sc))
		if len(inv.Effort) > 0 {
			why += " Those teams' improvement time comes out of their feature work while it is built: expect them to slow down first (the J-curve)."
		}
		switch inv.Lock.Kind {
		case sim.Unlocked:
		case sim.NeedsPrerequisite:
			why += " It cannot be bought yet: what it needs first is below."
		default:
			why += " " + inv.Lock.Error() + "."
		}
	}
	how := "Buy it in the shop (i)."
	switch {
	case inv.State == sim.Built:
		how = ""
	case inv.State == sim.Building && len(inv.Effort) > 0:
		how = "More improvement time for the teams that build it (shop, Teams) finishes it sooner."
	case inv.State == sim.Building:
		how = ""
	default:
		if chain := chainWords(g, i); chain != "" {
			how = chain + " Once they are done, buy it in the shop (i)."
		}
	}
	return topic{group: "Investments", title: inv.Name, what: what, why: why, how: how}
}
