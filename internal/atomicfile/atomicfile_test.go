package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteReplacesWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.json")
	for _, data := range []string{"first", "second, longer"} {
		if err := Write(path, []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != data {
			t.Errorf("read %q, want %q", got, data)
		}
	}
	// A folder that does not exist: an error naming the path, nothing made.
	bad := filepath.Join(t.TempDir(), "no", "such", "out.json")
	if err := Write(bad, []byte("x"), 0o666); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("into a missing folder: %v", err)
	}
}

// A write that fails at the last step leaves the old file whole, and no
// temporary file behind.
func TestFailedWriteLeavesTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "save.json")
	if err := Write(path, []byte("first"), 0o600); err != nil {
		t.Fatal(err)
	}
	rename = func(string, string) error { return errors.New("disk on fire") }
	t.Cleanup(func() { rename = os.Rename })
	if err := Write(path, []byte("second"), 0o600); err == nil || !strings.Contains(err.Error(), "disk on fire") || !strings.Contains(err.Error(), path) {
		t.Errorf("got %v, want the rename's error naming the file", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "first" {
		t.Errorf("a failed write changed the file to %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a failed write left %d entries", len(entries))
	}
}

func TestSyncDir(t *testing.T) {
	if err := syncDir(t.TempDir()); err != nil {
		t.Errorf("syncing a folder: %v", err)
	}
	// A folder that cannot be opened (write-only, or gone) is not a
	// failed write: the file was renamed into it already.
	if err := syncDir(filepath.Join(t.TempDir(), "gone")); err != nil {
		t.Errorf("a folder that cannot be opened: %v", err)
	}
}

// WriteMany writes every file whole; one that fails (its folder is
// missing) fails alone, naming its path, and leaves the others written.
func TestWriteMany(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "missing", "b.json")
	files := []File{
		{Path: filepath.Join(dir, "a.json"), Data: []byte("a"), Perm: 0o600},
		{Path: bad, Data: []byte("b"), Perm: 0o600},
		{Path: filepath.Join(dir, "c.json"), Data: []byte("c"), Perm: 0o600},
	}
	if err := Write(files[2].Path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	errs := WriteMany(files)
	if errs[0] != nil || errs[2] != nil || errs[1] == nil || !strings.Contains(errs[1].Error(), bad) {
		t.Fatalf("errors %v, want only the second's, naming it", errs)
	}
	for _, f := range []File{files[0], files[2]} {
		if got, _ := os.ReadFile(f.Path); string(got) != string(f.Data) {
			t.Errorf("%s reads %q, want %q", f.Path, got, f.Data)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d entries in the folder, want the 2 files", len(entries))
	}
}
