package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"

	"github.com/globomantics/globosim/internal/save"
	"github.com/globomantics/globosim/internal/ui"
)

// playCmd is `globosim play` (and `globosim` alone): the game in the
// terminal.
func playCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("play")
	name := fs.String("scenario", "", "")
	seed := fs.Uint64("seed", 0, "")
	resume := fs.Bool("resume", false, "")
	if ok, code := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "globosim play: unexpected argument %q (flags start with --)\n", fs.Arg(0))
		return exitUsage
	}
	if !term.IsTerminal(os.Stdin.Fd()) || !term.IsTerminal(os.Stdout.Fd()) {
		fmt.Fprint(stderr, "globosim: the game needs a terminal to play in, and its input or output is not one.\n"+
			"To simulate without the game screen, use: globosim run (globosim help lists the options).\n")
		return exitFail
	}
	opts := ui.Options{Scenario: *name, Seed: *seed, SeedSet: isSet(fs, "seed"), Resume: *resume}
	path, err := save.DefaultPath()
	if err != nil {
		fmt.Fprintf(stderr, "globosim: the game will not be saved: %v\n", err)
	} else {
		opts.SavePath = path
	}
	if *resume {
		if _, err := save.Read(path); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				fmt.Fprintln(stderr, "globosim play: there is no saved game to resume; start one with globosim play")
			} else {
				fmt.Fprintf(stderr, "globosim play: %v\n", err)
			}
			return exitFail
		}
	}
	if err := ui.Run(opts); err != nil {
		if errors.Is(err, tea.ErrInterrupted) {
			return exitFail
		}
		fmt.Fprintf(stderr, "globosim: %v\n", err)
		return exitFail
	}
	return exitOK
}
