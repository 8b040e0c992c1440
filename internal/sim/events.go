package sim

import "github.com/globomantics/globosim/internal/sim/des"

// Events happen to the company at a fixed week or, each week, with some
// probability. Every event draws from the events stream every week whether
// or not it can fire, so the same seed gives every player the same events,
// in the same weeks, whatever they decide.

// revert undoes a temporary event's effects at the start of a week.
type revert struct {
	week    int
	effects []Effect
}

// FiredEvent is an event that happened, for the event log.
type FiredEvent struct {
	Week int    `json:"week"`
	ID   string `json:"id"`
	Text string `json:"text"`
	// Choice is the answer taken, for an event with choices ("" while it
	// waits, or when the game ended first); Default says nobody answered.
	Choice  string `json:"choice,omitempty"`
	Default bool   `json:"default_choice,omitempty"`
	// Title is what the game calls an event that asks, and ChoiceLabel the
	// words of the answer taken, for a debrief read without the scenario
	// (both "" in a file from before they were recorded).
	Title       string `json:"title,omitempty"`
	ChoiceLabel string `json:"choice_label,omitempty"`
}

func (g *Game) fireEvents(w int) {
	for i := range g.sc.Events {
		ev := &g.sc.Events[i]
		var fires bool
		switch {
		case ev.Facilitator:
			continue // only when scheduled: it draws nothing
		case ev.Week > 0:
			fires = ev.Week == w
		default:
			fires = g.events.Float64() < ev.Probability // drawn every week
		}
		if !fires || (ev.Once && g.fired(i)) {
			continue
		}
		g.fire(i, w, g.events)
	}
}

func (g *Game) fired(i int) bool {
	for _, f := range g.eventLog {
		if f.ID == g.sc.Events[i].ID {
			return true
		}
	}
	return false
}

// fire fires event i in week w, the sizes of the work it brings drawn
// from s.
func (g *Game) fire(i, w int, s *des.Stream) {
	ev := &g.sc.Events[i]
	g.eventLog = append(g.eventLog, FiredEvent{Week: w, ID: ev.ID, Text: ev.Text})
	g.news = append(g.news, News{Week: w, Kind: EventNews, Text: ev.Text})
	g.applyEffects(ev.Effects, ev.Duration)
	if ev.Competitor >= 0 {
		g.rivals[ev.Competitor].experience += ev.CompetitorBoost
	}
	if ev.Work >= 0 {
		g.injectWork(ev.Work, ev.WorkCount, s)
	}
	if len(ev.Choices) > 0 {
		g.eventLog[len(g.eventLog)-1].Title = ev.Label()
		g.ask(i, len(g.eventLog)-1, w)
	}
}

// applyEffects applies an event's (or a choice's) effects, to be undone
// after duration weeks when positive.
func (g *Game) applyEffects(effects []Effect, duration int) {
	var undo []Effect
	for _, e := range effects {
		g.applyEffect(e)
		if inv, ok := inverse(e); ok {
			undo = append(undo, inv)
		}
	}
	if duration > 0 && len(undo) > 0 {
		g.reverts = append(g.reverts, revert{week: g.sim.Week() + 1 + duration, effects: undo})
	}
}

// injectWork brings n items of work type work at once, their sizes (and
// values) drawn from s.
func (g *Game) injectWork(work, n int, s *des.Stream) {
	wt := &g.sc.Work[work]
	for range n {
		value := 0.0
		if wt.HasValue {
			value = wt.Value.Sample(s)
		}
		g.sim.Inject(work, wt.Size.Sample(s), value)
	}
}

func (g *Game) endTemporaryEffects(w int) {
	kept := g.reverts[:0]
	for _, r := range g.reverts {
		if r.week > w {
			kept = append(kept, r)
			continue
		}
		for _, e := range r.effects {
			g.applyEffect(e)
		}
	}
	g.reverts = kept
}

// inverse returns the effect that undoes e, for temporary events. Changes
// that set a level (capacity, rework, batching, coverage, parity, slicing)
// and money are not undone.
func inverse(e Effect) (Effect, bool) {
	inv := Effect{Stage: e.Stage}
	ok := false
	if e.AddCapacity != 0 {
		inv.AddCapacity, ok = -e.AddCapacity, true
	}
	if e.Away != 0 {
		inv.Away, ok = -e.Away, true
	}
	if e.Service > 0 {
		inv.Service, ok = 1/e.Service, true
	}
	if e.SetsBackground && e.Background > 0 {
		inv.Background, inv.SetsBackground, ok = 1/e.Background, true, true
	}
	if e.Restore > 0 {
		inv.Restore, ok = 1/e.Restore, true
	}
	if e.Defects > 0 {
		inv.Defects, ok = 1/e.Defects, true
	}
	if e.InfraCost > 0 {
		inv.InfraCost, ok = 1/e.InfraCost, true
	}
	if e.Regression > 0 {
		inv.Regression, ok = 1/e.Regression, true
	}
	if e.Experience != 0 {
		inv.Experience, ok = -e.Experience, true
	}
	return inv, ok
}

// Events is the log of events that have happened.
func (g *Game) Events() []FiredEvent { return g.eventLog }
