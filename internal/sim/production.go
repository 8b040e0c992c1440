package sim

import (
	"math"
	"strconv"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/sim/des"
)

// Production: deployments, the incidents failed ones cause, bugs that
// escape to customers, and the value delivered changes bring.

// enteredStage notes changes reaching the deploy stage, with their sizes.
// Changes that arrive there at the same moment (a release train) are one
// deployment; it is judged once they are all in, and counts toward the DORA
// keys once the last of them has left the stage: a deployment still going
// out has reached no one.
func (g *Game) enteredStage(id int32, stage int) {
	if stage != g.sc.Production.Deploy {
		return
	}
	g.pendingDeploy = append(g.pendingDeploy, g.riskSize(&g.sim.items[id]))
	if !g.deployPending {
		g.deployPending = true
		g.outgoing = append(g.outgoing, outgoing{})
		// Judged by an event with no delay: after every event due now,
		// once the changes arriving now are all in. Within an event, when
		// no other event is due now, that is as soon as this one's handler
		// returns: the run loop judges it then, without an event.
		if s := g.sim; judgeInLoop && s.inEvent && !s.k.DueNow() {
			s.deployNext = true
			s.judgedInLoop++
		} else {
			s.mustSchedule(0, g.onDeploy, 0)
		}
	}
	n := len(g.outgoing) - 1
	g.outgoing[n].left++
	g.sim.items[id].deploy = g.outFirst + int32(n)
}

// judgeInLoop lets the run loop judge a deployment without its event when
// that changes nothing (enteredStage); a test turns it off to compare.
var judgeInLoop = true

// outgoing is a deployment that has started: how many of its changes are
// still at the deploy stage, and how it was judged.
type outgoing struct {
	Deployment
	left   int
	judged bool
}

// leftDeploy notes a change leaving the deploy stage; the deployment it was
// in is complete when it was the last.
func (g *Game) leftDeploy(id int32) {
	i := int(g.sim.items[id].deploy - g.outFirst)
	o := &g.outgoing[i]
	o.left--
	if i == g.outHead && o.left == 0 && o.judged {
		g.completeDeploys() // else the oldest is still going out: nothing to log
	}
}

// completeDeploys logs the deployments that are judged and have no change
// left at the deploy stage, oldest first, and forgets them. One that
// completes before an older one waits for it: the log stays in time order.
// Its callers call it only when the oldest has just completed: after each
// call the oldest is not complete, and only a change to it can make it so.
func (g *Game) completeDeploys() {
	i := g.outHead
	for i < len(g.outgoing) && g.outgoing[i].left == 0 && g.outgoing[i].judged {
		d := g.outgoing[i].Deployment
		d.At = g.sim.Now()
		g.dora.deploy(d)
		i++
	}
	if i == g.outHead {
		return
	}
	g.outHead = i
	// The completed are forgotten once they are half or more: each
	// deployment is moved about once, not at every completion before it.
	if 2*i >= len(g.outgoing) {
		g.outgoing = g.outgoing[:copy(g.outgoing, g.outgoing[i:])]
		g.outFirst += int32(i)
		g.outHead = 0
	}
}

// Small batches are safer: the chance that a change breaks production, or
// carries a bug customers find, grows with its size. A change of its work
// type's mean size carries the scenario's rate; half of it, half the rate.
// So cutting a feature into n slices leaves its risk about where it was,
// while a release of many changes is as risky as all of them together.

// MaxRiskSize caps a change's size, relative to the mean of its work type,
// in the risk it carries: a change four times the usual one or bigger is
// treated as four times (and no chance exceeds one).
const MaxRiskSize = 4

// riskSize is a change's size relative to the mean size of its work type,
// capped at MaxRiskSize: what its risks are proportional to.
func (g *Game) riskSize(it *Item) float64 {
	return min(g.relSize(it), MaxRiskSize)
}

// relSize is a change's size relative to the mean size of its work type (1
// for a type whose mean is not positive).
func (g *Game) relSize(it *Item) float64 {
	m := g.sc.Work[it.Work].Size.Mean()
	if m <= 0 {
		return 1
	}
	return it.Size / m
}

