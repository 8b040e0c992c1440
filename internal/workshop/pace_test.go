package workshop

import (
	"math"
	"testing"
	"time"

	"github.com/globomantics/globosim/internal/runstats"
)

// The pace: slower while the scheduler's p99 wait is long, back to the
// games' speed as it shortens, held between, bounded both ways; too few
// waits to tell say the cores are idle.
func TestNextPace(t *testing.T) {
	for _, c := range []struct {
		pace    float64
		wait    time.Duration
		samples uint64
		want    float64
	}{
		{1, 100 * time.Millisecond, 1000, 1.25},
		{4, 21 * time.Millisecond, 1000, 5},
		{7, time.Second, 1000, paceMost},
		{paceMost, time.Second, 1000, paceMost},
		{2, 10 * time.Millisecond, 1000, 2},
		{2.1, time.Millisecond, 1000, 2},
		{1.02, time.Millisecond, 1000, 1},
		{1, 0, 0, 1},
		{3.15, time.Second, 5, 3},
	} {
		if got := nextPace(c.pace, c.wait, c.samples); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("pace %v, p99 wait %v over %d: %v, want %v", c.pace, c.wait, c.samples, got, c.want)
		}
	}
}

// While the scheduler's waits are long, a room's games auto-play further
// apart: a seat's tick waits as many times longer as the room's pace; as
// the waits shorten, they go back to their speed, and the room says the
// slowest pace it set.
func TestRoomPacesItsGames(t *testing.T) {
	room, err := Open(Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	p := newPacer() // stepped by the test, not on a timer
	room.pacer.close()
	room.pacer = p
	defer func() {
		room.pacer = nil
		room.Close()
	}()
	s := &seat{room: room}
	if got := s.Paced(250 * time.Millisecond); got != 250*time.Millisecond {
		t.Fatalf("an idle room's tick: %v, want 250ms", got)
	}
	waits := runstats.Hist{Buckets: []float64{0, 0.001, 0.1, math.Inf(1)}, Counts: []uint64{0, 0, 0}}
	p.before = waits
	for range 3 { // long waits
		waits.Counts = []uint64{waits.Counts[0] + 10, 0, waits.Counts[2] + 90}
		p.step(waits)
	}
	if got, want := s.Paced(250*time.Millisecond), time.Duration(250*1.25*1.25*1.25*float64(time.Millisecond)); got != want {
		t.Errorf("after three periods of long waits a tick waits %v, want %v", got, want)
	}
	for range 100 { // short ones
		waits.Counts = []uint64{waits.Counts[0] + 100, 0, waits.Counts[2]}
		p.step(waits)
	}
	if got := s.Paced(250 * time.Millisecond); got != 250*time.Millisecond {
		t.Errorf("once the waits are short again a tick waits %v, want 250ms", got)
	}
	if now, slowest := room.Pace(); now != 1 || math.Abs(slowest-1.25*1.25*1.25) > 1e-9 {
		t.Errorf("the room's pace %v, slowest %v; want 1 and %v", now, slowest, 1.25*1.25*1.25)
	}
}
