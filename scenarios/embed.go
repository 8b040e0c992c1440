// Package scenarios holds the built-in scenario files, compiled into the
// binary so that the game runs with nothing but the executable.
package scenarios

import "embed"

// FS holds every built-in scenario at its top level, by file name
// ("globomantics.toml"). Package scenario lists and loads them.
//
// Plan files for `globosim run --plan` will live in plans/; add
// "plans/*.toml" to the pattern below once that directory exists.
//
//go:embed *.toml
var FS embed.FS
