package sim

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/globomantics/globosim/internal/prose"
)

// Improvement capacity: each staffed team gives a share of its time to
// improvement work (building investments), and that time comes out of its
// feature work. While a team has improvement work in progress its service
// times are 1/(1-share) longer; with none it does features only.
//
// Progress is kept in integers, so that it is exact and the same on every
// machine: shares in thousandths, work in thousandths of a person-minute.
// Each team's improvement time is split equally among the investments it
// has work on; one that needs less than its part passes the rest on.

// milli is the unit of shares (per mille) and of work done (thousandths of
// a person-minute).
const milli = 1000

// improvement is where the teams' improvement work stands.
type improvement struct {
	share []int64 // per stage, in thousandths (0..500)
	// rate is each team's improvement time since at, in thousandths of a
	// person-minute per minute: people present × share. It is refreshed at
	// every accrual, after the change that caused it.
	rate   []int64
	active []bool     // the team has improvement work in progress: its multiplier is on
	carry  []int64    // time accrued but not yet split (less than one unit per investment)
	at     Time       // progress is counted up to here
	next   Time       // the pending accrual event (-1: none)
	gen    int        // of the pending accrual event; an older one is stale
	busy   bool       // accruing: changes made meanwhile are picked up at its end
	work   [][]Effort // each investment's Work, read once
}

func newImprovement(sc *Scenario) improvement {
	n := len(sc.Stages)
	imp := improvement{share: make([]int64, n), rate: make([]int64, n), active: make([]bool, n),
		carry: make([]int64, n), next: -1}
	for i := range sc.Investments {
		imp.work = append(imp.work, sc.Investments[i].Work())
	}
	s := shareMilli(sc.Company.ImprovementShare)
	for i := range sc.Stages {
		if sc.Stages[i].Capacity != Unlimited {
			imp.share[i] = s
		}
	}
	return imp
}

// shareMilli is a share of time in thousandths.
func shareMilli(s float64) int64 { return int64(math.Round(s * milli)) }

// TeamImprovement is one staffed team's improvement time, as the screens
// show it.
type TeamImprovement struct {
	Stage     int // index of the stage
	ID, Label string
	Share     float64 // of its time for improvement work, 0 to MaxImprovementShare
	Present   int     // people at work now: employed, less those away
	// PersonWeeksPerWeek is the improvement time the team gives now: Present
	// × Share while it has improvement work in progress, 0 when it has none
	// (then it does features only).
	PersonWeeksPerWeek float64
	Active             []int // investments in progress with work left for this team
}

// Improvement lists every staffed team's improvement time, in flow order.
func (g *Game) Improvement() []TeamImprovement {
	var out []TeamImprovement
	for i := range g.sc.Stages {
		if g.sim.stages[i].unlimited {
			continue
		}
		t := TeamImprovement{Stage: i, ID: g.sc.Stages[i].ID, Label: g.sc.Stages[i].Label(),
			Share: float64(g.imp.share[i]) / milli, Present: g.present(i), Active: g.activeOn(i)}
		if len(t.Active) > 0 {
			t.PersonWeeksPerWeek = float64(int64(t.Present)*g.imp.share[i]) / milli
		}
		out = append(out, t)
	}
	return out
}

// present is the people at work on a stage now.
func (g *Game) present(st int) int { return max(g.people[st]-g.away[st], 0) }

// activeOn lists the investments in progress with work left on stage st.
func (g *Game) activeOn(st int) []int {
	var out []int
	for i := range g.sc.Investments {
		if k := g.partOn(i, st); k >= 0 && g.partLeft(i, k) > 0 {
			out = append(out, i)
		}
	}
	return out
}

// partOn is the index in Work of investment i's part on stage st, when i
// is in progress and needs work from st; otherwise -1.
func (g *Game) partOn(i, st int) int {
	s := &g.invest[i]
	if !s.started || s.done {
		return -1
	}
	for k, e := range g.imp.work[i] {
		if e.Stage == st {
			return k
		}
	}
	return -1
}

// partLeft is the work left on part k of investment i, in thousandths of a
// person-minute.
func (g *Game) partLeft(i, k int) int64 {
	return int64(g.imp.work[i][k].Work)*milli - g.invest[i].work[k]
}

