package sim

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/sim/des"
)

// Game is one player's game of a scenario: the value-stream simulation plus
// money, customers, investments, incidents, events and the decisions taken.
// The player changes it only through Apply; time moves with RunUntil or
// AdvanceWeek; everything shown on a screen comes from its read methods.
type Game struct {
	sim   *Sim
	sc    *Scenario
	weeks int // the horizon

	cash       int64
	invested   int64 // paid for investments so far: prices and running costs
	share      float64
	experience float64
	rivals     []rival

	invest []investState
	people []int     // people per staffed stage, hires included
	away   []int     // people away now per stage: investments being built, incidents, events
	scale  []float64 // service multipliers from investments and events, per stage
	imp    improvement

	coverage, parity                       float64
	restoreF, defectF, infraF, regressionF float64
	slicingEnabled                         bool
	slices                                 int // slices per feature; 1 is no slicing

	delivered     int     // changes delivered so far: the codebase grows with them
	deliveredWork float64 // the same, each counted at its size relative to its work type's mean
	escapedBugs   int     // delivered changes that carried a bug customers find
	valueWeek     float64 // value customers received this week
	incidentMins  Time    // incident-minutes open this week
	incidentCost  int64   // what last week's open incidents cost
	openIncidents int

	dora          doraLog
	leads         []Time    // scratch for the week's lead times
	pendingDeploy []float64 // sizes of the changes in the deployment being judged (see riskSize)
	deployPending bool
	outgoing      []outgoing // deployments started, oldest first: those from outHead on are not complete
	outHead       int
	outFirst      int32 // the number of the first in outgoing

	features      []feature
	firstValue    timeLog // per feature delivered: arrival to its first slice in production
	featureLead   timeLog // per feature delivered: arrival to its last slice in production
	saved         float64 // hours of development saved by dropping slices
	droppedSlices int

	hiring   []hire
	arrivals chunkLog[Arrival]
	eventLog []FiredEvent
	log      []LoggedDecision
	news     []News
	reverts  []revert
	pending  []pendingEvent // events waiting for an answer, in firing order
	standing map[int]int    // event → choice, answered before it fired
	risks    []risk         // consequences of answers, to come back

	// The facilitator's schedule (see schedule.go): each event with, in a
	// replay, the decisions of the log to be taken before it fires again
	// (-1: none), counting skipped ones the replay left out.
	schedule []ScheduledEvent
	pins     []int
	skipped  int

	over    bool
	outcome Outcome

	prod, quality, incidentStream, events *des.Stream

	onDeploy, onRestore, onInvestDone, onHireReady, onBug, onImproved des.Handler
}

// rival is a competitor's state.
type rival struct {
	spec       *Competitor
	share      float64
	experience float64
	shares     []float64 // weekly
}

// LoggedDecision is a decision the game accepted, with when it was taken.
// Its JSON (see MarshalJSON) holds the decision itself, kind and
// parameters, beside the words the game said, so that a reader never
// parses the words.
type LoggedDecision struct {
	Week     int  // the week it was taken in (1 = the first)
	At       Time // the minute, so a replay is exact
	Decision Decision
	// Name is what the scenario calls the investment, the stage or the
	// event the decision is about, for a report of the result; Game.Result fills it
	// in, the decision log leaves it empty.
	Name string
	Text string
}

// News is one line of the game's news log.
type News struct {
	Week int      `json:"week"`
	Kind NewsKind `json:"kind"`
	Text string   `json:"text"`
}

// Arrival is a work item arriving from outside: the same for every player
// with the same seed, whatever they decide.
type Arrival struct {
	At   Time
	Work int
	Size float64
}

// Arrivals lists the work that has arrived from outside so far, in a new
// slice.
func (g *Game) Arrivals() []Arrival { return g.arrivals.appendFrom(nil, 0) }

// Outcome is how the game ended.
type Outcome struct {
	Over   bool
	Won    bool
	Week   int
	Reason string
}

// presizedWeeks: a game up to this long makes room for all its weekly rows
// at its first week's end (a longer run grows them as it goes, so that one
// lost early does not hold a long horizon's room).
const presizedWeeks = 1000

