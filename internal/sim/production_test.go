package sim

import (
	"math"
	"testing"
)

// A release is as risky as all its changes together, each in proportion to
// its size: a bigger batch fails more often, and a feature cut into n
// slices of 1/n carries about the risk of the whole.
func TestReleaseRiskGrowsWithBatchSize(t *testing.T) {
	g := NewGame(gameScenario(), 1, 0)
	p := g.ChangeRisk()
	if p <= 0 {
		t.Fatalf("change risk %v", p)
	}
	ones := func(n int, size float64) []float64 {
		s := make([]float64, n)
		for i := range s {
			s[i] = size
		}
		return s
	}
	prev := 0.0
	for _, n := range []int{1, 2, 5, 10, 20, 50} {
		r := g.ReleaseRisk(ones(n, 1))
		if want := 1 - math.Pow(1-p, float64(n)); math.Abs(r-want) > 1e-12 {
			t.Errorf("%d changes: risk %v, want 1-(1-%v)^%d = %v", n, r, p, n, want)
		}
		if r <= prev {
			t.Errorf("a release of %d changes (risk %v) is no riskier than a smaller one (%v)", n, r, prev)
		}
		prev = r
	}
	whole, sliced := g.ReleaseRisk([]float64{1}), g.ReleaseRisk(ones(10, 0.1))
	if sliced > whole || sliced < 0.95*whole {
		t.Errorf("ten slices of a tenth risk %v, the whole feature %v: want about the same", sliced, whole)
	}
	if half := g.ReleaseRisk([]float64{0.5}); math.Abs(half-p/2) > 1e-12 {
		t.Errorf("a change of half the usual size risks %v, want %v", half, p/2)
	}
	if huge, capped := g.ReleaseRisk([]float64{100}), g.ReleaseRisk([]float64{MaxRiskSize}); huge != capped {
		t.Errorf("a change 100 times the usual risks %v, want the cap's %v", huge, capped)
	}
	if r := releaseOK(0.5, []float64{MaxRiskSize}); r != 0 {
		t.Errorf("a chance above one is not capped: ok %v", r)
	}
}

// In a game, deployments with more changes fail more often: a monthly
// release train fails far more of its deployments than releasing each
// change on its own.
func TestBigReleasesFailMoreOften(t *testing.T) {
	rate := func(batch Time) (float64, int) {
		deploys, failed := 0, 0
		for seed := uint64(1); seed <= 20; seed++ {
			sc := gameScenario()
			sc.Stages[3].BatchEvery = batch
			g := NewGame(sc, seed, 0)
			g.dora.keepAll = true
			g.Play(nil)
			for _, d := range g.dora.deploys {
				deploys++
				if d.Failed {
					failed++
				}
			}
		}
		return float64(failed) / float64(deploys), deploys
	}
	train, nTrain := rate(4 * 40 * 60)
	each, nEach := rate(0)
	t.Logf("change failure rate: %.3f over %d monthly releases, %.3f over %d deployments of one change", train, nTrain, each, nEach)
	if train < 3*each {
		t.Errorf("monthly releases fail %.3f of the time, single changes %.3f: want the big batch far riskier", train, each)
	}
}

// The time to first value and the feature's lead time are counted from the
// feature's arrival; a feature built whole has both equal to its lead time.
func TestFeatureTimes(t *testing.T) {
	sc := gameScenario()
	sc.Stages[3].BatchEvery = 0 // release on demand
	sc.Production.Release = -1
	whole := NewGame(sc, 3, 0)
	whole.Play(nil)
	f := whole.Features()
	if f.Delivered == 0 || f.FirstValue != f.Delivered || f.TimeToFirstValue != f.LeadTime {
		t.Fatalf("features built whole: %+v; want both times the same", f)
	}

	g := NewGame(sc, 3, 0)
	g.slicingEnabled = true
	if err := g.Apply(Decision{Kind: SetSlicing, N: 3}); err != nil {
		t.Fatal(err)
	}
	g.Play(nil)
	f = g.Features()
	t.Logf("sliced into 3: %+v; whole: %+v", f, whole.Features())
	if f.Delivered == 0 || f.Delivered > f.FirstValue {
		t.Fatalf("%d features delivered, %d with first value", f.Delivered, f.FirstValue)
	}
	if f.TimeToFirstValue.Mean >= f.LeadTime.Mean || f.TimeToFirstValue.P50 > f.LeadTime.P50 {
		t.Errorf("first value (%+v) comes no sooner than the whole feature (%+v)", f.TimeToFirstValue, f.LeadTime)
	}
	if s := g.Result().Summary; s.Features != f {
		t.Errorf("the summary's features %+v, the game's %+v", s.Features, f)
	}
}

// A failed big release takes longer to restore (the bad change must be
// found among many), so frequent small releases cost fewer hours of outage
// per change delivered, although they open more incidents.
func TestSmallReleasesCostLessOutagePerChange(t *testing.T) {
	if f := restoreFactor(0.5, 8); f != 2.5 {
		t.Errorf("restore factor of 8 changes at 0.5 = %v, want 2.5", f)
	}
	if f := restoreFactor(0.5, 1); f != 1 {
		t.Errorf("restore factor of one change = %v, want 1", f)
	}
	perChange := func(batch Time) float64 {
		var hours float64
		changes := 0
		for seed := uint64(1); seed <= 20; seed++ {
			sc := gameScenario()
			sc.Stages[3].BatchEvery = batch
			sc.Incidents.RestoreGrowth = 0.5
			g := NewGame(sc, seed, 0)
			g.dora.keepAll = true
			g.Play(nil)
			for _, in := range g.dora.incidents {
				end := in.Restored
				if end < 0 {
					end = g.Now()
				}
				hours += (end - in.Opened).Hours()
			}
			for _, d := range g.dora.deploys {
				changes += d.Changes
			}
		}
		return hours / float64(changes)
	}
	train, each := perChange(4*40*60), perChange(0)
	t.Logf("outage hours per change delivered: %.3f with monthly releases, %.3f deploying each change", train, each)
	if each >= train {
		t.Errorf("deploying each change costs %.3f outage hours per change, monthly releases %.3f: want small releases cheaper", each, train)
	}
}
