package ui

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/save"
	"github.com/globomantics/globosim/internal/sim"
)

// The dashboard, where the game is played: the header, the DORA keys, the
// value stream map, the charts, the news, and the overlays on top of it
// (the shop, a stage's detail, the explainer, the large chart). Auto-play
// advances the game a day at a time on a tick; a tick from an earlier run
// of auto-play carries an old tag and is ignored. An overlay's Update is
// (tea.Msg) (T, tea.Cmd), like any component's; what only the dashboard
// can do (close it, open the explainer instead) it asks by message.

type overlay int

const (
	noOverlay overlay = iota
	shopOverlay
	stageOverlay
	explainOverlay
	chartOverlay // the large chart
	// questionBox is the event's question (choice.go): never the
	// dashboard's overlay, but it asks the dashboard as the overlays do.
	questionBox
)

// overlayNames name what the explainer goes back to when it closes.
var overlayNames = map[overlay]string{shopOverlay: "the shop", stageOverlay: "the stage detail", questionBox: "the question"}

// overlayDoneMsg is what the overlay in front (or the question box) asks
// of the dashboard, which only the dashboard can do: close it, explain a
// topic instead, or take in a decision applied there. The overlay's
// Update returns it as a command (asker.ask). From then until it arrives
// the keys that come wait (Model.holds): a key typed straight after esc,
// as keys come over SSH, reaches what is in front once the overlay has
// gone, not the overlay.
type overlayDoneMsg struct {
	from    overlay // who asks: what no longer takes the keys by then asks nothing
	close   bool
	explain string   // the topic to explain, handing over to the explainer
	decided *Decided // a decision was taken: what came of it, said even if the overlay has gone since
}

// asker is an overlay's side of overlayDoneMsg. sent counts the requests
// it has sent: when an Update moves it, the dashboard waits for the
// message before the next key.
type asker struct {
	from overlay
	sent int
}

// ask sends the dashboard d, from the overlay.
func (a *asker) ask(d overlayDoneMsg) tea.Cmd {
	d.from = a.from
	a.sent++
	return func() tea.Msg { return d }
}

// speed is one auto-play speed: how far each tick moves the game, and how
// often ticks come.
type speed struct {
	label string
	every time.Duration
	weeks bool // a week per tick instead of a day
}

var speeds = []speed{
	{"slow", 600 * time.Millisecond, false},
	{"normal", 250 * time.Millisecond, false},
	{"fast", 100 * time.Millisecond, false},
	{"fastest", 300 * time.Millisecond, true},
}

// tickMsg advances auto-play; tag says which run of auto-play sent it.
type tickMsg struct{ tag int }

// snapshot is what the dashboard shows, read from the game after it moves.
type snapshot struct {
	// stamp is the snapshot's own number, from snapshotStamps: the panes
	// drawn from it are kept under it (see drawnPanes).
	stamp        uint64
	name         string // the scenario's
	company      string // the company the player leads
	week, weeks  int
	hoursPerWeek int
	cash         int64
	share        float64
	lastShare    float64
	costs        sim.Costs
	dora         sim.DORA
	flow         sim.Glance // the flow's figures (its DORA is dora)
	weekly       []sim.WeekResult
	started      bool // time has passed: the DORA keys have something to be measured over
	stages       []sim.StageView
	competitors  []sim.CompetitorState
	news         []sim.News
	incidents    int
	building     []sim.InvestmentStatus
	marks        []decisionMark // weeks the player decided in, for the charts
}

type dashboardModel struct {
	styles *Styles
	keys   dashKeys
	opts   Options
	s      *session
	g      *sim.Game
	saves  *saver      // shared by the copies of the model
	panes  *drawnPanes // shared by the copies of the model

	playing bool
	speed   int
	tag     int
	// In a team, auto-play is the team's (see AutoPlay): drives says this
	// program moves the game, driving that its ticks run.
	drives, driving bool

	focus   int       // the stage chosen on the map
	chart   chartKind // the chart shown when only one fits
	overlay overlay
	under   overlay // what the explainer covers, and closing it shows again
	// awaiting is the overlay (or questionBox) whose overlayDoneMsg is on
	// its way: until it comes, keys wait (Model.holds). noOverlay: none.
	awaiting overlay
	// The overlays behind pointers keep the model a tick copies small;
	// each is replaced, never changed in place (see cow), so a model
	// Update returned shares nothing it changes with the one before.
	shop    *shopModel
	stage   *stageModel
	explain *explainModel
	big     *bigChart
	choice  choiceModel // an event's question, when one waits
	tutor   tutor
	advice  adviceModel
	// proposals are the team's proposals waiting for this member's answer.
	proposals proposalBox
	newsBack  int // how many of the latest news items are scrolled out of sight

	snap       snapshot
	charts     [chartKinds]string
	chartBlock string // the charts area, composed when the charts change
	changes    string // the week's "what changed" line, made when the week or the width changes
	message    string
	pausedFor  string // the message saying auto-play stopped for news, while shown
	keepGoing  bool   // auto-play does not stop for news (the player's choice, for the game)
	newsPause  string // the news auto-play stopped for, until it plays on (a team's members all see it)
	// The waiting work on the map at the end of this week and the one
	// before, for the week's "what changed" line.
	queuesNow, queuesBefore queueMark
	roomWait                string             // the message saying why the room held the game, once shown
	overMap                 bool               // the choice box covers the map too: it does not fit below it
	choiceBox               string             // the choice box, drawn when laid out or changed; "": draw it
	round                   roundModel         // the box of a round that is over, while the game waits at its gate
	released                int                // local rounds the player has started past (play --rounds)
	gateLeads               map[int]sim.Metric // lead time for changes at each gate this program saw the game reach

	// hidden: the terminal is too small to show the game, so it holds
	// still (auto-play stays on, but ticks do not move the game).
	hidden        bool
	width, height int
}

func newDashboard(styles *Styles, global *globalKeys, s *session, opts Options) dashboardModel {
	if s.saves == nil { // a team's programs share the game's saver
		s.saves = newSaver(opts.SavePath, opts.Saves)
	}
	m := dashboardModel{styles: styles, keys: defaultDashKeys(global), opts: opts, s: s, g: s.game, saves: s.saves, panes: &drawnPanes{}, speed: 1,
		width: MinWidth, height: MinHeight - 1, proposals: proposalBox{keys: defaultProposalKeys()}}
	m.shop = ptr(newShop(styles, global, s.game))
	m.shop.team = opts.Team
	m.stage = ptr(newStage(styles, global, s.game))
	m.explain = ptr(newExplain(styles, global, s.game))
	m.big = ptr(newBigChart(styles, global))
	m.choice = newChoice(styles, global, s.game)
	m.choice.team = opts.Team
	m.tutor = newTutor(s.game.Scenario(), lessonKeys{Continue: m.keys.Continue, global: global})
	others := len(s.game.Scenario().Stages) > 1 // a one-stage model has no other stage to choose
	m.keys.Up.SetEnabled(others)
	m.keys.Down.SetEnabled(others)
	m.refresh()
	if w := s.game.Week(); w > 0 {
		m.message = fmt.Sprintf("Welcome back: your game continues after week %d.", w)
		m.tutor.fastForward(s.game)
	}
	m.lessons()
	m.askNow()
	if note := m.fitRounds(); note != "" {
		m.message = note
	}
	for m.released < len(m.opts.Rounds) && m.opts.Rounds[m.released] < s.game.Week() {
		m.released++ // a resumed game is past these
	}
	if opts.Team != nil {
		m.proposals.waiting = opts.Team.Proposals()
	}
	if opts.Room != nil {
		takeSchedule(opts.Room, s.game)
		opts.Room.Progress(s.game)
		if wait := roomWait(opts.Room); wait != "" {
			m.message, m.roomWait = wait, wait
		}
	}
	if m.roomWait == "" {
		m.atGate()
	}
	return m
}

