package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/log"
	"github.com/charmbracelet/x/term"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/textsafe"
	"github.com/globomantics/globosim/internal/ui"
	"github.com/globomantics/globosim/internal/workshop"
)

// defaultRoomDir is where a room keeps its host key, saves and results.
const defaultRoomDir = "globosim-room"

// maxPlayersLimit bounds --max-players.
const maxPlayersLimit = 1000

// serveCmd is `globosim serve`: a workshop room over SSH. On a terminal it
// shows the live leaderboard with the facilitator's controls; otherwise it
// logs one line per event and reads the controls as lines on standard
// input.
func serveCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve")
	addr := fs.String("addr", ":2222", "")
	name := fs.String("scenario", workshop.DefaultScenario, "")
	seed := fs.Uint64("seed", 0, "")
	data := fs.String("data", defaultRoomDir, "")
	maxPlayers := fs.Int("max-players", workshop.DefaultMaxPlayers, "")
	idle := fs.Duration("idle-timeout", workshop.DefaultIdleTimeout, "")
	code := fs.String("room-code", "", "")
	facilitator := fs.String("facilitator", "", "")
	maxStartups := fs.Int("max-startups", 0, "")
	perAddress := fs.Int("max-startups-per-address", workshop.DefaultMaxStartupsPerAddress, "")
	force := fs.Bool("force", false, "")
	roundsText := fs.String("rounds", "", "")
	teams := fs.Bool("teams", false, "")
	if ok, code := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "globosim serve: "+format+"\n", a...)
		return exitUsage
	}
	var rounds []int
	if isSet(fs, "rounds") {
		var err error
		if rounds, err = ui.ParseRounds(*roundsText); err != nil {
			return usageErr("--rounds: %v", err)
		}
		// Checked against the scenario's weeks before anything listens.
		if sc, err := scenario.Resolve(*name); err == nil {
			if err := ui.CheckRounds(rounds, sc.Weeks); err != nil {
				return usageErr("--rounds: %v", err)
			}
		}
	}
	switch {
	case fs.NArg() > 0:
		return usageErr("unexpected argument %q (flags start with --)", fs.Arg(0))
	case *maxPlayers < 1 || *maxPlayers > maxPlayersLimit:
		return usageErr("--max-players must be between 1 and %d, not %d", maxPlayersLimit, *maxPlayers)
	case isSet(fs, "max-startups") && (*maxStartups < 1 || *maxStartups > maxPlayersLimit):
		return usageErr("--max-startups must be between 1 and %d, not %d", maxPlayersLimit, *maxStartups)
	case *perAddress < 1 || *perAddress > maxPlayersLimit:
		return usageErr("--max-startups-per-address must be between 1 and %d, not %d", maxPlayersLimit, *perAddress)
	case *idle <= 0:
		return usageErr("--idle-timeout must be a positive duration such as 30m, not %v", *idle)
	case isSet(fs, "room-code") && strings.TrimSpace(*code) == "":
		return usageErr("--room-code must not be empty (leave it out for a room without a code)")
	case strings.TrimSpace(*data) == "":
		return usageErr("--data must name a folder")
	}
	if *facilitator != "" {
		if err := workshop.CheckName(*facilitator); err != nil {
			return usageErr("--facilitator: %v", err)
		}
	}

	workshop.TuneGC() // a room allocates much and holds little: collect less often

	// Listen first: an address that will not do leaves no room folder.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "globosim serve: cannot listen on %s: %v\n", *addr, err)
		return exitFail
	}
	room, err := workshop.Open(workshop.Config{
		Scenario: *name, Seed: *seed, SeedSet: isSet(fs, "seed"), DataDir: *data,
		MaxPlayers: *maxPlayers, IdleTimeout: *idle, Code: strings.TrimSpace(*code), Facilitator: *facilitator,
		MaxStartups: *maxStartups, MaxStartupsPerAddress: *perAddress, Force: *force, Rounds: rounds, Teams: *teams,
	})
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "globosim serve: %v\n", err)
		return exitFail
	}
	defer room.Close()
	srv, err := workshop.NewServer(room)
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "globosim serve: %v\n", err)
		return exitFail
	}
	log.SetOutput(io.Discard) // the SSH library's own logging; the room's events say what matters
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	board := workshop.BoardOptions{Address: workshop.JoinCommand(ln.Addr()), HostKey: srv.HostKey(), Controls: true}
	status := exitOK
	if f, ok := stdout.(*os.File); ok && term.IsTerminal(f.Fd()) && term.IsTerminal(os.Stdin.Fd()) {
		if _, err := tea.NewProgram(workshop.NewBoard(room, board), tea.WithAltScreen()).Run(); err != nil {
			fmt.Fprintf(stderr, "globosim serve: %v\n", err)
			status = exitFail
		}
	} else {
		logRoom(room, board, os.Stdin, stdout, served)
	}
	srv.Close()
	if err := <-served; err != nil {
		fmt.Fprintf(stderr, "globosim serve: %v\n", err)
		status = exitFail
	}
	fmt.Fprintf(stdout, "The room is closed. Its results are in %s; globosim room export --data %s writes them for the debrief.\n",
		filepath.Join(*data, workshop.ResultsFile), *data)
	return status
}

