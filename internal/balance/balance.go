// Package balance checks with Monte Carlo runs that a scenario makes a good
// game: doing nothing loses, a sound strategy wins, no single investment
// wins on its own, and investments show a J-curve (worse before better).
package balance

import (
	"fmt"
	"slices"
	"strings"

	"github.com/globomantics/globosim/internal/sim"
)

// Thresholds a balanced scenario meets.
const (
	NoneLosesAtLeast       = 0.90 // share of seeds in which doing nothing loses
	StrategyWinsAtLeast    = 0.80 // share of seeds the best plan wins
	SingleWinsAtMost       = 0.30 // no single investment alone wins more often
	LeadTimeRatioAtMost    = 1.0 / 3
	JCurveSeedsAtLeast     = 0.50 // "most seeds"
	lastQuarter            = 13
	jCurveFrom, jCurveUpTo = 3, 10 // weeks in which the first big investments are built
)

// PlanResult is how one strategy fares over the seeds.
type PlanResult struct {
	Name    string
	Runs    int
	WinRate float64
	Share   float64 // mean final market share
	Score   float64 // mean score
	// LeadTime is the mean, over seeds, of the median lead time (hours) of
	// items finished in the last quarter of the game.
	LeadTime float64
	Bands    map[string]int // final DORA band -> seeds
	// JCurve is the share of seeds in which lead time in the weeks the
	// first investments are built is worse than doing nothing's, on the
	// same seed. Zero for the baseline.
	JCurve float64
	Weeks  float64 // mean weeks played (a loss can end the game early)
}

// Report is a scenario's balance check.
type Report struct {
	Scenario string
	Runs     int
	Seed     uint64
	Baseline PlanResult   // no decisions
	Plans    []PlanResult // the scenario's plans
	Singles  []PlanResult // each investment bought alone in week 1
	Warnings []string
}

// Check plays runs seeds of the scenario with no decisions, with each plan,
// and with each investment alone, and reports the figures and warnings.
func Check(sc *sim.Scenario, plans []*sim.Plan, runs int, seed uint64) Report {
	rep := Report{Scenario: sc.Name, Runs: runs, Seed: seed}
	none := play(sc, nil, runs, seed)
	rep.Baseline = summarize("do nothing", none, nil, sc)
	for _, p := range plans {
		if len(p.Steps) == 0 {
			continue // the baseline again
		}
		rep.Plans = append(rep.Plans, summarize(p.Name, play(sc, p, runs, seed), none, sc))
	}
	for _, inv := range sc.Investments {
		p := &sim.Plan{Name: inv.Name, Steps: []sim.PlannedDecision{{Week: 1, Decision: sim.Decision{Kind: sim.Invest, Investment: inv.ID}}}}
		if len(inv.Requires) > 0 {
			continue // cannot be bought alone
		}
		rep.Singles = append(rep.Singles, summarize(inv.Name, play(sc, p, runs, seed), none, sc))
	}
	rep.Warnings = warnings(&rep)
	return rep
}

func play(sc *sim.Scenario, p *sim.Plan, runs int, seed uint64) []sim.Result {
	return sim.Replicate(runs, seed, 0, func(s uint64) sim.Result { return sim.RunGame(sc, s, 0, p) })
}

func summarize(name string, rs, baseline []sim.Result, sc *sim.Scenario) PlanResult {
	pr := PlanResult{Name: name, Runs: len(rs), Bands: map[string]int{}}
	jcurve := 0
	for i, r := range rs {
		if r.Summary.Won {
			pr.WinRate++
		}
		pr.Share += r.Summary.MarketShare
		pr.Score += float64(r.Summary.Score)
		pr.LeadTime += lastQuarterLeadTime(r)
		pr.Bands[r.Summary.DORA.OverallBand.String()]++
		pr.Weeks += float64(r.Weeks)
		if baseline != nil && earlyWIP(r) > earlyWIP(baseline[i]) {
			jcurve++
		}
	}
	n := float64(len(rs))
	pr.WinRate /= n
	pr.Share /= n
	pr.Score /= n
	pr.LeadTime /= n
	pr.Weeks /= n
	if baseline != nil {
		pr.JCurve = float64(jcurve) / n
	}
	return pr
}

