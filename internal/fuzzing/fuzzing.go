// Package fuzzing is how this module's fuzz targets are run; a package
// with fuzz targets calls Main from its TestMain.
//
// Go minimizes every input that finds new code, not only a crasher, for up
// to -fuzzminimizetime (60 s by default), and the worker reports no
// executions meanwhile (golang/go#48820). Minimizing tries removing every
// run of bytes, so for the kilobytes of a scenario or a save it takes the
// whole minute: fuzzing showed 0 execs/s after its first seconds, with
// both workers minimizing. A fifth of a second still cuts an input's tail
// (the first thing minimizing tries) and keeps the rate up; at 1 s the
// saves' target still lost half its time to it. For a crasher as small as
// it can be, run again with -fuzzminimizetime=60s.
package fuzzing

import (
	"flag"
	"os"
	"testing"
)

// MinimizeTime is the default for -fuzzminimizetime.
const MinimizeTime = "200ms"

const minimizeFlag = "test.fuzzminimizetime"

// Main runs the tests, with MinimizeTime unless -fuzzminimizetime is given.
func Main(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == minimizeFlag })
	if !given {
		if err := flag.Set(minimizeFlag, MinimizeTime); err != nil {
			panic(err) // the flag is the testing package's own
		}
	}
	os.Exit(m.Run())
}
