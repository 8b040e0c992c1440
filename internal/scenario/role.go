package scenario

import (
	"fmt"
	"slices"

	"github.com/globomantics/globosim/internal/sim"
)

// roles reads the [[role]] tables: the parts members of a team play (serve
// --teams), each owning the decisions on its stages and investments. A
// scenario without any plays with one role that owns everything
// (sim.Scenario.TeamRoles).
func (d *decoder) roles(root in, sc *sim.Scenario) []sim.Role {
	list := d.entries(root, "role", "")
	if len(list) == 0 {
		return nil
	}
	stageIDs := make([]string, len(sc.Stages))
	for i := range sc.Stages {
		stageIDs[i] = sc.Stages[i].ID
	}
	invIDs := make([]string, len(sc.Investments))
	for i := range sc.Investments {
		invIDs[i] = sc.Investments[i].ID
	}
	kindIDs := make([]string, len(sim.Unowned))
	for i, k := range sim.Unowned {
		kindIDs[i] = k.String()
	}
	owned := map[string]string{} // "stage \"dev\"" → the role that owns it
	approver := ""
	out := make([]sim.Role, len(list))
	for i, e := range list {
		d.checkKeys(e.in, roleTable)
		r := &out[i]
		r.ID = e.id
		r.Name = d.title(e.in, "name", "it is what team members pick when they join")
		claim := func(at, what string) bool {
			if first, ok := owned[what]; ok {
				d.report(at, "%s%s is owned by role %s already; a decision has one owner", e.in.prefix, what, quote(first))
				return false
			}
			owned[what] = e.id
			return true
		}
		for _, k := range d.idList(e.in, "stages", "stage", stageIDs, `["dev", "build"]`) {
			if claim(e.in.key("stages"), "stage "+quote(stageIDs[k])) {
				r.Stages = append(r.Stages, k)
			}
		}
		for _, k := range d.idList(e.in, "investments", "investment", invIDs, `["ci", "tests1"]`) {
			if claim(e.in.key("investments"), "investment "+quote(invIDs[k])) {
				r.Investments = append(r.Investments, k)
			}
		}
		for _, k := range d.idList(e.in, "decisions", "decision", kindIDs, `["release_every", "slicing", "respond"]`) {
			if claim(e.in.key("decisions"), "the decision "+quote(kindIDs[k])) {
				r.Kinds = append(r.Kinds, sim.Unowned[k])
			}
		}
		if e.in.has("approve_above") {
			r.ApproveAbove = d.money(e.in, "approve_above", false)
			if approver != "" {
				d.report(e.in.key("approve_above"), "%sapprove_above is given by role %s already; one role approves spending", e.in.prefix, quote(approver))
			} else if r.ApproveAbove > 0 {
				approver = e.id
			}
		}
	}
	return out
}

// idList reads an optional list of ids at key, each one of ids (the ids of
// kind), and returns their positions; a bad or repeated id is reported and
// left out.
func (d *decoder) idList(x in, key, kind string, ids []string, example string) []int {
	v, ok := x.t[key]
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		d.wrongType(x, key, fmt.Sprintf("a list of %s ids such as %s", kind, example))
		return nil
	}
	var out []int
	for k, v := range list {
		at := index(x.key(key), k)
		id, ok := v.(string)
		if !ok {
			d.report(at, "%s must list %s ids in quotes, not %s", x.name(key), kind, describe(v))
			continue
		}
		r := slices.Index(ids, id)
		switch {
		case r < 0 || id == "":
			d.report(at, "%s names %s %s, which does not exist%s", x.name(key), kind, quote(id), idHint(id, ids, kind+" ids"))
		case slices.Contains(out, r):
			d.report(at, "%s names %s twice", x.name(key), quote(id))
		default:
			out = append(out, r)
		}
	}
	return out
}
