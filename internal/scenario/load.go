// Package scenario loads scenario files: TOML text in, a validated
// *sim.Scenario out, or every problem in the file at once, each placed at
// its line and column and worded for the facilitator who wrote the file.
package scenario

import (
	"errors"
	"io/fs"
	"math"
	"os"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/globomantics/globosim/internal/sim"
)

// Parse decodes and validates a scenario file; filename is only used to
// place problems. The error, if any, is a Diagnostics listing every problem.
func Parse(filename string, src []byte) (*sim.Scenario, error) {
	loc := locate(src)
	if loc.excess != "" {
		return nil, Diagnostics{{File: filename, Line: loc.excessAt.line, Col: loc.excessAt.col,
			Msg: loc.excess + "; a scenario never needs more than three"}}
	}
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		return nil, Diagnostics{syntaxError(filename, err)}
	}
	d := &decoder{file: filename, at: loc.at, hoursPerWeek: defaultHoursPerWeek, misspelt: map[string]bool{}}
	sc := d.scenario(raw)
	if len(d.diags) > 0 {
		d.diags.sort()
		return nil, d.diags
	}
	return sc, nil
}

// Load reads and parses the scenario file at path.
func Load(path string) (*sim.Scenario, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is already at the start of the line
		}
		return nil, Diagnostics{{File: path, Msg: "cannot read: " + err.Error()}}
	}
	return Parse(path, src)
}

// syntaxError is the diagnostic for text that is not TOML at all; nothing
// else can be checked until it is fixed.
func syntaxError(file string, err error) Diagnostic {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return Diagnostic{File: file, Line: pe.Position.Line, Col: pe.Position.Col, Msg: "not valid TOML: " + shorten(pe.Message)}
	}
	return Diagnostic{File: file, Msg: "not valid TOML: " + shorten(err.Error())}
}

// shorten cuts a message that quotes a long stretch of the file.
func shorten(msg string) string {
	const longest = 200
	if r := []rune(msg); len(r) > longest {
		return string(r[:longest]) + "…"
	}
	return msg
}

const (
	defaultHoursPerWeek = 40
	// MaxWeeks is the longest game a scenario (or --weeks) may ask for.
	MaxWeeks = 1000
)

// scenario decodes the whole file. Each section of the format is one
// function, called in an order that lets later sections refer to earlier
// ones: the working week before any duration, stages before the routes that
// name them. A new section (investments, events, ...) is a Section in
// schema.go, its key in topLevel, and one function called here.
func (d *decoder) scenario(raw map[string]any) *sim.Scenario {
	root := in{t: raw, where: "at the top level"}
	d.checkKeys(root, topLevel)
	sc := &sim.Scenario{HoursPerWeek: int(d.whole(root, "hours_per_week", defaultHoursPerWeek, 1, 7*24))}
	d.hoursPerWeek = sc.HoursPerWeek
	sc.Name = d.scenarioName(root)
	sc.Description, _ = d.text(root, "description")
	sc.Seed = uint64(d.whole(root, "seed", 1, 0, math.MaxInt64))
	sc.Weeks = int(d.whole(root, "weeks", 52, 1, MaxWeeks))
	sc.Stages = d.stages(root)
	sc.Work = d.work(root, sc.Stages)
	d.reworkRoutes(sc)
	return sc
}

func (d *decoder) scenarioName(root in) string {
	if _, ok := root.t["name"]; !ok {
		d.missing(root, "name")
		return ""
	}
	name, ok := d.text(root, "name")
	if ok && strings.TrimSpace(name) == "" {
		d.report(root.key("name"), "name must not be empty: it is the title players see")
	}
	return name
}
