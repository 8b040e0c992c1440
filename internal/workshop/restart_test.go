package workshop

import (
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/workshop/workshoptest"
)

// A server closed in the middle of a round and started again on the same
// folder has lost nothing: the finished game is in the results and on the
// leaderboard, the player who had not finished comes back to the week
// their game was saved at, and the host key is the same. (The test of a
// server killed without a chance to close is in cmd/globosim, on the
// real binary.)
func TestRestart(t *testing.T) {
	dir := t.TempDir()
	room, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	_, addr, stop := serve(t, room)
	room.Start()
	ana, ben := join(t, addr, "ana"), join(t, addr, "ben")
	weeks(ana, 55)
	ana.WaitFor("The decisions that mattered most", wait)
	weeks(ben, 3)
	ben.WaitFor("week 3/52", wait)
	hostKey := ben.HostKey()
	anaScore := standing(t, room, "ana").Score

	stop()
	ben.WaitFor("The facilitator has closed the room. Your game is saved after week 3, ben.", wait)
	if err := room.Close(); err != nil {
		t.Fatal(err)
	}

	room, err = Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer room.Close()
	if st := standing(t, room, "ana"); st.State != Done || st.Score != anaScore {
		t.Fatalf("after the restart ana is %+v, want done with %d", st, anaScore)
	}
	if st := standing(t, room, "ben"); st.State != Disconnected || st.Week != 3 {
		t.Fatalf("after the restart ben is %+v, want disconnected in week 3", st)
	}
	_, addr, stop = serve(t, room)
	defer stop()
	room.Start()

	again := workshoptest.Dial(t, addr, "ben", workshoptest.Options{})
	again.WaitFor("you stopped after week 3", wait)
	if again.HostKey() != hostKey {
		t.Fatalf("the host key changed: %s, then %s", hostKey, again.HostKey())
	}
	again.Type("\r")
	again.WaitFor("week 3/52", wait)
	again.WaitFor("Welcome back", wait)
	weeks(again, 1)
	again.WaitFor("week 4/52", wait)

	done := workshoptest.Dial(t, addr, "ana", workshoptest.Options{})
	done.WaitFor("Your game in this round is over, ana.", wait)
	done.WaitFor("of the room's 2 players", wait)
	if n := len(results(t, dir)); n != 1 {
		t.Fatalf("%d results after the restart, want 1", n)
	}
}

// A folder that holds another world's games is refused.
func TestOpenRefusesAnotherWorld(t *testing.T) {
	dir := t.TempDir()
	room, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	_, addr, stop := serve(t, room)
	room.Start()
	c := join(t, addr, "ana")
	weeks(c, 1)
	c.WaitFor("week 1/52", wait)
	eventually(t, wait, "the save", func() bool { return standing(t, room, "ana").Week == 1 })
	stop()
	room.Close()

	_, err = Open(Config{DataDir: dir, Seed: 7, SeedSet: true})
	if err == nil || !strings.Contains(err.Error(), "saved games of Globomantics with seed 1, and this room plays Globomantics with seed 7") {
		t.Fatalf("opening with another seed: %v", err)
	}
}
