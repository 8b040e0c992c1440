package save

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// handTimer is the writer's timer, fired by the test.
type handTimer struct {
	mu    sync.Mutex
	every []time.Duration
	due   func()
}

func (h *handTimer) after(d time.Duration, f func()) func() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.every, h.due = append(h.every, d), f
	return func() bool {
		h.mu.Lock()
		defer h.mu.Unlock()
		was := h.due != nil
		h.due = nil
		return was
	}
}

// fire runs the batch that is due; false if none is.
func (h *handTimer) fire() bool {
	h.mu.Lock()
	f := h.due
	h.due = nil
	h.mu.Unlock()
	if f != nil {
		f()
	}
	return f != nil
}

func weekOnDisk(t *testing.T, path string) int {
	t.Helper()
	f, err := Read(path)
	if errors.Is(err, fs.ErrNotExist) {
		return -1
	}
	if err != nil {
		t.Fatal(err)
	}
	return f.Week
}

// A room's saves wait for the batch, which writes the newest of each game
// only, once the interval after the first of them has passed; nothing is
// due while nothing waits.
func TestWriterBatchesTheNewest(t *testing.T) {
	file, src, g := played(t)
	dir := t.TempDir()
	ana, ben := filepath.Join(dir, "players", "ana.json"), filepath.Join(dir, "players", "ben.json")
	h := &handTimer{}
	w := NewWriter(3*time.Second, h.after)
	at := func(week int) *File {
		f := New(file, src, g, "")
		f.Week = week // only the writer reads it here
		return f
	}
	for week := 1; week <= 3; week++ {
		if err := w.Put(ana, at(week)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Put(ben, at(5)); err != nil {
		t.Fatal(err)
	}
	if len(h.every) != 1 || h.every[0] != 3*time.Second {
		t.Fatalf("batches due %v, want one after 3s", h.every)
	}
	if weekOnDisk(t, ana) != -1 || weekOnDisk(t, ben) != -1 {
		t.Fatal("a save was written before its batch")
	}
	if !h.fire() {
		t.Fatal("no batch was due")
	}
	if a, b := weekOnDisk(t, ana), weekOnDisk(t, ben); a != 3 || b != 5 {
		t.Fatalf("on disk: ana week %d, ben week %d; want 3 and 5", a, b)
	}
	if h.fire() {
		t.Fatal("a batch was due with nothing waiting")
	}
	if entries, _ := os.ReadDir(filepath.Dir(ana)); len(entries) != 2 {
		t.Errorf("%d files in the folder, want the 2 saves", len(entries))
	}

	// Flush writes one game's save at once; Remove takes a waiting one
	// with the file; Close writes what waits, and after it Put writes at
	// once.
	w.Put(ana, at(4))
	w.Put(ben, at(6))
	if err := w.Flush(ana, nil); err != nil || weekOnDisk(t, ana) != 4 || weekOnDisk(t, ben) != 5 {
		t.Fatalf("flushing ana's: %v; on disk ana %d, ben %d", err, weekOnDisk(t, ana), weekOnDisk(t, ben))
	}
	w.Remove(ben)
	h.fire()
	if weekOnDisk(t, ben) != -1 {
		t.Fatal("a removed save is back")
	}
	w.Put(ana, at(7))
	if err := w.Close(); err != nil || weekOnDisk(t, ana) != 7 {
		t.Fatalf("closing: %v; ana's save is of week %d, want 7", err, weekOnDisk(t, ana))
	}
	if err := w.Put(ana, at(8)); err != nil || weekOnDisk(t, ana) != 8 {
		t.Fatalf("after closing: %v; ana's save is of week %d, want 8", err, weekOnDisk(t, ana))
	}
}

// A batch that cannot write a game's save says so to the game's next Put,
// once; the other games' saves are written.
func TestWriterReportsAFailedBatch(t *testing.T) {
	file, src, g := played(t)
	dir := t.TempDir()
	blocked := filepath.Join(dir, "blocked")
	if err := os.WriteFile(blocked, nil, 0o600); err != nil { // a file where the folder should be
		t.Fatal(err)
	}
	bad, good := filepath.Join(blocked, "ana.json"), filepath.Join(dir, "ben.json")
	h := &handTimer{}
	w := NewWriter(time.Second, h.after)
	w.Put(bad, New(file, src, g, ""))
	w.Put(good, New(file, src, g, ""))
	h.fire()
	if weekOnDisk(t, good) != g.Week() {
		t.Fatal("the good save was not written")
	}
	if err := w.Put(bad, New(file, src, g, "")); err == nil || !strings.Contains(err.Error(), "cannot save the game") {
		t.Fatalf("the next save heard %v, want the batch's failure", err)
	}
	if err := w.Put(bad, New(file, src, g, "")); err != nil {
		t.Fatalf("the failure was reported twice: %v", err)
	}
}
