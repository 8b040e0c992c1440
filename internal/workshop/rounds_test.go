package workshop

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/save"
	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/workshop/workshoptest"
)

// A gate at week 2 holds every game there, the one played with space and
// the one on auto-play, until the facilitator starts round 2; then they go
// on. The board says who has reached the gate, and the rounds file has
// each game at week 2.
func TestGateHoldsEveryGame(t *testing.T) {
	dir := t.TempDir()
	room, srv, addr := startRoom(t, Config{DataDir: dir, Facilitator: "host", Rounds: []int{2, 4}})
	ana, ben := join(t, addr, "ana"), join(t, addr, "ben")
	host := workshoptest.Dial(t, addr, "host", workshoptest.Options{})
	host.WaitFor("round 1 of 3, up to week 2", wait)
	room.Start()
	ana.WaitFor("play on", wait)
	ben.WaitFor("play on", wait)

	weeks(ana, 5)
	ben.Type("+++p") // auto-play, at the fastest speed (a week a tick): the test waits less
	for _, c := range []*workshoptest.Client{ana, ben} {
		c.WaitFor("Round 1 is over", wait)
		c.WaitFor("waiting for the facilitator to start round 2", wait)
	}
	eventually(t, wait, "both at the gate", func() bool {
		return standing(t, room, "ana").State == AtGate && standing(t, room, "ben").State == AtGate
	})
	host.WaitFor("2 of 2 at the gate", wait)
	eventually(t, wait, "the room's word that everyone is there", func() bool {
		return strings.Contains(roomEvents(room), "Every connected game in play has reached week 2: s starts round 2.")
	})
	host.WaitFor("Market share by week", wait) // everyone is there: the room at a glance
	typed(t, srv, ana, "ana", "  p")           // space shows the round again; p does nothing there
	for _, name := range []string{"ana", "ben"} {
		if w := standing(t, room, name).Week; w != 2 {
			t.Fatalf("%s's game passed the gate, to week %d", name, w)
		}
	}

	room.Start() // round 2
	for _, c := range []*workshoptest.Client{ana, ben} {
		c.WaitFor("Round 2 has begun: play on.", wait)
	}
	// ben's auto-play carries on by itself, up to the next gate; ana plays on with space.
	weeks(ana, 3)
	eventually(t, wait, "both at the second gate", func() bool {
		return standing(t, room, "ana").Week == 4 && standing(t, room, "ben").Week == 4
	})
	ben.WaitFor("Round 2 is over", wait)
	eventually(t, wait, "four round records", func() bool {
		recs, err := ReadRounds(dir)
		return err == nil && len(recs) == 4
	})
	recs, _ := ReadRounds(dir)
	for _, rec := range recs {
		if rec.Week != rec.Gate || rec.Budget == 0 || rec.Share == 0 || rec.HoursPerWeek == 0 {
			t.Errorf("a round's record: %+v", rec)
		}
	}
	if ev := roomEvents(room); !strings.Contains(ev, "The facilitator started round 2, up to week 4 (2 of 2 unfinished games had reached week 2).") {
		t.Errorf("the room's events:\n%s", ev)
	}
}

// Rounds that do not fit the game are refused when the room opens.
func TestOpenRefusesBadRounds(t *testing.T) {
	for _, rounds := range [][]int{{13, 52}, {26, 13}, {0}} {
		_, err := Open(Config{DataDir: t.TempDir(), Rounds: rounds})
		if err == nil || !strings.HasPrefix(err.Error(), "the rounds: ") {
			t.Errorf("rounds %v: %v", rounds, err)
		}
	}
}