// gameItemSlots is the room a game's item slots start with: the default
// game holds a few hundred items at once (slots are reused), so its slots
// are not grown from one by doubling.
const gameItemSlots = 256

// NewGame starts a game of the scenario with the seed, over the scenario's
// weeks (or weeks, when positive).
func NewGame(sc *Scenario, seed uint64, weeks int) *Game {
	return NewGameReusing(sc, seed, weeks, nil)
}

// NewGameReusing is NewGame, with the memory of a spent game (nil: none):
// its item slots, event queue and logs. The spent game's Result must have
// been taken, and it must not be used again. A batch of runs on one
// goroutine makes each game from the last one, and so collects and clears
// less; the games are the same as NewGame's.
func NewGameReusing(sc *Scenario, seed uint64, weeks int, spent *Game) *Game {
	if weeks <= 0 {
		weeks = sc.Weeks
	}
	var spentSim *Sim
	if spent != nil {
		spentSim = spent.sim
	}
	s := newSim(sc, seed, spentSim)
	if weeks <= presizedWeeks {
		s.weekHint = weeks + 1
	}
	if cap(s.items) < gameItemSlots {
		s.items = make([]Item, 0, gameItemSlots)
	}
	g := &Game{
		sim: s, sc: sc, weeks: weeks,
		cash:       sc.Company.Budget,
		share:      sc.Company.MarketShare,
		experience: sc.Market.Experience,
		coverage:   sc.Quality.Coverage,
		parity:     sc.Quality.Parity,
		restoreF:   1, defectF: 1, infraF: 1, regressionF: 1,
		slices:         1,
		prod:           des.NewStream(seed, "production"),
		quality:        des.NewStream(seed, "quality"),
		incidentStream: des.NewStream(seed, "incidents"),
		events:         des.NewStream(seed, "events"),
	}
	if spent != nil {
		g.arrivals = spent.arrivals.emptied()
		g.firstValue, g.featureLead = spent.firstValue.emptied(), spent.featureLead.emptied()
		g.features, g.leads = spent.features[:0], spent.leads[:0]
		g.pendingDeploy, g.outgoing = spent.pendingDeploy[:0], spent.outgoing[:0]
		d := &spent.dora
		g.dora.deploys, g.dora.changes, g.dora.incidents = d.deploys[:0], d.changes[:0], d.incidents[:0]
	}
	if g.share == 0 && len(sc.Competitors) == 0 {
		g.share = 1
	}
	for i := range sc.Competitors {
		c := &sc.Competitors[i]
		g.rivals = append(g.rivals, rival{spec: c, share: c.Share, experience: c.Experience})
	}
	g.invest = make([]investState, len(sc.Investments))
	g.people = make([]int, len(sc.Stages))
	g.away = make([]int, len(sc.Stages))
	g.scale = make([]float64, len(sc.Stages))
	for i := range sc.Stages {
		g.people[i] = sc.Stages[i].Capacity
		g.scale[i] = 1
	}
	k := &s.k
	g.onDeploy, g.onRestore, g.onInvestDone = k.On(g.deploy), k.On(g.restore), k.On(g.leastTimePassed)
	g.onHireReady, g.onBug, g.onImproved = k.On(g.hireReady), k.On(g.escapedBug), k.On(g.improved)
	g.imp = newImprovement(sc)
	s.g = g
	g.startWeek(1)
	return g
}

// Sim returns the simulation underneath, for its flow metrics.
func (g *Game) Sim() *Sim { return g.sim }

// Scenario returns the scenario being played.
func (g *Game) Scenario() *Scenario { return g.sc }

// Weeks is the game's horizon.
func (g *Game) Weeks() int { return g.weeks }

// Week is the number of weeks played.
func (g *Game) Week() int { return g.sim.Week() }

// Now is the simulated time.
func (g *Game) Now() Time { return g.sim.Now() }

// Cash is the money in the bank.
func (g *Game) Cash() int64 { return g.cash }

// InvestedMoney is what the company has paid for investments so far: their
// prices and the running costs of those built. Cash plus it is the money
// the game let the player spend on the shop: the budget and what the
// company earned, less what running it cost.
func (g *Game) InvestedMoney() int64 { return g.invested }

