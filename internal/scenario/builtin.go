package scenario

import (
	"cmp"
	"errors"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/scenarios"
)

// Builtin is a scenario or plan compiled into the binary.
type Builtin struct {
	Name        string // what --scenario or --plan takes: "globomantics"
	Description string // the file's description
	Seed        uint64 // the file's seed: the world it plays without --seed
}

// Builtins lists the built-in scenarios: globomantics, then tutorial, then
// the rest in alphabetical order.
func Builtins() []Builtin { return builtinsIn(scenarios.FS) }

// BuiltinPlans lists the built-in plans in alphabetical order. A plan's
// name starts with the name of the scenario it is for:
// "globomantics-none".
func BuiltinPlans() []Builtin { return listIn(scenarios.FS, plansDir) }

// plansDir holds the built-in plans in scenarios.FS.
const plansDir = "plans"

// builtinFirst are the scenarios listed before the others, in this order.
var builtinFirst = []string{"globomantics", "tutorial"}

func builtinsIn(fsys fs.FS) []Builtin {
	list := listIn(fsys, ".")
	slices.SortStableFunc(list, func(a, b Builtin) int { return cmp.Compare(rank(a.Name), rank(b.Name)) })
	return list
}

// listIn lists the TOML files in dir with their descriptions, by name.
func listIn(fsys fs.FS, dir string) []Builtin {
	files, _ := fs.Glob(fsys, path.Join(dir, "*.toml"))
	var list []Builtin
	for _, f := range files {
		b := Builtin{Name: strings.TrimSuffix(path.Base(f), ".toml")}
		if src, err := fs.ReadFile(fsys, f); err == nil {
			head := struct {
				Description string
				Seed        uint64
			}{Seed: defaultSeed}
			toml.Decode(string(src), &head) // a broken built-in fails its test, not this list
			b.Description, b.Seed = head.Description, head.Seed
		}
		list = append(list, b)
	}
	slices.SortFunc(list, func(a, b Builtin) int { return strings.Compare(a.Name, b.Name) })
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
	file, src, err := sourceIn(fsys, nameOrPath)
	if err != nil {
		return nil, err
	}
	return Parse(file, src)
}

// ResolvePlan loads a built-in plan by name ("globomantics-none"), or else
// the plan file at nameOrPath, and checks it against sc.
func ResolvePlan(nameOrPath string, sc *sim.Scenario) (*sim.Plan, error) {
	return resolvePlanIn(scenarios.FS, nameOrPath, sc)
}

func resolvePlanIn(fsys fs.FS, nameOrPath string, sc *sim.Scenario) (*sim.Plan, error) {
	if isBuiltinName(nameOrPath) {
		file := path.Join(plansDir, nameOrPath+".toml")
		if src, err := fs.ReadFile(fsys, file); err == nil {
			return ParsePlan(file, src, sc)
		}
		if err := unknownBuiltin(nameOrPath, "plan", listIn(fsys, plansDir)); err != nil {
			return nil, err
		}
	}
	return LoadPlan(nameOrPath, sc)
}

// unknownBuiltin is the problem with a name that is neither a built-in
// (kind: "scenario") nor a file; nil if there is a file by that name.
func unknownBuiltin(name, kind string, builtins []Builtin) error {
	if _, err := os.Stat(name); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	var names []string
	for _, b := range builtins {
		names = append(names, b.Name)
	}
	msg := "no built-in " + kind + " or file by that name"
	if near, ok := closest(name, names); ok {
		msg += "; did you mean " + quote(near) + "?"
	}
	if len(names) > 0 {
		msg += " (built-in " + kind + "s: " + strings.Join(names, ", ") + ")"
	}
	return Diagnostics{{File: name, Msg: msg}}
}

// isBuiltinName reports whether s could name a built-in scenario rather
// than a file: no directory, no extension.
func isBuiltinName(s string) bool {
	return s != "" && !strings.ContainsAny(s, `/\.`)
}
