package scenario

import (
	"fmt"
	"slices"
	"strings"

	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/sim/des"
)

// The game's settings: one optional table each, whose defaults make a
// neutral game (no money, no failures, no market), so that a scenario
// without them still simulates.

// production reads [production]: the stages DORA's clocks read.
func (d *decoder) production(root in, stages []sim.Stage) sim.Production {
	x, _ := d.section(root, "production", productionTable)
	p := sim.Production{Commit: 0, Release: -1, Deploy: len(stages) - 1}
	if len(stages) == 0 {
		return sim.Production{Commit: -1, Release: -1, Deploy: -1}
	}
	good := true
	for _, k := range []string{"commit", "deploy"} {
		i := d.stageRef(x, k, stages)
		good = good && (i >= 0 || !x.has(k))
		if i >= 0 && k == "commit" {
			p.Commit = i
		} else if i >= 0 {
			p.Deploy = i
		}
	}
	if good && (x.has("commit") || x.has("deploy")) && p.Commit >= p.Deploy {
		at := "commit"
		if !x.has("commit") {
			at = "deploy"
		}
		d.report(x.key(at), "production: the commit stage (%s) must come before the deploy stage (%s): a change is committed when it leaves the one and deployed when it enters the other",
			quote(stages[p.Commit].ID), quote(stages[p.Deploy].ID))
		good = false
	}
	if !x.has("release") {
		for i := p.Commit; i <= p.Deploy; i++ {
			if stages[i].BatchEvery > 0 {
				p.Release = i
				break
			}
		}
		return p
	}
	p.Release = d.stageRef(x, "release", stages)
	if good && p.Release >= 0 && (p.Release < p.Commit || p.Release > p.Deploy) {
		d.report(x.key("release"), "production: the release stage (%s) must not come before the commit stage (%s) or after the deploy stage (%s)",
			quote(stages[p.Release].ID), quote(stages[p.Commit].ID), quote(stages[p.Deploy].ID))
	}
	return p
}

// defaultImprovementShare is each team's share of time for improvement work
// when [company] does not say.
const defaultImprovementShare = 0.2

// company reads [company]: money, market share and the rules of winning.
// shareOK says whether market_share could be read, for the check that the
// shares of the market add up.
func (d *decoder) company(root in) (c sim.Company, shareOK bool) {
	x, _ := d.section(root, "company", companyTable)
	if x.has("name") {
		c.Name = d.title(x, "name", "it is the company the player leads, on the charts and in the debrief")
	}
	c.Budget = d.money(x, "budget", false)
	c.RevenuePerWeek = d.money(x, "revenue_per_week", false)
	c.SalaryPerWeek = d.money(x, "salary_per_week", false)
	c.InfraPerWeek = d.money(x, "infra_per_week", false)
	c.MarketShare, shareOK = d.number(x, "market_share", 1, share)
	floor, floorOK := d.number(x, "share_floor", 0, fraction)
	if floorOK && shareOK && floor >= c.MarketShare && x.has("share_floor") {
		d.report(x.key("share_floor"), "company: share_floor must be below market_share (share_floor %s, market_share %s), or the game is lost before it starts",
			show(floor), show(c.MarketShare))
	} else {
		c.ShareFloor = floor
	}
	c.WinShare, _ = d.number(x, "win_share", 0, fraction)
	c.HireCost = d.money(x, "hire_cost", false)
	if x.has("ramp_up") {
		c.RampUpWeeks, _ = d.weeksUp(x, "ramp_up")
	}
	c.ImprovementShare, _ = d.number(x, "improvement_share", defaultImprovementShare, improvement)
	c.Payout, _ = d.number(x, "payout", 0, fraction)
	return c, shareOK
}

// quality reads [quality]: how often changes fail and how testing scales.
func (d *decoder) quality(root in, sc *sim.Scenario) sim.Quality {
	x, _ := d.section(root, "quality", qualityTable)
	q := sim.Quality{BugWork: -1, BugDelay: des.Fixed(0), Regression: -1}
	q.Coverage, _ = d.number(x, "coverage", 0, fraction)
	q.Parity, _ = d.number(x, "parity", 0, fraction)
	q.DefectRate, _ = d.number(x, "defect_rate", 0, fraction)
	q.BugRate, _ = d.number(x, "bug_rate", 0, fraction)
	if x.has("bug_work") {
		q.BugWork = d.workRef(x, "bug_work", sc.Work)
	} else if q.BugRate > 0 {
		d.missingFor(x, "bug_work", fmt.Sprintf("the bugs that escape (bug_rate %s) come back as this kind of work", show(x.t["bug_rate"])))
	}
	if delay, ok := d.dist(x, "bug_delay", serviceTime, false); ok {
		q.BugDelay = delay
	}
	q.Regression = d.stageRef(x, "regression_stage", sc.Stages)
	q.RegressionGrowth, _ = d.number(x, "regression_growth", 0, atLeastZero)
	if x.has("release_regression") {
		q.ReleaseRegression, _ = d.time(x, "release_regression")
	}
	for _, k := range []struct {
		key string
		set bool
	}{{"regression_growth", q.RegressionGrowth > 0}, {"release_regression", q.ReleaseRegression > 0}} {
		if k.set && !x.has("regression_stage") {
			d.report(x.key(k.key), "%s needs regression_stage, the stage that runs the regression suite", x.name(k.key))
		}
	}
	return q
}

