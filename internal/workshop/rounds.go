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
// of that round: it is there after a restart. A player who had left
// before the round's week is written as their game stood when the round
// is released, so that the table counts everyone.

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
	// Left: the player had left before the round's week, and Week is where
	// their game stood when the round was released. A record of the game
	// at the round's week, should they come back and play there, stands
	// over it.
	Left bool `json:"left,omitempty"`
}

// roundBook is the room's memory of rounds. Its maps are the room's, under
// its lock; the file has a lock of its own, taken off the room's.
type roundBook struct {
	weeks    int                  // the game's weeks: the longest a share series gets
	shares   map[string][]float64 // by nameKey: market share at the end of each week played
	recorded map[string]int       // by nameKey: how many rounds are in the file, the first ones
	told     int                  // the last gate the room's events said everyone had reached

	mu   sync.Mutex
	file *lineFile // nil once closed
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
	b := &roundBook{weeks: weeks, shares: map[string][]float64{}, recorded: map[string]int{}, file: &lineFile{file: f, size: int64(whole)}}
	for _, rec := range records {
		if k := nameKey(rec.Player); !rec.Left {
			b.recorded[k] = max(b.recorded[k], rec.Round)
		}
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
	if err := b.file.append(append(line, '\n')); err != nil {
		return fmt.Errorf("cannot write %s's round %d: %w", rec.Player, rec.Round, err)
	}
	return nil
}

func (b *roundBook) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.file != nil {
		b.file.file.Close()
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
		r.appendRoundLocked(r.roundRecordLocked(n+1, rounds[n], p, st))
	}
}

// roundRecordLocked is the player's game as it stands (st), for round
// number n, which ends at week gate.
func (r *Room) roundRecordLocked(n, gate int, p *player, st Standing) RoundRecord {
	return RoundRecord{Round: n, Gate: gate, Player: p.name, Week: st.Week, Share: st.Share, LeadTime: st.LeadTime,
		HoursPerWeek: st.HoursPerWeek, Budget: st.Cash, Score: st.Score, Recorded: r.clock.Now().UTC().Truncate(time.Second)}
}

// appendRoundLocked writes rec to the rounds file, off the caller: it
// syncs to disk.
func (r *Room) appendRoundLocked(rec RoundRecord) {
	if r.closed {
		return
	}
	b := r.rounds
	r.settling.Add(1)
	go func() {
		defer r.settling.Done()
		if err := b.append(rec); err != nil {
			r.event("%v", err)
		}
	}()
}

// leftBeforeGateLocked writes to the rounds file the games of the players
// who left before the gate, as they stood, as the round ends: the round's
// table counts them, as not there.
func (r *Room) leftBeforeGateLocked(n, gate int) {
	if r.rounds == nil {
		return
	}
	for _, p := range r.players {
		if !p.done && !p.connected && p.standing.Week < gate && r.rounds.recorded[nameKey(p.name)] < n {
			rec := r.roundRecordLocked(n, gate, p, p.standing)
			rec.Left = true
			r.appendRoundLocked(rec)
		}
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
	r.leftBeforeGateLocked(i+1, st.Gate)
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

// roundTables turns the records of rounds.jsonl, the finished games (for
// those that ended before a round's week) and the games in progress (for
// those not there yet, or who left before it) into the debrief's rounds.
func roundTables(recs []RoundRecord, finished []Record, playing []Progress) []report.Round {
	var rounds []report.Round
	seen := map[[2]int]map[string]int{} // by round: each player's game's place in it
	for _, rec := range recs {
		at := [2]int{rec.Round, rec.Gate}
		i := slices.IndexFunc(rounds, func(r report.Round) bool { return r.Number == rec.Round && r.Week == rec.Gate })
		if i < 0 {
			rounds = append(rounds, report.Round{Number: rec.Round, Week: rec.Gate})
			i = len(rounds) - 1
			seen[at] = map[string]int{}
		}
		g := report.RoundGame{Player: rec.Player, Week: rec.Week, Share: rec.Share, LeadTime: rec.LeadTime, HoursPerWeek: rec.HoursPerWeek, Budget: rec.Budget}
		if rec.Left {
			g.Reach = report.LeftBefore
		}
		j, ok := seen[at][nameKey(rec.Player)]
		switch {
		case !ok:
			seen[at][nameKey(rec.Player)] = len(rounds[i].Games)
			rounds[i].Games = append(rounds[i].Games, g)
		case rounds[i].Games[j].Reach == report.LeftBefore && !rec.Left:
			rounds[i].Games[j] = g // came back and played to the round's week
		}
		// Otherwise the first record stands.
	}
	for i := range rounds {
		r := &rounds[i]
		names := seen[[2]int{r.Number, r.Week}]
		for _, rec := range finished {
			res := &rec.Result
			if _, ok := names[nameKey(rec.Player)]; ok || res.Weeks >= r.Week {
				continue
			}
			names[nameKey(rec.Player)] = len(r.Games)
			lead, _ := res.Summary.DORA.LeadTimeForChanges.Get()
			r.Games = append(r.Games, report.RoundGame{Player: rec.Player, Week: res.Weeks, Share: res.Summary.MarketShare,
				LeadTime: lead, HoursPerWeek: res.HoursPerWeek, Budget: res.Summary.Budget, Reach: report.EndedBefore})
		}
		for _, p := range playing {
			if _, ok := names[nameKey(p.Player)]; ok || p.Week >= r.Week {
				continue
			}
			names[nameKey(p.Player)] = len(r.Games)
			g := report.RoundGame{Player: p.Player, Week: p.Week, Share: p.Share, Budget: p.Cash, Reach: report.NotYet}
			if p.State == Disconnected.String() || p.State == StateSaved {
				g.Reach = report.LeftBefore
			}
			r.Games = append(r.Games, g)
		}
		slices.SortStableFunc(r.Games, func(a, b report.RoundGame) int {
			switch {
			case (a.Reach == report.Reached) != (b.Reach == report.Reached): // those there first
				if a.Reach == report.Reached {
					return -1
				}
				return 1
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
// state came last, so the columns before it kept their places.
var roundsHeader = []string{"round", "round_week", "player", "week", "ended", "market_share", "lead_time_for_changes_hours", "budget", "state"}

// renderRounds adds the rounds recorded in the rooms' folders (recs) to the
// debrief md and returns rounds.csv, one row a player a round (nil when
// the rooms kept no rounds); state is how far the game got (reached,
// ended, left, playing).
func renderRounds(recs []RoundRecord, finished []Record, playing []Progress, md *bytes.Buffer) ([]byte, error) {
	if len(recs) == 0 {
		return nil, nil
	}
	rounds := roundTables(recs, finished, playing)
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
				strconv.FormatBool(g.Reach == report.EndedBefore), f(g.Share), lead, strconv.FormatInt(g.Budget, 10), g.Reach.String()})
		}
	}
	cw.Flush()
	return out.Bytes(), cw.Error()
}
