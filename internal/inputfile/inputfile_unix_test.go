//go:build unix

package inputfile

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestReadRefusesWhatIsNotAFile is /dev/zero, a folder and a named pipe as
// every kind of file: each refused at once with one line saying what it
// is, without reading a byte (a pipe with no writer must not block).
func TestReadRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, want string }{
		{"/dev/zero", "a device, not "},
		{dir, "a folder, not "},
		{fifo, "a named pipe (FIFO), not "},
	} {
		for _, k := range []Kind{Scenario, Plan, Save, Result} {
			done := make(chan error, 1)
			go func() { _, err := Read(c.path, k); done <- err }()
			var err error
			select {
			case err = <-done:
			case <-time.After(time.Minute): // a hang is the bug; the minute is only so the test ends
				t.Fatalf("Read(%s) is still blocked", c.path)
			}
			if want := c.want + k.Noun; !errors.Is(err, ErrRefused) || err.Error() != want {
				t.Errorf("Read(%s, %s) = %v, want %q", c.path, k.Noun, err, want)
			}
		}
	}
}
