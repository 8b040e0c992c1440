package sim

import (
	"math"
	"strconv"
	"testing"

	"github.com/globomantics/globosim/internal/sim/des"
)

// These tests check the engine against queueing theory. Each runs several
// independent replications (seeds) of a long horizon and compares the mean
// over replications with the formula. Tolerances are about four standard
// errors of that mean, measured from the spread over 20 seeds (for example
// M/M/1 at ρ=0.8: 1.0% for the time in system, 1.2% for the wait), so a
// test fails on a real bias, not on noise. The seeds are fixed, so the
// tests are also repeatable.

// perHour turns a rate per hour into a mean time between events in minutes.
func perHour(rate float64) float64 { return 60 / rate }

// replicate runs sc for the given hours with seeds 1..n and returns the mean
// lead time (hours), mean queue wait at stage 0 (hours), and mean WIP.
func replicate(t *testing.T, sc *Scenario, hours, n int) (lead, wait, wip float64) {
	t.Helper()
	for seed := 1; seed <= n; seed++ {
		s := New(sc, uint64(seed))
		if err := s.RunUntil(Time(hours) * Hour); err != nil {
			t.Fatal(err)
		}
		r := s.Result()
		lead += r.Summary.LeadTime.Mean
		wait += r.Stages[0].WaitHoursMean
		wip += r.Summary.WIPMean
	}
	return lead / float64(n), wait / float64(n), wip / float64(n)
}

func oneStage(lambda, mu float64, servers int) *Scenario {
	return &Scenario{
		Name: "one stage", HoursPerWeek: 40,
		Work:   []WorkType{{ID: "job", Arrival: des.ExpDist(perHour(lambda)), Size: des.Fixed(1), Route: []int{0}}},
		Stages: []Stage{{ID: "server", Capacity: servers, Service: des.ExpDist(perHour(mu))}},
	}
}

func within(t *testing.T, what string, got, want, relTol float64) {
	t.Helper()
	if math.Abs(got-want) > relTol*want {
		t.Errorf("%s = %.4f, theory %.4f (off by %.2f%%, tolerance %.1f%%)",
			what, got, want, 100*math.Abs(got-want)/want, 100*relTol)
	} else {
		t.Logf("%s = %.4f, theory %.4f", what, got, want)
	}
}

func TestMM1(t *testing.T) {
	for _, c := range []struct{ lambda, mu, tol float64 }{
		{0.5, 1, 0.02},
		{0.8, 1, 0.05},
	} {
		lead, wait, wip := replicate(t, oneStage(c.lambda, c.mu, 1), 200000, 6)
		rho := c.lambda / c.mu
		within(t, "M/M/1 ρ="+ftoa(rho)+" mean time in system", lead, 1/(c.mu-c.lambda), c.tol)
		within(t, "M/M/1 ρ="+ftoa(rho)+" mean wait", wait, rho/(c.mu-c.lambda), c.tol)
		within(t, "M/M/1 ρ="+ftoa(rho)+" mean number in system", wip, rho/(1-rho), c.tol)
	}
}

// erlangC returns the probability that an arrival waits in an M/M/c queue.
func erlangC(lambda, mu float64, c int) float64 {
	a := lambda / mu
	rho := a / float64(c)
	term, sum := 1.0, 0.0
	for k := 0; k < c; k++ {
		sum += term
		term *= a / float64(k+1)
	} // term is now a^c / c!
	top := term / (1 - rho)
	return top / (sum + top)
}

func TestMMcErlangC(t *testing.T) {
	for _, c := range []struct {
		lambda, mu float64
		servers    int
	}{
		{2.4, 1, 3},
		{3.5, 1, 4},
	} {
		pw := erlangC(c.lambda, c.mu, c.servers)
		wq := pw / (float64(c.servers)*c.mu - c.lambda)
		lead, wait, _ := replicate(t, oneStage(c.lambda, c.mu, c.servers), 100000, 6)
		within(t, "M/M/"+itoa(c.servers)+" mean wait (Erlang C)", wait, wq, 0.05)
		within(t, "M/M/"+itoa(c.servers)+" mean time in system", lead, wq+1/c.mu, 0.03)
	}
}

// With unlimited capacity nobody waits: M/M/∞.
func TestUnlimitedCapacityNeverQueues(t *testing.T) {
	sc := oneStage(3, 0.5, Unlimited)
	lead, wait, wip := replicate(t, sc, 50000, 3)
	if wait != 0 {
		t.Errorf("wait at an unlimited stage = %v, want 0", wait)
	}
	within(t, "M/M/∞ mean time in system", lead, 2, 0.02)
	within(t, "M/M/∞ mean number in system", wip, 6, 0.02)
}