// Share is the company's market share.
func (g *Game) Share() float64 { return g.share }

// Over reports whether the game has ended, and how.
func (g *Game) Over() (Outcome, bool) { return g.outcome, g.over }

// Log is the decisions taken so far.
func (g *Game) Log() []LoggedDecision { return g.log }

// News is the news log, oldest first.
func (g *Game) News() []News { return g.news }

// RunUntil advances the game to time t, or to the end of the game if that
// comes first, or to the moment an event asks (see Pending), whichever is
// first: the caller asks the player, then runs on. An event still waiting
// when the game moves on gets its default. A run stopped by too much work
// in the system ends the game, lost, with the reason as its outcome (see
// Err).
func (g *Game) RunUntil(t Time) {
	if !g.over && g.sim.Now() < t {
		g.answerDefaults()
	}
	for !g.over && g.sim.Now() < t && len(g.pending) == 0 {
		if g.fireScheduled(); len(g.pending) > 0 {
			break
		}
		end := Time(g.sim.Week()+1) * g.sim.week
		if err := g.sim.RunUntil(min(t, end)); err != nil {
			g.halt(err)
		}
		g.fireScheduled()
	}
}

// halt ends the game, lost, because the simulation cannot go on.
func (g *Game) halt(err error) {
	w := g.sim.Week() + 1
	reason := err.Error()
	var o *Overflow
	if errors.As(err, &o) {
		reason = o.sentence()
	}
	g.over = true
	g.outcome = Outcome{Over: true, Week: w, Reason: reason}
	g.news = append(g.news, News{Week: w, Kind: MarketNews, Text: reason})
}

// Err is why the game stopped before its end, an *Overflow, or nil.
func (g *Game) Err() error { return g.sim.Err() }

// AdvanceWeek plays to the end of the current week.
func (g *Game) AdvanceWeek() {
	g.RunUntil(Time(g.sim.Week()+1) * g.sim.week)
}

// Play runs the whole game, applying a plan's decisions at the start of
// their weeks. A refused decision goes into the news and the game goes on.
func (g *Game) Play(p *Plan) {
	for !g.over {
		if p != nil {
			for _, step := range p.Steps {
				if step.Week == g.sim.Week()+1 {
					if err := g.Apply(step.Decision); err != nil {
						g.say(DecisionNews, "Plan: %v", err)
					}
				}
			}
		}
		g.AdvanceWeek()
	}
}

func (g *Game) say(kind NewsKind, format string, a ...any) {
	g.news = append(g.news, News{Week: g.sim.Week() + 1, Kind: kind, Text: fmt.Sprintf(format, a...)})
}

// startWeek runs what happens at the start of week w: temporary effects
// end, risks taken come back, and events fire.
func (g *Game) startWeek(w int) {
	g.endTemporaryEffects(w)
	g.returnRisks(w)
	g.fireEvents(w)
}

// weekEnd is the weekly update, after the week's flow: customers, market,
// money, then whether the game is over.
func (g *Game) weekEnd(w int) {
	g.accrue() // so that the week's screens show the investments' progress
	now := g.sim.Now()
	week := g.sim.week

	// Customers' experience follows the value they got and the outages they
	// suffered, fading with the value half-life.
	for _, in := range g.dora.incidents[g.dora.firstOpen:] {
		if in.Restored < 0 {
			g.incidentMins += now - max(in.Opened, now-week)
		}
	}
	incidentMins := g.incidentMins
	incidentWeeks := float64(incidentMins) / float64(week)
	g.incidentMins = 0
	fade := g.sc.Market.Fade()
	got := g.valueWeek - float64(g.sc.Incidents.Penalty*incidentWeeks)
	g.experience = float64(g.experience*fade) + float64(got*(1-fade))
	g.valueWeek = 0
	g.rivalsDeliver(w, fade)
	g.updateMarket()

	g.incidentCost = int64(math.Round(float64(g.sc.Incidents.CostPerHour*float64(incidentMins)) / float64(Hour)))
	costs := g.WeeklyCosts()
	g.cash += costs.Net()
	g.invested += costs.Investments

	g.updateRegression()

	// The weekly row of the flow metrics gets the game's numbers.
	row := &g.sim.stats.weeks[len(g.sim.stats.weeks)-1]
	row.MarketShare = round4(g.share)
	row.Budget = g.cash
	row.Experience = round3(g.experience)
	for _, d := range g.dora.deploysAfter(now - week) {
		row.Deploys++
		if d.Failed {
			row.FailedDeploys++
		}
	}
	for i := len(g.dora.incidents) - 1; i >= 0 && g.dora.incidents[i].Opened > now-week; i-- {
		row.Incidents++
	}
	if changes := g.dora.changesAfter(now - week); len(changes) > 0 {
		leads := g.leads[:0]
		for i := len(changes) - 1; i >= 0; i-- {
			leads = append(leads, changes[i].lead)
		}
		row.LeadTimeForChangesP50 = Measured(round3(selectPercentile(leads, 50).Hours()))
		g.leads = leads
	}
	g.dora.trim(now, week, DORAWindow)
	for i := range g.rivals {
		g.rivals[i].shares = append(g.rivals[i].shares, round4(g.rivals[i].share))
	}

	g.checkOutcome(w)
	if !g.over {
		g.startWeek(w + 1)
	}
}

