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
type saver struct {
	path string

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

func newSaver(path string) *saver { return &saver{path: path} }

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

// flush writes the latest save if no one has yet, waiting for a write in
// flight: the quit path calls it before the program exits.
func (s *saver) flush() error {
	if s == nil {
		return nil
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