// Two stages in series with rework form an open Jackson network: stage A
// sends an item back to itself with probability q, stage B back to A with
// probability p. The traffic equations give each stage's arrival rate; each
// stage then behaves as an M/M/1 queue, and the mean sojourn is (LA+LB)/λ.
func TestJacksonNetworkWithRework(t *testing.T) {
	const lambda, muA, muB, q, p = 0.4, 1.2, 1.0, 0.1, 0.25
	sc := &Scenario{
		Name: "jackson", HoursPerWeek: 40,
		Work: []WorkType{{ID: "job", Arrival: des.ExpDist(perHour(lambda)), Size: des.Fixed(1), Route: []int{0, 1}}},
		Stages: []Stage{
			{ID: "a", Capacity: 1, Service: des.ExpDist(perHour(muA)), ReworkProb: q, ReworkTo: 0},
			{ID: "b", Capacity: 1, Service: des.ExpDist(perHour(muB)), ReworkProb: p, ReworkTo: 0},
		},
	}
	lamB := lambda / (1 - p)
	lamA := lamB / (1 - q)
	rhoA, rhoB := lamA/muA, lamB/muB
	want := (rhoA/(1-rhoA) + rhoB/(1-rhoB)) / lambda
	lead, _, _ := replicate(t, sc, 200000, 6)
	within(t, "Jackson network mean sojourn", lead, want, 0.03)

	// The visit counts follow the traffic equations too.
	s := New(sc, 1)
	s.RunUntil(200000 * Hour)
	r := s.Result()
	perItem := func(i int) float64 { return float64(r.Stages[i].Completed) / float64(r.Summary.Arrived) }
	within(t, "visits to A per item", perItem(0), lamA/lambda, 0.01)
	within(t, "visits to B per item", perItem(1), lamB/lambda, 0.01)
	within(t, "utilisation of A", r.Stages[0].Utilization, rhoA, 0.01)
}

// Items are conserved at every week, time never runs backwards, and every
// utilisation stays within [0, 1], with batching, rework and outside load.
func TestInvariants(t *testing.T) {
	sc := &Scenario{
		Name: "invariants", HoursPerWeek: 40,
		Work: []WorkType{
			{ID: "big", Arrival: des.ExpDist(300), Size: des.LognormalDist(1, 0.6), Route: []int{0, 1, 2, 3}},
			{ID: "small", Arrival: des.ExpDist(200), Size: des.Fixed(0.3), Route: []int{0, 2, 3}},
		},
		Stages: []Stage{
			{ID: "dev", Capacity: 3, Service: des.LognormalDist(600, 400)},
			{ID: "net", Capacity: 1, Service: des.TriangularDist(30, 60, 240), HasBackground: true, Background: des.ExpDist(150)},
			{ID: "qa", Capacity: 2, Service: des.UniformDist(60, 300), ReworkProb: 0.2, ReworkTo: 0},
			{ID: "release", Capacity: Unlimited, Service: des.Fixed(0), BatchEvery: 2 * 2400},
		},
	}
	s := New(sc, 42)
	for w := 1; w <= 104; w++ {
		before := s.Now()
		s.AdvanceWeek()
		if s.Now() < before {
			t.Fatalf("week %d: time went from %d back to %d", w, before, s.Now())
		}
		r := s.Result()
		wk := r.Weekly[len(r.Weekly)-1]
		if r.Summary.Arrived != r.Summary.Completed+r.Summary.WIPEnd {
			t.Fatalf("week %d: arrived %d != completed %d + in system %d", w, r.Summary.Arrived, r.Summary.Completed, r.Summary.WIPEnd)
		}
		if wk.WIP != r.Summary.WIPEnd {
			t.Fatalf("week %d: weekly WIP %d, summary %d", w, wk.WIP, r.Summary.WIPEnd)
		}
		for _, st := range r.Stages {
			if st.Utilization < 0 || st.Utilization > 1 {
				t.Fatalf("week %d: stage %s utilisation %v", w, st.ID, st.Utilization)
			}
		}
	}
	// The release train makes completions lumpy: only every other week.
	r := s.Result()
	for _, wk := range r.Weekly {
		if wk.Week%2 == 1 && wk.Completed != 0 {
			t.Fatalf("week %d completed %d items between release trains", wk.Week, wk.Completed)
		}
	}
	if r.Stages[1].Utilization < 0.3 {
		t.Errorf("outside load should keep the network stage busy; utilisation %v", r.Stages[1].Utilization)
	}
}

func ftoa(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

func itoa(i int) string { return strconv.Itoa(i) }
