package main

import (
	"os"
	"strings"
	"testing"
)

// Results whose games had different facilitator's events are refused,
// naming who differs, unless --force.
func TestCompareDifferentSchedules(t *testing.T) {
	p := exportRoom(t, t.TempDir(), map[string][]string{
		"ana": {"--plan", "globomantics-devops"},
		"ben": {"--plan", "globomantics-none"},
	})
	data, err := os.ReadFile(p["ben"])
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), `"events": [`, `"scheduled": [{"week": 5, "event": "leaver", "fired": true}], "events": [`, 1)
	if edited == string(data) {
		t.Fatal("no events in the result to put a schedule before")
	}
	if err := os.WriteFile(p["ben"], []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI("compare", p["ana"], p["ben"])
	want := "globosim compare: not the same facilitator's events: ana had none, ben had leaver in week 5; their scores are not comparable (--force compares them anyway)\n"
	if code != exitFail || out != "" || errs != want {
		t.Fatalf("exit %d, stdout %q\nstderr %q\nwant   %q", code, out, errs, want)
	}
	code, _, errs = runCLI("compare", "--force", p["ana"], p["ben"])
	if code != exitOK || !strings.Contains(errs, "warning: not the same facilitator's events") {
		t.Fatalf("--force: exit %d\nstderr %q", code, errs)
	}
}
