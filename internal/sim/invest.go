package sim

import (
	"fmt"
	"math"
	"strconv"

	"github.com/globomantics/globosim/internal/prose"
)

// investState is where an investment stands.
type investState struct {
	started, done bool
	startedAt     Time
	doneAt        Time // when it was done, in week doneWeek (1 = the first), as the news says
	doneWeek      int
	// work is the improvement work delivered on each part of the
	// investment's Work, in thousandths of a person-minute.
	work []int64
}

// InvestmentStatus is an investment as the shop shows it.
type InvestmentStatus struct {
	*Investment
	State InvestState
	// ReadyWeek is when it will be ready at the teams' improvement time
	// now: when building, as it goes; when available, if bought now. It is
	// 0 when a team it needs gives no improvement time (WaitsFor), and when
	// it is built or locked.
	ReadyWeek int
	WaitsFor  int // the stage whose share of 0 holds it up, or -1
	// Delivered is true when, building, its teams have done all their work
	// and it waits only for its least build time (BuildTime from buying):
	// ReadyWeek is then fixed, not a forecast.
	Delivered bool
	// Effort is the improvement work it needs from each team, and how much
	// is done.
	Effort []EffortStatus
	Lock   LockReason // why it cannot be bought now; Kind Unlocked when it can
}

// EffortStatus is the improvement work an investment needs from one team.
type EffortStatus struct {
	Stage       int // index of the stage
	ID, Label   string
	Total, Done float64 // person-weeks
}

// String is the effort in words: "5 person-weeks from Development".
func (e EffortStatus) String() string {
	return prose.PersonWeeks(strconv.FormatFloat(math.Round(e.Total*10)/10, 'f', -1, 64)) + " from " + e.Label
}

// Needs is what building the investment takes from the teams, in words:
// "it needs 5 person-weeks from Development and 2 person-weeks from QA";
// "" when it needs no team's work.
func (s InvestmentStatus) Needs() string {
	if len(s.Effort) == 0 {
		return ""
	}
	words := make([]string, len(s.Effort))
	for k, e := range s.Effort {
		words[k] = e.String()
	}
	return "it needs " + andList(words)
}

// andList joins words as a sentence does: "a", "a and b", "a, b and c".
func andList(words []string) string { return prose.And(words) }

// When says when the investment, building or bought now, will be ready:
// "ready in about week 9 at today's improvement time", "waits for
// improvement time on QA: its share is 0", or for one that needs no
// team's work "ready in week 4"; "" when built or locked.
func (s InvestmentStatus) When() string {
	switch {
	case s.WaitsFor >= 0:
		for _, e := range s.Effort {
			if e.Stage == s.WaitsFor {
				return fmt.Sprintf("waits for improvement time on %s: its share is 0", e.Label)
			}
		}
	case s.ReadyWeek > 0 && (len(s.Effort) == 0 || s.Delivered):
		return fmt.Sprintf("ready in week %d", s.ReadyWeek)
	case s.ReadyWeek > 0:
		return fmt.Sprintf("ready in about week %d at today's improvement time", s.ReadyWeek)
	}
	return ""
}

// InvestState is where an investment stands for the player.
type InvestState uint8

// The states of an investment.
const (
	Available InvestState = iota // can be bought now
	Building
	Built
	Locked // cannot be bought now: see the LockReason
)

var investStateNames = [...]string{"available", "building", "done", "locked"}

func (s InvestState) String() string {
	if int(s) < len(investStateNames) {
		return investStateNames[s]
	}
	return "unknown"
}

// LockKind is why an investment cannot be bought now.
type LockKind uint8

// The reasons an investment cannot be bought.
const (
	Unlocked          LockKind = iota // it can be bought
	AlreadyBuilt                      // it is done
	ReadyInWeek                       // it is being built, ready in about ReadyWeek (0: waiting for Waits)
	NeedsPrerequisite                 // Prerequisite is not built yet
	Unaffordable                      // it costs Cost and the bank holds Cash
)

