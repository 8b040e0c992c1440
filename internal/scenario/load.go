// Package scenario loads scenario files: TOML text in, a validated
// *sim.Scenario out, or every problem in the file at once, each placed at
// its line and column and worded for the facilitator who wrote the file.
package scenario

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/globomantics/globosim/internal/inputfile"
	"github.com/globomantics/globosim/internal/sim"
)

// Parse decodes and validates a scenario file; filename is only used to
// place problems. The error, if any, is a Diagnostics listing every problem.
func Parse(filename string, src []byte) (*sim.Scenario, error) {
	sc, _, err := parse(filename, src)
	return sc, err
}

// Load reads and parses the scenario file at path.
func Load(path string) (*sim.Scenario, error) {
	sc, _, err := Validate(path)
	return sc, err
}

// Validate is Load, with the warnings about a valid scenario that its
// author should know: a stage offered more work than it can do.
func Validate(path string) (*sim.Scenario, Diagnostics, error) {
	src, err := readFile(path, inputfile.Scenario)
	if err != nil {
		return nil, nil, err
	}
	return parse(path, src)
}

func parse(filename string, src []byte) (*sim.Scenario, Diagnostics, error) {
	d, raw, err := begin(filename, src, inputfile.Scenario)
	if err != nil {
		return nil, nil, err
	}
	sc := d.scenario(raw)
	if len(d.diags) > 0 {
		d.diags.sort()
		return nil, nil, d.diags
	}
	d.overloaded(sc)
	sc.SourceSHA256 = SHA256(src)
	return sc, d.warnings, nil
}

// begin locates every key of a file and decodes it, or returns the one
// problem that stops it being read at all. kind is the kind of file, for
// its size cap and to name it.
func begin(filename string, src []byte, kind inputfile.Kind) (*decoder, map[string]any, error) {
	if err := inputfile.Check(src, kind); err != nil {
		return nil, nil, Diagnostics{{File: filename, Msg: "cannot read: " + err.Error()}}
	}
	loc := locate(src)
	if loc.excess != "" {
		return nil, nil, Diagnostics{{File: filename, Line: loc.excessAt.line, Col: loc.excessAt.col,
			Msg: loc.excess + "; " + kind.Noun + " never needs more than " + loc.excessNeed}}
	}
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		return nil, nil, Diagnostics{syntaxError(filename, err)}
	}
	return &decoder{file: filename, at: loc.at, hoursPerWeek: defaultHoursPerWeek, misspelt: map[string]bool{}}, raw, nil
}

// readFile reads a file of the kind, or returns a Diagnostic that says why
// it cannot.
func readFile(path string, kind inputfile.Kind) ([]byte, error) {
	src, err := inputfile.Read(path, kind)
	if err != nil {
		return nil, Diagnostics{{File: path, Msg: "cannot read: " + err.Error()}}
	}
	return src, nil
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
	defaultSeed         = 1 // the world a scenario without a seed plays
	// MaxWeeks is the longest game a scenario (or --weeks) may ask for.
	MaxWeeks = 1000
)

// scenario decodes the whole file. Each section of the format is one
// function, called in an order that lets later sections refer to earlier
// ones: the working week before any duration, stages before the routes that
// name them, the game's settings before the investments and events that
// change them. A new section is a Section in schema.go, its key in
// topLevel, and one function called here.
func (d *decoder) scenario(raw map[string]any) *sim.Scenario {
	root := in{t: raw, where: "at the top level"}
	d.checkKeys(root, topLevel)
	sc := &sim.Scenario{HoursPerWeek: int(d.whole(root, "hours_per_week", defaultHoursPerWeek, 1, 7*24))}
	d.hoursPerWeek = sc.HoursPerWeek
	sc.Name = d.title(root, "name", "it is the title players see")
	sc.Description, _ = d.text(root, "description")
	sc.Seed = uint64(d.whole(root, "seed", defaultSeed, 0, math.MaxInt64))
	sc.Weeks = int(d.whole(root, "weeks", 52, 1, MaxWeeks))
	sc.Stages = d.stages(root)
	sc.Work = d.work(root, sc.Stages)
	d.reworkRoutes(sc)

	sc.Briefing = d.briefing(root)
	sc.Production = d.production(root, sc.Stages)
	company, shareOK := d.company(root)
	sc.Company = company
	sc.Quality = d.quality(root, sc)
	sc.Incidents = d.incidents(root, sc)
	sc.Market = d.market(root)
	sc.Competitors = d.competitors(root, company, shareOK)
	sc.Slicing = d.slicing(root, sc.Work)
	sc.Investments = d.investments(root, sc)
	sc.Events = d.events(root, sc)
	sc.Lessons = d.lessons(root, sc)
	sc.Roles = d.roles(root, sc)
	return sc
}

// title reads required text that must not be blank; why says what it is for.
func (d *decoder) title(x in, key, why string) string {
	if !x.has(key) {
		d.missing(x, key)
		return ""
	}
	text, ok := d.text(x, key)
	if ok && strings.TrimSpace(text) == "" {
		d.report(x.key(key), "%s must not be empty: %s", x.name(key), why)
	}
	return text
}

// SHA256 is the SHA-256 of a scenario's text, in hex: what a result's
// scenario_sha256 holds.
func SHA256(src []byte) string {
	sum := sha256.Sum256(src)
	return hex.EncodeToString(sum[:])
}