// Costs is what the company spends each week, and earns.
type Costs struct {
	People         int   // paid people on staffed stages: hires still learning and people away included
	Away           int   // of People, those off feature work (investments being built, incidents, events)
	Salaries       int64 // per week
	Infrastructure int64 // per week
	Investments    int64 // running costs of built investments, per week
	Incidents      int64 // the cost of production outages in the last week played (Incidents.CostPerHour)
	// Payout is the profit paid out to the owners this week: Company.Payout
	// of the operating profit (revenue less salaries, infrastructure and
	// outages; investments are the company's own to pay), 0 in a week with
	// none.
	Payout  int64
	Revenue int64 // per week, at the current market share
}

// Running is the weekly spending that goes on whatever happens: salaries,
// infrastructure and built investments.
func (c Costs) Running() int64 { return c.Salaries + c.Infrastructure + c.Investments }

// Total is the weekly spending: the running costs, the last week's
// outages and the profit paid out.
func (c Costs) Total() int64 { return c.Running() + c.Incidents + c.Payout }

// Net is what the week adds to the bank: revenue less spending (negative
// when burning money).
func (c Costs) Net() int64 { return c.Revenue - c.Total() }

// WeeklyCosts returns the company's weekly costs and revenue now, the
// outages' cost as of the last week played.
func (g *Game) WeeklyCosts() Costs {
	var c Costs
	for i := range g.sc.Stages {
		if !g.sim.stages[i].unlimited {
			c.People += g.people[i]
			c.Away += min(g.away[i], g.people[i])
		}
	}
	for _, h := range g.hiring {
		if !h.ready {
			c.People += h.n // paid while they learn
		}
	}
	c.Salaries = int64(c.People) * g.sc.Company.SalaryPerWeek
	c.Infrastructure = int64(math.Round(float64(g.sc.Company.InfraPerWeek) * g.infraF))
	for i := range g.invest {
		if g.invest[i].done {
			c.Investments += g.sc.Investments[i].WeeklyCost
		}
	}
	c.Incidents = g.incidentCost
	c.Revenue = int64(math.Round(float64(g.sc.Company.RevenuePerWeek) * g.share))
	if profit := c.Revenue - c.Salaries - c.Infrastructure - c.Incidents; profit > 0 && g.sc.Company.Payout > 0 {
		c.Payout = int64(math.Round(float64(profit) * g.sc.Company.Payout))
	}
	return c
}

// Costs is WeeklyCosts, under the name the screens first used.
func (g *Game) Costs() Costs { return g.WeeklyCosts() }

// Runway is how many weeks the money in the bank lasts at the current
// weekly net burn (WeeklyCosts: spending less revenue); ok is false when
// the company is not burning money, so the runway is not limited by it.
func (g *Game) Runway() (weeks float64, ok bool) { return g.WeeklyCosts().Runway(g.cash) }

// Runway is how many weeks cash lasts at this week's net burn; ok is false
// when there is no burn (see Game.Runway).
func (c Costs) Runway(cash int64) (weeks float64, ok bool) {
	burn := -c.Net()
	if burn <= 0 {
		return 0, false
	}
	return float64(max(cash, 0)) / float64(burn), true
}