func (m dashboardModel) Init() tea.Cmd { return m.roundStartLead() }

// cow gives the model copies of its own of the overlays, to change.
func (m *dashboardModel) cow() {
	m.shop, m.stage, m.explain, m.big = ptr(*m.shop), ptr(*m.stage), ptr(*m.explain), ptr(*m.big)
}

func (m *dashboardModel) SetSize(w, h int) {
	// A too-small terminal gives the least size again and again: the
	// charts need no redrawing then.
	redraw := w != m.width || h != m.height || m.chartBlock == ""
	m.width, m.height = w, h
	m.keys.Chart.SetEnabled(!m.allCharts()) // every chart shows: tab has none to switch to
	m.cow()
	m.shop.SetSize(w, h-2) // under the header, above the message line
	m.stage.SetSize(w, h-1)
	m.explain.SetSize(w, h-1)
	m.big.SetSize(w, h-1)
	if m.advice.open() { // its room depends on its text: sized as it opens too
		m.advice.SetSize(w, m.adviceRoom())
	}
	m.layoutChoice()
	m.scrollNews()
	if redraw {
		m.drawCharts()
	}
}

func (m dashboardModel) overlayOpen() bool { return m.overlay != noOverlay }

func (m *dashboardModel) pause() { m.playing = false }

func (m dashboardModel) keyMap() help.KeyMap {
	if m.tutor.open {
		return m.tutor.keys
	}
	if m.advice.open() {
		return m.advice.keyMap()
	}
	if m.round.shown && m.overlay == noOverlay {
		return m.round.keys
	}
	switch m.overlay {
	case shopOverlay:
		return m.shop.keyMap()
	case stageOverlay:
		return m.stage.keys
	case explainOverlay:
		return m.explain.keys
	case chartOverlay:
		return m.big.keys
	}
	if m.advice.open() {
		return m.keys
	}
	if m.choice.shown() {
		return m.choice.keys
	}
	keys := m.keys
	if m.playing && keys.Play.Help().Desc == "play" { // p stops what it started
		keys.Play.SetHelp("p", "pause")
	}
	if m.proposals.shown() {
		return proposalHelp{m.proposals.keys, keys}
	}
	return keys
}

func (m dashboardModel) Update(msg tea.Msg) (dashboardModel, tea.Cmd) {
	if m.opts.Team == nil {
		return m.update(msg)
	}
	m.followAuto()
	before := m.autoState()
	var cmd tea.Cmd
	m, cmd = m.update(msg)
	return m, tea.Batch(cmd, m.leadAuto(before))
}

func (m dashboardModel) update(msg tea.Msg) (dashboardModel, tea.Cmd) {
	switch msg := msg.(type) {
	case TeamMsg:
		m.teamChanged()
		return m, nil
	case tickMsg:
		if m.opts.Team != nil {
			return m.teamTick(msg)
		}
		if msg.tag != m.tag || !m.playing || m.overlay != noOverlay || m.hidden || m.choice.open() {
			return m, nil // stale, paused, out of sight (wake starts it again), or asking
		}
		sp := speeds[m.speed]
		step := m.g.Scenario().Day()
		if sp.weeks {
			step = m.g.Scenario().Week()
		}
		mark := m.markNews()
		cmd := m.advance(m.g.Now() + step) // the week's save, or the end
		m.stopForNews(mark)
		if _, over := m.g.Over(); over || !m.playing { // ended, or held for the room
			return m, cmd
		}
		return m, tea.Batch(cmd, m.tick())
	case lessonClosedMsg:
		m.lessons()
		return m, nil
	case roundLeadMsg:
		m.roundLead(msg)
		return m, nil
	case weekSavedMsg:
		if msg.err != nil {
			m.message = "Could not save the game: " + msg.err.Error()
		}
		return m, nil
	case overlayDoneMsg:
		return m.overlayDone(msg)
	case tea.KeyMsg:
		if m.overlay != noOverlay {
			return m.updateOverlay(msg)
		}
		return m.updateKey(msg)
	}
	return m, nil
}

// decided says what came of a decision taken in the shop and reads the
// game again.
func (m *dashboardModel) decided(d Decided) {
	if d.Err != nil {
		m.message = "Not done: " + d.Err.Error()
	} else {
		m.message = d.Text
	}
	m.refresh()
	m.lessons()
}

// updateOverlay hands a key to the overlay in front. If it asks the
// dashboard something (see overlayDoneMsg), the keys that come wait for
// the request.
func (m dashboardModel) updateOverlay(msg tea.KeyMsg) (dashboardModel, tea.Cmd) {
	front := m.overlay
	sent, decisions := m.sent(front), len(m.g.Log())
	var cmd tea.Cmd
	switch front {
	case shopOverlay:
		var shop shopModel
		shop, cmd = m.shop.Update(msg)
		m.shop = &shop
	case stageOverlay:
		var stage stageModel
		stage, cmd = m.stage.Update(msg)
		m.stage = &stage
	case explainOverlay:
		var explain explainModel
		explain, cmd = m.explain.Update(msg)
		m.explain = &explain
	case chartOverlay:
		var big bigChart
		big, cmd = m.big.Update(msg)
		m.big = &big
	}
	if len(m.g.Log()) != decisions {
		m.refresh() // a purchase shows in the header in the same frame as in the shop
	}
	m.heard(front, sent)
	return m, cmd
}

// sent is how many requests o has sent the dashboard (asker.sent).
func (m dashboardModel) sent(o overlay) int {
	switch o {
	case shopOverlay:
		return m.shop.asks.sent
	case stageOverlay:
		return m.stage.asks.sent
	case explainOverlay:
		return m.explain.asks.sent
	case chartOverlay:
		return m.big.asks.sent
	case questionBox:
		return m.choice.asks.sent
	}
	return 0
}

// heard notes whether o, which had sent before, sent a request as it
// handled a key: the keys that come wait for it.
func (m *dashboardModel) heard(o overlay, before int) bool {
	if m.sent(o) == before {
		return false
	}
	m.awaiting = o
	return true
}

// awaits reports whether an overlay's request is on its way: the keys
// that come wait for it (Model.holds).
func (m dashboardModel) awaits() bool { return m.awaiting != noOverlay }

// front is what takes the keys: the overlay, or else the question box
// when it is on screen and nothing is over it (see updateKey).
func (m dashboardModel) front() overlay {
	switch {
	case m.overlay != noOverlay:
		return m.overlay
	case !m.advice.open() && !m.tutor.open && !m.round.shown && m.choice.shown():
		return questionBox
	}
	return noOverlay
}

// overlayDone does what the overlay asked; the keys held meanwhile come
// next (Model.release). A request nothing waits for is stale, and so is
// one from an overlay closed some other way since (a lesson that opened
// closes the shop): then only what a decision did is said, as it was done.
func (m dashboardModel) overlayDone(msg overlayDoneMsg) (dashboardModel, tea.Cmd) {
	if msg.from == noOverlay || msg.from != m.awaiting {
		return m, nil
	}
	m.awaiting = noOverlay
	if msg.decided != nil {
		m.decided(*msg.decided)
	}
	if msg.from != m.front() {
		return m, nil
	}
	switch {
	case msg.explain != "":
		m.explain = ptr(*m.explain)
		m.explain.open(msg.explain, overlayNames[msg.from])
		m.under, m.overlay = m.overlay, explainOverlay
	case msg.close && m.overlay == explainOverlay && m.under != noOverlay:
		m.overlay, m.under = m.under, noOverlay // back to the shop or the stage it explained
	case msg.close && m.overlay == chartOverlay:
		if m.chart != m.big.kind { // the dashboard goes on with the chart last shown large
			m.chart = m.big.kind
			m.composeCharts()
		}
		return m, m.uncover()
	case msg.close:
		return m, m.uncover()
	}
	return m, nil
}

