package sim

import (
	"reflect"
	"testing"
)

// A reused item slot is exactly a new item, whatever it held, and keeps
// the room of its visits.
func TestItemSlotReset(t *testing.T) {
	room := make([]Visit, 2, 8)
	it := Item{Work: 3, Size: 2, Arrived: 9, Committed: 10, Finished: 11, Reworks: 2, Visits: room,
		Value: 5, Feature: 4, Slice: 1, step: 3, stage: 2, duration: 7, server: true}
	it.reset(1, 1.5, 2.5, 100, -1)
	want := Item{Work: 1, Size: 1.5, Value: 2.5, Arrived: 100, Committed: -1, Finished: -1,
		Feature: -1, duration: -1, Visits: room[:0], live: true}
	if !reflect.DeepEqual(it, want) || cap(it.Visits) != 8 {
		t.Fatalf("reset slot %+v, want %+v", it, want)
	}
	it.visit(4, 120)
	if got := it.Visits; len(got) != 1 || got[0] != (Visit{Stage: 4, Enter: 120, Start: -1, Finish: -1, Leave: -1}) {
		t.Fatalf("visit: %+v", got)
	}
}
