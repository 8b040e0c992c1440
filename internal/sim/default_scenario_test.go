package sim_test

import (
	"math"
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

// BenchmarkGameNoPlan plays the default 52-week game with no decisions.
func BenchmarkGameNoPlan(b *testing.B) {
	sc := defaultScenario(b)
	b.ReportAllocs()
	for i := range b.N {
		sim.RunGame(sc, uint64(i+1), 0, nil)
	}
}