func (m dashboardModel) updateKey(msg tea.KeyMsg) (dashboardModel, tea.Cmd) {
	var cmd tea.Cmd
	switch {
	case m.advice.open():
		m.advice, cmd = m.advice.Update(msg)
		return m, cmd
	case m.tutor.open:
		m.tutor, cmd = m.tutor.Update(msg)
		return m, cmd
	case m.round.shown:
		return m.updateRound(msg)
	case m.choice.shown():
		return m.updateChoice(msg)
	case m.proposals.shown() && key.Matches(msg, m.proposals.keys.Accept, m.proposals.keys.Decline):
		m.answerProposal(key.Matches(msg, m.proposals.keys.Accept))
		return m, nil
	case m.choice.open() && key.Matches(msg, m.keys.Week, m.keys.Play):
		m.choice.reopen() // nothing moves on until the question is answered
		m.layoutChoice()
		return m, nil
	}
	switch {
	case key.Matches(msg, m.keys.Week):
		return m, m.advance(Time(m.g.Week()+1) * m.g.Scenario().Week())
	case key.Matches(msg, m.keys.Play):
		m.playing = !m.playing
		if m.playing {
			if m.message == m.pausedFor {
				m.message = "" // on with the game
			}
			m.tag++
			return m, m.tick()
		}
	case key.Matches(msg, m.keys.PauseOnNews):
		m.toggleNewsPause()
	case key.Matches(msg, m.keys.Faster):
		m.speed = min(m.speed+1, len(speeds)-1)
	case key.Matches(msg, m.keys.Slower):
		m.speed = max(m.speed-1, 0)
	case key.Matches(msg, m.keys.Up):
		m.focus = (m.focus + len(m.snap.stages) - 1) % len(m.snap.stages)
	case key.Matches(msg, m.keys.Down):
		m.focus = (m.focus + 1) % len(m.snap.stages)
	case key.Matches(msg, m.keys.Stage):
		m.stage = ptr(*m.stage)
		m.stage.open(m.focus)
		m.overlay = stageOverlay
	case key.Matches(msg, m.keys.Shop):
		m.shop = ptr(*m.shop)
		m.shop.open()
		m.overlay = shopOverlay
	case key.Matches(msg, m.keys.Chart):
		m.chart = (m.chart + 1) % chartKinds
		m.composeCharts()
	case key.Matches(msg, m.keys.BigChart):
		m.big = ptr(*m.big)
		m.big.open(m.chart, m.snap)
		m.overlay = chartOverlay
	case key.Matches(msg, m.keys.Advice):
		m.advice = adviceModel{styles: m.styles, keys: defaultAdviceKeys(m.keys.global, m.keys.CloseAdvice), text: advice(m.g)}
		m.advice.SetSize(m.width, m.adviceRoom())
		m.playing = false
	case key.Matches(msg, m.keys.Explain):
		m.explain = ptr(*m.explain)
		m.explain.open(m.snap.stages[m.focus].Name, "")
		m.under, m.overlay = noOverlay, explainOverlay
	case key.Matches(msg, m.keys.Older):
		m.newsBack++
		m.scrollNews()
	case key.Matches(msg, m.keys.Newer):
		m.newsBack--
		m.scrollNews()
	}
	return m, nil
}

// updateChoice hands a key to the question on screen. Once it is
// answered the box has closed: the news and the message line say what the
// answer did, the next question (if two came at once) opens, and
// auto-play, if it was on when the question came, carries on.
func (m dashboardModel) updateChoice(msg tea.KeyMsg) (dashboardModel, tea.Cmd) {
	var cmd tea.Cmd
	sent := m.sent(questionBox)
	m.choice, cmd = m.choice.Update(msg)
	m.choiceBox = ""
	if m.choice.shown() { // the cursor moved or the text scrolled: drawn once, here
		m.choiceBox = m.choice.View()
	}
	if m.heard(questionBox, sent) {
		return m, cmd // x: the explainer opens over the question when the request comes
	}
	answered := m.choice.answer
	if answered != "" {
		m.message, m.choice.answer = answered, ""
		m.refresh()
		m.lessons()
	}
	if m.choice.aside && answered == "" {
		m.message = m.choice.waiting()
	}
	if m.askNow() {
		return m, cmd
	}
	if m.choice.resume && !m.tutor.open {
		m.playing, m.choice.resume = true, false
		return m, tea.Batch(cmd, m.wake())
	}
	return m, cmd
}

// askNow opens the box when the game holds a question, which pauses
// auto-play, and reports whether one waits.
func (m *dashboardModel) askNow() bool {
	if !m.choice.ask(m.playing) {
		m.keys.Week.SetHelp("space", "next week")
		m.keys.Play.SetHelp("p", "play")
		return false
	}
	m.playing = false
	m.keys.Week.SetHelp("space", "answer")
	m.keys.Play.SetHelp("p", "answer")
	m.layoutChoice()
	return true
}

// layoutChoice sizes the choice box: below the map when it fits there, so
// the value stream stays in sight, else over the map too.
func (m *dashboardModel) layoutChoice() {
	if !m.choice.open() {
		return
	}
	below := m.height - 1 - 2 - m.mapHeight() - 1
	m.choice.layout(m.width, below)
	m.choiceBox = m.choice.View()
	m.overMap = lipgloss.Height(m.choiceBox) > below || m.choice.scrolls()
	if m.overMap {
		m.choice.layout(m.width, below+m.mapHeight())
		m.choiceBox = m.choice.View()
	}
}

// choiceView is the choice box as it stands: drawn once when it was laid
// out or last changed, not at every frame.
func (m dashboardModel) choiceView() string {
	if m.choiceBox != "" {
		return m.choiceBox
	}
	return m.choice.View()
}

// mapKept is how many of the map's rows (its heading, then the stages)
// stay in sight above a choice box that does not fit below the map.
func (m dashboardModel) mapKept() int {
	_, ch := m.chartSize()
	return min(max(ch+m.newsHeight()+m.mapHeight()-lipgloss.Height(m.choiceView()), 0), m.mapHeight())
}

// choiceHides says what of the map a choice box over it hides.
func (m dashboardModel) choiceHides() string {
	keep := m.mapKept()
	if keep < 2 || keep-1 >= len(m.snap.stages) {
		return "The box covers the value stream map: esc looks at it."
	}
	return "The box covers the map from " + m.snap.stages[keep-1].Name + " down: esc shows it."
}

// scrollNews keeps the news scrolled within what there is, and enables
// its keys only when there is more than fits.
func (m *dashboardModel) scrollNews() {
	most := max(len(m.snap.news)-(m.newsHeight()-1-m.changesRows()), 0)
	m.newsBack = min(max(m.newsBack, 0), most)
	m.keys.Older.SetEnabled(most > 0)
	m.keys.Newer.SetEnabled(most > 0)
}

// Time is the simulation's time type, for brevity here.
type Time = sim.Time

// uncover goes back to the dashboard; auto-play, held while the
// overlay covered it, carries on.
func (m *dashboardModel) uncover() tea.Cmd {
	m.overlay, m.under = noOverlay, noOverlay
	return m.wake()
}

// wake starts auto-play again, if it was on, once the game can be seen.
func (m *dashboardModel) wake() tea.Cmd {
	if !m.playing {
		return nil
	}
	m.tag++
	return m.tick()
}

func (m dashboardModel) tick() tea.Cmd {
	tag, every := m.tag, m.tickEvery()
	if m.opts.tickNow {
		every = 0
	}
	return tea.Tick(every, func(time.Time) tea.Msg { return tickMsg{tag: tag} })
}

// tickEvery is the wait for auto-play's next tick: its speed's, as the
// room paces it.
func (m dashboardModel) tickEvery() time.Duration {
	return pacedEvery(m.opts.Room, speeds[m.speed].every)
}

