package sim_test

import (
	"math"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

func defaultScenario(tb testing.TB) *sim.Scenario {
	tb.Helper()
	sc, err := scenario.Resolve("globomantics")
	if err != nil {
		tb.Fatal(err)
	}
	return sc
}

// Little's law, L = λW, on the default scenario (rework, outside load,
// batching and all) over 40 simulated years: the time-average number of items
// in the system equals the throughput times the mean lead time.
func TestLittlesLawOnTheDefaultScenario(t *testing.T) {
	sc := defaultScenario(t)
	for _, seed := range []uint64{1, 2, 3} {
		r := mustRun(t, sc, seed, 2000)
		s := r.Summary
		lambda := s.ThroughputPerWeek / float64(sc.HoursPerWeek) // items per hour
		lw := lambda * s.LeadTime.Mean
		if rel := math.Abs(lw-s.WIPMean) / s.WIPMean; rel > 0.01 {
			t.Errorf("seed %d: L = %.2f items, λW = %.4f/h × %.1fh = %.2f (off by %.1f%%)", seed, s.WIPMean, lambda, s.LeadTime.Mean, lw, 100*rel)
		} else {
			t.Logf("seed %d: L = %.2f, λW = %.2f", seed, s.WIPMean, lw)
		}
	}
}

// Little's law with MVP slicing on: the default scenario played for 40
// years with its devops plan (slicing into 3, then into 10), the money and
// the market switched off so that the game runs that long. A slice's lead
// time runs from when it enters the system, as its place in the work in
// progress does, so L = λW holds for the items delivered; counting the
// slices dropped unbuilt as well (their time in the system) it is exact.
func TestLittlesLawWithSlicing(t *testing.T) {
	sc := *defaultScenario(t)
	sc.Company.ShareFloor = 0
	sc.Company.Budget = 1 << 50
	sc.Company.SalaryPerWeek, sc.Company.InfraPerWeek = 0, 0
	sc.Quality.RegressionGrowth = 0 // a regression growing for 40 years would swamp QA
	const weeks = 2000
	for _, n := range []int{3, 10} {
		p := plan(t, &sc, "globomantics-devops")
		sliced := false
		for i := range p.Steps {
			if p.Steps[i].Kind == sim.SetSlicing {
				p.Steps[i].N, sliced = n, true
			}
		}
		if !sliced {
			t.Fatal("the devops plan no longer slices features")
		}
		for _, seed := range []uint64{1, 2} {
			r := sim.RunGame(&sc, seed, weeks, p)
			s := r.Summary
			if r.Weeks != weeks || s.Dropped == 0 {
				t.Fatalf("slices %d, seed %d: %d weeks played, %d slices dropped: %s", n, seed, r.Weeks, s.Dropped, s.Outcome)
			}
			hours := float64(weeks * sc.HoursPerWeek)
			lambda := s.ThroughputPerWeek / float64(sc.HoursPerWeek) // items per hour
			lw := lambda * s.LeadTime.Mean
			all := (float64(s.Completed)*s.LeadTime.Mean + float64(s.Dropped)*s.DroppedHoursMean) / hours
			rel, relAll := math.Abs(lw-s.WIPMean)/s.WIPMean, math.Abs(all-s.WIPMean)/s.WIPMean
			t.Logf("slices %d, seed %d: L = %.3f, λW = %.3f (off %.2f%%), with the %d dropped %.3f (off %.3f%%)", n, seed, s.WIPMean, lw, 100*rel, s.Dropped, all, 100*relAll)
			if rel > 0.02 || relAll > 0.002 {
				t.Errorf("slices %d, seed %d: L = %.3f items, λW = %.4f/h × %.1fh = %.3f (off by %.2f%%), with the dropped %.3f (off by %.3f%%)",
					n, seed, s.WIPMean, lambda, s.LeadTime.Mean, lw, 100*rel, all, 100*relAll)
			}
		}
	}
}

// Small batches are safer: a change's chance to carry a bug grows with its
// size, so cutting features into ten slices leaves the escaped bugs per unit
// of work about where they were (when every change carried the same chance
// whatever its size, ten slices tripled them: 0.78 a unit against 0.24 on
// seeds 1-20).
func TestSlicingKeepsBugsPerUnitOfWork(t *testing.T) {
	sc := defaultScenario(t)
	const seeds = 30
	measure := func(n int) (bugs int, work float64) {
		p := &sim.Plan{Steps: []sim.PlannedDecision{{Week: 1, Decision: sim.Decision{Kind: sim.Invest, Investment: "mvp"}}}}
		if n > 1 {
			p.Steps = append(p.Steps, sim.PlannedDecision{Week: 4, Decision: sim.Decision{Kind: sim.SetSlicing, N: n}})
		}
		for seed := uint64(1); seed <= seeds; seed++ {
			g := sim.NewGame(sc, seed, 0)
			g.Play(p)
			bugs += g.EscapedBugs()
			work += g.DeliveredWork()
			if g.Result().Summary.EscapedBugs != g.EscapedBugs() {
				t.Fatal("the summary's escaped bugs are not the game's")
			}
		}
		return bugs, work
	}
	b1, w1 := measure(1)
	b10, w10 := measure(10)
	r1, r10 := float64(b1)/w1, float64(b10)/w10
	t.Logf("whole: %d bugs over %.0f units of work (%.3f a unit); ten slices: %d over %.0f (%.3f)", b1, w1, r1, b10, w10, r10)
	if r10 > 1.15*r1 || r10 < 0.85*r1 {
		t.Errorf("escaped bugs per unit of work: %.3f with ten slices, %.3f without; want about the same", r10, r1)
	}
	if b10 > b1*5/4 {
		t.Errorf("ten slices let %d bugs escape, against %d without", b10, b1)
	}
}

// The "before" picture the default scenario must paint: lead times of many
// weeks, networking and QA near saturation, completions only on release
// weeks.
func TestDefaultScenarioIsABelievableBefore(t *testing.T) {
	sc := defaultScenario(t)
	const seeds = 10
	week := float64(sc.HoursPerWeek)
	var lead float64
	util := map[string]float64{}
	quiet, weeks := 0, 0
	for seed := uint64(1); seed <= seeds; seed++ {
		r := mustRun(t, sc, seed, sc.Weeks)
		lead += r.Summary.LeadTime.Mean / week / seeds
		for _, st := range r.Stages {
			util[st.ID] += st.Utilization / seeds
		}
		for _, w := range r.Weekly {
			weeks++
			if w.Completed == 0 {
				quiet++
			}
		}
	}
	if lead < 4 {
		t.Errorf("mean lead time %.1f weeks; want many weeks", lead)
	}
	// The year starts with empty queues, so year-one utilisation is a little
	// below the long-run figure (about 90% for QA, 92% for networking).
	for _, id := range []string{"network", "qa"} {
		if util[id] < 0.80 {
			t.Errorf("stage %s is %.0f%% busy; want near saturation", id, 100*util[id])
		}
	}
	if quiet < weeks/2 {
		t.Errorf("only %d of %d weeks delivered nothing; the release train should make flow lumpy", quiet, weeks)
	}
}

// BenchmarkDefaultYear simulates one year of the default scenario.
func BenchmarkDefaultYear(b *testing.B) {
	sc := defaultScenario(b)
	b.ReportAllocs()
	for i := range b.N {
		mustRun(b, sc, uint64(i+1), sc.Weeks)
	}
}

// BenchmarkGameYear plays a whole game of the default scenario with the
// devops plan: investments, deployments, incidents, market and money.
func BenchmarkGameYear(b *testing.B) {
	sc := defaultScenario(b)
	p, err := scenario.ResolvePlan("globomantics-devops", sc)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := range b.N {
		sim.RunGame(sc, uint64(i+1), 0, p)
	}
}

// BenchmarkGameYearReusing is BenchmarkGameYear with each game made from
// the memory of the last, as `globosim run` plays a batch.
func BenchmarkGameYearReusing(b *testing.B) {
	sc := defaultScenario(b)
	p, err := scenario.ResolvePlan("globomantics-devops", sc)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var spent *sim.Game
	for i := range b.N {
		g := sim.NewGameReusing(sc, uint64(i+1), 0, spent)
		g.Play(p)
		g.Result()
		spent = g
	}
}

// BenchmarkGameNoPlan plays the default 52-week game with no decisions.
func BenchmarkGameNoPlan(b *testing.B) {
	sc := defaultScenario(b)
	b.ReportAllocs()
	for i := range b.N {
		sim.RunGame(sc, uint64(i+1), 0, nil)
	}
}

// Work waiting counts as it waits: in the default scenario's first four
// weeks the six-weekly train has not left, yet the work held on it has
// waited longest, and the stages' weekly waits add up to the time the
// queued and held items spent waiting so far.
func TestHeldWorkCountsAsItWaits(t *testing.T) {
	sc := defaultScenario(t)
	g := sim.NewGame(sc, sc.Seed, 0)
	g.RunUntil(4 * sc.Week())
	train := sc.StageIndex("release")
	v := g.Stages()[train]
	if v.Held == 0 || v.WaitingNowHours <= 0 {
		t.Fatalf("after 4 weeks the train holds %d items, waiting %.1fh on average", v.Held, v.WaitingNowHours)
	}
	var waited float64
	for _, w := range v.Weekly {
		waited += w.Waited
	}
	if held := float64(v.Held) * v.WaitingNowHours; math.Abs(waited-held) > 0.01*held {
		t.Errorf("the train's weekly waits add up to %.1fh; its %d held items have waited %.1fh", waited, v.Held, held)
	}
	if b := g.Bottleneck(sim.RecentWeeks); b.ID != "release" {
		t.Errorf("with %d items held for %.1fh on average, the bottleneck is %s (%.0f%%)", v.Held, v.WaitingNowHours, b.Name, 100*b.Share)
	}
}

// Continuous delivery's chain is everything it needs, in an order it can
// be built in (test automation level 1 before level 2), with where each
// stands and the first that can be bought now: with CI built and level 1
// building, that is infrastructure as code, not level 2.
func TestChainToContinuousDelivery(t *testing.T) {
	sc := defaultScenario(t)
	index := func(id string) int {
		for i := range sc.Investments {
			if sc.Investments[i].ID == id {
				return i
			}
		}
		t.Fatalf("no investment %q", id)
		return -1
	}
	cd := index("cd")
	var ids []string
	for _, p := range sc.Prerequisites(cd) {
		ids = append(ids, sc.Investments[p].ID)
	}
	if got := strings.Join(ids, " "); got != "ci tests1 tests2 iac" {
		t.Fatalf("continuous delivery's prerequisites: %s", got)
	}
	g := sim.NewGame(sc, 1, 0)
	steps, next := g.Chain(cd)
	if next != 0 || steps[0].State != sim.Available || steps[1].State != sim.Locked || steps[1].Lock.Kind != sim.NeedsPrerequisite {
		t.Fatalf("at the start: next %d, %v %v", next, steps[0].State, steps[1].Lock)
	}
	for _, d := range []sim.Decision{{Kind: sim.SetImprovement, Stage: "dev", Share: 0.3}, {Kind: sim.SetImprovement, Stage: "qa", Share: 0.3}, {Kind: sim.Invest, Investment: "ci"}} {
		if err := g.Apply(d); err != nil {
			t.Fatal(err)
		}
	}
	for !g.Invested("ci") {
		g.AdvanceWeek()
	}
	if err := g.Apply(sim.Decision{Kind: sim.Invest, Investment: "tests1"}); err != nil {
		t.Fatal(err)
	}
	steps, next = g.Chain(cd)
	var states []string
	for _, s := range steps {
		states = append(states, s.State.String())
	}
	if got := strings.Join(states, " "); got != "done building locked available" || next != 3 {
		t.Errorf("CI built, level 1 building: %s, next %d", got, next)
	}
	if steps[1].ReadyWeek == 0 || steps[2].Lock.Prerequisite != "Test automation, level 1" {
		t.Errorf("level 1 ready in week %d; level 2 locked by %q", steps[1].ReadyWeek, steps[2].Lock.Prerequisite)
	}
}
