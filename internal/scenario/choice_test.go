package scenario

import (
	"strings"
	"testing"
)

// asking is planGame with an event that asks.
const asking = planGame + `
[[event]]
id = "audit"
title = "The audit"
text = "An auditor wants every change on record."
week = 10
default = "accept"

[[event.choice]]
id = "pause"
label = "Stop features"
text = "Developers do the paperwork."
duration = "2w"
effects = [{ stage = "dev", service = 3 }]

[[event.choice]]
id = "consultants"
label = "Hire consultants"
text = "Consultants do it."
effects = [{ money = -60_000 }]
if_built = { investment = "ci", text = "The records exist.", effects = [{ money = -10_000 }] }

[[event.choice]]
id = "accept"
label = "Accept a finding"
text = "It may come back."
later = { weeks = 8, probability = 0.5, text = "The finding is back.", effects = [{ money = -100_000 }] }

[[event]]
id = "flu"
text = "Flu."
probability = 0.05
effects = [{ stage = "dev", add_capacity = -1 }]
`

func TestEventChoices(t *testing.T) {
	sc := mustParse(t, asking)
	ev := sc.Events[0]
	if ev.Title != "The audit" || len(ev.Choices) != 3 || ev.Default != 2 {
		t.Fatalf("event %+v", ev)
	}
	c := ev.Choices
	if c[0].ID != "pause" || c[0].Label != "Stop features" || c[0].Duration != 2 || len(c[0].Effects) != 1 || c[0].Work != -1 || c[0].Competitor != -1 {
		t.Errorf("pause: %+v", c[0])
	}
	if b := c[1].IfBuilt; b == nil || b.Investment != 0 || b.Text != "The records exist." || len(b.Effects) != 1 || b.Effects[0].Money != -10000 || b.Later != nil {
		t.Errorf("consultants' if_built: %+v", b)
	}
	if r := c[2].Later; r == nil || r.Weeks != 8 || r.Probability != 0.5 || r.Text != "The finding is back." || r.Effects[0].Money != -100000 {
		t.Errorf("accept's later: %+v", r)
	}
	if len(sc.Events[1].Choices) != 0 {
		t.Errorf("flu has choices")
	}
}

