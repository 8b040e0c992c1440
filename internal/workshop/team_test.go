package workshop

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/globomantics/globosim/internal/workshop/workshoptest"
)

// joinTeam connects user to a --teams room and takes them through the
// team prompt (typing team, or "" for the team selected) and the role
// prompt (enter: the first free role), the title and the briefing.
func joinTeam(t *testing.T, addr, user, team string) *workshoptest.Client {
	t.Helper()
	c := workshoptest.Dial(t, addr, user, workshoptest.Options{})
	c.WaitFor("Which team do you play in, "+user+"?", wait)
	c.Type(team + "\r")
	c.WaitFor("Your role in team", wait)
	c.Type("\r")
	c.WaitFor("Welcome to the room", wait)
	c.Type("\r")
	c.WaitFor("start the game", wait)
	c.Type("\r")
	c.WaitFor("week 1/52", wait)
	return c
}

// rejoinTeam is joinTeam for a team whose game has begun: after the role,
// enter continues it.
func rejoinTeam(t *testing.T, addr, user, team string, week int) *workshoptest.Client {
	t.Helper()
	c := workshoptest.Dial(t, addr, user, workshoptest.Options{})
	c.WaitFor("Which team do you play in, "+user+"?", wait)
	c.Type(team + "\r")
	c.WaitFor("Your role in team", wait)
	c.Type("\r")
	c.WaitFor(fmt.Sprintf("you stopped after week %d", week), wait)
	c.Type("\r")
	c.WaitFor(fmt.Sprintf("week %d/52", week+1), wait) // the header: the week in play
	return c
}

// Two members play one company: bob (operations) proposes buying CI,
// which development owns; ana (development) sees the proposal and accepts
// it with one key; both see in the news who decided, and bob hears the
// answer. The room has one entry for the team.
func TestTeamProposeAndAccept(t *testing.T) {
	room, _, addr := startRoom(t, Config{Teams: true})
	ana := joinTeam(t, addr, "ana", "rockets")
	bob := joinTeam(t, addr, "bob", "") // the team selected: rockets
	if !strings.Contains(bob.Output(), "rockets · bob (Operations)") || !strings.Contains(ana.Output(), "rockets · ana (Development)") {
		t.Fatal("the headers do not name the team and the roles")
	}

	bob.Type("i") // the shop, on Build automation (CI)
	bob.WaitFor("Build automation (CI)", wait)
	bob.Type("\r")
	bob.WaitFor("y yes", wait)
	bob.Type("y")
	bob.WaitFor("Proposed to ana (Development): buy Build automation (CI)", wait)

	ana.WaitFor("bob (Operations) proposes:", wait)
	ana.WaitFor("buy Build automation (CI) for $90,000", wait)
	ana.Type("y")
	ana.WaitFor("ana, proposed by bob: ", wait)
	bob.WaitFor("ana (Development) accepted your proposal", wait)
	bob.Type("\x1b") // out of the shop: the news
	bob.WaitFor("ana, proposed by bob: ", wait)

	sn := room.Snapshot()
	if len(sn.Standings) != 1 || sn.Standings[0].Player != "rockets" || !sn.Standings[0].Team || sn.Standings[0].Members != 2 || sn.Connected != 2 {
		t.Fatalf("the room's standings: %+v, %d connected", sn.Standings, sn.Connected)
	}
	if room.seatsNow() != 2 {
		t.Fatalf("%d seats taken, want 2", room.seatsNow())
	}
}

// The team's game moves for every member: a week played by one shows on
// the other's screen; a decision the member's own role owns is taken at
// once.
func TestTeamSharesOneGame(t *testing.T) {
	dir := t.TempDir()
	room, _, addr := startRoom(t, Config{Teams: true, DataDir: dir})
	ana := joinTeam(t, addr, "ana", "rockets")
	bob := joinTeam(t, addr, "bob", "")
	room.Start()
	ana.WaitFor("play on", wait)
	weeks(ana, 2)
	bob.WaitFor("week 3/52", wait)
	eventually(t, wait, "the team's save", func() bool {
		_, err := os.Stat(filepath.Join(dir, PlayersDir, "rockets.json"))
		return err == nil
	})
	eventually(t, wait, "the team noted in the folder", func() bool {
		_, err := os.Stat(filepath.Join(dir, TeamsDir, "rockets"))
		return err == nil
	})
}

// quit leaves the game with q and y.
func quit(t *testing.T, c *workshoptest.Client, bye string) {
	t.Helper()
	c.Type("q")
	c.WaitFor("Quit the game?", wait)
	c.Type("y")
	c.WaitFor(bye, wait)
	if err := c.Wait(wait); err != nil {
		t.Fatalf("the session ended with %v", err)
	}
}

