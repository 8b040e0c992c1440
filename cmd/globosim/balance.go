package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/globomantics/globosim/internal/balance"
	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// planList is a repeatable --plan flag.
type planList []string

func (p *planList) String() string     { return strings.Join(*p, ",") }
func (p *planList) Set(v string) error { *p = append(*p, v); return nil }

// balanceCmd is `globosim balance SCENARIO`: Monte Carlo checks that the
// scenario makes a good game.
func balanceCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("balance")
	runs := fs.Int("runs", 200, "")
	seed := fs.Uint64("seed", 1, "")
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
	if *runs < 1 || *runs > maxRuns {
		fmt.Fprintf(stderr, "globosim balance: --runs must be between 1 and %d, not %d\n", maxRuns, *runs)
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
	rep := balance.Check(sc, ps, *runs, *seed)
	fmt.Fprint(stdout, rep.Format())
	return exitOK
}

// balancePlans loads the plans given, or else the built-in plans of a
// built-in scenario (those named after it: globomantics-devops, ...).
func balancePlans(name string, given []string, sc *sim.Scenario, stderr io.Writer) ([]*sim.Plan, int) {
	names := given
	if len(names) == 0 {
		for _, b := range scenario.BuiltinPlans() {
			if strings.HasPrefix(b.Name, name+"-") {
				names = append(names, b.Name)
			}
		}
	}
	var out []*sim.Plan
	for _, n := range names {
		p, err := scenario.ResolvePlan(n, sc)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return nil, exitFail
		}
		out = append(out, p)
	}
	return out, exitOK
}
