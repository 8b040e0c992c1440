package scenario

import (
	"fmt"
	"unicode/utf8"

	"github.com/globomantics/globosim/internal/sim"
)

// An event may ask: its [[event.choice]] tables are the answers the player
// can give, each with its own consequences, and default names the one taken
// when nobody answers.

const (
	minChoices = 2
	maxChoices = 3
	// maxLabel is the longest label, in characters: it goes on a button.
	maxLabel = 30
)

// choices reads the [[event.choice]] tables of the event e and its default,
// or nil and -1 when it has none.
func (d *decoder) choices(e entry, sc *sim.Scenario) ([]sim.Choice, int) {
	v, ok := e.t["choice"]
	if !ok {
		if e.has("default") {
			d.report(e.key("default"), "%sdefault names the answer taken when nobody answers, but the event has no [[event.choice]] tables", e.prefix)
		}
		return nil, 0
	}
	switch v.(type) {
	case []map[string]any, []any:
	case map[string]any:
		d.report(e.key("choice"), "%schoice must be written [[event.choice]], with double brackets: an event offers %d or %d choices", e.prefix, minChoices, maxChoices)
		return nil, 0
	default:
		d.wrongType(e.in, "choice", "a list of [[event.choice]] tables")
		return nil, 0
	}
	list := d.tables(e.in, "choice", "", d.id)
	if n := len(list); n > 0 && (n < minChoices || n > maxChoices) {
		d.report(e.key("choice"), "%san event offers %d or %d choices, not %d", e.prefix, minChoices, maxChoices, n)
	}
	choices := make([]sim.Choice, len(list))
	ids := make([]string, len(list))
	for i, c := range list {
		c.owner = fmt.Sprintf("%s, %s", e.owner, c.owner)
		c.prefix = c.owner + ": "
		c.where = "in " + c.owner
		d.checkKeys(c.in, choiceTable)
		ids[i] = c.id
		choices[i] = d.choice(c.in, sc)
		choices[i].ID = c.id
	}
	def := 0
	if !e.has("default") {
		d.missingFor(e.in, "default", "the id of the choice taken when nobody answers")
	} else if i := d.ref(e.in, "default", "choice", ids); i >= 0 {
		def = i
	}
	return choices, def
}

// choice reads one [[event.choice]].
func (d *decoder) choice(x in, sc *sim.Scenario) sim.Choice {
	var c sim.Choice
	c.Label = d.title(x, "label", "it is the button the player presses")
	if n := utf8.RuneCountInString(c.Label); n > maxLabel {
		d.report(x.key("label"), "%s is %d characters long; a label goes on a button, so keep it to %d and say the rest in text", x.name("label"), n, maxLabel)
	}
	c.Text = d.title(x, "text", "it says what the choice means")
	if x.has("duration") {
		c.Duration, _ = d.weeksUp(x, "duration")
	}
	c.Effects = d.effects(x, sc, false)
	c.Competitor, c.CompetitorBoost = d.eventCompetitor(x, sc.Competitors)
	c.Work, c.WorkCount = d.eventWork(x, sc.Work)
	c.Later = d.risk(x, sc)
	c.IfBuilt = d.ifBuilt(x, sc)
	if c.Duration > 0 { // people taken for a while are away, still paid
		awayForAWhile(c.Effects)
		if c.IfBuilt != nil {
			awayForAWhile(c.IfBuilt.Effects)
		}
	}
	return c
}

// risk reads later = { weeks = 8, probability = 0.5, text = "...",
// effects = [...] }: a consequence that may come back.
func (d *decoder) risk(x in, sc *sim.Scenario) *sim.Risk {
	t, ok := d.table(x, "later", laterTable, `{ weeks = 8, probability = 0.5, text = "...", effects = [{ money = -50_000 }] }`)
	if !ok {
		return nil
	}
	n := len(d.diags)
	r := &sim.Risk{}
	if t.has("weeks") {
		r.Weeks = int(d.whole(t, "weeks", 0, 1, int64(sc.Weeks)))
	} else {
		d.missingFor(t, "weeks", "how many weeks after the answer it may come back")
	}
	if t.has("probability") {
		r.Probability, _ = d.number(t, "probability", 0, weeklyChance)
	} else {
		d.missingFor(t, "probability", "the chance that it comes back, such as 0.5")
	}
	r.Text = d.title(t, "text", "it is the news the players read when it comes back")
	r.Effects = d.effects(t, sc, true)
	if len(d.diags) > n {
		return nil
	}
	return r
}

// ifBuilt reads if_built = { investment = "ID", text = "...", effects =
// [...], later = {...} }: what the choice does instead once the
// investment is built.
func (d *decoder) ifBuilt(x in, sc *sim.Scenario) *sim.IfBuilt {
	t, ok := d.table(x, "if_built", ifBuiltTable, `{ investment = "ci", text = "...", effects = [{ money = -5_000 }] }`)
	if !ok {
		return nil
	}
	n := len(d.diags)
	b := &sim.IfBuilt{Investment: -1}
	if !t.has("investment") {
		d.missingFor(t, "investment", "the id of the investment that changes the choice once built")
	} else {
		ids := make([]string, len(sc.Investments))
		for i, inv := range sc.Investments {
			ids[i] = inv.ID
		}
		b.Investment = d.ref(t, "investment", "investment", ids)
	}
	b.Text = d.title(t, "text", "it says what is different once the investment is built")
	b.Effects = d.effects(t, sc, false)
	b.Later = d.risk(t, sc)
	if !t.has("effects") && !t.has("later") {
		d.report(t.path, "%sif_built changes nothing; give it effects, a later risk, or both, to replace the choice's own", x.prefix)
	}
	if len(d.diags) > n {
		return nil
	}
	return b
}

// respondRef reads respond = { event = "audit", choice = "consultants" }: a
// plan's answer to an event that asks.
func (d *decoder) respondRef(x in, sc *sim.Scenario) sim.Decision {
	dec := sim.Decision{Kind: sim.Respond}
	t, ok := d.table(x, "respond", respondTable, `{ event = "audit", choice = "consultants" }`)
	if !ok {
		return dec
	}
	d.missingKeys(t, respondTable)
	ids := make([]string, len(sc.Events))
	for i, ev := range sc.Events {
		ids[i] = ev.ID
	}
	if len(ids) == 0 {
		d.report(t.key("event"), "%sevent names an event, but the scenario has no [[event]] tables", t.prefix)
		return dec
	}
	i := d.ref(t, "event", "event", ids)
	if i < 0 {
		return dec
	}
	ev := &sc.Events[i]
	dec.Event = ev.ID
	if len(ev.Choices) == 0 {
		d.report(t.key("event"), "%sevent %s offers no choices to answer", t.prefix, quote(ev.ID))
		return dec
	}
	choices := make([]string, len(ev.Choices))
	for j, c := range ev.Choices {
		choices[j] = c.ID
	}
	if j := d.ref(t, "choice", "choice", choices); j >= 0 {
		dec.Choice = choices[j]
	}
	return dec
}
