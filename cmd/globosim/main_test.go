package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/version"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = cli(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestRunFormats(t *testing.T) {
	code, out, errs := runCLI("run", "--weeks", "8", "--format", "json")
	if code != exitOK || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var doc struct {
		Scenario string
		Seed     int
		Weeks    int
		Summary  map[string]any
		Stages   []map[string]any
		Weekly   []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if doc.Scenario != "Globomantics" || doc.Seed != 1 || doc.Weeks != 8 || len(doc.Weekly) != 8 || len(doc.Stages) == 0 {
		t.Fatalf("unexpected document: %+v", doc)
	}
	for _, k := range []string{"arrived", "completed", "wip_end", "lead_time_hours", "throughput_per_week", "wip_mean", "flow_efficiency"} {
		if _, ok := doc.Summary[k]; !ok {
			t.Errorf("summary lacks %q", k)
		}
	}

	code, out, _ = runCLI("run", "--weeks", "3", "--format", "csv", "--seed", "7")
	if code != exitOK || !strings.HasPrefix(out, "seed,week,") || !strings.Contains(out, "\n7,3,") {
		t.Fatalf("csv: exit %d\n%s", code, out)
	}

	code, out, _ = runCLI("run", "--weeks", "4", "--runs", "4")
	if code != exitOK || !strings.Contains(out, "4 runs, seeds 1..4") {
		t.Fatalf("runs text: exit %d\n%s", code, out)
	}
}

// A plain queueing model (M/M/1, no game section) runs headless with its
// flow metrics and no verdict, in every format: no outcome lines in the
// text, no score, won, outcome or DORA in the JSON, no market in the CSV.
// And the startup's sixth week, whose time to restore read -240h "elite"
// (issue 9), is not negative.
func TestRunQueueingModelAndFirstWeeks(t *testing.T) {
	path := filepath.Join("..", "..", "internal", "sim", "testdata", "mm1.toml")
	code, out, errs := runCLI("run", "--scenario", path)
	if code != exitOK || errs != "" {
		t.Fatalf("text: exit %d, %q", code, errs)
	}
	for _, bad := range []string{"WON", "LOST", "Score", "Budget", "DORA", "the goal was", "elite"} {
		if strings.Contains(out, bad) {
			t.Errorf("text of a queueing model says %q:\n%s", bad, out)
		}
	}
	if !strings.Contains(out, "no score and nothing won or lost") || !strings.Contains(out, "Lead time    mean") {
		t.Errorf("text:\n%s", out)
	}

	_, out, _ = runCLI("run", "--scenario", path, "--format", "json")
	var doc struct {
		Summary map[string]json.RawMessage
		Weekly  []map[string]json.RawMessage
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"score", "won", "outcome", "dora", "market_share", "budget"} {
		if _, ok := doc.Summary[k]; ok {
			t.Errorf("JSON summary has %q", k)
		}
	}
	if _, ok := doc.Summary["throughput_per_week"]; !ok || len(doc.Weekly) != 6 {
		t.Errorf("JSON lacks the flow: %s", out)
	}

	_, out, _ = runCLI("run", "--scenario", path, "--format", "csv")
	if header, _, _ := strings.Cut(out, "\n"); header != "seed,week,arrived,completed,wip,lead_time_hours_p50" {
		t.Errorf("CSV header %q", header)
	}

	_, out, _ = runCLI("run", "--scenario", "startup", "--weeks", "6")
	_, dora, _ := strings.Cut(out, "\nDORA ")
	dora, _, _ = strings.Cut(dora, "\n")
	if !strings.Contains(dora, "low band over the 6 weeks played") || regexp.MustCompile(`-[0-9]`).MatchString(dora) {
		t.Errorf("startup, 6 weeks: DORA %q", dora)
	}
}

func TestRunIsRepeatable(t *testing.T) {
	_, a, _ := runCLI("run", "--weeks", "10", "--format", "json", "--seed", "5")
	_, b, _ := runCLI("run", "--weeks", "10", "--format", "json", "--seed", "5")
	_, c, _ := runCLI("run", "--weeks", "10", "--format", "json", "--seed", "6")
	if a != b {
		t.Fatal("the same seed gave different output")
	}
	if a == c {
		t.Fatal("different seeds gave the same output")
	}
}

