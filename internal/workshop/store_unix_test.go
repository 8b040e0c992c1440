//go:build unix

package workshop

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A room folder whose results are not a file (a link to /dev/zero, a
// named pipe) is refused by the server and by room export in one line,
// without reading for ever.
func TestStoreRefusesResultsThatAreNotAFile(t *testing.T) {
	for _, kind := range []string{"device", "fifo"} {
		dir := t.TempDir()
		path := filepath.Join(dir, ResultsFile)
		if kind == "device" {
			if err := os.Symlink("/dev/zero", path); err != nil {
				t.Skip(err)
			}
		} else if err := syscall.Mkfifo(path, 0o600); err != nil {
			t.Skip(err)
		}
		want := map[string]string{"device": "a device, not a room's results file", "fifo": "a named pipe (FIFO), not a room's results file"}[kind]
		if _, err := ReadResults(dir); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: ReadResults: %v", kind, err)
		}
		if _, err := Open(Config{DataDir: dir}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: Open: %v", kind, err)
		}
	}
}
