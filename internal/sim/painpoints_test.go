package sim_test

import (
	"slices"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

func plan(t *testing.T, sc *sim.Scenario, name string) *sim.Plan {
	t.Helper()
	p, err := scenario.ResolvePlan(name, sc)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Every player with the same seed gets the same world: the arrivals and the
// events are identical between doing nothing and the devops plan.
func TestSameWorldWhateverTheDecisions(t *testing.T) {
	sc := defaultScenario(t)
	for _, seed := range []uint64{1, 7} {
		none := sim.NewGame(sc, seed, 0)
		none.Play(plan(t, sc, "globomantics-none"))
		devops := sim.NewGame(sc, seed, 0)
		devops.Play(plan(t, sc, "globomantics-devops"))
		// Doing nothing ends the game early (customers leave), so compare
		// the weeks both games played.
		end := sim.Time(min(none.Week(), devops.Week())) * sc.Week()
		upTo := func(as []sim.Arrival) []sim.Arrival {
			i := slices.IndexFunc(as, func(a sim.Arrival) bool { return a.At > end })
			if i < 0 {
				return as
			}
			return as[:i]
		}
		a, b := upTo(none.Arrivals()), upTo(devops.Arrivals())
		if len(a) < 200 || !slices.Equal(a, b) {
			t.Fatalf("seed %d: arrivals differ (%d and %d over %d weeks)", seed, len(a), len(b), end/sc.Week())
		}
		// The same events fire in the same weeks; the answers may differ
		// (the devops plan answers some).
		evA, evB := none.Events(), devops.Events()
		for i := range min(len(evA), len(evB)) {
			if a, b := evA[i], evB[i]; a.Week != b.Week || a.ID != b.ID || a.Text != b.Text {
				t.Fatalf("seed %d: event %d differs: %+v vs %+v", seed, i, evA[i], evB[i])
			}
		}
		if len(evA) == 0 {
			t.Fatalf("seed %d: no events", seed)
		}
	}
}

// Each pain point of the default scenario is fixed by its investment, and
// the effect shows on the queue it targets: playing the same seeds with and
// without it, the measure falls in the weeks after the investment is built
// (weeks 20 to 30; while it is built, things may well be worse), with
// every team giving half its time to improvement work.
func TestEachPainPointIsFixedByItsInvestment(t *testing.T) {
	// The flow is measured, not the market: no game may end before week
	// 30 because customers left.
	open := *defaultScenario(t)
	open.Company.ShareFloor = 0
	sc := &open
	const from, to, seeds = 20, 30, 6
	invest := func(ids ...string) []string { return ids }
	// queue is the mean number of items waiting at a stage over weeks
	// from..to.
	queue := func(id string) func(g *sim.Game) float64 {
		var before sim.StageResult
		read := func(g *sim.Game) sim.StageResult {
			for _, st := range g.Sim().Result().Stages {
				if st.ID == id {
					return st
				}
			}
			t.Fatalf("no stage %q", id)
			return sim.StageResult{}
		}
		return func(g *sim.Game) float64 {
			if g.Week() == from {
				before = read(g)
				return 0
			}
			after := read(g)
			// Time-averaged queue over the period, from the two averages.
			return (after.QueueMean*to - before.QueueMean*from) / (to - from)
		}
	}
	for _, c := range []struct {
		pain    string
		buy     []string // in order, each as soon as it can be bought
		measure func(g *sim.Game) float64
		drop    float64 // at least this share of the measure goes away
	}{
		{"manual builds: waiting for the build engineer", invest("ci"), queue("build"), 0.8},
		{"infrastructure tickets: waiting for an environment", invest("iac", "selfservice"), queue("env"), 0.7},
		{"ticket-defined networking", invest("netauto"), queue("network"), 0.6},
		{"spotty test automation: QA's inbox", invest("ci", "tests1", "tests2"), queue("qa"), 0.5},
		{"lumpy flow: weeks that deliver nothing", invest("ci", "tests1", "iac", "tests2", "cd"), func(g *sim.Game) float64 {
			empty := 0
			for _, w := range g.Sim().Result().Weekly[from-1:] {
				if w.Completed == 0 {
					empty++
				}
			}
			return float64(empty)
		}, 0.75}, // continuous delivery is ready in week 21: weeks 20-21 still wait for the train
		{"restores take weeks", invest("monitoring"), func(g *sim.Game) float64 { return g.DORA().TimeToRestore.Value }, 0.8},
		{"over-provisioned infrastructure", invest("iac"), func(g *sim.Game) float64 { return float64(g.Costs().Infrastructure) }, 0.3},
	} {
		var before, after float64
		for seed := uint64(1); seed <= seeds; seed++ {
			for i, buy := range [][]string{nil, c.buy} {
				g := sim.NewGame(sc, seed, to)
				// Every team gives half its time to improvement work, so
				// that even a two-person team builds its tool by week 20.
				for _, team := range g.Improvement() {
					if err := g.Apply(sim.Decision{Kind: sim.SetImprovement, Stage: team.ID, Share: sim.MaxImprovementShare}); err != nil {
						t.Fatal(err)
					}
				}
				var m float64
				for w := 1; w <= to; w++ {
					for len(buy) > 0 && g.Apply(sim.Decision{Kind: sim.Invest, Investment: buy[0]}) == nil {
						buy = buy[1:]
					}
					g.AdvanceWeek()
					if w == from || w == to {
						m = c.measure(g)
					}
				}
				if len(buy) > 0 {
					t.Fatalf("%s: could not buy %v by week %d", c.pain, buy, to)
				}
				if i == 0 {
					before += m
				} else {
					after += m
				}
			}
		}
		if after > (1-c.drop)*before {
			t.Errorf("%s: %.2f → %.2f, want a drop of at least %.0f%%", c.pain, before/seeds, after/seeds, 100*c.drop)
		} else {
			t.Logf("%s: %.2f → %.2f", c.pain, before/seeds, after/seeds)
		}
	}
}
