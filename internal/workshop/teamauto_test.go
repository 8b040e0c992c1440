package workshop

import (
	"fmt"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/ui"
	"github.com/globomantics/globosim/internal/workshop/workshoptest"
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
	ana.SetAutoPlay(ui.AutoPlay{On: true, Speed: 1})
	bob.SetAutoPlay(ui.AutoPlay{On: true, Speed: 3}) // faster, while ana's program drives
	if a, b := ana.AutoPlay(), bob.AutoPlay(); a != (ui.AutoPlay{On: true, Speed: 3, Drives: true}) || b != (ui.AutoPlay{On: true, Speed: 3}) {
		t.Fatalf("ana sees %+v, bob %+v: want one driver, ana, at the team's speed", a, b)
	}
	tm.remove(ana)
	if b := bob.AutoPlay(); b != (ui.AutoPlay{On: true, Speed: 3, Drives: true}) {
		t.Fatalf("after the driver left bob sees %+v", b)
	}
	bob.SetAutoPlay(ui.AutoPlay{On: false, Speed: 3})
	if b := bob.AutoPlay(); b.On || b.Drives {
		t.Fatalf("bob stopped it: %+v", b)
	}
	bob.SetAutoPlay(ui.AutoPlay{On: true, Speed: 3})
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
	tm, ana, bob := playingTeam(t)

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

// Auto-play that stops for news, or for a question, stops for the whole
// team, whichever member's program drives it: every member's screen says
// why, and the member who does not drive answers or plays on. Whether it
// stops for news is the team's too (n).
func TestTeamNewsPauseReachesEveryMember(t *testing.T) {
	tm, ana, bob := playingTeam(t)
	state := func() (paused string, held bool, driver string) {
		tm.mu.Lock()
		defer tm.mu.Unlock()
		if tm.driver != nil {
			driver = tm.driver.name
		}
		return tm.paused, tm.held, driver
	}
	now := func() sim.Time {
		tm.mu.Lock()
		defer tm.mu.Unlock()
		return tm.game.Game().Now()
	}
	clients := map[string]*workshoptest.Client{"ana": ana, "bob": bob}
	other := map[string]string{"ana": "bob", "bob": "ana"}

	keepGoing := func() bool {
		tm.mu.Lock()
		defer tm.mu.Unlock()
		return tm.keepGoing
	}
	bob.Type("n")
	eventually(t, wait, "bob's n to keep the team's auto-play going through the news", keepGoing)
	ana.Type("?")
	ana.WaitFor("pause on news: off", wait)
	ana.Type("?")
	bob.Type("n")
	eventually(t, wait, "bob's n again to pause on news", func() bool { return !keepGoing() })

	// Ana buys build automation: its news, once built, stops auto-play;
	// questions (the first in week 9) stop it too.
	ana.Type("i")
	ana.WaitFor("Build automation (CI)", wait)
	ana.Type("\r")
	ana.WaitFor("y", wait)
	ana.Type("y")
	eventually(t, wait, "ana to buy build automation", func() bool {
		tm.mu.Lock()
		defer tm.mu.Unlock()
		return len(tm.game.Game().Log()) == 1
	})
	ana.Type("i+p") // the shop closed, ana's program drives, fast, pausing on news
	driver := "ana"
	eventually(t, wait, "ana to drive", func() bool { _, _, d := state(); return d == "ana" })
	questions, news := 0, 0
	for questions == 0 || news == 0 {
		eventually(t, wait, "a question or the news to stop the team's auto-play", func() bool {
			paused, held, _ := state()
			return paused != "" || held
		})
		paused, held, _ := state()
		next := other[driver]
		stopped := now()
		if held {
			questions++
			for _, c := range clients {
				c.WaitFor("an answer is needed", wait)
			}
			clients[next].Type("1") // not the driver: answers, and auto-play carries on
		} else {
			news++
			for _, c := range clients {
				c.WaitFor("Paused, p plays on: "+paused[:min(len(paused), 20)], wait)
			}
			clients[next].Type("p") // not the driver: plays on
		}
		// On again, driven by next's program (which may have stopped
		// again at once, for more news).
		eventually(t, wait, next+" to play on", func() bool { return now() > stopped })
		if _, _, d := state(); d != next && d != "" {
			t.Fatalf("played on by %s, driven by %q", next, d)
		}
		driver = next
	}
}

// playingTeam is team rockets of ana (Development) and bob (Operations),
// real SSH clients, in a room that has started.
func playingTeam(t *testing.T) (tm *team, ana, bob *workshoptest.Client) {
	t.Helper()
	room, _, addr := startRoom(t, Config{Teams: true})
	ana = joinTeam(t, addr, "ana", "rockets")
	bob = joinTeam(t, addr, "bob", "")
	tm = teamOf(t, room, "rockets")
	room.Start()
	ana.WaitFor("play on", wait)
	bob.WaitFor("play on", wait)
	return tm, ana, bob
}
