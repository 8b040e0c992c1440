// Package version says which globosim this is: the version the Go
// toolchain stamped into the binary, with the commit it was built from.
// Exported results carry it, so that compare and a room can tell results of
// different builds apart.
package version

import (
	"runtime/debug"
	"strings"
	"sync"
)

// Devel is the version of a build that says nothing about where it came
// from (go test, or go build outside a repository).
const Devel = "devel"

// String is this globosim's version: the module version when it has one
// ("v1.2.0", or the pseudo-version go build derives from the repository),
// else "devel"; then the commit when the version does not name it, and
// "+dirty" when the working tree had changes.
func String() string { return current() }

var current = sync.OnceValue(func() string { return of(debug.ReadBuildInfo()) })

// of reads a version from build information.
func of(bi *debug.BuildInfo, ok bool) string {
	if !ok || bi == nil {
		return Devel
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = Devel
	}
	var revision string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if len(revision) > 12 {
		revision = revision[:12]
	}
	if revision != "" && !strings.Contains(v, revision) {
		v += "-" + revision
	}
	if modified && !strings.HasSuffix(v, "+dirty") {
		v += "+dirty"
	}
	return v
}
