package main

import (
	"fmt"
	"io"

	"github.com/globomantics/globosim/internal/workshop"
)

// roomCmd is `globosim room SUBCOMMAND`: work on a workshop room's folder.
func roomCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "globosim room: name what to do: globosim room export --data DIR writes the room's results for the debrief")
		return exitUsage
	}
	switch args[0] {
	case "export":
		return roomExportCmd(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "globosim room: unknown subcommand %q; the one there is: globosim room export --data DIR\n", args[0])
	return exitUsage
}

// roomExportCmd is `globosim room export`: the finished games of a room
// (globosim serve's --data folder) as CSV, one row per player, and as the
// Markdown debrief `globosim compare --format markdown` writes.
func roomExportCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("room export")
	data := fs.String("data", defaultRoomDir, "")
	out := fs.String("out", "", "")
	if ok, code := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "globosim room export: unexpected argument %q (flags start with --)\n", fs.Arg(0))
		return exitUsage
	}
	if *out == "" {
		*out = *data
	}
	csvPath, mdPath, err := workshop.Export(*data, *out)
	if err != nil {
		fmt.Fprintf(stderr, "globosim room export: %v\n", err)
		return exitFail
	}
	fmt.Fprintln(stdout, csvPath)
	fmt.Fprintln(stdout, mdPath)
	return exitOK
}
