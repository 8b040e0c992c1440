//go:build unix

package workshop

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// withUmask runs the test under a known umask, restored after.
func withUmask(t *testing.T, mask int) {
	old := syscall.Umask(mask)
	t.Cleanup(func() { syscall.Umask(old) })
}

func mode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}

// What the room keeps is the facilitator's alone, whatever the umask; an
// export with --out elsewhere is made as any file they make, so the umask
// decides, and a debrief can be shared.
func TestExportModes(t *testing.T) {
	withUmask(t, 0o027)
	dir := filepath.Join(t.TempDir(), "room")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	storeGames(t, dir, "ana")

	out := filepath.Join(t.TempDir(), "debrief", "monday")
	csvPath, mdPath, err := Export(dir, out)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]fs.FileMode{out: 0o750, filepath.Dir(out): 0o750, csvPath: 0o640, mdPath: 0o640} {
		if got := mode(t, path); got != want {
			t.Errorf("%s: %v, want %v (umask 027)", path, got, want)
		}
	}

	for _, in := range []string{dir, filepath.Join(dir, "debrief")} {
		csvPath, mdPath, err := Export(dir, in)
		if err != nil {
			t.Fatal(err)
		}
		for path, want := range map[string]fs.FileMode{in: 0o700, csvPath: 0o600, mdPath: 0o600} {
			if got := mode(t, path); got != want {
				t.Errorf("%s: %v, want %v (inside the room's folder)", path, got, want)
			}
		}
	}
}

func TestRoomFolderIsPrivate(t *testing.T) {
	withUmask(t, 0) // the most open umask: the room must not rely on it
	dir := filepath.Join(t.TempDir(), "room")
	room, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer room.Close()
	if _, err := NewServer(room); err != nil { // makes the host key
		t.Fatal(err)
	}
	if err := room.store.append(Record{Player: "ana", Result: finishedGame(t, 2)}); err != nil {
		t.Fatal(err)
	}
	csvPath, mdPath, err := room.Export("") // x on the board: into the room's folder
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]fs.FileMode{
		dir: 0o700, filepath.Join(dir, PlayersDir): 0o700,
		filepath.Join(dir, ResultsFile): 0o600, filepath.Join(dir, LogFile): 0o600, filepath.Join(dir, HostKeyFile): 0o600,
		filepath.Join(dir, LockFile): 0o600, filepath.Join(dir, NamesFile): 0o600,
		csvPath: 0o600, mdPath: 0o600,
	} {
		if got := mode(t, path); got != want {
			t.Errorf("%s: %v, want %v", path, got, want)
		}
	}
}
