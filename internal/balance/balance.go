// Package balance checks with Monte Carlo runs that a scenario makes a good
// game (issue 11's targets): doing nothing loses, the sound plan wins,
// neither buying everything as soon as allowed nor any single investment
// nor practices without automation wins, a losing game never outscores a
// winning one on the same seed, and the sound plan is worse before it is
// better (a J-curve in market share) and ends ahead of doing nothing.
// Search hunts the scenario's decision space for plans that break these.
package balance

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/globomantics/globosim/internal/sim"
)

// The targets a balanced scenario meets (issue 11, "Targets").
const (
	NoneWinsAtMost      = 0.05 // doing nothing
	SoundWinsAtLeast    = 0.80 // the scenario's sound plan
	GreedyWinsAtMost    = 0.30 // buying everything as soon as allowed, with any improvement share
	SingleWinsAtMost    = 0.10 // any one investment alone
	PracticesWinAtMost  = 0.20 // practices without automation
	SimpleWinsAtMost    = 0.30 // a plan of three or fewer decisions (Search)
	SimpleDecisions     = 3
	DipSeedsAtLeast     = 0.60 // the sound plan's share below doing nothing's at some week
	PassSeedsAtLeast    = 0.95 // the sound plan's share above doing nothing's at the end
	LeadTimeRatioAtMost = 1.0 / 3
	lastQuarter         = 13
)

// PlanResult is how one strategy fares over the seeds.
type PlanResult struct {
	Name    string  `json:"name"`
	Kind    Kind    `json:"kind"`
	Runs    int     `json:"runs"`
	WinRate float64 `json:"win_rate"`
	Share   float64 `json:"market_share"` // mean final market share
	Score   float64 `json:"score"`        // mean score
	// LeadTime is the mean, over seeds, of the median lead time (hours) of
	// items finished in the last quarter of the game.
	LeadTime float64 `json:"lead_time_hours_q4"`
	Weeks    float64 `json:"ended_week"` // mean weeks played (a loss can end the game early)
	// Crashed is the share of seeds whose run stopped with too much work
	// in the system (a loss).
	Crashed float64 `json:"crashed"`
}

// JCurve is the sound plan against doing nothing, seed by seed: the share
// of seeds in which it is behind at some week, and ahead at the end, in
// market share and in lead time (behind: a longer median lead time of the
// week's finished items, in a week both finished some; ahead at the end: a
// shorter median lead time in the last quarter).
type JCurve struct {
	ShareDips      float64 `json:"share_dips"`
	ShareEndsAbove float64 `json:"share_ends_above"`
	LeadDips       float64 `json:"lead_dips"`
	LeadEndsAbove  float64 `json:"lead_ends_above"`
}

// Honesty is whether the score ranks games as the verdict does: the share
// of seeds on which some losing game (of any strategy played) scores more
// than some winning game, with the worst such seed.
type Honesty struct {
	Seeds      float64 `json:"seeds_share"`
	Seed       uint64  `json:"seed"`
	Loser      string  `json:"loser"`
	Winner     string  `json:"winner"`
	LoserScore int     `json:"loser_score"`
	WinScore   int     `json:"win_score"`
}

// Target is one of the targets, measured.
type Target struct {
	What     string  `json:"what"`  // what is measured, e.g. "doing nothing wins"
	Value    float64 `json:"value"` // the share measured
	Limit    float64 `json:"limit"`
	AtLeast  bool    `json:"at_least"` // Value must be at least Limit (else at most)
	Strategy string  `json:"strategy"`
}

// Met says whether the target is met.
func (t Target) Met() bool {
	if t.AtLeast {
		return t.Value >= t.Limit-1e-9
	}
	return t.Value <= t.Limit+1e-9
}

// WarningKind is which check a warning is about.
type WarningKind uint8

// The warnings.
const (
	NoneWins       WarningKind = iota + 1 // doing nothing wins too often
	SoundLoses                            // the sound plan wins too rarely
	NoSoundPlan                           // there is no plan to check
	GreedyWins                            // buying everything wins
	SingleWins                            // one investment alone wins
	PracticesWin                          // practices without automation win
	LoserOutscores                        // a losing game outscores a winning one
	NoDip                                 // the sound plan is never behind
	NoPass                                // the sound plan does not end ahead
	SimpleWins                            // a plan of few decisions wins (Search)
)

var warningNames = [...]string{"", "none_wins", "sound_loses", "no_sound_plan", "greedy_wins", "single_wins",
	"practices_win", "loser_outscores", "no_dip", "no_pass", "simple_wins"}

func (k WarningKind) String() string {
	if int(k) < len(warningNames) && k > 0 {
		return warningNames[k]
	}
	return "unknown"
}

