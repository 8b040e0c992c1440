package balance

import (
	"cmp"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/sim"
)

// SearchOptions size a search. The zero value of a field takes its default.
type SearchOptions struct {
	Runs    int    // seeds each plan is screened on (default 100)
	Recheck int    // seeds the strongest plans are played again on (default 500)
	Budget  int    // plans screened (default 300)
	Top     int    // plans of each list reported (default 5)
	Seed    uint64 // first seed, and the seed of the random plans
	// Sound is the scenario's own sound plan, or nil: every plan of up to
	// SimpleDecisions of its decisions is tried before any at random (see
	// soundSubsets), and the climbs start from the strongest plan found.
	Sound *sim.Plan
	// Progress, when set, gets a line per phase; with Live the line's
	// count is updated in place ("\r"), for a terminal.
	Progress io.Writer
	Live     bool
}

func (o *SearchOptions) defaults() {
	if o.Runs < 1 {
		o.Runs = 100
	}
	if o.Recheck < 1 {
		o.Recheck = 500
	}
	if o.Budget < 1 {
		o.Budget = 300
	}
	if o.Top < 1 {
		o.Top = 5
	}
}

// Found is a plan the search played, with its figures on the recheck
// seeds, and the plan a facilitator can run.
type Found struct {
	PlanResult
	Plan     *sim.Plan `json:"-"`
	PlanFile string    `json:"plan_file"` // the plan as a plan file (PlanTOML)
	Origin   string    `json:"origin"`    // how it was generated: buy everything, alone, practices, random, hill climbing
}

// Decisions is how many decisions the plan takes.
func (f Found) Decisions() int { return len(f.Plan.Steps) }

// SearchReport is what Search found.
type SearchReport struct {
	Scenario  string `json:"scenario"`
	Runs      int    `json:"runs"`    // seeds each plan was screened on
	Recheck   int    `json:"recheck"` // seeds the reported plans were played on
	Seed      uint64 `json:"seed"`
	Evaluated int    `json:"evaluated"` // plans screened
	// Subsets is how many plans of up to SimpleDecisions of the sound
	// plan's decisions the search made; when there were more than it had
	// room for, all were tried on QuickSeeds seeds and Screened of them,
	// the strongest there, were screened.
	Subsets  int       `json:"sound_subsets"`
	Screened int       `json:"sound_subsets_screened"`
	Greedy   []Found   `json:"greedy"`  // buying everything as soon as allowed, rechecked
	Simple   []Found   `json:"simple"`  // the strongest plans of three or fewer decisions, rechecked
	Overall  []Found   `json:"overall"` // the strongest plans, rechecked
	Honesty  Honesty   `json:"honesty"` // over every plan screened
	Warnings []Warning `json:"warnings"`
}

// candidate is a plan in the search, with its screening figures.
type candidate struct {
	strategy Strategy
	origin   string
	fit      PlanResult
}

// searcher holds a search's state.
type searcher struct {
	sc      *sim.Scenario
	opt     SearchOptions
	rng     *rand.Rand
	space   []sim.Decision
	horizon int // decisions are taken in weeks 1..horizon
	seen    map[string]bool
	found   []candidate
	honest  honestyTracker
}

