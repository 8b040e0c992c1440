package scenario

import (
	"github.com/globomantics/globosim/internal/sim"
)

// lessons reads the [[lesson]] tables: a tutorial, one concept at a time,
// each started by what the simulation shows and ended by what the player
// does.
func (d *decoder) lessons(root in, sc *sim.Scenario) []sim.Lesson {
	list := d.entries(root, "lesson", "")
	if len(list) == 0 {
		return nil
	}
	out := make([]sim.Lesson, len(list))
	for i, e := range list {
		d.checkKeys(e.in, lessonTable)
		l := &out[i]
		l.ID = e.id
		l.Title = d.title(e.in, "title", "it heads the lesson on screen")
		l.Text = d.title(e.in, "text", "it is what the lesson says")
		l.Done, _ = d.text(e.in, "done")
		l.When = d.trigger(e.in, sc)
		l.Task = d.task(e.in, sc)
	}
	return out
}

// trigger reads when = { ... }: exactly one condition.
func (d *decoder) trigger(x in, sc *sim.Scenario) sim.Trigger {
	t, ok := d.table(x, "when", whenTable, `{ week = 2 }`)
	if !ok {
		return sim.Trigger{Kind: sim.AfterPrevious}
	}
	if !d.one(t, whenTable, "condition") {
		return sim.Trigger{Kind: sim.AfterPrevious}
	}
	switch {
	case t.has("week"):
		return sim.Trigger{Kind: sim.AfterWeek, Week: int(d.whole(t, "week", 0, 0, int64(sc.Weeks)))}
	case t.has("queue"):
		q, ok := d.table(t, "queue", queueTable, `{ stage = "build", items = 4 }`)
		if !ok {
			break
		}
		d.missingKeys(q, queueTable)
		return sim.Trigger{Kind: sim.QueueAtLeast, Stage: max(d.stageRef(q, "stage", sc.Stages), 0),
			Items: int(d.whole(q, "items", 1, 1, maxCapacity))}
	case t.has("busy"):
		b, ok := d.table(t, "busy", busyTable, `{ stage = "qa", share = 0.85 }`)
		if !ok {
			break
		}
		for _, k := range []string{"stage", "share"} { // by_week is optional
			if !b.has(k) {
				d.missing(b, k)
			}
		}
		share, _ := d.probability(b, "share")
		return sim.Trigger{Kind: sim.BusyAtLeast, Stage: max(d.staffedStage(b, "stage", sc.Stages, "be busy"), 0), Share: share,
			Week: int(d.whole(b, "by_week", 0, 0, int64(sc.Weeks)))}
	case t.has("built"):
		ids := investmentIDs(sc)
		return sim.Trigger{Kind: sim.InvestmentBuilt, Investment: max(d.ref(t, "built", "investment", ids), 0)}
	case t.has("deployed"):
		return sim.Trigger{Kind: sim.DeployedAtLeast, Deploys: int(d.whole(t, "deployed", 1, 1, 100000))}
	case t.has("event"):
		return sim.Trigger{Kind: sim.EventFired, Event: max(d.ref(t, "event", "event", eventIDs(sc)), 0)}
	}
	return sim.Trigger{Kind: sim.AfterPrevious}
}

// task reads task = { ... }: what the player is asked to do, exactly one.
func (d *decoder) task(x in, sc *sim.Scenario) sim.Task {
	t, ok := d.table(x, "task", taskTable, `{ invest = "ci" }`)
	if !ok || !d.one(t, taskTable, "task") {
		return sim.Task{}
	}
	// any is a target that accepts every investment or stage.
	target := func(key, kind string, ids []string) string {
		if s, ok := t.t[key].(string); ok && s == "any" {
			return ""
		}
		if i := d.ref(t, key, kind, ids); i >= 0 {
			return ids[i]
		}
		return ""
	}
	stageIDs := make([]string, len(sc.Stages))
	for i, st := range sc.Stages {
		stageIDs[i] = st.ID
	}
	switch {
	case t.has("invest"):
		return sim.Task{Kind: sim.Invest, Investment: target("invest", "investment", investmentIDs(sc))}
	case t.has("release_every"):
		d.anyOnly(t, "release_every", "the lesson ends when the player changes the release train")
		return sim.Task{Kind: sim.SetReleaseCadence}
	case t.has("wip_limit"):
		return sim.Task{Kind: sim.SetWIPLimit, Stage: target("wip_limit", "stage", stageIDs)}
	case t.has("hire"):
		return sim.Task{Kind: sim.Hire, Stage: target("hire", "stage", stageIDs)}
	case t.has("slicing"):
		d.anyOnly(t, "slicing", "the lesson ends when the player changes the slicing")
		return sim.Task{Kind: sim.SetSlicing}
	case t.has("improvement"):
		if s, ok := t.t["improvement"].(string); ok && s == "any" {
			return sim.Task{Kind: sim.SetImprovement}
		}
		if i := d.staffedStage(t, "improvement", sc.Stages, "give improvement time"); i >= 0 {
			return sim.Task{Kind: sim.SetImprovement, Stage: sc.Stages[i].ID}
		}
		return sim.Task{}
	case t.has("weeks"):
		return sim.Task{Kind: sim.PlayWeeks, Weeks: int(d.whole(t, "weeks", 1, 1, int64(sc.Weeks)))}
	case t.has("respond"):
		i := d.ref(t, "respond", "event", eventIDs(sc))
		if i < 0 {
			return sim.Task{}
		}
		if len(sc.Events[i].Choices) == 0 {
			d.report(t.key("respond"), "%s names event %s, which offers no choices to answer", t.name("respond"), quote(sc.Events[i].ID))
			return sim.Task{}
		}
		return sim.Task{Kind: sim.Respond, Event: sc.Events[i].ID}
	}
	return sim.Task{}
}

// one checks that a table holds exactly one of its section's keys.
func (d *decoder) one(t in, section Section, what string) bool {
	n := 0
	for _, k := range section.Keys {
		if t.has(k) {
			n++
		}
	}
	if n != 1 {
		d.report(t.path, "%sneeds exactly one %s: one of %s", t.prefix, what, andList(quoteAll(section.Keys)))
		return false
	}
	return true
}

// anyOnly checks that key is the string "any".
func (d *decoder) anyOnly(t in, key, why string) {
	if s, ok := t.t[key].(string); !ok || s != "any" {
		d.report(t.key(key), "%s must be \"any\": %s", t.name(key), why)
	}
}

func eventIDs(sc *sim.Scenario) []string {
	ids := make([]string, len(sc.Events))
	for i, ev := range sc.Events {
		ids[i] = ev.ID
	}
	return ids
}

func investmentIDs(sc *sim.Scenario) []string {
	ids := make([]string, len(sc.Investments))
	for i, inv := range sc.Investments {
		ids[i] = inv.ID
	}
	return ids
}

func quoteAll(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = quote(w)
	}
	return out
}
