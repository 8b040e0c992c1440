package workshop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

func finishedGame(t *testing.T, weeks int) sim.Result {
	t.Helper()
	sc, err := scenario.Resolve(DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	return sim.RunGame(sc, sc.Seed, weeks, nil)
}

func TestStoreAppendsAndReads(t *testing.T) {
	dir := t.TempDir()
	st, records, repaired, err := openStore(dir)
	if err != nil || len(records) != 0 || repaired {
		t.Fatalf("a new store: %v, %d records, repaired %v", err, len(records), repaired)
	}
	res := finishedGame(t, 4)
	for _, name := range []string{"ana", "ben"} {
		if err := st.append(Record{Player: name, Finished: time.Now().UTC(), Result: res}); err != nil {
			t.Fatal(err)
		}
	}
	st.close()
	data, _ := os.ReadFile(filepath.Join(dir, ResultsFile))
	if lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[1], `{"player":"ben","finished":"`) || !strings.Contains(lines[1], `"result":{"scenario":"Globomantics"`) {
		t.Fatalf("results.jsonl:\n%.300s", data)
	}
	got, err := ReadResults(dir)
	if err != nil || len(got) != 2 || got[0].Player != "ana" || got[1].Result.Summary.Score != res.Summary.Score {
		t.Fatalf("read back: %v, %+v", err, got)
	}
}

// A crash in the middle of a write leaves a torn last line: it was never
// acknowledged, so opening the store cuts it off and appends after the
// last whole line.
func TestStoreCutsATornLine(t *testing.T) {
	dir := t.TempDir()
	st, _, _, err := openStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	st.append(Record{Player: "ana", Result: finishedGame(t, 2)})
	st.close()
	path := filepath.Join(dir, ResultsFile)
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"player":"ben","finished":"2026-03-12T10:00:00Z","res`)
	f.Close()

	if got, err := ReadResults(dir); err != nil || len(got) != 1 {
		t.Fatalf("reading past a torn line: %v, %d records", err, len(got))
	}
	st, records, repaired, err := openStore(dir)
	if err != nil || len(records) != 1 || !repaired {
		t.Fatalf("reopened: %v, %d records, repaired %v", err, len(records), repaired)
	}
	st.append(Record{Player: "cy", Result: finishedGame(t, 2)})
	st.close()
	got, err := ReadResults(dir)
	if err != nil || len(got) != 2 || got[1].Player != "cy" {
		t.Fatalf("after the repair: %v, %+v", err, got)
	}
}

func TestStoreRefusesADamagedLine(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ResultsFile), []byte("{\"player\":\"ana\"}\nnot json\n"), 0o600)
	if _, err := ReadResults(dir); err == nil || !strings.Contains(err.Error(), "results.jsonl:2: not a finished game") {
		t.Fatalf("ReadResults: %v", err)
	}
	if _, err := Open(Config{DataDir: dir}); err == nil || !strings.Contains(err.Error(), "results.jsonl:2") {
		t.Fatalf("Open: %v", err)
	}
}

func TestReadResultsOfNoRoom(t *testing.T) {
	if _, err := ReadResults(filepath.Join(t.TempDir(), "none")); err == nil || !strings.Contains(err.Error(), "no such room folder") {
		t.Fatalf("a missing folder: %v", err)
	}
	if got, err := ReadResults(t.TempDir()); err != nil || got != nil {
		t.Fatalf("a room with no results: %v, %v", got, err)
	}
}

func newGame(t *testing.T) *sim.Game {
	t.Helper()
	sc, err := scenario.Resolve(DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	return sim.NewGame(sc, sc.Seed, 0)
}
