package sim

import "slices"

// Role is a part a member of a team plays when several people lead one
// company together (globosim serve --teams): the decisions it owns. Roles
// change nothing in the simulation; they say who in a team may take a
// decision without asking.
type Role struct {
	ID, Name string
	// Stages and Investments are indexes into the scenario's: a role owns
	// the WIP limit, hiring and improvement time of its stages, and the
	// purchase of its investments.
	Stages      []int
	Investments []int
	// Kinds are the decisions that name neither a stage nor an investment
	// that the role owns: SetReleaseCadence, SetSlicing, Respond.
	Kinds []DecisionKind
	// ApproveAbove, when positive, makes this role the one that decides
	// every decision spending more than this many dollars at once.
	ApproveAbove int64
}

// TeamRoles are the scenario's roles, or, when it names none, one role
// that owns everything.
func (sc *Scenario) TeamRoles() []Role {
	if len(sc.Roles) > 0 {
		return sc.Roles
	}
	r := Role{ID: "everyone", Name: "Everyone", Kinds: slices.Clone(Unowned)}
	for i := range sc.Stages {
		r.Stages = append(r.Stages, i)
	}
	for i := range sc.Investments {
		r.Investments = append(r.Investments, i)
	}
	return []Role{r}
}

// Unowned are the decision kinds a role lists by kind: they name neither a
// stage nor an investment.
var Unowned = []DecisionKind{SetReleaseCadence, SetSlicing, Respond}

// Spend is the money d commits at once: an investment's price, the cost of
// hiring.
func (sc *Scenario) Spend(d Decision) int64 {
	switch d.Kind {
	case Invest:
		for i := range sc.Investments {
			if sc.Investments[i].ID == d.Investment {
				return sc.Investments[i].Cost
			}
		}
	case Hire:
		if d.N > 0 {
			return int64(d.N) * sc.Company.HireCost
		}
	}
	return 0
}

// RoleFor is the index in TeamRoles of the role that decides d: the approving role when
// d spends more than its threshold, else the role that owns what d
// changes; -1 when no role owns it (then any member decides it).
func (sc *Scenario) RoleFor(d Decision) int {
	spend := sc.Spend(d)
	roles := sc.TeamRoles()
	for i := range roles {
		if a := roles[i].ApproveAbove; a > 0 && spend > a {
			return i
		}
	}
	for i := range roles {
		if roles[i].owns(sc, d) {
			return i
		}
	}
	return -1
}

func (r *Role) owns(sc *Scenario, d Decision) bool {
	switch d.Kind {
	case Invest:
		for _, k := range r.Investments {
			if sc.Investments[k].ID == d.Investment {
				return true
			}
		}
		return false
	case SetWIPLimit, Hire, SetImprovement:
		for _, k := range r.Stages {
			if sc.Stages[k].ID == d.Stage {
				return true
			}
		}
		return false
	}
	for _, k := range r.Kinds {
		if k == d.Kind {
			return true
		}
	}
	return false
}
