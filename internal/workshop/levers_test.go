package workshop

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// leverScenario is the default scenario with n events only a facilitator
// brings, in a file in dir.
func leverScenario(t *testing.T, dir string, n int) string {
	t.Helper()
	_, src, err := scenario.Source(DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.Write(src)
	for i := range n {
		fmt.Fprintf(&b, "\n[[event]]\nid = \"lever-%d\"\ntitle = \"Lever %d\"\ntext = \"The facilitator pulls lever %d.\"\nfacilitator = true\neffects = [{ money = -%d }]\n", i+1, i+1, i+1, 1000*(i+1))
	}
	path := filepath.Join(dir, "levers.toml")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// playedTo is a game of the room's world played to week w.
func playedTo(t *testing.T, room *Room, w int) *sim.Game {
	t.Helper()
	g := sim.NewGame(room.sc, room.seed, 0)
	for g.Week() < w {
		if _, over := g.Over(); over {
			t.Fatalf("the game is over in week %d, before week %d", g.Week(), w)
		}
		g.AdvanceWeek()
	}
	return g
}

func TestRoomSchedules(t *testing.T) {
	room, err := Open(Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer room.Close()
	if w := room.NextWeek(); w != 2 {
		t.Errorf("an empty room schedules for week %d, want 2", w)
	}
	ana, _ := room.join("ana", "")
	ana.Progress(playedTo(t, room, 3))
	ben, _ := room.join("ben", "")
	ben.Progress(playedTo(t, room, 1))
	s, err := room.Schedule("globex-stall")
	if err != nil || s != (sim.ScheduledEvent{Week: 5, Event: "globex-stall"}) {
		t.Fatalf("scheduled %+v, %v; want globex-stall in week 5: the week after the one the furthest game plays", s, err)
	}
	if _, err := room.Schedule("globex-stall"); err == nil || err.Error() != "globex-stall is already scheduled for week 5" {
		t.Errorf("again: %v", err)
	}
	if _, err := room.Schedule("nope"); err == nil || !strings.HasPrefix(err.Error(), `there is no event called "nope"; the scenario's events are "leaver"`) {
		t.Errorf("unknown: %v", err)
	}
	room.progress(ana.p, Standing{Week: 51, Weeks: 52})
	if _, err := room.Schedule("audit"); err == nil || err.Error() != "no week of the game is left to schedule an event in: the furthest game is in week 52 of 52" {
		t.Errorf("too late: %v", err)
	}
	room.End()
	if _, err := room.Schedule("audit"); err != ErrOver {
		t.Errorf("after the end: %v", err)
	}
	if got := room.Status().Scheduled; len(got) != 1 {
		t.Errorf("the room's schedule %+v", got)
	}
}

// The board's key opens a picker of the levers, which scrolls; enter asks,
// y schedules, and the board says what was scheduled for which week.
func TestBoardSchedules(t *testing.T) {
	dir := t.TempDir()
	room, err := Open(Config{DataDir: dir, Scenario: leverScenario(t, t.TempDir(), 30)})
	if err != nil {
		t.Fatal(err)
	}
	defer room.Close()
	ana, _ := room.join("ana", "")
	ana.Progress(playedTo(t, room, 2))
	b := NewBoard(room, BoardOptions{Controls: true, Renderer: plainRenderer()})
	b, _ = b.update(tea.WindowSizeMsg{Width: 80, Height: 24})
	b, _ = press(b, "l")
	v := b.View()
	for _, want := range []string{"Schedule an event for every game in week 4:", "> Lever 1 (facilitator's) · The facilitator pulls lever 1.", "below: ↑/↓", "enter schedule it"} {
		if !strings.Contains(v, want) {
			t.Errorf("the picker lacks %q:\n%s", want, v)
		}
	}
	if lines := strings.Split(v, "\n"); len(lines) != 24 {
		t.Errorf("the board with the picker is %d lines at 80×24", len(lines))
	}
	b, _ = press(b, strings.Repeat("j", 30)) // past the facilitator's own, to the scenario's first
	v = b.View()
	if !strings.Contains(v, "> A senior developer resigns (asks)") || strings.Contains(v, "Lever 1 ") {
		t.Fatalf("the picker did not scroll to the 31st lever:\n%s", v)
	}
	b, _ = b.update(tea.KeyMsg{Type: tea.KeyEnter})
	if v := b.View(); !strings.Contains(v, `Schedule "A senior developer resigns" for every game in week 4?  y/n`) {
		t.Fatalf("enter does not ask:\n%s", v)
	}
	b, _ = press(b, "y")
	if got := room.Status().Scheduled; len(got) != 1 || got[0] != (sim.ScheduledEvent{Week: 4, Event: "leaver"}) {
		t.Fatalf("scheduled %+v", got)
	}
	v = b.View()
	for _, want := range []string{`Scheduled "A senior developer resigns" for week 4, for every game.`, `The facilitator scheduled "A senior developer resigns" for week 4.`,
		`Round: waiting for you (s starts it) · week 4: "A senior developer resigns"`} {
		if !strings.Contains(v, want) {
			t.Errorf("the board lacks %q:\n%s", want, v)
		}
	}
	b, _ = press(b, "l")
	b, _ = b.update(tea.KeyMsg{Type: tea.KeyEsc})
	if strings.Contains(b.View(), "Schedule an event") {
		t.Error("esc does not close the picker")
	}
	watched := NewBoard(room, BoardOptions{Renderer: plainRenderer()})
	if watched, _ = press(watched, "l"); watched.levers.open {
		t.Error("a watching board opens the levers")
	}
}

var clockTimes = regexp.MustCompile(`\d\d:\d\d:\d\d`)

// The picker at 80×24 and 120×40, with and without colour.
func TestGoldenLevers(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, colour := range []bool{false, true} {
			name := fmt.Sprintf("%dx%d", size[0], size[1])
			if colour {
				name += "-colour"
			}
			t.Run(name, func(t *testing.T) {
				room, err := Open(Config{DataDir: t.TempDir(), Scenario: leverScenario(t, t.TempDir(), 3)})
				if err != nil {
					t.Fatal(err)
				}
				defer room.Close()
				r := lipgloss.NewRenderer(os.Stdout)
				r.SetColorProfile(termenv.Ascii)
				if colour {
					r.SetColorProfile(termenv.ANSI256)
				}
				b := NewBoard(room, BoardOptions{Address: "ssh -p 2222 10.0.0.5", Controls: true, Renderer: r})
				b, _ = b.update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				b, _ = press(b, "ljj")
				golden.RequireEqual(t, []byte(clockTimes.ReplaceAllString(b.View(), "hh:mm:ss")))
			})
		}
	}
}
