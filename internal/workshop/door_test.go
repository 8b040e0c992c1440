package workshop

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/globomantics/globosim/internal/workshop/workshoptest"
)

// The attacks on the room's door, each with real SSH clients (or bare
// sockets) on loopback. Connections "from" 127.0.0.N come from addresses
// of their own: all of 127.0.0.0/8 is loopback.

// A client that asks for a terminal of 100000×100000, in its pty request
// and again in a window change, gets a working prompt drawn at most
// 500×200, and the server's memory stays small.
func TestHugeWindowIsClamped(t *testing.T) {
	_, srv, addr := startRoom(t, Config{Code: "blue-42"})
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)

	c := workshoptest.Dial(t, addr, "ana", workshoptest.Options{Width: 100000, Height: 100000})
	c.WaitFor("This room has a code", wait)
	if err := c.Resize(100000, 100000); err != nil {
		t.Fatal(err)
	}
	c.Type("blue-42\r")
	c.WaitFor("Welcome to the room, ana", wait)
	c.Type("\r")
	c.WaitFor("start the game", wait)
	if err := c.Resize(1<<31-1, 1<<31-1); err != nil {
		t.Fatal(err)
	}
	typed(t, srv, c, "ana", "\r")
	c.WaitFor("week 1/52", wait)

	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	allocated := (after.TotalAlloc - before.TotalAlloc) >> 20
	grown := int64(after.HeapAlloc>>20) - int64(before.HeapAlloc>>20)
	t.Logf("a 100000×100000 client: %d MB allocated in all, heap grown by %d MB", allocated, grown)
	if allocated > 200 || grown > 200 {
		t.Fatalf("a 100000×100000 client cost %d MB of allocations and %d MB of heap, want < 200", allocated, grown)
	}
	srv.mu.Lock()
	for v := range srv.visits {
		if size := v.size.Load(); size != MaxWidth<<32|MaxHeight {
			t.Errorf("the program was given a window of %d×%d, want %d×%d", size>>32, size&(1<<32-1), MaxWidth, MaxHeight)
		}
	}
	srv.mu.Unlock()
}

// Sizes of 0×0 and 1×1, at the prompt and in the game, neither end the
// player's program nor the server: the player plays on once the window
// is a real size again.
func TestTinyWindows(t *testing.T) {
	for _, size := range []int{0, 1} {
		t.Run(fmt.Sprintf("%d×%d", size, size), func(t *testing.T) {
			room, srv, addr := startRoom(t, Config{Code: "blue-42"})
			room.Start()
			c := workshoptest.Dial(t, addr, "ana", workshoptest.Options{Width: size, Height: size, ExactSize: true})
			typed(t, srv, c, "ana", "blue-42\r")
			step := func(err error) {
				t.Helper()
				switch frame := uiPanic(room); {
				case err != nil && frame != "":
					t.Fatalf("%v (the game's program failed in %s)", err, frame)
				case err != nil:
					t.Fatal(err)
				case frame != "":
					t.Fatalf("the game's program failed in %s", frame)
				}
			}
			v := visitOf(t, srv, "ana")
			// resize waits until the program has taken the size in. The
			// text on the screen does not prove it: on a resize bubbletea
			// may flush its last frame again (whole, at width 0) before the
			// program has drawn one for the new size, and a key typed on
			// seeing that frame finds the window still too small and is
			// not played.
			resize := func(w, h int) {
				t.Helper()
				step(c.Resize(w, h))
				want := int64(w)<<32 | int64(h)
				eventually(t, wait, fmt.Sprintf("the program to take %d×%d in", w, h), func() bool {
					return v.size.Load() == want || uiPanic(room) != ""
				})
				step(nil)
			}
			// Each screen at a real size, then tiny, then real again.
			for _, s := range []struct{ want, keys string }{
				{"Welcome to the room, ana", "\r"}, {"start the game", "\r"}, {"week 1/52", " "},
			} {
				resize(100, 30)
				_, err := c.Await(s.want, wait)
				step(err)
				resize(size, size)
				typed(t, srv, c, "ana", "z")
				resize(100, 30)
				_, err = c.Await(s.want, wait)
				step(err)
				c.Type(s.keys)
			}
			_, err := c.Await("week 2/52", wait)
			step(err)
			eventually(t, wait, "ana playing on", func() bool { return onBoard(room, "ana") && standing(t, room, "ana").Week >= 1 })
			if frame := uiPanic(room); frame != "" {
				t.Fatalf("at %d×%d the game panicked in %s", size, size, frame)
			}
		})
	}
}

