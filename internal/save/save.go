// Package save keeps a game between sessions. A save holds what the game
// was made from, not its state: the scenario's text, the seed, the horizon
// and the decision log, each decision with the minute it was taken.
// Loading replays them, so a resumed game is exactly the game that was
// saved, and a save cannot drift from it.
package save

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/globomantics/globosim/internal/atomicfile"
	"github.com/globomantics/globosim/internal/inputfile"
	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// Version is the save format this package writes and reads.
const Version = 1

// File is a saved game, as stored in JSON.
type File struct {
	Version  int    `json:"version"`
	Scenario string `json:"scenario"` // the scenario's name, for people
	Filename string `json:"filename"` // where the scenario came from: "globomantics.toml"
	Source   string `json:"source"`   // the scenario's TOML text
	Seed     uint64 `json:"seed"`
	Weeks    int    `json:"weeks"`     // the horizon
	Week     int    `json:"week"`      // weeks played
	At       int64  `json:"at_minute"` // the simulated minute reached
	// Decisions is the decision log, oldest first, in the sim's own
	// encoding: kind and parameters, the minute and what the game said.
	Decisions []sim.LoggedDecision `json:"decisions"`
	// Scheduled is what the facilitator of a room scheduled for the game,
	// each with whether it has fired and after how many decisions.
	Scheduled []sim.ScheduledEvent `json:"scheduled,omitempty"`
	// State is where the game stood; loading checks the replay reaches it.
	State  State  `json:"state"`
	Player string `json:"player,omitempty"`
	// Saved is when the file was written; it plays no part in the game.
	Saved time.Time `json:"saved"`
}

// State is a few numbers of a game at a moment: enough to tell whether a
// replay is the game the player saw.
type State struct {
	Cash        int64   `json:"cash"`
	MarketShare float64 `json:"market_share"` // exact, not rounded
	Score       int     `json:"score"`
	Completed   int     `json:"completed"`
	InProgress  int     `json:"in_progress"`
	Incidents   int     `json:"incidents"`
}

func stateOf(g *sim.Game) State {
	r := g.Result()
	return State{
		Cash: g.Cash(), MarketShare: g.Share(), Score: r.Summary.Score,
		Completed: r.Summary.Completed, InProgress: r.Summary.WIPEnd, Incidents: r.Summary.Incidents,
	}
}

// New records the game g of the scenario text src (read from filename) for
// the player (may be empty).
func New(filename string, src []byte, g *sim.Game, player string) *File {
	f := &File{
		Version:   Version,
		Scenario:  g.Scenario().Name,
		Filename:  filename,
		Source:    string(src),
		Seed:      g.Sim().Seed(),
		Weeks:     g.Weeks(),
		Week:      g.Week(),
		At:        int64(g.Now()),
		State:     stateOf(g),
		Player:    player,
		Saved:     time.Now().UTC().Truncate(time.Second),
		Scheduled: g.Scheduled(),
	}
	f.Decisions = slices.Clone(g.Log()) // the log leaves Name empty: no "name" in a save
	return f
}

// Game rebuilds the saved game by replaying its decisions on its scenario
// and seed. It fails, saying why, if the scenario no longer loads or the
// game does not replay to what was saved: a save made by another version of
// globosim, or edited by hand.
func (f *File) Game() (*sim.Game, error) {
	sc, err := scenario.Parse(f.Filename, []byte(f.Source))
	if err != nil {
		return nil, fmt.Errorf("the scenario in this save no longer loads, so it was made with a different version of the game:\n%w", err)
	}
	if f.Weeks < 1 || f.Weeks > scenario.MaxWeeks {
		return nil, fmt.Errorf("the save's horizon of %d weeks is not between 1 and %d", f.Weeks, scenario.MaxWeeks)
	}
	end := int64(f.Weeks) * int64(sc.Week())
	if f.At < 0 || f.At > end {
		return nil, fmt.Errorf("the save is at minute %d, outside a game of %d weeks", f.At, f.Weeks)
	}
	log := slices.Clone(f.Decisions)
	for i, d := range log {
		if d.At < 0 || int64(d.At) > f.At {
			return nil, fmt.Errorf("decision %d (%q) was taken at minute %d, after the save's minute %d", i+1, d.Text, d.At, f.At)
		}
		if d.Decision.Kind == 0 {
			return nil, fmt.Errorf("decision %d (%q) has no kind", i+1, d.Text)
		}
		log[i].Name = "" // a report's, not the log's: the replay's log has none
	}
	g, err := sim.ReplaySchedule(sc, f.Seed, f.Weeks, f.Scheduled, log, sim.Time(f.At))
	if err != nil {
		return nil, fmt.Errorf("this save was made with a different version of the game, or edited: its decisions no longer replay (%w)", err)
	}
	if err := sameGame(g, f, log); err != nil {
		return nil, fmt.Errorf("this save was made with a different version of the game, or edited: %w", err)
	}
	return g, nil
}