// advance plays to time t (or to the end of the game), saves at each week
// boundary it passes, and reports the end of the game. In a room, the game
// moves only while the facilitator lets it. It stops at the minute an
// event asks, and does not move on while a question waits.
func (m *dashboardModel) advance(t Time) tea.Cmd {
	if m.askNow() {
		return nil
	}
	if wait := roomWait(m.opts.Room); wait != "" {
		m.playing = false
		m.message, m.roomWait = wait, wait
		return m.roomEnd()
	}
	if m.atGate() {
		return nil
	}
	takeSchedule(m.opts.Room, m.g)
	week := m.g.Week()
	// Never past the end of this week (nor the round's gate): the week's
	// line takes the map's queues at the week's end, so every week's end is a stop.
	m.g.RunUntil(m.gateTime(min(t, Time(week+1)*m.g.Scenario().Week())))
	var saved tea.Cmd
	if m.g.Week() != week {
		saved = m.saves.save(m.saveFile())
		// What the message line said was about the week just ended ("Set.
		// ...", "Started ...; ready in week 14."): the news keeps it.
		m.message = ""
	}
	m.refresh()
	m.lessons()
	if m.opts.Room != nil {
		m.opts.Room.Progress(m.g)
	}
	if m.askNow() {
		m.message = ""
	}
	if m.atGate() {
		saved = tea.Batch(saved, m.roundStartLead())
	}
	if _, over := m.g.Over(); over {
		m.playing = false
		if m.opts.Room != nil { // the room removes the save once it has stored the result
			return tea.Batch(saved, func() tea.Msg { return gameOverMsg{} })
		}
		// A finished game has nothing to resume (after the save before).
		return tea.Batch(saved, m.saves.remove(), func() tea.Msg { return gameOverMsg{} })
	}
	return saved
}

// roomChanged follows the facilitator: a paused room stops auto-play, an
// ended round ends the game where it is.
func (m dashboardModel) roomChanged() (dashboardModel, tea.Cmd) {
	if wait := roomWait(m.opts.Room); wait != "" {
		m.playing = false
		m.message, m.roomWait = wait, wait
	} else if m.roomWait != "" {
		if m.message == m.roomWait { // still on screen
			m.message = "The facilitator has started the room: play on."
		}
		m.roomWait = ""
	}
	if m.roomWait == "" && !m.atGate() {
		m.releaseRound()
	}
	return m, tea.Batch(m.roomEnd(), m.wake())
}

// roomEnd ends the game when the facilitator has ended the round.
func (m *dashboardModel) roomEnd() tea.Cmd {
	if r := m.opts.Room; r == nil || !r.Status().Ended {
		return nil
	}
	if _, over := m.g.Over(); !over {
		m.g.Stop(fmt.Sprintf("The facilitator ended the round in week %d.", weekOf(m.g)))
		m.refresh()
	}
	return func() tea.Msg { return gameOverMsg{} }
}

// lessons lets the tutor move on; a lesson that opens pauses the game and
// comes to the front: the shop it opened behind (buying CI starts the next
// lesson) closes, so enter reaches the lesson, not the shop.
func (m *dashboardModel) lessons() {
	said, opened := m.tutor.check(m.g)
	if said != "" {
		m.message = said
	}
	if opened {
		m.playing = false
		m.overlay = noOverlay
	}
}

// saveFile is the game as it stands, to be saved.
func (m *dashboardModel) saveFile() *save.File {
	if m.opts.SavePath == "" {
		return nil
	}
	return save.New(m.s.filename, m.s.src, m.g, "")
}

// save writes the game as it stands now, after any save in flight, if it
// is kept at all: for an end of the program the player did not choose.
func (m *dashboardModel) save() error {
	if m.opts.SavePath == "" {
		return nil
	}
	m.saves.save(m.saveFile())
	return m.saves.flush()
}

// refresh reads what the dashboard shows from the game.
func (m *dashboardModel) refresh() {
	g := m.g
	gl := g.Glance() // not the whole Result: this runs every day played
	sn := snapshot{
		stamp: snapshotStamps.Add(1),
		name:  g.Scenario().Name, company: g.Scenario().CompanyName(), week: g.Week(), weeks: g.Weeks(), hoursPerWeek: g.Scenario().HoursPerWeek,
		cash: g.Cash(), share: g.Share(), lastShare: g.Scenario().Company.MarketShare,
		costs: g.WeeklyCosts(), dora: gl.DORA, flow: gl,
		started: gl.DORA.Weeks > 0, stages: g.Stages(), competitors: g.Competitors(), news: whoNews(g.News(), g.Log(), m.opts.Team), incidents: g.OpenIncidents(),
		marks: decisionMarks(g.Log(), g.News()), building: g.Building(),
	}
	if g.Scenario().HasGame() {
		sn.share = gl.MarketShare // rounded as the weekly rows are: one rounding for one figure
	}
	weekChanged := sn.week != m.snap.week || m.chartBlock == ""
	sn.weekly = m.snap.weekly // a row a week: read again when the week changes
	if weekChanged || sn.weekly == nil {
		sn.weekly = g.WeeksPlayed()
	}
	if n := len(sn.weekly); n >= 2 {
		sn.lastShare = sn.weekly[n-2].MarketShare
	}
	m.snap = sn
	m.markWeek()
	m.scrollNews()
	if weekChanged { // the charts are weekly: nothing to redraw within a week
		m.drawCharts()
	}
}

// drawCharts marks the charts for redrawing and lays them out again; a
// chart is drawn only when it is shown. The week's "what changed" line,
// weekly too, is made with them.
func (m *dashboardModel) drawCharts() {
	m.charts = [chartKinds]string{}
	m.composeCharts()
	if m.overlay == chartOverlay {
		m.big = ptr(*m.big)
		m.big.show(m.snap)
	}
	m.changes = m.changesLine(m.width - 1)
}

// chartOf is chart k, drawn if it is not yet.
func (m *dashboardModel) chartOf(k chartKind) string {
	if m.charts[k] == "" {
		w, h := m.chartSize()
		d := chartOf(k, &m.snap)
		if !m.allCharts() { // the hint before the legend, which wraps below it
			d.title += m.styles.Ink.Subtle.paint(fmt.Sprintf("  (%d/%d, tab: next, c: larger)", k+1, chartKinds))
		}
		m.charts[k] = plotChart(m.styles, d, w, h, weeksShown(&m.snap))
	}
	return m.charts[k]
}

// composeCharts lays out the charts area: all three side by side on a wide
// terminal, else the chosen one with a hint that tab shows the next.
func (m *dashboardModel) composeCharts() {
	cw, ch := m.chartSize()
	if m.allCharts() {
		// Each chart fitted to cw×ch: side by side is line by line.
		var cols [chartKinds][]string
		for k := range chartKinds {
			cols[k] = strings.Split(Fit(m.chartOf(k), cw, ch), "\n")
		}
		rows := make([]string, max(ch, 0))
		for i := range rows {
			rows[i] = cols[0][i] + "  " + cols[1][i] + "  " + cols[2][i]
		}
		m.chartBlock = strings.Join(rows, "\n")
		return
	}
	c := m.chartOf(m.chart)
	m.chartBlock = Fit(c, m.width, ch)
}

// Layout. The rows from top to bottom: header (1), DORA (2), the map
// (a line per stage and its heading), the charts, the news, the message.
func (m dashboardModel) mapHeight() int { return len(m.snap.stages) + 1 }

func (m dashboardModel) newsHeight() int {
	return max(3, (m.height-1-2-m.mapHeight()-1)/4)
}

func (m dashboardModel) chartSize() (w, h int) {
	h = m.height - 1 - 2 - m.mapHeight() - m.newsHeight() - 1
	if m.allCharts() {
		return (m.width - 4) / 3, h
	}
	return m.width, h
}

// allCharts: the three charts side by side when the terminal is wide.
func (m dashboardModel) allCharts() bool { return m.width >= 120 }

