//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// What --out writes is made as any file the user makes: 0666 less the
// umask (it was 0600, left over from os.CreateTemp).
func TestRunOutFollowsTheUmask(t *testing.T) {
	old := syscall.Umask(0o022)
	t.Cleanup(func() { syscall.Umask(old) })
	path := filepath.Join(t.TempDir(), "run.json")
	if code, _, errs := runCLI("run", "--weeks", "2", "--format", "json", "--out", path); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o644 {
		t.Errorf("run --out made %v, want -rw-r--r-- under umask 022", got)
	}
}
