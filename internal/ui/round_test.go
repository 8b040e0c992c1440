package ui

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
)

func TestParseRounds(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []int
		err  string
	}{
		{"13,26", []int{13, 26}, ""},
		{" 2 , 40 ", []int{2, 40}, ""},
		{"26,13", nil, "increasing order, and 13 comes after 26"},
		{"13,13", nil, "increasing order"},
		{"0", nil, `"0" is not a week`},
		{"", nil, `"" is not a week`},
		{"13,x", nil, `"x" is not a week`},
	} {
		got, err := ParseRounds(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ParseRounds(%q) = %v, %v; want an error with %q", c.in, got, err, c.err)
			}
			continue
		}
		if err != nil || fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("ParseRounds(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	if err := CheckRounds([]int{13, 52}, 52); err == nil || !strings.Contains(err.Error(), "from 1 to 51 (the game has 52 weeks") {
		t.Errorf("a round at the last week: %v", err)
	}
	if err := CheckRounds([]int{13, 26}, 52); err != nil {
		t.Error(err)
	}
	if err := CheckRounds(nil, 52); err != ErrNoRounds {
		t.Error(err)
	}
}

// tickUntilStopped feeds auto-play's ticks until it stops, as the program
// would (the ticks' timers are not waited for).
func tickUntilStopped(t *testing.T, m tea.Model) tea.Model {
	t.Helper()
	for range 2000 {
		d := m.(Model).dash
		if !d.playing {
			return m
		}
		m, _ = drive(t, m, tickMsg{tag: d.tag})
	}
	t.Fatal("auto-play never stopped")
	return m
}

