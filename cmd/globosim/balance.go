package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/charmbracelet/x/term"

	"github.com/globomantics/globosim/internal/atomicfile"
	"github.com/globomantics/globosim/internal/balance"
	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// planList is a repeatable --plan flag.
type planList []string

func (p *planList) String() string     { return strings.Join(*p, ",") }
func (p *planList) Set(v string) error { *p = append(*p, v); return nil }

// balanceCmd is `globosim balance SCENARIO`: Monte Carlo checks that the
// scenario makes a good game; with --search, a hunt for exploits.
func balanceCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("balance")
	runs := fs.Int("runs", 200, "")
	seed := fs.Uint64("seed", 1, "")
	search := fs.Bool("search", false, "")
	budget := fs.Int("budget", 300, "")
	recheck := fs.Int("recheck", 500, "")
	asJSON := fs.Bool("json", false, "")
	writePlans := fs.String("write-plans", "", "")
	var plans planList
	fs.Var(&plans, "plan", "")
	args, ok, code := parseInterspersed(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if len(args) != 1 {
		fmt.Fprintln(stderr, "globosim balance: name one scenario, e.g. globosim balance globomantics or globosim balance my-company.toml --plan my-plan.toml")
		return exitUsage
	}
	if *search && !isSet(fs, "runs") {
		*runs = 100 // screening seeds; the strongest get --recheck
	}
	if *runs < 1 || *runs > maxRuns {
		fmt.Fprintf(stderr, "globosim balance: --runs must be between 1 and %d, not %d\n", maxRuns, *runs)
		return exitUsage
	}
	if *budget < 1 || *budget > maxBudget {
		fmt.Fprintf(stderr, "globosim balance: --budget must be between 1 and %d plans, not %d\n", maxBudget, *budget)
		return exitUsage
	}
	if *recheck < 1 || *recheck > maxRuns {
		fmt.Fprintf(stderr, "globosim balance: --recheck must be between 1 and %d, not %d\n", maxRuns, *recheck)
		return exitUsage
	}
	if !*search && (isSet(fs, "budget") || isSet(fs, "recheck") || *writePlans != "") {
		fmt.Fprintln(stderr, "globosim balance: --budget, --recheck and --write-plans go with --search")
		return exitUsage
	}
	name := args[0]
	sc, err := scenario.Resolve(name)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFail
	}
	ps, code := balancePlans(name, plans, sc, stderr)
	if code != exitOK {
		return code
	}
	// One game of each strategy first: a scenario whose run is stopped
	// (work piling up without end) says so once, not as hundreds of lost
	// games.
	for _, p := range append([]*sim.Plan{nil}, ps...) {
		g := sim.NewGame(sc, *seed, 0)
		g.Play(p)
		if err := g.Err(); err != nil {
			fmt.Fprintf(stderr, "globosim balance: %v\n", err)
			return exitFail
		}
	}
	if *search {
		opt := balance.SearchOptions{Runs: *runs, Recheck: *recheck, Budget: *budget, Seed: *seed, Progress: stderr}
		if len(ps) > 0 {
			opt.Sound = ps[0] // its subsets are the search's first guesses
		}
		return balanceSearch(sc, opt, *asJSON, *writePlans, stdout, stderr)
	}
	rep := balance.Check(sc, ps, *runs, *seed)
	if *asJSON {
		return writeJSON(rep, stdout, stderr)
	}
	fmt.Fprint(stdout, rep.Format())
	return exitOK
}

// maxBudget caps --budget: a search of this many plans takes an hour.
const maxBudget = 20000

// balanceSearch is `globosim balance --search`: progress on stderr, the
// report on stdout, the plans found as files or printed.
func balanceSearch(sc *sim.Scenario, opt balance.SearchOptions, asJSON bool, dir string, stdout, stderr io.Writer) int {
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(f.Fd()) {
		opt.Live = true
	}
	rep := balance.Search(sc, opt)
	files := searchPlanFiles(rep, sc)
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fmt.Fprintf(stderr, "globosim balance: %v\n", err)
			return exitFail
		}
		for _, f := range files {
			if err := atomicfile.Write(filepath.Join(dir, f.name), []byte(f.text), 0o644); err != nil {
				fmt.Fprintf(stderr, "globosim balance: %v\n", err)
				return exitFail
			}
		}
	}
	if asJSON {
		return writeJSON(rep, stdout, stderr)
	}
	fmt.Fprint(stdout, rep.Format())
	if dir != "" {
		fmt.Fprintf(stdout, "\nWrote %d plan files to %s, named as above\n(search-simple-1.toml, ...).\n", len(files), dir)
		return exitOK
	}
	for _, f := range files {
		if strings.HasSuffix(f.name, "-1.toml") && !strings.Contains(f.name, "everything") {
			fmt.Fprintf(stdout, "\n--- %s (write them all with --write-plans DIR)\n%s", f.name, f.text)
		}
	}
	return exitOK
}

type planFile struct{ name, text string }

// searchPlanFiles are the plans a search found: the simple ones, the
// strongest overall and buying everything, each list strongest first.
func searchPlanFiles(rep balance.SearchReport, sc *sim.Scenario) []planFile {
	var out []planFile
	add := func(kind string, fs []balance.Found) {
		for i, f := range fs {
			comment := fmt.Sprintf("Found by globosim balance --search --seed %d: wins %.0f%% of seeds %d..%d, mean score %.0f.",
				rep.Seed, 100*f.WinRate, rep.Seed, rep.Seed+uint64(rep.Recheck)-1, f.Score)
			out = append(out, planFile{fmt.Sprintf("search-%s-%d.toml", kind, i+1), balance.PlanTOML(f.Plan, sc, comment)})
		}
	}
	add("simple", rep.Simple)
	add("overall", rep.Overall)
	add("everything", rep.Greedy)
	return out
}

func writeJSON(v any, stdout, stderr io.Writer) int {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		fmt.Fprintf(stderr, "globosim balance: %v\n", err)
		return exitFail
	}
	fmt.Fprintf(stdout, "%s\n", b)
	return exitOK
}

// balancePlans loads the plans given, or else the built-in plans of a
// built-in scenario (those named after it: globomantics-devops, ...). The
// sound plan comes first: the first given, or the scenario's -devops (the
// tutorial's -lessons). Plans without decisions are doing nothing again,
// which the check plays anyway.
func balancePlans(name string, given []string, sc *sim.Scenario, stderr io.Writer) ([]*sim.Plan, int) {
	names := given
	if len(names) == 0 {
		for _, b := range scenario.BuiltinPlans() {
			if strings.HasPrefix(b.Name, name+"-") {
				names = append(names, b.Name)
			}
		}
		sound := func(n string) bool { return n == name+"-devops" || n == name+"-lessons" }
		slices.SortStableFunc(names, func(a, b string) int {
			switch {
			case sound(a) && !sound(b):
				return -1
			case sound(b) && !sound(a):
				return 1
			}
			return 0
		})
	}
	var out []*sim.Plan
	for _, n := range names {
		p, err := scenario.ResolvePlan(n, sc)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return nil, exitFail
		}
		if len(p.Steps) > 0 {
			out = append(out, p)
		}
	}
	return out, exitOK
}