// A team whose members have all left is resumed by any member, also after
// the server restarts, at the week it was saved; it is finished as one
// entry, whose result lists everyone who played in it.
func TestTeamResumed(t *testing.T) {
	dir := t.TempDir()
	room, addr, stop := openTeamRoom(t, dir)
	room.Start()
	ana := joinTeam(t, addr, "ana", "rockets")
	bob := joinTeam(t, addr, "bob", "")
	ana.Type("i") // development buys CI itself
	ana.WaitFor("Build automation (CI)", wait)
	ana.Type("\r")
	ana.WaitFor("y yes", wait)
	ana.Type("y")
	ana.WaitFor("Started Build automation (CI)", wait)
	ana.Type("\x1b")
	ana.WaitFor("ana: Started Build automation (CI)", wait)
	weeks(bob, 2)
	ana.WaitFor("week 3/52", wait)
	eventually(t, wait, "the team's week 2 saved", func() bool {
		_, err := os.Stat(filepath.Join(dir, TeamsDir, "rockets"))
		return err == nil && standing(t, room, "rockets").Week == 2
	})
	quit(t, ana, "")
	quit(t, bob, "Team rockets's game is saved after week 2, bob.")
	eventually(t, wait, "rockets disconnected", func() bool { return standing(t, room, "rockets").State == Disconnected })

	// Back without a restart: the game the team left.
	cleo := rejoinTeam(t, addr, "cleo", "", 2)
	quit(t, cleo, "after week 2")
	eventually(t, wait, "rockets disconnected again", func() bool { return standing(t, room, "rockets").State == Disconnected })
	room, addr = restartTeamRoom(t, dir, room, stop)
	if st := standing(t, room, "rockets"); !st.Team || st.Week != 2 {
		t.Fatalf("after the restart rockets is %+v", st)
	}
	room.Start()
	dan := workshoptest.Dial(t, addr, "dan", workshoptest.Options{})
	dan.WaitFor("rockets (0 playing, week 2)", wait)
	dan.Type("\r")
	dan.WaitFor("Your role in team rockets", wait)
	dan.Type("\r")
	dan.WaitFor("you stopped after week 2", wait)
	dan.Type("\r")
	dan.WaitFor("week 3/52", wait)
	dan.WaitFor("ana: Started Build automation (CI)", wait) // who decided, after the restart
	eve := rejoinTeam(t, addr, "eve", "rockets", 2)
	toTheEnd(t, dan)
	scoredEnd(t, eve)
	rec, ok := results(t, dir)["rockets"]
	if !ok {
		t.Fatal("the team's game is not in the results")
	}
	if got := strings.Join(rec.Team, " "); got != "ana bob cleo dan eve" {
		t.Errorf("the result lists the team as %q", got)
	}
}

// Joining a team asks, in this order: the room code, the name (the SSH
// user name will not do), the team, the role (enter takes the first free
// one); then the title and the briefing. In the same room a player may
// play alone, and the board shows the team and the solo player alike.
func TestTeamJoinFlowAndSolo(t *testing.T) {
	room, _, addr := startRoom(t, Config{Teams: true, Code: "blue-42"})
	c := workshoptest.Dial(t, addr, "j.doe", workshoptest.Options{})
	c.WaitFor("This room has a code", wait)
	c.Type("blue-42\r")
	c.WaitFor(`Your user name will not do here: "j.doe" has '.' in it`, wait)
	c.Type("ana\r")
	c.WaitFor("Which team do you play in, ana?", wait)
	c.WaitFor("play alone, as ana", wait)
	c.Type("rockets\r")
	c.WaitFor("Your role in team rockets, ana?", wait)
	c.WaitFor("▸ Development", wait)
	c.WaitFor("Operations", wait)
	c.Type("\r")
	c.WaitFor("Welcome to the room, rockets · ana (Development)", wait)
	c.Type("\r")
	c.WaitFor("start the game", wait)
	c.Type("\r")
	c.WaitFor("week 1/52", wait)

	// Bob picks development too, with ↑ from the first free role.
	bob := workshoptest.Dial(t, addr, "bob", workshoptest.Options{})
	bob.WaitFor("This room has a code", wait)
	bob.Type("blue-42\r")
	bob.WaitFor("rockets (1 playing)", wait)
	bob.Type("\r")
	bob.WaitFor("held by ana", wait)
	bob.Type("\x1b[A\r") // up: development
	bob.WaitFor("Welcome to the room, rockets · bob (Development)", wait)

	solo := workshoptest.Dial(t, addr, "carl", workshoptest.Options{})
	solo.WaitFor("This room has a code", wait)
	solo.Type("blue-42\r")
	solo.WaitFor("play alone, as carl", wait)
	solo.Type("\x1b[B\r") // down: play alone
	solo.WaitFor("Welcome to the room, carl", wait)
	solo.Type("\r")
	solo.WaitFor("start the game", wait)
	solo.Type("\r")
	solo.WaitFor("week 1/52", wait)

	// A solo player cannot take a team's name, nor a team a solo player's.
	dup := workshoptest.Dial(t, addr, "rockets", workshoptest.Options{})
	dup.WaitFor("This room has a code", wait)
	dup.Type("blue-42\r")
	dup.WaitFor("Which team do you play in, rockets?", wait)
	dup.Type("carl\r")
	dup.WaitFor("Your role in team carl", wait)
	dup.Type("\r")
	dup.WaitFor("carl is a solo player's name in this room", wait)

	b := NewBoard(room, BoardOptions{Renderer: plainRenderer()})
	b, _ = b.update(tea.WindowSizeMsg{Width: 80, Height: 24})
	eventually(t, wait, "the board with the team and the solo player", func() bool {
		b, _ = b.update(boardTickMsg{})
		v := b.View()
		return strings.Contains(v, "rockets (team)") && strings.Contains(v, "carl ") && strings.Contains(v, "3 of 40 players connected")
	})
}