// DefaultRestoreGrowth is [incidents] restore_growth when a scenario does
// not set it: each doubling of the changes in a failed release adds half
// to its time to restore.
const DefaultRestoreGrowth = 0.5

// incidents reads [incidents]: the outages that failed deployments cause.
func (d *decoder) incidents(root in, sc *sim.Scenario) sim.Incidents {
	x, _ := d.section(root, "incidents", incidentsTable)
	inc := sim.Incidents{Restore: des.Fixed(0), Stage: -1}
	if restore, ok := d.dist(x, "restore", serviceTime, false); ok {
		inc.Restore = restore
	}
	if x.has("stage") {
		inc.Stage = d.staffedStage(x, "stage", sc.Stages, "fight fires")
	} else if c := sc.Production.Commit; c >= 0 && sc.Stages[c].Capacity != sim.Unlimited {
		inc.Stage = c
	}
	inc.People = int(d.whole(x, "people", 0, 0, maxCapacity))
	if inc.People > 0 && !x.has("stage") && inc.Stage < 0 && sc.Production.Commit >= 0 {
		d.report(x.key("people"), "incidents: people are pulled off the commit stage (%s) by default, but it is \"unlimited\" (an automated step); say which stage they come from with stage = \"...\"",
			quote(sc.Stages[sc.Production.Commit].ID))
	}
	inc.Penalty, _ = d.number(x, "penalty", 0, atLeastZero)
	inc.CostPerHour, _ = d.number(x, "cost_per_hour", 0, atLeastZero)
	inc.RestoreGrowth, _ = d.number(x, "restore_growth", DefaultRestoreGrowth, atLeastZero)
	return inc
}

// slicing reads [slicing]: which work can be cut into thin slices (MVP).
// Without it there is no slicing to turn on.
func (d *decoder) slicing(root in, work []sim.WorkType) sim.Slicing {
	x, ok := d.section(root, "slicing", slicingTable)
	if !ok {
		return sim.Slicing{}
	}
	d.hasSlicing = true
	s := sim.Slicing{Slices: 3}
	s.Work = d.sliceable(x, work)
	s.Slices = int(d.whole(x, "slices", 3, 2, 10))
	s.Drop, _ = d.number(x, "drop_below", 0, atLeastZero)
	return s
}

// sliceable reads the work types that slicing cuts, each of which needs a
// value: the first slice is how the company learns it.
func (d *decoder) sliceable(x in, work []sim.WorkType) []int {
	const example = `["feature"]`
	v, ok := x.t["work"]
	if !ok {
		d.missingFor(x, "work", "the kinds of work that can be sliced, such as "+example)
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		d.wrongType(x, "work", "a list of work ids such as "+example)
		return nil
	}
	if len(list) == 0 {
		d.report(x.key("work"), "%s must name at least one kind of work, such as %s", x.name("work"), example)
		return nil
	}
	ids := workIDs(work)
	var out []int
	for i, v := range list {
		at := index(x.key("work"), i)
		id, ok := v.(string)
		if !ok {
			d.report(at, "%s must list work ids in quotes, not %s", x.name("work"), describe(v))
			continue
		}
		w := slices.Index(ids, id)
		switch {
		case w < 0 || id == "":
			d.report(at, "%s names work %s, which does not exist%s", x.name("work"), quote(id), idHint(id, ids, "work ids"))
		case slices.Contains(out, w):
			d.report(at, "%s names %s twice", x.name("work"), quote(id))
		case !d.valued[w]:
			d.report(at, "%s %s has no value; give its [[work]] table a value distribution, since slicing learns a feature's value from its first slice",
				x.name("work"), quote(id))
		default:
			out = append(out, w)
		}
	}
	return out
}

func workIDs(work []sim.WorkType) []string {
	ids := make([]string, len(work))
	for i, w := range work {
		ids[i] = w.ID
	}
	return ids
}

// workRef reads the id of a kind of work at key and returns its index, or
// -1 when the key is left out or has a problem.
func (d *decoder) workRef(x in, key string, work []sim.WorkType) int {
	return d.ref(x, key, "work", workIDs(work))
}

// briefing reads the optional text players read before the first week.
func (d *decoder) briefing(root in) string {
	b, _ := d.text(root, "briefing")
	return strings.TrimSpace(b)
}
