package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"

	"github.com/globomantics/globosim/internal/atomicfile"
	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

const maxRuns = 100000

// A headless run may be longer than a game (scenario.MaxWeeks): a modeller
// validating a model wants thousands of weeks. The simulation's memory per
// item is bounded (its logs are chunked or follow the DORA window), so a
// long run costs its weekly rows, kept for every run: runs longer than a
// game are held to maxLongRunWeeks weeks in all, about 300 MB of rows.
const (
	maxRunWeeks     = 20000
	maxLongRunWeeks = 1000000
)

// runCmd is `globosim run`: the headless twin of the game.
func runCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("run")
	name := fs.String("scenario", "globomantics", "")
	planName := fs.String("plan", "", "")
	seed := fs.Uint64("seed", 0, "")
	weeks := fs.Int("weeks", 0, "")
	runs := fs.Int("runs", 1, "")
	format := fs.String("format", "text", "")
	out := fs.String("out", "", "")
	cpuProfile := fs.String("cpuprofile", "", "")
	if ok, code := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "globosim run: "+format+"\n", a...)
		return exitUsage
	}
	switch {
	case fs.NArg() > 0:
		return usageErr("unexpected argument %q (flags start with --)", fs.Arg(0))
	case !slices.Contains(report.Formats, *format):
		return usageErr("--format must be one of %s, not %q", strings.Join(report.Formats, ", "), *format)
	case *runs < 1 || *runs > maxRuns:
		return usageErr("--runs must be between 1 and %d, not %d", maxRuns, *runs)
	case isSet(fs, "weeks") && (*weeks < 1 || *weeks > maxRunWeeks):
		return usageErr("--weeks must be between 1 and %d, not %d", maxRunWeeks, *weeks)
	case *weeks > scenario.MaxWeeks && *runs**weeks > maxLongRunWeeks:
		return usageErr("--runs × --weeks may be at most %d for runs longer than %d weeks (each run keeps a row per week), not %d × %d",
			maxLongRunWeeks, scenario.MaxWeeks, *runs, *weeks)
	}

	sc, err := scenario.Resolve(*name)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFail
	}
	if !isSet(fs, "seed") {
		*seed = sc.Seed
	}
	if !isSet(fs, "weeks") {
		*weeks = sc.Weeks
	}
	var plan *sim.Plan
	if *planName != "" {
		if plan, err = scenario.ResolvePlan(*planName, sc); err != nil {
			fmt.Fprintln(stderr, err)
			return exitFail
		}
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "globosim run: %v\n", err)
			return exitFail
		}
		defer stop()
	}
	type run struct {
		result sim.Result
		err    error
	}
	if pct, ok := batchGC(*runs, *weeks); ok {
		defer debug.SetGCPercent(debug.SetGCPercent(pct))
	}
	// Each goroutine makes a game from the memory of its last one.
	played := sim.ReplicateEach(*runs, *seed, 0, func(spent **sim.Game, seed uint64) run {
		g := sim.NewGameReusing(sc, seed, *weeks, *spent)
		g.Play(plan)
		r := run{report.Stamp(g.Result(), sc), g.Err()}
		*spent = g
		return r
	})
	results := make([]sim.Result, len(played))
	for i, p := range played {
		if p.err != nil {
			fmt.Fprintf(stderr, "globosim run: seed %d: %v\n", *seed+uint64(i), p.err)
			return exitFail
		}
		results[i] = p.result
	}

	var buf bytes.Buffer
	if err := report.Write(&buf, *format, results); err != nil {
		fmt.Fprintf(stderr, "globosim run: %v\n", err)
		return exitFail
	}
	if *out == "" {
		stdout.Write(buf.Bytes())
		return exitOK
	}
	if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		fmt.Fprintf(stderr, "globosim run: %v\n", err)
		return exitFail
	}
	return exitOK
}

// A batch of games makes garbage fast (about 470 KB a default game) and
// keeps little of it (each run's result, about 45 KB), so with the
// collector's default pace it runs every few games and costs about a
// tenth of the batch. A batch of at most batchGCWeeks weeks in all (about
// 2000 default games, 90 MB of results) lets the heap grow to five times
// what it keeps (GOGC=400) instead of twice: a tenth less CPU for about 50
// MB more memory at 1000 games. Larger batches, and a GOGC set in the
// environment, keep the collector as it is.
const (
	batchGCWeeks   = 100000
	batchGCPercent = 400
)

// batchGC is the collector's pace for a batch of runs of weeks
// weeks, if it should change.
func batchGC(runs, weeks int) (int, bool) {
	if _, set := os.LookupEnv("GOGC"); set || runs < 2 || runs*weeks > batchGCWeeks {
		return 0, false
	}
	return batchGCPercent, true
}

// startCPUProfile profiles the process's CPU into path until stop is
// called (run --cpuprofile, which scripts/pgo.sh uses to make
// cmd/globosim/default.pgo).
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// writeFileAtomic writes what the user asked for (run --out, scenario
// init) whole or not at all, with the permissions of any file they make:
// 0o666 less their umask, so they can share it.
func writeFileAtomic(path string, data []byte) error {
	return atomicfile.Write(path, data, 0o666)
}
