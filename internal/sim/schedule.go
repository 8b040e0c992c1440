package sim

import (
	"fmt"
	"slices"
	"strings"

	"github.com/globomantics/globosim/internal/sim/des"
)

// Scheduled events: the facilitator of a room schedules one of the
// scenario's events (or one only a facilitator can bring, see
// Event.Facilitator) for every game at one week. A schedule is a world
// input like the seed, not a player's decision: it draws from no stream a
// game without it uses, its firing draws from a stream of its own, and
// the result records it, so a replay fires it again exactly.
//
// An event scheduled for week W fires at the start of week W, after the
// scenario's own events of that week: once the game stands at the
// minute week W begins, at the first moment it is not waiting for an
// answer. A game may already stand there when the schedule reaches it (a
// room holds its games at a gate between weeks, after the next week's own
// events), and the player may have decided things at that minute; so each
// game records how many decisions it had taken when the event fired, and a
// replay fires it after as many.

// ScheduledEvent is an event scheduled for a game at a week.
type ScheduledEvent struct {
	Week  int    `json:"week"`  // it fires at the start of this week (1 = the first)
	Event string `json:"event"` // the event's id
	// Fired says the event has fired in this game, after After decisions
	// of its log: a replay fires it at the same point. A room schedules
	// events with neither.
	Fired bool `json:"fired,omitempty"`
	After int  `json:"after_decisions,omitempty"`
}

// SameAs reports whether s and o schedule the same event for the same
// week, however far each game got with it.
func (s ScheduledEvent) SameAs(o ScheduledEvent) bool { return s.Week == o.Week && s.Event == o.Event }

func (s ScheduledEvent) String() string { return fmt.Sprintf("%s in week %d", s.Event, s.Week) }

// CheckScheduled says why the event cannot be scheduled in a game of the
// scenario over weeks weeks (0: the scenario's), or nil: the event must be
// one of the scenario's and the week one of the game's.
func (sc *Scenario) CheckScheduled(s ScheduledEvent, weeks int) error {
	if weeks <= 0 {
		weeks = sc.Weeks
	}
	if !slices.ContainsFunc(sc.Events, func(ev Event) bool { return ev.ID == s.Event }) {
		if len(sc.Events) == 0 {
			return fmt.Errorf("there is no event called %q: the scenario has no events", s.Event)
		}
		return fmt.Errorf("there is no event called %q; the scenario's events are %s", s.Event, eventIDs(sc.Events))
	}
	if s.Week < 1 || s.Week > weeks {
		return fmt.Errorf("week %d is not in the game: schedule %s for a week from 1 to %d", s.Week, s.Event, weeks)
	}
	return nil
}

// eventIDs lists the events' ids, quoted, at most a few.
func eventIDs(events []Event) string {
	const most = 8
	ids := make([]string, 0, min(len(events), most+1))
	for i, ev := range events {
		if i == most {
			ids = append(ids, fmt.Sprintf("and %d more", len(events)-most))
			break
		}
		ids = append(ids, fmt.Sprintf("%q", ev.ID))
	}
	return strings.Join(ids, ", ")
}

// Schedule schedules the event for the game at the start of s.Week. It
// fails, saying why, for an event the scenario does not have, a week
// outside the game, a week that has already begun past its first minute,
// or a game that is over. Scheduling what is already scheduled does
// nothing. Several events scheduled for one week fire in the order they
// were scheduled.
func (g *Game) Schedule(s ScheduledEvent) error {
	s.Fired, s.After = false, 0
	if err := g.sc.CheckScheduled(s, g.weeks); err != nil {
		return err
	}
	if slices.ContainsFunc(g.schedule, s.SameAs) {
		return nil
	}
	if _, over := g.Over(); over {
		return fmt.Errorf("the game is over: %s cannot happen in it", s)
	}
	if start := Time(s.Week-1) * g.sim.week; start < g.sim.Now() {
		return fmt.Errorf("week %d has begun in this game (it has played %d weeks): schedule %s for week %d or later",
			s.Week, g.Week(), s.Event, g.Week()+2)
	}
	g.schedule = append(g.schedule, s)
	g.pins = append(g.pins, -1)
	return nil
}

