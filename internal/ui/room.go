package ui

import (
	"time"

	"github.com/globomantics/globosim/internal/sim"
)

// Room connects a game to a workshop room (globosim serve); it is nil when
// a player plays alone. The room fixes the scenario and the seed, hears how
// each game is going, and lets the facilitator hold, pause and end the
// round. Progress and Status are called from the game's own goroutine and
// must not block.
type Room interface {
	// Progress is called whenever the game has moved (and when it starts),
	// and once it is over: its debrief is then being computed.
	Progress(g *sim.Game)
	// Finish is called once the game is over, with its debrief, from a
	// command (it may sync to disk), even if the player has quit by then.
	Finish(r sim.Result)
	// Status says whether the room lets the game move now.
	Status() RoomStatus
}

// EndWeek is the week (1 = the first) a game that is over ended in, as its
// screens count it: a game the facilitator stopped partway through a week
// ended in that week, not in the last one played whole.
func EndWeek(g *sim.Game) int { return weekOf(g) }

// scoringRoom is a Room that takes the games' debriefs in turns: a debrief
// replays the game dozens of times (about a tenth of a second of CPU), and
// a room's games often end together, which would leave no CPU for those
// still playing.
type scoringRoom interface {
	// Scoring waits for the game's turn to score its debrief; release
	// ends the turn.
	Scoring() (release func())
}

// scoringTurn waits for the room's turn to score a debrief (at once when
// there is no room, or it has no turns) and returns its release.
func scoringTurn(r Room) (release func()) {
	if sr, ok := r.(scoringRoom); ok {
		return sr.Scoring()
	}
	return func() {}
}

// pacedRoom is a Room that sets how long auto-play waits between ticks: a
// room whose server's cores are behind slows every game's auto-play, so
// that a key is still answered at once. The game plays the same days, only
// further apart.
type pacedRoom interface {
	// Paced is the wait for ticks that would be every apart.
	Paced(every time.Duration) time.Duration
}

// pacedEvery is how long auto-play waits between ticks that would be every
// apart: every, unless the room paces its games.
func pacedEvery(r Room, every time.Duration) time.Duration {
	if pr, ok := r.(pacedRoom); ok {
		return pr.Paced(every)
	}
	return every
}

// RoomStatus is what the facilitator has decided.
type RoomStatus struct {
	Started bool   // the round has begun: games may move
	Paused  bool   // hold everything for now
	Ended   bool   // the round is over: games end where they are
	Message string // for the players, from the facilitator
	// Rounds are the weeks the room's rounds end at (none: one round), and
	// Gate the last week games may reach now, one of them (0: the end of
	// the game). A game that has played Gate waits there until the
	// facilitator releases the round. Rounds is the room's: not changed.
	Rounds []int
	Gate   int
	// Scheduled is the events the facilitator has scheduled for every game
	// (see sim.Game.Schedule); the room never changes the slice it gave.
	Scheduled []sim.ScheduledEvent
}

// RoomMsg tells a program that its room's status changed; the server sends
// it to every player's program.
type RoomMsg struct{}

// roomWait says why the room does not let the game move, or "".
func roomWait(r Room) string {
	if r == nil {
		return ""
	}
	st := r.Status()
	switch {
	case st.Ended:
		return "The round is over."
	case !st.Started:
		return "Waiting for the facilitator to start the round."
	case st.Paused:
		msg := "The facilitator has paused the room."
		if st.Message != "" {
			msg += " " + st.Message
		}
		return msg
	}
	return ""
}

// takeSchedule gives the game the events the facilitator has scheduled
// that it does not have yet. A game takes them before it next moves, so
// it meets each at the week the room chose; one it cannot take (the
// week has begun in it) stays out of it, and out of its result.
func takeSchedule(r Room, g *sim.Game) {
	if r == nil {
		return
	}
	for _, s := range r.Status().Scheduled {
		_ = g.Schedule(s)
	}
}
