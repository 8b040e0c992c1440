package workshop

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/ui"
	"github.com/globomantics/globosim/internal/version"
	"github.com/globomantics/globosim/internal/workshop/workshoptest"
)

// The tests below connect real SSH clients to a real server on a free
// port, type keys and read the screens.

// wait guards every wait on a condition: long, so that a busy machine
// (or the race detector) does not fail a test that would pass; a passing
// test never waits for it.
const wait = 2 * time.Minute

// startRoom opens a room in a temporary folder (or cfg.DataDir) and
// serves it on a free port of 127.0.0.1 until the test ends.
func startRoom(t *testing.T, cfg Config) (*Room, *Server, string) {
	t.Helper()
	return startRoomAt(t, cfg, nil)
}

// startRoomAt is startRoom on the clock clk (nil: the real one). Its
// saves are written every 100 ms unless cfg says otherwise: a test that
// waits for a save does not wait out the room's 3 s.
func startRoomAt(t *testing.T, cfg Config, clk clock) (*Room, *Server, string) {
	t.Helper()
	if cfg.DataDir == "" {
		cfg.DataDir = t.TempDir()
	}
	if cfg.SaveEvery == 0 {
		cfg.SaveEvery = 100 * time.Millisecond
	}
	room, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if clk != nil {
		room.clock = clk
	}
	srv, addr, stop := serve(t, room)
	t.Cleanup(func() {
		stop()
		room.Close()
	})
	return room, srv, addr
}

// serve serves room on a free port; stop closes the server.
func serve(t *testing.T, room *Room) (*Server, string, func()) {
	t.Helper()
	srv, err := NewServer(room)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	stopped := false
	return srv, ln.Addr().String(), func() {
		if stopped {
			return
		}
		stopped = true
		if err := srv.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		if err := <-served; err != nil {
			t.Errorf("Serve: %v", err)
		}
	}
}

// join connects as user and goes through the title and the briefing to
// the dashboard.
func join(t *testing.T, addr, user string) *workshoptest.Client {
	t.Helper()
	c := workshoptest.Dial(t, addr, user, workshoptest.Options{})
	c.WaitFor("Welcome to the room, "+user, wait)
	c.Type("\r")
	c.WaitFor("start the game", wait)
	c.Type("\r")
	c.WaitFor("week 1/52", wait)
	return c
}

// weeks plays n weeks with the space bar.
func weeks(c *workshoptest.Client, n int) { c.Type(strings.Repeat(" ", n)) }

// scoredEnd waits for the end screen to be scored. It scrolls: G shows
// its bottom, which stays there as it is scored.
func scoredEnd(t *testing.T, c *workshoptest.Client) {
	t.Helper()
	for deadline := time.Now().Add(wait); ; {
		c.Type("G")
		if _, err := c.Await("Skill or luck?", 2*time.Second); err == nil {
			return
		} else if time.Now().After(deadline) {
			t.Fatal(err)
		}
	}
}

// toTheEnd plays weeks until the end screen is scored. Each space is
// followed by 1, which answers an event's question with its first choice
// when one stops the game (on the dashboard it does nothing). It types 20
// keys every 0.7 s, under the room's 30 a second: waiting longer between
// them only made the test wait.
func toTheEnd(t *testing.T, c *workshoptest.Client) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		c.Type(strings.Repeat(" 1", 10))
		_, err := c.Await("Skill or luck?", 700*time.Millisecond)
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal(err)
		}
	}
}

// visitOf is the connection of SSH user user, once it has a program.
func visitOf(t *testing.T, srv *Server, user string) *visit {
	t.Helper()
	var found *visit
	eventually(t, wait, user+"'s program", func() bool {
		srv.mu.Lock()
		defer srv.mu.Unlock()
		for v := range srv.visits {
			if v.user == user && v.keys != nil {
				found = v
				return true
			}
		}
		return false
	})
	return found
}

// bucketOf is the key bucket of the connection of SSH user user.
func bucketOf(t *testing.T, srv *Server, user string) *keyBucket {
	t.Helper()
	v := visitOf(t, srv, user)
	srv.mu.Lock()
	defer srv.mu.Unlock()
	return v.keys
}