func (g *Game) applyImprovement(d Decision) (string, error) {
	st, name, err := g.staffedStage(d.Stage, "it has no people to give improvement time")
	if err != nil {
		return "", err
	}
	if math.IsNaN(d.Share) || d.Share < 0 || d.Share > MaxImprovementShare {
		return "", fmt.Errorf("a team's improvement share must be from 0 to %s (half its time), not %s", percent(shareMilli(MaxImprovementShare)), strconv.FormatFloat(d.Share, 'g', -1, 64))
	}
	m := shareMilli(d.Share)
	if m == g.imp.share[st] {
		return "", fmt.Errorf("%s already gives %s of its time to improvement work", name, percent(m))
	}
	g.accrue() // the time so far at the old share
	g.imp.share[st] = m
	g.syncStage(st)
	if m == 0 {
		text := fmt.Sprintf("%s now does features only: no time for improvement work", name)
		if n := len(g.activeOn(st)); n > 0 {
			text += fmt.Sprintf("; %s waiting for it", prose.Count(n, "investment is", "investments are"))
		}
		return text + ".", nil
	}
	pw := float64(int64(g.present(st))*m) / milli
	return fmt.Sprintf("%s now gives %s of its time to improvement work (%s a week); features get the rest while it has improvement work.",
		name, percent(m), prose.PersonWeeks(strconv.FormatFloat(pw, 'f', -1, 64))), nil
}

// percent writes a share in thousandths as a percentage: "25%", "12.5%".
func percent(m int64) string {
	return strconv.FormatFloat(float64(m)/10, 'f', -1, 64) + "%"
}

// accrue counts the improvement work done since the last accrual, at the
// rates that held since then, finishes what is complete, and refreshes the
// rates from the state now. It is called after any change of people,
// people away or share (the rates it uses are the ones from before the
// change), before an investment starts, at week ends and when a team's
// part is due to be done.
func (g *Game) accrue() {
	imp := &g.imp
	if imp.busy {
		return
	}
	imp.busy = true
	now := g.sim.Now()
	if dt := now - imp.at; dt > 0 {
		for st := range imp.rate {
			g.deliver(st, imp.rate[st]*int64(dt))
		}
	}
	imp.at = now
	// An investment done may automate a stage another one needs work from:
	// go round until nothing more is done.
	for finished := true; finished; {
		finished = false
		g.waiveAutomated()
		for i := range g.sc.Investments {
			if s := &g.invest[i]; s.started && !s.done && g.partsDelivered(i) && now >= s.startedAt+g.sc.Investments[i].LeastTime() {
				g.investmentDone(i)
				finished = true
			}
		}
	}
	g.replan()
	imp.busy = false
}

// deliver splits amount of team st's improvement time (and its carry)
// equally among its parts with work left, passing on what a part does not
// need; less than one unit per part stays in the carry.
func (g *Game) deliver(st int, amount int64) {
	type part struct{ i, k int }
	var parts []part
	for _, i := range g.activeOn(st) {
		parts = append(parts, part{i, g.partOn(i, st)})
	}
	if len(parts) == 0 {
		g.imp.carry[st] = 0 // no improvement work: the team did features
		return
	}
	amount += g.imp.carry[st]
	for len(parts) > 0 {
		each := amount / int64(len(parts))
		if each == 0 {
			break
		}
		kept := parts[:0]
		for _, p := range parts {
			give := min(each, g.partLeft(p.i, p.k))
			g.invest[p.i].work[p.k] += give
			amount -= give
			if g.partLeft(p.i, p.k) > 0 {
				kept = append(kept, p)
			}
		}
		parts = kept
	}
	if len(parts) == 0 {
		amount = 0
	}
	g.imp.carry[st] = amount
}

// waiveAutomated counts as done the parts of investments in progress on
// stages that have become automated: nobody is left there to do them.
func (g *Game) waiveAutomated() {
	for i := range g.sc.Investments {
		for k, e := range g.imp.work[i] {
			if g.partOn(i, e.Stage) == k && g.sim.stages[e.Stage].unlimited {
				g.invest[i].work[k] = int64(e.Work) * milli
			}
		}
	}
}

