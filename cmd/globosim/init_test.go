package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/balance"
	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/scenarios"
)

func starter(t *testing.T) string {
	t.Helper()
	src, err := fs.ReadFile(scenarios.Templates, starterTemplate)
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// The written scenario loads, validates and plays to the end.
func TestScenarioInit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "acme.toml")
	code, out, errs := runCLI("scenario", "init", path)
	if code != exitOK || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{"globosim validate " + path, "globosim play --scenario " + path,
		"globosim balance --plan " + strings.TrimSuffix(path, ".toml") + "-devops.toml " + path} {
		if !strings.Contains(out, want) {
			t.Errorf("the next steps do not say %q:\n%s", want, out)
		}
	}
	if b, _ := os.ReadFile(path); string(b) != starter(t) {
		t.Fatal("the file written is not the template")
	}

	sc, err := scenario.Load(path)
	if err != nil {
		t.Fatalf("scenario.Load: %v", err)
	}
	g := sim.NewGame(sc, sc.Seed, 0)
	g.Play(nil)
	if out, over := g.Over(); !over || out.Reason == "" {
		t.Fatalf("the game did not end: week %d of %d", g.Week(), g.Weeks())
	}

	code, out, errs = runCLI("validate", path)
	if code != exitOK || !strings.Contains(out, path+": ok") || errs != "" {
		t.Fatalf("validate: exit %d\n%s%s", code, out, errs)
	}
}

func TestScenarioInitRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mine.toml")
	os.WriteFile(path, []byte("name = \"mine\"\n"), 0o644)

	code, out, errs := runCLI("scenario", "init", path)
	want := "globosim scenario init: " + path + " already exists; choose another name, or add --force to overwrite it\n"
	if code != exitFail || out != "" || errs != want {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if b, _ := os.ReadFile(path); string(b) != "name = \"mine\"\n" {
		t.Fatal("the file was changed")
	}
	if code, _, errs := runCLI("scenario", "init", path, "--force"); code != exitOK || errs != "" {
		t.Fatalf("--force: exit %d, %q", code, errs)
	}
	if b, _ := os.ReadFile(path); string(b) != starter(t) {
		t.Fatal("--force did not overwrite the file")
	}
	if code, _, errs := runCLI("scenario", "init", dir); code != exitFail || !strings.Contains(errs, "is a folder") {
		t.Errorf("a folder: exit %d, %q", code, errs)
	}
	if code, _, errs := runCLI("scenario", "init", filepath.Join(dir, "no", "such", "x.toml")); code != exitFail || !strings.Contains(errs, "cannot write") {
		t.Errorf("no such folder: exit %d, %q", code, errs)
	}
}

func TestScenarioUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"scenario"}, "globosim scenario init FILE"},
		{[]string{"scenario", "make"}, `unknown subcommand "make"`},
		{[]string{"scenario", "init"}, "name one file to write"},
		{[]string{"scenario", "init", "a.toml", "b.toml"}, "name one file to write"},
		{[]string{"scenario", "init", "--bogus", "a.toml"}, "flag provided but not defined: -bogus"},
	} {
		code, _, errs := runCLI(c.args...)
		if code != exitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want exit 2 and %q", c.args, code, errs, c.want)
		}
	}
}