func (g *Game) checkOutcome(w int) {
	c := &g.sc.Company
	end := func(won bool, format string, a ...any) {
		g.over = true
		g.outcome = Outcome{Over: true, Won: won, Week: w, Reason: fmt.Sprintf(format, a...)}
		g.news = append(g.news, News{Week: w, Kind: MarketNews, Text: g.outcome.Reason})
	}
	switch {
	case !g.sc.HasGame():
		if w >= g.weeks {
			end(false, "After %d weeks the run is over: %s is a queueing model, with no goal to win or lose.", w, g.sc.Name)
		}
	case g.cash < 0:
		end(false, "Out of money in week %d: the board has stopped the transformation.", w)
	case g.share < c.ShareFloor:
		end(false, "Market share fell to %s in week %d, below the %.0f%% the company can survive on.", prose.PercentBelow(g.share, c.ShareFloor), w, 100*c.ShareFloor)
	case w >= g.weeks && g.share >= c.WinShare:
		end(true, "After %d weeks %s holds %.1f%% of the market (the goal was %.0f%%) with $%s in the bank.", w, g.sc.CompanyName(), 100*g.share, 100*c.WinShare, prose.Dollars(g.cash))
	case w >= g.weeks:
		end(false, "After %d weeks %s holds only %s of the market; the goal was %.0f%%.", w, g.sc.CompanyName(), prose.PercentBelow(g.share, c.WinShare), 100*c.WinShare)
	}
}

// Stop ends the game now, judged as at its horizon: won if the share is at
// the goal and there is money in the bank. A workshop room ends a round this
// way; reason says why, in the player's words.
func (g *Game) Stop(reason string) {
	if g.over {
		return
	}
	w := g.sim.Week()
	if !g.sc.HasGame() {
		g.over = true
		g.outcome = Outcome{Over: true, Week: w, Reason: reason}
		return
	}
	c := &g.sc.Company
	won := g.share >= c.WinShare && g.cash >= 0
	verdict := fmt.Sprintf("%s holds %.1f%% of the market (the goal was %.0f%%) with $%s in the bank.", g.sc.CompanyName(), 100*g.share, 100*c.WinShare, prose.Dollars(g.cash))
	if !won {
		verdict = fmt.Sprintf("%s holds %s of the market; the goal was %.0f%%.", g.sc.CompanyName(), prose.PercentBelow(g.share, c.WinShare), 100*c.WinShare)
	}
	g.over = true
	g.outcome = Outcome{Over: true, Won: won, Week: w, Reason: reason + " " + verdict}
	g.news = append(g.news, News{Week: w, Kind: MarketNews, Text: g.outcome.Reason})
}

// DORA measures the four keys over the last quarter: the DORAWindow whole
// weeks up to the end of the last week played (see doraEnd).
func (g *Game) DORA() DORA {
	expected := float64(g.sc.Incidents.Restore.Mean()*g.restoreF) / float64(Hour)
	return g.dora.measure(g.doraEnd(), g.sim.week, DORAWindow, expected)
}

// doraEnd is where the DORA window ends: the end of the last week played,
// so that the keys move when a week ends, not by the day within one; once
// the game is over, where it ended.
func (g *Game) doraEnd() Time {
	if g.over {
		return g.sim.Now()
	}
	return Time(g.sim.Week()) * g.sim.week
}

// Score is what a room compares, made of the parts ScoreParts lists: a win
// is worth more than any loss can score (WinBonus); then market share, the
// weeks survived, money up to a reserve of ReserveWeeks of running costs
// with a little for money beyond it, and the DORA band. A queueing model
// (see Scenario.HasGame) has no score: 0.
func (g *Game) Score() int {
	if !g.sc.HasGame() {
		return 0
	}
	return g.score(g.DORA().OverallBand)
}

func (g *Game) score(band Band) int { return g.scoreParts(band).Total() }

