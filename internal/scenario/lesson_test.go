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
