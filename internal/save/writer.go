package save

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/globomantics/globosim/internal/atomicfile"
)

// Writer writes the saves of many games, a room's, in batches: Put keeps
// only the newest save of each game, and a batch writes them every
// interval after the first save that waits, each whole, with one sync of
// their folder. A game's save on disk is therefore never older than the
// interval (and the time the batch takes to write), which is what a
// server killed without a chance to close loses at most. Flush writes one
// game's save at once (when its player leaves, and before its result is
// stored); Close writes them all.
type Writer struct {
	every time.Duration
	after func(d time.Duration, f func()) (stop func() bool)

	writing sync.Mutex // held while saves are written or removed: one batch at a time, in order

	mu      sync.Mutex
	pending map[string]*File // the newest save of each game not yet written, by path
	failed  map[string]error // a batch's failure to write a game's save, until reported
	stop    func() bool      // cancels the batch that is due; nil when none is
	closed  bool
}

// NewWriter makes a writer that writes a batch every interval; after is
// time.AfterFunc's (tests give a clock of their own).
func NewWriter(every time.Duration, after func(d time.Duration, f func()) (stop func() bool)) *Writer {
	if after == nil {
		after = func(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }
	}
	return &Writer{every: every, after: after, pending: map[string]*File{}, failed: map[string]error{}}
}

// Put records f as the newest save of the game saved at path, to be
// written with the next batch (at once once the writer is closed). It
// returns why the last batch could not write that game's save, once.
func (w *Writer) Put(path string, f *File) error {
	w.mu.Lock()
	err := w.failed[path]
	delete(w.failed, path)
	if w.closed {
		w.mu.Unlock()
		return errors.Join(err, w.Flush(path, f))
	}
	w.pending[path] = f
	if w.stop == nil {
		w.stop = w.after(w.every, func() { w.batch() })
	}
	w.mu.Unlock()
	return err
}

// Flush writes the game's newest save now, f if it is not nil, after any
// batch being written; nil when there is nothing left to write, or the
// error of the write (or of the last batch's).
func (w *Writer) Flush(path string, f *File) error {
	w.writing.Lock()
	defer w.writing.Unlock()
	w.mu.Lock()
	if f == nil {
		f = w.pending[path]
	}
	delete(w.pending, path)
	err := w.failed[path]
	delete(w.failed, path)
	w.mu.Unlock()
	if f == nil {
		return err
	}
	return Write(path, f)
}

// Remove removes the game's save, and any save of it not yet written: a
// finished game has nothing to resume. A save that will not go is left.
func (w *Writer) Remove(path string) {
	w.writing.Lock()
	defer w.writing.Unlock()
	w.mu.Lock()
	delete(w.pending, path)
	delete(w.failed, path)
	w.mu.Unlock()
	os.Remove(path)
}

// Sync writes every save not yet written now.
func (w *Writer) Sync() error {
	w.mu.Lock()
	if w.stop != nil {
		w.stop()
	}
	w.mu.Unlock()
	return w.batch()
}

// Close writes every save not yet written; from now on Put writes each at
// once.
func (w *Writer) Close() error {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
	return w.Sync()
}

// batch writes every save waiting, in the order of their paths. The
// failures are also kept for the games' next Put.
func (w *Writer) batch() error {
	w.writing.Lock()
	defer w.writing.Unlock()
	w.mu.Lock()
	todo := w.pending
	w.pending, w.stop = map[string]*File{}, nil
	w.mu.Unlock()

	// Encoded here, not under mu: the games' Put never waits on a batch.
	paths := make([]string, 0, len(todo))
	for path := range todo {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	files := make([]atomicfile.File, 0, len(paths))
	var errs []error
	for _, path := range paths {
		data, err := encode(path, todo[path])
		if err != nil {
			w.fail(path, err)
			errs = append(errs, err)
			continue
		}
		files = append(files, atomicfile.File{Path: path, Data: data, Perm: 0o600})
	}
	for i, err := range atomicfile.WriteMany(files) {
		if err != nil {
			err = fmt.Errorf("cannot save the game: %w", err)
			errs = append(errs, err)
		}
		w.fail(files[i].Path, err)
	}
	return errors.Join(errs...)
}

// fail records how the last write of a game's save went (nil: it was
// written), for the game's next Put.
func (w *Writer) fail(path string, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err == nil {
		delete(w.failed, path)
		return
	}
	w.failed[path] = err
}
