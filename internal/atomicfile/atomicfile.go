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
	if err := place(File{Path: path, Data: data, Perm: perm}); err != nil {
		return err
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return fmt.Errorf("cannot write %s: the folder did not reach the disk: %w", path, err)
	}
	return nil
}

// place writes f to a new file beside its path, syncs it and renames it
// over the path; the rename is durable once the folder is synced.
func place(f File) error {
	tmp, err := create(f.Path, f.Perm)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", f.Path, err)
	}
	_, werr := tmp.Write(f.Data)
	if err := errors.Join(werr, tmp.Sync(), tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cannot write %s: %w", f.Path, err)
	}
	if err := rename(tmp.Name(), f.Path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cannot write %s: %w", f.Path, err)
	}
	return nil
}

// File is one file for WriteMany.
type File struct {
	Path string
	Data []byte
	Perm fs.FileMode
}

// WriteMany writes each file as Write does, whole or not at all, but syncs
// each folder once for all the files in it, after their renames, instead
// of once a file: a room writes the saves of many games at once. Its
// errors are the files', in order (nil for one written).
func WriteMany(files []File) []error {
	errs := make([]error, len(files))
	dirs := map[string][]int{} // the files renamed into each folder
	var order []string
	for i, f := range files {
		if errs[i] = place(f); errs[i] != nil {
			continue
		}
		dir := filepath.Dir(f.Path)
		if _, ok := dirs[dir]; !ok {
			order = append(order, dir)
		}
		dirs[dir] = append(dirs[dir], i)
	}
	for _, dir := range order {
		if err := syncDir(dir); err != nil {
			for _, i := range dirs[dir] {
				errs[i] = fmt.Errorf("cannot write %s: the folder did not reach the disk: %w", files[i].Path, err)
			}
		}
	}
	return errs
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
