package scenario

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/globomantics/globosim/scenarios"
)

func TestBuiltinsParse(t *testing.T) {
	files, err := fs.Glob(scenarios.FS, "*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no built-in scenarios (%v)", err)
	}
	for _, f := range files {
		src, err := fs.ReadFile(scenarios.FS, f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(f, src); err != nil {
			t.Errorf("built-in scenario %s:\n%v", f, err)
		}
	}
}

func TestBuiltinsOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"zebra.toml":        {Data: []byte("description = \"Z\"\nseed = 7")},
		"alpha.toml":        {Data: []byte(`description = "A"`)},
		"tutorial.toml":     {Data: []byte(`description = "T"`)},
		"globomantics.toml": {Data: []byte(`description = "G"`)},
		"plans/p.toml":      {Data: []byte(``)},
		"notes.txt":         {Data: []byte(``)},
	}
	// A file without a seed plays seed 1, as Parse gives it.
	want := []Builtin{{"globomantics", "G", 1}, {"tutorial", "T", 1}, {"alpha", "A", 1}, {"zebra", "Z", 7}}
	if got := builtinsIn(fsys); !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestResolve(t *testing.T) {
	fsys := fstest.MapFS{"tiny.toml": {Data: []byte(minimal)}}
	if sc, err := resolveIn(fsys, "tiny"); err != nil || sc.Name != "Tiny" {
		t.Errorf("built-in name: %v, %v", sc, err)
	}

	path := filepath.Join(t.TempDir(), "mine.toml")
	if err := os.WriteFile(path, []byte(minimal), 0o644); err != nil {
		t.Fatal(err)
	}
	if sc, err := resolveIn(fsys, path); err != nil || sc.Name != "Tiny" {
		t.Errorf("file: %v, %v", sc, err)
	}

	for arg, want := range map[string]string{
		"tinny":        `tinny: no built-in scenario or file by that name; did you mean "tiny"? (built-in scenarios: tiny)`,
		"nothing-like": `nothing-like: no built-in scenario or file by that name (built-in scenarios: tiny)`,
		path + ".old":  path + `.old: cannot read: no such file or directory`,
	} {
		_, err := resolveIn(fsys, arg)
		if err == nil || err.Error() != want {
			t.Errorf("Resolve(%q):\n got %v\nwant %s", arg, err, want)
		}
	}
}