// sameGame checks that the replayed game took the saved decisions with the
// same outcome and reached the same point: the game the player left.
func sameGame(g *sim.Game, f *File, log []sim.LoggedDecision) error {
	got := g.Log()
	for i := range log {
		if i >= len(got) {
			return fmt.Errorf("decision %d (%q) was not taken again", i+1, log[i].Text)
		}
		if got[i] != log[i] {
			return fmt.Errorf("week %d: the save says %q, the replay %q in week %d", log[i].Week, log[i].Text, got[i].Text, got[i].Week)
		}
	}
	if len(got) > len(log) {
		return fmt.Errorf("the replay took %d decisions, the save holds %d", len(got), len(log))
	}
	if int64(g.Now()) != f.At || g.Week() != f.Week {
		return fmt.Errorf("the replay stopped in week %d (minute %d), the save is of week %d (minute %d)", g.Week(), g.Now(), f.Week, f.At)
	}
	if s := stateOf(g); s != f.State {
		return fmt.Errorf("the replay reaches week %d with $%s, %.2f%% of the market and a score of %d; the save says $%s, %.2f%% and %d",
			g.Week(), prose.Dollars(s.Cash), 100*s.MarketShare, s.Score, prose.Dollars(f.State.Cash), 100*f.State.MarketShare, f.State.Score)
	}
	return nil
}

// Write stores f at path atomically: the previous save stays whole until
// the new one is complete on disk. It creates the directory (0700) if
// needed; the file is readable by its owner only.
func Write(path string, f *File) error {
	data, err := encode(path, f)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(path, data, 0o600); err != nil {
		return fmt.Errorf("cannot save the game: %w", err)
	}
	return nil
}

// encode is f as written to path, whose folder it creates (0700) if
// needed.
func encode(path string, f *File) ([]byte, error) {
	// Compact: a save is rewritten every week of every game in a room, and
	// indenting its 18 KB of scenario text cost twenty times the encoding.
	data, err := json.Marshal(f)
	if err != nil {
		return nil, fmt.Errorf("cannot save the game: %w", err)
	}
	data = append(data, '\n')
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot save the game: %w", err)
	}
	return data, nil
}

// Read loads the save at path. A missing file is an error that
// errors.Is(err, fs.ErrNotExist); any other problem is one error that names
// the path and says what is wrong with the file.
func Read(path string) (*File, error) {
	data, err := inputfile.Read(path, inputfile.Save)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no saved game: %w", path, fs.ErrNotExist)
		}
		return nil, fmt.Errorf("%s: cannot read the saved game: %w", path, err)
	}
	f, err := decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// decode reads a save's JSON and checks what can be checked without
// replaying it.
func decode(data []byte) (*File, error) {
	var head struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("not a globosim save, or a damaged one: %w", jsonProblem(data, err))
	}
	switch {
	case head.Version == nil:
		return nil, errors.New("not a globosim save: it has no version")
	case *head.Version != Version:
		return nil, fmt.Errorf("saved in format version %d; this globosim reads version %d", *head.Version, Version)
	}
	var f File
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("a damaged save: %w", badDecision(data, err))
	}
	var problems []string
	if f.Source == "" {
		problems = append(problems, "no scenario text")
	}
	if f.Weeks < 1 {
		problems = append(problems, fmt.Sprintf("a horizon of %d weeks", f.Weeks))
	}
	if f.Week < 0 || f.At < 0 {
		problems = append(problems, fmt.Sprintf("a negative week (%d) or minute (%d)", f.Week, f.At))
	}
	for i, d := range f.Decisions {
		if d.Decision.Kind == 0 {
			problems = append(problems, fmt.Sprintf("decision %d has no kind", i+1))
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("a damaged save: %s", strings.Join(problems, "; "))
	}
	return &f, nil
}

// badDecision is err, the failure to decode data, said of the decision
// that caused it ("decision 2: ..."): a decision decodes itself, so the
// decoder cannot say which one was wrong. Any other failure is err, with
// its line.
func badDecision(data []byte, err error) error {
	var all struct {
		Decisions []json.RawMessage `json:"decisions"`
	}
	if json.Unmarshal(data, &all) == nil {
		for i, raw := range all.Decisions {
			var d sim.LoggedDecision
			if e := json.Unmarshal(raw, &d); e != nil {
				return fmt.Errorf("decision %d: %w", i+1, e)
			}
		}
	}
	return jsonProblem(data, err)
}

// jsonProblem says where in the file a JSON error is, as a line number.
func jsonProblem(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var off int64 = -1
	switch {
	case errors.As(err, &syn):
		off = syn.Offset
	case errors.As(err, &typ):
		off = typ.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return err
	}
	return fmt.Errorf("line %d: %w", 1+bytes.Count(data[:off], []byte("\n")), err)
}