// changeRisk is the chance that one change of the usual size breaks
// production: lower with test coverage (bugs caught before release) and
// environment parity (no surprises from a production unlike the test
// environments).
func (g *Game) changeRisk() float64 {
	q := &g.sc.Quality
	return float64(float64(float64(q.DefectRate*g.defectF)*(1-g.coverage)) * (1 - g.parity))
}

// ChangeRisk is the chance that one change of its work type's mean size
// breaks production now; a change of size s times the mean carries s times
// this (s capped at MaxRiskSize, the chance at one).
func (g *Game) ChangeRisk() float64 { return g.changeRisk() }

// bugRisk is the chance that one change of the usual size ships with a bug
// that customers find: lower with test coverage.
func (g *Game) bugRisk() float64 {
	q := &g.sc.Quality
	return float64(float64(q.BugRate*g.defectF) * (1 - g.coverage))
}

// BugRisk is the chance that one change of its work type's mean size ships
// with a bug customers find, now; it scales with size as ChangeRisk does.
func (g *Game) BugRisk() float64 { return g.bugRisk() }

// sized is a per-change chance p for a change of relative size s.
func sized(p, s float64) float64 { return min(float64(p*s), 1) }

// ReleaseRisk is the chance that a deployment of changes of these sizes
// (each relative to its work type's mean, as riskSize gives) breaks
// production now: 1 - Π(1 - p·sᵢ).
func (g *Game) ReleaseRisk(sizes []float64) float64 {
	return 1 - releaseOK(g.changeRisk(), sizes)
}

// releaseOK is the chance that none of the changes breaks production.
func releaseOK(p float64, sizes []float64) float64 {
	ok := 1.0
	for _, s := range sizes {
		ok = float64(ok * (1 - sized(p, min(s, MaxRiskSize))))
	}
	return ok
}

// deploy judges a deployment: it fails if any of its changes breaks
// production, so a big batch fails far more often than a single change.
// One draw per deployment, whatever its size, keeps the stream in step.
func (g *Game) deploy(int) {
	n := len(g.pendingDeploy)
	ok := releaseOK(g.changeRisk(), g.pendingDeploy)
	g.pendingDeploy = g.pendingDeploy[:0]
	g.deployPending = false
	if n == 0 {
		return
	}
	failed := g.prod.Float64() >= ok
	last := len(g.outgoing) - 1
	o := &g.outgoing[last]
	o.Changes, o.Failed, o.judged = n, failed, true
	if last == g.outHead && o.left == 0 {
		g.completeDeploys() // its changes all left the stage at once (an automated one)
	}
	if failed {
		g.openIncident(n)
	}
}

func (g *Game) openIncident(changes int) {
	inc := &g.sc.Incidents
	d := des.Minutes(float64(float64(inc.Restore.Sample(g.incidentStream)*g.restoreF) * restoreFactor(inc.RestoreGrowth, changes)))
	i := g.dora.open(g.sim.Now())
	g.openIncidents++
	if inc.Stage >= 0 && inc.People > 0 {
		g.away[inc.Stage] += inc.People
		g.syncStage(inc.Stage)
	}
	g.sim.mustSchedule(d, g.onRestore, i)
	what := "A deployment"
	if changes > 1 {
		what = "A release of " + strconv.Itoa(changes) + " changes"
	}
	g.say(IncidentNews, "%s broke production; customers are affected until it is fixed.", what)
}

func (g *Game) restore(i int) {
	in := g.dora.restore(i, g.sim.Now())
	g.incidentMins += in.Restored - max(in.Opened, g.weekStart())
	g.openIncidents--
	inc := &g.sc.Incidents
	if inc.Stage >= 0 && inc.People > 0 {
		g.away[inc.Stage] -= inc.People
		g.syncStage(inc.Stage)
	}
	// As the DORA line writes its time to restore: one value, one reading.
	g.say(IncidentNews, "Production restored after %s.", prose.Duration(round3((in.Restored-in.Opened).Hours()), g.sc.HoursPerWeek))
}

