package report

import (
	"testing"

	"github.com/globomantics/globosim/internal/sim"
)

func TestSameSchedule(t *testing.T) {
	player := func(name string, weeks int, s ...sim.ScheduledEvent) Player {
		return Player{Name: name, Result: sim.Result{Weeks: weeks, Scheduled: s}}
	}
	reorg := sim.ScheduledEvent{Week: 14, Event: "reorg", Fired: true, After: 3}
	audit := sim.ScheduledEvent{Week: 20, Event: "audit"}
	same := []Player{
		player("ada", 52, reorg, audit),
		player("bo", 30, sim.ScheduledEvent{Week: 14, Event: "reorg"}, audit), // how far each got does not matter
		player("cy", 10),        // lost before week 14
		player("di", 16, reorg), // ended before the audit
	}
	if err := SameSchedule(same); err != nil {
		t.Fatal(err)
	}
	err := SameSchedule(append(same, player("ed", 40, audit)))
	if want := "not the same facilitator's events: ada had reorg in week 14, audit in week 20, ed had audit in week 20"; err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
}