// Played alone with --rounds, the game halts at each gate, space and
// auto-play included, and enter starts the next round.
func TestLocalRoundsHalt(t *testing.T) {
	opts := testOptions(t)
	opts.Rounds = []int{2, 4}
	var m tea.Model = playing(t, opts)
	for range 3 {
		m, _ = drive(t, m, keyMsg("space"))
	}
	root := m.(Model)
	if w := root.session.game.Week(); w != 2 {
		t.Fatalf("three spaces with a gate at week 2 reach week %d", w)
	}
	v := root.View()
	for _, want := range []string{"Round 1 is over", "end of week 2 of 52", "market share", "money", "commit→prod", "Press enter when you are ready for round 2", "■ round 1 over"} {
		if !strings.Contains(v, want) {
			t.Errorf("the gate's screen lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "facilitator") || strings.Contains(v, "lead time for changes") {
		t.Errorf("the gate's screen names a facilitator, or the lead time otherwise than the header:\n%s", v)
	}
	// Put away, the box leaves a help line and a message that say what
	// space and enter do at the gate (issue 12 play-test).
	m, _ = drive(t, m, keyMsg("esc"))
	if v := m.(Model).View(); !strings.Contains(v, "space summary") || strings.Contains(v, "p summary") || strings.Contains(v, "next week") ||
		!strings.Contains(v, "space brings its summary back, where enter starts round 2") {
		t.Errorf("the dashboard at the gate, its box put away:\n%s", v)
	}
	m, _ = drive(t, m, keyMsg("space"))
	if root := m.(Model); root.session.game.Week() != 2 || !root.dash.round.shown {
		t.Fatalf("space at the gate: week %d, box shown %v", root.session.game.Week(), root.dash.round.shown)
	}
	m, _ = drive(t, m, keyMsg("enter"))
	if v := m.(Model).View(); !strings.Contains(v, "Round 2 has begun: play on.") || !strings.Contains(v, "space next week") {
		t.Fatalf("enter at the gate:\n%s", v)
	}
	// Auto-play runs up to the next gate and stops there.
	m, _ = drive(t, m, keyMsg("p"))
	m = tickUntilStopped(t, m)
	root = m.(Model)
	if w := root.session.game.Week(); w != 4 || !strings.Contains(root.View(), "Round 2 is over") {
		t.Fatalf("auto-play stopped in week %d:\n%s", w, root.View())
	}
	// Released, auto-play carries on, and the last round has no gate.
	m, _ = drive(t, m, keyMsg("enter"))
	if !m.(Model).dash.playing {
		t.Fatal("auto-play, stopped by the gate, does not carry on after it")
	}
	if g := m.(Model).dash.gate(); g.week != 0 {
		t.Fatalf("the last round has a gate at week %d", g.week)
	}
}

// In a room, the game halts at the room's gate until the facilitator moves
// it: enter does nothing there, and auto-play carries on after.
func TestRoomGateHolds(t *testing.T) {
	opts := testOptions(t)
	opts.Scenario, opts.Seed, opts.SeedSet, opts.Player = "globomantics", 1, true, "ada"
	room := (&fakeRoom{}).set(RoomStatus{Started: true, Rounds: []int{2}, Gate: 2})
	opts.Room = room
	var m tea.Model = playing(t, opts)
	m, _ = drive(t, m, keyMsg("p"))
	m = tickUntilStopped(t, m)
	if w := m.(Model).session.game.Week(); w != 2 {
		t.Fatalf("auto-play stopped in week %d, want the gate, 2", w)
	}
	m, _ = drive(t, m, keyMsg("enter"), keyMsg("space"))
	v := m.(Model).View()
	if w := m.(Model).session.game.Week(); w != 2 || !strings.Contains(v, "waiting for the facilitator to start round 2") || strings.Contains(v, "enter start round") {
		t.Fatalf("at the room's gate, enter and space: week %d\n%s", w, v)
	}
	room.set(RoomStatus{Started: true, Rounds: []int{2}})
	m, _ = drive(t, m, RoomMsg{})
	if d := m.(Model).dash; !d.playing || d.round.week != 0 || !strings.Contains(m.(Model).View(), "Round 2 has begun") {
		t.Fatalf("released: playing %v, round %d\n%s", d.playing, d.round.week, m.(Model).View())
	}
}

// The round's screen, played alone, at 80×24 and 120×40 (teatest, as the
// program runs).
func TestGoldenRoundOver(t *testing.T) {
	space := tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("round_over_%dx%d", size.w, size.h), func(t *testing.T) {
			opts := testOptions(t)
			opts.Rounds = []int{3}
			tm := teatest.NewTestModel(t, New(opts), teatest.WithInitialTermSize(size.w, size.h))
			waitOut := func(s string) {
				teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
					teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
			}
			waitOut("G L O B O S I M")
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
			waitOut("start the game")
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
			waitOut("week 1/52")
			for range 4 {
				tm.Send(space)
			}
			waitOut("Round 1 is over")
			if err := tm.Quit(); err != nil {
				t.Fatal(err)
			}
			view := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).View()
			if !strings.Contains(view, "Round 1 is over") {
				t.Fatalf("the final frame:\n%s", view)
			}
			golden.RequireEqual(t, []byte(view))
		})
	}
}

// The round's box counts weeks as the game does (no week 0: the first
// round starts at "start"), names the DORA line's window for commit→prod,
// and says when a question of the next week already waits; put away, the
// question comes up and the message line says to answer it first. At
// 80 columns the help line shows one key for the summary and keeps x
// explain and ? help in sight.
func TestRoundBoxWordsAndQuestion(t *testing.T) {
	opts := testOptions(t)
	opts.Rounds = []int{4, 8}
	m := sized(t, opts, 80, 24)
	if check := m.Init(); check != nil {
		m, _ = drive(t, m, check())
	}
	m, _ = drive(t, m, keyMsg("enter"), keyMsg("enter"))
	for range 5 {
		m, _ = drive(t, m, keyMsg("space"))
	}
	body := plain(m.(Model).dash.round.body)
	if !strings.Contains(body, "start       week 4") || strings.Contains(body, "week 0") || !strings.Contains(body, "(median, last 4 weeks)") {
		t.Errorf("round 1's box:\n%s", body)
	}
	if !strings.Contains(m.(Model).dash.doraView(), "DORA 4 wk") {
		t.Errorf("the DORA line's window is not 4 weeks: %s", m.(Model).dash.doraView())
	}
	m, _ = drive(t, m, keyMsg("esc"))
	help := strings.Split(m.(Model).View(), "\n")
	if last := help[len(help)-1]; !strings.Contains(last, "space summary") || strings.Contains(last, "p summary") || !strings.Contains(last, "x explain") || !strings.Contains(last, "? help") {
		t.Errorf("the help line at the gate: %q", last)
	}
	m, _ = drive(t, m, keyMsg("space"), keyMsg("enter"))
	for i := 0; i < 10 && m.(Model).session.game.Week() < 8; i++ {
		m, _ = drive(t, m, keyMsg("space"))
	}
	d := m.(Model).dash
	if !d.round.shown || d.round.round != 2 {
		t.Fatalf("not at round 2's end: week %d", m.(Model).session.game.Week())
	}
	p, ok := d.g.Pending()
	if !ok {
		t.Fatal("no question waits at week 8's end: the test does not test it")
	}
	if body := plain(d.round.body); !strings.Contains(body, "A question waits, from week 9: "+p.Title+".") {
		t.Errorf("round 2's box does not say the question waits:\n%s", body)
	}
	m, _ = drive(t, m, keyMsg("esc"))
	if d := m.(Model).dash; !d.choice.shown() || d.message != "Round 2 is over: answer the question, then space shows its summary." {
		t.Errorf("esc at round 2's end: question shown %v, message %q", d.choice.shown(), d.message)
	}
}