// uiPanic is the game's function that panicked in a player's program, as
// the room's log has the stack, or "" if none did: what to look at.
func uiPanic(room *Room) string {
	b, _ := os.ReadFile(filepath.Join(room.cfg.DataDir, LogFile))
	log := string(b)
	if !strings.Contains(log, "program failed") {
		return ""
	}
	if i := strings.Index(log, "globosim/internal/ui."); i >= 0 {
		frame := log[i+len("globosim/internal/"):]
		return frame[:strings.IndexByte(frame, '(')]
	}
	return "(not the UI)"
}

// Sockets that say nothing, or only part of the SSH banner, are closed at
// the handshake's deadline, not before; a connection that got through
// the handshake is closed at the prompt's deadline, with a word.
func TestHalfOpenSocketsAreClosedAtTheDeadline(t *testing.T) {
	clk := newFakeClock()
	_, srv, addr := startRoomAt(t, Config{Code: "blue-42", HandshakeTimeout: 20 * time.Second, PromptTimeout: 2 * time.Minute}, clk)
	var socks []net.Conn
	for i := range 6 {
		conn := workshoptest.DialTCP(t, addr, fmt.Sprintf("127.0.0.%d", 2+i%3))
		if i%2 == 1 {
			conn.Write([]byte("SSH-2.0-Open")) // a banner cut short
		}
		socks = append(socks, conn)
	}
	prompt := workshoptest.Dial(t, addr, "ana", workshoptest.Options{})
	prompt.WaitFor("This room has a code", wait)
	eventually(t, wait, "7 connections at the door", func() bool { return srv.WaitingCount() == 7 })

	clk.Advance(20*time.Second - time.Millisecond)
	if n := expiredCount(srv); n != 0 {
		t.Fatalf("just before the handshake's deadline, %d connections were cut", n)
	}
	clk.Advance(time.Millisecond)
	if n := expiredCount(srv); n != 6 {
		t.Fatalf("at the handshake's deadline, %d connections were cut, want the 6 sockets", n)
	}
	for i, conn := range socks {
		if err := readToEnd(conn); err != nil {
			t.Fatalf("socket %d at the deadline: %v", i, err)
		}
	}
	eventually(t, wait, "the sockets off the door", func() bool { return srv.WaitingCount() == 1 })

	clk.Advance(2*time.Minute - 20*time.Second - time.Millisecond)
	if n := expiredCount(srv); n != 6 {
		t.Fatalf("before the prompt's deadline, %d connections were cut, want 6", n)
	}
	clk.Advance(time.Millisecond)
	prompt.WaitFor("You did not get in within 2 minutes: connect again when you are ready.", wait)
	if err := prompt.Wait(wait); err != nil && strings.Contains(err.Error(), "had not ended") {
		t.Fatal(err)
	}
	clk.Advance(hangUpGrace)
	eventually(t, wait, "the door empty", func() bool { return srv.WaitingCount() == 0 })
}

// expiredCount is how many connections the server has cut at a deadline.
func expiredCount(srv *Server) int {
	srv.gate.mu.Lock()
	defer srv.gate.mu.Unlock()
	return srv.gate.expired
}

// readToEnd reads conn until the server closes it, and fails if that
// takes past the guard.
func readToEnd(conn net.Conn) error {
	conn.SetReadDeadline(time.Now().Add(wait))
	_, err := io.Copy(io.Discard, conn)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("still open after %v", wait)
	}
	return nil // EOF or reset: closed
}

// refused reports whether the server closed conn before saying anything
// (an accepted connection hears the server's SSH banner at once).
func refused(t *testing.T, conn net.Conn) bool {
	t.Helper()
	conn.SetReadDeadline(time.Now().Add(wait))
	buf := make([]byte, 64)
	n, err := conn.Read(buf)
	if n > 0 {
		return false
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("neither refused nor greeted after %v", wait)
	}
	return true
}

