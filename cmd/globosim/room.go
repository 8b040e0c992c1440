package main

import (
	"fmt"
	"io"
	"strings"

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

// roomExportCmd is `globosim room export`: the games of a room (globosim
// serve's --data folder), finished and in progress, as CSV, one row per
// player, and as the Markdown debrief `globosim compare --format markdown`
// writes. Several --data folders (rooms of one world on several servers)
// are merged into one ranking.
func roomExportCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("room export")
	var data folders
	fs.Var(&data, "data", "")
	out := fs.String("out", "", "")
	if ok, code := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "globosim room export: unexpected argument %q (flags start with --)\n", fs.Arg(0))
		return exitUsage
	}
	if len(data) == 0 {
		data = folders{defaultRoomDir}
	}
	if *out == "" {
		if len(data) > 1 {
			fmt.Fprintln(stderr, "globosim room export: merging rooms needs --out DIR: where to write the merged results.csv and debrief.md")
			return exitUsage
		}
		*out = data[0]
	}
	csvPath, mdPath, err := workshop.ExportRooms(data, *out)
	if err != nil {
		fmt.Fprintf(stderr, "globosim room export: %v\n", err)
		return exitFail
	}
	fmt.Fprintln(stdout, csvPath)
	fmt.Fprintln(stdout, mdPath)
	return exitOK
}

// folders is a flag given once per folder.
type folders []string

func (f *folders) String() string { return strings.Join(*f, ",") }

func (f *folders) Set(dir string) error {
	if dir == "" {
		return fmt.Errorf("an empty folder name")
	}
	*f = append(*f, dir)
	return nil
}
