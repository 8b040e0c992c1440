package workshop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An export in the middle of a round lists, after the finished games,
// every player still in progress with their state and the week reached:
// over SSH, as the board's x does, and from the folder alone, as `room
// export` does while the server runs.
func TestExportMidRoundListsPlayersInProgress(t *testing.T) {
	dir := t.TempDir()
	storeStamped(t, dir, nil, "alice") // finished before this server
	room, _, addr := startRoom(t, Config{DataDir: dir})
	bob, carol := join(t, addr, "bob"), join(t, addr, "carol")
	room.Start()
	bob.WaitFor("play on", wait)
	carol.WaitFor("play on", wait)
	weeks(bob, 2)
	weeks(carol, 1)
	eventually(t, wait, "bob in week 2 and carol in week 1", func() bool {
		return standing(t, room, "bob").Week == 2 && standing(t, room, "carol").Week == 1
	})
	for _, name := range []string{"bob", "carol"} {
		eventually(t, wait, name+"'s save", func() bool { // written by a command
			_, err := os.Stat(filepath.Join(dir, PlayersDir, name+".json"))
			return err == nil
		})
	}
	carol.Close()
	eventually(t, wait, "carol gone", func() bool { return standing(t, room, "carol").State == Disconnected })

	csvPath, mdPath, err := room.Export(filepath.Join(t.TempDir(), "live"))
	if err != nil {
		t.Fatal(err)
	}
	rows, col := readCSV(t, csvPath)
	got := map[string]string{}
	for _, r := range rows[1:] {
		got[r[col("player")]] = r[col("state")] + " week " + r[col("weeks")] + " rank " + r[col("rank")]
	}
	want := map[string]string{"alice": "done week 3 rank 1", "bob": "playing week 2 rank ", "carol": "disconnected week 1 rank "}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("live export: %s is %q, want %q (all: %v)", name, got[name], w, got)
		}
	}
	md, _ := os.ReadFile(mdPath)
	for _, s := range []string{"## Still playing", "| bob | playing | 2 of 52 |", "| carol | disconnected | 1 of 52 |"} {
		if !strings.Contains(string(md), s) {
			t.Errorf("the live debrief lacks %q:\n%s", s, md)
		}
	}

	// From the folder, while the server runs: the saves say where the
	// games stood.
	eventually(t, wait, "bob's save of week 2", func() bool {
		rm, err := readRoom(dir, "")
		return err == nil && len(rm.playing) == 2 && rm.playing[0].Week+rm.playing[1].Week == 3
	})
	csvPath, _, err = Export(dir, filepath.Join(t.TempDir(), "offline"))
	if err != nil {
		t.Fatal(err)
	}
	rows, col = readCSV(t, csvPath)
	got = map[string]string{}
	for _, r := range rows[1:] {
		got[r[col("player")]] = r[col("state")] + " week " + r[col("weeks")]
	}
	for name, w := range map[string]string{"alice": "done week 3", "bob": "saved week 2", "carol": "saved week 1"} {
		if got[name] != w {
			t.Errorf("offline export: %s is %q, want %q (all: %v)", name, got[name], w, got)
		}
	}
}
