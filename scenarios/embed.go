// Package scenarios holds the built-in scenario files, compiled into the
// binary so that the game runs with nothing but the executable.
package scenarios

import "embed"

// FS holds every built-in scenario at its top level, by file name
// ("globomantics.toml"), and the built-in plans for `globosim run --plan`
// in plans/ ("plans/globomantics-none.toml"). Package scenario lists and
// loads them.
//
//go:embed *.toml plans/*.toml
var FS embed.FS

// Templates holds the starting points `globosim scenario init` writes
// ("starter.toml"): not built-in scenarios, so not in FS.
//
//go:embed templates/*.toml
var Templates embed.FS
