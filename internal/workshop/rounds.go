package workshop

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/globomantics/globosim/internal/inputfile"
	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/textsafe"
	"github.com/globomantics/globosim/internal/ui"
)

// Rounds (serve --rounds 13,26): every game halts at the end of each
// listed week until the facilitator releases the next round (s). The room
// keeps every player's market share week by week, for the board's chart,
// and writes each game as it stands at each round's week to rounds.jsonl
// (append-only and synced, as the results are), for the debrief's table
// of that round: it is there after a restart.

// RoundsFile is the file of the games at each round's week, in the room's
// folder.
const RoundsFile = "rounds.jsonl"

// RoundRecord is one player's game at a round's last week: one line of
// rounds.jsonl.
type RoundRecord struct {
	Round  int    `json:"round"`     // from 1
	Gate   int    `json:"gate_week"` // the round's last week
	Player string `json:"player"`
	// Week is where the game stood when recorded: the gate's week, or
	// later for a game that passed it without the room seeing it there
	// (played before the room had rounds).
	Week  int     `json:"week"`
	Share float64 `json:"market_share"`
	// LeadTime is the DORA lead time for changes over the last quarter, in
	// hours; 0 when nothing has reached production.
	LeadTime     float64   `json:"lead_time_for_changes_hours"`
	HoursPerWeek int       `json:"hours_per_week"`
	Budget       int64     `json:"budget"`
	Score        int       `json:"score"`
	Recorded     time.Time `json:"recorded"`
}

// roundBook is the room's memory of rounds. Its maps are the room's, under
// its lock; the file has a lock of its own, taken off the room's.
type roundBook struct {
	weeks    int                  // the game's weeks: the longest a share series gets
	shares   map[string][]float64 // by nameKey: market share at the end of each week played
	recorded map[string]int       // by nameKey: how many rounds are in the file, the first ones
	told     int                  // the last gate the room's events said everyone had reached

	mu   sync.Mutex
	file *os.File
}

// openRounds opens (or creates) rounds.jsonl in dir and reads what it
// holds. A last line cut short by a crash is cut off.
func openRounds(dir string, weeks int) (*roundBook, []RoundRecord, error) {
	path := filepath.Join(dir, RoundsFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot open the rounds file: %w", err)
	}
	data, err := inputfile.ReadOpen(f, inputfile.RoomRounds)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	records, whole, err := parseRounds(path, data)
	if err == nil && whole < len(data) {
		err = f.Truncate(int64(whole))
	}
	if err == nil {
		_, err = f.Seek(0, 2)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	b := &roundBook{weeks: weeks, shares: map[string][]float64{}, recorded: map[string]int{}, file: f}
	for _, rec := range records {
		k := nameKey(rec.Player)
		b.recorded[k] = max(b.recorded[k], rec.Round)
	}
	return b, records, nil
}

// parseRounds reads the lines of rounds.jsonl; whole is the length of the
// complete lines (a last one without its newline was cut short).
func parseRounds(path string, data []byte) (records []RoundRecord, whole int, err error) {
	line := 0
	for len(data[whole:]) > 0 {
		i := bytes.IndexByte(data[whole:], '\n')
		if i < 0 {
			break // torn by a crash: never acknowledged
		}
		line++
		var rec RoundRecord
		if err := json.Unmarshal(data[whole:whole+i], &rec); err != nil || rec.Round < 1 || CheckName(rec.Player) != nil {
			return nil, 0, fmt.Errorf("%s:%d: not a round's record: leave the file as globosim wrote it, or move it away", path, line)
		}
		records = append(records, rec)
		whole += i + 1
	}
	return records, whole, nil
}

// ReadRounds returns the records in a room's rounds.jsonl (none if there
// is no such file).
func ReadRounds(dataDir string) ([]RoundRecord, error) {
	path := filepath.Join(dataDir, RoundsFile)
	data, err := inputfile.Read(path, inputfile.RoomRounds)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	records, _, err := parseRounds(path, data)
	return records, err
}

func (b *roundBook) append(rec RoundRecord) error {
	line, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.file == nil {
		return errors.New("the rounds file is closed")
	}
	if _, err := b.file.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("cannot write %s's round %d: %w", rec.Player, rec.Round, err)
	}
	return b.file.Sync()
}

