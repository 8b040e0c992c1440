package sim_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// scorePlans is every shipped plan of the scenario and a few that lose:
// letting everyone go but one person per stage (which kept the most money
// under the first score rule), buying every investment in week 1, and
// hiring two people on every stage.
func scorePlans(t *testing.T, sc *sim.Scenario) []*sim.Plan {
	t.Helper()
	var plans []*sim.Plan
	for _, pb := range scenario.BuiltinPlans() {
		if strings.HasPrefix(pb.Name, "globomantics-") {
			p, err := scenario.ResolvePlan(pb.Name, sc)
			if err != nil {
				t.Fatal(err)
			}
			plans = append(plans, p)
		}
	}
	fire := &sim.Plan{Name: "fire all but one"}
	hire := &sim.Plan{Name: "hire two everywhere"}
	for _, st := range sc.Stages {
		if st.Capacity > 1 && st.Capacity != sim.Unlimited {
			fire.Steps = append(fire.Steps, sim.PlannedDecision{Week: 1, Decision: sim.Decision{Kind: sim.Hire, Stage: st.ID, N: 1 - st.Capacity}})
		}
		if st.Capacity >= 1 && st.Capacity != sim.Unlimited {
			hire.Steps = append(hire.Steps, sim.PlannedDecision{Week: 1, Decision: sim.Decision{Kind: sim.Hire, Stage: st.ID, N: 2}})
		}
	}
	all := &sim.Plan{Name: "buy everything in week 1"}
	for _, inv := range sc.Investments {
		all.Steps = append(all.Steps, sim.PlannedDecision{Week: 1, Decision: sim.Decision{Kind: sim.Invest, Investment: inv.ID}})
	}
	return append(plans, fire, hire, all)
}

// On the same seed a lost game never outscores a won one, whatever the
// plans (issue 11, item 4).
func TestNoLossOutscoresAWin(t *testing.T) {
	sc := defaultScenario(t)
	plans := scorePlans(t, sc)
	seeds := uint64(200)
	if testing.Short() {
		seeds = 20
	}
	var wins, losses int
	for seed := uint64(1); seed <= seeds; seed++ {
		bestLoss, worstWin := math.MinInt, math.MaxInt
		var bestLossPlan, worstWinPlan string
		for _, p := range plans {
			r := sim.RunGame(sc, seed, 0, p)
			s := r.Summary
			if got := s.ScoreParts.Total(); got != s.Score {
				t.Fatalf("seed %d, %s: the parts add up to %d, the score is %d", seed, p.Name, got, s.Score)
			}
			if s.Won {
				wins++
				if s.Score < worstWin {
					worstWin, worstWinPlan = s.Score, p.Name
				}
			} else {
				losses++
				if s.Score > bestLoss {
					bestLoss, bestLossPlan = s.Score, p.Name
				}
			}
		}
		if bestLoss >= worstWin {
			t.Errorf("seed %d: %q lost with %d, %q won with %d", seed, bestLossPlan, bestLoss, worstWinPlan, worstWin)
		}
	}
	if wins == 0 || losses == 0 {
		t.Fatalf("%d won and %d lost games: the test needs both", wins, losses)
	}
	t.Logf("%d plans × %d seeds: %d won, %d lost", len(plans), seeds, wins, losses)
}

// Money beyond a reserve of eight weeks' running costs counts little: the
// money parts never reach ReservePoints+BeyondReservePoints, whatever the
// cash.
func TestMoneyBeyondTheReserveCountsLittle(t *testing.T) {
	sc := defaultScenario(t)
	rich := *sc
	rich.Company.Budget = 1_000_000_000
	s := sim.RunGame(&rich, 1, 0, nil).Summary
	p := s.ScoreParts
	if p.Reserve <= 0 || p.Money != sim.ReservePoints {
		t.Errorf("with $%d in the bank, reserve $%d: %d points for the reserve, want %d", s.Budget, p.Reserve, p.Money, sim.ReservePoints)
	}
	if p.BeyondReserve <= 0 || p.BeyondReserve >= sim.BeyondReservePoints {
		t.Errorf("money beyond the reserve: %d points, want 1 to %d", p.BeyondReserve, sim.BeyondReservePoints-1)
	}
	poor := sim.RunGame(sc, 1, 0, nil).Summary.ScoreParts
	if poor.Money+poor.BeyondReserve > p.Money+p.BeyondReserve {
		t.Errorf("less money scores more: %+v against %+v", poor, p)
	}
}

// A long game (1000 weeks) of the DevOps plan is not lost to the
// competitors' growth: their experience levels off, as Globomantics' does
// (issue 11, item 6).
func TestRivalsLevelOff(t *testing.T) {
	sc := defaultScenario(t)
	p, err := scenario.ResolvePlan("globomantics-devops", sc)
	if err != nil {
		t.Fatal(err)
	}
	// The manual regression that grows with the codebase is the plan's own
	// limit (it leaves 30% of the suite manual): without it the market
	// alone decides. Before issue 11 this game was lost in week 153.
	steady := *sc
	steady.Quality.RegressionGrowth = 0
	sc = &steady
	g := sim.NewGame(sc, 1, 1000)
	g.Play(p)
	out, _ := g.Over()
	if !out.Won {
		t.Errorf("the DevOps plan over 1000 weeks: %s", out.Reason)
	}
	fade := sc.Market.Fade()
	for i, c := range g.Competitors() {
		spec := &sc.Competitors[i]
		ceiling := spec.Ceiling(fade)
		if math.IsInf(ceiling, 0) || math.IsNaN(ceiling) {
			t.Fatalf("%s: no finite ceiling", c.Name)
		}
		// Past the ceiling by at most the saw-tooth of its releases.
		if top := ceiling + spec.Growth/(1-math.Pow(fade, float64(spec.ReleaseEvery))); c.Experience > top {
			t.Errorf("%s: experience %.3f after 1000 weeks, above its ceiling %.3f (%.3f with a release's peak)", c.Name, c.Experience, ceiling, top)
		}
		t.Logf("%s: experience %.2f after 1000 weeks, ceiling %.2f; Globomantics %.2f", c.Name, c.Experience, ceiling, g.Experience())
	}
}

