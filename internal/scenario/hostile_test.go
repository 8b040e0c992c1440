package scenario

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/inputfile"
)

// Hostile files: what is not a file, files past the cap, and files under
// the cap built to make the checks slow. Each is refused with one line.

func TestLoadRefusesDevZero(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/zero")
	}
	_, err := Load("/dev/zero")
	if want := "/dev/zero: cannot read: a device, not a scenario file"; err == nil || err.Error() != want {
		t.Errorf("Load: %v, want %q", err, want)
	}
	sc, err := Parse("game.toml", []byte(planGame))
	if err != nil {
		t.Fatal(err)
	}
	_, err = LoadPlan("/dev/zero", sc)
	if want := "/dev/zero: cannot read: a device, not a plan file"; err == nil || err.Error() != want {
		t.Errorf("LoadPlan: %v, want %q", err, want)
	}
	if _, _, err := Source("/dev/zero"); err == nil || !strings.HasPrefix(err.Error(), "/dev/zero: cannot read: a device") {
		t.Errorf("Source: %v", err)
	}
}

// TestLoadRefusesFilesOverTheCap writes 50 MB of unknown keys (which took
// a minute and printed 2.5 million lines before the cap) and a file one
// byte over the cap: both are refused by their size, before a byte is
// parsed.
func TestLoadRefusesFilesOverTheCap(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.toml")
	line := []byte("unknown_key_that_is_not_in_the_format = 1\n")
	if err := os.WriteFile(huge, append([]byte(minimal), []byte(strings.Repeat(string(line), 50_000_000/len(line)))...), 0o600); err != nil {
		t.Fatal(err)
	}
	over := filepath.Join(dir, "over.toml")
	if err := os.WriteFile(over, append([]byte(minimal), make([]byte, inputfile.Scenario.Max+1-int64(len(minimal)))...), 0o600); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		huge: huge + ": cannot read: 47.7 MiB, larger than a scenario file can be (at most 1 MiB)",
		over: over + ": cannot read: 1048577 bytes, larger than a scenario file can be (at most 1 MiB)",
	} {
		if _, err := Load(path); err == nil || err.Error() != want {
			t.Errorf("Load: %v\nwant %q", err, want)
		}
	}
	// The cap holds for text that comes another way, such as a save's copy.
	src := make([]byte, inputfile.Scenario.Max+1)
	if _, err := Parse("saved.toml", src); err == nil || err.Error() != "saved.toml: cannot read: 1048577 bytes, larger than a scenario file can be (at most 1 MiB)" {
		t.Errorf("Parse: %v", err)
	}
	sc, _ := Parse("game.toml", []byte(planGame))
	if _, err := ParsePlan("plan.toml", src, sc); err == nil || !strings.Contains(err.Error(), "larger than a plan file can be") {
		t.Errorf("ParsePlan: %v", err)
	}
}

// TestParseRefusesTooManyEntries is text just under the cap that used to
// take seconds and print a line per key: unknown keys, a huge list, many
// tables, many inline tables. Each is one line at the first entry too many.
func TestParseRefusesTooManyEntries(t *testing.T) {
	fill := func(head, unit, tail string) string {
		n := (int(inputfile.Scenario.Max) - len(head) - len(tail)) / len(unit)
		return head + strings.Repeat(unit, n) + tail
	}
	var keys strings.Builder
	keys.WriteString(minimal)
	for i := 0; keys.Len() < int(inputfile.Scenario.Max)-20; i++ {
		fmt.Fprintf(&keys, "k%d = 1\n", i)
	}
	for name, src := range map[string]string{
		"unknown keys":  keys.String(),
		"a huge list":   fill("name = \"x\"\nroute = [", "1,", "]\n"),
		"many tables":   fill("name = \"x\"\n", "[[stage]]\n", ""),
		"inline tables": fill("x = [", "{a=1},", "]\n"),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("big.toml", []byte(src))
			var ds Diagnostics
			if !errors.As(err, &ds) || len(ds) != 1 ||
				!strings.HasSuffix(ds[0].Msg, "the file has more than 10000 keys, tables and list elements; a scenario file never needs more than a few hundred") {
				t.Errorf("got %.300v", err)
			}
		})
	}
}

// TestDiagnosticsCapped is a file with 60 problems: the first 50 in file
// order, then a line that counts the rest.
func TestDiagnosticsCapped(t *testing.T) {
	var src strings.Builder
	src.WriteString(minimal)
	for i := range 60 {
		fmt.Fprintf(&src, "colour%d = 1\n", i)
	}
	_, err := Parse("test.toml", []byte(src.String()))
	lines := strings.Split(fmt.Sprint(err), "\n")
	if len(lines) != MaxShown+1 || lines[MaxShown] != "and 10 more problems" {
		t.Fatalf("%d lines, the last %q", len(lines), lines[len(lines)-1])
	}
	if want := `test.toml:11:1: unknown key "colour0" in [[stage]] "dev"`; !strings.HasPrefix(lines[0], want) {
		t.Errorf("first line %q, want it to start %q", lines[0], want)
	}
	if want := `test.toml:60:1: unknown key "colour49"`; !strings.HasPrefix(lines[MaxShown-1], want) {
		t.Errorf("line 50 %q, want it to start %q", lines[MaxShown-1], want)
	}
	// One more than the cap is printed, not counted.
	var ds Diagnostics
	for i := range MaxShown + 1 {
		ds = append(ds, Diagnostic{File: "f", Line: i + 1, Msg: "m"})
	}
	if n := strings.Count(ds.Error(), "\n") + 1; n != MaxShown+1 || strings.Contains(ds.Error(), "more problems") {
		t.Errorf("51 problems print as %d lines", n)
	}
}
