package workshop

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/save"
	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// storeStamped writes finished games into a room folder's results, each
// stamped with the globosim and scenario text, and changed by edit.
func storeStamped(t *testing.T, dir string, edit func(*sim.Result), names ...string) {
	t.Helper()
	sc, err := scenario.Resolve(DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	st, _, _, err := openStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	for i, name := range names {
		res := report.Stamp(sim.RunGame(sc, sc.Seed, 3+i, nil), sc)
		if edit != nil {
			edit(&res)
		}
		if err := st.append(Record{Player: name, Finished: time.Now().UTC(), Result: res}); err != nil {
			t.Fatal(err)
		}
	}
}

// storeSave writes the save of a game of the default scenario played
// weeks weeks on seed, as a room keeps a game in progress.
func storeSave(t *testing.T, dir, name string, seed uint64, weeks int) {
	t.Helper()
	sc, err := scenario.Resolve(DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	g := sim.NewGame(sc, seed, 0)
	for range weeks {
		g.AdvanceWeek()
	}
	filename, src, err := scenario.Source(DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, PlayersDir), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := save.Write(filepath.Join(dir, PlayersDir, name+".json"), save.New(filename, src, g, name)); err != nil {
		t.Fatal(err)
	}
}

func readCSV(t *testing.T, path string) (rows [][]string, col func(string) int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err = csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows, func(name string) int {
		for i, h := range rows[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q in %v", name, rows[0])
		return -1
	}
}

// Two rooms of one world merge into one ranking and one debrief; a name
// played in both is two people, and the games in progress are listed.
func TestExportMergesRooms(t *testing.T) {
	a, b, out := t.TempDir(), t.TempDir(), t.TempDir()
	storeStamped(t, a, nil, "ana", "ben")
	storeStamped(t, b, nil, "ana", "cara")
	storeSave(t, b, "dan", 1, 2)
	csvPath, mdPath, err := ExportRooms([]string{a, b}, out)
	if err != nil {
		t.Fatal(err)
	}
	rows, col := readCSV(t, csvPath)
	if len(rows) != 6 {
		t.Fatalf("%d rows, want a header, 4 finished and 1 in progress:\n%v", len(rows), rows)
	}
	byName := map[string][]string{}
	for _, r := range rows[1:] {
		byName[r[col("player")]] = r
	}
	for name, room := range map[string]string{"ana": "room 1", "ben": "room 1", "ana (room 2)": "room 2", "cara": "room 2", "dan": "room 2"} {
		r, ok := byName[name]
		if !ok {
			t.Fatalf("no row for %q: %v", name, rows)
		}
		if r[col("room")] != room {
			t.Errorf("%s: room %q, want %q", name, r[col("room")], room)
		}
	}
	if r := byName["dan"]; r[col("state")] != StateSaved || r[col("weeks")] != "2" || r[col("rank")] != "" {
		t.Errorf("dan's row: %v", r)
	}
	if r := byName["cara"]; r[col("state")] != "done" || r[col("rank")] == "" {
		t.Errorf("cara's row: %v", r)
	}
	md, _ := os.ReadFile(mdPath)
	for _, want := range []string{"ana (room 2)", "## Still playing", "| dan (room 2) | saved | 2 of 52 |", "## Rooms", "- room 2: 2 finished games, 1 game in progress"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("the merged debrief lacks %q:\n%s", want, md)
		}
	}
}

// Rooms of different worlds are refused, in one message naming the
// folder, the player and what differs.
func TestExportRefusesRoomsOfDifferentWorlds(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(*sim.Result)
		save uint64 // a save of this seed instead of a finished game, if not 0
		want string
	}{
		{"seed", func(r *sim.Result) { r.Seed = 7 }, 0, "cara's finished game in %s played seed 7, not 1"},
		{"version", func(r *sim.Result) { r.GlobosimVersion = "v0.0.1" }, 0, "was played with globosim v0.0.1, not"},
		{"scenario text", func(r *sim.Result) { r.ScenarioSHA256 = strings.Repeat("ab", 32) }, 0, "was played on another text of Globomantics (scenario_sha256 abababababab…"},
		{"scenario", func(r *sim.Result) { r.Scenario = "startup" }, 0, "played startup, not Globomantics"},
		{"saved seed", nil, 9, "cara's saved game in %s played seed 9, not 1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, b := t.TempDir(), t.TempDir()
			storeStamped(t, a, nil, "ana")
			if c.save != 0 {
				storeSave(t, b, "cara", c.save, 1)
			} else {
				storeStamped(t, b, c.edit, "cara")
			}
			_, _, err := ExportRooms([]string{a, b}, t.TempDir())
			want := strings.Replace(c.want, "%s", b, 1)
			if err == nil || !strings.Contains(err.Error(), "cannot merge "+b+" with "+a+", which are not one world") || !strings.Contains(err.Error(), want) {
				t.Fatalf("got %v, want a refusal naming %s and %q", err, b, want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("the refusal is not one line: %q", err)
			}
		})
	}
	t.Run("schedule", func(t *testing.T) {
		a, b := t.TempDir(), t.TempDir()
		storeStamped(t, a, nil, "ana")
		storeStamped(t, b, func(r *sim.Result) { r.Scheduled = []sim.ScheduledEvent{{Week: 2, Event: "audit"}} }, "cara")
		_, _, err := ExportRooms([]string{a, b}, t.TempDir())
		if err == nil || !strings.Contains(err.Error(), "not the same facilitator's events") || strings.Contains(err.Error(), "\n") {
			t.Fatalf("got %v, want one line refusing rooms of different scheduled events", err)
		}
	})
	a := t.TempDir()
	storeStamped(t, a, nil, "ana")
	if _, _, err := ExportRooms([]string{a, a + "/"}, t.TempDir()); err == nil || !strings.Contains(err.Error(), "named twice") {
		t.Fatalf("a folder named twice: %v", err)
	}
}

// An export from the folder alone (a server stopped, or still serving)
// lists the games not finished from their saves, where they stood; with
// none finished it still writes both files.
func TestExportListsSavedGamesInProgress(t *testing.T) {
	dir := t.TempDir()
	storeSave(t, dir, "eve", 1, 3)
	csvPath, mdPath, err := Export(dir, filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	rows, col := readCSV(t, csvPath)
	if len(rows) != 2 || rows[1][col("player")] != "eve" || rows[1][col("state")] != StateSaved || rows[1][col("weeks")] != "3" || rows[1][col("budget")] == "" {
		t.Fatalf("rows: %v", rows)
	}
	md, _ := os.ReadFile(mdPath)
	if !strings.Contains(string(md), "No game has finished yet.") || !strings.Contains(string(md), "| eve | saved | 3 of 52 |") {
		t.Errorf("the debrief:\n%s", md)
	}
	// A damaged save is counted, not fatal.
	os.WriteFile(filepath.Join(dir, PlayersDir, "zed.json"), []byte("{"), 0o600)
	if _, mdPath, err = Export(dir, filepath.Join(dir, "out")); err != nil {
		t.Fatal(err)
	}
	if md, _ := os.ReadFile(mdPath); !strings.Contains(string(md), "Not listed: 1 saved game that could not be read") {
		t.Errorf("the debrief does not count the damaged save:\n%s", md)
	}
}

// A merge carries every room's rounds into one rounds.csv, a name of two
// rooms renamed there as in the ranking.
func TestExportMergesRounds(t *testing.T) {
	a, b, out := t.TempDir(), t.TempDir(), t.TempDir()
	storeStamped(t, a, nil, "ana")
	storeStamped(t, b, nil, "ana")
	for _, dir := range []string{a, b} {
		book, _, err := openRounds(dir, 52)
		if err != nil {
			t.Fatal(err)
		}
		if err := book.append(RoundRecord{Round: 1, Gate: 2, Player: "ana", Week: 2, Share: 0.3, HoursPerWeek: 40}); err != nil {
			t.Fatal(err)
		}
		book.close()
	}
	if _, _, err := ExportRooms([]string{a, b}, out); err != nil {
		t.Fatal(err)
	}
	rows, col := readCSV(t, filepath.Join(out, ExportRounds))
	var names []string
	for _, r := range rows[1:] {
		names = append(names, r[col("player")])
	}
	if strings.Join(names, ",") != "ana,ana (room 2)" {
		t.Fatalf("rounds.csv players %v, want ana and ana (room 2)", names)
	}
}
