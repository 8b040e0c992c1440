package ui

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/globomantics/globosim/internal/sim"
)

// Every screen, at every size a terminal (or an SSH client) can report,
// draws within that size, and none panics: 0×0 and 1×1 included.

// fakeRoom is a workshop room whose status the test sets.
type fakeRoom struct{ status RoomStatus }

func (r *fakeRoom) Progress(*sim.Game)          {}
func (r *fakeRoom) Finish(sim.Result)           {}
func (r *fakeRoom) Status() RoomStatus          { return r.status }
func (r *fakeRoom) set(st RoomStatus) *fakeRoom { r.status = st; return r }

type namedScreen struct {
	name  string
	m     tea.Model
	shows string // what the screen shows at any size the game fits in
}

// allScreens reaches every screen the game has, each at a point where it
// has something to show, at 100×30.
func allScreens(t testing.TB) []namedScreen {
	opts := func() Options { return Options{Renderer: asciiRenderer(), ExportDir: t.TempDir()} }
	keys := func(m tea.Model, ks ...string) tea.Model {
		for _, k := range ks {
			m, _ = drive(t, m, keyMsg(k))
		}
		return m
	}
	weeks := func(m tea.Model, n int) tea.Model {
		for range n {
			m = nextWeek(t, m)
		}
		return m
	}
	title := sized(t, opts(), 100, 30)
	dash := weeks(keys(title, "enter", "enter"), 6)
	ended := weeks(dash, 60)
	tutOpts := opts()
	tutOpts.Scenario = "tutorial"
	tutorial := keys(sized(t, tutOpts, 100, 30), "enter", "enter")
	for i := 0; i < 50 && !tutorial.(Model).dash.tutor.open; i++ {
		tutorial = weeks(tutorial, 1)
	}
	room := func(st RoomStatus) Options {
		o := opts()
		o.Scenario, o.Seed, o.SeedSet, o.Player = "globomantics", 1, true, "ada"
		o.Room = (&fakeRoom{}).set(st)
		return o
	}
	waiting := sized(t, room(RoomStatus{}), 100, 30)
	startedOpts := room(RoomStatus{Started: true})
	inRoom := weeks(keys(sized(t, startedOpts, 100, 30), "enter", "enter"), 3)
	startedOpts.Room.(*fakeRoom).set(RoomStatus{Started: true, Paused: true, Message: "Coffee break: back at 11."})
	paused, _ := drive(t, inRoom, RoomMsg{})
	endedOpts := room(RoomStatus{Started: true})
	roomEnded := weeks(keys(sized(t, endedOpts, 100, 30), "enter", "enter"), 2)
	endedOpts.Room.(*fakeRoom).set(RoomStatus{Started: true, Ended: true})
	roomEnded, _ = drive(t, roomEnded, RoomMsg{})

	// A queueing model's end (no game sections: no verdict, no market).
	g, src := playedQueueingModel(t)
	queueing := New(opts())
	queueing.session = &session{game: g, filename: "mm1.toml", src: src}
	queueing.end = ptr(newEnd(queueing.styles, queueing.keys, queueing.session, queueing.opts))
	queueing.screen = endScreen
	queueing.setSize()

	playingFast := keys(dash, "+", "+", "p")
	asked := toQuestion(t, keys(sized(t, opts(), 100, 30), "enter", "enter")) // a game of its own: ended plays dash's
	screens := []namedScreen{
		{"title", title, "G L O B O S I M"},
		{"title seed", keys(title, "tab", "4", "2"), "42"},
		{"title path", keys(title, "up", "enter", "a", "b"), "Path: ab"},
		{"title error", keys(title, "tab", "x", "enter"), "whole number"},
		{"title help", keys(title, "?"), "Keys"},
		{"briefing", keys(title, "enter"), "start the game"},
		{"dashboard", dash, "DORA"},
		{"dashboard playing", playingFast, "playing fast"},
		{"dashboard help", keys(dash, "?"), "Space plays one week"},
		{"shop investments", keys(dash, "i"), "[Investments]"},
		{"shop investments confirm", keys(dash, "i", "enter"), "y yes"},
		{"shop practices", keys(dash, "i", "tab"), "[Practices]"},
		{"shop practices confirm", keys(dash, "i", "tab", "left", "enter"), "Make the release train leave"},
		{"stage", keys(dash, "down", "enter"), "What would help"},
		{"explain", keys(dash, "x"), "What it is"},
		{"advisor", keys(dash, "a"), "Advisor"},
		{"choice", asked, "an answer is needed"},
		{"choice aside", keys(asked, "esc"), "answer waiting"},
		{"quit", keys(dash, "q"), "Quit the game?"},
		{"tutorial lesson", tutorial, "enter continues"},
		{"end", ended, "GAME OVER"},
		{"end exported", keys(ended, "e"), "Report written"},
		{"end of a queueing model", queueing, "END OF THE RUN"},
		{"room title", waiting, "Waiting for the facilitator"},
		{"room dashboard", inRoom, "ada"},
		{"room paused", paused, "Coffee break"},
		{"room end", roomEnded, "The facilitator ended the round"},
	}
	for _, s := range screens {
		if v := s.m.View(); !strings.Contains(v, s.shows) {
			t.Fatalf("%s does not show %q at 100×30:\n%s", s.name, s.shows, v)
		}
	}
	if !tutorial.(Model).dash.tutor.open || roomEnded.(Model).screen != endScreen || ended.(Model).screen != endScreen {
		t.Fatal("the sweep does not reach the lesson or the end screens")
	}
	return screens
}

