package scenario

import (
	"cmp"
	"errors"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/scenarios"
)

// Builtin is a scenario compiled into the binary.
type Builtin struct {
	Name        string // what --scenario takes: "globomantics"
	Description string // the file's description
}

// Builtins lists the built-in scenarios: globomantics, then tutorial, then
// the rest in alphabetical order.
func Builtins() []Builtin { return builtinsIn(scenarios.FS) }

// builtinFirst are the scenarios listed before the others, in this order.
var builtinFirst = []string{"globomantics", "tutorial"}

func builtinsIn(fsys fs.FS) []Builtin {
	files, _ := fs.Glob(fsys, "*.toml")
	var list []Builtin
	for _, f := range files {
		b := Builtin{Name: strings.TrimSuffix(f, ".toml")}
		if src, err := fs.ReadFile(fsys, f); err == nil {
			var head struct{ Description string }
			toml.Decode(string(src), &head) // a broken built-in fails its test, not this list
			b.Description = head.Description
		}
		list = append(list, b)
	}
	slices.SortFunc(list, func(a, b Builtin) int {
		return cmp.Or(cmp.Compare(rank(a.Name), rank(b.Name)), strings.Compare(a.Name, b.Name))
	})
	return list
}

func rank(name string) int {
	if i := slices.Index(builtinFirst, name); i >= 0 {
		return i
	}
	return len(builtinFirst)
}

// Resolve loads a built-in scenario by name ("globomantics"), or else the
// scenario file at nameOrPath.
func Resolve(nameOrPath string) (*sim.Scenario, error) {
	return resolveIn(scenarios.FS, nameOrPath)
}

func resolveIn(fsys fs.FS, nameOrPath string) (*sim.Scenario, error) {
	if isBuiltinName(nameOrPath) {
		if src, err := fs.ReadFile(fsys, nameOrPath+".toml"); err == nil {
			return Parse(nameOrPath+".toml", src)
		}
		if _, err := os.Stat(nameOrPath); errors.Is(err, fs.ErrNotExist) {
			var names []string
			for _, b := range builtinsIn(fsys) {
				names = append(names, b.Name)
			}
			msg := "no built-in scenario or file by that name"
			if near, ok := closest(nameOrPath, names); ok {
				msg += "; did you mean " + quote(near) + "?"
			}
			msg += " (built-in scenarios: " + strings.Join(names, ", ") + ")"
			return nil, Diagnostics{{File: nameOrPath, Msg: msg}}
		}
	}
	return Load(nameOrPath)
}

// isBuiltinName reports whether s could name a built-in scenario rather
// than a file: no directory, no extension.
func isBuiltinName(s string) bool {
	return s != "" && !strings.ContainsAny(s, `/\.`)
}