// logRoom runs the room without a screen: one line per event on out, and
// the facilitator's controls as lines on in (s, p, e, x, q). It returns on
// q, SIGINT or SIGTERM, or when the server stops.
func logRoom(room *workshop.Room, board workshop.BoardOptions, in io.Reader, out io.Writer, served chan error) {
	scenarioName, seed := room.World()
	cfg := room.Config()
	fmt.Fprintf(out, "globosim room: participants type %s\n", board.Address)
	fmt.Fprintf(out, "%s, seed %d, up to %d players; room code: %s; host key %s\n",
		textsafe.Terminal(scenarioName), seed, cfg.MaxPlayers, textsafe.Terminal(orNone(cfg.Code)), board.HostKey)
	fmt.Fprintln(out, "Controls, one per line: s starts the round (at a round's end, the next round), p pauses or resumes it, e ends it, x exports the results, l ID schedules event ID for every game (l alone lists them), q closes the room.")

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	commands := make(chan string)
	go func() {
		sc := bufio.NewScanner(in)
		for sc.Scan() {
			commands <- strings.TrimSpace(sc.Text())
		}
		close(commands) // no more controls; the room runs until a signal
	}()
	ticker := time.NewTicker(200 * time.Millisecond)
	defer ticker.Stop()
	seen := 0
	printEvents := func() {
		for _, ev := range room.Snapshot().Events {
			if ev.Seq > seen {
				fmt.Fprintf(out, "%s %s\n", ev.Time.Format("15:04:05"), textsafe.Terminal(ev.Text))
				seen = ev.Seq
			}
		}
	}
	defer printEvents()
	for {
		select {
		case <-ctx.Done():
			return
		case err := <-served:
			served <- err // for the caller
			return
		case <-ticker.C:
			printEvents()
		case line, ok := <-commands:
			if !ok {
				commands = nil
				continue
			}
			switch line {
			case "s":
				room.Start()
			case "p":
				room.TogglePause()
			case "e":
				room.End()
			case "x":
				if _, _, err := room.Export(cfg.DataDir); err != nil {
					fmt.Fprintf(out, "Not exported: %v\n", err)
				}
			case "q":
				return
			case "":
			case "l":
				for _, l := range room.Levers() {
					fmt.Fprintf(out, "l %s: %s\n", textsafe.Terminal(l.ID), textsafe.Terminal(l.Title))
				}
			default:
				if id, ok := strings.CutPrefix(line, "l "); ok {
					if _, err := room.Schedule(strings.TrimSpace(id)); err != nil {
						fmt.Fprintf(out, "Not scheduled: %s.\n", textsafe.Terminal(err.Error()))
					}
					continue
				}
				fmt.Fprintf(out, "Unknown control %q: s starts, p pauses or resumes, e ends the round, x exports, l schedules an event, q closes the room.\n", line)
			}
		}
	}
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
