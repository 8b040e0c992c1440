package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/save"
	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// play --resume with a save that cannot be continued says so in one line,
// naming the file, and exits 1 before the game screen would open (these
// tests have no terminal: a save that passes reaches the terminal check).
func TestPlayResumeRefusesAnUnusableSave(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(save.DataDirEnv, dir)
	path := filepath.Join(dir, "save.json")
	file, src, err := scenario.Source("globomantics")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Parse(file, src)
	if err != nil {
		t.Fatal(err)
	}
	g := sim.NewGame(sc, 1, 0)
	g.RunUntil(2 * sc.Week())
	if err := save.Write(path, save.New(file, src, g, "")); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(path)
	_, startup, _ := scenario.Source("startup")
	other := save.New(file, startup, g, "") // the game of one scenario, the text of another
	otherData, _ := json.Marshal(other)

	for _, c := range []struct {
		name string
		data []byte // nil: no file
		want string
	}{
		{"no save", nil, "globosim play: there is no saved game to resume; start one with globosim play"},
		{"corrupt", good[:40], "globosim play: cannot resume the saved game: " + path + ": not a globosim save, or a damaged one"},
		{"drifted", bytes.Replace(good, []byte(`"cash":`), []byte(`"cash":9`), 1),
			"globosim play: cannot resume the saved game: " + path + ": this save was made with a different version of the game, or edited: the replay reaches week 2"},
		{"other scenario", otherData,
			"globosim play: cannot resume the saved game: " + path + ": this save was made with a different version of the game, or edited"},
		{"not a save", []byte(strings.Repeat("x", 1<<20)), "globosim play: cannot resume the saved game: " + path + ": not a globosim save"},
		// A save that replays passes, and the game then wants a terminal.
		{"good", good, "globosim: the game needs a terminal to play in"},
	} {
		t.Run(c.name, func(t *testing.T) {
			os.Remove(path)
			if c.data != nil {
				if err := os.WriteFile(path, c.data, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			var stdout, stderr bytes.Buffer
			code := cli([]string{"play", "--resume"}, &stdout, &stderr)
			msg := stderr.String()
			if code != exitFail || !strings.HasPrefix(msg, c.want) || stdout.Len() != 0 {
				t.Fatalf("exit %d, stderr:\n%s\nwant exit 1 and %q", code, msg, c.want)
			}
			if c.name != "good" && strings.Count(msg, "\n") != 1 {
				t.Fatalf("not one line:\n%s", msg)
			}
		})
	}
}
