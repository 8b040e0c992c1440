package scenario

import (
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
		v.BuildTime = d.buildTime(e.in)
		v.DrainStage, v.DrainPeople = d.drain(e.in, sc.Stages)
		v.Requires = d.requires(e.in, inv, i)
		v.Effects = d.effects(e.in, sc, true)
	}
	return inv
}

// buildTime reads how long an investment takes to build: at least a minute,
// so that buying it and having it are never the same moment.
func (d *decoder) buildTime(x in) sim.Time {
	if !x.has("build_time") {
		d.missingFor(x, "build_time", `how long it takes to build, such as "6w"`)
		return 0
	}
	t, ok := d.time(x, "build_time")
	if ok && t < sim.Minute {
		d.report(x.key("build_time"), "%s must be more than 0 (got %s)", x.name("build_time"), show(x.t["build_time"]))
		return 0
	}
	return t
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