// LockReason says why an investment cannot be bought now, with what the
// words about it need. Its words are the game's: Error for a sentence,
// Short for a status column.
type LockReason struct {
	Kind         LockKind
	Investment   string // the investment's name
	Prerequisite string // NeedsPrerequisite: the investment it needs first
	// ReadyWeek is when the investment (ReadyInWeek) or its prerequisite
	// (NeedsPrerequisite) will be ready at today's improvement time; 0 when
	// not started, or when a team it needs gives no improvement time
	// (Waits).
	ReadyWeek int
	// Delivered is true when that investment's teams have done all their
	// work and it waits only for its least build time: ReadyWeek is fixed.
	Delivered  bool
	Waits      string // the label of that team, or ""
	Cost, Cash int64  // Unaffordable
}

// Error is the reason in a sentence (without the full stop), as the game
// refuses the purchase.
func (r LockReason) Error() string {
	switch r.Kind {
	case AlreadyBuilt:
		return fmt.Sprintf("%s is already built", r.Investment)
	case ReadyInWeek:
		return fmt.Sprintf("%s is already being built; %s", r.Investment, r.when())
	case NeedsPrerequisite:
		return fmt.Sprintf("%s %s", r.Investment, r.needs())
	case Unaffordable:
		return fmt.Sprintf("%s costs $%s and there is $%s in the bank", r.Investment, prose.Dollars(r.Cost), prose.Dollars(r.Cash))
	}
	return ""
}

// Short is the reason for a status column: what is needed, or "not enough
// money".
func (r LockReason) Short() string {
	switch r.Kind {
	case NeedsPrerequisite:
		return r.needs()
	case Unaffordable:
		return "not enough money"
	}
	return r.Error()
}

func (r LockReason) needs() string {
	switch {
	case r.Waits != "":
		return fmt.Sprintf("needs %s first, which %s", r.Prerequisite, r.when())
	case r.ReadyWeek > 0:
		return fmt.Sprintf("needs %s first, which will be %s", r.Prerequisite, r.when())
	}
	return fmt.Sprintf("needs %s first", r.Prerequisite)
}

// when says when the investment being built will be ready.
func (r LockReason) when() string {
	if r.Waits != "" {
		return fmt.Sprintf("waits for improvement time on %s: its share is 0", r.Waits)
	}
	if r.Delivered {
		return fmt.Sprintf("ready in week %d", r.ReadyWeek)
	}
	return fmt.Sprintf("ready in about week %d at today's improvement time", r.ReadyWeek)
}

// Investments lists every investment with its status.
func (g *Game) Investments() []InvestmentStatus {
	out := make([]InvestmentStatus, len(g.sc.Investments))
	for i := range out {
		out[i] = g.investmentStatus(i)
	}
	return out
}

// Prerequisites lists every investment that investment i needs first,
// directly or through another one, each once, in an order they can be
// built in: each after its own prerequisites, and otherwise in the order
// the scenario's requires lists name them. Investment i itself is not in
// it; one that needs nothing has none.
func (sc *Scenario) Prerequisites(i int) []int {
	var order []int
	seen := make([]bool, len(sc.Investments))
	var visit func(k int)
	visit = func(k int) {
		for _, p := range sc.Investments[k].Requires {
			if !seen[p] {
				seen[p] = true
				visit(p)
				order = append(order, p)
			}
		}
	}
	visit(i)
	return order
}

// Chain is where everything investment i needs first stands, in the order
// of Prerequisites: each one's status (done, building, or not started with
// why it cannot be bought now). Next is the index in it of the first one
// the player can buy now, or -1 when none can be (the rest wait for one
// being built, or for money).
func (g *Game) Chain(i int) (steps []InvestmentStatus, next int) {
	next = -1
	for _, p := range g.sc.Prerequisites(i) {
		st := g.investmentStatus(p)
		if next < 0 && st.State == Available {
			next = len(steps)
		}
		steps = append(steps, st)
	}
	return steps, next
}

