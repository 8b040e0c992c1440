// Command globosim is a terminal game about leading a company through a
// DevOps transformation, on top of a discrete-event simulation of its value
// stream. See README.md and docs/.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/globomantics/globosim/internal/version"
)

// Exit codes (README.md lists them for users).
const (
	exitOK    = 0
	exitFail  = 1 // invalid input or a failure, explained on stderr
	exitUsage = 2 // the command line itself is wrong
	// exitStopped: the game was stopped by SIGINT, SIGTERM or SIGHUP (or
	// its terminal vanished), after saving. One status for the three, so a script asks one question ("was
	// it stopped from outside?"); 130 is the status shells give a command
	// ended by ctrl+c, so wrappers already read it as "interrupted", not
	// "failed". The 128+n of each signal would claim the process died of
	// it, which it did not: it saved and exited.
	exitStopped = 130
)

const usage = `globosim: lead Globomantics through a DevOps transformation.

Usage:
  globosim                       play the default scenario in the terminal
  globosim play [flags]          play in the terminal
      --scenario NAME|FILE       a built-in scenario or a TOML file
      --seed N                   random seed (everyone using the same one plays the same world)
      --resume                   continue the saved game
      --rounds W1,W2,...         halt at the end of these weeks; a key starts the next round
  globosim run [flags]           simulate without the game screen (headless)
      --scenario NAME|FILE       a built-in scenario or a TOML file (default globomantics)
      --seed N                   random seed (default: the scenario's)
      --weeks W                  weeks to simulate, up to 20000 (default: the scenario's)
      --plan NAME|FILE           decisions to take, by week (e.g. globomantics-devops)
      --runs R                   repeat with seeds N..N+R-1 and report distributions
      --format text|json|csv     output format (default text)
      --out FILE                 write to FILE instead of standard output
      --cpuprofile FILE          write a CPU profile of the run to FILE (for go tool pprof)
  globosim validate FILE...      check scenario files and report every problem
  globosim scenario init FILE    write a starter scenario, every key commented, to make your own
      --force                    overwrite FILE if it exists
  globosim balance SCENARIO      is it a good game? plays it many times with strategies, checks targets
      --runs R                   seeds per strategy (default 200; with --search 100)
      --seed N                   first seed (default 1)
      --plan NAME|FILE           a strategy to try (repeatable; the first is the sound
                                 plan; default: the built-in plans named after the scenario)
      --json                     the report as JSON
      --search                   hunt for exploits in the scenario's decision space
      --budget B                 with --search: plans to screen (default 300)
      --recheck R                with --search: seeds the strongest are played on again (default 500)
      --write-plans DIR          with --search: write the plans found there (default: print two)
  globosim compare FILE...       rank a room's exported results (.json files or folders of them)
      --format text|markdown|json  output format (default text); markdown adds what to discuss
      --force                    compare even if players played different scenarios or seeds,
                                 or their files come from another globosim or scenario text
  globosim serve [flags]         serve a workshop room over SSH: everyone plays the same world
      --addr ADDR                address to listen on (default :2222)
      --scenario NAME|FILE       a built-in scenario or a TOML file (default globomantics)
      --seed N                   random seed (default: the scenario's)
      --data DIR                 the room's folder: host key, saves, results (default ./globosim-room)
      --max-players N            players connected at once (default 40)
      --idle-timeout D           close a connection whose person typed nothing this long (default 30m)
      --room-code CODE           ask participants for this code first
      --facilitator NAME         the SSH user who watches the leaderboard instead of playing
      --max-startups N           connections not yet past the code at once (default 30, or max-players+10)
      --max-startups-per-address N  of them, from one address (default 10; raise it behind a NAT)
      --rounds W1,W2,...         every game halts at the end of these weeks until the
                                 facilitator starts the next round (s)
      --force                    open a room folder whose games another globosim or another
                                 text of the scenario played
      --teams                    let several participants play one company, each in a role
  globosim room export [flags]   write a room's games (finished and in progress) for the debrief
      --data DIR                 the room's folder (default ./globosim-room); give it once per
                                 server to merge rooms of one world into one ranking
      --out DIR                  where to write results.csv and debrief.md (default: the room's
                                 folder; needed when merging), and rounds.csv when the room
                                 played in rounds
  globosim scenarios             list the built-in scenarios and plans
  globosim version               print this globosim's version (also --version)
  globosim help                  show this help
`

func main() {
	os.Exit(cli(os.Args[1:], os.Stdout, os.Stderr))
}

// cli runs the command line and returns the exit code.
func cli(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return playCmd(nil, stdout, stderr)
	}
	switch args[0] {
	case "play":
		return playCmd(args[1:], stdout, stderr)
	case "run":
		return runCmd(args[1:], stdout, stderr)
	case "validate":
		return validateCmd(args[1:], stdout, stderr)
	case "scenarios":
		return scenariosCmd(args[1:], stdout, stderr)
	case "balance":
		return balanceCmd(args[1:], stdout, stderr)
	case "compare":
		return compareCmd(args[1:], stdout, stderr)
	case "scenario":
		return scenarioCmd(args[1:], stdout, stderr)
	case "serve":
		return serveCmd(args[1:], stdout, stderr)
	case "room":
		return roomCmd(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "globosim", version.String())
		return exitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "globosim: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// newFlags returns a flag set that reports its own errors in one line and
// leaves the exit code to the caller.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("globosim "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseFlags parses args and, on a mistake, prints one clear line and the
// usage. It returns false when the caller should exit with exitUsage (or
// exitOK after -h).
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (ok bool, code int) {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usage)
		return false, exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n\n%s", fs.Name(), err, usage)
		return false, exitUsage
	}
	return true, exitOK
}

// parseInterspersed parses flags wherever they stand among the arguments,
// so that `globosim compare results/*.json --format markdown` works as a
// shell glob makes people type it, and returns the other arguments. After
// "--" everything is an argument.
func parseInterspersed(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (rest []string, ok bool, code int) {
	for {
		if ok, code := parseFlags(fs, args, stdout, stderr); !ok {
			return nil, false, code
		}
		left := fs.Args() // Parse stops at the first argument, or just after "--"
		if i := len(args) - len(left); i > 0 && args[i-1] == "--" {
			return append(rest, left...), true, exitOK
		}
		if len(left) == 0 {
			return rest, true, exitOK
		}
		rest, args = append(rest, left[0]), left[1:]
	}
}

// isSet reports whether the flag was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