// A member who comes back to their team gets their role back without
// being asked, if it is still free, also after the server restarts; held
// by another now, the role prompt says which was theirs, and enter takes
// the first free one as for anyone.
func TestTeamRoleKeptOnRejoin(t *testing.T) {
	dir := t.TempDir()
	room, addr, stop := openTeamRoom(t, dir)
	room.Start()
	ana := joinTeam(t, addr, "ana", "rockets") // development
	bob := joinTeam(t, addr, "bob", "")        // operations
	weeks(bob, 1)
	ana.WaitFor("week 2/52", wait)
	eventually(t, wait, "the team's week 1 saved", func() bool {
		_, err := os.Stat(filepath.Join(dir, TeamsDir, "rockets"))
		return err == nil && standing(t, room, "rockets").Week == 1
	})
	back := func(name, want string) *workshoptest.Client {
		t.Helper()
		c := workshoptest.Dial(t, addr, name, workshoptest.Options{})
		c.WaitFor("Which team do you play in, "+name+"?", wait)
		c.Type("rockets\r")
		out := c.WaitFor("Welcome to the room, rockets · "+name+" ("+want+")", wait)
		if strings.Contains(out, "Your role in team") {
			t.Errorf("%s, back in the team, was asked for a role again", name)
		}
		c.WaitFor("you stopped after week 1", wait)
		return c
	}
	quit(t, ana, "")
	ana = back("ana", "Development")
	ana.Type("\x03") // leaves at the title
	eventually(t, wait, "ana gone", func() bool { return len(teamOf(t, room, "rockets").holders()[0]) == 0 })

	cleo := rejoinTeam(t, addr, "cleo", "rockets", 1) // takes development, the first free role
	if !strings.Contains(cleo.Output(), "rockets · cleo (Development)") {
		t.Fatal("cleo did not take development, the first free role")
	}
	ana = workshoptest.Dial(t, addr, "ana", workshoptest.Options{})
	ana.WaitFor("Which team do you play in, ana?", wait)
	ana.Type("rockets\r")
	ana.WaitFor("held by cleo, your role before", wait)
	ana.Type("\r")
	ana.WaitFor("Welcome to the room, rockets · ana (QA)", wait)
	for _, c := range []*workshoptest.Client{ana, bob, cleo} {
		c.Close()
	}
	eventually(t, wait, "rockets disconnected", func() bool { return standing(t, room, "rockets").State == Disconnected })
	room, addr = restartTeamRoom(t, dir, room, stop)
	room.Start()
	back("ana", "QA").Close()
}

// restartTeamRoom stops serving room and closes it, then opens the team
// room in dir again and serves it, as a restarted server does, until the
// test ends.
func restartTeamRoom(t *testing.T, dir string, room *Room, stop func()) (*Room, string) {
	t.Helper()
	stop()
	if err := room.Close(); err != nil {
		t.Fatal(err)
	}
	room, addr, stop := openTeamRoom(t, dir)
	t.Cleanup(func() {
		stop()
		room.Close()
	})
	return room, addr
}

// openTeamRoom opens the team room in dir and serves it; stop ends the
// serving, and closing the room is the caller's.
func openTeamRoom(t *testing.T, dir string) (*Room, string, func()) {
	t.Helper()
	room, err := Open(Config{DataDir: dir, Teams: true})
	if err != nil {
		t.Fatal(err)
	}
	_, addr, stop := serve(t, room)
	return room, addr, stop
}
