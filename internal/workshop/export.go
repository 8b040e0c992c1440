package workshop

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/globomantics/globosim/internal/report"
)

// The names Export writes.
const (
	ExportCSV     = "results.csv"
	ExportDebrief = "debrief.md"
)

// Export writes the finished games stored in a room's folder (dataDir) to
// outDir: results.csv, one row per player with the key numbers, ranked;
// and debrief.md, the room's Markdown debrief as `globosim compare
// --format markdown` writes it. It returns the paths written.
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
	var rows bytes.Buffer
	if err := writeResultsCSV(&rows, players, finished); err != nil {
		return "", "", err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return "", "", fmt.Errorf("cannot make %s: %w", outDir, err)
	}
	csvPath, mdPath = filepath.Join(outDir, ExportCSV), filepath.Join(outDir, ExportDebrief)
	if err := writeFile(csvPath, rows.Bytes()); err != nil {
		return "", "", err
	}
	if err := writeFile(mdPath, md.Bytes()); err != nil {
		return "", "", err
	}
	return csvPath, mdPath, nil
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
	for _, st := range report.Rank(players).Standings {
		r := byName[st.Player].Result
		s := &r.Summary
		cw.Write([]string{
			strconv.Itoa(st.Rank), st.Player, finished[nameKey(st.Player)].Format(time.RFC3339), strconv.FormatBool(st.Won),
			strconv.Itoa(st.Weeks), strconv.Itoa(st.Score), f(st.MarketShare), strconv.FormatInt(st.Budget, 10),
			st.DORABand, f(s.DORA.DeploysPerWeek), f(s.DORA.LeadTimeForChanges), f(s.DORA.ChangeFailureRate), f(s.DORA.TimeToRestore),
			f(s.LeadTime.P50), strconv.Itoa(s.Completed), strconv.Itoa(s.Incidents), strconv.Itoa(st.Decisions), st.Outcome,
		})
	}
	cw.Flush()
	return cw.Error()
}

// writeFile writes data to path whole or not at all.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