// gateRoom is a room with a gate at week 20 and five players there, each
// having played differently.
func gateRoom(t *testing.T) *Room {
	t.Helper()
	room, err := Open(Config{DataDir: t.TempDir(), Rounds: []int{20, 40}, Code: "blue-42"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { room.Close() })
	plays := map[string][]sim.Decision{
		"ana": nil,
		"ben": {{Kind: sim.Invest, Investment: "ci"}},
		"cy":  {{Kind: sim.Hire, Stage: "qa", N: 2}},
		"dee": {{Kind: sim.Invest, Investment: "ci"}, {Kind: sim.Invest, Investment: "iac"}},
		"eve": {{Kind: sim.Hire, Stage: "network", N: 1}},
	}
	room.Start()
	for _, name := range []string{"ana", "ben", "cy", "dee", "eve"} {
		s, err := room.join(name, "")
		if err != nil {
			t.Fatal(err)
		}
		g := newGame(t)
		for _, d := range plays[name] {
			if err := g.Apply(d); err != nil {
				t.Fatal(err)
			}
		}
		s.Progress(g)
		for range 20 {
			g.AdvanceWeek()
			s.Progress(g)
		}
	}
	return room
}

// The board at a gate every game has reached: who is there, and the room
// at a glance, at 80×24 and 120×40, with and without colour.
func TestGoldenBoardAtTheGate(t *testing.T) {
	room := gateRoom(t)
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		for _, colour := range []bool{false, true} {
			name := fmt.Sprintf("glance_%dx%d", size.w, size.h)
			r := plainRenderer()
			if colour {
				name += "_colour"
				r = lipgloss.NewRenderer(os.Stdout)
				r.SetColorProfile(termenv.ANSI256)
			} else {
				name += "_nocolour"
			}
			t.Run(name, func(t *testing.T) {
				b := NewBoard(room, BoardOptions{Address: "ssh -p 2222 10.0.0.5", HostKey: "SHA256:abc", Controls: true, Renderer: r})
				b, _ = b.update(tea.WindowSizeMsg{Width: size.w, Height: size.h})
				v := b.View()
				for _, want := range []string{"round 1 of 3, up to week 20 · 5 of 5 at the gate", "Market share by week", "median", "s next round", "v players"} {
					if !strings.Contains(ansiStrip(v), want) {
						t.Errorf("the board at the gate lacks %q:\n%s", want, v)
					}
				}
				// The events carry the wall clock: fixed for the golden.
				for i := range b.snap.Events {
					b.snap.Events[i].Time = time.Date(2026, 12, 2, 9, 30, 0, 0, time.UTC)
				}
				golden.RequireEqual(t, []byte(b.View()))
				b, _ = press(b, "v")
				if v := ansiStrip(b.View()); !strings.Contains(v, "at the gate") || !strings.Contains(v, "dee") {
					t.Errorf("v shows the players:\n%s", v)
				}
			})
		}
	}
}

// The export has a table per round, with each player's numbers at the
// round's week and their spread, also after the server restarts.
func TestExportHasTheRounds(t *testing.T) {
	room := gateRoom(t)
	if sh := room.Shares(); len(sh) != 5 || len(sh[0]) != 20 {
		t.Errorf("the room has the weekly shares of %d players, want 5 of 20 weeks: %v", len(sh), sh)
	}
	dir := room.cfg.DataDir
	room.Close() // waits for the rounds file
	room, err := Open(Config{DataDir: dir, Rounds: []int{20, 40}})
	if err != nil {
		t.Fatal(err)
	}
	defer room.Close()
	// Someone whose game ended before the gate is in the table too.
	s, err := room.join("fay", "")
	if err != nil {
		t.Fatal(err)
	}
	s.Finish(finishedGame(t, 3))
	text, out := exported(t, room)
	for _, want := range []string{"## Round 1: week 20", "| player | week | market share | lead time for changes | money |",
		"| ana | 20 |", "| dee | 20 |", "| fay | 3 (ended) |", "The spread across the 5 of 6 players whose games reached week 20 (not counted: 1 had ended)", "| market share |", "| money |"} {
		if !strings.Contains(text, want) {
			t.Errorf("the debrief lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "## Round 2") {
		t.Errorf("the debrief has a round no one reached:\n%s", text)
	}
	if _, err := os.Stat(filepath.Join(out, ExportRounds)); err != nil {
		t.Errorf("no rounds CSV: %v", err)
	}
}

func ansiStrip(s string) string { return ansi.Strip(s) }

// The rounds file as a crash leaves it (a last line cut short) opens, the
// torn line cut off so the next record starts on a line of its own; a line
// that is not a record is one clear error naming the file and line.
func TestRoundsFileTornAndDamaged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, RoundsFile)
	good := `{"round":1,"gate_week":2,"player":"ana","week":2,"market_share":0.3,"budget":5}` + "\n"
	os.WriteFile(path, []byte(good+`{"round":1,"gate_week":2,"pla`), 0o600)
	b, recs, err := openRounds(dir, 52)
	if err != nil || len(recs) != 1 || b.recorded["ana"] != 1 {
		t.Fatalf("a torn rounds file: %v, %v", recs, err)
	}
	if err := b.append(RoundRecord{Round: 1, Gate: 2, Player: "ben", Week: 2}); err != nil {
		t.Fatal(err)
	}
	b.close()
	if recs, err := ReadRounds(dir); err != nil || len(recs) != 2 || recs[1].Player != "ben" {
		t.Fatalf("after the torn line was cut and one appended: %+v, %v", recs, err)
	}
	for _, bad := range []string{"not json\n", `{"round":0,"player":"ana"}` + "\n", `{"round":1,"player":"../x"}` + "\n"} {
		os.WriteFile(path, []byte(good+bad), 0o600)
		if _, err := ReadRounds(dir); err == nil || !strings.Contains(err.Error(), RoundsFile+":2: not a round's record") {
			t.Errorf("%q: %v", bad, err)
		}
		if _, err := Open(Config{DataDir: dir}); err == nil || !strings.Contains(err.Error(), ":2: not a round's record") {
			t.Errorf("Open with %q: %v", bad, err)
		}
	}
}