// A game resumed from its save at a gate (a reconnect) shows the lead time
// at the round's start as the program that saw it there did: found by
// replaying the game to that week, not left empty.
func TestRoundStartLeadAfterResume(t *testing.T) {
	opts := testOptions(t)
	opts.Rounds = []int{8, 16}
	opts.SavePath = filepath.Join(t.TempDir(), "save.json")
	var m tea.Model = playing(t, opts)
	m = toWeek(t, m, 8)
	m, _ = drive(t, m, keyMsg("enter")) // round 2; a question came at the gate, and is answered on the way
	m = toWeek(t, m, 16)
	if len(m.(Model).session.game.Log()) == 0 {
		t.Fatal("no decision taken: the replay would not be tested")
	}
	d := m.(Model).dash
	if w := m.(Model).session.game.Week(); w != 16 || !d.round.shown {
		t.Fatalf("at week %d, the box shown %v: want the second gate's box", w, d.round.shown)
	}
	want := leadLine(t, d.round.body)
	if f := strings.Fields(want); len(f) < 4 || f[1] == f[2] { // the two weeks' lead times differ: the replay's is week 8's
		t.Fatalf("the uninterrupted game's lead time line: %q", want)
	}
	if !strings.Contains(want, "(median") {
		t.Fatalf("the uninterrupted game's lead time line: %q", want)
	}
	if err := d.save(); err != nil {
		t.Fatal(err)
	}
	opts.Resume = true
	r := sized(t, opts, 100, 30)
	r, _ = drive(t, r, r.Init()())
	res := r.(Model).dash
	if !res.round.shown || res.round.week != 16 {
		t.Fatalf("resumed: the box shown %v at week %d", res.round.shown, res.round.week)
	}
	if got := leadLine(t, res.round.body); got != want {
		t.Errorf("resumed, the box's lead time line is\n%q\nwant, as before the reconnect,\n%q", got, want)
	}
}

// leadLine is the box's line of the lead time for changes, spaces squeezed.
func leadLine(t *testing.T, body string) string {
	t.Helper()
	for _, line := range strings.Split(body, "\n") {
		if strings.HasPrefix(line, "commit→prod") {
			return strings.Join(strings.Fields(line), " ")
		}
	}
	t.Fatalf("no lead time line in the box:\n%s", body)
	return ""
}

// toWeek plays with space to week w, answering each question that comes
// otherwise than by default (a decision the game logs); at a gate, it
// stops there with the round's box in front.
func toWeek(t *testing.T, m tea.Model, w int) tea.Model {
	t.Helper()
	for range 4 * w {
		d := m.(Model).dash
		switch {
		case m.(Model).session.game.Week() >= w:
			return m
		case d.choice.shown():
			m, _ = drive(t, m, keyMsg("up"), keyMsg("enter"))
		default:
			m, _ = drive(t, m, keyMsg("space"))
		}
	}
	t.Fatalf("week %d not reached:\n%s", w, m.View())
	return m
}
