//go:build unix

package save

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A save is its player's alone, whatever the umask: the folder 0700, the
// file 0600 (in a room, the room's folder holds every player's).
func TestWriteIsPrivate(t *testing.T) {
	old := syscall.Umask(0)
	t.Cleanup(func() { syscall.Umask(old) })
	file, src, g := played(t)
	path := filepath.Join(t.TempDir(), "deeper", "save.json")
	if err := Write(path, New(file, src, g, "ada")); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{filepath.Dir(path): 0o700, path: 0o600} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s: %v, want %v", p, got, want)
		}
	}
}
