package scenario

import (
	"slices"

	"github.com/globomantics/globosim/internal/sim"
)

// events reads the [[event]] tables: what happens to the company, at a
// fixed week or at random, the same for every player in a room.
func (d *decoder) events(root in, sc *sim.Scenario) []sim.Event {
	list := d.entries(root, "event", "")
	if len(list) == 0 {
		return nil
	}
	events := make([]sim.Event, len(list))
	for i, e := range list {
		d.checkKeys(e.in, eventTable)
		ev := &events[i]
		ev.ID = e.id
		ev.Text = d.title(e.in, "text", "it is the news the players read")
		fixed, random := e.has("week"), e.has("probability")
		ev.Facilitator = d.boolean(e.in, "facilitator", false)
		switch {
		case ev.Facilitator && (fixed || random):
			k := "week"
			if random {
				k = "probability"
			}
			d.report(e.key(k), "%sa facilitator's event has no week or probability: it never happens by itself, only when the facilitator of a room schedules it (drop %s, or facilitator)",
				e.prefix, k)
		case ev.Facilitator:
		case fixed && random:
			d.report(e.key("probability"), "%sgive week or probability, not both: week fires the event at the start of that week, probability at random",
				e.prefix)
		case !fixed && !random:
			d.report(e.path, "%sthe event has neither week nor probability; give week = N to fire it at the start of week N, probability = p for a chance p each week, or facilitator = true for an event only the facilitator of a room brings",
				e.prefix)
		case fixed:
			ev.Week = int(d.whole(e.in, "week", 0, 1, int64(sc.Weeks)))
		default:
			ev.Probability, _ = d.number(e.in, "probability", 0, weeklyChance)
		}
		ev.Once = d.boolean(e.in, "once", !random)
		if e.has("duration") {
			ev.Duration, _ = d.weeksUp(e.in, "duration")
		}
		ev.Effects = d.effects(e.in, sc, false)
		if ev.Duration > 0 {
			awayForAWhile(ev.Effects)
		}
		ev.Competitor, ev.CompetitorBoost = d.eventCompetitor(e.in, sc.Competitors)
		ev.Work, ev.WorkCount = d.eventWork(e.in, sc.Work)
		if e.has("title") {
			ev.Title = d.title(e.in, "title", "it names the event when it asks")
		}
		ev.Choices, ev.Default = d.choices(e, sc)
		if !e.has("effects") && !e.has("competitor") && !e.has("work") && !e.has("choice") {
			d.report(e.path, "%sthe event does nothing; give it effects, a competitor to boost, work that arrives or [[event.choice]] answers", e.prefix)
		}
	}
	return events
}

// awayForAWhile makes the people a temporary event takes away (a negative
// add_capacity) people away, still paid: someone off sick for a week or on
// an audit stays on the payroll.
func awayForAWhile(effects []sim.Effect) {
	for i := range effects {
		if e := &effects[i]; e.AddCapacity < 0 {
			e.Away += -e.AddCapacity
			e.AddCapacity = 0
		}
	}
}

// eventCompetitor reads competitor = { name = "...", boost = 1.5 }: a rival
// whose experience jumps.
func (d *decoder) eventCompetitor(x in, rivals []sim.Competitor) (int, float64) {
	t, ok := d.table(x, "competitor", eventCompetitorTable, `{ name = "Initech", boost = 1.5 }`)
	if !ok {
		return -1, 0
	}
	c := -1
	if name, ok := t.t["name"].(string); ok {
		names := make([]string, len(rivals))
		for i, r := range rivals {
			names[i] = r.Name
		}
		c = slices.Index(names, name)
		switch {
		case len(rivals) == 0:
			d.report(t.key("name"), "%scompetitor %s does not exist: the scenario has no [[competitor]] tables", x.prefix, quote(name))
		case c < 0 || name == "":
			d.report(t.key("name"), "%scompetitor %s does not exist%s", x.prefix, quote(name), idHint(name, names, "competitor names"))
			c = -1
		}
	} else if t.has("name") {
		d.wrongType(t, "name", "the name of a [[competitor]] in quotes")
	} else {
		d.missing(t, "name")
	}
	if !t.has("boost") {
		d.missingFor(t, "boost", "the experience the competitor gains, such as 1.5")
		return -1, 0
	}
	boost, ok := d.number(t, "boost", 0, signed)
	if ok && boost == 0 {
		d.report(t.key("boost"), "%s must not be 0: it is the experience the competitor gains, or loses when negative", t.name("boost"))
	}
	if c < 0 || !ok || boost == 0 {
		return -1, 0
	}
	return c, boost
}

// maxWorkCount bounds the extra items one event brings.
const maxWorkCount = 10000

// eventWork reads work = { id = "bugfix", count = 8 }: extra items that
// arrive all at once.
func (d *decoder) eventWork(x in, work []sim.WorkType) (int, int) {
	t, ok := d.table(x, "work", eventWorkTable, `{ id = "bugfix", count = 8 }`)
	if !ok {
		return -1, 0
	}
	d.missingKeys(t, eventWorkTable)
	w := d.workRef(t, "id", work)
	n := int(d.whole(t, "count", 0, 1, maxWorkCount))
	if w < 0 || n == 0 {
		return -1, 0
	}
	return w, n
}
