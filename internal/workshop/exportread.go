package workshop

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/globomantics/globosim/internal/save"
	"github.com/globomantics/globosim/internal/scenario"
)

// Progress is a game not yet finished when an export was written: where
// it stood.
type Progress struct {
	Player string
	// State is the player's state in a live room (lobby, playing,
	// disconnected), or "saved" for a game read from its save.
	State       string
	Week, Weeks int // the weeks played, of the horizon
	Score       int
	Share       float64 // market share, 0..1
	Cash        int64
	HasCash     bool // Cash is known (from the save)
}

// StateSaved is the state of a game in progress read from its save.
const StateSaved = "saved"

// maxSavesRead bounds the saves an export reads from one room's folder
// (each is capped in size by save.Read): a folder holds about as many as
// the room had players; more are counted, not read.
const maxSavesRead = 2000

// roomGames is what an export reads from one room's folder.
type roomGames struct {
	dir     string
	label   string // "room N" when merged, "" alone
	records []Record
	rounds  []RoundRecord // where each game stood at each gate
	playing []Progress
	origins []origin // of every record, then every save read
	unread  int      // saves that could not be read, or beyond maxSavesRead
}

// origin is the world a stored game was played in, and by whom.
type origin struct {
	player   string
	saved    bool // from a save (which does not record the globosim)
	scenario string
	seed     uint64
	globosim string // "" if not recorded
	sha256   string // of the scenario's text; "" if not recorded
}

// readRoom reads a room's folder: its finished games, and the saves of
// the games not finished (at most maxSavesRead).
func readRoom(dir, label string) (roomGames, error) {
	records, err := ReadResults(dir)
	if err != nil {
		return roomGames{}, err
	}
	rounds, err := ReadRounds(dir)
	if err != nil {
		return roomGames{}, err
	}
	rm := roomGames{dir: dir, label: label, records: records, rounds: rounds}
	done := map[string]bool{}
	for _, rec := range records {
		done[nameKey(rec.Player)] = true
		res := &rec.Result
		rm.origins = append(rm.origins, origin{player: rec.Player, scenario: res.Scenario, seed: res.Seed, globosim: res.GlobosimVersion, sha256: res.ScenarioSHA256})
	}
	paths, err := filepath.Glob(filepath.Join(dir, PlayersDir, "*.json"))
	if err != nil {
		return roomGames{}, err
	}
	slices.Sort(paths)
	read := 0
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		if CheckName(name) != nil || done[nameKey(name)] {
			continue // not a player's save, or finished: the result has it all
		}
		if read == maxSavesRead {
			rm.unread++
			continue
		}
		read++
		f, err := save.Read(path)
		if err != nil {
			rm.unread++
			continue
		}
		if f.Player != "" && nameKey(f.Player) == nameKey(name) {
			name = f.Player
		}
		rm.playing = append(rm.playing, Progress{Player: name, State: StateSaved, Week: f.Week, Weeks: f.Weeks,
			Score: f.State.Score, Share: f.State.MarketShare, Cash: f.State.Cash, HasCash: true})
		rm.origins = append(rm.origins, origin{player: name, saved: true, scenario: f.Scenario, seed: f.Seed, sha256: scenario.SHA256([]byte(f.Source))})
	}
	return rm, nil
}

// readRooms reads every folder of a merge, refuses a folder named twice
// or of another world than the first's, and renames a player of a later
// room whose name an earlier room has.
func readRooms(dirs []string) ([]roomGames, error) {
	if len(dirs) == 0 {
		return nil, fmt.Errorf("no room folder to export")
	}
	seen := map[string]string{}
	var rooms []roomGames
	for i, dir := range dirs {
		abs, err := filepath.Abs(dir)
		if err != nil {
			abs = dir
		}
		if first, ok := seen[abs]; ok {
			return nil, fmt.Errorf("%s is named twice (as %s too): name each room's folder once", dir, first)
		}
		seen[abs] = dir
		label := ""
		if len(dirs) > 1 {
			label = fmt.Sprintf("room %d", i+1)
		}
		rm, err := readRoom(dir, label)
		if err != nil {
			return nil, err
		}
		rooms = append(rooms, rm)
	}
	if len(rooms) > 1 {
		if err := sameWorlds(rooms); err != nil {
			return nil, err
		}
		renameAcross(rooms)
	}
	return rooms, nil
}

// sameWorlds fails, naming the folders and a game that differ, unless
// every game of every room was played in the world of the first game
// found: the same scenario and seed, and the same globosim and scenario
// text wherever both games record them.
func sameWorlds(rooms []roomGames) error {
	var ref origin
	refDir, found := "", false
	for _, rm := range rooms {
		if len(rm.origins) > 0 {
			ref, refDir, found = rm.origins[0], rm.dir, true
			break
		}
	}
	if !found {
		return nil
	}
	for _, rm := range rooms {
		for _, o := range rm.origins {
			why := differs(ref, o)
			if why == "" {
				continue
			}
			what := "finished game"
			if o.saved {
				what = "saved game"
			}
			return fmt.Errorf("cannot merge %s with %s, which are not one world: %s's %s in %s %s, as %s's in %s did; merge only rooms served with the same globosim, scenario file and seed",
				rm.dir, refDir, o.player, what, rm.dir, why, ref.player, refDir)
		}
	}
	return nil
}

// differs says how o's world differs from ref's, or "" if it does not.
func differs(ref, o origin) string {
	switch {
	case o.scenario != ref.scenario:
		return fmt.Sprintf("played %s, not %s", o.scenario, ref.scenario)
	case o.seed != ref.seed:
		return fmt.Sprintf("played seed %d, not %d", o.seed, ref.seed)
	case o.globosim != "" && ref.globosim != "" && o.globosim != ref.globosim:
		return fmt.Sprintf("was played with globosim %s, not %s", o.globosim, ref.globosim)
	case o.sha256 != "" && ref.sha256 != "" && o.sha256 != ref.sha256:
		return fmt.Sprintf("was played on another text of %s (scenario_sha256 %.12s…, not %.12s…)", o.scenario, o.sha256, ref.sha256)
	}
	return ""
}

// renameAcross gives a player of a later room whose name an earlier room
// has the name "name (room N)": two rooms, two people.
func renameAcross(rooms []roomGames) {
	taken := map[string]bool{}
	for _, rm := range rooms {
		mine := map[string]bool{}
		rename := func(name string) string {
			k := nameKey(name)
			mine[k] = true
			if taken[k] {
				return name + " (" + rm.label + ")"
			}
			return name
		}
		for i := range rm.records {
			rm.records[i].Player = rename(rm.records[i].Player)
		}
		for i := range rm.playing {
			rm.playing[i].Player = rename(rm.playing[i].Player)
		}
		for i := range rm.rounds {
			rm.rounds[i].Player = rename(rm.rounds[i].Player)
		}
		for k := range mine {
			taken[k] = true
		}
	}
}

// joinDirs names the rooms' folders for a message.
func joinDirs(rooms []roomGames) string {
	dirs := make([]string, len(rooms))
	for i, rm := range rooms {
		dirs[i] = rm.dir
	}
	return strings.Join(dirs, ", ")
}
