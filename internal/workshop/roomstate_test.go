package workshop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/sim"
)

// A restarted room is still started and paused as it was, and still has
// its schedule: room.json is written after every change.
func TestRestartKeepsTheRoomsState(t *testing.T) {
	dir := t.TempDir()
	room, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	room.Start()
	if _, err := room.Schedule("globex-stall"); err != nil {
		t.Fatal(err)
	}
	room.TogglePause()
	want := room.Status()
	if err := room.Close(); err != nil {
		t.Fatal(err)
	}

	again, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	got := again.Status()
	if !got.Started || !got.Paused || got.Ended || len(got.Scheduled) != 1 || got.Scheduled[0] != want.Scheduled[0] {
		t.Fatalf("after a restart the room is %+v, want %+v", got, want)
	}
	sn := again.Snapshot()
	if last := sn.Events[len(sn.Events)-1].Text; !strings.Contains(last, "The round is paused, as the server left it, with 1 scheduled event.") {
		t.Errorf("the room's events end with %q", last)
	}
	again.TogglePause() // resumed, and that is kept too
	again.End()
	again.Close()
	third, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	if st := third.Status(); !st.Ended || st.Paused {
		t.Fatalf("after the second restart the room is %+v", st)
	}
}

// A room.json that will not do is one clear message naming it; a room
// whose folder holds games of another schedule is refused unless Force.
func TestRoomStateProblems(t *testing.T) {
	for _, tt := range []struct{ name, data, want string }{
		{"damaged", `{"version": 1, "started": tru`, "room.json is damaged, not the room's state"},
		{"unknown key", `{"version": 1, "scenario": "Globomantics", "seed": 1, "teams": []}`, `unknown field "teams"`},
		{"version", `{"version": 9}`, "room.json is in format version 9, and this globosim reads version 1"},
		{"world", `{"version": 1, "scenario": "Globomantics", "seed": 5}`, "holds the room's state (room.json) of Globomantics with seed 5, and this room plays Globomantics with seed 1"},
		{"event", `{"version": 1, "scenario": "Globomantics", "seed": 1, "scheduled": [{"week": 3, "event": "nope"}]}`, `scheduled event 1: there is no event called "nope"`},
		{"week", `{"version": 1, "scenario": "Globomantics", "seed": 1, "scheduled": [{"week": 99, "event": "audit"}]}`, "week 99 is not in the game"},
		{"too large", `{"version": 1, "message": "` + strings.Repeat("x", 2<<20) + `"}`, "larger than a room's state file can be"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, RoomStateFile), []byte(tt.data), 0o600); err != nil {
				t.Fatal(err)
			}
			room, err := Open(Config{DataDir: dir})
			if err == nil {
				room.Close()
				t.Fatalf("opened; want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) || strings.Count(err.Error(), "\n") > 0 {
				t.Fatalf("got %v\nwant one line with %q", err, tt.want)
			}
		})
	}

	// A finished game that had an event the room's state does not.
	dir := t.TempDir()
	room, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	g := newGame(t)
	if err := g.Schedule(sim.ScheduledEvent{Week: 2, Event: "globex-stall"}); err != nil {
		t.Fatal(err)
	}
	g.Stop("test")
	ana, _ := room.join("ana", "")
	ana.Finish(g.Result())
	room.Close()
	_, err = Open(Config{DataDir: dir})
	if want := "holds games of another schedule of events: ana's finished game had globex-stall in week 2 scheduled, and this room has not"; err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want %q", err, want)
	}
	forced, err := Open(Config{DataDir: dir, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	forced.Close()
}

// Whatever room.json holds, reading it is a state or one line of error,
// never a panic.
func FuzzRoomState(f *testing.F) {
	f.Add([]byte(`{"version": 1, "scenario": "Globomantics", "seed": 1, "started": true, "scheduled": [{"week": 3, "event": "audit"}]}`))
	f.Add([]byte(`{"version": 1} {"version": 1}`))
	f.Add([]byte(`{"version": 1, "message": "\u001b[2J"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := decodeRoomState("room.json", data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("an error of more than one line: %q", err)
			}
			return
		}
		if s.Version != roomStateVersion || len(s.Scheduled) > maxScheduled {
			t.Fatalf("accepted %+v", s)
		}
	})
}

// With rounds an event comes at the next round's first week, and a
// restart keeps the gate the games are held at, when the rounds are the
// same.
func TestRestartKeepsTheGate(t *testing.T) {
	dir := t.TempDir()
	room, err := Open(Config{DataDir: dir, Rounds: []int{4, 8}})
	if err != nil {
		t.Fatal(err)
	}
	if s, err := room.Schedule("globex-stall"); err != nil || s.Week != 5 {
		t.Fatalf("scheduled %+v, %v; want week 5, the second round's first", s, err)
	}
	room.Start()
	room.Start() // at the gate: the next round
	if g := room.Status().Gate; g != 8 {
		t.Fatalf("the gate is week %d after the release, want 8", g)
	}
	if w := room.NextWeek(); w != 9 {
		t.Errorf("the next event comes in week %d, want 9", w)
	}
	room.Close()

	again, err := Open(Config{DataDir: dir, Rounds: []int{4, 8}})
	if err != nil {
		t.Fatal(err)
	}
	if st := again.Status(); st.Gate != 8 || !st.Started || len(st.Scheduled) != 1 {
		t.Fatalf("after a restart: %+v", st)
	}
	again.Close()
	other, err := Open(Config{DataDir: dir, Rounds: []int{6}})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	sn := other.Snapshot()
	if st := other.Status(); st.Gate != 6 || !strings.Contains(sn.Events[len(sn.Events)-1].Text, "The rounds are not the ones the server left ([4 8], now [6])") {
		t.Fatalf("with other rounds: %+v, %q", st, sn.Events[len(sn.Events)-1].Text)
	}
}