func TestEventChoiceErrors(t *testing.T) {
	head := "[[event]]\nid = \"audit\"\ntext = \"An audit.\"\nweek = 3\n"
	choice := func(id, rest string) string {
		return "[[event.choice]]\nid = \"" + id + "\"\nlabel = \"L\"\ntext = \"T\"\n" + rest
	}
	tests := []struct{ name, src, want string }{
		{"no default", head + choice("a", "") + choice("b", ""),
			`missing required key "default" in [[event]] "audit": the id of the choice taken when nobody answers`},
		{"unknown default", head + "default = \"c\"\n" + choice("a", "") + choice("b", ""),
			`event "audit": default names choice "c", which does not exist; choice ids are: a, b`},
		{"default without choices", head + "default = \"a\"\neffects = [{ money = -1 }]\n",
			`event "audit": default names the answer taken when nobody answers, but the event has no [[event.choice]] tables`},
		{"one choice", head + "default = \"a\"\n" + choice("a", ""),
			`event "audit": an event offers 2 or 3 choices, not 1`},
		{"four choices", head + "default = \"a\"\n" + choice("a", "") + choice("b", "") + choice("c", "") + choice("d", ""),
			`event "audit": an event offers 2 or 3 choices, not 4`},
		{"single brackets", head + "default = \"a\"\n[event.choice]\nid = \"a\"\n",
			`event "audit": choice must be written [[event.choice]], with double brackets: an event offers 2 or 3 choices`},
		{"not tables", head + "default = \"a\"\nchoice = 5\n",
			`event "audit": choice must be a list of [[event.choice]] tables, not the number 5`},
		{"same id twice", head + "default = \"a\"\n" + choice("a", "") + choice("a", ""),
			`test.toml:68:1: choice id "a" is used twice (the first is on line 64)`},
		{"unknown key", head + "default = \"a\"\n" + choice("a", "efects = []\n") + choice("b", ""),
			`unknown key "efects" in event "audit", choice "a"; did you mean "effects"?`},
		{"long label", head + "default = \"a\"\n" + strings.Replace(choice("a", ""), `"L"`, `"Stop all feature work for two whole weeks"`, 1) + choice("b", ""),
			`label is 41 characters long; a label goes on a button, so keep it to 30 and say the rest in text`},
		{"later", head + "default = \"a\"\n" + choice("a", "later = { weeks = 0, probability = 2, effects = [] }\n") + choice("b", ""),
			"later weeks must be a whole number from 1 to 20 (got 0)"},
		{"later without text", head + "default = \"a\"\n" + choice("a", "later = { weeks = 2, probability = 0.5, effects = [{ money = -1 }] }\n") + choice("b", ""),
			`missing required key "text" in the later of event "audit", choice "a"`},
		{"if_built unknown investment", head + "default = \"a\"\n" + choice("a", "if_built = { investment = \"cii\", text = \"x\", effects = [{ money = -1 }] }\n") + choice("b", ""),
			`if_built investment names investment "cii", which does not exist; did you mean "ci"?`},
		{"if_built that changes nothing", head + "default = \"a\"\n" + choice("a", "if_built = { investment = \"ci\", text = \"x\" }\n") + choice("b", ""),
			`if_built changes nothing; give it effects, a later risk, or both, to replace the choice's own`},
		{"choice competitor and work", head + "default = \"a\"\n" + choice("a", "work = { id = \"featur\", count = 2 }\n") + choice("b", ""),
			`work id names work "featur", which does not exist; did you mean "feature"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("test.toml", []byte(planGame+tt.src))
			if err == nil {
				t.Fatalf("no problems, want: %s", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got:\n%s\nwant a line with:\n%s", err, tt.want)
			}
		})
	}
}

func TestPlanRespond(t *testing.T) {
	sc := mustParse(t, asking)
	p, err := ParsePlan("plan.toml", []byte("name = \"P\"\n[[decision]]\nweek = 10\nrespond = { event = \"audit\", choice = \"consultants\" }\n"), sc)
	if err != nil {
		t.Fatal(err)
	}
	if d := p.Steps[0].Decision; d.Kind.String() != "respond" || d.Event != "audit" || d.Choice != "consultants" {
		t.Fatalf("decision %+v", d)
	}
	for _, tt := range []struct{ src, want string }{
		{`{ event = "audt", choice = "pause" }`, `plan.toml:4:13: decision #1: respond event names event "audt", which does not exist; did you mean "audit"?`},
		{`{ event = "flu", choice = "pause" }`, `plan.toml:4:13: decision #1: respond event "flu" offers no choices to answer`},
		{`{ event = "audit", choice = "paws" }`, `plan.toml:4:30: decision #1: respond choice names choice "paws", which does not exist; did you mean "pause"?`},
		{`{ event = "audit" }`, `plan.toml:4:1: missing required key "choice" in the respond of decision #1`},
		{`"audit"`, `plan.toml:4:1: decision #1: respond must be a table such as { event = "audit", choice = "consultants" }, not a string "audit"`},
	} {
		_, err := ParsePlan("plan.toml", []byte("name = \"P\"\n[[decision]]\nweek = 1\nrespond = "+tt.src+"\n"), sc)
		if err == nil || err.Error() != tt.want {
			t.Errorf("respond = %s:\n got %v\nwant %s", tt.src, err, tt.want)
		}
	}
}

// Each built-in game but the tutorial asks the player at least four times,
// and in each at least one answer depends on what the player has built.
func TestBuiltinsAsk(t *testing.T) {
	for _, name := range []string{"globomantics", "startup", "enterprise"} {
		sc, err := Resolve(name)
		if err != nil {
			t.Fatal(err)
		}
		asking, built := 0, 0
		for _, ev := range sc.Events {
			if len(ev.Choices) > 0 {
				asking++
			}
			for _, c := range ev.Choices {
				if c.IfBuilt != nil {
					built++
				}
			}
		}
		if asking < 4 || built == 0 {
			t.Errorf("%s: %d events ask, %d answers depend on an investment; want at least 4 and 1", name, asking, built)
		}
	}
}
