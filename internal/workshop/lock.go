package workshop

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// LockFile is the room folder's lock: the server serving the folder holds
// an advisory lock on it, with its process id in it, so a second server
// on the same folder stops before it touches anything. Readers, such as
// `globosim room export`, do not need it. The system drops the lock when
// the process ends, however it ends.
const LockFile = "serve.lock"

// errLocked is another process holding the lock.
var errLocked = errors.New("locked")

// folderLock is a held lock on a room's folder.
type folderLock struct{ f *os.File }

// lockFolder takes the lock of the room's folder dir, or fails naming the
// process that holds it.
func lockFolder(dir string) (*folderLock, error) {
	path := filepath.Join(dir, LockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot lock the room's folder: %w", err)
	}
	if err := tryLock(f); err != nil {
		holder := holderOf(f)
		f.Close()
		if errors.Is(err, errLocked) {
			return nil, fmt.Errorf("%s is being served by another globosim serve (%s): one room folder, one server; close that one, or use another --data folder", dir, holder)
		}
		return nil, fmt.Errorf("cannot lock %s: %w", path, err)
	}
	pid := []byte(strconv.Itoa(os.Getpid()) + "\n")
	if err := f.Truncate(0); err == nil {
		f.WriteAt(pid, 0) // only a courtesy for the message above
	}
	return &folderLock{f}, nil
}

// holderOf names the process whose id is in the lock file.
func holderOf(f *os.File) string {
	b, _ := io.ReadAll(io.LimitReader(f, 32))
	if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && pid > 0 {
		return "process " + strconv.Itoa(pid)
	}
	return "a process that has not yet written its id"
}

// release lets the folder go.
func (l *folderLock) release() {
	unlock(l.f)
	l.f.Close()
}
