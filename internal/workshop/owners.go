package workshop

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/globomantics/globosim/internal/inputfile"
)

// Names and keys: a name is bound to the SSH public key its first
// connection offered, if it offered one, and from then on only that key
// plays it. The bindings are appended to NamesFile when the name's game is
// first kept (a week played), so a name that never played leaves none, and
// a restart keeps them. A name first played without a key is anyone's.

// NamesFile is DATA/names.jsonl: one {"name","key"} line per bound name,
// the key as its SHA256 fingerprint.
const NamesFile = "names.jsonl"

type nameBinding struct {
	Name string `json:"name"`
	Key  string `json:"key"`
}

// owners is the names file, open for appending.
type owners struct {
	mu    sync.Mutex
	lines *lineFile
}

// openOwners opens (or creates) the names file in dir and returns the
// bindings in it by nameKey; the first binding of a name stands. A line
// torn by a crash is cut off.
func openOwners(dir string) (*owners, map[string]string, error) {
	path := filepath.Join(dir, NamesFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot open the names: %w", err)
	}
	fail := func(err error) (*owners, map[string]string, error) {
		f.Close()
		return nil, nil, err
	}
	data, err := inputfile.ReadOpen(f, inputfile.RoomNames)
	if err != nil {
		return fail(fmt.Errorf("cannot read %s: %w", path, err))
	}
	whole := bytes.LastIndexByte(data, '\n') + 1
	bound := map[string]string{}
	for i, line := range bytes.Split(data[:whole], []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var b nameBinding
		if err := json.Unmarshal(line, &b); err != nil || CheckName(b.Name) != nil || b.Key == "" {
			return fail(fmt.Errorf("%s:%d: not a name and its key", path, i+1))
		}
		if _, ok := bound[nameKey(b.Name)]; !ok {
			bound[nameKey(b.Name)] = b.Key
		}
	}
	if whole < len(data) {
		if err := f.Truncate(int64(whole)); err != nil {
			return fail(fmt.Errorf("cannot repair %s: %w", path, err))
		}
	}
	if _, err := f.Seek(int64(whole), io.SeekStart); err != nil {
		return fail(fmt.Errorf("cannot open the names: %w", err))
	}
	return &owners{lines: &lineFile{file: f, size: int64(whole)}}, bound, nil
}

// append stores a binding and syncs it to disk.
func (o *owners) append(name, key string) error {
	line, err := json.Marshal(nameBinding{Name: name, Key: key})
	if err != nil {
		return err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if err := o.lines.append(append(line, '\n')); err != nil {
		return fmt.Errorf("cannot store %s's SSH key: %w", name, err)
	}
	return nil
}

func (o *owners) close() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.lines.file.Close()
}
