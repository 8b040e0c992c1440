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

// TestSummariseMatchesSorting: the percentiles summarise selects one inside
// another are those of the sorted times, and the log keeps its order.
func TestSummariseMatchesSorting(t *testing.T) {
	s := des.NewStream(6, "summarise")
	var scratch []Time
	for n := 0; n < 600; n += 7 {
		var log timeLog
		for i := range n {
			switch n % 3 {
			case 0:
				log.add(Time(s.IntN(20))) // many ties
			case 1:
				log.add(Time(s.Uint64() >> 12))
			default:
				log.add(Time(n - i)) // descending
			}
		}
		before := log.appendFrom(nil, 0)
		sorted := slices.Clone(before)
		slices.Sort(sorted)
		got, count := summarise(&log, &scratch)
		want := LeadTime{
			P50: round3(percentile(sorted, 50).Hours()),
			P85: round3(percentile(sorted, 85).Hours()),
			P95: round3(percentile(sorted, 95).Hours()),
		}
		if n > 0 {
			var sum int64
			for _, v := range sorted {
				sum += int64(v)
			}
			want.Mean = round3(float64(sum) / float64(n) / float64(Hour))
		}
		if got != want || count != n {
			t.Fatalf("n=%d: summarise %+v (%d), sorting %+v", n, got, count, want)
		}
		if !slices.Equal(log.appendFrom(nil, 0), before) {
			t.Fatalf("n=%d: summarise reordered the log", n)
		}
	}
}

// TestSelectRanksMatchesSorting: several ranks at once, over values of
// either sign and of any span, counted into buckets or not.
func TestSelectRanksMatchesSorting(t *testing.T) {
	s := des.NewStream(7, "ranks")
	for _, n := range []int{1, 2, 31, 32, 33, 63, 64, 65, 200, 257, 1000, 5000, 40000} {
		for pattern := range 4 {
			v := make([]Time, n)
			for i := range v {
				switch pattern {
				case 0:
					v[i] = Time(s.IntN(3)) - 1 // ties around zero
				case 1:
					v[i] = Time(s.Uint64()) // the whole range of int64
				case 2:
					v[i] = Time(s.Uint64()>>40) - 1<<23 // either sign
				default:
					v[i] = 7 // all alike
				}
			}
			sorted := slices.Clone(v)
			slices.Sort(sorted)
			ks := []int{0, rankIndex(n, 50), rankIndex(n, 85), rankIndex(n, 95), n - 1}
			got := make([]Time, len(ks))
			selectRanks(v, ks, got)
			for j, k := range ks {
				if got[j] != sorted[k] {
					t.Fatalf("n=%d pattern %d rank %d: select %d, sort %d", n, pattern, k, got[j], sorted[k])
				}
			}
		}
	}
}