// Beyond the caps at the door, new connections are closed at once; the
// caps count only those not yet in, so a real player still gets in while
// strangers from another address hold that address's share.
func TestTheDoorIsCapped(t *testing.T) {
	room, srv, addr := startRoom(t, Config{Code: "blue-42", MaxStartups: 5, MaxStartupsPerAddress: 3})
	for range 3 {
		if conn := workshoptest.DialTCP(t, addr, "127.0.0.2"); refused(t, conn) {
			t.Fatal("a stranger within the caps was refused")
		}
	}
	start := time.Now()
	if conn := workshoptest.DialTCP(t, addr, "127.0.0.2"); !refused(t, conn) {
		t.Fatal("a fourth stranger from one address was let in")
	}
	t.Logf("the fourth stranger from one address was refused in %v", time.Since(start).Round(time.Microsecond))

	ana := workshoptest.Dial(t, addr, "ana", workshoptest.Options{From: "127.0.0.1"})
	ana.WaitFor("This room has a code", wait)
	ana.Type("blue-42\r")
	ana.WaitFor("Welcome to the room, ana", wait) // in: off the door's count
	eventually(t, wait, "3 at the door", func() bool { return srv.WaitingCount() == 3 })

	for range 2 {
		if conn := workshoptest.DialTCP(t, addr, "127.0.0.3"); refused(t, conn) {
			t.Fatal("a stranger within the caps was refused")
		}
	}
	if conn := workshoptest.DialTCP(t, addr, "127.0.0.4"); !refused(t, conn) {
		t.Fatal("a sixth stranger was let in past MaxStartups 5")
	}
	warned := 0
	for _, ev := range room.Snapshot().Events {
		if strings.HasPrefix(ev.Text, "Refused ") {
			warned++
		}
	}
	if warned != 1 {
		t.Fatalf("%d warnings of refused connections, want 1 (at most one a minute)", warned)
	}
}

// With the default caps, ten strangers from one address hold that
// address's share and no more: players from elsewhere get in.
func TestPlayersGetInWhileStrangersWait(t *testing.T) {
	_, _, addr := startRoom(t, Config{Code: "blue-42"})
	for range DefaultMaxStartupsPerAddress {
		if conn := workshoptest.DialTCP(t, addr, "127.0.0.9"); refused(t, conn) {
			t.Fatal("a stranger within the caps was refused")
		}
	}
	for i, name := range []string{"ana", "ben"} {
		c := workshoptest.Dial(t, addr, name, workshoptest.Options{From: fmt.Sprintf("127.0.0.%d", 1+i)})
		c.WaitFor("This room has a code", wait)
		c.Type("blue-42\r")
		c.WaitFor("Welcome to the room, "+name, wait)
	}
}