// MarshalText writes the kind's name, for --json.
func (k WarningKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Warning is a check that failed, in words.
type Warning struct {
	Kind     WarningKind `json:"kind"`
	Strategy string      `json:"strategy"` // the strategy it is about, if one
	Text     string      `json:"text"`
}

func (w Warning) String() string { return w.Text }

// Report is a scenario's balance check.
type Report struct {
	Scenario  string       `json:"scenario"`
	Runs      int          `json:"runs"`
	Seed      uint64       `json:"seed"`
	Baseline  PlanResult   `json:"baseline"`  // no decisions
	Plans     []PlanResult `json:"plans"`     // the plans given, the sound plan first
	Greedy    []PlanResult `json:"greedy"`    // buy everything as soon as allowed, one per improvement share
	Singles   []PlanResult `json:"singles"`   // each investment alone
	Practices []PlanResult `json:"practices"` // practices without automation (none if the scenario has none)
	JCurve    JCurve       `json:"j_curve"`   // the sound plan against doing nothing
	Money     Money        `json:"money"`     // the whole shop against what the sound plan could spend
	Honesty   Honesty      `json:"honesty"`
	Targets   []Target     `json:"targets"`
	Warnings  []Warning    `json:"warnings"`
}

// Check plays runs seeds of the scenario with no decisions, with each
// plan (the first is the scenario's sound plan), buying everything as soon
// as allowed, each investment alone and practices only, and measures the
// targets.
func Check(sc *sim.Scenario, plans []*sim.Plan, runs int, seed uint64) Report {
	rep := Report{Scenario: sc.Name, Runs: runs, Seed: seed}
	honest := newHonestyTracker(runs, seed)
	run := func(s Strategy, weekly bool) (PlanResult, []game) {
		gs := s.record(sc, runs, seed, weekly)
		honest.add(gs, s.Name)
		return summarize(s, gs), gs
	}
	var none, sound []game
	rep.Baseline, none = run(Strategy{Name: "do nothing", Kind: Baseline}, true)
	for i, p := range plans {
		k := Named
		if i == 0 {
			k = Sound
		}
		pr, gs := run(Strategy{Name: p.Name, Kind: k, Plan: p}, i == 0)
		rep.Plans = append(rep.Plans, pr)
		if i == 0 {
			sound = gs
		}
	}
	for _, s := range GreedyStrategies(sc) {
		pr, _ := run(s, false)
		rep.Greedy = append(rep.Greedy, pr)
	}
	for _, s := range SingleStrategies(sc) {
		pr, _ := run(s, false)
		rep.Singles = append(rep.Singles, pr)
	}
	if s, ok := PracticesStrategy(sc); ok {
		pr, _ := run(s, false)
		rep.Practices = append(rep.Practices, pr)
	}
	if sound != nil {
		rep.JCurve = jCurve(sound, none)
		rep.Money = moneyBinds(sc, sound)
	}
	rep.Honesty = honest.result()
	rep.Targets = targets(&rep)
	rep.Warnings = warnings(&rep)
	return rep
}

func summarize(s Strategy, gs []game) PlanResult {
	pr := PlanResult{Name: s.Name, Kind: s.Kind, Runs: len(gs)}
	for _, g := range gs {
		if g.won {
			pr.WinRate++
		}
		if g.crashed {
			pr.Crashed++
		}
		pr.Share += g.share
		pr.Score += float64(g.score)
		pr.LeadTime += g.leadQ4
		pr.Weeks += float64(g.weeks)
	}
	n := float64(max(len(gs), 1))
	pr.WinRate /= n
	pr.Crashed /= n
	pr.Share /= n
	pr.Score /= n
	pr.LeadTime /= n
	pr.Weeks /= n
	return pr
}

// jCurve compares the sound plan's games with doing nothing's, seed by seed.
func jCurve(sound, none []game) JCurve {
	var j JCurve
	for i := range sound {
		s, b := sound[i], none[i]
		weeks := min(len(s.shares), len(b.shares))
		shareDip, leadDip := false, false
		for w := range weeks {
			shareDip = shareDip || s.shares[w] < b.shares[w]
			leadDip = leadDip || s.leads[w] > 0 && b.leads[w] > 0 && s.leads[w] > b.leads[w]
		}
		if shareDip {
			j.ShareDips++
		}
		if leadDip {
			j.LeadDips++
		}
		if s.share > b.share {
			j.ShareEndsAbove++
		}
		if s.leadQ4 > 0 && (b.leadQ4 == 0 || s.leadQ4 < b.leadQ4) {
			j.LeadEndsAbove++
		}
	}
	n := float64(max(len(sound), 1))
	j.ShareDips /= n
	j.ShareEndsAbove /= n
	j.LeadDips /= n
	j.LeadEndsAbove /= n
	return j
}

// best is the strongest result, the first of equals.
func best(prs []PlanResult) (PlanResult, bool) {
	if len(prs) == 0 {
		return PlanResult{}, false
	}
	return slices.MinFunc(prs, stronger), true
}

// stronger orders results strongest first: by win rate, then mean score.
func stronger(a, b PlanResult) int {
	if c := cmp.Compare(b.WinRate, a.WinRate); c != 0 {
		return c
	}
	return cmp.Compare(b.Score, a.Score)
}

func targets(rep *Report) []Target {
	ts := []Target{{What: "doing nothing wins", Value: rep.Baseline.WinRate, Limit: NoneWinsAtMost, Strategy: rep.Baseline.Name}}
	if len(rep.Plans) > 0 {
		s := rep.Plans[0]
		ts = append(ts, Target{What: "the sound plan wins", Value: s.WinRate, Limit: SoundWinsAtLeast, AtLeast: true, Strategy: s.Name})
	}
	if g, ok := best(rep.Greedy); ok {
		ts = append(ts, Target{What: "buying everything wins", Value: g.WinRate, Limit: GreedyWinsAtMost, Strategy: g.Name})
	}
	if s, ok := best(rep.Singles); ok {
		ts = append(ts, Target{What: "the best single investment wins", Value: s.WinRate, Limit: SingleWinsAtMost, Strategy: s.Name})
	}
	if p, ok := best(rep.Practices); ok {
		ts = append(ts, Target{What: "practices without automation win", Value: p.WinRate, Limit: PracticesWinAtMost, Strategy: p.Name})
	}
	ts = append(ts, Target{What: "seeds where a loser outscores a winner", Value: rep.Honesty.Seeds, Limit: 0})
	if len(rep.Plans) > 0 {
		ts = append(ts,
			Target{What: "the sound plan's share dips below", Value: rep.JCurve.ShareDips, Limit: DipSeedsAtLeast, AtLeast: true, Strategy: rep.Plans[0].Name},
			Target{What: "the sound plan's share ends above", Value: rep.JCurve.ShareEndsAbove, Limit: PassSeedsAtLeast, AtLeast: true, Strategy: rep.Plans[0].Name})
	}
	return ts
}

func pct(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }

func warnings(rep *Report) []Warning {
	var out []Warning
	add := func(k WarningKind, strategy, format string, a ...any) {
		out = append(out, Warning{Kind: k, Strategy: strategy, Text: fmt.Sprintf(format, a...)})
	}
	if b := rep.Baseline; b.WinRate > NoneWinsAtMost+1e-9 {
		add(NoneWins, b.Name, "doing nothing wins %s of games: the scenario may be too easy (a balanced one keeps it at %s or less)", pct(b.WinRate), pct(NoneWinsAtMost))
	}
	if len(rep.Plans) == 0 {
		add(NoSoundPlan, "", "no plans to check: write one (see docs/scenarios.md, Plan files) to show the scenario can be won")
	} else if s := rep.Plans[0]; s.WinRate < SoundWinsAtLeast-1e-9 {
		add(SoundLoses, s.Name, "the sound plan %q wins only %s of games: the scenario may be unwinnable (a balanced one has a plan that wins at least %s)", s.Name, pct(s.WinRate), pct(SoundWinsAtLeast))
	}
	if g, ok := best(rep.Greedy); ok && g.WinRate > GreedyWinsAtMost+1e-9 {
		add(GreedyWins, g.Name, "buying everything as soon as allowed wins %s of games%s: the game needs no choices (a balanced one keeps it at %s or less)", pct(g.WinRate), greedyVariant(g.Name), pct(GreedyWinsAtMost))
	}
	for _, s := range rep.Singles {
		if s.WinRate > SingleWinsAtMost+1e-9 {
			add(SingleWins, s.Name, "%q alone wins %s of games: a dominant investment (a balanced scenario keeps each at %s or less)", s.Name, pct(s.WinRate), pct(SingleWinsAtMost))
		}
	}
	for _, p := range rep.Practices {
		if p.WinRate > PracticesWinAtMost+1e-9 {
			add(PracticesWin, p.Name, "practices without automation win %s of games: tools do not matter (a balanced scenario keeps it at %s or less)", pct(p.WinRate), pct(PracticesWinAtMost))
		}
	}
	if h := rep.Honesty; h.Seeds > 0 {
		add(LoserOutscores, h.Loser, "on %s of seeds a losing game outscores a winning one: on seed %d %q loses with %d points and %q wins with %d", pct(h.Seeds), h.Seed, trim(h.Loser, 60), h.LoserScore, trim(h.Winner, 60), h.WinScore)
	}
	if len(rep.Plans) > 0 {
		j, name := rep.JCurve, rep.Plans[0].Name
		if j.ShareDips < DipSeedsAtLeast-1e-9 {
			add(NoDip, name, "the sound plan's market share dips below doing nothing's in only %s of seeds: no J-curve in what players watch (want at least %s)", pct(j.ShareDips), pct(DipSeedsAtLeast))
		}
		if j.ShareEndsAbove < PassSeedsAtLeast-1e-9 {
			add(NoPass, name, "the sound plan's market share ends above doing nothing's in only %s of seeds (want at least %s)", pct(j.ShareEndsAbove), pct(PassSeedsAtLeast))
		}
	}
	return out
}

// lastQuarterLeadTime is the median weekly lead time over the game's last
// quarter (weeks in which something was finished).
func lastQuarterLeadTime(r sim.Result) float64 {
	from := max(len(r.Weekly)-lastQuarter, 0)
	return medianLeadTime(r.Weekly[from:])
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
