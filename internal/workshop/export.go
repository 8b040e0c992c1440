package workshop

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/globomantics/globosim/internal/atomicfile"
	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/textsafe"
)

// The names Export writes.
const (
	ExportCSV     = "results.csv"
	ExportDebrief = "debrief.md"
	ExportRounds  = "rounds.csv" // when the room played in rounds
)

// Export writes the games of a room's folder (dataDir) to outDir:
// results.csv, one row per player with the key numbers, the finished games
// ranked and then the games still in progress (from their saves, where they
// stood); and debrief.md, the room's Markdown debrief as `globosim compare
// --format markdown` writes it, with the games in progress after it. It
// returns the paths written.
//
// Inside the room's folder they are the facilitator's alone (folders
// 0700, files 0600), as everything there is; anywhere else they are made
// as any file the facilitator makes (0777 and 0666 less the umask), so
// that a debrief can be shared.
func Export(dataDir, outDir string) (csvPath, mdPath string, err error) {
	return ExportRooms([]string{dataDir}, outDir)
}

// ExportRooms is Export over the folders of several rooms that served one
// hall: their games merged into one ranking and one debrief. It refuses
// folders of different worlds (another scenario, seed, scenario text or
// globosim), naming the folder and the game that differ. A name played in
// two rooms is two people: the later room's is shown as "name (room N)",
// N the folder's place in dataDirs from 1. It refuses rooms whose
// facilitators scheduled different events, too.
func ExportRooms(dataDirs []string, outDir string) (csvPath, mdPath string, err error) {
	rooms, err := readRooms(dataDirs)
	if err != nil {
		return "", "", err
	}
	if len(rooms) > 1 {
		var all []report.Player
		for _, rm := range rooms {
			ps, _ := playersOf(rm.records)
			all = append(all, ps...)
		}
		if err := report.SameSchedule(all); err != nil {
			return "", "", fmt.Errorf("cannot merge these rooms: %w; merge only rooms whose facilitators scheduled the same events", err)
		}
	}
	private := false
	for _, dir := range dataDirs {
		private = private || within(dir, outDir)
	}
	return writeExport(rooms, outDir, private)
}

// writeExport renders the rooms' games and writes them to outDir.
func writeExport(rooms []roomGames, outDir string, private bool) (csvPath, mdPath string, err error) {
	var players []report.Player
	var playing []Progress
	finished := map[string]time.Time{}
	from := map[string]string{} // the room a player played in, when merged
	for _, rm := range rooms {
		ps, fin := playersOf(rm.records)
		players = append(players, ps...)
		maps.Copy(finished, fin)
		playing = append(playing, rm.playing...)
		if len(rooms) > 1 {
			for _, p := range ps {
				from[nameKey(p.Name)] = rm.label
			}
			for _, p := range rm.playing {
				from[nameKey(p.Player)] = rm.label
			}
		}
	}
	if len(players) == 0 && len(playing) == 0 {
		if len(rooms) == 1 {
			return "", "", fmt.Errorf("%s has no games yet, finished or in progress", rooms[0].dir)
		}
		return "", "", fmt.Errorf("%s have no games yet, finished or in progress", joinDirs(rooms))
	}
	slices.SortStableFunc(playing, func(a, b Progress) int {
		if a.Score != b.Score {
			return b.Score - a.Score
		}
		return strings.Compare(nameKey(a.Player), nameKey(b.Player))
	})

	var md bytes.Buffer
	if len(players) > 0 {
		if err := report.Compare(&md, "markdown", players); err != nil {
			return "", "", err
		}
	} else {
		md.WriteString("# The room\n\nNo game has finished yet.\n")
	}
	var records []Record
	var roundRecs []RoundRecord
	for _, rm := range rooms {
		records = append(records, rm.records...)
		roundRecs = append(roundRecs, rm.rounds...)
	}
	rounds, err := renderRounds(roundRecs, records, playing, &md)
	if err != nil {
		return "", "", err
	}
	writeInProgressMarkdown(&md, playing, from)
	writeRoomsMarkdown(&md, rooms)
	var rows bytes.Buffer
	if err := writeResultsCSV(&rows, players, finished, playing, from); err != nil {
		return "", "", err
	}
	dirMode, fileMode := fs.FileMode(0o777), fs.FileMode(0o666)
	if private {
		dirMode, fileMode = 0o700, 0o600
	}
	if err := os.MkdirAll(outDir, dirMode); err != nil {
		return "", "", fmt.Errorf("cannot make %s: %w", outDir, err)
	}
	csvPath, mdPath = filepath.Join(outDir, ExportCSV), filepath.Join(outDir, ExportDebrief)
	if err := atomicfile.Write(csvPath, rows.Bytes(), fileMode); err != nil {
		return "", "", err
	}
	if err := atomicfile.Write(mdPath, md.Bytes(), fileMode); err != nil {
		return "", "", err
	}
	if rounds != nil {
		if err := atomicfile.Write(filepath.Join(outDir, ExportRounds), rounds, fileMode); err != nil {
			return "", "", err
		}
	}
	return csvPath, mdPath, nil
}

