// Package atomicfile writes a file whole or not at all, with the
// permissions its caller chose: a reader never sees half a file, and a
// crash leaves the old one. It writes a temporary file beside the target,
// syncs it, renames it over the target and syncs the folder. Saves, the
// end screen's and the room's exports, and run --out all write through it.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
)

// Write writes data to a new file beside path and renames it over path.
// The file is created with perm, less the umask, as os.WriteFile would
// make it: 0o666 for what the user asked to be written, so that it can be
// shared like any file they make; 0o600 for what is theirs alone.
// (os.CreateTemp would always make it 0o600.)
func Write(path string, data []byte, perm fs.FileMode) error {
	tmp, err := create(path, perm)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	_, werr := tmp.Write(data)
	if err := errors.Join(werr, tmp.Sync(), tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return fmt.Errorf("cannot write %s: the folder did not reach the disk: %w", path, err)
	}
	return nil
}

// rename is os.Rename; tests make it fail.
var rename = os.Rename

// syncDir makes the rename durable: until the folder itself is synced, a
// crash can bring back the old file even though the new one was synced.
// Windows cannot sync a folder (a rename there is as durable as it gets),
// and some file systems refuse to; neither is an error.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		// A folder one may write to but not read (mode 0300) cannot be
		// opened to sync; the file is in place all the same.
		return nil
	}
	err = d.Sync()
	d.Close()
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) {
		return nil
	}
	return err
}

// create makes a file of a name no other has, beside path: O_EXCL, so
// that it is never one somebody else made (or linked) first.
func create(path string, perm fs.FileMode) (*os.File, error) {
	dir, base := filepath.Split(path)
	for range 100 {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, errors.New("no free name for a temporary file")
}