// The room at a glance for 500 players who have played 52 weeks: one frame.
func BenchmarkGlance500(b *testing.B) {
	room, err := Open(Config{DataDir: b.TempDir(), MaxPlayers: 500})
	if err != nil {
		b.Fatal(err)
	}
	defer room.Close()
	room.mu.Lock()
	for i := range 500 {
		name := fmt.Sprintf("p%03d", i)
		s := make([]float64, 52)
		for w := range s {
			s[w] = 0.2 + 0.1*float64((i*7+w*3)%13)/13
		}
		room.rounds.shares[name] = s
		room.players[name] = &player{name: name, standing: Standing{Week: 52, Weeks: 52, Share: s[51], Cash: int64(i) * 1000, HoursPerWeek: 40}}
	}
	room.mu.Unlock()
	board := NewBoard(room, BoardOptions{Controls: true, Renderer: plainRenderer()})
	board, _ = board.update(tea.WindowSizeMsg{Width: 120, Height: 40})
	board, _ = press(board, "v")
	b.ResetTimer()
	for range b.N {
		board, _ = board.update(boardTickMsg{})
		_ = board.View()
	}
}

// A room opened on a folder takes each saved and each finished game's
// weekly market share for its chart, as far as each was played.
func TestSharesAfterARestart(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, PlayersDir), 0o700); err != nil {
		t.Fatal(err)
	}
	file, src, err := scenario.Source(DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Parse(file, src)
	if err != nil {
		t.Fatal(err)
	}
	g := sim.NewGame(sc, sc.Seed, 0)
	g.RunUntil(5 * sc.Week())
	if err := save.Write(filepath.Join(dir, PlayersDir, "gus.json"), save.New(file, src, g, "gus")); err != nil {
		t.Fatal(err)
	}
	storeGames(t, dir, "hal")
	room, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer room.Close()
	lens := map[int]bool{}
	for _, s := range room.Shares() {
		lens[len(s)] = true
	}
	hal := len(results(t, dir)["hal"].Result.Weekly)
	if len(room.Shares()) != 2 || !lens[5] || !lens[hal] {
		t.Fatalf("after the restart the shares are %v, want gus's 5 weeks and hal's %d", room.Shares(), hal)
	}
}

// Whatever bytes the rounds file holds, reading it returns records or one
// error, never a panic, and never counts more bytes whole than there are.
func FuzzParseRounds(f *testing.F) {
	f.Add([]byte(`{"round":1,"gate_week":2,"player":"ana","week":2,"market_share":0.3,"budget":5}` + "\n"))
	f.Add([]byte("{\"round\":1,\"player\":\"ana\"}\n{\"rou"))
	f.Add([]byte("\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, whole, err := parseRounds("rounds.jsonl", data)
		if err == nil && (whole > len(data) || (whole > 0 && data[whole-1] != '\n')) {
			t.Fatalf("whole %d of %d bytes", whole, len(data))
		}
		for _, r := range recs {
			if r.Round < 1 || CheckName(r.Player) != nil {
				t.Fatalf("a record let through: %+v", r)
			}
		}
	})
}