// People away for a while (an event with a duration, such as an audit) and
// people writing postmortems stay on the payroll (issue 11, item 8).
func TestPeopleAwayAreStillPaid(t *testing.T) {
	open := *defaultScenario(t)
	open.Company.ShareFloor = 0 // the game must go on past the event
	env := slices.IndexFunc(open.Stages, func(st sim.Stage) bool { return st.ID == "env" })
	const at = 12
	open.Events = append(slices.Clone(open.Events), sim.Event{ID: "paperwork", Text: "Ops spends two weeks on paperwork.",
		Week: at, Once: true, Duration: 2, Effects: []sim.Effect{{Stage: env, Away: 1}}, Competitor: -1, Work: -1})
	sc := &open
	g := sim.NewGame(sc, 1, 0)
	for g.Week() < at-2 { // then the week before the event has started
		g.AdvanceWeek()
	}
	before, envBefore := g.WeeklyCosts(), g.Stages()[env]
	g.AdvanceWeek() // the event starts
	during, envDuring := g.WeeklyCosts(), g.Stages()[env]
	if during.Salaries != before.Salaries || during.People != before.People {
		t.Errorf("during the event %d people paid $%d, before it %d paid $%d", during.People, during.Salaries, before.People, before.Salaries)
	}
	if envDuring.People != envBefore.People || envDuring.Away != envBefore.Away+1 {
		t.Errorf("environments during the event: %d people, %d away; before it %d, %d", envDuring.People, envDuring.Away, envBefore.People, envBefore.Away)
	}
	g.AdvanceWeek()
	g.AdvanceWeek() // two weeks later it is over
	if back := g.Stages()[env]; back.Away != envBefore.Away || back.People != envBefore.People {
		t.Errorf("environments after the event: %d people, %d away; before it %d, %d", back.People, back.Away, envBefore.People, envBefore.Away)
	}

	g = sim.NewGame(sc, 1, 0)
	start := g.WeeklyCosts()
	if err := g.Apply(sim.Decision{Kind: sim.Invest, Investment: "postmortems"}); err != nil {
		t.Fatal(err)
	}
	for g.Week() < 4 { // built in two weeks
		g.AdvanceWeek()
	}
	if !g.Invested("postmortems") {
		t.Fatal("postmortems not built in four weeks")
	}
	after := g.WeeklyCosts()
	if after.Salaries != start.Salaries || after.Away < start.Away+1 {
		t.Errorf("with postmortems: $%d for %d people, %d away; at the start $%d for %d, %d away",
			after.Salaries, after.People, after.Away, start.Salaries, start.People, start.Away)
	}
}

// Outages cost money at [incidents] cost_per_hour, and nothing else
// changes: the same incidents happen on the same seed.
func TestIncidentsCostMoney(t *testing.T) {
	sc := defaultScenario(t)
	costly := *sc
	costly.Incidents.CostPerHour = 1000
	incidents := func(r sim.Result) (n int) {
		for _, w := range r.Weekly {
			n += w.Incidents
		}
		return n
	}
	var free, paid sim.Result
	for seed := uint64(1); seed <= 20 && incidents(free) == 0; seed++ {
		free, paid = sim.RunGame(sc, seed, 0, nil), sim.RunGame(&costly, seed, 0, nil)
	}
	if incidents(free) == 0 {
		t.Fatal("no incident on seeds 1 to 20")
	}
	if incidents(paid) != incidents(free) || paid.Summary.MarketShare != free.Summary.MarketShare {
		t.Errorf("a cost per hour changed the game: %d incidents, share %v; without it %d, %v",
			incidents(paid), paid.Summary.MarketShare, incidents(free), free.Summary.MarketShare)
	}
	if paid.Summary.Budget >= free.Summary.Budget {
		t.Errorf("with outages at $1,000 an hour the bank holds $%d, without $%d", paid.Summary.Budget, free.Summary.Budget)
	}
}

// The runway is the cash over the weekly net burn, and none when the
// company is not burning money.
func TestRunway(t *testing.T) {
	sc := defaultScenario(t)
	g := sim.NewGame(sc, 1, 0)
	for range 10 {
		c := g.WeeklyCosts()
		weeks, ok := g.Runway()
		burn := c.Total() - c.Revenue
		switch {
		case burn <= 0 && ok:
			t.Errorf("week %d: not burning ($%d in, $%d out) but a runway of %.1f weeks", g.Week(), c.Revenue, c.Total(), weeks)
		case burn > 0 && (!ok || math.Abs(weeks*float64(burn)-float64(g.Cash())) > 1):
			t.Errorf("week %d: burning $%d a week with $%d: runway %.2f weeks (ok %v)", g.Week(), burn, g.Cash(), weeks, ok)
		}
		g.AdvanceWeek()
	}
	rich := *sc
	rich.Company.RevenuePerWeek = 10 * sc.Company.RevenuePerWeek
	if weeks, ok := sim.NewGame(&rich, 1, 0).Runway(); ok {
		t.Errorf("earning more than it spends, the runway is %.1f weeks", weeks)
	}
}
