package sim

import (
	"slices"
	"testing"

	"github.com/globomantics/globosim/internal/sim/des"
)

func TestSelectPercentileMatchesSorting(t *testing.T) {
	s := des.NewStream(5, "select")
	for n := 0; n < 300; n++ {
		v := make([]Time, n)
		for i := range v {
			v[i] = Time(s.IntN(20)) // many ties
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