// typed types keys and waits until the program of user has taken every
// one of them in (keys are handled in order, so what they did is done
// once the next one arrives; what the last one did may still be going).
func typed(t *testing.T, srv *Server, c *workshoptest.Client, user, keys string) {
	t.Helper()
	b := bucketOf(t, srv, user)
	want := b.seen.Load() + int64(len([]rune(keys)))
	c.Type(keys)
	eventually(t, wait, fmt.Sprintf("%s's program to take %q in", user, keys), func() bool { return b.seen.Load() >= want })
}

// standing is the player's line on the leaderboard.
func standing(t *testing.T, room *Room, name string) Standing {
	t.Helper()
	for _, st := range room.Snapshot().Standings {
		if st.Player == name {
			return st
		}
	}
	t.Fatalf("%s is not on the leaderboard: %+v", name, room.Snapshot().Standings)
	return Standing{}
}

// eventually waits for cond, failing the test after d.
func eventually(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func results(t *testing.T, dir string) map[string]Record {
	t.Helper()
	records, err := ReadResults(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Record{}
	for _, r := range records {
		if _, dup := out[r.Player]; dup {
			t.Fatalf("%s has two results", r.Player)
		}
		out[r.Player] = r
	}
	return out
}

func TestPlayAGame(t *testing.T) {
	dir := t.TempDir()
	room, srv, addr := startRoom(t, Config{DataDir: dir})
	c := join(t, addr, "alice")
	c.WaitFor("Waiting for the facilitator to start the round", wait)
	if st := standing(t, room, "alice"); st.State != Lobby {
		t.Fatalf("before the start alice is %s, want lobby", st.State)
	}
	typed(t, srv, c, "alice", "   z") // z: the spaces have been handled once it is seen
	if w := standing(t, room, "alice").Week; w != 0 {
		t.Fatalf("the game moved to week %d before the round started", w)
	}

	room.Start()
	c.WaitFor("play on", wait)
	weeks(c, 2)
	c.WaitFor("week 3/52", wait)
	eventually(t, wait, "alice's week 2 on the leaderboard", func() bool { return standing(t, room, "alice").Week == 2 })
	st := standing(t, room, "alice")
	if st.State != Playing || st.Weeks != 52 || st.Share <= 0 || st.Band == sim.NoBand || st.Score <= 0 || st.HoursPerWeek != 40 {
		t.Fatalf("alice's standing in week 2: %+v", st)
	}
	save := filepath.Join(dir, PlayersDir, "alice.json")
	eventually(t, wait, "alice's save after week 2", func() bool { // written by a command
		_, err := os.Stat(save)
		return err == nil
	})

	// To the end screen, scored: the result is stored by then (the load
	// test plays on auto-play).
	toTheEnd(t, c)
	rec, ok := results(t, dir)["alice"]
	if !ok {
		t.Fatal("alice's game is not in the results")
	}
	st = standing(t, room, "alice")
	if st.State != Done || st.Score != rec.Result.Summary.Score || st.Week != rec.Result.Weeks || rec.Result.Seed != 1 || rec.Finished.IsZero() {
		t.Fatalf("alice's standing %+v, result: week %d, score %d", st, rec.Result.Weeks, rec.Result.Summary.Score)
	}
	if _, err := os.Stat(save); !os.IsNotExist(err) {
		t.Fatalf("the finished game left its save: %v", err)
	}
	c.Type("q")
	c.WaitFor("Thank you for playing, alice", wait)
	if err := c.Wait(wait); err != nil {
		t.Fatalf("the session ended with %v", err)
	}
	eventually(t, wait, "alice's seat given back", func() bool { return room.Snapshot().Connected == 0 })
}

func TestRoomCode(t *testing.T) {
	_, _, addr := startRoom(t, Config{Code: "blue-42"})

	right := workshoptest.Dial(t, addr, "ana", workshoptest.Options{})
	right.WaitFor("This room has a code", wait)
	right.Type("blue-42\r")
	right.WaitFor("Welcome to the room, ana", wait)

	second := workshoptest.Dial(t, addr, "ben", workshoptest.Options{})
	second.WaitFor("This room has a code", wait)
	second.Type("red-7\r")
	second.WaitFor("That is not this room's code. 2 tries left.", wait)
	second.Type("blue-42\r")
	second.WaitFor("Welcome to the room, ben", wait)

	wrong := workshoptest.Dial(t, addr, "cy", workshoptest.Options{})
	wrong.WaitFor("This room has a code", wait)
	wrong.Type("a\r")
	wrong.WaitFor("2 tries left", wait)
	wrong.Type("b\r")
	wrong.WaitFor("1 try left", wait)
	wrong.Type("c\r")
	wrong.WaitFor("Too many wrong codes, try again in 10 s.", wait)
	if err := wrong.Wait(wait); err != nil {
		t.Fatalf("after three wrong codes: %v", err)
	}
	if strings.Contains(wrong.Output(), "Welcome") {
		t.Fatal("three wrong codes got in")
	}
}

func TestRoomFull(t *testing.T) {
	room, _, addr := startRoom(t, Config{MaxPlayers: 2, Facilitator: "host"})
	a := workshoptest.Dial(t, addr, "ana", workshoptest.Options{})
	a.WaitFor("Welcome to the room, ana", wait)
	b := workshoptest.Dial(t, addr, "ben", workshoptest.Options{})
	b.WaitFor("Welcome to the room, ben", wait)

	full := workshoptest.Dial(t, addr, "cy", workshoptest.Options{})
	full.WaitFor("The room is full (2 players). Ask the facilitator.", wait)
	if err := full.Wait(wait); err == nil || !strings.Contains(err.Error(), "status 1") {
		t.Fatalf("the refused session ended with %v, want exit status 1", err)
	}
	// The facilitator takes no player's seat.
	host := workshoptest.Dial(t, addr, "host", workshoptest.Options{})
	host.WaitFor("ana", wait)

	b.Close()
	eventually(t, wait, "ben's seat given back", func() bool { return room.Snapshot().Connected == 1 })
	c := workshoptest.Dial(t, addr, "cy", workshoptest.Options{})
	c.WaitFor("Welcome to the room, cy", wait)
}

func TestNames(t *testing.T) {
	room, _, addr := startRoom(t, Config{Facilitator: "host"})

	anon := workshoptest.Dial(t, addr, "", workshoptest.Options{})
	anon.WaitFor("Choose the name the room will know you by", wait)
	anon.Type("no spaces\r")
	anon.WaitFor("That will not do", wait)
	anon.Type(strings.Repeat("\x7f", 9) + "host\r") // backspace, then the facilitator's name
	anon.WaitFor("host is the facilitator's name here", wait)
	anon.Type(strings.Repeat("\x7f", 4) + "dana\r")
	anon.WaitFor("Welcome to the room, dana", wait)

	odd := workshoptest.Dial(t, addr, "j.doe", workshoptest.Options{})
	odd.WaitFor(`Your user name will not do here: "j.doe" has '.' in it`, wait)
	odd.Type("j_doe\r")
	odd.WaitFor("Welcome to the room, j_doe", wait)

	first := workshoptest.Dial(t, addr, "ana", workshoptest.Options{})
	first.WaitFor("Welcome to the room, ana", wait)
	again := workshoptest.Dial(t, addr, "ANA", workshoptest.Options{})
	again.WaitFor("Someone called ANA is playing in this room", wait)
	again.Type("ana2\r")
	again.WaitFor("Welcome to the room, ana2", wait)

	// Once ana has gone, before playing, she has left no trace, and her
	// name is free.
	first.Close()
	eventually(t, wait, "ana gone", func() bool { return !onBoard(room, "ana") })
	back := workshoptest.Dial(t, addr, "ana", workshoptest.Options{})
	back.WaitFor("Welcome to the room, ana", wait)
}

func TestNoTerminal(t *testing.T) {
	room, _, addr := startRoom(t, Config{})
	c := workshoptest.Dial(t, addr, "ana", workshoptest.Options{NoPTY: true})
	c.WaitFor("globosim is a game for a terminal: connect with plain ssh (or ssh -t), with no command after the host.", wait)
	if err := c.Wait(wait); err == nil || !strings.Contains(err.Error(), "status 1") {
		t.Fatalf("the session ended with %v, want exit status 1", err)
	}
	if n := len(room.Snapshot().Standings); n != 0 {
		t.Fatalf("a session without a terminal joined the room: %d players", n)
	}
}

// onBoard reports whether name has a line on the leaderboard.
func onBoard(room *Room, name string) bool {
	for _, st := range room.Snapshot().Standings {
		if st.Player == name {
			return true
		}
	}
	return false
}

func TestWindowSizeIsFollowed(t *testing.T) {
	_, _, addr := startRoom(t, Config{})
	c := join(t, addr, "ana")
	if err := c.Resize(60, 20); err != nil {
		t.Fatal(err)
	}
	c.WaitFor("Terminal too small: 60×20", wait)
	if err := c.Resize(120, 40); err != nil {
		t.Fatal(err)
	}
	c.WaitFor("week 1/52", wait)
}

// The facilitator's start, pause and end reach every player's screen; an
// ended round puts every game in the results: those being played, and the
// saved game of a player who had left.
func TestFacilitatorReachesPlayers(t *testing.T) {
	dir := t.TempDir()
	room, srv, addr := startRoom(t, Config{DataDir: dir, Facilitator: "host"})
	ana, ben, cy := join(t, addr, "ana"), join(t, addr, "ben"), join(t, addr, "cy")
	host := workshoptest.Dial(t, addr, "host", workshoptest.Options{})
	host.WaitFor("Round: waiting to start", wait)

	room.Start()
	for _, c := range []*workshoptest.Client{ana, ben, cy} {
		c.WaitFor("The facilitator has started the room: play on.", wait)
	}
	host.WaitFor("Round: on", wait)
	weeks(ana, 4)
	ana.WaitFor("week 5/52", wait)
	weeks(cy, 2)
	cy.WaitFor("week 3/52", wait)
	cy.Close() // leaves mid-round; the game is saved after week 2
	eventually(t, wait, "cy gone", func() bool { return standing(t, room, "cy").State == Disconnected })

	room.TogglePause()
	for _, c := range []*workshoptest.Client{ana, ben} {
		c.WaitFor("The facilitator has paused the room.", wait)
	}
	host.WaitFor("Round: paused", wait)
	typed(t, srv, ana, "ana", " z")
	if w := standing(t, room, "ana").Week; w != 4 {
		t.Fatalf("a paused game moved to week %d", w)
	}
	room.TogglePause()
	ana.WaitFor("play on", wait)
	weeks(ana, 1)
	ana.WaitFor("week 6/52", wait)

	host.Type("s") // the board over SSH only watches
	room.End()
	for _, c := range []*workshoptest.Client{ana, ben} {
		c.WaitFor("The facilitator ended the round", wait)
		scoredEnd(t, c)
	}
	host.WaitFor("Round: over", wait)
	eventually(t, wait, "three results", func() bool { return len(results(t, dir)) == 3 })
	got := results(t, dir)
	for name, week := range map[string]int{"ana": 5, "ben": 0, "cy": 2} {
		if r := got[name].Result; r.Weeks != week || !strings.Contains(r.Summary.Outcome, "The facilitator ended the round") {
			t.Errorf("%s's result: week %d, %q; want week %d, ended by the facilitator", name, r.Weeks, r.Summary.Outcome, week)
		}
		// Played or finished from the save, each says which globosim and which scenario text.
		if r := got[name].Result; r.GlobosimVersion != version.String() || r.ScenarioSHA256 != room.sha256 || len(r.ScenarioSHA256) != 64 {
			t.Errorf("%s's result says globosim %q, scenario %q", name, r.GlobosimVersion, r.ScenarioSHA256)
		}
	}
	host.WaitFor("done", wait)

	// After the end, the room takes no newcomers.
	late := workshoptest.Dial(t, addr, "dee", workshoptest.Options{})
	late.WaitFor("This round is over, so the room takes no new players.", wait)
}

// One player's program failing, or stuck, holds up no one else.
func TestOneBrokenClientAffectsNoOther(t *testing.T) {
	release := make(chan struct{})
	room, _, addr := startRoom(t, Config{})
	room.gameModel = func(o ui.Options) tea.Model {
		switch o.Player {
		case "crash":
			return failing{ui.New(o)}
		case "stuck":
			return stuck{ui.New(o), release}
		}
		return ui.New(o)
	}
	defer close(release)
	room.Start()
	ok := join(t, addr, "ok")
	crash := join(t, addr, "crash")
	stuckC := join(t, addr, "stuck")
	stuckC.Type("B") // its program now waits forever

	crash.Type("P")
	crash.WaitFor("Something went wrong in globosim", wait)
	if err := crash.Wait(wait); err != nil && strings.Contains(err.Error(), "had not ended") {
		t.Fatal("the failed program's session did not end")
	}
	weeks(ok, 3)
	ok.WaitFor("week 4/52", wait)
	room.TogglePause() // told to the stuck program too, which cannot hear it
	ok.WaitFor("The facilitator has paused the room.", wait)
	room.TogglePause()
	ok.WaitFor("play on", wait)
	weeks(ok, 1)
	ok.WaitFor("week 5/52", wait)
	joined := join(t, addr, "late")
	weeks(joined, 1)
	joined.WaitFor("week 2/52", wait)
	// crash never played a week: gone, it left no trace and gave its seat back.
	eventually(t, wait, "crash's seat given back", func() bool { return !onBoard(room, "crash") && room.Snapshot().Connected == 3 })
}

// failing panics on P.
type failing struct{ tea.Model }

func (m failing) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && k.String() == "P" {
		panic("a bug in the game")
	}
	inner, cmd := m.Model.Update(msg)
	return failing{inner}, cmd
}

// stuck stops on B until released.
type stuck struct {
	tea.Model
	release chan struct{}
}

func (m stuck) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && k.String() == "B" {
		<-m.release
	}
	inner, cmd := m.Model.Update(msg)
	return stuck{inner, m.release}, cmd
}

