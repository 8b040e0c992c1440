package save

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// played is a few weeks of the default scenario with decisions taken at
// the start of weeks and in the middle of them.
func played(t testing.TB) (string, []byte, *sim.Game) {
	t.Helper()
	file, src, err := scenario.Source("globomantics")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Parse(file, src)
	if err != nil {
		t.Fatal(err)
	}
	g := sim.NewGame(sc, 7, 0)
	day := sc.Day()
	steps := []struct {
		at sim.Time
		d  sim.Decision
	}{
		{0, sim.Decision{Kind: sim.Invest, Investment: "monitoring"}},
		{0, sim.Decision{Kind: sim.Invest, Investment: "ci"}},
		{sc.Week() + 2*day + 137, sim.Decision{Kind: sim.Invest, Investment: "mvp"}},
		{2 * sc.Week(), sim.Decision{Kind: sim.SetWIPLimit, Stage: "qa", N: 8}},
		{3*sc.Week() + 3*day + 5, sim.Decision{Kind: sim.SetReleaseCadence, Every: 3 * sc.Week()}},
		{4*sc.Week() + day, sim.Decision{Kind: sim.Hire, Stage: "dev", N: 1}},
		{5*sc.Week() + 4*day + 59, sim.Decision{Kind: sim.SetSlicing, N: 3}},
	}
	for _, s := range steps {
		g.RunUntil(s.at)
		if err := g.Apply(s.d); err != nil {
			t.Fatalf("%v: %v", s.d, err)
		}
	}
	g.RunUntil(7 * sc.Week())
	return file, src, g
}

func TestRoundTrip(t *testing.T) {
	file, src, g := played(t)
	path := filepath.Join(t.TempDir(), "deeper", "save.json")
	if err := Write(path, New(file, src, g, "ada")); err != nil {
		t.Fatal(err)
	}
	f, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if f.Player != "ada" || f.Scenario != g.Scenario().Name || f.Week != 7 || len(f.Decisions) != 7 {
		t.Errorf("read back %+v", f)
	}
	h, err := f.Game()
	if err != nil {
		t.Fatal(err)
	}
	if h.Week() != g.Week() || h.Cash() != g.Cash() || h.Now() != g.Now() {
		t.Errorf("rebuilt: week %d, cash %d, minute %d; saved: week %d, cash %d, minute %d",
			h.Week(), h.Cash(), h.Now(), g.Week(), g.Cash(), g.Now())
	}
	if !reflect.DeepEqual(h.Log(), g.Log()) {
		t.Errorf("log:\n got %+v\nwant %+v", h.Log(), g.Log())
	}
	if !reflect.DeepEqual(h.Result(), g.Result()) {
		t.Errorf("the rebuilt game's result differs from the saved game's")
	}

	// Both go on to the same end.
	g.Play(nil)
	h.Play(nil)
	if !reflect.DeepEqual(h.Result(), g.Result()) {
		t.Errorf("the rebuilt game ends differently")
	}
}

func TestSaveOfFinishedGame(t *testing.T) {
	file, src, g := played(t)
	g.Play(nil)
	h, err := New(file, src, g, "").Game()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(h.Result(), g.Result()) {
		t.Errorf("the rebuilt finished game differs")
	}
}

// Every kind of decision is written by its name and read back; a name
// that is no kind, or none, is refused, saying which decision.
func TestDecisionKinds(t *testing.T) {
	for k := sim.Invest; k <= sim.Respond; k++ {
		var f File
		data := fmt.Sprintf(`{"version":1,"decisions":[{"week":1,"kind":%q,"text":""}]}`, k)
		if err := json.Unmarshal([]byte(data), &f); err != nil || len(f.Decisions) != 1 || f.Decisions[0].Decision.Kind != k {
			t.Errorf("kind %q read back as %+v, %v", k, f.Decisions, err)
		}
	}
	for data, want := range map[string]string{
		`{"version":1,"source":"x","weeks":1,"decisions":[{"kind":"hire"},{"kind":"buy"}]}`: `a damaged save: decision 2: "buy" is not a kind of decision (invest, wip_limit, release_every, hire, slicing, improvement, respond)`,
		`{"version":1,"source":"x","weeks":1,"decisions":[{"kind":"hire"},{"text":"?"}]}`:   "a damaged save: decision 2 has no kind",
	} {
		if _, err := decode([]byte(data)); err == nil || err.Error() != want {
			t.Errorf("got %v, want %s", err, want)
		}
	}
}