func (b *roundBook) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.file != nil {
		b.file.Close()
		b.file = nil
	}
}

// keepShares takes a game's weekly market share as it was played (a
// result's or a save's), for a player the room restores.
func (b *roundBook) keepShares(name string, weekly []sim.WeekResult) {
	s := make([]float64, 0, min(len(weekly), b.weeks))
	for _, w := range weekly[:min(len(weekly), b.weeks)] {
		s = append(s, w.MarketShare)
	}
	b.shares[nameKey(name)] = s
}

// The room's side.

// openRoundsLocked sets the room's rounds up in Open, before anyone sees
// the room.
func (r *Room) openRoundsLocked(weeks int) error {
	if len(r.cfg.Rounds) > 0 {
		if err := ui.CheckRounds(r.cfg.Rounds, weeks); err != nil {
			return fmt.Errorf("the rounds: %w", err)
		}
		r.status.Rounds = slices.Clone(r.cfg.Rounds)
		r.status.Gate = r.cfg.Rounds[0]
	}
	b, _, err := openRounds(r.cfg.DataDir, weeks)
	if err != nil {
		return err
	}
	r.rounds = b
	return nil
}

// roundProgressLocked follows a player's game: its share this week, and
// the rounds whose week it has now played, written to the rounds file
// (off the caller: it syncs to disk).
func (r *Room) roundProgressLocked(p *player, st Standing) {
	b := r.rounds
	if b == nil || st.Week < 1 || st.Week > b.weeks {
		return
	}
	k := nameKey(p.name)
	s := b.shares[k]
	for len(s) < st.Week-1 { // weeks the room did not see: the share carried on
		last := 0.0
		if len(s) > 0 {
			last = s[len(s)-1]
		}
		s = append(s, last)
	}
	s = append(s[:st.Week-1], st.Share)
	b.shares[k] = s

	rounds := r.status.Rounds
	if gate := r.status.Gate; gate > 0 && st.Week >= gate && b.told != gate &&
		r.countLocked(func(p *player) bool { return !p.done && p.connected && p.standing.Week < gate }) == 0 {
		b.told = gate
		r.eventLocked("Every connected game in play has reached week %d: s starts round %d.", gate, slices.Index(rounds, gate)+2)
	}
	for n := b.recorded[k]; n < len(rounds) && st.Week >= rounds[n]; n = b.recorded[k] {
		b.recorded[k] = n + 1
		if r.closed {
			continue
		}
		rec := RoundRecord{Round: n + 1, Gate: rounds[n], Player: p.name, Week: st.Week, Share: st.Share, LeadTime: st.LeadTime,
			HoursPerWeek: st.HoursPerWeek, Budget: st.Cash, Score: st.Score, Recorded: r.clock.Now().UTC().Truncate(time.Second)}
		r.settling.Add(1)
		go func() {
			defer r.settling.Done()
			if err := b.append(rec); err != nil {
				r.event("%v", err)
			}
		}()
	}
}

// releaseRoundLocked lets the games go on past the gate they wait at: to
// the next round's week, or to the end. It says what happened ("" when
// there is no gate).
func (r *Room) releaseRoundLocked(st *ui.RoomStatus) string {
	if st.Gate == 0 {
		return ""
	}
	i := slices.Index(st.Rounds, st.Gate)
	at := r.countLocked(func(p *player) bool { return !p.done && p.standing.Week >= st.Gate })
	playing := r.countLocked(func(p *player) bool { return !p.done })
	r.runningSince = r.clock.Now() // waiting at the gate was waiting for the facilitator, not idling
	st.Gate = 0
	if i+1 < len(st.Rounds) {
		st.Gate = st.Rounds[i+1]
	}
	until := "the end of the game"
	if st.Gate > 0 {
		until = fmt.Sprintf("week %d", st.Gate)
	}
	return fmt.Sprintf("The facilitator started round %d, up to %s (%d of %d unfinished games had reached week %d).", i+2, until, at, playing, st.Rounds[i])
}

