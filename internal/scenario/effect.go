package scenario

import (
	"slices"
	"strings"

	"github.com/globomantics/globosim/internal/sim"
)

// An effect is a small table that changes one stage ({ stage = "build",
// service = 0.5 }) or the company as a whole ({ coverage = 0.6 }), never
// both: a stage effect and a company effect are different things to the
// game, and a table that mixes them is almost always a missing "}, {".

const effectExample = `{ stage = "dev", service = 0.8 }`

// effects reads the list of effects at "effects" in x, an investment or an
// event. required says whether x must have one.
func (d *decoder) effects(x in, sc *sim.Scenario, required bool) []sim.Effect {
	if !x.has("effects") {
		if required {
			d.missingFor(x, "effects", "what it changes once it is built, such as ["+effectExample+"]")
		}
		return nil
	}
	items, ok := d.inlineTables(x, "effects", "effect", "a list of effects such as ["+effectExample+", { coverage = 0.5 }]", effectExample)
	if !ok {
		return nil
	}
	if len(items) == 0 {
		d.report(x.key("effects"), "%s must list at least one effect, such as [%s]", x.name("effects"), effectExample)
		return nil
	}
	var out []sim.Effect
	for _, e := range items {
		if e == nil {
			continue
		}
		if eff, ok := d.effect(*e, sc); ok {
			out = append(out, eff)
		}
	}
	return out
}

// effect reads one effect table.
func (d *decoder) effect(x in, sc *sim.Scenario) (sim.Effect, bool) {
	staged := x.has("stage")
	own, other := companyEffect, stageEffect
	if staged {
		own, other = stageEffect, companyEffect
	}
	var misplaced []string
	good, changes := true, false
	for _, k := range sortedKeys(x.t) {
		switch {
		case slices.Contains(own.Keys, k):
			changes = changes || k != "stage"
		case slices.Contains(other.Keys, k):
			misplaced = append(misplaced, k)
		default:
			d.report(x.key(k), "unknown key %s %s%s", quote(k), x.where, didYouMean(k, effectKeys(), "effect keys"))
			if meant, ok := meant(k, effectKeys()); ok {
				d.misspelt[x.key(meant)] = true
			}
			good = false
		}
	}
	if len(misplaced) > 0 && !d.misspelt[x.key("stage")] {
		d.misplaced(x, misplaced, staged)
	}
	good = good && len(misplaced) == 0
	switch {
	case changes || !good:
	case staged:
		d.report(x.path, "%sthe effect names a stage but changes nothing there; give it %s", x.prefix, orList(stageEffect.Keys[1:]))
		good = false
	default:
		d.report(x.path, "%sthe effect is empty; give it a stage and %s, or give it %s",
			x.prefix, orList(stageEffect.Keys[1:]), orList(companyEffect.Keys))
		good = false
	}
	eff := sim.Effect{Stage: -1}
	if staged {
		good = d.stageEffect(x, sc, &eff) && good
	} else {
		good = d.companyEffect(x, &eff) && good
	}
	return eff, good
}

// misplaced reports, once for the table, the keys that belong to the other
// kind of effect.
func (d *decoder) misplaced(x in, keys []string, staged bool) {
	quoted := make([]string, len(keys))
	for i, k := range keys {
		quoted[i] = quote(k)
	}
	names, is, effect, it := andList(quoted), "is a", "effect", "it in its"
	if len(keys) > 1 {
		is, effect, it = "are", "effects", "them in their"
	}
	if staged {
		d.report(x.key(keys[0]), "%s%s %s company %s: put %s own { } without stage", x.prefix, names, is, effect, it)
		return
	}
	d.report(x.key(keys[0]), "%s%s %s stage %s: say which stage, as in { stage = \"dev\", %s = ... }", x.prefix, names, is, effect, keys[0])
}

// effectKeys is every key an effect may have, for "did you mean".
func effectKeys() []string {
	return append(slices.Clone(stageEffect.Keys), companyEffect.Keys...)
}