func (m dashboardModel) View() string {
	if m.overlay == shopOverlay {
		msg, shop := m.messageView(), *m.shop           // a copy to size, not the model's
		if rows := strings.Count(msg, "\n"); rows > 0 { // the shop's list gives the message its second row
			shop.SetSize(m.width, m.height-2-rows)
		}
		return m.header() + "\n" + shop.View() + "\n" + msg
	}
	if m.overlay == stageOverlay {
		return m.header() + "\n" + m.stage.View()
	}
	if m.overlay == explainOverlay {
		return m.header() + "\n" + m.explain.View()
	}
	if m.overlay == chartOverlay {
		return m.header() + "\n" + m.big.View()
	}
	parts := []string{m.header(), m.doraView(), m.mapView()}
	if m.tutor.open {
		_, ch := m.chartSize()
		// The lesson takes the message line too: it says what to do now.
		return strings.Join(append(parts[:2], m.tutor.view(m.styles, m.g, parts[2], m.width, ch+m.newsHeight()+1)), "\n")
	}
	if m.advice.open() {
		if m.adviceOverMap() {
			parts = parts[:2]
		}
		parts = append(parts, m.advice.View())
	} else if m.round.shown {
		_, ch := m.chartSize()
		parts = append(parts, m.round.View(m.width, ch+m.newsHeight()))
	} else if m.proposals.shown() && !m.choice.shown() {
		_, ch := m.chartSize()
		parts = append(parts, place(m.width, ch, lipgloss.Center, lipgloss.Center, m.proposals.View(m.styles, m.g.Scenario(), m.width)), m.newsView())
	} else if m.choice.shown() {
		_, ch := m.chartSize()
		h := ch + m.newsHeight()
		if m.overMap { // the map's first rows stay in sight above the box, as many as it leaves
			keep, mapRows := m.mapKept(), parts[2]
			parts, h = parts[:2], h+m.mapHeight()-keep
			if keep > 0 {
				parts = append(parts, strings.Join(strings.SplitN(mapRows, "\n", keep+1)[:keep], "\n"))
			}
		}
		parts = append(parts, m.placedChoice(h))
	} else {
		parts = append(parts, m.chartBlock, m.newsView())
	}
	msg := m.messageView()
	return strings.Join(append(dropLines(parts, msg), msg), "\n")
}

// adviceBelowMap is the room for the advice below the map.
func (m dashboardModel) adviceBelowMap() int {
	_, ch := m.chartSize()
	return ch + m.newsHeight() + 1
}

// adviceOverMap reports whether the advice is taller than the room below
// the map: then it covers the map too, rather than be cut.
func (m dashboardModel) adviceOverMap() bool { return m.advice.rows(m.width) > m.adviceBelowMap() }

// adviceRoom is the rows the advice has: below the map, or over it too;
// taller than that, it scrolls.
func (m dashboardModel) adviceRoom() int {
	if m.adviceOverMap() {
		return m.adviceBelowMap() + m.mapHeight()
	}
	return m.adviceBelowMap()
}

// dropLines takes as many lines off the end of the parts, joined by new
// lines, as msg has beyond its first: a message on two lines takes a row
// from what is above it. Taken off the parts, so that the frame is joined
// once.
func dropLines(parts []string, msg string) []string {
	for range strings.Count(msg, "\n") {
		last := len(parts) - 1
		switch i := strings.LastIndexByte(parts[last], '\n'); {
		case i >= 0:
			parts[last] = parts[last][:i]
		case last > 0: // the last part is one line: it goes, with the new line before it
			parts = parts[:last]
		}
	}
	return parts
}

// header is the header line, drawn again when what it shows changes.
func (m dashboardModel) header() string {
	sn := &m.snap
	key := headerKey{
		company: sn.company, player: m.opts.Player, share: sn.share, lastShare: sn.lastShare,
		roundWeek: m.round.week, round: m.round.round, asking: m.choice.open(), playing: m.playing, speed: m.speed,
		week: m.weekInPlay(), weeks: sn.weeks, cash: sn.cash, costs: sn.costs, incidents: sn.incidents, width: m.width, slowed: m.slowed(), held: m.waitsBehind(),
	}
	if m.panes == nil {
		return m.drawHeader()
	}
	m.panes.mu.Lock()
	defer m.panes.mu.Unlock()
	h := &m.panes.header
	if h.view == "" || h.from != key {
		h.from, h.view = key, m.drawHeader()
	}
	return h.view
}

// waitsBehind reports whether auto-play is on but waits, as it does while
// a screen (the shop, the explainer, the large chart) is over the dashboard.
func (m dashboardModel) waitsBehind() bool { return m.playing && m.overlay != noOverlay }

// slowed reports whether the room paces this game's auto-play to half
// its speed or less (see pacedRoom).
func (m dashboardModel) slowed() bool {
	every := speeds[m.speed].every
	return m.playing && pacedEvery(m.opts.Room, every) >= 2*every
}

// headerKey is what the header shows.
type headerKey struct {
	company, player    string
	share, lastShare   float64
	roundWeek, round   int
	asking, playing    bool
	speed, week, weeks int
	cash               int64
	costs              sim.Costs
	incidents, width   int
	slowed, held       bool
}

func (m dashboardModel) drawHeader() string {
	s := m.styles
	sn := &m.snap
	trend := "="
	switch {
	case sn.share > sn.lastShare+0.0005:
		trend = "▲"
	case sn.share < sn.lastShare-0.0005:
		trend = "▼"
	}
	// The play state, and its short form for a header that is full.
	state, shortState := "■ paused", "■ paused"
	switch {
	case m.round.week != 0:
		state = fmt.Sprintf("■ round %d over", m.round.round)
		shortState = state
	case m.choice.open():
		state, shortState = "? answer waiting", "? answer"
	case m.waitsBehind(): // the header says so, rather than "playing" while no week moves
		state, shortState = "■ auto-play waits: esc plays on", "■ waits (esc)"
	case m.playing && m.slowed():
		// The room is short of CPU and paces every game: the header says
		// so, rather than show a speed the game is not playing at.
		state, shortState = "▶ playing "+speeds[m.speed].label+", room slowed", "▶ "+speeds[m.speed].label+" (slowed)"
	case m.playing:
		state, shortState = "▶ playing "+speeds[m.speed].label, "▶ "+speeds[m.speed].label
	}
	items := []string{
		" " + sn.company,
	}
	if m.opts.Player != "" {
		items[0] += " · " + m.opts.Player
	}
	week := len(items)
	items = append(items, fmt.Sprintf("week %d/%d", m.weekInPlay(), sn.weeks))
	stateAt := len(items)
	if m.choice.open() { // first, where even the narrowest header has room for it
		items = append(items, state)
	}
	cash := len(items)
	items = append(items, prose.Money(sn.cash)+runwayWords(sn.costs, sn.cash), "share "+sharePercent(sn.share)+" "+trend)
	if !m.choice.open() {
		stateAt = len(items)
		items = append(items, state)
	}
	if sn.incidents > 0 {
		items = append(items, "▲ "+prose.Count(sn.incidents, "outage", "outages"))
	}
	line := strings.Join(items, "  │  ")
	if cellWidth(line) > m.width { // narrow: the play state must stay in view
		line = strings.Join(items, " │ ")
	}
	if cellWidth(line) > m.width { // the runway in short: where the player decides, it stays
		items[cash] = prose.Money(sn.cash) + strings.Replace(runwayWords(sn.costs, sn.cash), " left", "", 1)
		line = strings.Join(items, " │ ")
	}
	if cellWidth(line) > m.width { // spend and income are on the money line below
		items[cash] = prose.Money(sn.cash)
		line = strings.Join(items, " │ ")
	}
	if over := cellWidth(line) - m.width; over > 0 && m.opts.Player != "" { // the player's name first
		items[0] = " " + sn.company + " · " + truncateLine(m.opts.Player, max(cellWidth(m.opts.Player)-over, 2))
		line = strings.Join(items, " │ ")
	}
	if cellWidth(line) > m.width { // the company's name before the words around the figures
		items[week] = fmt.Sprintf("w%d/%d", m.weekInPlay(), sn.weeks)
		items[stateAt] = shortState
		line = strings.Join(items, " │ ")
	}
	if cellWidth(line) > m.width { // the cash in thousands, as the money line counts it
		items[cash] = kilo(sn.cash)
		line = strings.Join(items, " │ ")
	}
	if over := cellWidth(line) - m.width; over > 0 { // last, the company's name gives way
		items[0] = truncateLine(items[0], max(cellWidth(items[0])-over, 2))
		line = strings.Join(items, " │ ")
	}
	return s.Ink.Header.paint(padRight(line, m.width))
}

