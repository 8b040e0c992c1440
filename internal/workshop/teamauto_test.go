package workshop

import (
	"fmt"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/ui"
)

// Auto-play is one state of the team's game: whoever turns it on drives
// it, another member's speed is the team's and leaves the driver, anyone
// turns it off, and when the driver leaves another member drives on.
func TestTeamAutoPlayIsOneState(t *testing.T) {
	tm := hubTeam(t)
	ana, bob := mustAdd(t, tm, "ana", devRole), mustAdd(t, tm, "bob", opsRole)
	if a := ana.AutoPlay(); a.On || a.Speed != ui.DefaultAutoPlaySpeed {
		t.Fatalf("a new team's auto-play: %+v", a)
	}
	ana.SetAutoPlay(true, 1)
	bob.SetAutoPlay(true, 3) // faster, while ana's program drives
	if a, b := ana.AutoPlay(), bob.AutoPlay(); a != (ui.AutoPlay{On: true, Speed: 3, Drives: true}) || b != (ui.AutoPlay{On: true, Speed: 3}) {
		t.Fatalf("ana sees %+v, bob %+v: want one driver, ana, at the team's speed", a, b)
	}
	tm.remove(ana)
	if b := bob.AutoPlay(); b != (ui.AutoPlay{On: true, Speed: 3, Drives: true}) {
		t.Fatalf("after the driver left bob sees %+v", b)
	}
	bob.SetAutoPlay(false, 3)
	if b := bob.AutoPlay(); b.On || b.Drives {
		t.Fatalf("bob stopped it: %+v", b)
	}
	bob.SetAutoPlay(true, 3)
	tm.remove(bob)
	if tm.autoOn || tm.driver != nil {
		t.Fatal("a team with nobody left still auto-plays")
	}
}

// teamOf is the team name's in room.
func teamOf(t *testing.T, room *Room, name string) *team {
	t.Helper()
	room.mu.Lock()
	defer room.mu.Unlock()
	p := room.players[nameKey(name)]
	if p == nil || p.team == nil {
		t.Fatalf("no team %s", name)
	}
	return p.team
}

// autoOf is the team's auto-play: on, its speed, and who drives it.
func autoOf(tm *team) string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	who := ""
	if tm.driver != nil {
		who = tm.driver.name
	}
	return fmt.Sprintf("on %v, speed %d, driver %q", tm.autoOn, tm.autoSpeed, who)
}

// Two real members: ana turns auto-play on and bob's screen shows it
// playing, though bob's program does not move the game (ana's drives);
// bob's + is the team's speed; bob's p stops it for both; once ana turns
// it on again and leaves, bob's program drives on and the game moves.
func TestTeamAutoPlayOverSSH(t *testing.T) {
	room, _, addr := startRoom(t, Config{Teams: true})
	ana := joinTeam(t, addr, "ana", "rockets")
	bob := joinTeam(t, addr, "bob", "")
	tm := teamOf(t, room, "rockets")
	room.Start()
	ana.WaitFor("play on", wait)
	bob.WaitFor("play on", wait)

	// Slow, and not stopping for news (ana's choice, while ana's program
	// drives): the game's own stops stay out of the steps below.
	ana.Type("n-p")
	bob.WaitFor("▶ playing slow", wait) // the team's state, on bob's header
	eventually(t, wait, "ana to drive the team's auto-play", func() bool { return autoOf(tm) == `on true, speed 0, driver "ana"` })

	bob.Type("+")
	ana.WaitFor("▶ playing normal", wait)
	eventually(t, wait, "bob's + to be the team's speed, ana still driving", func() bool { return autoOf(tm) == `on true, speed 1, driver "ana"` })
	bob.Type("p")
	eventually(t, wait, "bob's p to stop the team's auto-play", func() bool { return strings.HasPrefix(autoOf(tm), "on false") })

	ana.Type("p")
	eventually(t, wait, "ana to drive again", func() bool { return autoOf(tm) == `on true, speed 1, driver "ana"` })
	ana.Close()
	eventually(t, wait, "bob to drive once ana left", func() bool { return autoOf(tm) == `on true, speed 1, driver "bob"` })
	tm.mu.Lock()
	now := tm.game.Game().Now()
	tm.mu.Unlock()
	eventually(t, wait, "bob's program to move the game on", func() bool {
		tm.mu.Lock()
		defer tm.mu.Unlock()
		return tm.game.Game().Now() > now
	})
}