// lastQuarterLeadTime is the median weekly lead time over the game's last
// quarter (weeks in which something was finished).
func lastQuarterLeadTime(r sim.Result) float64 {
	from := max(len(r.Weekly)-lastQuarter, 0)
	return medianLeadTime(r.Weekly[from:])
}

// earlyWIP is the mean work in progress while the first investments are
// being built: with the same arrivals (same seed), more work in the system
// means longer lead times, by Little's law, even in weeks nothing ships.
func earlyWIP(r sim.Result) float64 {
	hi := min(jCurveUpTo, len(r.Weekly))
	lo := min(jCurveFrom-1, hi)
	return wipMean(r.Weekly[lo:hi])
}

func medianLeadTime(weeks []sim.WeekResult) float64 {
	var xs []float64
	for _, w := range weeks {
		if w.Completed > 0 {
			xs = append(xs, w.LeadTimeP50)
		}
	}
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	return xs[(len(xs)-1)/2]
}

// wipMean is the mean number of items in the system at the end of the weeks.
func wipMean(weeks []sim.WeekResult) float64 {
	if len(weeks) == 0 {
		return 0
	}
	sum := 0
	for _, w := range weeks {
		sum += w.WIP
	}
	return float64(sum) / float64(len(weeks))
}

func warnings(rep *Report) []string {
	var out []string
	b := rep.Baseline
	if 1-b.WinRate < NoneLosesAtLeast {
		out = append(out, fmt.Sprintf("doing nothing wins %.0f%% of games: the scenario may be too easy (a balanced one loses at least %.0f%% without decisions)", 100*b.WinRate, 100*NoneLosesAtLeast))
	}
	best := -1.0
	for _, p := range rep.Plans {
		best = max(best, p.WinRate)
	}
	if len(rep.Plans) > 0 && best < StrategyWinsAtLeast {
		out = append(out, fmt.Sprintf("the best plan wins only %.0f%% of games: the scenario may be unwinnable (a balanced one has a plan that wins at least %.0f%%)", 100*best, 100*StrategyWinsAtLeast))
	}
	if len(rep.Plans) == 0 {
		out = append(out, "no plans to check: write one (see docs/scenarios.md, Plan files) to show the scenario can be won")
	}
	for _, s := range rep.Singles {
		if s.WinRate > SingleWinsAtMost {
			out = append(out, fmt.Sprintf("%q alone wins %.0f%% of games: a dominant investment (a balanced scenario keeps each under %.0f%%)", s.Name, 100*s.WinRate, 100*SingleWinsAtMost))
		}
	}
	return out
}

// Format writes the report as a readable table.
func (rep Report) Format() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d runs per strategy, seeds %d..%d\n\n", rep.Scenario, rep.Runs, rep.Seed, rep.Seed+uint64(rep.Runs)-1)
	fmt.Fprintf(&b, "%-38s %6s %7s %6s %6s %13s %8s\n", "strategy", "wins", "share", "score", "ends", "lead time q4", "J-curve")
	row := func(p PlanResult) {
		j := "-"
		if p.JCurve > 0 || p.Name != "do nothing" {
			j = fmt.Sprintf("%.0f%%", 100*p.JCurve)
		}
		fmt.Fprintf(&b, "%-38s %5.0f%% %6.1f%% %6.0f %6.0f %12.0fh %8s\n", trim(p.Name, 38), 100*p.WinRate, 100*p.Share, p.Score, p.Weeks, p.LeadTime, j)
	}
	row(rep.Baseline)
	for _, p := range rep.Plans {
		row(p)
	}
	if len(rep.Singles) > 0 {
		fmt.Fprintf(&b, "\nEach investment alone, bought in week 1:\n")
		for _, p := range rep.Singles {
			row(p)
		}
	}
	fmt.Fprintf(&b, "\nwins: share of seeds won; share, score: means at the end; ends: mean week the game\n"+
		"ended; lead time q4: median lead time in the last quarter (hours); J-curve: seeds in\n"+
		"which work piled up while the first investments were built, against doing nothing.\n")
	if len(rep.Warnings) == 0 {
		fmt.Fprintf(&b, "\nBalanced: doing nothing loses, a plan wins, no investment wins alone.\n")
	} else {
		fmt.Fprintf(&b, "\nWarnings:\n")
		for _, w := range rep.Warnings {
			fmt.Fprintf(&b, "  - %s\n", w)
		}
	}
	return b.String()
}

func trim(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-1] + "…"
}
