package scenario

import (
	"cmp"
	"slices"

	"github.com/globomantics/globosim/internal/inputfile"
	"github.com/globomantics/globosim/internal/sim"
)

// A plan file is a strategy written down: the decisions a player would take,
// week by week, for `globosim run --plan`. Its ids are the scenario's, so it
// is checked against the scenario it is for; whether a decision can be
// afforded when its week comes is the game's business, not the loader's.

// ParsePlan decodes a plan file and checks it against sc, the scenario it
// is for; filename is only used to place problems. The error, if any, is a
// Diagnostics listing every problem. Decisions come in week order, and in
// file order within a week.
func ParsePlan(filename string, src []byte, sc *sim.Scenario) (*sim.Plan, error) {
	if sc == nil {
		return nil, Diagnostics{{File: filename, Msg: "there is no scenario to check the plan against"}}
	}
	d, raw, err := begin(filename, src, inputfile.Plan)
	if err != nil {
		return nil, err
	}
	d.hoursPerWeek = sc.HoursPerWeek
	p := d.plan(raw, sc)
	if len(d.diags) > 0 {
		d.diags.sort()
		return nil, d.diags
	}
	return p, nil
}

// LoadPlan reads the plan file at path and checks it against sc.
func LoadPlan(path string, sc *sim.Scenario) (*sim.Plan, error) {
	src, err := readFile(path, inputfile.Plan)
	if err != nil {
		return nil, err
	}
	return ParsePlan(path, src, sc)
}

func (d *decoder) plan(raw map[string]any, sc *sim.Scenario) *sim.Plan {
	root := in{t: raw, where: "at the top level"}
	d.checkKeys(root, planFile)
	p := &sim.Plan{Name: d.title(root, "name", "it names the strategy in reports")}
	p.Description, _ = d.text(root, "description")
	for _, e := range d.tables(root, "decision", "", nil) {
		d.checkKeys(e.in, decisionTable)
		if step, ok := d.decision(e.in, sc); ok {
			p.Steps = append(p.Steps, step)
		}
	}
	slices.SortStableFunc(p.Steps, func(a, b sim.PlannedDecision) int { return cmp.Compare(a.Week, b.Week) })
	return p
}

// decision reads one [[decision]]: a week and exactly one action.
func (d *decoder) decision(x in, sc *sim.Scenario) (sim.PlannedDecision, bool) {
	n := len(d.diags)
	var step sim.PlannedDecision
	if x.has("week") {
		step.Week = int(d.whole(x, "week", 0, 1, int64(sc.Weeks)))
	} else {
		d.missingFor(x, "week", "the week it is taken, at its start (1 is the first)")
	}
	actions := decisionTable.Keys[1:]
	var given []string
	misspelt := false // an unknown key was meant to be an action, and said so
	for _, k := range actions {
		if x.has(k) {
			given = append(given, k)
		}
		misspelt = misspelt || d.misspelt[x.key(k)]
	}
	switch len(given) {
	case 0:
		if misspelt {
			break
		}
		d.report(x.path, "%sthe decision has no action; give it one of %s", x.prefix, orList(actions))
	case 1:
	default:
		d.report(x.key(given[1]), "%sa decision takes one action, but this one has %s; write each in its own [[decision]]", x.prefix, andList(given))
	}
	for _, k := range given {
		step.Decision = d.action(x, k, sc)
	}
	return step, len(d.diags) == n
}

// action reads the action at key.
func (d *decoder) action(x in, key string, sc *sim.Scenario) sim.Decision {
	switch key {
	case "invest":
		return sim.Decision{Kind: sim.Invest, Investment: d.investRef(x, sc)}
	case "release_every":
		return sim.Decision{Kind: sim.SetReleaseCadence, Every: d.cadence(x, sc)}
	case "wip_limit":
		t, ok := d.table(x, key, wipLimitTable, `{ stage = "qa", limit = 6 }`)
		if !ok {
			break
		}
		d.missingKeys(t, wipLimitTable)
		dec := sim.Decision{Kind: sim.SetWIPLimit, N: int(d.whole(t, "limit", 0, 0, maxCapacity))}
		if s := d.stageRef(t, "stage", sc.Stages); s >= 0 {
			dec.Stage = sc.Stages[s].ID
		}
		return dec
	case "hire":
		t, ok := d.table(x, key, hireTable, `{ stage = "qa", people = 1 }`)
		if !ok {
			break
		}
		d.missingKeys(t, hireTable)
		dec := sim.Decision{Kind: sim.Hire, N: int(d.whole(t, "people", 0, -maxCapacity, maxCapacity))}
		if n, ok := wholeNumber(t.t["people"]); ok && n == 0 {
			d.report(t.key("people"), "%s must not be 0: it is the people hired, or let go when negative", t.name("people"))
		}
		if s := d.staffedStage(t, "stage", sc.Stages, "hire or let go"); s >= 0 {
			dec.Stage = sc.Stages[s].ID
		}
		return dec
	case "improvement":
		t, ok := d.table(x, key, improvementTable, `{ stage = "dev", share = 0.25 }`)
		if !ok {
			break
		}
		d.missingKeys(t, improvementTable)
		dec := sim.Decision{Kind: sim.SetImprovement}
		dec.Share, _ = d.number(t, "share", 0, improvement)
		if s := d.staffedStage(t, "stage", sc.Stages, "give improvement time"); s >= 0 {
			dec.Stage = sc.Stages[s].ID
		}
		return dec
	case "slicing":
		if len(sc.Slicing.Work) == 0 {
			d.report(x.key(key), "%sslicing needs a [slicing] table in the scenario, which has none", x.prefix)
		}
		return sim.Decision{Kind: sim.SetSlicing, N: int(d.whole(x, key, 1, 1, 10))}
	case "respond":
		return d.respondRef(x, sc)
	}
	return sim.Decision{}
}

// investRef reads the id of the investment to start building.
func (d *decoder) investRef(x in, sc *sim.Scenario) string {
	if len(sc.Investments) == 0 {
		d.report(x.key("invest"), "%sinvest names an investment, but the scenario has no [[investment]] tables", x.prefix)
		return ""
	}
	ids := make([]string, len(sc.Investments))
	for i, inv := range sc.Investments {
		ids[i] = inv.ID
	}
	if i := d.ref(x, "invest", "investment", ids); i >= 0 {
		return ids[i]
	}
	return ""
}

// onDemand is the cadence of a release stage with no train: each item is
// released as soon as it is ready.
const onDemand = "on demand"

// cadence reads release_every: the time between release trains, or
// "on demand".
func (d *decoder) cadence(x in, sc *sim.Scenario) sim.Time {
	const key = "release_every"
	if sc.Production.Release < 0 {
		d.report(x.key(key), "%srelease_every changes the release train, but the scenario has none (no release stage in [production], and no stage with a batch)", x.prefix)
		return 0
	}
	if s, ok := x.t[key].(string); ok {
		if s == onDemand {
			return 0
		}
		if _, problem := parseDuration(s, d.hoursPerWeek); problem != "" {
			d.report(x.key(key), "%s %s %s; write %q for no release train, or %s", x.name(key), quote(s), problem, onDemand, durationForms)
			return 0
		}
	}
	every, ok := d.time(x, key)
	if ok && every < sim.Hour {
		d.report(x.key(key), "%s must be at least 1 hour (got %s); write %q for no release train", x.name(key), show(x.t[key]), onDemand)
		return 0
	}
	return every
}
