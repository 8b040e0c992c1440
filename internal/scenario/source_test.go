package scenario

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/globomantics/globosim/scenarios"
)

func TestSource(t *testing.T) {
	fsys := fstest.MapFS{"tiny.toml": {Data: []byte(minimal)}}
	if file, src, err := sourceIn(fsys, "tiny"); err != nil || file != "tiny.toml" || string(src) != minimal {
		t.Errorf("built-in name: %q, %q, %v", file, src, err)
	}

	path := filepath.Join(t.TempDir(), "mine.toml")
	if err := os.WriteFile(path, []byte(minimal+"\n# mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if file, src, err := sourceIn(fsys, path); err != nil || file != path || string(src) != minimal+"\n# mine\n" {
		t.Errorf("file: %q, %q, %v", file, src, err)
	}

	// The same problems, in the same words, as Resolve.
	for _, arg := range []string{"tinny", "nothing-like", path + ".old", ""} {
		_, _, err := sourceIn(fsys, arg)
		_, rerr := resolveIn(fsys, arg)
		if err == nil || rerr == nil || err.Error() != rerr.Error() {
			t.Errorf("Source(%q): %v; Resolve: %v", arg, err, rerr)
		}
	}
}

func TestSourceOfEveryBuiltin(t *testing.T) {
	for _, b := range Builtins() {
		file, src, err := Source(b.Name)
		if err != nil {
			t.Fatalf("Source(%q): %v", b.Name, err)
		}
		want, _ := fs.ReadFile(scenarios.FS, b.Name+".toml")
		if file != b.Name+".toml" || !bytes.Equal(src, want) {
			t.Errorf("Source(%q) = %q and %d bytes, want %q and the embedded file", b.Name, file, len(src), b.Name+".toml")
		}
		parsed, err := Parse(file, src)
		if err != nil {
			t.Fatal(err)
		}
		resolved, err := Resolve(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		if parsed.Name != resolved.Name || len(parsed.Stages) != len(resolved.Stages) {
			t.Errorf("Parse(Source(%q)) is %q, Resolve gives %q", b.Name, parsed.Name, resolved.Name)
		}
	}
}
