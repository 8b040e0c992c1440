package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// explosive is a valid scenario that cannot be played: work arrives every
// minute at a stage that takes a week per item, for 1000 weeks.
const explosive = `name = "Explode"
weeks = 1000
[[work]]
id = "w"
arrival = { dist = "constant", value = "1m" }
[[stage]]
id = "slow"
capacity = 1
service = { dist = "constant", value = "1w" }
`

// TestRunStopsAnExplosiveScenario: run and balance stop it with one line
// and exit 1; validate accepts it but warns of the load.
func TestRunStopsAnExplosiveScenario(t *testing.T) {
	path := filepath.Join(t.TempDir(), "explode.toml")
	if err := os.WriteFile(path, []byte(explosive), 0o600); err != nil {
		t.Fatal(err)
	}
	const stopped = `stopped in week 42: more than 100000 work items are in the system at once, 99999 of them waiting at stage "slow"; ` +
		"work arrives there faster than it can be done (globosim validate shows each stage's offered load)\n"
	for args, want := range map[string]string{
		"run --scenario " + path: "globosim run: seed 1: " + stopped,
		"balance " + path:        "globosim balance: " + stopped,
	} {
		code, out, errs := runCLI(strings.Fields(args)...)
		if code != exitFail || out != "" || errs != want {
			t.Errorf("%s: exit %d, stdout %q, stderr\n%s\nwant\n%s", args, code, out, errs, want)
		}
	}
}

// TestValidateWarnsOfOverload: a stage offered more than it can do is a
// warning with the numbers, and the file is still valid (exit 0).
func TestValidateWarnsOfOverload(t *testing.T) {
	path := filepath.Join(t.TempDir(), "explode.toml")
	if err := os.WriteFile(path, []byte(explosive), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI("validate", path)
	want := path + `:6:1: warning: stage "slow" is offered 96000.0 hours of work a week (counting rework, escaped bugs, outside requests and release regression runs) ` +
		"but its capacity is 40 hours (1 × 40), ρ = 2400.00: its queue grows without end until a decision adds people or takes work away (as meant, if that is the problem the players are to solve)\n"
	if code != exitOK || errs != want || out != path+": ok: \"Explode\", 1 work types, 1 stages, 1000 weeks\n" {
		t.Errorf("exit %d, stdout %q, stderr\n%s\nwant\n%s", code, out, errs, want)
	}
}
