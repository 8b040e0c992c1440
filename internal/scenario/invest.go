package scenario

import (
	"math"
	"slices"

	"github.com/globomantics/globosim/internal/sim"
)

// investments reads the [[investment]] tables: what the player can buy.
func (d *decoder) investments(root in, sc *sim.Scenario) []sim.Investment {
	list := d.entries(root, "investment", "")
	if len(list) == 0 {
		return nil
	}
	inv := make([]sim.Investment, len(list))
	for i, e := range list {
		inv[i].ID = e.id // every id first: requires names them
	}
	for i, e := range list {
		d.checkKeys(e.in, investmentTable)
		v := &inv[i]
		v.Name = d.title(e.in, "name", "it is what the player sees in the shop")
		v.Description = d.title(e.in, "description", "it tells the player what the investment does")
		v.Cost = d.money(e.in, "cost", false)
		v.WeeklyCost = d.money(e.in, "weekly_cost", false)
		v.Effort = d.effort(e.in, sc.Stages)
		v.BuildTime = d.buildTime(e.in)
		v.DrainStage, v.DrainPeople = d.drain(e.in, sc.Stages)
		if e.in.has("effort") && e.in.has("drain") {
			d.report(e.in.key("drain"), "%sgive effort or drain, not both: effort replaces the old drain (a drain of people for the build time is that much effort from the stage)", e.in.prefix)
		}
		v.Requires = d.requires(e.in, inv, i)
		v.Effects = d.effects(e.in, sc, true)
	}
	return inv
}

// buildTime reads how long an investment takes to build. With effort it is
// the least calendar time (procurement), 0 when left out; without, it is
// the whole build, and at least a minute, so that buying it and having it
// are never the same moment.
func (d *decoder) buildTime(x in) sim.Time {
	if x.has("effort") {
		if !x.has("build_time") {
			return 0
		}
		t, ok := d.time(x, "build_time")
		if ok && t < 0 {
			d.report(x.key("build_time"), "%s must not be negative (got %s)", x.name("build_time"), show(x.t["build_time"]))
			return 0
		}
		return t
	}
	if !x.has("build_time") {
		d.missingFor(x, "build_time", `how long it takes to build, such as "6w" (or the work it needs from teams, with effort)`)
		return 0
	}
	t, ok := d.time(x, "build_time")
	if ok && t < sim.Minute {
		d.report(x.key("build_time"), "%s must be more than 0 (got %s)", x.name("build_time"), show(x.t["build_time"]))
		return 0
	}
	return t
}

const effortExample = `[ { stage = "dev", weeks = 6 } ]`

// effort reads the optional effort list: the person-weeks of improvement
// work the investment needs from each named team.
func (d *decoder) effort(x in, stages []sim.Stage) []sim.Effort {
	if !x.has("effort") {
		return nil
	}
	items, ok := d.inlineTables(x, "effort", "effort", "a list of teams' work such as "+effortExample, `{ stage = "dev", weeks = 6 }`)
	if !ok {
		return nil
	}
	if len(items) == 0 {
		d.report(x.key("effort"), "%s must name at least one team, such as %s; leave effort out for an investment that only takes build_time", x.name("effort"), effortExample)
		return nil
	}
	var out []sim.Effort
	for _, p := range items {
		if p == nil {
			continue
		}
		e := *p
		d.checkKeys(e, effortTable)
		d.missingKeys(e, effortTable)
		st := d.staffedStage(e, "stage", stages, "build it")
		weeks, wok := d.number(e, "weeks", 0, personWeeks)
		work := sim.Time(math.Round(weeks * float64(d.week())))
		if wok && e.has("weeks") && work < 1 {
			d.report(e.key("weeks"), "%s must be more than 0 (got %s)", e.name("weeks"), show(e.t["weeks"]))
			continue
		}
		if st < 0 || !wok || !e.has("weeks") {
			continue
		}
		if slices.ContainsFunc(out, func(f sim.Effort) bool { return f.Stage == st }) {
			d.report(e.key("stage"), "%s names %s twice; give each team one entry with all its weeks", x.name("effort"), quote(stages[st].ID))
			continue
		}
		out = append(out, sim.Effort{Stage: st, Work: work})
	}
	return out
}

// drain reads the optional drain table: the people pulled off a stage
// while the investment is built.
func (d *decoder) drain(x in, stages []sim.Stage) (stage, people int) {
	t, ok := d.table(x, "drain", drainTable, `{ stage = "dev", people = 1 }`)
	if !ok {
		return -1, 0
	}
	d.missingKeys(t, drainTable)
	stage = d.staffedStage(t, "stage", stages, "pull off while building")
	people = int(d.whole(t, "people", 0, 1, maxCapacity))
	if stage < 0 || people == 0 {
		return -1, 0
	}
	return stage, people
}

// requires reads the investments that inv[i] needs first, which must be
// listed before it, so that prerequisites can never go round in a circle.
func (d *decoder) requires(x in, inv []sim.Investment, i int) []int {
	const example = `["monitoring"]`
	v, ok := x.t["requires"]
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		d.wrongType(x, "requires", "a list of investment ids such as "+example)
		return nil
	}
	ids := make([]string, len(inv))
	for k := range inv {
		ids[k] = inv[k].ID
	}
	var out []int
	for k, v := range list {
		at := index(x.key("requires"), k)
		id, ok := v.(string)
		if !ok {
			d.report(at, "%s must list investment ids in quotes, not %s", x.name("requires"), describe(v))
			continue
		}
		r := slices.Index(ids, id)
		switch {
		case r < 0 || id == "":
			d.report(at, "%s names investment %s, which does not exist%s", x.name("requires"), quote(id), idHint(id, ids, "investment ids"))
		case r == i:
			d.report(at, "%s names the investment itself", x.name("requires"))
		case r > i:
			d.report(at, "%s names investment %s, which comes later in the file; list an investment after the ones it requires",
				x.name("requires"), quote(id))
		case slices.Contains(out, r):
			d.report(at, "%s names %s twice", x.name("requires"), quote(id))
		default:
			out = append(out, r)
		}
	}
	return out
}