// Shares is every player's market share at the end of each week played,
// one series a player (in no particular order), for the board's chart.
func (r *Room) Shares() [][]float64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.rounds == nil {
		return nil
	}
	out := make([][]float64, 0, len(r.rounds.shares))
	for _, s := range r.rounds.shares {
		out = append(out, slices.Clone(s))
	}
	return out
}

// roundTables turns the records of rounds.jsonl, and the finished games
// (for those that ended before a round's week), into the debrief's rounds.
func roundTables(recs []RoundRecord, finished []Record) []report.Round {
	var rounds []report.Round
	seen := map[[2]int]map[string]bool{}
	for _, rec := range recs {
		i := slices.IndexFunc(rounds, func(r report.Round) bool { return r.Number == rec.Round && r.Week == rec.Gate })
		if i < 0 {
			rounds = append(rounds, report.Round{Number: rec.Round, Week: rec.Gate})
			i = len(rounds) - 1
			seen[[2]int{rec.Round, rec.Gate}] = map[string]bool{}
		}
		names := seen[[2]int{rec.Round, rec.Gate}]
		if names[nameKey(rec.Player)] {
			continue // the first record stands
		}
		names[nameKey(rec.Player)] = true
		rounds[i].Games = append(rounds[i].Games, report.RoundGame{Player: rec.Player, Week: rec.Week, Share: rec.Share,
			LeadTime: rec.LeadTime, HoursPerWeek: rec.HoursPerWeek, Budget: rec.Budget})
	}
	for i := range rounds {
		r := &rounds[i]
		names := seen[[2]int{r.Number, r.Week}]
		for _, rec := range finished {
			res := &rec.Result
			if res.Weeks >= r.Week || names[nameKey(rec.Player)] {
				continue
			}
			names[nameKey(rec.Player)] = true
			lead, _ := res.Summary.DORA.LeadTimeForChanges.Get()
			r.Games = append(r.Games, report.RoundGame{Player: rec.Player, Week: res.Weeks, Share: res.Summary.MarketShare,
				LeadTime: lead, HoursPerWeek: res.HoursPerWeek, Budget: res.Summary.Budget, Ended: true})
		}
		slices.SortStableFunc(r.Games, func(a, b report.RoundGame) int {
			switch {
			case a.Share > b.Share:
				return -1
			case a.Share < b.Share:
				return 1
			}
			return 0
		})
	}
	slices.SortFunc(rounds, func(a, b report.Round) int { return a.Number - b.Number })
	return rounds
}

// roundsHeader is the first row of rounds.csv.
var roundsHeader = []string{"round", "round_week", "player", "week", "ended", "market_share", "lead_time_for_changes_hours", "budget"}

// renderRounds adds the rounds recorded in the rooms' folders (recs) to the
// debrief md and returns rounds.csv, one row a player a round (nil when
// the rooms kept no rounds).
func renderRounds(recs []RoundRecord, finished []Record, md *bytes.Buffer) ([]byte, error) {
	if len(recs) == 0 {
		return nil, nil
	}
	rounds := roundTables(recs, finished)
	if err := report.RoundsMarkdown(md, rounds); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	cw := csv.NewWriter(&out)
	cw.Write(roundsHeader)
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	for _, r := range rounds {
		for _, g := range r.Games {
			lead := ""
			if g.LeadTime > 0 {
				lead = f(g.LeadTime)
			}
			cw.Write([]string{strconv.Itoa(r.Number), strconv.Itoa(r.Week), textsafe.CSVCell(g.Player), strconv.Itoa(g.Week),
				strconv.FormatBool(g.Ended), f(g.Share), lead, strconv.FormatInt(g.Budget, 10)})
		}
	}
	cw.Flush()
	return out.Bytes(), cw.Error()
}