// The score's rule (see Game.Score). The parts a losing game can have add up
// to less than WinBonus: share at most 1000, survival at most
// SurvivalPoints, money below ReservePoints+BeyondReservePoints (the part
// beyond the reserve never reaches its cap, and points are rounded down),
// the DORA band at most 150.
const (
	ScoreRule           = 2    // ScoreParts.Rule of this rule
	WinBonus            = 1500 // for a won game
	SurvivalPoints      = 200  // for surviving the whole horizon, pro rata
	ReserveWeeks        = 8    // a healthy reserve, in weeks of running costs
	ReservePoints       = 100  // for money up to the reserve, pro rata
	BeyondReservePoints = 50   // the cap for money beyond the reserve
)

func (g *Game) scoreParts(band Band) ScoreParts {
	p := ScoreParts{
		Rule:        ScoreRule,
		MarketShare: int(math.Round(1000 * g.share)),
		DORABand:    50 * band.AboveLow(),
	}
	if g.outcome.Won {
		p.Outcome = WinBonus
	}
	played := g.sim.Week()
	if g.over {
		played = g.outcome.Week
	}
	if g.weeks > 0 {
		p.Survival = SurvivalPoints * min(max(played, 0), g.weeks) / g.weeks
	}
	p.Reserve = ReserveWeeks * g.WeeklyCosts().Running()
	p.Money, p.BeyondReserve = moneyPoints(g.cash, p.Reserve)
	return p
}

// moneyPoints scores cash against a reserve: ReservePoints pro rata up to
// the reserve, then for what is beyond it half of BeyondReservePoints per
// reserve's worth, each further reserve earning half the points that
// remain. No money, or less, scores nothing.
func moneyPoints(cash, reserve int64) (upTo, beyond int) {
	if cash <= 0 {
		return 0, 0
	}
	if reserve <= 0 {
		reserve = 1 // no running costs: all money is beyond a reserve of nothing
	}
	kept := min(cash, reserve)
	upTo = int(ReservePoints * (float64(kept) / float64(reserve))) // in floats: no overflow of 100 × cash
	if cash > reserve {
		excess := float64(cash-reserve) / float64(reserve)
		left := des.Exp(float64(-math.Ln2 * excess))
		beyond = min(int(float64(BeyondReservePoints*(1-left))), BeyondReservePoints-1)
	}
	return upTo, beyond
}

// Result is the game so far: the flow metrics of the simulation, the DORA
// keys, the market and the money, the decisions taken and the events. A
// plain queueing model (see Scenario.HasGame) gets the flow, the DORA keys
// if it models production, and the decisions, but no verdict.
func (g *Game) Result() Result {
	r := g.sim.Result()
	sum := &r.Summary
	r.Decisions = g.namedLog()
	r.Events = slices.Clone(g.eventLog) // an answer given later fills in an event's choice
	r.Scheduled = g.Scheduled()
	if !g.sc.HasGame() {
		if g.sc.ModelsProduction() {
			sum.DORA = g.DORA()
		}
		r.setParts()
		return r
	}
	sum.DORA = g.DORA()
	sum.MarketShare = round4(g.share)
	sum.Budget = g.cash
	sum.ScoreParts = g.scoreParts(sum.DORA.OverallBand)
	sum.Score = sum.ScoreParts.Total()
	sum.Won = g.outcome.Won
	sum.Outcome = g.outcome.Reason
	if !g.over {
		sum.Outcome = fmt.Sprintf("In progress: week %d of %d.", g.sim.Week(), g.weeks)
	}
	sum.Incidents = len(g.dora.incidents)
	sum.WorkSavedHours = round3(g.saved)
	r.SlicingOffered = g.offersSlicing()
	sum.EscapedBugs = g.escapedBugs
	sum.Features = g.Features()
	for _, c := range g.Competitors() {
		r.Competitors = append(r.Competitors, CompetitorResult{Name: c.Name, MarketShare: round4(c.Share), Weekly: c.Shares})
	}
	r.setParts()
	return r
}

// RunGame plays a whole game of the scenario with the seed, following the
// plan (nil: no decisions), over the scenario's weeks or weeks if positive.
func RunGame(sc *Scenario, seed uint64, weeks int, plan *Plan) Result {
	g := NewGame(sc, seed, weeks)
	g.Play(plan)
	return g.Result()
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
