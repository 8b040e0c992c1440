package sim

import (
	"fmt"

	"github.com/globomantics/globosim/internal/prose"
)

// investState is where an investment stands.
type investState struct {
	started, done bool
	startedAt     Time
	readyAt       Time
}

// InvestmentStatus is an investment as the shop shows it.
type InvestmentStatus struct {
	*Investment
	State     InvestState
	ReadyWeek int        // when building: the week it will be ready
	Lock      LockReason // why it cannot be bought now; Kind Unlocked when it can
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
	ReadyInWeek                       // it is being built, ready in ReadyWeek
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
	// (NeedsPrerequisite; 0 when not started) will be ready.
	ReadyWeek  int
	Cost, Cash int64 // Unaffordable
}

// Error is the reason in a sentence (without the full stop), as the game
// refuses the purchase.
func (r LockReason) Error() string {
	switch r.Kind {
	case AlreadyBuilt:
		return fmt.Sprintf("%s is already built", r.Investment)
	case ReadyInWeek:
		return fmt.Sprintf("%s is already being built; ready in week %d", r.Investment, r.ReadyWeek)
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
	if r.ReadyWeek > 0 {
		return fmt.Sprintf("needs %s first, which will be ready in week %d", r.Prerequisite, r.ReadyWeek)
	}
	return fmt.Sprintf("needs %s first", r.Prerequisite)
}

// Investments lists every investment with its status.
func (g *Game) Investments() []InvestmentStatus {
	out := make([]InvestmentStatus, len(g.sc.Investments))
	for i := range g.sc.Investments {
		st := InvestmentStatus{Investment: &g.sc.Investments[i], State: Available, Lock: g.lockReason(i)}
		s := &g.invest[i]
		switch {
		case s.done:
			st.State = Built
		case s.started:
			st.State = Building
			st.ReadyWeek = g.weekOf(s.readyAt)
		case st.Lock.Kind != Unlocked:
			st.State = Locked
		}
		out[i] = st
	}
	return out
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
		r.Kind, r.ReadyWeek = ReadyInWeek, g.weekOf(s.readyAt)
		return r
	}
	for _, p := range inv.Requires {
		if req := &g.invest[p]; !req.done {
			r.Kind, r.Prerequisite = NeedsPrerequisite, g.sc.Investments[p].Name
			if req.started {
				r.ReadyWeek = g.weekOf(req.readyAt)
			}
			return r
		}
	}
	if inv.Cost > g.cash {
		r.Kind, r.Cost, r.Cash = Unaffordable, inv.Cost, g.cash
	}
	return r
}

// startInvestment pays for investment i and starts building it: people are
// pulled off their stage until it is done.
func (g *Game) startInvestment(i int) {
	inv := &g.sc.Investments[i]
	s := &g.invest[i]
	now := g.sim.Now()
	g.cash -= inv.Cost
	s.started, s.startedAt, s.readyAt = true, now, now+inv.BuildTime
	if inv.DrainStage >= 0 && inv.DrainPeople > 0 {
		g.away[inv.DrainStage] += inv.DrainPeople
		g.syncStage(inv.DrainStage)
	}
	g.sim.mustSchedule(inv.BuildTime, g.onInvestDone, i)
}

func (g *Game) investmentDone(i int) {
	inv := &g.sc.Investments[i]
	s := &g.invest[i]
	s.done = true
	if inv.DrainStage >= 0 && inv.DrainPeople > 0 {
		g.away[inv.DrainStage] -= inv.DrainPeople
		g.syncStage(inv.DrainStage)
	}
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
// multiplier) into the simulation.
func (g *Game) syncStage(st int) {
	g.sim.setPeople(st, g.people[st], g.away[st])
	scale := g.scale[st]
	if st == g.sc.Quality.Regression {
		scale = float64(scale * g.regressionFactor())
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
		g.syncStage(r)
	}
}