// Scheduled is the game's schedule, in the order it was given, each with
// whether (and after how many decisions) it has fired; a new slice.
func (g *Game) Scheduled() []ScheduledEvent { return slices.Clone(g.schedule) }

// pin schedules an event that fired in a game being replayed, to fire
// again once after decisions of its log have been taken.
func (g *Game) pin(s ScheduledEvent, after int) {
	s.Fired, s.After = false, 0
	g.schedule = append(g.schedule, s)
	g.pins = append(g.pins, after)
}

// fireScheduled fires the scheduled events due now: the game stands at the
// first minute of their week and waits for no answer, or, in a replay, has
// taken as many decisions as the game it replays had when it fired (an
// answer still waiting then gets its default: only moving on without one
// clears a question without a decision). It runs wherever the game may
// next move or change: before a decision, before time moves on, and when
// time reaches a week's start.
func (g *Game) fireScheduled() {
	now, week := g.sim.Now(), g.sim.week
	if g.over || now%week != 0 {
		return
	}
	w := int(now/week) + 1
	for i := range g.schedule {
		s := &g.schedule[i]
		if s.Fired || s.Week != w || g.pins[i] > len(g.log)+g.skipped {
			continue
		}
		if len(g.pending) > 0 {
			if g.pins[i] < 0 {
				return // it waits for the answer
			}
			// In a replay: the game fired it here, after the same decisions,
			// so it was moved on without an answer (see RunUntil).
			g.answerDefaults()
		}
		s.Fired, s.After = true, len(g.log)+g.skipped
		ev := g.eventIndex(s.Event)
		g.fire(ev, w, des.NewStream(g.sim.seed, fmt.Sprintf("scheduled:%s:%d", s.Event, w)))
	}
}

// ReplaySchedule is Replay of a game that had a schedule (see
// Game.Scheduled): an event that fired fires again after as many
// decisions, one still to come is scheduled once the replay has reached
// upTo, as it stood in the game.
func ReplaySchedule(sc *Scenario, seed uint64, weeks int, schedule []ScheduledEvent, log []LoggedDecision, upTo Time) (*Game, error) {
	g := NewGame(sc, seed, weeks)
	var later []ScheduledEvent
	for _, s := range schedule {
		if err := sc.CheckScheduled(s, g.weeks); err != nil {
			return nil, fmt.Errorf("the schedule: %w", err)
		}
		switch {
		case !s.Fired:
			later = append(later, s)
		case s.After < 0 || s.After > len(log):
			return nil, fmt.Errorf("the schedule: %s fired after %d decisions, and the log holds %d", s, s.After, len(log))
		default:
			g.pin(s, s.After)
		}
	}
	for _, d := range log {
		if d.At < g.Now() {
			return nil, fmt.Errorf("the decision log is out of order at week %d", d.Week)
		}
		g.runTo(d.At)
		if err := g.Apply(d.Decision); err != nil {
			return nil, fmt.Errorf("week %d: %s: %w", d.Week, d.Text, err)
		}
	}
	g.runTo(upTo)
	g.fireScheduled() // one that fired at this very minute, after the last decision
	for _, s := range g.schedule {
		if !s.Fired {
			return nil, fmt.Errorf("the schedule: %s did not fire again in the replay", s)
		}
	}
	for _, s := range later {
		if err := g.Schedule(s); err != nil {
			return nil, fmt.Errorf("the schedule: %w", err)
		}
	}
	return g, nil
}

// scheduleAgain gives h, a game played again from the start (without a
// decision, or in another world), g's schedule: pinned, the events that
// fired do so after the same decisions of g's log (h counts the one left
// out); otherwise, and for the others, whenever they are due.
func (g *Game) scheduleAgain(h *Game, pinned bool) {
	for _, s := range g.schedule {
		after := -1
		if pinned && s.Fired {
			after = s.After
		}
		h.pin(s, after)
	}
}
