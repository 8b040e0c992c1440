package report

import (
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// The answers of a game: one given when asked, one decided before the
// event came, and defaults; each worth what the replay without it says.
func TestAnswers(t *testing.T) {
	sc, err := scenario.Resolve("globomantics")
	if err != nil {
		t.Fatal(err)
	}
	g := sim.NewGame(sc, sc.Seed, 0)
	if err := g.Apply(sim.Decision{Kind: sim.Respond, Event: "audit", Choice: "consultants"}); err != nil {
		t.Fatal(err)
	}
	for {
		if _, over := g.Over(); over {
			break
		}
		if p, ok := g.Pending(); ok && p.Event == "leaver" {
			if err := g.Apply(sim.Decision{Kind: sim.Respond, Event: "leaver", Choice: "counter"}); err != nil {
				t.Fatal(err)
			}
		}
		g.RunUntil(sim.Time(g.Weeks()) * sc.Week()) // another question's default is taken
	}
	r := g.Result()
	r.Impacts = g.Impacts()
	worth := map[string]int{}
	for _, im := range r.Impacts {
		worth[im.Decision.Decision.Event] = im.Score
	}
	got := map[string]Answer{}
	for _, a := range Answers(r) {
		got[a.Event] = a
	}
	if a := got["leaver"]; a.Label != "Counter-offer" || a.Default || a.Before || !a.Weighed || a.Worth != worth["leaver"] || a.Title != "A senior developer resigns" {
		t.Errorf("leaver: %+v, want the counter-offer worth %d", a, worth["leaver"])
	}
	if a := got["audit"]; a.Choice != "consultants" || !a.Before || !a.Weighed || a.Worth != worth["audit"] {
		t.Errorf("audit: %+v, want consultants decided before, worth %d", a, worth["audit"])
	}
	if a := got["initech-app"]; !a.Default || a.Weighed || AnswerWords(a) != "no answer: the default, “Hold course”" || WorthWords(a) != "–" {
		t.Errorf("initech-app: %+v (%s; %s)", a, AnswerWords(a), WorthWords(a))
	}
	if len(got) < 3 {
		t.Fatalf("answers: %+v", got)
	}
}

// A result file from before titles and labels were recorded names the
// events and answers by their ids, and a game that ended with a question
// waiting says so.
func TestAnswersOfAnOldFile(t *testing.T) {
	r := sim.Result{Events: []sim.FiredEvent{
		{Week: 3, ID: "flu", Text: "Flu."},
		{Week: 9, ID: "leaver", Text: "She leaves.", Choice: "counter"},
		{Week: 12, ID: "audit", Text: "An audit.", Title: "The audit"},
	}}
	as := Answers(r)
	if len(as) != 2 || as[0].Title != "leaver" || as[0].Label != "counter" || WorthWords(as[0]) != "not weighed" {
		t.Fatalf("answers: %+v", as)
	}
	if w := AnswerWords(as[1]); !strings.Contains(w, "ended first") {
		t.Fatalf("a question still waiting: %q", w)
	}
}
