package workshop

import (
	"errors"
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

// A result is synced to disk outside the room's locks: while one fsync is
// slow, the board (Snapshot, Status) does not wait, and another player's
// line is written after the first, without waiting either; each Finish
// returns once a sync has covered its line.
func TestFinishSyncsOutsideTheLock(t *testing.T) {
	dir := t.TempDir()
	room, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer room.Close()
	entered, release := make(chan struct{}, 4), make(chan struct{})
	syncs := 0
	sync := room.store.sync
	room.store.sync = func() error { // called one at a time
		syncs++
		entered <- struct{}{}
		<-release
		return sync()
	}
	ana, _ := room.join("ana", "")
	ben, _ := room.join("ben", "")
	res := finishedGame(t, 2)
	finished := make(chan string, 2)
	go func() { ana.Finish(res); finished <- "ana" }()
	<-entered // ana's fsync has begun, and holds

	guard := time.After(time.Minute) // a guard: these return at once
	answered := make(chan struct{})
	go func() {
		room.Snapshot()
		room.Status()
		close(answered)
	}()
	select {
	case <-answered:
	case <-guard:
		t.Fatal("Snapshot waits for a result's fsync")
	}
	go func() { ben.Finish(res); finished <- "ben" }()
	path := filepath.Join(dir, ResultsFile)
	for !strings.Contains(readFile(t, path), `"player":"ben"`) {
		select {
		case <-guard:
			t.Fatal("ben's line waits for ana's fsync to be written")
		case <-time.After(time.Millisecond):
		}
	}
	select {
	case who := <-finished:
		t.Fatalf("%s's Finish returned before its line was synced", who)
	default:
	}
	close(release)
	for range 2 {
		<-finished
	}
	if syncs < 1 || syncs > 2 {
		t.Errorf("%d fsyncs for two results", syncs)
	}
	lines := strings.Split(strings.TrimSuffix(readFile(t, path), "\n"), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], `{"player":"ana"`) || !strings.HasPrefix(lines[1], `{"player":"ben"`) {
		t.Fatalf("results.jsonl is not ana's line then ben's:\n%.200s", strings.Join(lines, "\n"))
	}
	for _, st := range room.Snapshot().Standings {
		if st.State != Done {
			t.Errorf("%s is %s, want done", st.Player, st.State)
		}
	}
}

// A failed fsync fails every result it was to cover, and cuts their lines
// off: none was acknowledged, and the next one starts clean.
func TestFailedSyncCutsItsLines(t *testing.T) {
	dir := t.TempDir()
	st, _, _, err := openStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	res := finishedGame(t, 2)
	if err := st.append(Record{Player: "ana", Result: res}); err != nil {
		t.Fatal(err)
	}
	sync := st.sync
	st.sync = func() error { return errors.New("disk on fire") }
	if err := st.append(Record{Player: "ben", Result: res}); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("a failed fsync: %v", err)
	}
	st.sync = sync
	if err := st.append(Record{Player: "cy", Result: res}); err != nil {
		t.Fatal(err)
	}
	got, err := ReadResults(dir)
	if err != nil || len(got) != 2 || got[0].Player != "ana" || got[1].Player != "cy" {
		t.Fatalf("after a failed fsync: %v, %+v", err, got)
	}
}

