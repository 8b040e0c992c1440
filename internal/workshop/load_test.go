package workshop

import (
	"fmt"
	"net"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/globomantics/globosim/internal/workshop/workshoptest"
)

// A full room: 40 participants connect at once, wait in the lobby, and
// when the facilitator starts the round each plays to the end on auto-play
// at the fastest speed. Every result is stored, and once the server is
// closed its goroutines are gone.
func TestLoadFullRoom(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("the load test takes about 20 s, and much longer under the race detector; skipped in -short mode and with -race")
	}
	const players = DefaultMaxPlayers
	before := runtime.NumGoroutine()
	start := time.Now()

	dir := t.TempDir()
	room, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
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
	addr := ln.Addr().String()

	clients := make([]*workshoptest.Client, players)
	var wg sync.WaitGroup
	errs := make(chan error, players)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each from an address of its own, as in a room on one network.
			from := fmt.Sprintf("127.0.0.%d", i+2)
			c, err := workshoptest.Connect(t, addr, fmt.Sprintf("player%02d", i+1), workshoptest.Options{Width: 80, Height: 24, From: from})
			if err != nil {
				errs <- err
				return
			}
			clients[i] = c
			for _, step := range []struct{ keys, want string }{
				{"", "Welcome to the room"}, {"\r", "start the game"}, {"\r", "Waiting for the facilitator"},
			} {
				c.Type(step.keys)
				if _, err := c.Await(step.want, loadWait); err != nil {
					errs <- fmt.Errorf("player%02d: %w", i+1, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	lobby := time.Since(start)
	if sn := room.Snapshot(); sn.Connected != players {
		t.Fatalf("%d players connected, want %d", sn.Connected, players)
	}

	room.Start()
	errs = make(chan error, players)
	for i, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Await("play on", loadWait); err != nil {
				errs <- fmt.Errorf("player%02d: %w", i+1, err)
				return
			}
			c.Type("+++np") // fastest, through the news
			// Each event that asks stops auto-play: 1 answers it (and does
			// nothing on the dashboard), and auto-play goes on. The end
			// screen scrolls: G shows its bottom, where the scored debrief's
			// "Skill or luck?" is (G does nothing on the dashboard), as
			// scoredEnd does.
			deadline := time.Now().Add(loadWait)
			for {
				_, err := c.Await("Skill or luck?", 2*time.Second)
				if err == nil {
					break
				}
				if time.Now().After(deadline) {
					errs <- fmt.Errorf("player%02d: %w", i+1, err)
					break
				}
				c.Type("1G")
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	played := time.Since(start)

	records, err := ReadResults(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != players {
		t.Errorf("%d results stored, want %d", len(records), players)
	}
	for _, st := range room.Snapshot().Standings {
		if st.State != Done {
			t.Errorf("%s is %s, want done", st.Player, st.State)
		}
	}

	for _, c := range clients {
		c.Close()
	}
	if err := srv.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
	room.Close()
	t.Logf("%d players: all in the lobby after %v, all finished after %v, closed after %v",
		players, lobby.Round(time.Millisecond), played.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	settle(t, before)
}

// loadWait guards each step of the load test. It is long because the end
// of each game (its debrief, in a command) costs about a tenth of a second of
// CPU, 40 times at once on a busy machine; a passing run never waits for
// it.
const loadWait = 5 * time.Minute

// settle waits for the goroutines to come back near before (a few belong
// to the runtime and the test framework).
func settle(t *testing.T, before int) {
	t.Helper()
	const margin = 5
	deadline := time.Now().Add(wait)
	for {
		n := runtime.NumGoroutine()
		if n <= before+margin {
			t.Logf("goroutines: %d before, %d after", before, n)
			return
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines before, still %d after closing:\n%s", before, n, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(50 * time.Millisecond)
	}
}
