package ui

import (
	"os"
	"sync"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/globomantics/globosim/internal/save"
)

// saver writes the game's weekly saves off the UI goroutine, one at a time
// and in order: Update records what to write (the latest save, or that a
// finished game's save goes) and returns a command that writes it. A write
// that finds a later one already done does nothing, so the last one wins.
// In a room, the room's writer takes them instead, and writes a batch of
// every game's latest on an interval.
type saver struct {
	path  string
	batch *save.Writer // the room's; nil: each save is written by a command of its own

	writing sync.Mutex // held while a save is written: two never race

	mu      sync.Mutex
	pending *saveOp // the latest not yet written; nil when all are
}

// saveOp is what the next write does: write f, or remove the save.
type saveOp struct {
	f      *save.File
	remove bool
}

// weekSavedMsg reports a save that failed; one written says nothing, so
// the program does not draw a frame for it (bubbletea draws after every
// message, and a room's players each save every week).
type weekSavedMsg struct{ err error }

func newSaver(path string, batch *save.Writer) *saver {
	return &saver{path: path, batch: batch}
}

// save records f as the latest save and returns the command that writes
// it; nil when the game is not kept.
func (s *saver) save(f *save.File) tea.Cmd {
	return s.queue(&saveOp{f: f})
}

// remove records that the save goes (a finished game has nothing to
// resume), after any save before it.
func (s *saver) remove() tea.Cmd {
	return s.queue(&saveOp{remove: true})
}

func (s *saver) queue(op *saveOp) tea.Cmd {
	if s == nil || s.path == "" {
		return nil
	}
	if s.batch != nil {
		return s.queueBatch(op)
	}
	s.mu.Lock()
	s.pending = op
	s.mu.Unlock()
	return func() tea.Msg {
		if err := s.flush(); err != nil {
			return weekSavedMsg{err: err}
		}
		return nil
	}
}

// queueBatch hands the save to the room's writer: no command, so no
// message and no frame, unless the writer's last batch failed to write
// the game's save.
func (s *saver) queueBatch(op *saveOp) tea.Cmd {
	if op.remove {
		return func() tea.Msg {
			s.batch.Remove(s.path)
			return nil
		}
	}
	if err := s.batch.Put(s.path, op.f); err != nil {
		return func() tea.Msg { return weekSavedMsg{err: err} }
	}
	return nil
}

// flush writes the latest save if no one has yet, waiting for a write in
// flight: the quit path calls it before the program exits.
func (s *saver) flush() error {
	if s == nil {
		return nil
	}
	if s.batch != nil {
		return s.batch.Flush(s.path, nil)
	}
	s.writing.Lock()
	defer s.writing.Unlock()
	s.mu.Lock()
	op := s.pending
	s.pending = nil
	s.mu.Unlock()
	switch {
	case op == nil:
		return nil // written by a flush before this one
	case op.remove:
		os.Remove(s.path) // as before, one that will not go is left
		return nil
	}
	return save.Write(s.path, op.f)
}
