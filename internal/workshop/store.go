package workshop

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/globomantics/globosim/internal/inputfile"
	"github.com/globomantics/globosim/internal/sim"
)

// The results store: results.jsonl in the room's folder, one finished game
// per line, appended and synced to disk before the game's end screen shows.
// A line is never rewritten; a crash can only tear the line being written,
// which was never acknowledged, and opening the store cuts it off.

// ResultsFile is the store's name in the room's folder.
const ResultsFile = "results.jsonl"

// Record is one finished game, one line of results.jsonl.
type Record struct {
	Player   string     `json:"player"`
	Finished time.Time  `json:"finished"`
	Result   sim.Result `json:"result"`
}

type store struct {
	mu   sync.Mutex
	file *os.File
	size int64 // the length of the complete lines
}

// openStore opens (or creates) the store in dir and returns the records in
// it. A torn last line, left by a crash in the middle of a write, is cut
// off; repaired says so.
func openStore(dir string) (s *store, records []Record, repaired bool, err error) {
	path := filepath.Join(dir, ResultsFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, false, fmt.Errorf("cannot open the results: %w", err)
	}
	data, err := inputfile.ReadOpen(f, inputfile.RoomResults)
	if err != nil {
		f.Close()
		return nil, nil, false, fmt.Errorf("cannot read %s: %w", path, err)
	}
	records, whole, err := parseRecords(path, data)
	if err != nil {
		f.Close()
		return nil, nil, false, err
	}
	if whole < len(data) {
		repaired = true
		if err := f.Truncate(int64(whole)); err != nil {
			f.Close()
			return nil, nil, false, fmt.Errorf("cannot repair %s: %w", path, err)
		}
	}
	if _, err := f.Seek(int64(whole), io.SeekStart); err != nil {
		f.Close()
		return nil, nil, false, fmt.Errorf("cannot open the results: %w", err)
	}
	return &store{file: f, size: int64(whole)}, records, repaired, nil
}

// ReadResults reads the finished games stored in a room's folder, in the
// order they finished. A torn last line is left out.
func ReadResults(dir string) ([]Record, error) {
	path := filepath.Join(dir, ResultsFile)
	data, err := inputfile.Read(path, inputfile.RoomResults)
	if errors.Is(err, fs.ErrNotExist) {
		if _, serr := os.Stat(dir); serr != nil {
			return nil, fmt.Errorf("%s: no such room folder", dir)
		}
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	records, _, err := parseRecords(path, data)
	return records, err
}

// parseRecords reads the lines of the store. whole is the length of the
// data up to the end of the last complete line: what follows is a torn
// write. A complete line that is not a record is an error naming it.
func parseRecords(path string, data []byte) (records []Record, whole int, err error) {
	whole = bytes.LastIndexByte(data, '\n') + 1
	sc := bufio.NewScanner(bytes.NewReader(data[:whole]))
	sc.Buffer(nil, len(data)+1)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var rec Record
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil || rec.Player == "" {
			if err == nil {
				err = errors.New("no player")
			}
			return nil, 0, fmt.Errorf("%s:%d: not a finished game: %v", path, line, err)
		}
		records = append(records, rec)
	}
	return records, whole, sc.Err()
}

// append writes rec as one line and syncs it to disk.
func (s *store) append(rec Record) error {
	line, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("cannot store %s's result: %w", rec.Player, err)
	}
	line = append(line, '\n')
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err = s.file.Write(line)
	if err == nil {
		err = s.file.Sync()
	}
	if err != nil {
		// Cut off what part of the line was written, so the next one
		// starts on a line of its own.
		s.file.Truncate(s.size)
		s.file.Seek(s.size, io.SeekStart)
		return fmt.Errorf("cannot store %s's result: %w", rec.Player, err)
	}
	s.size += int64(len(line))
	return nil
}

func (s *store) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.file.Close()
}