// Search hunts the scenario's decision space for plans that win without
// the whole transformation: it screens buying everything as soon as
// allowed, each investment alone, practices only, the plans of up to
// SimpleDecisions of the sound plan's decisions (when opt.Sound is set),
// random plans (a few decisions at random weeks) and then climbs from the
// strongest found
// (adding, removing or moving one decision at a time), once among plans
// of three or fewer decisions and once among all. The strongest are played
// again on more seeds. The same options give the same report.
func Search(sc *sim.Scenario, opt SearchOptions) SearchReport {
	s := newSearcher(sc, opt)
	opt = s.opt
	greedy := GreedyStrategies(sc)
	singles := SingleStrategies(sc)
	fixed := append(slices.Clone(greedy), singles...)
	if p, ok := PracticesStrategy(sc); ok {
		fixed = append(fixed, p)
	}
	s.phase("buy everything, each investment alone, practices only", len(fixed), func(step func()) {
		for _, st := range fixed {
			s.screen(st, originOf(st.Kind))
			step()
		}
	})
	subsets := s.soundSubsets(opt.Sound)
	var seeds []Strategy
	if len(subsets) > 0 {
		room := max((opt.Budget-len(s.found))/3, 0)
		name, total := "subsets of the sound plan", len(subsets)
		if len(subsets) > room {
			name = fmt.Sprintf("subsets of the sound plan, %d on %s, the strongest %d on all", len(subsets), prose.Count(min(QuickSeeds, opt.Runs), "seed", "seeds"), room)
			total += room
		}
		s.phase(name, total, func(step func()) {
			seeds = s.strongestSeeds(subsets, room, step)
			for _, st := range seeds {
				s.screen(st, "sound plan subset")
				step()
			}
		})
	}
	left := opt.Budget - len(s.found)
	random := max(left*2/5, 0)
	if len(s.space) == 0 {
		random = 0 // nothing to decide: nothing to generate
	}
	s.phase("random plans", random, func(step func()) {
		for done, tries := 0, 0; done < random && tries < 10*random; tries++ {
			if _, fresh := s.screen(s.named(s.prune(s.randomPlan())), "random"); fresh {
				done++
				step()
			}
		}
	})
	left = opt.Budget - len(s.found)
	simple := max(left/2, 0)
	s.phase("hill climbing, three or fewer decisions", simple, func(step func()) {
		s.climb(simple, SimpleDecisions, step)
	})
	left = max(opt.Budget-len(s.found), 0)
	s.phase("hill climbing, any number of decisions", left, func(step func()) {
		s.climb(left, 0, step)
	})

	rep := SearchReport{Scenario: sc.Name, Runs: opt.Runs, Recheck: opt.Recheck, Seed: opt.Seed, Evaluated: len(s.found),
		Subsets: len(subsets), Screened: len(seeds)}
	rep.Honesty = s.honest.result()
	var simpleTop, overallTop, greedyAll []candidate
	for _, c := range s.ranked() {
		if c.strategy.Kind == Greedy {
			greedyAll = append(greedyAll, c)
		}
		if len(c.strategy.Plan.Steps) <= SimpleDecisions && c.strategy.Kind != Greedy && len(simpleTop) < opt.Top && !sameGames(simpleTop, c) {
			simpleTop = append(simpleTop, c)
		}
		if len(overallTop) < opt.Top && !sameGames(overallTop, c) {
			overallTop = append(overallTop, c)
		}
	}
	n := len(greedyAll) + len(simpleTop) + len(overallTop)
	s.phase(fmt.Sprintf("playing the strongest again on %d seeds", opt.Recheck), n, func(step func()) {
		rep.Greedy = s.recheck(greedyAll, step)
		rep.Simple = s.recheck(simpleTop, step)
		rep.Overall = s.recheck(overallTop, step)
	})
	rep.Warnings = searchWarnings(&rep)
	return rep
}

func newSearcher(sc *sim.Scenario, opt SearchOptions) *searcher {
	opt.defaults()
	return &searcher{
		sc: sc, opt: opt, rng: rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15)),
		space: DecisionSpace(sc), horizon: max(1, sc.Weeks*2/3), seen: map[string]bool{},
		honest: newHonestyTracker(opt.Runs, opt.Seed),
	}
}

// sameGames says whether a candidate listed already played as c did on
// every screening figure: most likely a decision that changed nothing, so
// the list shows another plan instead.
func sameGames(list []candidate, c candidate) bool {
	for _, l := range list {
		a, b := l.fit, c.fit
		if a.WinRate == b.WinRate && a.Score == b.Score && a.Share == b.Share && a.LeadTime == b.LeadTime && a.Weeks == b.Weeks {
			return true
		}
	}
	return false
}

func originOf(k Kind) string {
	switch k {
	case Greedy:
		return "buy everything"
	case Single:
		return "alone"
	case Practices:
		return "practices"
	}
	return k.String()
}

// phase runs one phase of the search, with its progress.
func (s *searcher) phase(name string, total int, work func(step func())) {
	w := s.opt.Progress
	done := 0
	if w != nil {
		if s.opt.Live {
			fmt.Fprintf(w, "search: %s 0/%d", name, total)
		} else {
			fmt.Fprintf(w, "search: %s (%s)\n", name, prose.Count(total, "plan", "plans"))
		}
	}
	work(func() {
		done++
		if w != nil && s.opt.Live {
			fmt.Fprintf(w, "\rsearch: %s %d/%d", name, done, total)
		}
	})
	if w != nil && s.opt.Live {
		fmt.Fprintln(w)
	}
}

// screen plays a strategy on the screening seeds, unless it was already.
func (s *searcher) screen(st Strategy, origin string) (candidate, bool) {
	key := planKey(st)
	if s.seen[key] {
		return candidate{}, false
	}
	s.seen[key] = true
	gs := st.record(s.sc, s.opt.Runs, s.opt.Seed, false)
	s.honest.add(gs, st.Name)
	c := candidate{strategy: st, origin: origin, fit: summarize(st, gs)}
	s.found = append(s.found, c)
	return c, true
}