// within reports whether dir is the room's folder or inside it; when the
// paths cannot be compared, it says yes, the private answer.
func within(room, dir string) bool {
	a, err1 := filepath.Abs(room)
	b, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return true
	}
	rel, err := filepath.Rel(a, b)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Export writes the room's games to outDir ("" is the room's folder), as
// the package's Export does, with the games in progress as they stand now
// (lobby, playing or disconnected, and the week each has reached), and
// notes it in the room's events. It reads the folder, so it belongs in a
// command, off the board's Update.
func (r *Room) Export(outDir string) (csvPath, mdPath string, err error) {
	if outDir == "" {
		outDir = r.cfg.DataDir
	}
	sn := r.Snapshot()                     // before the folder: a game finishing meanwhile is then in the results
	if err := r.saves.Sync(); err != nil { // the games in progress as they stand, not as the last batch left them
		r.event("%v", err)
	}
	rm, err := readRoom(r.cfg.DataDir, "")
	if err != nil {
		return "", "", err
	}
	rm.playing = liveProgress(sn, rm)
	csvPath, mdPath, err = writeExport([]roomGames{rm}, outDir, within(r.cfg.DataDir, outDir))
	if err == nil {
		r.event("Exported the results to %s and %s.", csvPath, mdPath)
	}
	return csvPath, mdPath, err
}

// liveProgress is the room's games in progress as the snapshot has them
// (the money from the save for a game the room has not seen move).
func liveProgress(sn Snapshot, rm roomGames) []Progress {
	saved := map[string]Progress{}
	for _, p := range rm.playing {
		saved[nameKey(p.Player)] = p
	}
	done := map[string]bool{}
	for _, rec := range rm.records {
		done[nameKey(rec.Player)] = true
	}
	var out []Progress
	for _, st := range sn.Standings {
		if st.State == Done || done[nameKey(st.Player)] {
			continue
		}
		p := Progress{Player: st.Player, State: st.State.String(), Week: st.Week, Weeks: st.Weeks, Score: st.Score, Share: st.Share}
		switch s, ok := saved[nameKey(st.Player)]; {
		case st.Week > 0:
			p.Cash, p.HasCash = st.Cash, true
		case ok:
			p.Cash, p.HasCash = s.Cash, s.HasCash
		}
		out = append(out, p)
	}
	return out
}

// playersOf turns records into report players, one per name (the first
// result stands), with when each finished.
func playersOf(records []Record) ([]report.Player, map[string]time.Time) {
	var players []report.Player
	finished := map[string]time.Time{}
	for _, rec := range records {
		if _, ok := finished[nameKey(rec.Player)]; ok {
			continue
		}
		finished[nameKey(rec.Player)] = rec.Finished
		players = append(players, report.Player{Name: rec.Player, Result: rec.Result})
	}
	return players, finished
}

// resultsHeader is the first row of results.csv. state and room came
// last, so the columns before them kept their places.
var resultsHeader = []string{
	"rank", "player", "finished", "won", "weeks", "score", "market_share", "budget",
	"dora_band", "deploys_per_week", "lead_time_for_changes_hours", "change_failure_rate", "time_to_restore_hours",
	"lead_time_p50_hours", "completed", "incidents", "decisions", "outcome", "state", "room",
}