// checkView resizes m to w×h and checks what it draws there; it returns
// the resized model.
func checkView(t *testing.T, s namedScreen, m tea.Model, w, h int) tea.Model {
	t.Helper()
	name := s.name
	m, _ = m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	v := m.View()
	w, h = max(w, 0), max(h, 0)
	var lines []string
	if v != "" {
		lines = strings.Split(v, "\n")
	}
	if len(lines) > h {
		t.Fatalf("%s at %d×%d: %d lines:\n%s", name, w, h, len(lines), v)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Fatalf("%s at %d×%d: line %d is %d wide: %q", name, w, h, i, lw, l)
		}
	}
	switch {
	case w >= MinWidth && h >= MinHeight:
		// The game, filling the terminal exactly.
		if len(lines) != h || lipgloss.Width(lines[0]) != w || !strings.Contains(v, s.shows) {
			t.Fatalf("%s at %d×%d: %d lines, the first %d wide, showing %q: %v\n%s", name, w, h, len(lines), lipgloss.Width(lines[0]), s.shows, strings.Contains(v, s.shows), v)
		}
	case w >= 5 && h >= 1 && !strings.Contains(v, "80×24") && !strings.Contains(v, "y/n") && !strings.Contains(v, "y quits"):
		t.Fatalf("%s at %d×%d does not say the size it needs: %q", name, w, h, v)
	}
	return m
}

// sweepSizes: 0×0 and 1×1, every height to 30 at 80 wide, every width to
// 120 at 24 high, and a grid up to 300×100 (under -short, every fifth
// height and width and a smaller grid).
func sweepSizes() [][2]int {
	sizes := [][2]int{{0, 0}, {1, 1}}
	step := 1
	ws := []int{0, 1, 2, 4, 5, 10, 20, 40, 60, 79, 81, 100, 150, 200, 300}
	hs := []int{0, 1, 2, 5, 10, 12, 13, 20, 23, 25, 40, 100}
	if testing.Short() { // the inner loop: fewer sizes, the edges kept
		step = 5
		ws, hs = []int{0, 1, 40, 79, 81, 300}, []int{0, 1, 12, 13, 23, 25, 100}
	}
	for h := 0; h <= 30; h += step {
		sizes = append(sizes, [2]int{80, h})
	}
	for w := 0; w <= 120; w += step {
		sizes = append(sizes, [2]int{w, 24})
	}
	for _, w := range ws {
		for _, h := range hs {
			sizes = append(sizes, [2]int{w, h})
		}
	}
	return sizes
}

