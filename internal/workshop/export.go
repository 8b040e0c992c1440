package workshop

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/globomantics/globosim/internal/atomicfile"
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

// Export writes the finished games stored in a room's folder (dataDir) to
// outDir: results.csv, one row per player with the key numbers, ranked;
// and debrief.md, the room's Markdown debrief as `globosim compare
// --format markdown` writes it. It returns the paths written.
//
// Inside the room's folder they are the facilitator's alone (folders
// 0700, files 0600), as everything there is; anywhere else they are made
// as any file the facilitator makes (0777 and 0666 less the umask), so
// that a debrief can be shared.
func Export(dataDir, outDir string) (csvPath, mdPath string, err error) {
	records, err := ReadResults(dataDir)
	if err != nil {
		return "", "", err
	}
	if len(records) == 0 {
		return "", "", fmt.Errorf("%s has no finished games yet", dataDir)
	}
	players, finished := playersOf(records)

	var md bytes.Buffer
	if err := report.Compare(&md, "markdown", players); err != nil {
		return "", "", err
	}
	rounds, err := exportRounds(dataDir, records, &md)
	if err != nil {
		return "", "", err
	}
	var rows bytes.Buffer
	if err := writeResultsCSV(&rows, players, finished); err != nil {
		return "", "", err
	}
	dirMode, fileMode := fs.FileMode(0o777), fs.FileMode(0o666)
	if within(dataDir, outDir) {
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

// Export writes the room's finished games to outDir ("" is the room's
// folder), as the package's Export does, and notes it in the room's events.
func (r *Room) Export(outDir string) (csvPath, mdPath string, err error) {
	if outDir == "" {
		outDir = r.cfg.DataDir
	}
	csvPath, mdPath, err = Export(r.cfg.DataDir, outDir)
	if err == nil {
		r.event("Exported the results to %s and %s.", csvPath, mdPath)
	}
	return csvPath, mdPath, err
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

// resultsHeader is the first row of results.csv.
var resultsHeader = []string{
	"rank", "player", "finished", "won", "weeks", "score", "market_share", "budget",
	"dora_band", "deploys_per_week", "lead_time_for_changes_hours", "change_failure_rate", "time_to_restore_hours",
	"lead_time_p50_hours", "completed", "incidents", "decisions", "outcome",
}

func writeResultsCSV(w *bytes.Buffer, players []report.Player, finished map[string]time.Time) error {
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
	for _, st := range report.Rank(players).Standings {
		r := byName[st.Player].Result
		s := &r.Summary
		cw.Write([]string{
			strconv.Itoa(st.Rank), text(st.Player), finished[nameKey(st.Player)].Format(time.RFC3339), strconv.FormatBool(st.Won),
			strconv.Itoa(st.Weeks), strconv.Itoa(st.Score), f(st.MarketShare), strconv.FormatInt(st.Budget, 10),
			text(st.DORABand.String()), f(s.DORA.DeploysPerWeek), fm(s.DORA.LeadTimeForChanges), fm(s.DORA.ChangeFailureRate), fm(s.DORA.TimeToRestore),
			f(s.LeadTime.P50), strconv.Itoa(s.Completed), strconv.Itoa(s.Incidents), strconv.Itoa(st.Decisions), text(st.Outcome),
		})
	}
	cw.Flush()
	return cw.Error()
}