func TestRunWritesOut(t *testing.T) {
	path := filepath.Join(t.TempDir(), "result.json")
	code, out, errs := runCLI("run", "--weeks", "2", "--format", "json", "--out", path)
	if code != exitOK || out != "" || errs != "" {
		t.Fatalf("exit %d stdout %q stderr %q", code, out, errs)
	}
	b, err := os.ReadFile(path)
	if err != nil || !json.Valid(b) {
		t.Fatalf("%s: %v", path, err)
	}
	code, _, errs = runCLI("run", "--weeks", "2", "--out", filepath.Join(t.TempDir(), "no", "such", "dir", "x.json"))
	if code != exitFail || !strings.Contains(errs, "cannot write") {
		t.Fatalf("unwritable --out: exit %d, %q", code, errs)
	}
}

// Bad usage exits 2 with one clear line; bad input exits 1; never a panic.
func TestExitCodesAndMessages(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("name = \"x\"\n[[stage]]\nid = \"a\"\ncapcity = 2\n"), 0o644)

	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{[]string{"run", "--format", "yaml"}, exitUsage, "--format must be one of text, json, csv"},
		{[]string{"run", "--runs", "0"}, exitUsage, "--runs must be between"},
		{[]string{"run", "--weeks", "-3"}, exitUsage, "--weeks must be between"},
		{[]string{"run", "--seed", "abc"}, exitUsage, "invalid value"},
		{[]string{"run", "extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"run", "--bogus"}, exitUsage, "flag provided but not defined: -bogus"},
		{[]string{"run", "--scenario", "nosuch"}, exitFail, "nosuch"},
		{[]string{"run", "--scenario", bad}, exitFail, "bad.toml:4:1: unknown key \"capcity\""},
		{[]string{"validate"}, exitUsage, "name at least one scenario file"},
		{[]string{"validate", bad}, exitFail, "did you mean \"capacity\""},
		{[]string{"scenarios", "x"}, exitUsage, "unexpected argument"},
	} {
		code, _, errs := runCLI(c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", c.args, code, errs, c.code, c.want)
		}
		if strings.Contains(errs, "panic") || strings.Contains(errs, "goroutine") {
			t.Errorf("%v: stack trace on stderr:\n%s", c.args, errs)
		}
	}
}

func TestValidateAndScenarios(t *testing.T) {
	code, out, errs := runCLI("validate", filepath.Join("..", "..", "scenarios", "globomantics.toml"))
	// Its test team is overloaded on purpose: a warning, not a failure.
	if code != exitOK || !strings.Contains(out, "ok") || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, `warning: stage "qa" is offered`) {
		t.Fatalf("validate default: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = runCLI("scenarios")
	if code != exitOK || !strings.Contains(out, "globomantics") {
		t.Fatalf("scenarios: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI("help")
	if code != exitOK || !strings.Contains(out, "globosim run") {
		t.Fatalf("help: exit %d", code)
	}
	// A list that cannot be written (a closed pipe, a full disk) is one line and a failure.
	var errb bytes.Buffer
	code = cli([]string{"scenarios"}, failingWriter{}, &errb)
	if code != exitFail || errb.String() != "globosim scenarios: cannot write the list: disk full\n" {
		t.Errorf("scenarios to a failing writer: exit %d, stderr %q", code, errb.String())
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// Without a terminal the game says to use run, instead of hanging.
func TestPlayWithoutATerminal(t *testing.T) {
	code, _, errs := runCLI("play")
	if code != exitFail || !strings.Contains(errs, "globosim run") || !strings.Contains(errs, "not one") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	code, _, errs = runCLI()
	if code != exitFail || !strings.Contains(errs, "globosim run") {
		t.Fatalf("no arguments: exit %d, stderr %q", code, errs)
	}
}

// Flags may follow the scenario, as the usage and error messages show.
func TestBalanceFlagsAfterTheScenario(t *testing.T) {
	code, out, errs := runCLI("balance", "--runs", "3", "tutorial", "--plan", "tutorial-lessons")
	if code != exitOK || !strings.Contains(out, "3 runs per strategy") || !strings.Contains(out, "Follow the lessons") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
}

// globosim version and --version print the version the build says, the
// one exported results carry.
func TestVersion(t *testing.T) {
	for _, arg := range []string{"version", "--version"} {
		code, out, errs := runCLI(arg)
		if code != exitOK || errs != "" || out != "globosim "+version.String()+"\n" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", arg, code, out, errs)
		}
	}
	if code, out, _ := runCLI("help"); code != exitOK || !strings.Contains(out, "globosim version") {
		t.Errorf("the help does not list version:\n%s", out)
	}
}
