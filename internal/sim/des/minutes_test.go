package des

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Minutes rounds as math.Round does, on the halves, next to them, at the
// edges of float64's precision and on a million durations of every size.
func TestMinutesIsRound(t *testing.T) {
	round := func(x float64) Time {
		if !(x > 0) {
			return 0
		}
		if x > math.MaxInt64/4 {
			return math.MaxInt64 / 4
		}
		return Time(math.Round(x))
	}
	xs := []float64{0, -1, math.NaN(), math.Inf(1), math.Inf(-1), math.SmallestNonzeroFloat64,
		0.49999999999999994, 0.5, 1.5, 2.5, 1<<52 - 0.5, 1 << 52, 1<<52 + 1, 1 << 53, 1<<53 + 2,
		math.MaxInt64 / 4, math.Nextafter(math.MaxInt64/4, 0), math.Nextafter(math.MaxInt64/4, math.Inf(1))}
	for n := 0.0; n < 1000; n++ {
		xs = append(xs, n, n+0.5, math.Nextafter(n+0.5, 0), math.Nextafter(n+0.5, 2000))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 1000000 {
		xs = append(xs, math.Ldexp(r.Float64(), r.IntN(70)-5))
	}
	for _, x := range xs {
		if got, want := Minutes(x), round(x); got != want {
			t.Fatalf("Minutes(%v) = %d, math.Round gives %d", x, got, want)
		}
	}
}

func BenchmarkMinutes(b *testing.B) {
	xs := make([]float64, 1024)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range xs {
		xs[i] = r.ExpFloat64() * 600
	}
	var sum Time
	for i := 0; b.Loop(); i++ {
		sum += Minutes(xs[i&1023])
	}
	if sum == 0 {
		b.Fatal("no minutes")
	}
}