// stageEffect reads the keys of an effect on one stage.
func (d *decoder) stageEffect(x in, sc *sim.Scenario, eff *sim.Effect) bool {
	n := len(d.diags)
	eff.Stage = d.stageRef(x, "stage", sc.Stages)
	if x.has("capacity") {
		eff.Capacity, eff.SetsCapacity = d.capacity(x)
	}
	if x.has("add_capacity") {
		eff.AddCapacity = int(d.whole(x, "add_capacity", 0, -maxCapacity, maxCapacity))
		if v, ok := wholeNumber(x.t["add_capacity"]); ok && v == 0 {
			d.report(x.key("add_capacity"), "%s must not be 0: it is the people added, or taken away when negative", x.name("add_capacity"))
		}
	}
	if x.has("away") {
		eff.Away = int(d.whole(x, "away", 0, 1, maxCapacity))
	}
	eff.Service, _ = d.number(x, "service", 0, multiplier)
	if x.has("rework") {
		var ok bool
		eff.Rework, ok = d.reworkChance(x, "rework")
		eff.SetsRework = ok
		if ok && eff.Rework > 0 && eff.Stage >= 0 && !d.reworksFrom(eff.Stage) {
			d.report(x.key("rework"), "%srework sets how often stage %s sends work back, but it has no rework table saying where to; give the stage rework = { prob = 0, to = \"...\" }",
				x.prefix, quote(sc.Stages[eff.Stage].ID))
		}
	}
	if x.has("batch") {
		eff.Batch, eff.SetsBatch = d.batchEvery(x)
	}
	if x.has("background") {
		var ok bool
		eff.Background, ok = d.number(x, "background", 0, maybeNothing)
		eff.SetsBackground = ok
		if ok && eff.Stage >= 0 && !sc.Stages[eff.Stage].HasBackground {
			d.report(x.key("background"), "%sbackground scales the outside requests to stage %s, but it has none; give the stage a background distribution",
				x.prefix, quote(sc.Stages[eff.Stage].ID))
		}
	}
	return len(d.diags) == n && eff.Stage >= 0
}

// reworksFrom says whether the stage has a rework table: a rework
// probability needs somewhere to send work back to.
func (d *decoder) reworksFrom(stage int) bool {
	return slices.ContainsFunc(d.reworks, func(r rework) bool { return r.from == stage })
}

// batchEvery reads the batch of a stage effect: a duration, or "off".
func (d *decoder) batchEvery(x in) (sim.Time, bool) {
	if s, ok := x.t["batch"].(string); ok {
		if s == "off" {
			return 0, true
		}
		if _, problem := parseDuration(s, d.hoursPerWeek); problem != "" {
			d.report(x.key("batch"), "%s %s %s; write \"off\" for no batching, or %s", x.name("batch"), quote(s), problem, durationForms)
			return 0, false
		}
	}
	every, ok := d.time(x, "batch")
	if ok && every < sim.Minute {
		d.report(x.key("batch"), "%s must be at least 1 minute (got %s); write \"off\" for no batching", x.name("batch"), show(x.t["batch"]))
		return 0, false
	}
	return every, ok
}

// companyEffect reads the keys of an effect on the company as a whole.
func (d *decoder) companyEffect(x in, eff *sim.Effect) bool {
	n := len(d.diags)
	eff.Coverage, _ = d.number(x, "coverage", 0, fraction)
	eff.Parity, _ = d.number(x, "parity", 0, fraction)
	eff.Restore, _ = d.number(x, "restore", 0, multiplier)
	eff.Defects, _ = d.number(x, "defects", 0, multiplier)
	eff.InfraCost, _ = d.number(x, "infra_cost", 0, multiplier)
	eff.Regression, _ = d.number(x, "regression", 0, multiplier)
	if x.has("slicing") {
		on := d.boolean(x, "slicing", false)
		switch {
		case x.t["slicing"] == false:
			d.report(x.key("slicing"), "%sslicing can only be true: an effect turns slicing on; leave it out otherwise", x.prefix)
		case on && !d.hasSlicing:
			d.report(x.key("slicing"), "%sslicing turns MVP slicing on, but the scenario has no [slicing] table saying which work to slice", x.prefix)
		}
		eff.Slicing = on
	}
	eff.Experience, _ = d.number(x, "experience", 0, signed)
	eff.Money = d.money(x, "money", true)
	return len(d.diags) == n
}

// orList joins words with "or": "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
