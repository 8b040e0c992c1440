package ui

import (
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"

	"github.com/globomantics/globosim/internal/sim"
)

// turnRoom is a room that takes debriefs in turns: the test holds the turn.
type turnRoom struct {
	fakeRoom
	asked    chan struct{} // a game asks for its turn
	turn     chan struct{} // a value in it is the turn, taken by Scoring
	finished chan struct{}
}

func (r *turnRoom) Scoring() func() {
	r.asked <- struct{}{}
	<-r.turn
	return func() { r.turn <- struct{}{} }
}

func (r *turnRoom) Finish(sim.Result) { close(r.finished) }

// In a room that takes debriefs in turns, a game's debrief waits for its
// turn, and gives it back once scored.
func TestRoomDebriefWaitsForItsTurn(t *testing.T) {
	room := &turnRoom{asked: make(chan struct{}), turn: make(chan struct{}, 1), finished: make(chan struct{})}
	room.set(RoomStatus{Started: true})
	m := overGame(t, testOptions(t))
	m.opts.Room = room
	_, cmds := endCmds(t, m)
	go cmds[0]()
	select {
	case <-room.asked:
	case <-room.finished:
		t.Fatal("the debrief was scored without asking for its turn")
	}
	select {
	case <-room.finished:
		t.Fatal("the debrief was scored before its turn")
	default:
	}
	room.turn <- struct{}{}
	<-room.finished
	<-room.turn // given back
}

// A room's end screen turns its spinner twice a second, not twelve times:
// each turn draws the screen again, and hundreds may wait for their turn
// to be scored together.
func TestRoomSpinnerTurnsSlowly(t *testing.T) {
	end := func(opts Options) endModel {
		m := overGame(t, testOptions(t))
		return newEnd(m.styles, m.keys, m.session, opts)
	}
	alone := end(testOptions(t))
	opts := testOptions(t)
	opts.Room = (&fakeRoom{}).set(RoomStatus{Started: true})
	room := end(opts)
	if alone.spin.Spinner.FPS != spinner.MiniDot.FPS || room.spin.Spinner.FPS != 500*time.Millisecond {
		t.Fatalf("the spinner turns every %v alone and %v in a room; want %v and 500ms", alone.spin.Spinner.FPS, room.spin.Spinner.FPS, spinner.MiniDot.FPS)
	}
}
