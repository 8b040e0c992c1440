package scenario

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/globomantics/globosim/internal/sim"
)

// maxCapacity bounds a stage's servers; beyond it a stage is in effect
// unlimited, and "unlimited" says so.
const maxCapacity = 10000

// stages reads the [[stage]] tables, in flow order.
func (d *decoder) stages(root in) []sim.Stage {
	list := d.entries(root, "stage", "a scenario needs at least one stage")
	stages := make([]sim.Stage, len(list))
	for i, e := range list {
		stages[i].ID = e.id // every id first: rework may name a later stage
	}
	for i, e := range list {
		d.checkKeys(e.in, stageTable)
		st := &stages[i]
		st.Name, _ = d.text(e.in, "name")
		st.Capacity, _ = d.capacity(e.in)
		st.Service, _ = d.dist(e.in, "service", serviceTime, true)
		st.ReworkProb, st.ReworkTo = d.rework(e.in, stages, i)
		st.BatchEvery = d.batch(e.in)
		st.Background, st.HasBackground = d.dist(e.in, "background", interval, false)
	}
	return stages
}

// capacity reads the number of parallel servers, or "unlimited".
func (d *decoder) capacity(x in) (int, bool) {
	const want = `a whole number of at least 1, or "unlimited"`
	v, ok := x.t["capacity"]
	if !ok {
		d.missing(x, "capacity")
		return 1, false
	}
	if s, ok := v.(string); ok {
		switch {
		case s == "unlimited":
			return sim.Unlimited, true
		case strings.EqualFold(s, "unlimited"):
			d.report(x.key("capacity"), "%s must be written \"unlimited\", in lower case", x.name("capacity"))
		default:
			d.wrongType(x, "capacity", want)
		}
		return 1, false
	}
	n, ok := wholeNumber(v)
	switch {
	case !ok:
		d.wrongType(x, "capacity", want)
	case n < 1:
		d.report(x.key("capacity"), "%s must be %s (got %s)", x.name("capacity"), want, show(v))
	case n > maxCapacity:
		d.report(x.key("capacity"), "%s must be at most %d; for a step with no limit write \"unlimited\" (got %s)",
			x.name("capacity"), maxCapacity, show(v))
	default:
		return int(n), true
	}
	return 1, false
}

// rework is a valid rework table, kept for the check against routes.
type rework struct {
	from, to int
	path     string // of its "to"
	owner    string
}

// rework reads the optional rework table of stages[i]: the probability that
// an item goes back, and the index of the stage it goes back to.
func (d *decoder) rework(x in, stages []sim.Stage, i int) (prob float64, to int) {
	r, ok := d.table(x, "rework", reworkTable, `{ prob = 0.1, to = "dev" }`)
	if !ok {
		return 0, 0
	}
	prob, okProb := 0.0, false
	if _, present := r.t["prob"]; present {
		prob, okProb = d.reworkChance(r, "prob")
	} else {
		d.missing(r, "prob")
	}
	if _, present := r.t["to"]; !present {
		d.missing(r, "to")
		return 0, 0
	}
	id, ok := r.t["to"].(string)
	if !ok {
		d.wrongType(r, "to", "a stage id in quotes")
		return 0, 0
	}
	to = stageIndex(stages, id)
	switch {
	case to < 0:
		d.report(r.key("to"), "%srework goes to stage %s, which does not exist%s", x.prefix, quote(id), stageHint(id, stages))
		return 0, 0
	case to > i:
		d.report(r.key("to"), "%srework to a later stage (%s) is not possible; rework can only go back to %s or an earlier stage",
			x.prefix, quote(id), quote(stages[i].ID))
		return 0, 0
	}
	if !okProb {
		return 0, 0
	}
	d.reworks = append(d.reworks, rework{from: i, to: to, path: r.key("to"), owner: x.owner})
	return prob, to
}

// reworkChance reads the probability that a stage sends an item back. It
// must be below 1: at 1 every item goes back every time and never leaves.
func (d *decoder) reworkChance(x in, key string) (float64, bool) {
	p, ok := d.probability(x, key)
	if ok && p >= 1 {
		d.report(x.key(key), "%s must be below 1 (got %s): an item sent back every time it is done would never leave", x.name(key), show(x.t[key]))
		return 0, false
	}
	return p, ok
}

// reworkRoutes checks that every item a stage sends back finds the stage it
// is sent to on its own route: the simulation moves it back along its route.
func (d *decoder) reworkRoutes(sc *sim.Scenario) {
	for _, r := range d.reworks {
		from, to := sc.Stages[r.from].ID, sc.Stages[r.to].ID
		for i, w := range sc.Work {
			if w.Route == nil || !slices.Contains(w.Route, r.from) || slices.Contains(w.Route, r.to) {
				continue
			}
			d.report(r.path, "%s: rework goes back to %s, but %s passes through %s without visiting %s; add %s to its route, or send rework elsewhere",
				r.owner, quote(to), label("work", w.ID, i), quote(from), quote(to), quote(to))
		}
	}
}

// batch reads the optional batch table: how often held items are released.
func (d *decoder) batch(x in) sim.Time {
	b, ok := d.table(x, "batch", batchTable, `{ every = "2w" }`)
	if !ok {
		return 0
	}
	if _, present := b.t["every"]; !present {
		d.missing(b, "every")
		return 0
	}
	m, ok := d.duration(b, "every")
	if !ok {
		return 0
	}
	every := sim.Time(math.Round(m))
	if every < sim.Minute {
		d.report(b.key("every"), "%s must be at least 1 minute (got %s)", b.name("every"), show(b.t["every"]))
		return 0
	}
	return every
}

// stageRef reads the id of a stage at key and returns the stage's index, or
// -1 when the key is left out or has a problem, which is reported.
func (d *decoder) stageRef(x in, key string, stages []sim.Stage) int {
	ids := make([]string, len(stages))
	for i, st := range stages {
		ids[i] = st.ID
	}
	return d.ref(x, key, "stage", ids)
}

// staffedStage is stageRef for a stage whose people the game takes away
// for something (what: "fight fires"), so not an "unlimited" one.
func (d *decoder) staffedStage(x in, key string, stages []sim.Stage, what string) int {
	i := d.stageRef(x, key, stages)
	if i >= 0 && stages[i].Capacity == sim.Unlimited {
		d.report(x.key(key), "%s %s is \"unlimited\" (an automated step), so it has no people to %s", x.name(key), quote(stages[i].ID), what)
		return -1
	}
	return i
}

// stageIndex is the position of the stage with this id, or -1.
func stageIndex(stages []sim.Stage, id string) int {
	if id == "" {
		return -1
	}
	return slices.IndexFunc(stages, func(st sim.Stage) bool { return st.ID == id })
}

// stageHint ends a message about a stage id that does not exist.
func stageHint(id string, stages []sim.Stage) string {
	var ids []string
	for _, st := range stages {
		if st.ID != "" {
			ids = append(ids, st.ID)
		}
	}
	if len(ids) == 0 {
		return ""
	}
	return didYouMean(id, ids, "stage ids")
}

// label names an entry in messages: `work "bugfix"`, or `work #2` when it
// has no id.
func label(noun, id string, i int) string {
	if id == "" {
		return fmt.Sprintf("%s #%d", noun, i+1)
	}
	return noun + " " + quote(id)
}