// weekInPlay is the week the header counts in, as the news, the events,
// the charts and the debrief do (1 = the first): the week being played,
// or about to be, and once the game is over the week it ended in.
func (m dashboardModel) weekInPlay() int {
	if _, over := m.g.Over(); over {
		return weekOf(m.g)
	}
	return min(m.snap.week+1, m.snap.weeks)
}

// weekOf is the week (1 = the first) the game's time is in, a week's last
// minute included: the week a game that ended now ended in.
func weekOf(g *sim.Game) int {
	wk := g.Scenario().Week()
	return max(1, int((g.Now()+wk-1)/wk))
}

// sharePercent writes a market share as every line of the dashboard does,
// from the share as the engine reports it (to four places), so that the
// header and the week's line round the same figure once: "31.7%".
func sharePercent(share float64) string {
	return fmt.Sprintf("%.1f%%", float64(shareTenths(share))/10)
}

// shareTenths is a market share in tenths of a point, rounded as the
// screens show it.
func shareTenths(share float64) int64 { return int64(math.Round(1000 * share)) }

// shareChange is the change between two shares as shown: each rounded to a
// tenth of a point, then subtracted, so 34.5% to 33.4% reads −1.1 pt.
func shareChange(now, before float64) string {
	return signedPoints(float64(shareTenths(now)-shareTenths(before)) / 10)
}

// bandsMeasured is the DORA keys as the screens show them: before a week
// has been played there is nothing to count deploys over and no outage to
// time, so no key has a band, and neither has the whole.
func bandsMeasured(d sim.DORA, started bool) sim.DORA {
	if !started {
		d.DeployBand, d.RestoreBand, d.OverallBand = sim.NoBand, sim.NoBand, sim.NoBand
	}
	return d
}

// runwayWords is the runway beside the cash, when the company is burning
// money: " (12w left)".
func runwayWords(c sim.Costs, cash int64) string {
	if weeks, ok := runwayWeeks(c.Runway(cash)); ok {
		return fmt.Sprintf(" (%dw left)", weeks)
	}
	return ""
}

// doraWindow names the weeks the DORA keys are measured over, as the DORA
// line's title: "13 wk" (long: "last 13 weeks"), fewer before the 13th week
// has been played. It is a length, never a week's number ("w13"), so that
// the keys are not taken for the week's line in the news.
func doraWindow(d sim.DORA, long bool) string {
	if long {
		return "last " + prose.Count(d.Weeks, "week", "weeks")
	}
	return fmt.Sprintf("%d wk", d.Weeks)
}

// doraView is two lines: the DORA keys with their bands, then flow and
// money. Each value goes with its band's word, so colour is never the only
// signal. The deployments are the count in the window, as the band is
// placed from: a rounded rate a week would read the same on either side of
// a band's edge.
func (m dashboardModel) doraView() string {
	return m.fromSnapshot(func(p *drawnPanes) *snapshotPane { return &p.dora }, 0, dashboardModel.drawDORA)
}

func (m dashboardModel) drawDORA() string {
	s := m.styles
	shown := bandsMeasured(m.snap.dora, m.snap.started)
	d := &shown
	key := func(name, value string, b sim.Band) string {
		if b == sim.NoBand { // no value: no band either
			return name + " " + s.Ink.Subtle.paint(value)
		}
		return name + " " + s.Ink.Bold.paint(value) + " " + s.band(b)
	}
	lead := report.MetricHours(d.LeadTimeForChanges, m.snap.hoursPerWeek)
	failing := report.MetricPercent(d.ChangeFailureRate)
	deploys, overall := fmt.Sprint(d.Deploys), s.band(d.OverallBand)
	title := s.Ink.PanelTitle.paint("DORA "+doraWindow(*d, m.width >= 100)+":") + " " + overall
	if !m.snap.started {
		deploys, overall = report.NoValue, s.Ink.Subtle.paint(report.NoValue)
		title = s.Ink.PanelTitle.paint("DORA") + " " + overall
	}
	if m.width >= 100 { // room to say why
		if !d.LeadTimeForChanges.Valid {
			lead = "none yet"
		}
		if !d.ChangeFailureRate.Valid {
			failing = "no deploys yet"
		}
		if !m.snap.started {
			deploys = "none yet"
			title = s.Ink.PanelTitle.paint("DORA") + " " + s.Ink.Subtle.paint("nothing measured yet")
		}
	}
	restore := report.MetricHours(d.TimeToRestore, m.snap.hoursPerWeek)
	restoreName := "restore"
	if d.RestoreExpected() { // no outage to time yet: what today's tooling would take
		restoreName = "restore (expected)"
	}
	keys := []string{
		title,
		key("deploys", deploys, d.DeployBand),
		key("commit→prod", lead, d.LeadTimeBand), // DORA's lead time for changes
	}
	failingKey := key("failing", failing, d.FailureBand)
	line1 := strings.Join(append(keys, failingKey), " │ ")
	below := ""                     // the failure rate, when it goes below
	if cellWidth(line1) > m.width { // every band in medium: the failure rate goes below, whole
		line1, below = strings.Join(keys, " │ "), failingKey+" │ "
	}
	sum := &m.snap.flow
	c := &m.snap.costs
	shipped := shippedWords(m.snap.weekly)
	flow := []string{
		shipped,
		fmt.Sprintf("in progress %d", sum.WIPEnd),
		fmt.Sprintf("flow efficiency %.0f%%", 100*sum.FlowEfficiency),
	}
	if _, ok := shippedPerWeek(m.snap.weekly); !ok { // a share of the time of work done: none done, no share
		flow[2] = "flow efficiency " + report.NoValue
	}
	money := fmt.Sprintf("spend %s/wk · income %s/wk", kilo(c.Total()), kilo(c.Revenue))
	line2 := flowLine(below+key(restoreName, restore, d.RestoreBand), flow, money, m.width, s.Ink.Subtle)
	if d.RestoreExpected() { // where there is room for every figure, the key's whole name
		if long := flowLine(below+key("time to restore (expected)", restore, d.RestoreBand), flow, money, m.width, s.Ink.Subtle); strings.Contains(long, flow[len(flow)-1]) {
			line2 = long
		}
	}
	return truncateLine(line1, m.width) + "\n" + truncateLine(line2, m.width)
}

// shippedPerWeek is the throughput as the dashboard and the explainer
// give it: the work that finished the last stage (reached customers), a
// week over the weeks played, counted from the weekly rows as the lead
// time chart and the DORA line are, so it does not move mid-week before
// they do; ok is false until some work has.
func shippedPerWeek(weekly []sim.WeekResult) (perWeek float64, ok bool) {
	done := 0
	for _, w := range weekly {
		done += w.Completed
	}
	if done == 0 {
		return 0, false
	}
	return float64(done) / float64(len(weekly)), true
}

// shippedWords is the throughput on the dashboard: "shipped 6.8/wk".
func shippedWords(weekly []sim.WeekResult) string {
	if v, ok := shippedPerWeek(weekly); ok {
		return fmt.Sprintf("shipped %.1f/wk", v)
	}
	return "shipped none yet"
}

// shippedNow is the throughput in the explainer's words.
func shippedNow(weekly []sim.WeekResult) string {
	if v, ok := shippedPerWeek(weekly); ok {
		return fmt.Sprintf("So far %.1f a week.", v)
	}
	return "Nothing has reached production yet."
}

