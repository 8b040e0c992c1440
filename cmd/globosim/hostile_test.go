package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// evilScenario is the startup scenario renamed to attack the terminal that
// prints it and the Markdown that shows it.
func evilScenario(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "startup.toml"))
	if err != nil {
		t.Fatal(err)
	}
	evil := strings.Replace(string(src), `name = "Patchwork Pets"`, `name = "\u001b[2J\u001b]0;pwned\u0007<script>alert(1)</script>"`, 1)
	if evil == string(src) {
		t.Fatal("the startup scenario has no name line to replace")
	}
	path := filepath.Join(t.TempDir(), "evil.toml")
	if err := os.WriteFile(path, []byte(evil), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunTextEscapesTheScenario(t *testing.T) {
	path := evilScenario(t)
	for _, args := range [][]string{
		{"--format", "text"},
		{"--format", "text", "--runs", "2"},
		{"--format", "csv"},
		{"--format", "json"},
	} {
		code, out, errs := runCLI(append([]string{"run", "--scenario", path, "--weeks", "4"}, args...)...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		if strings.ContainsAny(out+errs, "\x1b\x07") {
			t.Errorf("%v: a control character reached the output:\n%q", args, out)
		}
	}
	_, out, _ := runCLI("run", "--scenario", path, "--weeks", "4")
	if !strings.HasPrefix(out, `\x1b[2J\x1b]0;pwned\x07<script>alert(1)</script>: seed`) {
		t.Errorf("the name is not shown escaped: %q", strings.SplitN(out, "\n", 2)[0])
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
