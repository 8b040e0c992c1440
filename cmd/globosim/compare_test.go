package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/version"
)

// exportRoom writes players' results as `globosim run` exports them, each
// file named after its player, and returns the paths.
func exportRoom(t *testing.T, dir string, players map[string][]string) map[string]string {
	t.Helper()
	paths := map[string]string{}
	for name, args := range players {
		path := filepath.Join(dir, name+".json")
		base := []string{"run", "--weeks", "13", "--format", "json", "--out", path}
		if code, _, errs := runCLI(append(base, args...)...); code != exitOK {
			t.Fatalf("%s: exit %d: %s", name, code, errs)
		}
		paths[name] = path
	}
	return paths
}

func TestCompare(t *testing.T) {
	dir := t.TempDir()
	p := exportRoom(t, dir, map[string][]string{
		"ana":  {"--plan", "globomantics-devops"},
		"ben":  {"--plan", "globomantics-hire"},
		"cleo": {"--plan", "globomantics-none"},
	})

	code, out, errs := runCLI("compare", p["cleo"], p["ana"], p["ben"])
	if code != exitOK || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{"Globomantics, seed 1: 3 players", "lead time for changes", "decisions"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if !strings.Contains(out, "\n1  ") {
		t.Errorf("no first place in\n%s", out)
	}

	// Flags may follow the files, as a shell glob makes people type them.
	code, md, errs := runCLI("compare", p["ana"], p["ben"], p["cleo"], "--format", "markdown")
	if code != exitOK || !strings.Contains(md, "## Leaderboard") || !strings.Contains(md, "## What to discuss") {
		t.Fatalf("markdown: exit %d, %s\n%s", code, errs, md)
	}

	// A folder is every .json file in it.
	code, js, errs := runCLI("compare", "--format", "json", dir)
	var lb struct {
		Scenario  string
		Standings []struct {
			Rank   int
			Player string
			Score  int
		}
	}
	if code != exitOK || json.Unmarshal([]byte(js), &lb) != nil || len(lb.Standings) != 3 {
		t.Fatalf("json of a folder: exit %d, %s\n%s", code, errs, js)
	}
	for i, s := range lb.Standings {
		if i > 0 && s.Score > lb.Standings[i-1].Score {
			t.Errorf("not ranked by score: %+v", lb.Standings)
		}
	}
}

// Different worlds are refused, naming who differs, unless --force.
func TestCompareDifferentWorlds(t *testing.T) {
	p := exportRoom(t, t.TempDir(), map[string][]string{
		"ana":  {"--plan", "globomantics-devops"},
		"ben":  {"--plan", "globomantics-none"},
		"cleo": {"--plan", "globomantics-none", "--seed", "7"},
	})
	code, out, errs := runCLI("compare", p["ana"], p["ben"], p["cleo"])
	want := `globosim compare: not the same world: ana, ben played "Globomantics" with seed 1, but cleo played seed 7; their scores are not comparable (--force compares them anyway)` + "\n"
	if code != exitFail || out != "" || errs != want {
		t.Fatalf("exit %d, stdout %q\nstderr %q\nwant   %q", code, out, errs, want)
	}
	code, out, errs = runCLI("compare", "--force", p["ana"], p["ben"], p["cleo"])
	if code != exitOK || !strings.Contains(errs, "warning: not the same world") || !strings.Contains(out, "Warning: not the same world") {
		t.Fatalf("--force: exit %d\nstderr %q\n%s", code, errs, out)
	}
}

// Results from another scenario text (a changed file with the same name
// and seed) or another globosim are refused, naming who differs, unless
// --force; a file from before globosim recorded them is compared, with one
// note saying it was not checked.
func TestCompareDifferentOrigin(t *testing.T) {
	dir := t.TempDir()
	_, src, err := scenario.Source("globomantics")
	if err != nil {
		t.Fatal(err)
	}
	changed := filepath.Join(dir, "globomantics.toml")
	if err := os.WriteFile(changed, append([]byte("# changed by the facilitator\n"), src...), 0o644); err != nil {
		t.Fatal(err)
	}
	p := exportRoom(t, dir, map[string][]string{
		"ana":  {"--plan", "globomantics-devops"},
		"ben":  {"--plan", "globomantics-none"},
		"cleo": {"--plan", "globomantics-none", "--scenario", changed},
	})
	for name, path := range p {
		var r struct {
			Version string `json:"globosim_version"`
			SHA     string `json:"scenario_sha256"`
		}
		data, _ := os.ReadFile(path)
		if json.Unmarshal(data, &r) != nil || r.Version != version.String() || len(r.SHA) != 64 {
			t.Fatalf("%s's file says globosim %q, scenario %q", name, r.Version, r.SHA)
		}
	}
	sum := sha256.Sum256(src)
	short := hex.EncodeToString(sum[:])[:11] + "…"
	code, out, errs := runCLI("compare", p["ana"], p["ben"], p["cleo"])
	if code != exitFail || out != "" || !strings.Contains(errs, "not the same scenario text: ana and ben played scenario text "+short+", but cleo played scenario text ") ||
		!strings.Contains(errs, "(--force compares them anyway)") || strings.Count(errs, "\n") != 1 {
		t.Fatalf("another scenario text: exit %d, stdout %q\nstderr %q", code, out, errs)
	}
	code, out, errs = runCLI("compare", "--force", p["ana"], p["ben"], p["cleo"])
	if code != exitOK || !strings.Contains(errs, "warning: not the same scenario text") || !strings.Contains(out, "3 players") {
		t.Fatalf("--force: exit %d\nstderr %q\n%s", code, errs, out)
	}

	// Another globosim made ben's file.
	data, _ := os.ReadFile(p["ben"])
	other := strings.Replace(string(data), `"globosim_version": "`+version.String()+`"`, `"globosim_version": "v9.9.9"`, 1)
	if err := os.WriteFile(p["ben"], []byte(other), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runCLI("compare", p["ana"], p["ben"])
	if want := "globosim compare: not the same globosim: ana used globosim " + version.String() + ", but ben used globosim v9.9.9; the same decisions may not give the same game (--force compares them anyway)\n"; code != exitFail || out != "" || errs != want {
		t.Fatalf("another globosim: exit %d, stdout %q\nstderr %q\nwant   %q", code, out, errs, want)
	}
	if code, out, errs = runCLI("compare", "--force", p["ana"], p["ben"]); code != exitOK || !strings.Contains(errs, "warning: not the same globosim") || out == "" {
		t.Fatalf("--force: exit %d\nstderr %q\n%s", code, errs, out)
	}

	// A file exported before: compared, with a note.
	old, err := os.ReadFile(filepath.Join("..", "..", "internal", "report", "testdata", "old-globomantics-devops.json"))
	if err != nil {
		t.Fatal(err)
	}
	olga := filepath.Join(dir, "olga.json")
	if err := os.WriteFile(olga, old, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runCLI("compare", p["ana"], olga)
	if want := "globosim compare: note: olga's file does not say which globosim made it, or from which scenario text (it is older than that), so that was not checked\n"; code != exitOK || errs != want || !strings.Contains(out, "olga") {
		t.Fatalf("an old file: exit %d\nstderr %q\nwant   %q\n%s", code, errs, want, out)
	}
}

// Every bad file gets one line naming it; nothing is compared.
func TestCompareBadFiles(t *testing.T) {
	dir := t.TempDir()
	good := exportRoom(t, dir, map[string][]string{"ana": nil})["ana"]
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	notJSON := write("notes.json", "ana: 610 points\n")
	notResult := write("plan.json", `{"name": "DevOps"}`)
	runs := filepath.Join(dir, "runs.json")
	runCLI("run", "--weeks", "2", "--runs", "3", "--format", "json", "--out", runs)
	missing := filepath.Join(dir, "nobody.json")

	code, out, errs := runCLI("compare", good, notJSON, notResult, runs, missing)
	if code != exitFail || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	want := []string{
		notJSON + ": not JSON: line 1, column 1: invalid character 'a'",
		notResult + `: not a globosim result: it has no "scenario"`,
		runs + ": a summary of 3 runs (globosim run --runs), not one player's game",
		missing + ": no such file",
	}
	if len(lines) != len(want) {
		t.Fatalf("%d lines on stderr, want %d:\n%s", len(lines), len(want), errs)
	}
	for i := range want {
		if !strings.HasPrefix(lines[i], want[i]) {
			t.Errorf("line %d: %q\nwant it to start %q", i+1, lines[i], want[i])
		}
	}

	empty := t.TempDir()
	if code, _, errs := runCLI("compare", empty); code != exitFail || !strings.Contains(errs, "no .json files") {
		t.Errorf("an empty folder: exit %d, %q", code, errs)
	}
}

// Files exported by the game all have the same name; players are told
// apart by their folders.
func TestCompareSameFileNames(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for _, name := range []string{"ana", "ben"} {
		os.Mkdir(filepath.Join(dir, name), 0o755)
		paths = append(paths, exportRoom(t, filepath.Join(dir, name), map[string][]string{"globosim-globomantics-seed1": nil})["globosim-globomantics-seed1"])
	}
	code, out, errs := runCLI(append([]string{"compare"}, append(paths, paths[0])...)...)
	if code != exitOK || errs != "" {
		t.Fatalf("exit %d, %s", code, errs)
	}
	if !strings.Contains(out, "ana/globosim-globomantics-seed1") || !strings.Contains(out, "ben/globosim-globomantics-seed1") || !strings.Contains(out, ": 2 players") {
		t.Errorf("players not told apart, or one counted twice:\n%s", out)
	}
}

func TestCompareUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"compare"}, "name the players' exported results"},
		{[]string{"compare", "--format", "csv", "a.json"}, "--format must be one of text, markdown, json"},
		{[]string{"compare", "a.json", "--bogus"}, "flag provided but not defined: -bogus"},
	} {
		code, _, errs := runCLI(c.args...)
		if code != exitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want exit 2 and %q", c.args, code, errs, c.want)
		}
	}
	// After "--" everything is a file, even one whose name starts with "-".
	if code, _, errs := runCLI("compare", "--", "--format"); code != exitFail || !strings.Contains(errs, "--format: no such file") {
		t.Errorf("after --: exit %d, %q", code, errs)
	}
}
