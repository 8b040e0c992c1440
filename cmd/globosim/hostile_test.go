package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// renamedScenario is the startup scenario with another name, written to a
// temporary file.
func renamedScenario(t *testing.T, name string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "startup.toml"))
	if err != nil {
		t.Fatal(err)
	}
	renamed := strings.Replace(string(src), `name = "Patchwork Pets"`, `name = "`+name+`"`, 1)
	if renamed == string(src) {
		t.Fatal("the startup scenario has no name line to replace")
	}
	path := filepath.Join(t.TempDir(), "renamed.toml")
	if err := os.WriteFile(path, []byte(renamed), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A scenario whose name would clear the screen and retitle the window is
// refused where it is read, in one line that shows the character escaped;
// one whose name is only markup runs, and its name prints as written.
func TestRunRefusesAScenarioThatAttacksTheTerminal(t *testing.T) {
	evil := renamedScenario(t, `\u001b[2J\u001b]0;pwned\u0007`)
	for _, cmd := range [][]string{{"run", "--scenario", evil, "--weeks", "4"}, {"validate", evil}} {
		code, out, errs := runCLI(cmd...)
		if code != exitFail {
			t.Errorf("%v: exit %d, want %d", cmd, code, exitFail)
		}
		if strings.ContainsAny(out+errs, "\x1b\x07") {
			t.Errorf("%v: a control character reached the output:\n%q", cmd, out+errs)
		}
		if !strings.Contains(errs, "control character U+001B") || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
			t.Errorf("%v: want one line naming U+001B, got %q", cmd, errs)
		}
	}

	markup := renamedScenario(t, "<script>alert(1)</script>")
	for _, args := range [][]string{
		{"--format", "text"},
		{"--format", "text", "--runs", "2"},
		{"--format", "csv"},
		{"--format", "json"},
	} {
		code, _, errs := runCLI(append([]string{"run", "--scenario", markup, "--weeks", "4"}, args...)...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
	}
	_, out, _ := runCLI("run", "--scenario", markup, "--weeks", "4")
	if !strings.HasPrefix(out, `<script>alert(1)</script>: seed`) {
		t.Errorf("the name is not shown as written: %q", strings.SplitN(out, "\n", 2)[0])
	}
}

// Forged exports: a name that clears the screen, a file named with an
// escape, a megabyte of name, a game of -3 weeks. What can be compared is,
// escaped; what cannot gets one short line, escaped too.
func TestCompareForgedFiles(t *testing.T) {
	dir := t.TempDir()
	good := exportRoom(t, dir, map[string][]string{"ana": nil, "ben": {"--plan", "globomantics-devops"}})
	data, err := os.ReadFile(good["ana"])
	if err != nil {
		t.Fatal(err)
	}
	forged := func(name, player string) string {
		path := filepath.Join(dir, name)
		doc := strings.Replace(string(data), "{", `{"player": "`+player+`",`, 1)
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	escName := forged("cleo.json", `\u001b[2J\u001b]0;pwned\u0007`)
	escFile := forged("\x1b[31mdan.json", "")

	code, out, errs := runCLI("compare", good["ana"], good["ben"], escName, escFile)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.ContainsAny(out+errs, "\x1b\x07") {
		t.Errorf("a control character reached the terminal:\n%q", out)
	}
	if !strings.Contains(out, `\x1b[2J\x1b]0;pwned\x07`) || !strings.Contains(out, `\x1b[31mdan`) {
		t.Errorf("the forged names are not shown escaped:\n%s", out)
	}
	_, md, _ := runCLI("compare", "--format", "markdown", good["ana"], escName, forged("eve.json", "<script>alert(1)</script>"))
	if strings.Contains(md, "<script") || strings.Contains(md, "\x1b") {
		t.Errorf("the Markdown carries markup or controls:\n%s", md)
	}

	huge := forged("\x1b[2Jhuge.json", strings.Repeat("A", 1<<20))
	weeks := filepath.Join(dir, "weeks.json")
	os.WriteFile(weeks, []byte(strings.Replace(string(data), `"weeks": 13`, `"weeks": -3`, 1)), 0o644)
	code, _, errs = runCLI("compare", good["ana"], huge, weeks)
	if code == exitOK {
		t.Fatal("forged files compared")
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 2 || strings.ContainsAny(errs, "\x1b") {
		t.Fatalf("want one escaped line per bad file, got:\n%q", errs)
	}
	for _, line := range lines {
		if len(line) > 300 {
			t.Errorf("a line of %d bytes: %.100q", len(line), line)
		}
	}
	if !strings.Contains(errs, "characters long") || !strings.Contains(errs, "weeks is -3") {
		t.Errorf("the errors do not say what is wrong:\n%s", errs)
	}
}
