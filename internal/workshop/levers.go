package workshop

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/textsafe"
	"github.com/globomantics/globosim/internal/ui"
)

// The facilitator's levers: an event of the scenario, or one only a
// facilitator brings, scheduled for every game at one week. The room
// hands the schedule to every game through its status (ui.RoomStatus's
// Scheduled), games that join later too; each game takes it before it
// next moves, so all get it at the start of the same week.

// maxScheduled bounds a room's schedule: every game reads it before each
// week.
const maxScheduled = 100

// Lever is an event the facilitator may schedule.
type Lever struct {
	ID    string
	Title string // what the game calls it: its title, or its id
	Text  string // the news the players read
	// Facilitator says only a facilitator brings it (it never happens by
	// itself); Asks that it offers the players choices.
	Facilitator, Asks bool
}

// Levers lists the events the facilitator may schedule: the facilitator's
// own first, then the scenario's others, each group in the scenario's
// order.
func (r *Room) Levers() []Lever {
	out := make([]Lever, 0, len(r.sc.Events))
	for _, ev := range r.sc.Events {
		out = append(out, Lever{ID: ev.ID, Title: ev.Label(), Text: ev.Text, Facilitator: ev.Facilitator, Asks: len(ev.Choices) > 0})
	}
	slices.SortStableFunc(out, func(a, b Lever) int {
		if a.Facilitator == b.Facilitator {
			return 0
		}
		if a.Facilitator {
			return -1
		}
		return 1
	})
	return out
}

// NextWeek is the week an event scheduled now comes to every game: the
// first week of the next round when the room has rounds; otherwise the
// week after the one the furthest game is playing, finished games
// included (a game takes the schedule before it next moves, and moves at
// most a week at a time, so no game can have begun that week, and none
// has played it without the event). It may be past the game's horizon.
func (r *Room) NextWeek() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.nextWeekLocked()
}

func (r *Room) nextWeekLocked() int {
	if gate := r.gateLocked(); gate > 0 {
		return gate + 1
	}
	furthest := 0
	for _, p := range r.players {
		furthest = max(furthest, p.standing.Week)
	}
	return furthest + 2
}

// gateLocked is the last week the room's games may reach now (0: no
// gate): with rounds, the end of the current round.
func (r *Room) gateLocked() int { return r.status.Gate }

// ErrScheduleLate says no week is left in the game for a scheduled event.
var ErrScheduleLate = errors.New("no week of the game is left to schedule an event in")

// Schedule schedules the event with this id for every game at NextWeek,
// and says so in the room's events. It fails, saying why, for an event
// the scenario does not have, one already scheduled for that week, when
// no week of the game is left, or when the round is over.
func (r *Room) Schedule(event string) (sim.ScheduledEvent, error) {
	var s sim.ScheduledEvent
	var err error
	r.setStatus(func(st *ui.RoomStatus) string {
		s = sim.ScheduledEvent{Week: r.nextWeekLocked(), Event: event}
		switch {
		case st.Ended:
			err = ErrOver
		case s.Week > r.weeks:
			err = fmt.Errorf("%w: the furthest game is in week %d of %d", ErrScheduleLate, s.Week-1, r.weeks)
		case len(st.Scheduled) >= maxScheduled:
			err = fmt.Errorf("the room has %d scheduled events, as many as it takes", len(st.Scheduled))
		case slices.ContainsFunc(st.Scheduled, s.SameAs):
			err = fmt.Errorf("%s is already scheduled for week %d", event, s.Week)
		default:
			err = r.sc.CheckScheduled(s, r.weeks)
		}
		if err != nil {
			return ""
		}
		// A new slice: every game's program may be reading the old one.
		st.Scheduled = append(slices.Clip(st.Scheduled), s)
		ev := r.sc.Events[slices.IndexFunc(r.sc.Events, func(ev sim.Event) bool { return ev.ID == event })]
		return fmt.Sprintf("The facilitator scheduled %q for week %d.", ev.Label(), s.Week)
	})
	return s, err
}

// checkSchedule fails if a stored game (what) over weeks weeks had other
// scheduled events than the room: every event it had, the room has, and
// it had every one of the room's in the weeks it reached (the others it
// gets when it goes on). With Force it says so in the room's events.
func (r *Room) checkSchedule(had []sim.ScheduledEvent, weeks int, what string) error {
	room := r.status.Scheduled
	var why string
	for _, s := range had {
		if !slices.ContainsFunc(room, s.SameAs) {
			why = fmt.Sprintf("%s had %s scheduled, and this room has not", what, s)
			break
		}
	}
	for _, s := range room {
		if why == "" && s.Week <= weeks && !slices.ContainsFunc(had, s.SameAs) {
			why = fmt.Sprintf("%s reached week %d without %s, which this room scheduled", what, weeks, s)
		}
	}
	if why == "" {
		return nil
	}
	why = fmt.Sprintf("%s holds games of another schedule of events: %s", r.cfg.DataDir, why)
	if r.cfg.Force {
		r.eventLocked("Warning: %s; opened anyway (--force).", why)
		return nil
	}
	return fmt.Errorf("%s (is %s another room's, or gone?): use another --data folder (--force opens it anyway)", why, RoomStateFile)
}

