package workshop

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func press(b Board, keys string) (Board, tea.Cmd) {
	var cmd tea.Cmd
	for _, r := range keys {
		b, cmd = b.update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return b, cmd
}

// export presses x: the board says it is exporting and returns the command
// that does it, off Update; its message is then fed back.
func export(t *testing.T, b Board) Board {
	t.Helper()
	b, cmd := press(b, "x")
	if cmd == nil || !strings.Contains(b.View(), "Exporting…") {
		t.Fatalf("x does not export in a command:\n%s", b.View())
	}
	b, _ = b.update(cmd())
	return b
}

func plainRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(os.Stdout)
	r.SetColorProfile(termenv.Ascii)
	return r
}

func TestBoardControls(t *testing.T) {
	dir := t.TempDir()
	room, err := Open(Config{DataDir: dir, Code: "blue-42"})
	if err != nil {
		t.Fatal(err)
	}
	defer room.Close()
	ana, _ := room.join("ana", "")
	ana.Progress(newGame(t))
	b := NewBoard(room, BoardOptions{Address: "ssh -p 2222 10.0.0.5", HostKey: "SHA256:abc", Controls: true, Renderer: plainRenderer()})
	b, _ = b.update(tea.WindowSizeMsg{Width: 80, Height: 24})
	v := b.View()
	for _, want := range []string{"ssh -p 2222 10.0.0.5", "Globomantics, seed 1 · code blue-42 · 1 of 40 players connected",
		"Round: waiting for you (s starts it)", "host key SHA256:abc", "player", "lead time", "ana", "lobby", "1/52", "ana joined."} {
		if !strings.Contains(v, want) {
			t.Errorf("the board lacks %q:\n%s", want, v)
		}
	}
	if lines := strings.Split(v, "\n"); len(lines) != 24 {
		t.Errorf("the board is %d lines at 80×24", len(lines))
	}

	b, _ = press(b, "s")
	if !room.Status().Started || !strings.Contains(b.View(), "Round: on") {
		t.Fatalf("s: %+v", room.Status())
	}
	b, _ = press(b, "p")
	if !room.Status().Paused {
		t.Fatal("p did not pause")
	}
	b, _ = press(b, "p")
	if room.Status().Paused {
		t.Fatal("p did not resume")
	}
	b, _ = press(b, "e")
	if room.Status().Ended || !strings.Contains(b.View(), "End the round?") {
		t.Fatal("e ended the round without asking")
	}
	b, _ = press(b, "n")
	b, _ = press(b, "ey")
	if !room.Status().Ended || !strings.Contains(b.View(), "Round: over") {
		t.Fatal("e, y did not end the round")
	}
	// No game finished, but ana's is in progress: the export lists it.
	b = export(t, b)
	if !strings.Contains(b.View(), "Exported to") {
		t.Fatalf("export with a game in progress:\n%s", b.View())
	}
	if data, _ := os.ReadFile(filepath.Join(dir, ExportCSV)); !strings.Contains(string(data), ",ana,") || !strings.Contains(string(data), ",lobby,") {
		t.Fatalf("the export does not list ana in the lobby:\n%s", data)
	}
	b, cmd := press(b, "q")
	if cmd != nil || !strings.Contains(b.View(), "Close the room?") {
		t.Fatal("q closed without asking")
	}
	_, cmd = press(b, "y")
	if cmd == nil || cmd() != tea.Quit() {
		t.Fatal("q, y did not quit")
	}
}

func TestBoardOnlyWatchedHasNoControls(t *testing.T) {
	room, err := Open(Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer room.Close()
	b := NewBoard(room, BoardOptions{Renderer: plainRenderer()})
	b, _ = press(b, "sepx")
	if st := room.Status(); st.Started || st.Ended {
		t.Fatalf("a watching board changed the room: %+v", st)
	}
	if strings.Contains(b.View(), "s start") {
		t.Fatal("a watching board offers the controls")
	}
	if _, cmd := press(b, "q"); cmd == nil {
		t.Fatal("q does not leave a watching board")
	}
}

func TestBoardExports(t *testing.T) {
	dir := t.TempDir()
	room, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer room.Close()
	ana, _ := room.join("ana", "")
	ana.Finish(finishedGame(t, 3))
	out := filepath.Join(t.TempDir(), "out")
	b := NewBoard(room, BoardOptions{Controls: true, ExportDir: out, Renderer: plainRenderer()})
	b, _ = b.update(tea.WindowSizeMsg{Width: 200, Height: 30})
	b = export(t, b)
	if !strings.Contains(b.View(), "Exported to "+filepath.Join(out, ExportCSV)) {
		t.Fatalf("x:\n%s", b.View())
	}
	for _, f := range []string{ExportCSV, ExportDebrief} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
}

// Strings from outside reach the facilitator's terminal on the board (a
// scenario's name, the room code, events that quote a file): an escape
// sequence in them is shown, not obeyed, even if a loader let it through.
func TestBoardEscapesOutsideStrings(t *testing.T) {
	room, err := Open(Config{DataDir: t.TempDir(), Code: "blue\x1b[5m"})
	if err != nil {
		t.Fatal(err)
	}
	defer room.Close()
	room.scenario = "Evil\x1b]0;owned\x07"
	room.event("Cannot read a save: \x1b[2J\u202e")
	b := NewBoard(room, BoardOptions{Renderer: plainRenderer()})
	b, _ = b.update(tea.WindowSizeMsg{Width: 200, Height: 30})
	v := b.View()
	for _, want := range []string{`Evil\x1b]0;owned\x07`, `code blue\x1b[5m`, `a save: \x1b[2J\u202e`} {
		if !strings.Contains(v, want) {
			t.Errorf("the board lacks %q", want)
		}
	}
	if strings.ContainsAny(v, "\x1b\x07\u202e") {
		t.Fatalf("the board obeys an escape:\n%q", v)
	}
}

// With more players than fit at 80×24 the board scrolls to the last one,
// and the line under the table counts the rows out of sight.
func TestBoardScrollsToTheLastPlayer(t *testing.T) {
	room, err := Open(Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer room.Close()
	empty := NewBoard(room, BoardOptions{Renderer: plainRenderer()})
	empty, _ = empty.update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if v := empty.View(); strings.Contains(v, "scroll") {
		t.Fatalf("an empty board offers to scroll:\n%s", v)
	}
	const players = 30
	for i := range players {
		if _, err := room.join(fmt.Sprintf("player%02d", i+1), ""); err != nil {
			t.Fatal(err)
		}
	}
	b := NewBoard(room, BoardOptions{Renderer: plainRenderer()})
	b, _ = b.update(tea.WindowSizeMsg{Width: 80, Height: 24})
	v := b.View()
	if !strings.Contains(v, "  1  player01") || strings.Contains(v, " 30  player30") || !strings.Contains(v, "0 above, 20 below") {
		t.Fatalf("the top of the board:\n%s", v)
	}
	b, _ = press(b, strings.Repeat("j", players))
	v = b.View()
	if strings.Contains(v, "  1  player01") || !strings.Contains(v, " 30  player30") || !strings.Contains(v, "20 above, 0 below") || !strings.Contains(v, "↑/↓ scroll • q quit") {
		t.Fatalf("scrolled to the bottom:\n%s", v)
	}
	if lines := strings.Split(v, "\n"); len(lines) != 24 {
		t.Fatalf("%d lines at 80×24", len(lines))
	}
	b, _ = press(b, "k")
	if v := b.View(); !strings.Contains(v, "19 above, 1 below") {
		t.Fatalf("k:\n%s", v)
	}
}
