package sim

import (
	"reflect"
	"testing"
)

// A reused item slot is exactly a new item, whatever it held.
func TestItemSlotReset(t *testing.T) {
	it := Item{Work: 3, Size: 2, Arrived: 9, Committed: 10, Finished: 11, Reworks: 2,
		Visit: Visit{Stage: 1, Enter: 2, Start: 3, Finish: 4, Leave: 5}, Touch: 6,
		Value: 5, Feature: 4, Slice: 1, step: 3, stage: 2, duration: 7, server: true}
	it.reset(1, 1.5, 2.5, 100, -1)
	want := Item{Work: 1, Size: 1.5, Value: 2.5, Arrived: 100, Committed: -1, Finished: -1,
		Feature: -1, duration: -1, live: true}
	if !reflect.DeepEqual(it, want) {
		t.Fatalf("reset slot %+v, want %+v", it, want)
	}
	it.visit(4, 120)
	if got := it.Visit; got != (Visit{Stage: 4, Enter: 120, Start: -1, Finish: -1, Leave: -1}) {
		t.Fatalf("visit: %+v", got)
	}
}

// An item keeps its service time summed over its visits, rework included,
// and nothing per visit: every service the stages finished is in the touch
// time of a finished item or of one still in the system.
func TestItemTouchSumsItsVisits(t *testing.T) {
	sc := lineScenario()
	sc.Stages[2].ReworkProb = 0.5
	s := New(sc, 3)
	_ = s.RunUntil(10 * sc.Week())
	var served, touched int64
	for i := range s.stages {
		served += s.stages[i].serviceSum
	}
	touched = s.stats.touchSum
	for i := range s.items {
		if it := &s.items[i]; it.live && it.Work >= 0 {
			touched += int64(it.Touch)
		}
	}
	if s.stats.completed < 100 || served == 0 || touched != served {
		t.Fatalf("%d items done; the stages served %d minutes, the items' touch times add up to %d", s.stats.completed, served, touched)
	}
}