func TestWriteIsAtomic(t *testing.T) {
	file, src, g := played(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "save.json")
	if err := Write(path, New(file, src, g, "first")); err != nil {
		t.Fatal(err)
	}
	if names := dirNames(t, dir); !reflect.DeepEqual(names, []string{"save.json"}) {
		t.Errorf("after Write the directory holds %v", names)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("the save is %v, want readable by its owner only", info.Mode().Perm())
	}
	// A write that fails at the last step leaves the old save whole:
	// atomicfile's TestFailedWriteLeavesTheOldFile, the writer saves use.
}

func TestWriteIntoReadOnlyDir(t *testing.T) {
	file, src, g := played(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "save.json")
	if err := Write(path, New(file, src, g, "first")); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	if f, err := os.Create(filepath.Join(dir, "probe")); err == nil {
		f.Close()
		os.Remove(f.Name())
		t.Skip("the directory is still writable (running as root?)")
	}
	if err := Write(path, New(file, src, g, "second")); err == nil {
		t.Error("Write into a read-only directory succeeded")
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Errorf("a failed write changed the save")
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestReadMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "save.json")
	_, err := Read(path)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("got %v, want fs.ErrNotExist", err)
	}
	if !strings.HasPrefix(err.Error(), path+": ") {
		t.Errorf("%q does not name the path", err)
	}
}

// A save that is damaged, of another version or edited is one error that
// names the file and says what is wrong.
func TestReadProblems(t *testing.T) {
	file, src, g := played(t)
	good, err := json.MarshalIndent(New(file, src, g, ""), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	edit := func(change func(m map[string]any)) []byte {
		var m map[string]any
		if err := json.Unmarshal(good, &m); err != nil {
			t.Fatal(err)
		}
		change(m)
		b, _ := json.Marshal(m)
		return b
	}
	decision := func(m map[string]any, i int) map[string]any {
		return m["decisions"].([]any)[i].(map[string]any)
	}
	for _, c := range []struct {
		name string
		data []byte
		want string // in Read's error, or else Game's
	}{
		{"empty", nil, "not a globosim save, or a damaged one: line 1: unexpected end of JSON input"},
		{"truncated", good[:len(good)/2], "not a globosim save, or a damaged one: line 5: unexpected end of JSON input"},
		{"not json", []byte("{\n\"version\": 1,\n oops\n}"), "line 3: invalid character 'o'"},
		{"not a save", []byte(`{"name": "x"}`), "not a globosim save: it has no version"},
		{"newer", edit(func(m map[string]any) { m["version"] = 2 }), "saved in format version 2; this globosim reads version 1"},
		{"wrong type", edit(func(m map[string]any) { m["seed"] = "seven" }), "a damaged save: line 1: json: cannot unmarshal string into Go struct field File.seed of type uint64"},
		{"unknown field", edit(func(m map[string]any) { m["cheat"] = true }), `a damaged save: json: unknown field "cheat"`},
		{"no scenario", edit(func(m map[string]any) { m["source"] = "" }), "a damaged save: no scenario text"},
		{"unknown kind", edit(func(m map[string]any) { decision(m, 1)["kind"] = "buy" }), `decision 2: "buy" is not a kind of decision`},
		{"no kind", edit(func(m map[string]any) { delete(decision(m, 1), "kind") }), "a damaged save: decision 2 has no kind"},
		{"scenario edited", edit(func(m map[string]any) { m["source"] = "name = 3" }), "the scenario in this save no longer loads"},
		{"horizon", edit(func(m map[string]any) { m["weeks"] = 1e6 }), "the save's horizon of 1000000 weeks is not between 1 and 1000"},
		{"beyond the end", edit(func(m map[string]any) { m["at_minute"] = 1e12 }), "the save is at minute 1000000000000, outside a game of 52 weeks"},
		{"decision after the save", edit(func(m map[string]any) { decision(m, 6)["at_minute"] = 1e6 }), "decision 7 (\"New features are cut into 3 slices; the first one ships and teaches whether the rest is worth building.\") was taken at minute 1000000, after the save's minute 16800"},
		{"refused decision", edit(func(m map[string]any) { decision(m, 1)["investment"] = "gold" }),
			`this save was made with a different version of the game, or edited: its decisions no longer replay (week 1: Started Build automation (CI)`},
		{"out of order", edit(func(m map[string]any) { decision(m, 3)["at_minute"] = 1 }), "its decisions no longer replay (the decision log is out of order at week 3)"},
		{"different outcome", edit(func(m map[string]any) { decision(m, 0)["text"] = "Bought everything." }),
			`week 1: the save says "Bought everything.", the replay "Started Monitoring`},
		{"moved to another week", edit(func(m map[string]any) { decision(m, 5)["at_minute"] = 5*2400 + 60 }), `week 5: the save says "Hired`},
		{"moved in its week", edit(func(m map[string]any) { decision(m, 4)["at_minute"] = 3*2400 + 1 }), "the replay reaches week 7 with"},
		{"other state", edit(func(m map[string]any) { m["state"].(map[string]any)["cash"] = 1e9 }), "the save says $1,000,000,000"},
		{"other week", edit(func(m map[string]any) { m["week"] = 9 }), "the replay stopped in week 7 (minute 16800), the save is of week 9 (minute 16800)"},
		{"other seed", edit(func(m map[string]any) { m["seed"] = 8 }), "this save was made with a different version of the game, or edited"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "save.json")
			if err := os.WriteFile(path, c.data, 0o600); err != nil {
				t.Fatal(err)
			}
			f, err := Read(path)
			if err == nil {
				_, err = f.Game()
			} else if !strings.HasPrefix(err.Error(), path+": ") {
				t.Errorf("%q does not start with the path", err)
			}
			if err == nil {
				t.Fatalf("no error, want %q", c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("got  %v\nwant %s", err, c.want)
			}
		})
	}
}

