package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/charmbracelet/x/term"

	"github.com/globomantics/globosim/internal/save"
	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/ui"
)

// playCmd is `globosim play` (and `globosim` alone): the game in the
// terminal.
func playCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("play")
	name := fs.String("scenario", "", "")
	seed := fs.Uint64("seed", 0, "")
	resume := fs.Bool("resume", false, "")
	roundsText := fs.String("rounds", "", "")
	if ok, code := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "globosim play: unexpected argument %q (flags start with --)\n", fs.Arg(0))
		return exitUsage
	}
	var rounds []int
	if isSet(fs, "rounds") {
		var err error
		rounds, err = ui.ParseRounds(*roundsText)
		if err == nil && *name != "" {
			// Held to the scenario's weeks now when it is named; a game
			// chosen on the title screen drops rounds past its end.
			if sc, rerr := scenario.Resolve(*name); rerr == nil {
				err = ui.CheckRounds(rounds, sc.Weeks)
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "globosim play: --rounds: %v\n", err)
			return exitUsage
		}
	}
	path, pathErr := save.DefaultPath()
	if *resume {
		// Checked before the screen opens: a save that cannot be continued
		// is a plain error, not a title screen that offers nothing.
		if pathErr != nil {
			fmt.Fprintf(stderr, "globosim play: cannot resume: %v\n", pathErr)
			return exitFail
		}
		if _, _, err := save.Load(path); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				fmt.Fprintln(stderr, "globosim play: there is no saved game to resume; start one with globosim play")
			} else {
				fmt.Fprintf(stderr, "globosim play: cannot resume the saved game: %v\n", err)
			}
			return exitFail
		}
	}
	if !term.IsTerminal(os.Stdin.Fd()) || !term.IsTerminal(os.Stdout.Fd()) {
		fmt.Fprint(stderr, "globosim: the game needs a terminal to play in, and its input or output is not one.\n"+
			"To simulate without the game screen, use: globosim run (globosim help lists the options).\n")
		return exitFail
	}
	opts := ui.Options{Scenario: *name, Seed: *seed, SeedSet: isSet(fs, "seed"), Resume: *resume, Rounds: rounds}
	if pathErr != nil {
		fmt.Fprintf(stderr, "globosim: the game will not be saved: %v\n", pathErr)
	} else {
		opts.SavePath = path
	}
	err := ui.Run(opts)
	var stopped *ui.StoppedError
	switch {
	case errors.As(err, &stopped):
		// After SIGHUP nobody reads this: the terminal is gone.
		switch {
		case stopped.SaveErr != nil:
			fmt.Fprintf(stderr, "globosim: %v; the game could not be saved: %v\n", stopped, stopped.SaveErr)
			return exitFail
		case stopped.Saved != "":
			fmt.Fprintf(stderr, "globosim: %v; the game is saved in %s (globosim play --resume continues it)\n", stopped, stopped.Saved)
		default:
			fmt.Fprintf(stderr, "globosim: %v\n", stopped)
		}
		return exitStopped
	case err != nil:
		fmt.Fprintf(stderr, "globosim: %v\n", err)
		return exitFail
	}
	return exitOK
}