// writeResultsCSV writes the finished games, ranked, then the games in
// progress (no rank, weeks the weeks played so far, their other numbers
// where the game stood). from names each player's room when merged.
func writeResultsCSV(w *bytes.Buffer, players []report.Player, finished map[string]time.Time, playing []Progress, from map[string]string) error {
	cw := csv.NewWriter(w)
	cw.Write(resultsHeader)
	byName := map[string]report.Player{}
	for _, p := range players {
		byName[p.Name] = p
	}
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	// Text cells go through CSVCell so that a spreadsheet never runs one
	// as a formula (a name may begin with "-"); numbers are written as
	// numbers, a negative one included, and stay numbers.
	text := textsafe.CSVCell
	fm := func(m sim.Metric) string { // an empty cell for no value
		if x, ok := m.Get(); ok {
			return f(x)
		}
		return ""
	}
	if len(players) > 0 {
		for _, st := range report.Rank(players).Standings {
			r := byName[st.Player].Result
			s := &r.Summary
			cw.Write([]string{
				strconv.Itoa(st.Rank), text(st.Player), finished[nameKey(st.Player)].Format(time.RFC3339), strconv.FormatBool(st.Won),
				strconv.Itoa(st.Weeks), strconv.Itoa(st.Score), f(st.MarketShare), strconv.FormatInt(st.Budget, 10),
				text(st.DORABand.String()), f(s.DORA.DeploysPerWeek), fm(s.DORA.LeadTimeForChanges), fm(s.DORA.ChangeFailureRate), fm(s.DORA.TimeToRestore),
				f(s.LeadTime.P50), strconv.Itoa(s.Completed), strconv.Itoa(s.Incidents), strconv.Itoa(st.Decisions), text(st.Outcome),
				Done.String(), text(from[nameKey(st.Player)]),
			})
		}
	}
	for _, p := range playing {
		budget := ""
		if p.HasCash {
			budget = strconv.FormatInt(p.Cash, 10)
		}
		cw.Write([]string{
			"", text(p.Player), "", "", strconv.Itoa(p.Week), strconv.Itoa(p.Score), f(p.Share), budget,
			"", "", "", "", "", "", "", "", "", "", text(p.State), text(from[nameKey(p.Player)]),
		})
	}
	cw.Flush()
	return cw.Error()
}

// writeInProgressMarkdown adds the games not finished to the debrief:
// where each stood, unranked.
func writeInProgressMarkdown(b *bytes.Buffer, playing []Progress, from map[string]string) {
	if len(playing) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## Still playing\n\n%s not finished when this was written; their numbers are where their games stood, and they are not ranked.\n\n",
		prose.Count(len(playing), "game had", "games had"))
	b.WriteString("| player | state | week | score | market share | money |\n|---|---|--:|--:|--:|--:|\n")
	for _, p := range playing {
		name := textsafe.Markdown(p.Player)
		if r := from[nameKey(p.Player)]; r != "" && !strings.HasSuffix(p.Player, "("+r+")") {
			name += " (" + r + ")"
		}
		money := "–"
		if p.HasCash {
			money = prose.Dollars(p.Cash)
		}
		fmt.Fprintf(b, "| %s | %s | %d of %d | %d | %.1f%% | %s |\n", name, p.State, p.Week, p.Weeks, p.Score, 100*p.Share, money)
	}
}

// writeRoomsMarkdown says which rooms a merged debrief holds, and any
// saves an export could not read.
func writeRoomsMarkdown(b *bytes.Buffer, rooms []roomGames) {
	unread := 0
	for _, rm := range rooms {
		unread += rm.unread
	}
	if len(rooms) > 1 {
		b.WriteString("\n## Rooms\n\nThese rooms served one world (the same globosim, scenario and seed), so their games are ranked together:\n\n")
		for _, rm := range rooms {
			fmt.Fprintf(b, "- %s: %s, %s in progress (%s)\n", rm.label, prose.Count(len(rm.records), "finished game", "finished games"),
				prose.Count(len(rm.playing), "game", "games"), textsafe.Markdown(rm.dir))
		}
	}
	if unread > 0 {
		fmt.Fprintf(b, "\nNot listed: %s that could not be read (damaged, or beyond the first %d of a folder).\n",
			prose.Count(unread, "saved game", "saved games"), maxSavesRead)
	}
}
