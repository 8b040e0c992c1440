package scenario

import (
	"strings"
	"testing"
)

// A facilitator's event parses with neither week nor probability, and
// refuses either.
func TestFacilitatorEvent(t *testing.T) {
	src := stream + "[[event]]\nid = \"reorg\"\ntext = \"A reorganisation.\"\nfacilitator = true\neffects = [{ money = -1 }]\n"
	sc, err := Parse("test.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if ev := sc.Events[0]; !ev.Facilitator || ev.Week != 0 || ev.Probability != 0 {
		t.Errorf("got %+v, want a facilitator's event with no week or probability", ev)
	}
	for _, tt := range []struct{ key, want string }{
		{"week = 3", `test.toml:45:1: event "e": a facilitator's event has no week or probability: it never happens by itself, only when the facilitator of a room schedules it (drop week, or facilitator)`},
		{"probability = 0.1", `test.toml:45:1: event "e": a facilitator's event has no week or probability: it never happens by itself, only when the facilitator of a room schedules it (drop probability, or facilitator)`},
		{`facilitator = "yes"` + "\nweek = 2", `test.toml:44:1: event "e": facilitator must be true or false, not a string "yes"`},
	} {
		src := stream + "[[event]]\nid = \"e\"\ntext = \"t\"\nfacilitator = true\n" + tt.key + "\neffects = [{ money = -1 }]\n"
		if strings.HasPrefix(tt.key, "facilitator") {
			src = stream + "[[event]]\nid = \"e\"\ntext = \"t\"\n" + tt.key + "\neffects = [{ money = -1 }]\n"
		}
		_, err := Parse("test.toml", []byte(src))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: got %v, want %s", tt.key, err, tt.want)
		}
	}
}
