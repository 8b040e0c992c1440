package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const (
	exploitScenario = "../../internal/balance/testdata/exploit.toml"
	exploitPlan     = "../../internal/balance/testdata/exploit-sound.toml" // its own sound plan: the tutorial's plans answer the tutorial's events
)

// balance --search finds the planted exploit, says so, shows its phases
// on stderr, and writes plans that `globosim run --plan` plays.
func TestBalanceSearch(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runCLI("balance", "--search", "--runs", "10", "--budget", "16", "--recheck", "20", "--seed", "3",
		"--plan", exploitPlan, exploitScenario, "--write-plans", dir)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "Warnings:") || !strings.Contains(out, "magic") {
		t.Errorf("the exploit is not reported:\n%s", out)
	}
	if n := strings.Count(errs, "search: "); n != 6 || strings.Contains(errs, "\r") || !strings.Contains(errs, "subsets of the sound plan") {
		t.Errorf("progress on stderr (not a terminal) %q, want 6 lines (with the sound plan's subsets)", errs)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.toml"))
	if len(files) < 3 {
		t.Fatalf("plans written: %v", files)
	}
	for _, f := range files {
		if code, o, e := runCLI("run", "--scenario", exploitScenario, "--plan", f, "--seed", "3"); code != exitOK {
			t.Errorf("%s: exit %d\n%s%s", f, code, o, e)
		}
	}
	simple, err := os.ReadFile(filepath.Join(dir, "search-simple-1.toml"))
	if err != nil || !strings.Contains(string(simple), `invest = "magic"`) {
		t.Errorf("search-simple-1.toml: %v\n%s", err, simple)
	}
}

// Without --write-plans the strongest plans are printed; --json is JSON.
func TestBalanceSearchPrintsPlansAndJSON(t *testing.T) {
	code, out, errs := runCLI("balance", "--search", "--runs", "5", "--budget", "16", "--recheck", "10", "--plan", exploitPlan, exploitScenario)
	if code != exitOK || !strings.Contains(out, "--- search-simple-1.toml") || !strings.Contains(out, "[[decision]]") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = runCLI("balance", "--search", "--runs", "5", "--budget", "16", "--recheck", "10", "--seed", "3", "--json", exploitScenario)
	var doc struct {
		Evaluated int `json:"evaluated"`
		Simple    []struct {
			WinRate float64 `json:"win_rate"`
		} `json:"simple"`
		Warnings []struct{ Kind string }
	}
	if code != exitOK || json.Unmarshal([]byte(out), &doc) != nil || doc.Evaluated != 16 || len(doc.Simple) == 0 || !slices.ContainsFunc(doc.Warnings, func(w struct{ Kind string }) bool { return w.Kind == "simple_wins" }) {
		t.Errorf("--json: exit %d, %+v\n%s%s", code, doc, out, errs)
	}
	code, out, _ = runCLI("balance", "--runs", "3", "--json", "tutorial")
	var check struct{ Targets []struct{ What string } }
	if code != exitOK || json.Unmarshal([]byte(out), &check) != nil || len(check.Targets) == 0 {
		t.Errorf("balance --json: exit %d\n%s", code, out)
	}
}

// Bad flags get one line.
func TestBalanceSearchFlags(t *testing.T) {
	for args, want := range map[string]string{
		"--search --budget 0 tutorial":     "--budget must be between 1 and",
		"--budget 5 tutorial":              "go with --search",
		"--write-plans /tmp/x tutorial":    "go with --search",
		"--recheck 5 tutorial":             "go with --search",
		"--search --recheck 0 tutorial":    "--recheck must be between",
		"--search --runs 0 tutorial":       "--runs must be between",
		"--search --budget 99999 tutorial": "--budget must be between",
	} {
		code, out, errs := runCLI(append([]string{"balance"}, strings.Fields(args)...)...)
		if code != exitUsage || out != "" || !strings.Contains(errs, want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}
