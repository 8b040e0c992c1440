package scenario

import (
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/sim"
)

// A lesson started by an event, whose task is answering an event that asks.
func TestLessonOnAnEventThatAsks(t *testing.T) {
	sc, err := Resolve("tutorial")
	if err != nil {
		t.Fatal(err)
	}
	var l *sim.Lesson
	for i := range sc.Lessons {
		if sc.Lessons[i].ID == "audit" {
			l = &sc.Lessons[i]
		}
	}
	if l == nil || l.When.Kind != sim.EventFired || sc.Events[l.When.Event].ID != "audit" || l.Task != (sim.Task{Kind: sim.Respond, Event: "audit"}) {
		t.Fatalf("the tutorial's audit lesson: %+v", l)
	}
	bad := game + `
[[lesson]]
id = "x"
title = "X"
text = "X."
when = { event = "nope" }
task = { respond = "outage" }
`
	_, err = Parse("t.toml", []byte(bad))
	if err == nil {
		t.Fatal("a broken lesson was accepted")
	}
	for _, want := range []string{`names event "nope", which does not exist`, `task respond names event "outage", which offers no choices to answer`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
}

// A busy trigger may name the week by which the lesson starts anyway; the
// week is optional, and one past the game's end is refused.
func TestLessonBusyByWeek(t *testing.T) {
	sc, err := Resolve("tutorial")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range sc.Lessons {
		if l.ID == "busy" && (l.When.Kind != sim.BusyAtLeast || l.When.Week != 4) {
			t.Errorf("the tutorial's busy lesson: %+v, want busy by week 4", l.When)
		}
	}
	lesson := func(when string) string {
		return game + "\n[[lesson]]\nid = \"x\"\ntitle = \"X\"\ntext = \"X.\"\nwhen = " + when + "\n"
	}
	sc, err = Parse("t.toml", []byte(lesson(`{ busy = { stage = "dev", share = 0.8 } }`)))
	if err != nil {
		t.Fatal(err)
	}
	if w := sc.Lessons[0].When; w.Kind != sim.BusyAtLeast || w.Week != 0 {
		t.Errorf("without by_week: %+v", w)
	}
	_, err = Parse("t.toml", []byte(lesson(`{ busy = { stage = "dev", share = 0.8, by_week = 1000 } }`)))
	if err == nil || !strings.Contains(err.Error(), "by_week") {
		t.Errorf("a by_week past the end: %v", err)
	}
}