// flowLine is the DORA view's second line: the restore key, the flow and
// the money. Where it does not fit, the flow's figures go from the last
// (flow efficiency, then work in progress, then throughput), then the
// restore key, so that spend and income (in a startup, the figures that
// matter) are never cut.
func flowLine(restore string, flow []string, money string, width int, subtle ink) string {
	for {
		line := restore + " │ " + subtle.paint(strings.Join(append(flow[:len(flow):len(flow)], money), " · "))
		if cellWidth(line) <= width {
			return line
		}
		if len(flow) == 0 {
			return subtle.paint(money)
		}
		flow = flow[:len(flow)-1]
	}
}

// kilo writes dollars in thousands: $55k.
func kilo(d int64) string {
	return prose.MoneyShort(d) // $1.64M rather than $1639k
}

// mapWaitHours is the map's wait column: the mean queue wait lately, or at
// a batch stage holding work, how long that work has waited so far (its
// queue wait is nil: the wait there is the hold).
func mapWaitHours(st sim.StageView) float64 {
	if st.BatchEvery > 0 && st.Held > 0 {
		return st.WaitingNowHours
	}
	return st.RecentWait()
}

// Columns of the value stream map.
const (
	mapName  = 22
	mapIn    = 6
	mapWait  = 7
	mapBusy  = 6
	mapFixed = 2 + mapName + 1 + 1 + mapIn + mapWait + mapBusy
)

// mapLegend is the map's header over the queues, in width cells: the
// widest legend that fits with the window of the wait and busy columns
// beside them, or without it where there is no room (at 80 columns).
func mapLegend(width int) string {
	const window = "wait, busy: 4 wk "
	legends := []string{"queue  ▪ waiting  ▫ other teams  ■ held for release", "queue ▪ waiting ▫ others ■ held", "▪ waiting ▫ others ■ held"}
	for _, l := range legends {
		if gap := width - cellWidth(l) - cellWidth(window); gap >= 2 {
			return l + strings.Repeat(" ", gap) + window
		}
	}
	for _, l := range legends {
		if cellWidth(l) <= width {
			return l
		}
	}
	return legends[len(legends)-1]
}

func (m dashboardModel) mapView() string {
	return m.fromSnapshot(func(p *drawnPanes) *snapshotPane { return &p.stages }, m.focus, dashboardModel.drawMap)
}

func (m dashboardModel) drawMap() string {
	s := m.styles
	noteW := m.noteWidth()
	queueW := max(m.width-mapFixed-noteW, 8)
	var b strings.Builder
	legend := mapLegend(queueW + 1)
	b.WriteString(s.Ink.Subtle.paint(padRight("  stage", 2+mapName+1) + padRight(legend, queueW+1) +
		padLeft("in", mapIn) + padLeft("wait", mapWait) + padLeft("busy", mapBusy)))
	for i, st := range m.snap.stages {
		b.WriteString("\n")
		sel := "  "
		name := st.Name
		if specs := m.g.Scenario().Stages; i < len(specs) {
			name = stageNow(&specs[i], st, mapName-2)
		}
		if len(st.Building) > 0 {
			name += " ◆"
		}
		name = padRight(name, mapName)
		if i == m.focus {
			sel = "▸ "
			name = s.Ink.Selected.paint(name)
		}
		b.WriteString(sel + name + " ")
		b.WriteString(padRight(m.queueGlyphs(st, queueW), queueW) + " ")
		in := fmt.Sprintf("%d/%d", st.Busy, st.Holding()) // people called away finish their item first
		if st.Unlimited {
			in = fmt.Sprintf("%d/∞", st.Busy)
		}
		b.WriteString(padLeft(in, mapIn))
		b.WriteString(padLeft(report.Duration(mapWaitHours(st), m.snap.hoursPerWeek), mapWait))
		b.WriteString(padLeft(m.busy(st), mapBusy))
		if noteW > 0 {
			b.WriteString("  " + s.Ink.Subtle.paint(stageNote(st, noteW-2)))
		}
	}
	return b.String()
}

// queueGlyphs draws a stage's waiting work, one glyph per item, so a
// pile-up shows at a glance; what does not fit is counted.
func (m dashboardModel) queueGlyphs(st sim.StageView, w int) string {
	s := m.styles
	ours := st.Queue - st.Outside + st.Blocked + st.Backlog
	kinds := []struct {
		n     int
		glyph string
		ink   ink
	}{{ours, "▪", s.Ink.Queue}, {st.Outside, "▫", s.Ink.Outside}, {st.Held, "■", s.Ink.Held}}
	total := ours + st.Outside + st.Held
	if total == 0 {
		return s.Ink.Subtle.paint("·")
	}
	room := w
	if total > w {
		room = w - len(fmt.Sprintf("+%d", total)) - 1
	}
	var b strings.Builder
	shown := 0
	for _, k := range kinds {
		n := min(k.n, room-shown)
		if n > 0 {
			b.WriteString(k.ink.paint(strings.Repeat(k.glyph, n)))
			shown += n
		}
	}
	if shown < total {
		fmt.Fprintf(&b, " +%d", total-shown)
	}
	return b.String()
}

// busy is the stage's recent utilisation, with a warning sign that does
// not rely on colour.
func (m dashboardModel) busy(st sim.StageView) string {
	s := m.styles
	if st.Unlimited {
		return s.Ink.Subtle.paint("auto")
	}
	u := st.RecentUtilization()
	text := fmt.Sprintf("%.0f%%", 100*u)
	switch {
	case u >= 0.9:
		return s.Ink.Bad.paint(text + "!")
	case u >= 0.8:
		return s.Ink.Warn.paint(text)
	}
	return s.Ink.Good.paint(text)
}

// The map's note column: at least mapNoteMin cells where it shows, and
// wider while a note needs it ("◆ building" and an investment's whole
// name), as long as the queue keeps mapQueueMin cells.
const (
	mapNoteMin  = 28
	mapQueueMin = 24
)

// noteWidth is the width of the map's note column, 0 where it does not
// show.
func (m dashboardModel) noteWidth() int {
	if m.width < 110 {
		return 0
	}
	w := mapNoteMin
	for _, st := range m.snap.stages {
		w = max(w, 2+cellWidth(stageNote(st, math.MaxInt)))
	}
	return min(w, max(m.width-mapFixed-mapQueueMin, mapNoteMin))
}

// stageNote says what is special about a stage now, in w cells: whole
// notes, most telling first, and whole names ("◆ building Test automatio…"
// was one cut).
func stageNote(st sim.StageView, w int) string {
	var notes []string
	if len(st.Building) > 0 {
		note := buildingNote(st.Building, 0)
		for more := 1; cellWidth(note) > w && more < len(st.Building); more++ {
			note = buildingNote(st.Building[:len(st.Building)-more], more)
		}
		if cellWidth(note) > w {
			note = fmt.Sprintf("◆ building %d", len(st.Building))
		}
		notes = append(notes, note)
	}
	if st.Away > 0 && len(st.Building) == 0 {
		notes = append(notes, fmt.Sprintf("%d away", st.Away))
	}
	if st.WIPLimit > 0 {
		notes = append(notes, fmt.Sprintf("WIP ≤ %d", st.WIPLimit))
	}
	if st.Held > 0 {
		notes = append(notes, fmt.Sprintf("%d held", st.Held))
	}
	line := ""
	for _, n := range notes {
		if next := strings.TrimPrefix(line+" · "+n, " · "); cellWidth(next) <= w {
			line = next
		}
	}
	return line
}

// buildingNote names the investments a team is building, and how many
// more it builds than it names.
func buildingNote(names []string, more int) string {
	note := "◆ building " + strings.Join(names, ", ")
	if more > 0 {
		note += fmt.Sprintf(" and %d more", more)
	}
	return note
}

