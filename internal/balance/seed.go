package balance

import (
	"slices"

	"github.com/globomantics/globosim/internal/sim"
)

// The search's first guesses come from the scenario's own sound plan: a
// plan that takes only a few of the sound plan's decisions, sooner, is the
// likeliest exploit (the tutorial's CI, a shorter release train and test
// automation, all early, won more than the lessons did). Search screens
// every subset of one to SimpleDecisions of them, each timed three ways,
// before anything at random, and climbs from the strongest.

// seedTimings are how a subset's decisions are timed: each from week 1,
// from its week in the sound plan, and from halfway to it; each taken in
// that week or, when the game refuses it then (a prerequisite not built
// yet, not the money), in the first week after that it is allowed.
var seedTimings = []func(week int) int{
	func(int) int { return 1 },
	func(w int) int { return w },
	func(w int) int { return max(1, (w+1)/2) },
}

// QuickSeeds is how many seeds each subset of the sound plan is tried on
// when there are more subsets than the search has room for: the strongest
// there are screened as any other plan.
const QuickSeeds = 3

// soundSubsets are the plans of one to SimpleDecisions of the sound plan's
// decisions, each timing played as soon as allowed on the first seed and
// written with the weeks it took them there (so the plan screened is the
// plan reported), without repeats and without plans screened already;
// largest subsets first.
func (s *searcher) soundSubsets(sound *sim.Plan) []Strategy {
	if sound == nil {
		return nil
	}
	steps := sound.Steps
	var out []Strategy
	seen := map[string]bool{}
	for size := min(SimpleDecisions, len(steps)); size >= 1; size-- {
		for _, idx := range combinations(len(steps), size) {
			for _, timing := range seedTimings {
				sub := make([]sim.PlannedDecision, len(idx))
				for i, j := range idx {
					sub[i] = at(timing(steps[j].Week), steps[j].Decision)
				}
				st := Strategy{AsSoonAsAllowed: true, Plan: &sim.Plan{Steps: sortSteps(sub)}}
				taken := st.Decisions(s.sc, s.opt.Seed).Steps
				if len(taken) == 0 {
					continue
				}
				fixed := s.named(taken)
				key := planKey(fixed)
				if seen[key] || s.seen[key] {
					continue
				}
				seen[key] = true
				out = append(out, fixed)
			}
		}
	}
	return out
}

// combinations are the k-element subsets of 0..n-1, each in increasing
// order, in lexicographic order.
func combinations(n, k int) [][]int {
	var out [][]int
	cur := make([]int, 0, k)
	var rec func(from int)
	rec = func(from int) {
		if len(cur) == k {
			out = append(out, slices.Clone(cur))
			return
		}
		for i := from; i <= n-(k-len(cur)); i++ {
			cur = append(cur, i)
			rec(i + 1)
			cur = cur[:len(cur)-1]
		}
	}
	if k >= 0 && k <= n {
		rec(0)
	}
	return out
}

// strongestSeeds keeps the room strongest of the plans, tried on
// QuickSeeds seeds each, when there are more than room; otherwise all.
func (s *searcher) strongestSeeds(plans []Strategy, room int, step func()) []Strategy {
	if len(plans) <= room {
		return plans
	}
	type quick struct {
		st  Strategy
		fit PlanResult
	}
	qs := make([]quick, len(plans))
	for i, st := range plans {
		qs[i] = quick{st, summarize(st, st.record(s.sc, min(QuickSeeds, s.opt.Runs), s.opt.Seed, false))}
		step()
	}
	slices.SortStableFunc(qs, func(a, b quick) int { return stronger(a.fit, b.fit) })
	var keep []Strategy
	for _, q := range qs[:max(room, 0)] {
		keep = append(keep, q.st)
	}
	return keep
}
