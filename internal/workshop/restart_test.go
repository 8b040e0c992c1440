package workshop

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/version"
	"github.com/globomantics/globosim/internal/workshop/workshoptest"
)

// A server closed in the middle of a round and started again on the same
// folder has lost nothing: the finished game is in the results and on the
// leaderboard, the player who had not finished comes back to the week
// their game was saved at, and the host key is the same. (The test of a
// server killed without a chance to close is in cmd/globosim, on the
// real binary.)
func TestRestart(t *testing.T) {
	dir := t.TempDir()
	room, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	_, addr, stop := serve(t, room)
	room.Start()
	ana, ben := join(t, addr, "ana"), join(t, addr, "ben")
	toTheEnd(t, ana) // the end screen, scored
	weeks(ben, 3)
	ben.WaitFor("week 4/52", wait)
	hostKey := ben.HostKey()
	anaScore := standing(t, room, "ana").Score

	stop()
	ben.WaitFor("The facilitator has closed the room. Your game is saved after week 3, ben.", wait)
	if err := room.Close(); err != nil {
		t.Fatal(err)
	}

	room, err = Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer room.Close()
	if st := standing(t, room, "ana"); st.State != Done || st.Score != anaScore {
		t.Fatalf("after the restart ana is %+v, want done with %d", st, anaScore)
	}
	if st := standing(t, room, "ben"); st.State != Disconnected || st.Week != 3 {
		t.Fatalf("after the restart ben is %+v, want disconnected in week 3", st)
	}
	_, addr, stop = serve(t, room)
	defer stop()
	room.Start()

	again := workshoptest.Dial(t, addr, "ben", workshoptest.Options{})
	again.WaitFor("you stopped after week 3", wait)
	if again.HostKey() != hostKey {
		t.Fatalf("the host key changed: %s, then %s", hostKey, again.HostKey())
	}
	again.Type("\r")
	again.WaitFor("week 4/52", wait)
	again.WaitFor("Welcome back", wait)
	weeks(again, 1)
	again.WaitFor("week 5/52", wait)

	done := workshoptest.Dial(t, addr, "ana", workshoptest.Options{})
	done.WaitFor("Your game in this round is over, ana.", wait)
	done.WaitFor("of the room's 2 players", wait)
	if n := len(results(t, dir)); n != 1 {
		t.Fatalf("%d results after the restart, want 1", n)
	}
}

// A folder that holds another world's games is refused.
func TestOpenRefusesAnotherWorld(t *testing.T) {
	dir := t.TempDir()
	room, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	_, addr, stop := serve(t, room)
	room.Start()
	c := join(t, addr, "ana")
	weeks(c, 1)
	c.WaitFor("week 2/52", wait)
	eventually(t, wait, "the save", func() bool { return standing(t, room, "ana").Week == 1 })
	stop()
	room.Close()

	_, err = Open(Config{DataDir: dir, Seed: 7, SeedSet: true})
	if err == nil || !strings.Contains(err.Error(), "saved games of Globomantics with seed 1, and this room plays Globomantics with seed 7") {
		t.Fatalf("opening with another seed: %v", err)
	}
}

// A folder whose finished games another globosim played, or another text
// of the scenario, is refused, naming whose game it is, unless the room is
// opened with Force; a game stored before globosim recorded these is kept
// and said to be unchecked, once.
func TestOpenRefusesAnotherOrigin(t *testing.T) {
	sc, err := scenario.Resolve(DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	g := sim.NewGame(sc, sc.Seed, 0)
	g.RunUntil(sc.Week())
	stamped := report.Stamp(g.Result(), sc)
	store := func(results map[string]sim.Result) string {
		dir := t.TempDir()
		var lines []byte
		for _, name := range slices.Sorted(maps.Keys(results)) {
			line, err := json.Marshal(Record{Player: name, Finished: time.Unix(0, 0).UTC(), Result: results[name]})
			if err != nil {
				t.Fatal(err)
			}
			lines = append(append(lines, line...), '\n')
		}
		if err := os.WriteFile(filepath.Join(dir, ResultsFile), lines, 0o600); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	with := func(change func(*sim.Result)) sim.Result {
		r := stamped
		change(&r)
		return r
	}

	otherBuild := store(map[string]sim.Result{"ana": stamped, "ben": with(func(r *sim.Result) { r.GlobosimVersion = "v9.9.9" })})
	_, err = Open(Config{DataDir: otherBuild})
	if err == nil || !strings.Contains(err.Error(), "holds ben's finished game, played with globosim v9.9.9, and this is globosim "+version.String()) ||
		!strings.Contains(err.Error(), "--force opens it anyway") {
		t.Fatalf("another globosim: %v", err)
	}
	otherText := store(map[string]sim.Result{"cleo": with(func(r *sim.Result) { r.ScenarioSHA256 = strings.Repeat("ab", 32) })})
	_, err = Open(Config{DataDir: otherText})
	if err == nil || !strings.Contains(err.Error(), "holds cleo's finished game, played on another text of Globomantics (scenario_sha256 abababababab…, this room's "+sc.SourceSHA256[:12]+"…)") {
		t.Fatalf("another scenario text: %v", err)
	}

	room, err := Open(Config{DataDir: otherBuild, Force: true})
	if err != nil {
		t.Fatalf("--force: %v", err)
	}
	if ev := roomEvents(room); !strings.Contains(ev, "Warning: "+otherBuild+" holds ben's finished game, played with globosim v9.9.9") || !strings.Contains(ev, "opened anyway (--force)") {
		t.Errorf("--force: the events do not warn:\n%s", ev)
	}
	room.Close()

	old := store(map[string]sim.Result{"dan": with(func(r *sim.Result) { r.GlobosimVersion, r.ScenarioSHA256 = "", "" }),
		"eve": with(func(r *sim.Result) { r.GlobosimVersion, r.ScenarioSHA256 = "", "" }), "fay": stamped})
	room, err = Open(Config{DataDir: old})
	if err != nil {
		t.Fatalf("old results: %v", err)
	}
	defer room.Close()
	if ev := roomEvents(room); strings.Count(ev, "2 finished games were stored by a globosim that did not record its version or the scenario's text") != 1 {
		t.Errorf("old results: the events do not say once that they are unchecked:\n%s", ev)
	}
}

func roomEvents(r *Room) string {
	var b strings.Builder
	for _, e := range r.Snapshot().Events {
		b.WriteString(e.Text + "\n")
	}
	return b.String()
}