func TestDataDir(t *testing.T) {
	home := func() (string, error) { return "/home/ada", nil }
	config := func() (string, error) { return "/Users/ada/Library/Application Support", nil }
	noHome := func() (string, error) { return "", errors.New("$HOME is not defined") }
	env := func(vars ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(vars); i += 2 {
				if vars[i] == k {
					return vars[i+1]
				}
			}
			return ""
		}
	}
	for _, c := range []struct {
		goos  string
		env   func(string) string
		home  func() (string, error)
		want  string
		error string
	}{
		{"linux", env(), home, "/home/ada/.local/share/globosim", ""},
		{"freebsd", env(), home, "/home/ada/.local/share/globosim", ""},
		{"linux", env("XDG_DATA_HOME", "/data"), home, "/data/globosim", ""},
		{"linux", env("XDG_DATA_HOME", "relative"), home, "/home/ada/.local/share/globosim", ""},
		{"linux", env("XDG_DATA_HOME", "/data", DataDirEnv, "/srv/room"), home, "/srv/room", ""},
		{"darwin", env(), home, "/Users/ada/Library/Application Support/globosim", ""},
		{"darwin", env(DataDirEnv, "/tmp/x"), home, "/tmp/x", ""},
		{"linux", env(), noHome, "", "cannot find a directory to save the game in: $HOME is not defined; set GLOBOSIM_DATA_DIR"},
	} {
		got, err := dataDir(c.goos, c.env, c.home, config)
		if got != filepath.FromSlash(c.want) || (err == nil) != (c.error == "") || err != nil && err.Error() != c.error {
			t.Errorf("%s: got %q, %v; want %q, %q", c.goos, got, err, c.want, c.error)
		}
	}
}

func TestDefaultPath(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(DataDirEnv, dir)
	if p, err := DefaultPath(); err != nil || p != filepath.Join(dir, "save.json") {
		t.Errorf("got %q, %v", p, err)
	}
}

func FuzzRead(f *testing.F) {
	file, src, err := scenario.Source("globomantics")
	if err != nil {
		f.Fatal(err)
	}
	sc, err := scenario.Parse(file, src)
	if err != nil {
		f.Fatal(err)
	}
	g := sim.NewGame(sc, 7, 0)
	g.Apply(sim.Decision{Kind: sim.Invest, Investment: "ci"})
	g.RunUntil(sc.Week() + 300)
	g.Apply(sim.Decision{Kind: sim.SetWIPLimit, Stage: "qa", N: 4})
	g.AdvanceWeek()
	good, err := json.Marshal(New(file, src, g, "ada"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"version":1,"source":"name = \"x\"","weeks":1,"decisions":[{"kind":"hire","at_minute":-1}]}`))
	f.Add([]byte(`{"version":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := decode(data)
		if err != nil {
			return
		}
		if s.At > 3*40*60 {
			return // a long replay tells the fuzzer nothing new and slows it down
		}
		s.Game() // must not panic, whatever the file says
	})
}