// A line that a sync covered is on disk even when a later sync fails and
// cuts off the lines after it, though its own append comes to look only
// then: it succeeds. A line the cut did cut off fails, even once later
// lines, synced, reach past where it ended.
func TestACutKeepsTheLinesSyncedBeforeIt(t *testing.T) {
	dir := t.TempDir()
	st, _, _, err := openStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	res := finishedGame(t, 2)
	write := func(who string) (int64, int) {
		t.Helper()
		end, cuts, err := st.write(Record{Player: who, Result: res})
		if err != nil {
			t.Fatal(err)
		}
		return end, cuts
	}
	sync, fire := st.sync, func() error { return errors.New("disk on fire") }

	anaEnd, anaCuts := write("ana") // ana's append is slow to look
	benEnd, benCuts := write("ben")
	if err := st.syncTo(benEnd, benCuts); err != nil { // covers ana's line too
		t.Fatal(err)
	}
	cyEnd, cyCuts := write("cy")
	st.sync = fire
	if err := st.syncTo(cyEnd, cyCuts); err == nil {
		t.Fatal("a failed fsync did not fail cy's line")
	}
	st.sync = sync
	if err := st.syncTo(anaEnd, anaCuts); err != nil {
		t.Errorf("ana's line, synced before the cut, fails: %v", err)
	}

	danEnd, danCuts := write("dan") // dan's append is slow to look
	st.sync = fire
	evaEnd, evaCuts := write("eva")
	if err := st.syncTo(evaEnd, evaCuts); err == nil {
		t.Fatal("a failed fsync did not fail eva's line")
	}
	st.sync = sync
	for _, who := range []string{"fay", "gus", "hal"} {
		end, cuts := write(who)
		if err := st.syncTo(end, cuts); err != nil {
			t.Fatal(err)
		}
		if end < danEnd {
			continue
		}
		if err := st.syncTo(danEnd, danCuts); err == nil || !strings.Contains(err.Error(), "disk on fire") {
			t.Errorf("dan's line, cut off, then passed by %s's: %v", who, err)
		}
	}
	got, err := ReadResults(dir)
	var players []string
	for _, r := range got {
		players = append(players, r.Player)
	}
	if err != nil || strings.Join(players, " ") != "ana ben fay gus hal" {
		t.Fatalf("stored %v, %v; want ana ben fay gus hal", players, err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A game over whose result its program is still scoring is awaited: its
// player leaving does not finish it again from the save, and Close waits
// for the result to be stored.
func TestCloseAwaitsAResultBeingScored(t *testing.T) {
	dir := t.TempDir()
	room, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Resolve(DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	g := sim.NewGame(sc, sc.Seed, 0)
	g.Play(nil)
	ana, _ := room.join("ana", "")
	room.Start()
	ana.Progress(g) // over: the end screen is scoring it
	room.End()
	room.leave(ana) // the player quits while scoring
	closed := make(chan error, 1)
	go func() { closed <- room.Close() }()
	for {
		room.mu.Lock()
		c := room.closed
		room.mu.Unlock()
		if c {
			break
		}
		time.Sleep(time.Millisecond) // waits for a condition
	}
	ana.Finish(g.Debrief())
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
	got, err := ReadResults(dir)
	if err != nil || len(got) != 1 || got[0].Player != "ana" || got[0].Result.Luck == nil {
		t.Fatalf("results after Close: %v, %+v", err, got)
	}
}

// TestStoreRefusesToWriteAfterATornLine: a line that failed to write and
// could not be cut off is said, and no line is glued onto it afterwards.
func TestStoreRefusesToWriteAfterATornLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), ResultsFile)
	ro := readOnlyEmpty(t, path)
	s := &store{file: ro, sync: ro.Sync}
	rec := Record{Player: "ana", Result: finishedGame(t, 1)}
	err := s.append(rec)
	if err == nil || !strings.Contains(err.Error(), "cannot store ana's result: ") || !strings.Contains(err.Error(), "cutting off the torn line failed") {
		t.Fatalf("first append: %v", err)
	}
	rec.Player = "bo"
	if err := s.append(rec); err == nil || !strings.Contains(err.Error(), "cannot store bo's result: the results file still ends in a torn line: ") {
		t.Fatalf("second append: %v", err)
	}
	// Once the file can be cut again, the torn part goes and lines follow.
	if err := os.WriteFile(path, []byte(`{"player":"ana","fini`), 0o600); err != nil {
		t.Fatal(err)
	}
	rw, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	s.file, s.sync = rw, rw.Sync
	if err := s.append(rec); err != nil {
		t.Fatalf("append once the cut works: %v", err)
	}
	if got, err := ReadResults(filepath.Dir(path)); err != nil || len(got) != 1 || got[0].Player != "bo" {
		t.Errorf("results %+v, %v; want bo's alone", got, err)
	}
}