// The board's picker of levers.

// leverPicker lists the levers, one a line, with a cursor, as many as fit.
type leverPicker struct {
	open   bool
	levers []Lever
	cursor int
	top    int // the first lever in sight
	keys   leverKeys
}

type leverKeys struct {
	Up, Down, Choose, Cancel key.Binding
}

func defaultLeverKeys() leverKeys {
	return leverKeys{
		Up:     k([]string{"up", "k"}, "↑/↓", "choose"),
		Down:   k([]string{"down", "j"}, "↓", "down"),
		Choose: k([]string{"enter"}, "enter", "schedule it"),
		Cancel: k([]string{"esc", "q", "l"}, "esc", "back"),
	}
}

func (m leverKeys) ShortHelp() []key.Binding  { return []key.Binding{m.Up, m.Choose, m.Cancel} }
func (m leverKeys) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

func newLeverPicker(levers []Lever) leverPicker {
	return leverPicker{open: true, levers: levers, keys: defaultLeverKeys()}
}

// move moves the cursor by d, within the list.
func (p *leverPicker) move(d int) {
	p.cursor = min(max(p.cursor+d, 0), max(len(p.levers)-1, 0))
}

// view draws the picker in height lines of width columns.
func (p *leverPicker) view(s *styles, week int, width, height int) []string {
	title := fmt.Sprintf("Schedule an event for every game in week %d:", week)
	if len(p.levers) == 0 {
		return []string{s.Bold.Render(title), s.Subtle.Render("  The scenario has no events to schedule.")}
	}
	rows := max(height-2, 1)
	if p.cursor < p.top {
		p.top = p.cursor
	}
	if p.cursor >= p.top+rows {
		p.top = p.cursor - rows + 1
	}
	out := []string{s.Bold.Render(title)}
	for i := p.top; i < min(p.top+rows, len(p.levers)); i++ {
		l := p.levers[i]
		var tags []string
		if l.Facilitator {
			tags = append(tags, "facilitator's")
		}
		if l.Asks {
			tags = append(tags, "asks")
		}
		line := textsafe.Terminal(l.Title)
		if len(tags) > 0 {
			line += " (" + strings.Join(tags, ", ") + ")"
		}
		line += " · " + textsafe.Terminal(l.Text)
		mark := "  "
		if i == p.cursor {
			mark = "> "
		}
		line = ansi.Truncate(mark+line, max(width, 0), "…")
		if i == p.cursor {
			line = s.Accent.Render(line)
		}
		out = append(out, line)
	}
	if above, below := p.top, max(len(p.levers)-p.top-rows, 0); above > 0 || below > 0 {
		out = append(out, s.Subtle.Render(fmt.Sprintf("  %d above, %d below: ↑/↓", above, below)))
	}
	return out
}

// updateLevers moves through the open picker; enter asks whether to
// schedule the lever under the cursor.
func (b Board) updateLevers(msg tea.KeyMsg) Board {
	p := &b.levers
	switch {
	case key.Matches(msg, p.keys.Up):
		p.move(-1)
	case key.Matches(msg, p.keys.Down):
		p.move(1)
	case key.Matches(msg, p.keys.Cancel):
		p.open = false
	case key.Matches(msg, p.keys.Choose) && len(p.levers) > 0:
		p.open = false
		b.chosen = p.levers[p.cursor]
		b.confirm = scheduleQuestion
	}
	return b
}

// scheduleAsk is the question before a lever is pulled.
func (b Board) scheduleAsk() string {
	return fmt.Sprintf("Schedule %q for every game in week %d?", textsafe.Terminal(b.chosen.Title), b.room.NextWeek())
}

// schedule pulls the chosen lever and says what came of it.
func (b Board) schedule() string {
	s, err := b.room.Schedule(b.chosen.ID)
	if err != nil {
		return "Not scheduled: " + err.Error() + "."
	}
	return fmt.Sprintf("Scheduled %q for week %d, for every game.", b.chosen.Title, s.Week)
}

// scheduleLine is what the board's round line says of the schedule: the
// event scheduled last, and how many there are.
func (b Board) scheduleLine() string {
	all := b.snap.Status.Scheduled
	if len(all) == 0 {
		return ""
	}
	next := all[len(all)-1]
	title := next.Event
	if i := slices.IndexFunc(b.room.sc.Events, func(ev sim.Event) bool { return ev.ID == next.Event }); i >= 0 {
		title = b.room.sc.Events[i].Label()
	}
	line := fmt.Sprintf(" · week %d: %q", next.Week, textsafe.Terminal(title))
	if len(all) > 1 {
		line += fmt.Sprintf(", %d more", len(all)-1)
	}
	return b.styles.Subtle.Render(line)
}
