package scenario

import (
	"fmt"
	"slices"
	"strings"
)

// Diagnostic is one problem in a scenario file. Line and Col are 1-based;
// a Line of 0 means the problem has no place in the text (an unreadable
// file, an unknown scenario name).
type Diagnostic struct {
	File      string
	Line, Col int
	Msg       string
}

// String formats the problem like a compiler does: "FILE:LINE:COL: message",
// or "FILE: message" when it has no position.
func (d Diagnostic) String() string {
	switch {
	case d.Line > 0 && d.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Col, d.Msg)
	case d.Line > 0:
		return fmt.Sprintf("%s:%d: %s", d.File, d.Line, d.Msg)
	case d.File != "":
		return d.File + ": " + d.Msg
	}
	return d.Msg
}

// Diagnostics is every problem found in a scenario file. It is the error
// that Parse, Load and Resolve return.
type Diagnostics []Diagnostic

// MoreProblems ends the text of a list cut at MaxShown problems: how
// many more there were.
const MoreProblems = "and %d more problems"

// MaxShown is how many problems Error prints; a file with more is not
// one to fix line by line, and printing them all would bury the first.
const MaxShown = 50

// Error prints one problem per line, in the order they appear in the file:
// the first MaxShown, then how many more there are (a single one more is
// printed rather than counted).
func (ds Diagnostics) Error() string {
	sorted := slices.Clone(ds)
	sorted.sort()
	shown := sorted
	if len(sorted) > MaxShown+1 {
		shown = sorted[:MaxShown]
	}
	lines := make([]string, 0, len(shown)+1)
	for _, d := range shown {
		lines = append(lines, d.String())
	}
	if n := len(sorted) - len(shown); n > 0 {
		lines = append(lines, fmt.Sprintf(MoreProblems, n))
	}
	return strings.Join(lines, "\n")
}

// sort orders problems by position, keeping the order they were found in
// for problems at the same place.
func (ds Diagnostics) sort() {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
}
