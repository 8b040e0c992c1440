package workshop

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/globomantics/globosim/internal/save"
	"github.com/globomantics/globosim/internal/workshop/workshoptest"
)

// The room writes its games' weekly saves in batches, SaveEvery apart:
// until the batch is due the disk holds no newer save, and once it is due
// it holds the newest. A server killed then (the folder as it is on disk,
// copied while the room runs) resumes the game at that week: a kill loses
// at most the interval.
func TestKilledRoomLosesAtMostTheSaveInterval(t *testing.T) {
	clk := newFakeClock()
	dir := t.TempDir()
	room, _, addr := startRoomAt(t, Config{DataDir: dir, SaveEvery: 5 * time.Second}, clk)
	room.Start()
	c := join(t, addr, "ana")
	weeks(c, 3)
	c.WaitFor("week 4/52", wait)
	eventually(t, wait, "week 3 on the board", func() bool { return standing(t, room, "ana").Week == 3 })

	path := filepath.Join(dir, PlayersDir, "ana.json")
	clk.Advance(5*time.Second - time.Millisecond)
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a save was written before the batch was due: %v", err)
	}
	clk.Advance(time.Millisecond) // the batch runs in Advance
	if f, err := save.Read(path); err != nil || f.Week != 3 {
		t.Fatalf("once the batch was due: %v, %+v; want the save of week 3", err, f)
	}

	killed := copyFolder(t, dir)
	again, err := Open(Config{DataDir: killed})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if st := standing(t, again, "ana"); st.State != Disconnected || st.Week != 3 {
		t.Fatalf("the folder a kill left has ana %+v, want disconnected in week 3", st)
	}
}

// A player who leaves has the game's newest save on disk at once, without
// waiting for the batch: connecting again resumes it there.
func TestLeavingWritesTheSaveAtOnce(t *testing.T) {
	clk := newFakeClock()
	room, _, addr := startRoomAt(t, Config{SaveEvery: time.Hour}, clk)
	room.Start()
	c := join(t, addr, "ana")
	weeks(c, 2)
	c.WaitFor("week 3/52", wait)
	eventually(t, wait, "week 2 on the board", func() bool { return standing(t, room, "ana").Week == 2 })
	c.Close()
	eventually(t, wait, "ana to leave", func() bool { return standing(t, room, "ana").State == Disconnected })
	if f, err := save.Read(filepath.Join(room.cfg.DataDir, PlayersDir, "ana.json")); err != nil || f.Week != 2 {
		t.Fatalf("after leaving: %v, %+v; want the save of week 2", err, f)
	}
	back := workshoptest.Dial(t, addr, "ana", workshoptest.Options{})
	back.WaitFor("you stopped after week 2", wait)
}

// copyFolder copies the files of a room's folder, as they are on disk now.
func copyFolder(t *testing.T, dir string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o700)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// The room scores one game's debrief at a time: a second turn waits for
// the first to end.
func TestRoomScoresOneDebriefAtATime(t *testing.T) {
	room, err := Open(Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer room.Close()
	first := (&seat{room: room}).Scoring()
	second := make(chan func())
	go func() { second <- (&seat{room: room}).Scoring() }()
	select {
	case <-second:
		t.Fatal("two debriefs scored at once")
	default:
	}
	first()
	(<-second)()
}