func TestEveryScreenAtEverySize(t *testing.T) {
	sizes := sweepSizes()
	for _, s := range allScreens(t) {
		t.Run(strings.ReplaceAll(s.name, " ", "_"), func(t *testing.T) {
			// One size after another, as a terminal being resized.
			m := s.m
			for _, sz := range sizes {
				m = checkView(t, s, m, sz[0], sz[1])
			}
		})
	}
}

func TestSmallTerminalMessage(t *testing.T) {
	m := sized(t, testOptions(t), 100, 30)
	for _, c := range []struct {
		w, h int
		want string
	}{
		{79, 24, "Terminal too small: 79×24. globosim needs at least 80×24 (q quits)."},
		{60, 20, "Terminal too small: 60×20; needs 80×24 (q quits)"},
		{30, 20, "Too small: needs 80×24"},
		{12, 5, "Needs 80×24"},
		{5, 5, "80×24"},
		{3, 5, "80…"},
		{1, 1, "…"},
		{0, 5, ""},
		{80, 0, ""},
	} {
		got, _ := m.Update(tea.WindowSizeMsg{Width: c.w, Height: c.h})
		if v := got.View(); v != c.want {
			t.Errorf("%d×%d: %q, want %q", c.w, c.h, v, c.want)
		}
	}
	m, _ = drive(t, m, tea.WindowSizeMsg{Width: -3, Height: -1})
	if m.(Model).width != 0 || m.View() != "" {
		t.Fatalf("a negative size: width %d, view %q", m.(Model).width, m.View())
	}
}

// The game holds still while the player cannot see it: ticks and space do
// not move it, other keys do nothing, q still quits; once the terminal is
// big enough again, auto-play carries on where it was.
func TestTooSmallHoldsTheGame(t *testing.T) {
	var tm tea.Model = playing(t, testOptions(t))
	g := tm.(Model).session.game
	tm, msgs := drive(t, tm, keyMsg("p"))
	tick := msgs[0].(tickMsg)
	tm, msgs = drive(t, tm, tick)
	tick = msgs[0].(tickMsg)
	now := g.Now()
	tm, _ = drive(t, tm, tea.WindowSizeMsg{Width: 60, Height: 20})
	tm, msgs = drive(t, tm, tick)
	if g.Now() != now || len(msgs) != 0 {
		t.Fatalf("a tick moved a hidden game from %d to %d, asking for %v", now, g.Now(), msgs)
	}
	tm, _ = drive(t, tm, keyMsg(" "), keyMsg("i"), keyMsg("p"), keyMsg("?"))
	if m := tm.(Model); g.Now() != now || m.dash.overlay != noOverlay || !m.dash.playing || m.fullHelp {
		t.Fatalf("keys acted on a hidden game: now %d (was %d), overlay %d, playing %v, help %v", g.Now(), now, m.dash.overlay, m.dash.playing, m.fullHelp)
	}
	// Growing only a little is not enough.
	tm, msgs = drive(t, tm, tea.WindowSizeMsg{Width: 80, Height: 23})
	if len(msgs) != 0 {
		t.Fatalf("80×23 woke the game: %v", msgs)
	}
	tm, msgs = drive(t, tm, tea.WindowSizeMsg{Width: 80, Height: 24})
	if len(msgs) != 1 {
		t.Fatalf("growing back: %v, want one tick", msgs)
	}
	woke := msgs[0].(tickMsg)
	if woke.tag == tick.tag {
		t.Fatal("auto-play woke with the old tag: a stale tick could step it twice")
	}
	tm, _ = drive(t, tm, woke)
	if g.Now() != now+g.Scenario().Day() {
		t.Fatalf("after waking, a tick moved the game from %d to %d", now, g.Now())
	}
	// q asks, even while small, and y quits.
	tm, _ = drive(t, tm, tea.WindowSizeMsg{Width: 40, Height: 10})
	tm, _ = drive(t, tm, keyMsg("q"))
	if v := tm.View(); !tm.(Model).confirmQuit || v != "Quit the game? y/n" {
		t.Fatalf("q while small: %q", v)
	}
	_, msgs = drive(t, tm, keyMsg("y"))
	if len(msgs) != 1 {
		t.Fatalf("y while small: %v", msgs)
	}
	if _, ok := msgs[0].(tea.QuitMsg); !ok {
		t.Fatalf("y while small: %T", msgs[0])
	}
}