func planKey(st Strategy) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v|", st.AsSoonAsAllowed)
	if st.Plan != nil {
		for _, p := range st.Plan.Steps {
			fmt.Fprintf(&b, "%d:%d:%s:%s:%d:%d:%g:%s:%s;", p.Week, p.Kind, p.Investment, p.Stage, p.N, p.Every, p.Share, p.Event, p.Choice)
		}
	}
	return b.String()
}

// ranked is every candidate screened, strongest first (ties in the order
// found).
func (s *searcher) ranked() []candidate {
	out := slices.Clone(s.found)
	slices.SortStableFunc(out, func(a, b candidate) int { return stronger(a.fit, b.fit) })
	return out
}

// randomPlan is one to four decisions from the space, at random weeks.
func (s *searcher) randomPlan() []sim.PlannedDecision {
	n := 1 + s.rng.IntN(4)
	var steps []sim.PlannedDecision
	for range n {
		steps = append(steps, s.randomStep())
	}
	return sortSteps(steps)
}

func (s *searcher) randomStep() sim.PlannedDecision {
	return at(1+s.rng.IntN(s.horizon), s.space[s.rng.IntN(len(s.space))])
}

func sortSteps(steps []sim.PlannedDecision) []sim.PlannedDecision {
	slices.SortStableFunc(steps, func(a, b sim.PlannedDecision) int { return cmp.Compare(a.Week, b.Week) })
	return steps
}

// prune drops the decisions the game refuses on the first seed (slicing
// before the investment that enables it, a second identical WIP limit),
// so a plan says only what it does.
func (s *searcher) prune(steps []sim.PlannedDecision) []sim.PlannedDecision {
	g := sim.NewGame(s.sc, s.opt.Seed, 0)
	taken := make([]bool, len(steps))
	for {
		if _, over := g.Over(); over {
			break
		}
		week := g.Week() + 1
		for i, p := range steps {
			if p.Week == week && g.Apply(p.Decision) == nil {
				taken[i] = true
			}
		}
		g.AdvanceWeek()
	}
	var out []sim.PlannedDecision
	for i, p := range steps {
		if taken[i] {
			out = append(out, p)
		}
	}
	return out
}

// named makes a fixed plan of the steps, named for what it does.
func (s *searcher) named(steps []sim.PlannedDecision) Strategy {
	parts := make([]string, len(steps))
	for i, p := range steps {
		parts[i] = fmt.Sprintf("w%d %s", p.Week, s.short(p.Decision))
	}
	name := strings.Join(parts, ", ")
	if name == "" {
		name = "no decisions"
	}
	return Strategy{Name: name, Kind: Searched, Plan: &sim.Plan{Name: name, Steps: steps}}
}

// short is a decision in a few words, with the scenario's ids.
func (s *searcher) short(d sim.Decision) string {
	switch d.Kind {
	case sim.Invest:
		return d.Investment
	case sim.SetSlicing:
		return fmt.Sprintf("slicing %d", d.N)
	case sim.SetReleaseCadence:
		return "release " + cadenceText(d.Every, s.sc)
	case sim.SetWIPLimit:
		return fmt.Sprintf("wip %s %d", d.Stage, d.N)
	case sim.Hire:
		return fmt.Sprintf("hire %s %+d", d.Stage, d.N)
	case sim.SetImprovement:
		return fmt.Sprintf("improve %s %s", d.Stage, shareText(d.Share))
	case sim.Respond:
		return fmt.Sprintf("%s: %s", d.Event, d.Choice)
	}
	return d.Kind.String()
}

// climb improves the strongest plan found (of at most limit decisions
// when limit > 0) one change at a time, keeping a change that wins more
// (or as often, with a higher score), for budget plans.
func (s *searcher) climb(budget, limit int, step func()) {
	var cur candidate
	ok := false
	for _, c := range s.ranked() {
		if limit == 0 || len(c.strategy.Plan.Steps) <= limit {
			cur, ok = c, true
			break
		}
	}
	if !ok || len(s.space) == 0 {
		for range budget {
			step()
		}
		return
	}
	steps := cur.strategy.Plan.Steps
	if cur.strategy.AsSoonAsAllowed {
		steps = cur.strategy.Decisions(s.sc, s.opt.Seed).Steps
	}
	maxTries := 20*budget + 100 // a neighbourhood of plans already screened ends the climb
	for tries := 0; budget > 0 && tries < maxTries; tries++ {
		next := s.prune(s.mutate(steps, limit))
		c, fresh := s.screen(s.named(next), "hill climbing")
		if !fresh {
			continue
		}
		budget--
		step()
		if stronger(c.fit, cur.fit) < 0 {
			cur, steps = c, next
		}
	}
	for range budget {
		step() // the neighbourhood is exhausted
	}
}