// partsDelivered reports whether every team has delivered its part of
// investment i.
func (g *Game) partsDelivered(i int) bool {
	for k := range g.imp.work[i] {
		if g.partLeft(i, k) > 0 {
			return false
		}
	}
	return true
}

// replan refreshes the teams' rates and multipliers from the state now and
// schedules the next accrual for when the first part will be done.
func (g *Game) replan() {
	imp := &g.imp
	next := Time(-1)
	for st := range imp.rate {
		imp.rate[st] = 0
		if !g.sim.stages[st].unlimited {
			imp.rate[st] = int64(g.present(st)) * imp.share[st]
		}
		parts := g.activeOn(st)
		if active := len(parts) > 0; active != imp.active[st] {
			imp.active[st] = active
			g.pushStage(st)
		}
		if len(parts) == 0 || imp.rate[st] == 0 {
			continue
		}
		least := int64(math.MaxInt64)
		for _, i := range parts {
			least = min(least, g.partLeft(i, g.partOn(i, st)))
		}
		n := int64(len(parts))
		dt := Time(max(ceilDiv(least*n-imp.carry[st], imp.rate[st]), 1))
		if next < 0 || dt < next {
			next = dt
		}
	}
	if next < 0 {
		if imp.next >= 0 {
			imp.next = -1
			imp.gen++ // the pending event is stale
		}
		return
	}
	if at := g.sim.Now() + next; at != imp.next {
		imp.next = at
		imp.gen++
		g.sim.mustSchedule(next, g.onImproved, imp.gen)
	}
}

// improved is the accrual event for when a team's part is due to be done.
func (g *Game) improved(gen int) {
	if gen != g.imp.gen {
		return // replanned since
	}
	g.imp.next = -1
	g.accrue()
}

func ceilDiv(a, b int64) int64 {
	if a <= 0 {
		return 0
	}
	return (a + b - 1) / b
}

// improvementFactor multiplies a team's service times while it has
// improvement work in progress: the feature work gets 1-share of its time.
func (g *Game) improvementFactor(st int) float64 {
	s := g.imp.share[st]
	if !g.imp.active[st] || s <= 0 || g.sim.stages[st].unlimited {
		return 1
	}
	return float64(milli) / float64(milli-s)
}

// forecast is when each investment will be done at the teams' rates now,
// with extra (when >= 0) started now as well: -1 when it is not in
// progress, or when a team it needs gives no improvement time (then
// waits[i] is that stage). Each team's time is shared equally among its
// parts, a part done passing its time on to the rest.
func (g *Game) forecast(extra int) (at []Time, waits []int) {
	now := g.sim.Now()
	n := len(g.sc.Investments)
	at, waits = make([]Time, n), make([]int, n)
	inProgress := func(i int) bool { s := &g.invest[i]; return s.started && !s.done || i == extra }
	for i := range at {
		at[i], waits[i] = -1, -1
		if inProgress(i) {
			start := g.invest[i].startedAt
			if i == extra {
				start = now
			}
			at[i] = max(now, start+g.sc.Investments[i].LeastTime())
		}
	}
	type part struct {
		i    int
		left int64
	}
	for st := range g.sc.Stages {
		var parts []part
		for i := range g.sc.Investments {
			if !inProgress(i) {
				continue
			}
			for k, e := range g.imp.work[i] {
				if e.Stage != st || g.sim.stages[st].unlimited {
					continue
				}
				left := int64(e.Work) * milli
				if i != extra {
					left -= g.invest[i].work[k]
				}
				if left > 0 {
					parts = append(parts, part{i, left})
				}
			}
		}
		if len(parts) == 0 {
			continue
		}
		rate := int64(g.present(st)) * g.imp.share[st]
		if rate == 0 {
			for _, p := range parts {
				at[p.i], waits[p.i] = -1, st
			}
			continue
		}
		slices.SortStableFunc(parts, func(a, b part) int { return cmp.Compare(a.left, b.left) })
		t, given := now, int64(0)
		for j, p := range parts {
			t += Time(ceilDiv((p.left-given)*int64(len(parts)-j), rate))
			given = p.left
			if at[p.i] >= 0 {
				at[p.i] = max(at[p.i], t)
			}
		}
	}
	return at, waits
}
