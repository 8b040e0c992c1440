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
	// Team lists the members of a team's game (serve --teams); nil for a
	// solo player's.
	Team []string `json:"team,omitempty"`
	// EndWeek is the week the game ended in, as its screens counted it
	// (a game stopped partway through a week ended in that week); 0 when
	// not known: the result's weeks count.
	EndWeek int `json:"end_week,omitempty"`
}

// A line is written under mu, so lines keep the order their games finished
// in, and synced outside it: one fsync covers every line written before it
// began, and an append returns once a sync has covered its line. Nothing
// waits on mu for the disk.
type store struct {
	mu      sync.Mutex
	file    *os.File
	size    int64 // the length of the complete lines written
	durable int64 // the length a sync has covered
	cuts    []cut // each time lines not yet synced were cut off, in order
	damaged error // why a torn line could not be cut off; nil when none is left

	syncing sync.Mutex   // one sync at a time, outside mu
	sync    func() error // the file's Sync; tests slow it down
}

// cut is a failed sync's cutting off of the lines it was to cover: the
// file kept its first kept bytes, the lines a sync had covered.
type cut struct {
	kept int64
	err  error
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
	return &store{file: f, size: int64(whole), durable: int64(whole), sync: f.Sync}, records, repaired, nil
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

// append writes rec as one line and returns once it is synced to disk.
func (s *store) append(rec Record) error {
	end, cuts, err := s.write(rec)
	if err == nil {
		err = s.syncTo(end, cuts)
	}
	if err != nil {
		return fmt.Errorf("cannot store %s's result: %w", rec.Player, err)
	}
	return nil
}

// write writes rec as one line, not yet synced: it ends at end, written
// when lines had been cut off cuts times.
func (s *store) write(rec Record) (end int64, cuts int, err error) {
	line, err := json.Marshal(rec)
	if err != nil {
		return 0, 0, err
	}
	line = append(line, '\n')
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.damaged != nil && s.cutLocked(s.size) != nil {
		return 0, 0, fmt.Errorf("the results file still ends in a torn line: %w", s.damaged)
	}
	if _, err := s.file.Write(line); err != nil {
		// Cut off what part of the line was written, so the next one
		// starts on a line of its own.
		if cerr := s.cutLocked(s.size); cerr != nil {
			err = fmt.Errorf("%w (and cutting off the torn line failed: %v)", err, cerr)
		}
		return 0, 0, err
	}
	s.size += int64(len(line))
	return s.size, len(s.cuts), nil
}

// syncTo returns once the file is on disk up to end, written when lines
// had been cut off cuts times: at once if a sync since has covered it,
// else after a sync of its own (and of every line written before that
// sync began). A line that a cut since cut off fails with that cut's
// error; one that a sync covered before the cut stays on disk, and
// succeeds.
func (s *store) syncTo(end int64, cuts int) error {
	s.syncing.Lock()
	defer s.syncing.Unlock()
	s.mu.Lock()
	if cuts < len(s.cuts) { // the first cut since the line was written decides
		c := s.cuts[cuts]
		s.mu.Unlock()
		if end <= c.kept {
			return nil
		}
		return c.err
	}
	if s.durable >= end {
		s.mu.Unlock()
		return nil
	}
	upTo := s.size
	s.mu.Unlock()

	err := s.sync()

	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		// Whether the lines since the last sync are on disk is not known,
		// and none was acknowledged: cut them all off, and each of their
		// appends fails.
		s.cutLocked(s.durable)
		s.cuts = append(s.cuts, cut{kept: s.durable, err: err})
		return err
	}
	s.durable = upTo
	return nil
}

// cutLocked cuts the file back to size, the end of a whole line, and
// writes on from there. Until a cut succeeds, damaged says why and no line
// is appended after the torn one (each append tries the cut again).
func (s *store) cutLocked(size int64) error {
	s.size = size
	err := cutBack(s.file, size)
	s.damaged = err
	return err
}

func (s *store) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.file.Close()
}