// mutate adds, removes or moves one decision.
func (s *searcher) mutate(steps []sim.PlannedDecision, limit int) []sim.PlannedDecision {
	out := slices.Clone(steps)
	move := s.rng.IntN(3)
	switch {
	case len(out) == 0 || move == 0 && (limit == 0 || len(out) < limit):
		out = append(out, s.randomStep())
	case move == 1 && len(out) > 1:
		i := s.rng.IntN(len(out))
		out = slices.Delete(out, i, i+1)
	default:
		i := s.rng.IntN(len(out))
		w := out[i].Week + s.rng.IntN(9) - 4
		if s.rng.IntN(4) == 0 {
			w = 1 + s.rng.IntN(s.horizon)
		}
		out[i].Week = min(max(w, 1), s.horizon)
	}
	return sortSteps(out)
}

// recheck plays the candidates on the recheck seeds.
func (s *searcher) recheck(cs []candidate, step func()) []Found {
	var out []Found
	for _, c := range cs {
		gs := c.strategy.record(s.sc, s.opt.Recheck, s.opt.Seed, false)
		p := c.strategy.Decisions(s.sc, s.opt.Seed)
		out = append(out, Found{PlanResult: summarize(c.strategy, gs), Plan: p, PlanFile: PlanTOML(p, s.sc, ""), Origin: c.origin})
		step()
	}
	slices.SortStableFunc(out, func(a, b Found) int { return stronger(a.PlanResult, b.PlanResult) })
	return out
}

func searchWarnings(rep *SearchReport) []Warning {
	var out []Warning
	var over []Found
	for _, f := range rep.Simple {
		if f.WinRate > SimpleWinsAtMost+1e-9 {
			over = append(over, f)
		}
	}
	if len(over) > 0 {
		f := over[0]
		out = append(out, Warning{Kind: SimpleWins, Strategy: f.Name, Text: fmt.Sprintf(
			"a plan of %s wins %s of games: %s (%d of the %d simple plans reported win more than %s; a balanced scenario has none of %d or fewer decisions)",
			prose.Count(f.Decisions(), "decision", "decisions"), pct(f.WinRate), trim(f.Name, 60), len(over), len(rep.Simple), pct(SimpleWinsAtMost), SimpleDecisions)})
	}
	for _, f := range rep.Greedy {
		if f.WinRate > GreedyWinsAtMost+1e-9 {
			out = append(out, Warning{Kind: GreedyWins, Strategy: f.Name, Text: fmt.Sprintf(
				"buying everything as soon as allowed wins %s of games%s: the game needs no choices (a balanced one keeps it at %s or less)",
				pct(f.WinRate), greedyVariant(f.Name), pct(GreedyWinsAtMost))})
		}
	}
	if h := rep.Honesty; h.Seeds > 0 {
		out = append(out, Warning{Kind: LoserOutscores, Strategy: h.Loser, Text: fmt.Sprintf(
			"on %s of seeds a losing game outscores a winning one: on seed %d %q loses with %d points and %q wins with %d",
			pct(h.Seeds), h.Seed, trim(h.Loser, 60), h.LoserScore, trim(h.Winner, 60), h.WinScore)})
	}
	return out
}

// honestyTracker keeps, seed by seed, the best-scoring loss and the
// worst-scoring win seen so far, so the honesty check covers every plan
// screened without keeping every game.
type honestyTracker struct {
	first        uint64
	lose, win    []int
	lost, won    []string
	haveL, haveW []bool
}

func newHonestyTracker(n int, first uint64) honestyTracker {
	return honestyTracker{first: first, lose: make([]int, n), win: make([]int, n), lost: make([]string, n), won: make([]string, n), haveL: make([]bool, n), haveW: make([]bool, n)}
}

func (h *honestyTracker) add(gs []game, name string) {
	for i, g := range gs {
		if g.won && (!h.haveW[i] || g.score < h.win[i]) {
			h.win[i], h.won[i], h.haveW[i] = g.score, name, true
		}
		if !g.won && (!h.haveL[i] || g.score > h.lose[i]) {
			h.lose[i], h.lost[i], h.haveL[i] = g.score, name, true
		}
	}
}

func (h *honestyTracker) result() Honesty {
	var out Honesty
	seeds, worst := 0, 0
	for i := range h.lose {
		if !h.haveW[i] || !h.haveL[i] || h.lose[i] <= h.win[i] {
			continue
		}
		seeds++
		if gap := h.lose[i] - h.win[i]; gap > worst {
			worst = gap
			out.Seed, out.Loser, out.Winner, out.LoserScore, out.WinScore = h.first+uint64(i), h.lost[i], h.won[i], h.lose[i], h.win[i]
		}
	}
	out.Seeds = float64(seeds) / float64(max(len(h.lose), 1))
	return out
}