// The key rate, on a clock that moves only when the test moves it: a
// burst passes, the rest is dropped, and the bucket fills again with time.
func TestKeysBeyondTheRateAreDropped(t *testing.T) {
	clk := newFakeClock()
	room, srv, addr := startRoomAt(t, Config{KeysPerSecond: 2, KeyBurst: 5}, clk)
	room.Start()
	c := workshoptest.Dial(t, addr, "ana", workshoptest.Options{})
	c.WaitFor("Welcome to the room, ana", wait)
	c.Type("\r")
	c.WaitFor("start the game", wait)
	c.Type("\r")
	c.WaitFor("week 1/52", wait)
	clk.Advance(10 * time.Second) // full again: 5 keys
	b := bucketOf(t, srv, "ana")
	seen, passed := b.seen.Load(), b.passed.Load()
	typed(t, srv, c, "ana", strings.Repeat(" ", 30))
	if got := b.passed.Load() - passed; got != 5 || b.seen.Load()-seen != 30 {
		t.Fatalf("30 spaces at once: %d passed of %d, want the burst of 5", got, b.seen.Load()-seen)
	}
	c.WaitFor("week 6/52", wait)
	eventually(t, wait, "week 5 on the leaderboard", func() bool { return standing(t, room, "ana").Week == 5 })

	clk.Advance(time.Second) // two more keys
	typed(t, srv, c, "ana", strings.Repeat(" ", 10))
	c.WaitFor("week 8/52", wait)
	if w := standing(t, room, "ana").Week; w != 7 {
		t.Fatalf("a second later, 10 spaces moved to week %d, want 7", w)
	}
}
