// Command globosim-load measures how many players one machine's workshop
// room holds: it opens N SSH sessions on loopback (to a room it serves
// itself, or to a running `globosim serve`), lets every game auto-play,
// and every few seconds each player presses a key whose effect shows on
// the screen (+ or -, the auto-play speed in the header), timing the key's
// echo: from the key sent to the first frame that shows it. It prints the
// echo's p50, p95 and p99 and the CPU the process used.
//
//	go run ./cmd/globosim-load --players 500 --duration 60s
//
// Everything is bounded: at most 1000 players, 10 minutes of play, and
// each wait on the server a minute.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"sync"
	"time"

	"github.com/globomantics/globosim/internal/workshop"
)

// Bounds of a run.
const (
	maxPlayers  = 1000
	maxDuration = 10 * time.Minute
	minEvery    = 200 * time.Millisecond
	stepWait    = time.Minute // the longest wait on any one screen
	echoWait    = 10 * time.Second
	targetP95   = 100 * time.Millisecond // a room's goal: 500 players on 2 cores within it
)

// settings of a run.
type settings struct {
	players       int
	duration      time.Duration
	every         time.Duration
	addr          string
	scenario      string
	width, height int
	ramp          int
	cpuProfile    string
	out           io.Writer
}

func main() {
	os.Exit(cli(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `globosim-load: measure the key echo of a workshop room under load

  globosim-load [flags]
      --players N        SSH sessions, each an auto-playing player (default 100, at most 1000)
      --duration D       how long they play while the echo is measured (default 60s, at most 10m)
      --every D          how often each player presses a key (default 2s, jittered; at least 200ms)
      --addr HOST:PORT   a running globosim serve to load (started, with room for N players, no
                         room code); default: serve a room of its own on 127.0.0.1
      --scenario NAME    the scenario of its own room (default globomantics)
      --size WxH         each player's terminal (default 100x30)
      --ramp N           sessions joining at once (default 25)
      --cpuprofile FILE  write a CPU profile of the play (client and, for its own room, server)
`

func cli(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("globosim-load", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	s := settings{out: stdout}
	fs.IntVar(&s.players, "players", 100, "")
	fs.DurationVar(&s.duration, "duration", 60*time.Second, "")
	fs.DurationVar(&s.every, "every", 2*time.Second, "")
	fs.StringVar(&s.addr, "addr", "", "")
	fs.StringVar(&s.scenario, "scenario", workshop.DefaultScenario, "")
	size := fs.String("size", "100x30", "")
	fs.IntVar(&s.ramp, "ramp", 25, "")
	fs.StringVar(&s.cpuProfile, "cpuprofile", "", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return 0
		}
		fmt.Fprintf(stderr, "globosim-load: %v\n\n%s", err, usage)
		return 2
	}
	var problem string
	switch {
	case fs.NArg() > 0:
		problem = fmt.Sprintf("unexpected argument %q", fs.Arg(0))
	case s.players < 1 || s.players > maxPlayers:
		problem = fmt.Sprintf("--players %d: give 1 to %d", s.players, maxPlayers)
	case s.duration <= 0 || s.duration > maxDuration:
		problem = fmt.Sprintf("--duration %v: give more than 0 and at most %v", s.duration, maxDuration)
	case s.every < minEvery:
		problem = fmt.Sprintf("--every %v: give at least %v", s.every, minEvery)
	case s.ramp < 1:
		problem = fmt.Sprintf("--ramp %d: give at least 1", s.ramp)
	}
	if _, err := fmt.Sscanf(*size, "%dx%d", &s.width, &s.height); problem == "" && (err != nil || s.width < 20 || s.height < 10 || s.width > 500 || s.height > 200) {
		problem = fmt.Sprintf("--size %q: give WIDTHxHEIGHT, such as 100x30", *size)
	}
	if problem != "" {
		fmt.Fprintf(stderr, "globosim-load: %s\n", problem)
		return 2
	}
	if err := run(s); err != nil {
		fmt.Fprintf(stderr, "globosim-load: %v\n", err)
		return 1
	}
	return 0
}

// run serves a room (unless s.addr names one), joins the players, lets
// them play for s.duration and prints what it measured.
func run(s settings) error {
	addr, room, stop := s.addr, (*workshop.Room)(nil), func() {}
	if addr == "" {
		fmt.Fprintf(s.out, "serving a room of its own on 127.0.0.1, with %s, as globosim serve does\n", workshop.TuneGC())
		var err error
		if addr, room, stop, err = serveOwnRoom(s); err != nil {
			return err
		}
	}
	defer stop()

	start := time.Now()
	players, err := joinAll(s, addr)
	defer func() {
		for _, p := range players {
			if p != nil {
				p.close()
			}
		}
	}()
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "%d players in the lobby after %v\n", len(players), time.Since(start).Round(time.Millisecond))
	if room != nil {
		room.Start()
	} else {
		fmt.Fprintln(s.out, "waiting for the facilitator to start the round (s on the board)")
	}

	if s.cpuProfile != "" {
		f, err := os.Create(s.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	weeks0 := weeksPlayed(room)
	load0 := loadAverage()
	rt0 := readRuntime()
	cpu0, wall0 := cpuTime(), time.Now()
	m := play(s, players)
	cpu, wall := cpuTime()-cpu0, time.Since(wall0)
	m.weeks = weeksPlayed(room) - weeks0
	m.report(s, cpu, wall)
	fmt.Fprintf(s.out, "the Go runtime of this process: %s\n", readRuntime().since(rt0))
	if room != nil {
		now, slowest := room.Pace()
		fmt.Fprintf(s.out, "the room paced auto-play to the cores: at most %.1f times slower than its speed, %.1f at the end\n", slowest, now)
	}
	if load0 != "" {
		fmt.Fprintf(s.out, "the machine: %d cores, load average %s at the start and %s at the end (other programs' share of the CPU included)\n",
			runtime.NumCPU(), load0, loadAverage())
	}
	if len(m.echoes) == 0 {
		return fmt.Errorf("no key echo was measured (%d errors; the first: %v)", len(m.errs), firstErr(m.errs))
	}
	return nil
}

// weeksPlayed is the sum of the weeks every game of the room has reached
// (0 for a room served elsewhere).
func weeksPlayed(room *workshop.Room) int {
	if room == nil {
		return 0
	}
	n := 0
	for _, st := range room.Snapshot().Standings {
		n += st.Week
	}
	return n
}

// serveOwnRoom opens a room in a temporary folder with a seat for every
// player and serves it on a free port of 127.0.0.1.
func serveOwnRoom(s settings) (addr string, room *workshop.Room, stop func(), err error) {
	dir, err := os.MkdirTemp("", "globosim-load-")
	if err != nil {
		return "", nil, nil, err
	}
	room, err = workshop.Open(workshop.Config{Scenario: s.scenario, DataDir: dir, MaxPlayers: s.players})
	if err != nil {
		os.RemoveAll(dir)
		return "", nil, nil, err
	}
	srv, err := workshop.NewServer(room)
	if err != nil {
		room.Close()
		os.RemoveAll(dir)
		return "", nil, nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		room.Close()
		os.RemoveAll(dir)
		return "", nil, nil, err
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	return ln.Addr().String(), room, func() {
		srv.Close()
		<-served
		room.Close()
		os.RemoveAll(dir)
	}, nil
}

// joinAll connects every player, s.ramp at a time, each from a loopback
// address of its own (as a room on one network), through the title and
// the briefing to the lobby.
func joinAll(s settings, addr string) ([]*participant, error) {
	players := make([]*participant, s.players)
	errs := make([]error, s.players)
	sem := make(chan struct{}, s.ramp)
	var wg sync.WaitGroup
	for i := range players {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			from := fmt.Sprintf("127.1.%d.%d", i/250, i%250+1)
			p, err := dial(addr, from, fmt.Sprintf("load%03d", i+1), s.width, s.height)
			if err != nil {
				errs[i] = fmt.Errorf("load%03d: %w", i+1, err)
				return
			}
			players[i] = p
			for _, step := range []struct{ keys, want string }{{"", "Welcome to the room"}, {"\r", "start the game"}, {"\r", ""}} {
				if step.keys != "" {
					if err := p.typeKeys(step.keys); err != nil {
						errs[i] = err
						return
					}
				}
				want := []string{step.want}
				if step.want == "" {
					want = []string{"Waiting for the facilitator", "play on"}
				}
				if _, err := p.await(stepWait, want...); err != nil {
					errs[i] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return players, fmt.Errorf("joining: %w", firstErr(errs))
	}
	return players, nil
}

// measured is what the players saw.
type measured struct {
	mu       sync.Mutex
	start    time.Time
	echoes   []time.Duration
	sent     []echoAt // each echo and when its key was sent
	answered int      // events answered (auto-play stops for them)
	finished int      // games that reached the end screen
	lost     int      // keys whose echo did not come within echoWait
	weeks    int      // weeks played by all the games together (its own room only)
	errs     []error
}

// The speeds auto-play shows in the header.
var speedLabels = stateTexts[:4]

// play lets every player auto-play for s.duration, each pressing + or -
// every s.every (jittered) and timing the echo.
func play(s settings, players []*participant) *measured {
	m := &measured{start: time.Now()}
	deadline := time.Now().Add(s.duration)
	var wg sync.WaitGroup
	for i, p := range players {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := playOne(s, p, deadline, rand.New(rand.NewPCG(uint64(i), 1)), m); err != nil {
				m.mu.Lock()
				m.errs = append(m.errs, err)
				m.mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return m
}

// The screens a player's keys may meet.
const (
	askingText = "answer waiting"
	pausedText = "■ paused"
)

// The end screen: its title first, which is in sight at every size (its
// scoring line may be below the fold).
var endTexts = []string{"GAME OVER", "YOU WON", "Skill or luck?", "Your answers", "scoring…"}

func playOne(s settings, p *participant, deadline time.Time, rng *rand.Rand, m *measured) error {
	if _, err := p.await(stepWait, append([]string{"play on"}, speedLabels...)...); err != nil {
		return err
	}
	// n: keep going through the news; p: play (at normal speed).
	if err := p.typeKeys("np"); err != nil {
		return err
	}
	for {
		wait := s.every/2 + time.Duration(rng.Int64N(int64(s.every)))
		if time.Until(deadline) < wait+echoWait/10 {
			return nil
		}
		time.Sleep(wait)
		state := p.shownState()
		switch {
		case slices.Contains(endTexts, state):
			m.count(&m.finished)
			return nil
		case state == askingText:
			m.count(&m.answered)
			if err := p.typeKeys("1"); err != nil {
				return err
			}
			continue
		case state == pausedText:
			if err := p.typeKeys("p"); err != nil {
				return err
			}
			continue
		}
		// The header names the speed in full, or in short when it is full
		// (or the room slows the game): either is the key's echo.
		key, want := "+", []string{"playing fast", "▶ fast"}
		if state == "playing fast" || state == "playing fastest" {
			key, want = "-", []string{"playing normal", "▶ normal"}
		}
		p.mark()
		sent := time.Now()
		if err := p.typeKeys(key); err != nil {
			return err
		}
		i, err := p.await(echoWait, append(append(want, askingText, pausedText), endTexts...)...)
		switch {
		case errors.Is(err, errEnded):
			return err
		case err != nil:
			m.count(&m.lost)
		case i < len(want):
			m.mu.Lock()
			took := time.Since(sent)
			m.echoes = append(m.echoes, took)
			m.sent = append(m.sent, echoAt{sent: sent.Sub(m.start), took: took})
			m.mu.Unlock()
		}
	}
}

func (m *measured) count(n *int) {
	m.mu.Lock()
	*n++
	m.mu.Unlock()
}

// report prints the echo's percentiles and the CPU used.
func (m *measured) report(s settings, cpu, wall time.Duration) {
	slices.Sort(m.echoes)
	pct := func(q float64) time.Duration {
		if len(m.echoes) == 0 {
			return 0
		}
		return m.echoes[min(int(q*float64(len(m.echoes))), len(m.echoes)-1)]
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }
	fmt.Fprintf(s.out, "%d players, %v of play, a key every %v each: %d echoes, p50 %s, p95 %s, p99 %s, max %s\n",
		s.players, wall.Round(time.Millisecond), s.every, len(m.echoes), ms(pct(0.50)), ms(pct(0.95)), ms(pct(0.99)), ms(pct(1)))
	if len(m.sent) > 0 {
		fmt.Fprintf(s.out, "the echo's p95 by when the key was sent: %s\n", spans(m.sent, 5*time.Second, wall))
	}
	verdict := "met"
	if pct(0.95) > targetP95 || m.lost > 0 {
		verdict = "NOT met"
	}
	fmt.Fprintf(s.out, "the target, p95 at most %v with every key echoed: %s\n", targetP95, verdict)
	fmt.Fprintf(s.out, "keys without an echo in %v: %d; events answered %d, games finished %d, players failed %d\n", echoWait, m.lost, m.answered, m.finished, len(m.errs))
	if cpu > 0 {
		fmt.Fprintf(s.out, "this process used %.2f s of CPU a second (clients and, for its own room, the server)\n", cpu.Seconds()/wall.Seconds())
		if m.weeks > 0 {
			perWeek := cpu / time.Duration(m.weeks)
			// At normal speed a game plays a day every 250 ms: a week in 1.25 s.
			fmt.Fprintf(s.out, "%d weeks played: %.2f ms of CPU a player-week (server and clients; the debriefs of the games finished too); at normal speed (a week in 1.25 s) that is %.0f players a core\n",
				m.weeks, float64(perWeek)/float64(time.Millisecond), (1250*time.Millisecond).Seconds()/perWeek.Seconds())
		}
	}
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	fmt.Fprintf(s.out, "memory from the system: %d MiB (%.1f MiB a player), %d collections\n",
		mem.Sys>>20, float64(mem.Sys)/float64(1<<20)/float64(s.players), mem.NumGC)
	if len(m.errs) > 0 {
		fmt.Fprintf(s.out, "the first failure: %v\n", firstErr(m.errs))
	}
}

func firstErr(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
