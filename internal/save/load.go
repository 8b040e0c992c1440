package save

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/textsafe"
)

// maxReason is how much of a reason Load quotes: a save's fields come from
// a file anyone may have edited, and an error is no place to echo them whole.
const maxReason = 300

// Load reads the save at path and replays it: the game ready to continue,
// or an error of one line that names the file and says why it cannot be
// continued. A missing file is an error that errors.Is(err, fs.ErrNotExist).
func Load(path string) (*File, *sim.Game, error) {
	f, err := Read(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, err
	}
	if err != nil {
		return nil, nil, errors.New(oneLine(err.Error())) // Read's errors name the path
	}
	g, err := f.Game()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %s", path, oneLine(err.Error()))
	}
	return f, g, nil
}

// oneLine makes a reason of several lines (a scenario's list of problems)
// one line: its first problem and how many more there are.
func oneLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	first, rest := lines[0], lines[1:]
	if strings.HasSuffix(first, ":") && len(rest) > 0 {
		first, rest = first+" "+rest[0], rest[1:]
	}
	n := len(rest)
	// A long list ends in scenario's own count of the problems it left out.
	var left int
	if n > 0 {
		if _, err := fmt.Sscanf(rest[n-1], scenario.MoreProblems, &left); err == nil {
			n += left - 1
		}
	}
	return textsafe.Line(first+more(n), maxReason)
}

// more says how many problems follow the first one shown.
func more(n int) string {
	if n == 0 {
		return ""
	}
	return " (and " + prose.Count(n, "more problem", "more problems") + ")"
}
