package save

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/sim"
)

// TestOldSavesStillLoad reads saves written before the save used the sim's
// own decision encoding. testdata/save-2026-12-02.json was written by the
// code of 7a88322 (a save.Decision per decision): ten decisions of all
// seven kinds, mid-week minutes, a share, answers and a fired scheduled
// event. It loads, and saving the rebuilt game writes its decisions byte
// for byte as they were: the format did not change. Its "state" (what the
// replay must reach) was set again when the normals came to be drawn by a
// ziggurat, which changed every game's numbers; everything else is as that
// code wrote it (save-2026-12-02-polar.json is the file whole).
func TestOldSavesStillLoad(t *testing.T) {
	const path = "testdata/save-2026-12-02.json"
	f, g, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[sim.DecisionKind]bool{}
	for _, d := range g.Log() {
		kinds[d.Decision.Kind] = true
	}
	if len(g.Log()) != 10 || len(kinds) != 7 || g.Log()[7].Decision.Share != 0.15 || len(g.Scheduled()) != 1 || f.Week != 8 {
		t.Fatalf("loaded %d decisions of %d kinds, schedule %+v, week %d", len(g.Log()), len(kinds), g.Scheduled(), f.Week)
	}
	decisions := func(data []byte) json.RawMessage {
		var m struct {
			Decisions json.RawMessage `json:"decisions"`
		}
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		return m.Decisions
	}
	old, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	again, err := json.Marshal(New(f.Filename, []byte(f.Source), g, f.Player))
	if err != nil {
		t.Fatal(err)
	}
	if a, b := decisions(old), decisions(again); !bytes.Equal(a, b) {
		t.Errorf("the decisions are written differently now:\nold %s\nnew %s", a, b)
	}
}

// TestPolarSaveReads: the same save as that code wrote it, whole. Its game
// was played with the polar method's normals, so its replay no longer
// reaches the state it records: it reads, and loading says in a line that
// another version made it.
func TestPolarSaveReads(t *testing.T) {
	const path = "testdata/save-2026-12-02-polar.json"
	f, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[sim.DecisionKind]bool{}
	for _, d := range f.Decisions {
		kinds[d.Decision.Kind] = true
	}
	if len(f.Decisions) != 10 || len(kinds) != 7 || f.Week != 8 {
		t.Fatalf("read %d decisions of %d kinds, week %d", len(f.Decisions), len(kinds), f.Week)
	}
	_, g, err := Load(path)
	if err == nil || g != nil || !strings.Contains(err.Error(), "this save was made with a different version of the game") || strings.Contains(err.Error(), "\n") {
		t.Errorf("Load: %v", err)
	}
}

// TestNovemberSaveReads is a save written by the code of 925046d
// (2026-11-27; written with it today, so its "saved" is today): the format still reads, every decision with its kind. The
// game has changed since (an investment now says what it needs of the
// team), so its replay no longer matches and loading says so, in a line.
func TestNovemberSaveReads(t *testing.T) {
	const path = "testdata/save-2026-11-27.json"
	f, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []sim.DecisionKind{sim.Invest, sim.Invest, sim.Invest, sim.SetWIPLimit, sim.SetReleaseCadence, sim.Hire, sim.SetSlicing}
	if len(f.Decisions) != len(want) {
		t.Fatalf("%d decisions", len(f.Decisions))
	}
	for i, d := range f.Decisions {
		if d.Decision.Kind != want[i] || d.Text == "" {
			t.Errorf("decision %d: %+v", i+1, d)
		}
	}
	if f.Decisions[4].Decision.Every != 3*2400 || f.Decisions[2].At != 3497 {
		t.Errorf("parameters lost: %+v, %+v", f.Decisions[4], f.Decisions[2])
	}
	if _, g, err := Load(path); err != nil && !strings.Contains(err.Error(), "this save was made with a different version of the game") || g != nil && err != nil {
		t.Errorf("Load: %v", err)
	}
}