// weekStart is when the current week began.
func (g *Game) weekStart() Time { return Time(g.sim.Week()) * g.sim.week }

// released notes a release train leaving: with a manual regression suite,
// every release needs a full regression run on the regression stage.
func (g *Game) released(stage, n int) {
	q := &g.sc.Quality
	if stage != g.sc.Production.Release || q.ReleaseRegression <= 0 || q.Regression < 0 {
		return
	}
	run := des.Minutes(float64(float64(q.ReleaseRegression) * g.regressionFactor()))
	if run > 0 {
		g.sim.enterOutside(q.Regression, run)
	}
}

// finished: a change is running in production. It counts toward the
// codebase, brings its value to customers, and may carry a bug they will
// find.
func (g *Game) finished(id int32) {
	it := &g.sim.items[id]
	now := g.sim.Now()
	g.delivered++
	g.deliveredWork += g.relSize(it)
	if it.Committed >= 0 {
		g.dora.changes = append(g.dora.changes, changeDone{at: now, lead: now - it.Committed})
	}
	g.valueWeek += g.realise(it, now)
	g.featureWork(it, now)
	q := &g.sc.Quality
	if q.BugWork >= 0 && q.BugRate > 0 {
		if g.quality.Bernoulli(sized(g.bugRisk(), g.riskSize(it))) {
			g.escapedBugs++
			delay := des.Minutes(q.BugDelay.Sample(g.quality))
			g.sim.mustSchedule(delay, g.onBug, 0)
		}
	}
}

// realise is the value customers get from a delivered change: its share of
// the feature's value, less what was lost while they waited (cost of delay).
func (g *Game) realise(it *Item, now Time) float64 {
	v := it.Value
	if v == 0 {
		return 0
	}
	if it.Feature >= 0 {
		f := &g.features[it.Feature]
		v = f.value / float64(f.slices)
	}
	if hl := g.sc.Market.DelayHalfLife; hl > 0 {
		waited := float64(now-g.arrivedAt(it)) / float64(g.sim.week)
		v = float64(v * des.Exp(-float64(math.Ln2*waited)/hl))
	}
	return v
}

// escapedBug: customers report a bug; it comes back as work.
func (g *Game) escapedBug(int) {
	q := &g.sc.Quality
	wt := &g.sc.Work[q.BugWork]
	g.sim.Inject(q.BugWork, wt.Size.Sample(g.quality), 0)
}

// arrived: new work. When slicing is on, a new feature is cut into slices:
// the first goes ahead, the rest follow once it is committed.
func (g *Game) arrived(id int32) {
	it := &g.sim.items[id]
	g.arrivals.add(Arrival{At: it.Arrived, Work: it.Work, Size: it.Size})
	if g.arrivals.len() > MaxArrivals && g.sim.err == nil {
		g.sim.err = g.sim.overflow() // the game keeps every arrival's history
	}
	if g.slices > 1 {
		g.slice(id)
	}
}

// committed: the first slice of a feature is committed, so its other
// slices are queued behind it.
func (g *Game) committed(id int32) {
	it := &g.sim.items[id]
	if it.Feature < 0 || it.Slice != 0 {
		return
	}
	g.queueSlices(it.Feature)
}

// EscapedBugs is how many delivered changes so far carried a bug that
// customers find.
func (g *Game) EscapedBugs() int { return g.escapedBugs }

// DeliveredWork is the work delivered to production so far, in changes of
// the usual size: each change counts its size relative to its work type's
// mean, so a feature cut into n slices counts about one, not n.
func (g *Game) DeliveredWork() float64 { return g.deliveredWork }

// restoreFactor is how much longer restoring a release of this many
// changes takes than restoring one change: 1 + growth·log2(changes). A
// release of eight changes with a growth of 0.5 takes 2.5 times as long,
// so that many small deployments open more incidents than a few big ones
// but fewer hours of outage per change.
func restoreFactor(growth float64, changes int) float64 {
	if changes <= 1 || growth == 0 {
		return 1
	}
	return 1 + float64(growth*float64(des.Log(float64(changes))/math.Ln2))
}
