package workshop

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// The board and the room's events count weeks as a player's header does:
// the week in play (week 3/52 once two are played), and "after week 2" for
// what a save holds.
func TestRoomCountsWeeksAsTheHeader(t *testing.T) {
	for _, c := range []struct {
		st   Standing
		want int
	}{
		{Standing{State: Lobby, Week: 0, Weeks: 52}, 1},
		{Standing{State: Playing, Week: 8, Weeks: 52}, 9},
		{Standing{State: Disconnected, Week: 2, Weeks: 52}, 3},
		{Standing{State: AtGate, Week: 3, Weeks: 52}, 4},
		{Standing{State: Playing, Week: 52, Weeks: 52}, 52},
		{Standing{State: Done, Week: 52, Weeks: 52}, 52},
		{Standing{State: Done, Week: 8, Weeks: 52}, 8},
	} {
		if got := c.st.WeekInPlay(); got != c.want {
			t.Errorf("%v after %d of %d weeks: week %d in play, want %d", c.st.State, c.st.Week, c.st.Weeks, got, c.want)
		}
	}

	room, err := Open(Config{DataDir: t.TempDir(), Code: "blue-42"})
	if err != nil {
		t.Fatal(err)
	}
	defer room.Close()
	ana, err := room.join("ana", "")
	if err != nil {
		t.Fatal(err)
	}
	g := newGame(t)
	g.AdvanceWeek()
	g.AdvanceWeek()
	ana.Progress(g)
	b := NewBoard(room, BoardOptions{Renderer: plainRenderer()})
	b, _ = b.update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if v := b.View(); !strings.Contains(v, "3/52") {
		t.Errorf("the board does not show ana in week 3/52 after two weeks:\n%s", v)
	}
	room.leave(ana)
	if _, err := room.join("ana", ""); err != nil {
		t.Fatal(err)
	}
	var said []string
	for _, ev := range room.Snapshot().Events {
		said = append(said, ev.Text)
	}
	all := strings.Join(said, "\n")
	for _, want := range []string{"ana left after week 2; the game is saved.", "ana is back (saved after week 2)."} {
		if !strings.Contains(all, want) {
			t.Errorf("the room's events lack %q:\n%s", want, all)
		}
	}
}

// A game the facilitator stops partway through a week ended in that week,
// as the player's screens say ("ended the round in week 2"): the room's
// event, the board's row and the result's record say week 2 too, not the
// one week played whole; after a restart as well.
func TestStoppedMidWeekEndsInThatWeek(t *testing.T) {
	dir := t.TempDir()
	room, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	ana, err := room.join("ana", "")
	if err != nil {
		t.Fatal(err)
	}
	g := newGame(t)
	g.RunUntil(g.Scenario().Week() + 2*g.Scenario().Day()) // week 1 played, week 2 begun
	g.Stop("The facilitator ended the round in week 2.")
	ana.Progress(g)
	ana.Finish(g.Result())
	if r := g.Result(); r.Weeks != 1 {
		t.Fatalf("the result holds %d weeks, want the one played whole", r.Weeks)
	}
	var said []string
	for _, ev := range room.Snapshot().Events {
		said = append(said, ev.Text)
	}
	if all := strings.Join(said, "\n"); !strings.Contains(all, "ana finished in week 2:") {
		t.Errorf("the room's events do not say ana finished in week 2:\n%s", all)
	}
	board := func(room *Room) string {
		b := NewBoard(room, BoardOptions{Renderer: plainRenderer()})
		b, _ = b.update(tea.WindowSizeMsg{Width: 80, Height: 24})
		return b.View()
	}
	if v := board(room); !strings.Contains(v, "2/52") {
		t.Errorf("the board does not show ana's game ended in week 2/52:\n%s", v)
	}
	room.Close()
	again, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if v := board(again); !strings.Contains(v, "2/52") {
		t.Errorf("after a restart the board does not show ana's game ended in week 2/52:\n%s", v)
	}
}