func (m dashboardModel) newsView() string {
	h := m.newsHeight()
	task := m.tutor.task(m.g)
	// The items it can show: at most a row each.
	news := m.snap.news[:max(len(m.snap.news)-m.newsBack, 0)]
	news = news[max(len(news)-h, 0):]
	all := m.panes
	if all == nil {
		all = &drawnPanes{}
	}
	all.mu.Lock()
	defer all.mu.Unlock()
	p := &all.news
	if p.view == "" || p.width != m.width || p.height != h || p.back != m.newsBack || p.task != task ||
		p.changes != m.changes || !slices.Equal(p.items, news) {
		p.width, p.height, p.back, p.task, p.changes = m.width, h, m.newsBack, task, m.changes
		p.items = append(p.items[:0], news...)
		p.view = m.drawNews(h, task, news)
	}
	return p.view
}

// snapshotStamps numbers the snapshots of every dashboard in the process,
// so that no two have the same stamp, whichever model they were read by.
var snapshotStamps atomic.Uint64

// drawnPanes are panes of the dashboard as last drawn, each with what it
// was drawn from, so that a frame draws again only the panes whose inputs
// changed: a tick that brings no news draws no news. Shared by the copies
// of the model; a copy draws again what differs for it.
type drawnPanes struct {
	mu     sync.Mutex
	news   newsPane
	header struct {
		from headerKey
		view string
	}
	// The map and the DORA lines show the snapshot: drawn once for each
	// snapshot, focus and width (a message that moves nothing draws neither).
	stages, dora snapshotPane
	// The choice box placed in its area, while it waits.
	choice struct {
		box           string
		width, height int
		view          string
	}
}

// placedChoice is the choice box placed in the h rows under the map (or
// over it): placed again when the box or the area changes.
func (m dashboardModel) placedChoice(h int) string {
	box := m.choiceView()
	if m.panes == nil {
		return place(m.width, h, lipgloss.Center, lipgloss.Top, box)
	}
	m.panes.mu.Lock()
	defer m.panes.mu.Unlock()
	c := &m.panes.choice
	if c.view == "" || c.box != box || c.width != m.width || c.height != h {
		c.box, c.width, c.height = box, m.width, h
		c.view = place(m.width, h, lipgloss.Center, lipgloss.Top, box)
	}
	return c.view
}

type snapshotPane struct {
	stamp        uint64
	focus, width int
	view         string
}

// fromSnapshot is the pane which of the panes shows for the snapshot,
// focus and width: drawn if it was drawn for another.
func (m dashboardModel) fromSnapshot(which func(*drawnPanes) *snapshotPane, focus int, draw func(dashboardModel) string) string {
	if m.panes == nil {
		return draw(m)
	}
	m.panes.mu.Lock()
	defer m.panes.mu.Unlock()
	p := which(m.panes)
	if p.view == "" || p.stamp != m.snap.stamp || p.focus != focus || p.width != m.width {
		*p = snapshotPane{stamp: m.snap.stamp, focus: focus, width: m.width, view: draw(m)}
	}
	return p.view
}

type newsPane struct {
	width, height, back int
	task, changes, view string
	items               []sim.News
}

// drawNews is the news pane, h rows: the lesson's task, the week's
// changes and the latest items, the newest first.
func (m dashboardModel) drawNews(h int, task string, news []sim.News) string {
	s := m.styles
	title := s.Ink.PanelTitle.paint("News")
	var lines []string
	if task != "" {
		// The lesson's task, whole: wrapped under itself onto a second row
		// (a news row) when it is wider than the screen.
		const indent = len("News   ")
		for i, l := range strings.SplitN(hangWrap("▸ "+task, m.width-indent, 0), "\n", 2) {
			if i == 0 {
				lines = append(lines, title+"   "+s.Ink.Accent.paint(l))
			} else {
				lines = append(lines, strings.Repeat(" ", indent)+s.Ink.Accent.paint(cutWords("  "+strings.Join(strings.Fields(l), " "), m.width-indent)))
			}
		}
	} else {
		lines = append(lines, title)
	}
	if m.newsBack > 0 {
		lines[0] += "   " + s.Ink.Subtle.paint(fmt.Sprintf("%d newer · pgdn", m.newsBack))
	}
	for i := range lines {
		lines[i] = truncateLine(lines[i], m.width)
	}
	if line := m.changes; line != "" {
		lines = append(lines, " "+s.Ink.Accent.paint(line))
	}
	for i := len(news) - 1; i >= 0 && len(lines) < h; i-- {
		// An item wider than the screen goes on to a second line, under
		// its text, if there is a row for it; what is cut ends on a word.
		n := news[i]
		head := fmt.Sprintf(" %s w%-2d ", newsIcon(n.Kind), n.Week)
		w := m.width - cellWidth(head)
		first, rest, _ := strings.Cut(ansi.Wordwrap(n.Text, max(w, 1), ""), "\n")
		if rest == "" {
			lines = append(lines, truncateLine(head+first, m.width))
			continue
		}
		if len(lines)+1 == h {
			lines = append(lines, head+cutWords(n.Text, w))
			continue
		}
		lines = append(lines, truncateLine(head+first, m.width),
			strings.Repeat(" ", cellWidth(head))+cutWords(strings.Join(strings.Fields(rest), " "), w))
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// changesRows is the rows the week's "what changed" line takes in the news.
func (m dashboardModel) changesRows() int {
	if len(m.snap.weekly) < 2 {
		return 0
	}
	return 1
}

func newsIcon(kind sim.NewsKind) string {
	switch kind {
	case sim.IncidentNews:
		return "▲"
	case sim.InvestmentNews:
		return "◆"
	case sim.EventNews:
		return "●"
	case sim.DecisionNews:
		return "▸"
	case sim.MarketNews:
		return "$"
	}
	return "•"
}

func (m dashboardModel) messageView() string {
	s := m.styles
	switch {
	case m.message == "" && m.choice.shown() && m.overMap:
		return truncateLine(s.Ink.Accent.paint(m.choiceHides()), m.width)
	case m.message == "" && m.choice.shown():
		return s.Ink.Accent.paint("The game waits for your answer.")
	case m.message == "" && m.choice.open():
		return truncateLine(s.Ink.Accent.paint(m.choice.waiting()), m.width)
	}
	if m.message == "" {
		building := make([]string, 0, len(m.snap.building))
		for _, b := range m.snap.building {
			when := fmt.Sprintf("w%d", b.ReadyWeek)
			if b.ReadyWeek == 0 {
				when = "no improvement time"
			}
			building = append(building, fmt.Sprintf("%s (%s)", b.Name, when))
		}
		if len(building) > 0 {
			return messageLines(beingBuilt(building, m.width), m.width, s.Ink.Subtle.paint)
		}
		return s.Ink.Subtle.paint("Space plays a week. Press i to invest, a for advice.")
	}
	return messageLines(m.message, m.width, s.Ink.Accent.paint)
}

// beingBuilt names the investments being built, as many as fit two lines
// of w cells whole, and counts the rest (the shop lists them all).
func beingBuilt(building []string, w int) string {
	text := ""
	for k := len(building); k >= 1; k-- {
		text = "Being built: " + strings.Join(building[:k], ", ")
		if k < len(building) {
			text += fmt.Sprintf(" and %d more (shop: i)", len(building)-k)
		}
		if strings.Count(ansi.Wordwrap(text, max(w, 1), ""), "\n") < 2 {
			break
		}
	}
	return text
}

// messageLines is a message on one line, or two when it is longer (a
// refusal says why in full), the second cut on a word if it must be.
func messageLines(msg string, w int, paint func(string) string) string {
	lines := strings.SplitN(ansi.Wordwrap(msg, max(w, 1), ""), "\n", 2)
	if len(lines) == 2 {
		lines[1] = cutWords(strings.Join(strings.Fields(lines[1]), " "), w)
	}
	for i, l := range lines {
		lines[i] = paint(truncateLine(l, w))
	}
	return strings.Join(lines, "\n")
}