// Every key of the formats appears in the template, commented out or not,
// in its own table, so the template cannot fall behind the format: a key
// added to scenario.Schema fails here until the template shows it.
func TestStarterHasEveryKey(t *testing.T) {
	text := starter(t)
	// Table headers, commented out or not: "[company]", "# [[lesson]]".
	header := regexp.MustCompile(`(?m)^(?:# ?)?(\[\[?[a-z_.]+\]\]?)[ \t]*(?:#.*)?$`)
	heads := header.FindAllStringSubmatchIndex(text, -1)
	blocks := func(name string) []string { // the text under each header name
		var out []string
		for i, h := range heads {
			end := len(text)
			if i+1 < len(heads) {
				end = heads[i+1][0]
			}
			if text[h[2]:h[3]] == name {
				out = append(out, text[h[1]:end])
			}
		}
		return out
	}
	hasKey := func(in []string, key string) bool {
		re := regexp.MustCompile(`(?m)(?:^|[^\w.])` + regexp.QuoteMeta(key) + `\s*=`)
		for _, s := range in {
			if re.MatchString(s) {
				return true
			}
		}
		return false
	}
	for _, s := range scenario.Schema() {
		for _, key := range s.Keys {
			var ok bool
			isTable := len(blocks("["+key+"]"))+len(blocks("[["+key+"]]")) > 0 ||
				len(blocks(strings.TrimSuffix(s.Name, "]]")+"."+key+"]]")) > 0 // [[event.choice]]
			switch {
			case s.Name == "top level":
				ok = isTable || hasKey([]string{text[:heads[0][0]]}, key)
			case s.Name == "plan file":
				ok = isTable || hasKey([]string{text}, key)
			case strings.HasPrefix(s.Name, "["):
				ok = isTable || hasKey(blocks(s.Name), key)
			default: // inline tables: anywhere
				ok = hasKey([]string{text}, key)
			}
			if !ok {
				t.Errorf("%s: the template has no %q (add it, commented out with its default if the starter does not use it)", s.Name, key)
			}
		}
	}
}

// Every optional key shown commented out still validates once its "# " is
// removed, so the defaults the template shows are real.
func TestStarterCommentedKeysWork(t *testing.T) {
	text := starter(t)
	game, _, _ := strings.Cut(text, "# --- A tutorial")
	lines := strings.Split(game, "\n")
	n := 0
	for i, line := range lines {
		if !regexp.MustCompile(`^# [a-z_]+ = `).MatchString(line) {
			continue
		}
		n++
		edited := append([]string{}, lines...)
		edited[i] = strings.TrimPrefix(line, "# ")
		if _, err := scenario.Parse("starter.toml", []byte(strings.Join(edited, "\n"))); err != nil {
			t.Errorf("line %d uncommented: %v", i+1, err)
		}
	}
	if n < 5 {
		t.Errorf("only %d commented-out keys found", n)
	}
}

// uncomment returns the commented-out block that follows marker, up to the
// next "# ---" heading, with the "# " removed from each line.
func uncomment(t *testing.T, text, marker string) string {
	t.Helper()
	_, rest, ok := strings.Cut(text, marker)
	if !ok {
		t.Fatalf("no %q in the template", marker)
	}
	if i := strings.Index(rest, "\n# ---"); i >= 0 {
		rest = rest[:i]
	}
	var b strings.Builder
	for _, line := range strings.Split(rest, "\n") {
		if line == "#" || strings.HasPrefix(line, "# ") {
			b.WriteString(strings.TrimPrefix(strings.TrimPrefix(line, "#"), " ") + "\n")
		}
	}
	return b.String()
}

// The plan at the end of the template parses, and with it the scenario
// passes its balance checks: doing nothing loses, the plan wins, no
// investment wins alone, buying everything does not, the J-curve shows.
func TestStarterIsBalanced(t *testing.T) {
	text := starter(t)
	sc, err := scenario.Parse("starter.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	planText := uncomment(t, text, "# --- A plan to try")
	_, planText, _ = strings.Cut(planText, "\nname = ")
	plan, err := scenario.ParsePlan("acme-devops.toml", []byte("name = "+planText), sc)
	if err != nil {
		t.Fatalf("the plan in the template: %v", err)
	}
	rep := balance.Check(sc, []*sim.Plan{plan}, 40, 1)
	if len(rep.Warnings) > 0 {
		t.Errorf("the starter is not balanced:\n%s", rep.Format())
	}
}

// Once the format has lessons, the lesson shown in the template is one.
func TestStarterLessonWorks(t *testing.T) {
	hasLessons := false
	for _, s := range scenario.Schema() {
		hasLessons = hasLessons || s.Name == "[[lesson]]"
	}
	if !hasLessons {
		t.Skip("the scenario format has no lessons yet")
	}
	text := starter(t)
	lesson := uncomment(t, text, "# --- A tutorial")
	_, lesson, _ = strings.Cut(lesson, "\n[[lesson]]")
	game, _, _ := strings.Cut(text, "# --- A tutorial")
	if _, err := scenario.Parse("starter.toml", []byte(game+"[[lesson]]"+lesson)); err != nil {
		t.Errorf("the template's lesson, uncommented: %v", err)
	}
}
