package scenario

import (
	"io/fs"

	"github.com/globomantics/globosim/internal/inputfile"
	"github.com/globomantics/globosim/scenarios"
)

// Source returns the TOML text of a built-in scenario by name
// ("globomantics"), or else of the scenario file at nameOrPath, with the
// file name that Parse should place its problems in: "globomantics.toml"
// for a built-in, the path for a file. A save keeps this text, so a game
// can be rebuilt exactly even after the scenario has changed.
func Source(nameOrPath string) (filename string, src []byte, err error) {
	return sourceIn(scenarios.FS, nameOrPath)
}

func sourceIn(fsys fs.FS, nameOrPath string) (string, []byte, error) {
	if isBuiltinName(nameOrPath) {
		file := nameOrPath + ".toml"
		if src, err := fs.ReadFile(fsys, file); err == nil {
			return file, src, nil
		}
		if err := unknownBuiltin(nameOrPath, "scenario", builtinsIn(fsys)); err != nil {
			return "", nil, err
		}
	}
	src, err := readFile(nameOrPath, inputfile.Scenario)
	if err != nil {
		return "", nil, err
	}
	return nameOrPath, src, nil
}
