package sim

import (
	"slices"
	"testing"

	"github.com/globomantics/globosim/internal/sim/des"
)

func TestSelectPercentileMatchesSorting(t *testing.T) {
	s := des.NewStream(5, "select")
	for n := 0; n < 600; n++ {
		v := make([]Time, n)
		for i := range v {
			switch n % 3 {
			case 0:
				v[i] = Time(s.IntN(20)) // many ties
			case 1:
				v[i] = Time(s.Uint64() >> 2) // up to 2^62
			default:
				v[i] = Time(n - i) // descending
			}
		}
		sorted := append([]Time(nil), v...)
		slices.Sort(sorted)
		for _, p := range []int{1, 50, 85, 95, 100} {
			w := append([]Time(nil), v...)
			if got, want := selectPercentile(w, p), percentile(sorted, p); got != want {
				t.Fatalf("n=%d p%d: select %d, sort %d", n, p, got, want)
			}
		}
	}
}

// BenchmarkSelectPercentile: the median of a week's lead times on the
// M/M/3 (about 400, spread like an exponential).
func BenchmarkSelectPercentile(b *testing.B) {
	d := des.ExpDist(150)
	s := des.NewStream(1, "bench")
	v := make([]Time, 400)
	w := make([]Time, len(v))
	for i := range v {
		v[i] = des.Minutes(d.Sample(s))
	}
	for range b.N {
		copy(w, v)
		selectPercentile(w, 50)
	}
}
