package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

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

// pacedRoom3 is a room whose cores are behind: auto-play waits three
// times as long.
type pacedRoom3 struct{ fakeRoom }

func (*pacedRoom3) Paced(every time.Duration) time.Duration { return 3 * every }

// A room that paces its games stretches auto-play's wait between ticks,
// at every speed; alone, or in a room that does not, the speed's own.
func TestRoomPacesAutoPlay(t *testing.T) {
	alone, paced, unpaced := playing(t, testOptions(t)), playing(t, testOptions(t)), playing(t, testOptions(t))
	slow := &pacedRoom3{}
	slow.set(RoomStatus{Started: true})
	paced.dash.opts.Room = slow
	unpaced.dash.opts.Room = (&fakeRoom{}).set(RoomStatus{Started: true})
	for i, sp := range speeds {
		alone.dash.speed, paced.dash.speed, unpaced.dash.speed = i, i, i
		if got := alone.dash.tickEvery(); got != sp.every {
			t.Errorf("%s alone: a tick every %v, want %v", sp.label, got, sp.every)
		}
		if got := unpaced.dash.tickEvery(); got != sp.every {
			t.Errorf("%s in a room that does not pace: a tick every %v, want %v", sp.label, got, sp.every)
		}
		if got := paced.dash.tickEvery(); got != 3*sp.every {
			t.Errorf("%s in a paced room: a tick every %v, want %v", sp.label, got, 3*sp.every)
		}
	}
}

// A game the room slows says so in its header, rather than show a speed it
// is not playing at; unpaced, the header shows the speed alone.
func TestHeaderSaysTheRoomSlowsTheGame(t *testing.T) {
	for _, c := range []struct {
		room Room
		want string
	}{
		{(&fakeRoom{}).set(RoomStatus{Started: true}), "▶ playing normal"},
		{func() Room { r := &pacedRoom3{}; r.set(RoomStatus{Started: true}); return r }(), "▶ playing normal, room slowed"},
	} {
		m := playing(t, testOptions(t))
		m.dash.opts.Room = c.room
		m.dash.playing = true
		for i, sp := range speeds {
			if sp.label == "normal" {
				m.dash.speed = i
			}
		}
		h := plain(m.dash.header())
		if !strings.Contains(h, c.want) || (c.want == "▶ playing normal" && strings.Contains(h, "slowed")) {
			t.Errorf("the header %q lacks %q", h, c.want)
		}
	}
}

// Auto-play waits behind the shop or the large chart, and the header and
// the help say so: not "▶ playing" while no week moves, and "p pause"
// while it plays.
func TestHeaderSaysAutoPlayWaitsBehindAScreen(t *testing.T) {
	var m tea.Model = playing(t, testOptions(t))
	m, _ = drive(t, m, keyMsg("p"))
	d := m.(Model).dash
	if h := plain(d.header()); !strings.Contains(h, "▶ playing") {
		t.Fatalf("playing: %q", h)
	}
	if !strings.Contains(plain(m.View()), "p pause") {
		t.Errorf("the help while playing does not offer p pause:\n%s", plain(m.View()))
	}
	for _, k := range []string{"i", "c"} {
		open, _ := drive(t, m, keyMsg(k))
		if h := plain(open.(Model).dash.header()); strings.Contains(h, "▶ playing") || !strings.Contains(h, "auto-play waits") {
			t.Errorf("behind %s the header reads %q", k, h)
		}
	}
}
