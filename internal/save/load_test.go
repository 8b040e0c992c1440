package save

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
)

// Load either gives the saved game back, or says in one line, naming the
// file, why it cannot be continued: whatever is wrong with the file.
func TestLoad(t *testing.T) {
	file, src, g := played(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	if err := Write(good, New(file, src, g, "")); err != nil {
		t.Fatal(err)
	}
	f, h, err := Load(good)
	if err != nil || h.Now() != g.Now() || f.Week != g.Week() {
		t.Fatalf("a good save: %v", err)
	}
	if _, _, err := Load(filepath.Join(dir, "none.json")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a missing save: %v", err)
	}

	data, _ := os.ReadFile(good)
	edit := func(change func(f *File)) []byte {
		var f File
		if err := json.Unmarshal(data, &f); err != nil {
			t.Fatal(err)
		}
		change(&f)
		b, _ := json.Marshal(&f)
		return b
	}
	_, startup, err := scenario.Source("startup")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"corrupt", data[:len(data)/3], "not a globosim save, or a damaged one"},
		{"drifted", edit(func(f *File) { f.State.Cash++ }), "this save was made with a different version of the game, or edited: the replay reaches week 7"},
		{"other scenario", edit(func(f *File) { f.Source = string(startup) }), "this save was made with a different version of the game, or edited"},
		// A scenario with several problems is one line: the first, and a count.
		{"scenario no longer loads", edit(func(f *File) { f.Source = "name = 3\nweeks = \"x\"\n[[stage]]\nid = 1\n" }),
			"the scenario in this save no longer loads, so it was made with a different version of the game: " + file + ":1:1: name must be text in quotes, not the number 3 (and 5 more problems)"},
		// An edited decision text of 100 KB, with escape sequences, is not
		// echoed whole or raw.
		{"hostile text", edit(func(f *File) { f.Decisions[0].Text = "\x1b[2J" + strings.Repeat("x", 100000) }), `\x1b`},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "save.json")
			if err := os.WriteFile(path, c.data, 0o600); err != nil {
				t.Fatal(err)
			}
			_, g, err := Load(path)
			if err == nil || g != nil {
				t.Fatalf("no error, want %q", c.want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, path+": ") || !strings.Contains(msg, c.want) {
				t.Errorf("got  %s\nwant %s: …%s…", msg, path, c.want)
			}
			if strings.ContainsAny(msg, "\n\x1b") || len(msg) > len(path)+2+4*maxReason {
				t.Errorf("not one short plain line (%d bytes): %q", len(msg), msg)
			}
		})
	}
}