// A player who left before the gate is in the round's table, where their
// game stood, and not in its spread: the board at the gate counts "2 of 3"
// and names them; releasing the round writes them to the rounds file; the
// export's debrief and rounds.csv list them as having left, mid-round and
// after the release alike.
func TestRoundCountsThoseWhoLeft(t *testing.T) {
	dir := t.TempDir()
	room, _, addr := startRoom(t, Config{DataDir: dir, Facilitator: "host", Rounds: []int{2, 4}})
	ana, ben, cy := join(t, addr, "ana"), join(t, addr, "ben"), join(t, addr, "cy")
	host := workshoptest.Dial(t, addr, "host", workshoptest.Options{})
	room.Start()
	for _, c := range []*workshoptest.Client{ana, ben, cy} {
		c.WaitFor("play on", wait)
	}
	weeks(cy, 1)
	cy.WaitFor("week 2/52", wait)
	cy.Close()
	eventually(t, wait, "cy gone after week 1", func() bool {
		st := standing(t, room, "cy")
		return st.State == Disconnected && st.Week == 1
	})
	weeks(ana, 2)
	weeks(ben, 2)
	eventually(t, wait, "ana and ben at the gate", func() bool {
		return standing(t, room, "ana").State == AtGate && standing(t, room, "ben").State == AtGate
	})
	host.WaitFor("2 of 3 at week 2", wait) // the room at a glance, by itself
	host.WaitFor("Not at week 2, not counted: cy left after week 1.", wait)

	debrief := func() (md, csv string) {
		t.Helper()
		md, out := exported(t, room)
		c, err := os.ReadFile(filepath.Join(out, ExportRounds))
		if err != nil {
			t.Fatal(err)
		}
		return md, string(c)
	}
	check := func(when string) {
		t.Helper()
		md, csv := debrief()
		for _, want := range []string{"| cy | 1 (left) |", "The spread across the 2 of 3 players whose games reached week 2 (not counted: 1 had left)"} {
			if !strings.Contains(md, want) {
				t.Errorf("%s, the debrief lacks %q:\n%s", when, want, md)
			}
		}
		if !strings.Contains(csv, "1,2,cy,1,false,") || !strings.Contains(csv, ",left\n") {
			t.Errorf("%s, rounds.csv does not list cy as having left:\n%s", when, csv)
		}
	}
	eventually(t, wait, "two round records", func() bool {
		recs, err := ReadRounds(dir)
		return err == nil && len(recs) == 2
	})
	check("at the gate")

	room.Start() // round 2: cy's game, as it stood, goes into the rounds file
	eventually(t, wait, "cy's record", func() bool {
		recs, err := ReadRounds(dir)
		return err == nil && len(recs) == 3 && recs[2].Player == "cy" && recs[2].Left && recs[2].Week == 1
	})
	check("after the release")
}

// A player written as having left before a round's week who comes back
// and plays there is in the round's table as having reached it, also
// after a restart: the record of having left does not count as the
// round's record.
func TestRoundLeftRecordGivesWay(t *testing.T) {
	recs := []RoundRecord{{Round: 1, Gate: 2, Player: "ana", Week: 2, Share: 0.3}, {Round: 1, Gate: 2, Player: "cy", Week: 1, Share: 0.1, Left: true},
		{Round: 1, Gate: 2, Player: "cy", Week: 2, Share: 0.2}}
	rounds := roundTables(recs, nil, nil)
	if len(rounds) != 1 || len(rounds[0].Games) != 2 {
		t.Fatalf("the rounds: %+v", rounds)
	}
	if g := rounds[0].Games[1]; g.Player != "cy" || g.Reach != report.Reached || g.Week != 2 {
		t.Errorf("cy, back at the round's week: %+v", g)
	}
	dir := t.TempDir()
	b, _, err := openRounds(dir, 52)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.append(recs[1]); err != nil {
		t.Fatal(err)
	}
	b.close()
	b, _, err = openRounds(dir, 52)
	if err != nil {
		t.Fatal(err)
	}
	defer b.close()
	if n := b.recorded[nameKey("cy")]; n != 0 {
		t.Errorf("after a restart, cy's record of having left counts as %d rounds recorded", n)
	}
}

// exported exports the room to a new folder, out, and returns the
// debrief's text.
func exported(t *testing.T, room *Room) (md, out string) {
	t.Helper()
	out = t.TempDir()
	_, path, err := room.Export(out)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data), out
}