// Connections at the prompt hold no seat: two clients that only send
// keepalives, and twenty that typed a wrong code, leave the seats to the
// players who typed the right one.
func TestStrangersHoldNoSeat(t *testing.T) {
	room, _, addr := startRoom(t, Config{Code: "blue-42", MaxPlayers: 3})
	var strangers []*workshoptest.Client
	for i := range 2 {
		c := workshoptest.Dial(t, addr, fmt.Sprintf("idle%d", i), workshoptest.Options{From: fmt.Sprintf("127.0.1.%d", i+1)})
		c.WaitFor("This room has a code", wait)
		strangers = append(strangers, c)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := workshoptest.Connect(t, addr, fmt.Sprintf("guess%d", i), workshoptest.Options{From: fmt.Sprintf("127.0.2.%d", i+1)})
			if err == nil {
				_, err = c.Await("This room has a code", wait)
			}
			if err == nil {
				c.Type("red-7\r")
				_, err = c.Await("That is not this room's code. 2 tries left.", wait)
			}
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for _, c := range strangers {
		if err := c.Keepalive(); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"ana", "ben", "cy"} {
		c := workshoptest.Dial(t, addr, name, workshoptest.Options{})
		c.WaitFor("This room has a code", wait)
		c.Type("blue-42\r")
		c.WaitFor("Welcome to the room, "+name, wait)
	}
	full := workshoptest.Dial(t, addr, "dee", workshoptest.Options{})
	full.WaitFor("This room has a code", wait)
	full.Type("blue-42\r")
	full.WaitFor("The room is full (3 players). Ask the facilitator.", wait)
	if err := full.Wait(wait); err == nil || !strings.Contains(err.Error(), "status 1") {
		t.Fatalf("the refused session ended with %v, want exit status 1", err)
	}
	if sn := room.Snapshot(); sn.Connected != 3 || len(sn.Standings) != 3 {
		t.Fatalf("%d connected, %d on the board; want the 3 players", sn.Connected, len(sn.Standings))
	}
}

// The idle timeout counts what the person types while the round is on:
// two clients that only send keepalives cannot hold the seats of a room
// of 2, a key press keeps a seat, and waiting in the lobby is not idling.
func TestIdleCountsKeyPresses(t *testing.T) {
	clk := newFakeClock()
	room, srv, addr := startRoomAt(t, Config{MaxPlayers: 2, IdleTimeout: 10 * time.Minute}, clk)
	ana := workshoptest.Dial(t, addr, "ana", workshoptest.Options{})
	ana.WaitFor("Welcome to the room, ana", wait)
	ben := workshoptest.Dial(t, addr, "ben", workshoptest.Options{})
	ben.WaitFor("Welcome to the room, ben", wait)
	clk.Advance(55 * time.Minute) // in the lobby, waiting for the facilitator
	room.Start()
	clk.Advance(time.Millisecond)
	if n := room.Snapshot().Connected; n != 2 {
		t.Fatalf("after 55 minutes in the lobby %d players are connected, want 2", n)
	}
	for range 3 {
		clk.Advance(3 * time.Minute)
		for _, c := range []*workshoptest.Client{ana, ben} {
			if err := c.Keepalive(); err != nil {
				t.Fatal(err)
			}
		}
	}
	full := workshoptest.Dial(t, addr, "cy", workshoptest.Options{})
	full.WaitFor("The room is full (2 players)", wait)
	clk.Advance(time.Minute)
	for _, c := range []*workshoptest.Client{ana, ben} {
		c.WaitFor("You typed nothing for 10 minutes, so the room closed your connection.", wait)
	}
	eventually(t, wait, "the seats given back", func() bool { return room.Snapshot().Connected == 0 })

	cy := workshoptest.Dial(t, addr, "cy", workshoptest.Options{})
	cy.WaitFor("Welcome to the room, cy", wait)
	dee := workshoptest.Dial(t, addr, "dee", workshoptest.Options{})
	dee.WaitFor("Welcome to the room, dee", wait)
	clk.Advance(5 * time.Minute)
	typed(t, srv, dee, "dee", "x")
	clk.Advance(5 * time.Minute)
	cy.WaitFor("You typed nothing for 10 minutes", wait)
	eventually(t, wait, "cy's seat given back", func() bool { return room.Snapshot().Connected == 1 })
	clk.Advance(5*time.Minute - time.Millisecond)
	gu := visitOf(t, srv, "dee").guest
	gu.mu.Lock()
	expired := gu.expired
	gu.mu.Unlock()
	if expired {
		t.Fatal("dee, who typed 10 minutes ago less a moment, was sent away")
	}
	clk.Advance(time.Millisecond)
	dee.WaitFor("You typed nothing for 10 minutes", wait)
}

// After codeTries wrong codes an address waits, twice as long each time;
// another address is not held up, and the right code clears the slate.
func TestWrongCodesBackOff(t *testing.T) {
	clk := newFakeClock()
	_, _, addr := startRoomAt(t, Config{Code: "blue-42", WrongCodeDelay: 10 * time.Second}, clk)
	guess := func(from string, codes ...string) *workshoptest.Client {
		t.Helper()
		c := workshoptest.Dial(t, addr, "eve", workshoptest.Options{From: from})
		c.WaitFor("This room has a code", wait)
		for _, code := range codes {
			c.Type(code + "\r")
		}
		return c
	}
	c := guess("127.0.0.5", "a", "b")
	c.WaitFor("1 try left", wait)
	c.Close()
	c = guess("127.0.0.5", "c") // the third from the address, on a new connection
	c.WaitFor("Too many wrong codes, try again in 10 s.", wait)

	late := workshoptest.Dial(t, addr, "eve", workshoptest.Options{From: "127.0.0.5"})
	late.WaitFor("Too many wrong codes, try again in 10 s.", wait) // not even asked
	if err := late.Wait(wait); err != nil && strings.Contains(err.Error(), "had not ended") {
		t.Fatal(err)
	}
	ana := workshoptest.Dial(t, addr, "ana", workshoptest.Options{From: "127.0.0.6"})
	ana.WaitFor("This room has a code", wait)
	ana.Type("blue-42\r")
	ana.WaitFor("Welcome to the room, ana", wait)

	clk.Advance(4 * time.Second)
	again := workshoptest.Dial(t, addr, "eve", workshoptest.Options{From: "127.0.0.5"})
	again.WaitFor("try again in 6 s.", wait)
	clk.Advance(6 * time.Second)
	c = guess("127.0.0.5", "d", "e", "f")
	c.WaitFor("Too many wrong codes, try again in 20 s.", wait)
	clk.Advance(20 * time.Second)
	c = guess("127.0.0.5", "g", "blue-42")
	c.WaitFor("Welcome to the room, eve", wait)
	c = guess("127.0.0.5", "h", "i")
	c.WaitFor("1 try left", wait) // the right code cleared the slate
}

func newKey(t *testing.T) ssh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A name first played with an SSH key belongs to that key, whatever the
// case it is typed in, across a restart; a name first played without a
// key is anyone's; a name that never played is bound to nothing.
func TestNamesBelongToKeys(t *testing.T) {
	dir := t.TempDir()
	mine, theirs := newKey(t), newKey(t)
	room, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	_, addr, stop := serve(t, room)
	room.Start()
	play := func(addr, user string, key ssh.Signer) *workshoptest.Client {
		t.Helper()
		c := workshoptest.Dial(t, addr, user, workshoptest.Options{Key: key})
		c.WaitFor("Welcome to the room, "+user, wait)
		c.Type("\r")
		c.WaitFor("start the game", wait)
		c.Type("\r")
		c.WaitFor("week 1/52", wait)
		weeks(c, 1)
		c.WaitFor("week 2/52", wait)
		return c
	}
	victim := play(addr, "victim", mine)
	open := play(addr, "open", nil)
	// Never played: bound to nothing, and gone.
	idle := workshoptest.Dial(t, addr, "idle", workshoptest.Options{Key: mine})
	idle.WaitFor("Welcome to the room, idle", wait)
	idle.Close()
	victim.Close()
	open.Close()
	eventually(t, wait, "all gone", func() bool { return room.Snapshot().Connected == 0 })
	eventually(t, wait, "victim's key stored", func() bool {
		b, _ := os.ReadFile(filepath.Join(dir, NamesFile))
		return strings.Contains(string(b), `"name":"victim"`)
	})

	check := func(addr string) {
		t.Helper()
		for _, key := range []ssh.Signer{theirs, nil} {
			c := workshoptest.Dial(t, addr, "VICTIM", workshoptest.Options{Key: key})
			c.WaitFor("That name is taken: VICTIM plays here", wait)
			c.Close()
		}
		c := workshoptest.Dial(t, addr, "Victim", workshoptest.Options{Key: mine})
		c.WaitFor("you stopped after week 1", wait)
		c.Close()
		c = workshoptest.Dial(t, addr, "open", workshoptest.Options{Key: theirs})
		c.WaitFor("you stopped after week 1", wait) // anyone's
		c.Close()
		c = workshoptest.Dial(t, addr, "idle", workshoptest.Options{Key: theirs})
		c.WaitFor("Welcome to the room, idle", wait)
		c.Close()
	}
	check(addr)
	stop()
	room.Close()

	room, err = Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer room.Close()
	_, addr, stop = serve(t, room)
	defer stop()
	check(addr)
	b, _ := os.ReadFile(filepath.Join(dir, NamesFile))
	if strings.Count(string(b), "\n") != 1 || !strings.Contains(string(b), fingerprintOf(mine)) {
		t.Fatalf("%s holds:\n%s\nwant victim's key alone", NamesFile, b)
	}
}

func fingerprintOf(s ssh.Signer) string { return ssh.FingerprintSHA256(s.PublicKey()) }

// A connection that leaves before its game is kept leaves nothing: no
// line on the leaderboard, no save, no exports folder, no name.
func TestLeavingBeforePlayingLeavesNoTrace(t *testing.T) {
	dir := t.TempDir()
	room, _, addr := startRoom(t, Config{DataDir: dir})
	lobby := join(t, addr, "early")
	lobby.Close()
	eventually(t, wait, "early gone", func() bool { return !onBoard(room, "early") })

	room.Start()
	late := join(t, addr, "late")
	late.Close()
	eventually(t, wait, "late gone", func() bool { return !onBoard(room, "late") && room.Snapshot().Connected == 0 })
	room.End()
	for _, dir := range []string{PlayersDir, ExportsDir} {
		entries, _ := os.ReadDir(filepath.Join(room.cfg.DataDir, dir))
		if len(entries) != 0 {
			t.Errorf("%s holds %d entries, want none", dir, len(entries))
		}
	}
	if n := len(results(t, dir)); n != 0 {
		t.Errorf("%d results, want none", n)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, NamesFile)); len(b) != 0 {
		t.Errorf("%s holds %q", NamesFile, b)
	}
}

// One room folder, one server: a second Open on the folder fails naming
// it and the process holding it, until the first is closed.
func TestOneServerPerFolder(t *testing.T) {
	dir := t.TempDir()
	room, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(Config{DataDir: dir})
	if want := fmt.Sprintf("%s is being served by another globosim serve (process %d)", dir, os.Getpid()); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("a second Open: %v; want %q", err, want)
	}
	if _, err := ReadResults(dir); err != nil {
		t.Fatalf("reading the results of a served folder: %v", err)
	}
	room.Close()
	again, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatalf("after Close: %v", err)
	}
	again.Close()
}