// investmentStatus is investment i's status, as Investments lists it.
func (g *Game) investmentStatus(i int) InvestmentStatus {
	inv := &g.sc.Investments[i]
	st := InvestmentStatus{Investment: inv, State: Available, WaitsFor: -1, Lock: g.lockReason(i)}
	s := &g.invest[i]
	switch {
	case s.done:
		st.State = Built
	case s.started:
		st.State = Building
	case st.Lock.Kind != Unlocked:
		st.State = Locked
	}
	if st.State == Building || st.State == Available {
		extra := -1
		if st.State == Available {
			extra = i
		}
		at, waits := g.forecast(extra)
		st.ReadyWeek, st.WaitsFor = g.readyWeek(at[i]), waits[i]
		st.Delivered = st.State == Building && g.workDelivered(i)
	}
	week := float64(g.sim.week)
	for k, e := range g.imp.work[i] {
		es := EffortStatus{Stage: e.Stage, ID: g.sc.Stages[e.Stage].ID, Label: g.sc.Stages[e.Stage].Label(),
			Total: float64(e.Work) / week}
		switch {
		case s.done:
			es.Done = es.Total
		case s.started:
			es.Done = float64(s.work[k]) / milli / week
		}
		st.Effort = append(st.Effort, es)
	}
	return st
}

// workDelivered says whether investment i, being built, has had all its
// teams' work and waits only for its least build time.
func (g *Game) workDelivered(i int) bool {
	s := &g.invest[i]
	return s.started && !s.done && len(g.imp.work[i]) > 0 && g.partsDelivered(i)
}

// readyWeek is the week of a forecast time, 0 when it is unknown.
func (g *Game) readyWeek(at Time) int {
	if at < 0 {
		return 0
	}
	return g.weekOf(at)
}

// building says when investment i, in progress, will be ready: the week,
// or the label of the team whose share of 0 holds it up.
func (g *Game) building(i int) (week int, waits string) {
	at, w := g.forecast(-1)
	if w[i] >= 0 {
		return 0, g.sc.Stages[w[i]].Label()
	}
	return g.readyWeek(at[i]), ""
}

// weekOf is the week (1 = the first) that contains time t; a week includes
// its last minute.
func (g *Game) weekOf(t Time) int {
	return max(1, int((t+g.sim.week-1)/g.sim.week))
}

// canInvest says why investment i cannot be bought now, or nil.
func (g *Game) canInvest(i int) error {
	if r := g.lockReason(i); r.Kind != Unlocked {
		return r
	}
	return nil
}

// lockReason says why investment i cannot be bought now.
func (g *Game) lockReason(i int) LockReason {
	inv := &g.sc.Investments[i]
	s := &g.invest[i]
	r := LockReason{Investment: inv.Name}
	switch {
	case s.done:
		r.Kind = AlreadyBuilt
		return r
	case s.started:
		r.Kind = ReadyInWeek
		r.ReadyWeek, r.Waits = g.building(i)
		r.Delivered = g.workDelivered(i)
		return r
	}
	for _, p := range inv.Requires {
		if req := &g.invest[p]; !req.done {
			r.Kind, r.Prerequisite = NeedsPrerequisite, g.sc.Investments[p].Name
			if req.started {
				r.ReadyWeek, r.Waits = g.building(p)
				r.Delivered = g.workDelivered(p)
			}
			return r
		}
	}
	if inv.Cost > g.cash {
		r.Kind, r.Cost, r.Cash = Unaffordable, inv.Cost, g.cash
	}
	return r
}

// startInvestment pays for investment i and starts building it: its teams
// share their improvement time with it from now on.
func (g *Game) startInvestment(i int) {
	inv := &g.sc.Investments[i]
	s := &g.invest[i]
	g.accrue() // the work so far, split among the investments without this one
	g.cash -= inv.Cost
	g.invested += inv.Cost
	s.started, s.startedAt = true, g.sim.Now()
	s.work = make([]int64, len(g.imp.work[i]))
	if t := inv.LeastTime(); t > 0 {
		g.sim.mustSchedule(t, g.onInvestDone, i)
	}
	g.accrue() // done at once if it needs nothing; otherwise its teams' multipliers turn on
}

