package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/globomantics/globosim/internal/inputfile"
	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/textsafe"
)

// compareCmd is `globosim compare FILE...`: the players' exported results
// of one room, ranked and side by side.
func compareCmd(args []string, stdout, stderr io.Writer) int {
	flags := newFlags("compare")
	format := flags.String("format", "text", "")
	force := flags.Bool("force", false, "")
	files, ok, code := parseInterspersed(flags, args, stdout, stderr)
	if !ok {
		return code
	}
	switch {
	case len(files) == 0:
		fmt.Fprintln(stderr, "globosim compare: name the players' exported results, e.g. globosim compare results/*.json (or a folder of them)")
		return exitUsage
	case !slices.Contains(report.CompareFormats, *format):
		fmt.Fprintf(stderr, "globosim compare: --format must be one of %s, not %q\n", strings.Join(report.CompareFormats, ", "), *format)
		return exitUsage
	}

	paths, code := expandFolders(files, stderr)
	var players []report.Player
	for _, path := range paths {
		data, err := inputfile.Read(path, inputfile.Result)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", textsafe.Terminal(path), readError(err))
			code = exitFail
			continue
		}
		p, err := report.DecodePlayer(stem(path), data)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", textsafe.Terminal(path), err) // DecodePlayer's errors are safe to print
			code = exitFail
			continue
		}
		players = append(players, p)
	}
	if code != exitOK {
		return code
	}
	uniqueNames(players, paths)

	if err := report.SameWorld(players); err != nil {
		if !*force {
			fmt.Fprintf(stderr, "globosim compare: %s; their scores are not comparable (--force compares them anyway)\n", textsafe.Terminal(err.Error()))
			return exitFail
		}
		fmt.Fprintf(stderr, "globosim compare: warning: %s; their scores are not comparable\n", textsafe.Terminal(err.Error()))
	}
	if err := report.SameSchedule(players); err != nil {
		if !*force {
			fmt.Fprintf(stderr, "globosim compare: %s; their scores are not comparable (--force compares them anyway)\n", textsafe.Terminal(err.Error()))
			return exitFail
		}
		fmt.Fprintf(stderr, "globosim compare: warning: %s; their scores are not comparable\n", textsafe.Terminal(err.Error()))
	}
	unchecked, err := report.SameOrigin(players)
	if unchecked != "" {
		fmt.Fprintf(stderr, "globosim compare: note: %s\n", textsafe.Terminal(unchecked))
	}
	if err != nil {
		if !*force {
			fmt.Fprintf(stderr, "globosim compare: %s; the same decisions may not give the same game (--force compares them anyway)\n", textsafe.Terminal(err.Error()))
			return exitFail
		}
		fmt.Fprintf(stderr, "globosim compare: warning: %s; the same decisions may not give the same game\n", textsafe.Terminal(err.Error()))
	}
	var buf bytes.Buffer
	if err := report.Compare(&buf, *format, players); err != nil {
		fmt.Fprintf(stderr, "globosim compare: %v\n", err)
		return exitFail
	}
	stdout.Write(buf.Bytes())
	return exitOK
}

// expandFolders replaces each folder among paths by the .json files in it,
// in name order, and drops a file named twice.
func expandFolders(paths []string, stderr io.Writer) ([]string, int) {
	var out []string
	code := exitOK
	for _, p := range paths {
		if slices.ContainsFunc(out, func(q string) bool { return filepath.Clean(q) == filepath.Clean(p) }) {
			continue
		}
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() {
			out = append(out, p) // reading it says what is wrong
			continue
		}
		found, _ := filepath.Glob(filepath.Join(p, "*.json"))
		if len(found) == 0 {
			fmt.Fprintf(stderr, "%s: a folder with no .json files in it\n", textsafe.Terminal(p))
			code = exitFail
		}
		for _, f := range found {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out, code
}

// readError words a failure to read a file without repeating its path.
func readError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "not allowed to read it"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// stem is a file's name without its folder and extension: alice.json is
// alice.
func stem(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// uniqueNames renames players who share a name (the same exported file
// name from different folders, say): first to folder/name, then to the
// path as given.
func uniqueNames(players []report.Player, paths []string) {
	for _, rename := range []func(i int) string{
		func(i int) string { return filepath.Base(filepath.Dir(paths[i])) + "/" + players[i].Name },
		func(i int) string { return paths[i] },
	} {
		count := map[string]int{}
		for _, p := range players {
			count[p.Name]++
		}
		for i := range players {
			if count[players[i].Name] > 1 {
				players[i].Name = rename(i)
			}
		}
	}
}
