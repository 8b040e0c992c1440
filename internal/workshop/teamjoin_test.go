package workshop

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/globomantics/globosim/internal/ui"
)

// promptModel is a connection's program at the team prompt, with no SSH
// connection behind it: a room whose teams are rockets (ana and bob in
// it) and falcons.
func promptModel(t *testing.T) (visitModel, *Room) {
	t.Helper()
	room, err := Open(Config{DataDir: t.TempDir(), Teams: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { room.Close() })
	for _, j := range []struct{ team, name string }{{"rockets", "ana"}, {"rockets", "bob"}, {"falcons", "cleo"}} {
		if _, err := room.joinTeam(j.team, j.name, -1); err != nil {
			t.Fatal(err)
		}
	}
	r := plainRenderer()
	m := visitModel{
		room: room, visit: &visit{guest: &guest{gate: &gate{clock: realClock{}}}}, renderer: r, styles: newStyles(r),
		bucket: newKeyBucket(1000, 1000, time.Now), help: help.New(), prompt: defaultPromptKeys(), picks: defaultPickKeys(),
		teamField: newField("a new team's name", MaxNameLength), member: "dan",
		size: tea.WindowSizeMsg{Width: ui.MinWidth, Height: ui.MinHeight},
	}
	m, _ = m.askTeam("")
	return m, room
}

// The team prompt lists the teams (how many play, the week) and playing
// alone; the role prompt lists the roles, who holds each, the first free
// one chosen.
func TestGoldenJoinPrompts(t *testing.T) {
	for _, c := range []struct {
		name  string
		keys  []tea.Msg
		until string
	}{
		{"team", []tea.Msg{tea.KeyMsg{Type: tea.KeyDown}, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("ow")}}, "> ow"},
		{"role", []tea.Msg{tea.KeyMsg{Type: tea.KeyDown}, tea.KeyMsg{Type: tea.KeyEnter}}, "held by ana"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, _ := promptModel(t)
			tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
			for _, k := range c.keys {
				tm.Send(k)
			}
			teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(c.until)) },
				teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
			if err := tm.Quit(); err != nil {
				t.Fatal(err)
			}
			view := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).View()
			golden.RequireEqual(t, []byte(view))
		})
	}
}

// The team prompt scrolls: with more teams than fit, the chosen one and
// the way to play alone stay reachable.
func TestTeamPromptScrolls(t *testing.T) {
	m, room := promptModel(t)
	for i := range 12 {
		if _, err := room.joinTeam(fmt.Sprintf("t%02d", i), "x", -1); err != nil {
			t.Fatal(err)
		}
	}
	m, _ = m.askTeam("")
	var model tea.Model = m
	model, _ = model.Update(tea.KeyMsg{Type: tea.KeyUp}) // round to the last row: play alone
	v := model.View()
	if !bytes.Contains([]byte(v), []byte("▸ play alone, as dan")) || !bytes.Contains([]byte(v), []byte("14 teams: ↑/↓ scrolls")) {
		t.Fatalf("the team prompt with 14 teams:\n%s", v)
	}
}