var (
	fuzzScreensOnce sync.Once
	fuzzScreens     []namedScreen
)

// FuzzViewSize draws a screen, chosen by a byte, at any size. The screens
// are reached once per worker; each input only resizes and draws, so the
// target runs at full rate.
func FuzzViewSize(f *testing.F) {
	f.Add(0, 0, byte(0))
	f.Add(1, 1, byte(6))
	f.Add(80, 12, byte(6))
	f.Add(60, 20, byte(9))
	f.Add(300, 100, byte(18))
	f.Add(-1, 5000, byte(255))
	fuzzScreensOnce.Do(func() { fuzzScreens = allScreens(f) })
	f.Fuzz(func(t *testing.T, w, h int, which byte) {
		s := fuzzScreens[int(which)%len(fuzzScreens)]
		// Up to what any terminal reports; the SSH room clamps larger
		// sizes before they reach the game.
		checkView(t, s, s.m, w%600, h%250)
	})
}

func ExampleModel_View_tooSmall() {
	var m tea.Model = New(Options{Renderer: asciiRenderer()})
	m, _ = m.Update(tea.WindowSizeMsg{Width: 60, Height: 20})
	fmt.Println(m.View())
	// Output: Terminal too small: 60×20; needs 80×24 (q quits)
}

// Auto-play holds while the shop, a stage's detail or an explanation
// covers the dashboard, and carries on when it is closed (it used to stop
// for good while the header still said it was playing).
func TestAutoPlayCarriesOnAfterAnOverlay(t *testing.T) {
	for _, open := range [][]string{{"i"}, {"enter"}, {"x"}} {
		var tm tea.Model = playing(t, testOptions(t))
		g := tm.(Model).session.game
		tm, msgs := drive(t, tm, keyMsg("p"))
		tick := msgs[0].(tickMsg)
		for _, k := range open {
			tm, _ = drive(t, tm, keyMsg(k))
		}
		now := g.Now()
		tm, msgs = drive(t, tm, tick)
		if g.Now() != now || len(msgs) != 0 {
			t.Fatalf("%v: a tick moved the game under an overlay", open)
		}
		tm, msgs = drive(t, tm, keyMsg("esc"))
		if tm.(Model).dash.overlay != noOverlay {
			t.Fatalf("%v, esc: the overlay is still open", open)
		}
		var ticks []tea.Msg
		for _, msg := range msgs {
			if _, done := msg.(overlayDoneMsg); done {
				continue // how the overlay asks to close
			}
			if _, ok := msg.(tickMsg); !ok {
				t.Fatalf("%v, esc: %v, want the overlay closed and a tick", open, msgs)
			}
			ticks = append(ticks, msg)
		}
		if len(ticks) != 1 {
			t.Fatalf("%v, esc: %v, want a tick", open, msgs)
		}
		drive(t, tm, ticks[0])
		if g.Now() != now+g.Scenario().Day() {
			t.Fatalf("%v, esc: the tick moved the game from %d to %d", open, now, g.Now())
		}
	}
}
