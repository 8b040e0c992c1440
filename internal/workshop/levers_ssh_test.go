package workshop

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/globomantics/globosim/internal/save"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/workshop/workshoptest"
)

// playPast plays the player's game past week w, a week at a time; a 1
// after each space answers a question that stops the game.
func playPast(t *testing.T, room *Room, srv *Server, c *workshoptest.Client, name string, w int) {
	t.Helper()
	for standing(t, room, name).Week <= w {
		typed(t, srv, c, name, " 1")
	}
}

// firedIn reads the player's save once it is past week w, and says in
// which week the scheduled event fired in that game.
func firedIn(t *testing.T, dir, name string, w int, event string) int {
	t.Helper()
	var g *sim.Game
	eventually(t, wait, fmt.Sprintf("%s's save past week %d", name, w), func() bool {
		f, err := save.Read(filepath.Join(dir, PlayersDir, name+".json"))
		if err != nil || f.Week <= w {
			return false
		}
		g, err = f.Game()
		if err != nil {
			t.Fatalf("%s's save: %v", name, err)
		}
		return true
	})
	if s := g.Scheduled(); len(s) != 1 || !s[0].Fired || s[0].Event != event {
		t.Fatalf("%s's game's schedule: %+v", name, s)
	}
	for _, ev := range g.Events() {
		if ev.ID == event {
			return ev.Week
		}
	}
	t.Fatalf("%s's game never met %s", name, event)
	return 0
}

// A scheduled event reaches every game in the same week: two players at
// different weeks when it is scheduled, and one who joins later.
func TestScheduledEventReachesEveryGame(t *testing.T) {
	dir := t.TempDir()
	room, srv, addr := startRoom(t, Config{DataDir: dir})
	room.Start()
	alice := join(t, addr, "alice")
	bob := join(t, addr, "bob")
	playPast(t, room, srv, alice, "alice", 2)
	playPast(t, room, srv, bob, "bob", 0)
	furthest := max(standing(t, room, "alice").Week, standing(t, room, "bob").Week)
	s, err := room.Schedule("globex-stall")
	if err != nil {
		t.Fatal(err)
	}
	if s.Week != furthest+2 {
		t.Fatalf("scheduled for week %d, want %d: the week after the one the furthest game plays", s.Week, furthest+2)
	}
	playPast(t, room, srv, alice, "alice", s.Week)
	playPast(t, room, srv, bob, "bob", s.Week)
	carol := join(t, addr, "carol")
	playPast(t, room, srv, carol, "carol", s.Week)
	for _, name := range []string{"alice", "bob", "carol"} {
		if w := firedIn(t, dir, name, s.Week, "globex-stall"); w != s.Week {
			t.Errorf("%s met the scheduled event in week %d, want %d", name, w, s.Week)
		}
	}
}
