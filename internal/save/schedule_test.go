package save

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/globomantics/globosim/internal/sim"
)

// A save holds the facilitator's schedule: what fired comes back after the
// same decisions, what is still to come is still scheduled.
func TestSaveKeepsTheSchedule(t *testing.T) {
	file, src, g := played(t)
	week := g.Scenario().Week()
	g.RunUntil(8 * week)
	for _, s := range []sim.ScheduledEvent{{Week: 9, Event: "leaver"}, {Week: 12, Event: "leaver"}} {
		if err := g.Schedule(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := g.Apply(sim.Decision{Kind: sim.SetWIPLimit, Stage: "qa", N: 6}); err != nil { // after the first fired
		t.Fatal(err)
	}
	g.RunUntil(10 * week) // the scenario's leaver gets its default; the scheduled one asks
	p, ok := g.Pending()
	if !ok || p.Event != "leaver" || g.Now() != 8*week {
		t.Fatalf("pending %+v at minute %d, want the scheduled leaver at the start of week 9", p, g.Now())
	}
	if err := g.Apply(sim.Decision{Kind: sim.Respond, Event: "leaver", Choice: "replace"}); err != nil {
		t.Fatal(err)
	}
	g.RunUntil(10 * week)
	path := filepath.Join(t.TempDir(), "save.json")
	if err := Write(path, New(file, src, g, "")); err != nil {
		t.Fatal(err)
	}
	f, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Scheduled) != 2 || !f.Scheduled[0].Fired || f.Scheduled[1].Fired {
		t.Fatalf("saved schedule %+v", f.Scheduled)
	}
	h, err := f.Game()
	if err != nil {
		t.Fatal(err)
	}
	g.Play(nil)
	h.Play(nil)
	if !reflect.DeepEqual(h.Result(), g.Result()) {
		t.Errorf("the rebuilt game ends differently")
	}
	if s := h.Scheduled(); len(s) != 2 || !s[1].Fired {
		t.Errorf("the rebuilt game's schedule %+v", s)
	}
}