// leastTimePassed is the event for an investment's least build time: it
// is done now if its teams have delivered their parts.
func (g *Game) leastTimePassed(int) { g.accrue() }

// investmentDone applies a finished investment's effects.
func (g *Game) investmentDone(i int) {
	inv := &g.sc.Investments[i]
	g.invest[i].done = true
	g.invest[i].doneAt, g.invest[i].doneWeek = g.sim.Now(), g.sim.Week()+1
	for _, e := range inv.Effects {
		g.applyEffect(e)
	}
	g.say(InvestmentNews, "%s is done.", inv.Name)
}

// Invested reports whether the investment with this id is built.
func (g *Game) Invested(id string) bool {
	for i := range g.sc.Investments {
		if g.sc.Investments[i].ID == id {
			return g.invest[i].done
		}
	}
	return false
}

// applyEffect changes the model as an investment or event says.
func (g *Game) applyEffect(e Effect) {
	if e.Stage >= 0 {
		st := e.Stage
		if e.SetsCapacity {
			if e.Capacity == Unlimited {
				g.sim.setUnlimited(st)
			} else {
				g.people[st] = e.Capacity
			}
		}
		if e.AddCapacity != 0 {
			g.people[st] = max(g.people[st]+e.AddCapacity, 0)
		}
		g.away[st] += e.Away // still on the payroll (see Costs.Away)
		if e.Service > 0 {
			g.scale[st] = float64(g.scale[st] * e.Service)
		}
		if e.SetsRework {
			g.sim.stages[st].reworkProb = e.Rework
		}
		if e.SetsBatch {
			g.sim.setBatch(st, e.Batch)
		}
		if e.SetsBackground {
			g.sim.setBackground(st, float64(g.sim.stages[st].bgScale*e.Background))
		}
		g.syncStage(st)
		return
	}
	g.coverage = max(g.coverage, e.Coverage)
	g.parity = max(g.parity, e.Parity)
	if e.Restore > 0 {
		g.restoreF = float64(g.restoreF * e.Restore)
	}
	if e.Defects > 0 {
		g.defectF = float64(g.defectF * e.Defects)
	}
	if e.InfraCost > 0 {
		g.infraF = float64(g.infraF * e.InfraCost)
	}
	if e.Regression > 0 {
		g.regressionF = float64(g.regressionF * e.Regression)
	}
	if e.Slicing {
		g.slicingEnabled = true
	}
	g.experience += e.Experience
	g.cash += e.Money
	g.updateRegression()
}

// syncStage pushes the game's view of a stage (people, people away, service
// multiplier) into the simulation, after a change of people or people away:
// the improvement work done so far is counted at the rates from before it.
func (g *Game) syncStage(st int) {
	g.accrue()
	g.pushStage(st)
}

// pushStage pushes the game's view of a stage into the simulation.
func (g *Game) pushStage(st int) {
	g.sim.setPeople(st, g.people[st], g.away[st])
	scale := g.scale[st]
	if st == g.sc.Quality.Regression {
		scale = float64(scale * g.regressionFactor())
	}
	if f := g.improvementFactor(st); f != 1 {
		scale = float64(scale * f)
	}
	g.sim.stages[st].scale = scale
}

// regressionFactor is how much longer the regression stage takes than at
// the start: the suite grows with every delivered change, and only the part
// that is not automated takes people's time.
func (g *Game) regressionFactor() float64 {
	q := &g.sc.Quality
	grown := 1 + float64(float64(q.RegressionGrowth*g.regressionF)*float64(g.delivered))
	manual := 1.0
	if q.Coverage < 1 {
		manual = (1 - g.coverage) / (1 - q.Coverage)
	}
	return float64(grown * manual)
}

func (g *Game) updateRegression() {
	if r := g.sc.Quality.Regression; r >= 0 {
		g.pushStage(r)
	}
}
