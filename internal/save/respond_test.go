package save

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// A save of a game whose events asked, some answered when they asked, some
// before, one left to its default, and one waiting, rebuilds the same game.
func TestRoundTripWithAnswers(t *testing.T) {
	file, src, err := scenario.Source("globomantics")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Parse(file, src)
	if err != nil {
		t.Fatal(err)
	}
	g := sim.NewGame(sc, 7, 0)
	if err := g.Apply(sim.Decision{Kind: sim.Respond, Event: "audit", Choice: "consultants"}); err != nil {
		t.Fatal(err)
	}
	if err := g.Apply(sim.Decision{Kind: sim.Invest, Investment: "ci"}); err != nil {
		t.Fatal(err)
	}
	asked := map[string]bool{}
	for _, over := g.Over(); !over && g.Week() < 24; _, over = g.Over() {
		g.RunUntil(24 * sc.Week())
		p, ok := g.Pending()
		if !ok || asked[p.Event] {
			continue
		}
		asked[p.Event] = true
		if p.Event == "leaver" {
			if err := g.Apply(sim.Decision{Kind: sim.Respond, Event: "leaver", Choice: "counter"}); err != nil {
				t.Fatal(err)
			}
		} // any other gets its default on the next run
	}
	// The game may be lost before week 24 (the economy decides); the leaver
	// asks in week 9, and at least one more question comes or waits.
	if !asked["leaver"] || len(asked) < 2 || asked["audit"] {
		t.Fatalf("asked %v by week %d; want the leaver and one more event by week 24, and the audit answered before", asked, g.Week())
	}
	path := filepath.Join(t.TempDir(), "save.json")
	if err := Write(path, New(file, src, g, "ada")); err != nil {
		t.Fatal(err)
	}
	f, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := f.Game()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(h.Result(), g.Result()) || !reflect.DeepEqual(h.News(), g.News()) {
		t.Fatal("the rebuilt game differs from the saved one")
	}
	g.Play(nil)
	h.Play(nil)
	if !reflect.DeepEqual(h.Result(), g.Result()) {
		t.Fatal("the rebuilt game ends differently")
	}
}
