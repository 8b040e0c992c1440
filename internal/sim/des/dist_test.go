package des

import (
	"math"
	"slices"
	"sort"
	"testing"
)

// Sample means and variances of every distribution match their theory.
func TestDistributionMoments(t *testing.T) {
	cases := []struct {
		d        Dist
		mean, sd float64
	}{
		{Fixed(5), 5, 0},
		{UniformDist(2, 8), 5, 6 / math.Sqrt(12)},
		{TriangularDist(1, 2, 6), 3, math.Sqrt((1 + 4 + 36 - 2 - 6 - 12) / 18.0)},
		{ExpDist(4), 4, 4},
		{LognormalDist(10, 5), 10, 5},
		{LognormalDist(3, 0), 3, 0},
	}
	for _, c := range cases {
		s := NewStream(3, "moments/"+c.d.Kind.String())
		const n = 400000
		var sum, sq float64
		for range n {
			x := c.d.Sample(s)
			if x < 0 {
				t.Fatalf("%v sampled a negative value %v", c.d.Kind, x)
			}
			sum += x
			sq += x * x
		}
		mean := sum / n
		sd := math.Sqrt(sq/n - mean*mean)
		if math.Abs(mean-c.mean) > 0.01*c.mean+1e-9 {
			t.Errorf("%v: mean %.4f, want %.4f", c.d.Kind, mean, c.mean)
		}
		if math.Abs(sd-c.sd) > 0.02*c.sd+1e-6 {
			t.Errorf("%v: sd %.4f, want %.4f", c.d.Kind, sd, c.sd)
		}
		if got := c.d.Mean(); math.Abs(got-c.mean) > 1e-12 {
			t.Errorf("%v: Mean() = %v, want %v", c.d.Kind, got, c.mean)
		}
	}
}

// The exponential sampler (a ziggurat) must have the exponential's shape,
// tail included: a Kolmogorov-Smirnov test at the 1% level.
func TestExponentialShape(t *testing.T) {
	s := NewStream(11, "ks")
	const n = 200000
	x := make([]float64, n)
	for i := range x {
		x[i] = expUnit(s)
	}
	slices.Sort(x)
	var d float64
	for i, v := range x {
		f := 1 - math.Exp(-v)
		d = max(d, math.Abs(f-float64(i)/n), math.Abs(f-float64(i+1)/n))
	}
	if crit := 1.63 / math.Sqrt(n); d > crit {
		t.Fatalf("KS distance %.5f > %.5f", d, crit)
	}
	// The tail beyond the ziggurat's last layer is reached, at the right rate.
	tail := n - sort.SearchFloat64s(x, zigR)
	if want := n * math.Exp(-zigR); math.Abs(float64(tail)-want) > 4*math.Sqrt(want)+1 {
		t.Fatalf("%d draws beyond %.2f, want about %.0f", tail, zigR, want)
	}
}

// Draws gives the values of Sample, in the same order, for every kind of
// distribution.
func TestDrawsAreSampleInOrder(t *testing.T) {
	for _, d := range []Dist{Fixed(3), UniformDist(1, 5), TriangularDist(1, 2, 6), ExpDist(60),
		LognormalDist(1440, 960), LognormalDist(480, 0), LognormalDist(5, 50)} {
		r := NewDraws(d, 9, "stage/dev/service")
		s := NewStream(9, "stage/dev/service")
		for i := range 10*drawBatch + 3 {
			if got, want := r.Next(), d.Sample(s); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("%v: draw %d is %v, Sample gives %v", d.Kind, i, got, want)
			}
		}
	}
}
