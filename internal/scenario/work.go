package scenario

import (
	"slices"
	"strings"

	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/sim/des"
)

// work reads the [[work]] tables: the kinds of work item, their arrivals,
// sizes and routes through stages.
func (d *decoder) work(root in, stages []sim.Stage) []sim.WorkType {
	list := d.entries(root, "work", "a scenario needs at least one kind of work")
	work := make([]sim.WorkType, len(list))
	for i, e := range list {
		d.checkKeys(e.in, workTable)
		w := &work[i]
		w.ID = e.id
		w.Name, _ = d.text(e.in, "name")
		w.Arrival, _ = d.dist(e.in, "arrival", interval, true)
		w.Size = des.Fixed(1)
		if s, ok := d.dist(e.in, "size", size, false); ok {
			w.Size = s
		}
		w.Route = d.route(e.in, stages)
		w.Value, w.HasValue = d.dist(e.in, "value", size, false)
		d.valued = append(d.valued, e.has("value"))
	}
	return work
}

// route reads the stages a work type visits, in flow order; by default every
// stage. It returns nil if the route has a problem.
func (d *decoder) route(x in, stages []sim.Stage) []int {
	v, ok := x.t["route"]
	if !ok {
		all := make([]int, len(stages))
		for i := range all {
			all[i] = i
		}
		return all
	}
	list, ok := v.([]any)
	if !ok {
		d.wrongType(x, "route", `a list of stage ids such as ["dev", "qa"]`)
		return nil
	}
	if len(list) == 0 {
		d.report(x.key("route"), "%s must name at least one stage", x.name("route"))
		return nil
	}
	if len(stages) == 0 {
		return nil // the missing stages are reported already
	}
	route := make([]int, 0, len(list))
	good := true
	for i, v := range list {
		at := index(x.key("route"), i)
		id, ok := v.(string)
		if !ok {
			d.report(at, "%s must list stage ids in quotes, not %s", x.name("route"), describe(v))
			good = false
			continue
		}
		s := stageIndex(stages, id)
		switch {
		case s < 0:
			d.report(at, "%s names stage %s, which does not exist%s", x.name("route"), quote(id), stageHint(id, stages))
		case slices.Contains(route, s):
			d.report(at, "%s names stage %s twice", x.name("route"), quote(id))
		case len(route) > 0 && s < route[len(route)-1]:
			prev := stages[route[len(route)-1]].ID
			d.report(at, "%s lists %s after %s, but %s comes first in the flow; list stages in the order of the [[stage]] tables: %s",
				x.name("route"), quote(id), quote(prev), quote(id), stageList(stages))
		default:
			route = append(route, s)
			continue
		}
		good = false
	}
	if !good {
		return nil
	}
	return route
}

func stageList(stages []sim.Stage) string {
	ids := make([]string, len(stages))
	for i, st := range stages {
		ids[i] = st.ID
	}
	return strings.Join(ids, ", ")
}
