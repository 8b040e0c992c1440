package des

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The portable Log and Exp must agree with the standard library to within a
// couple of units in the last place.
func TestPortableLogExpMatchStdlib(t *testing.T) {
	s := NewStream(7, "detmath")
	closeEnough := func(got, want float64) bool {
		if got == want {
			return true
		}
		return math.Abs(got-want) <= 2*math.Abs(math.Nextafter(want, math.Inf(1))-want)
	}
	for range 200000 {
		x := s.Float64()
		for _, v := range []float64{x, 1 - x, x * 1e6, x * 1e-300, 1 + x} {
			if v <= 0 {
				continue
			}
			if got, want := Log(v), math.Log(v); !closeEnough(got, want) {
				t.Fatalf("Log(%v) = %v, want %v", v, got, want)
			}
		}
		y := (x - 0.5) * 1400
		if got, want := Exp(y), math.Exp(y); !closeEnough(got, want) {
			t.Fatalf("Exp(%v) = %v, want %v", y, got, want)
		}
	}
	for _, c := range []struct{ x, want float64 }{{1, 0}, {math.E, 1}, {0, math.Inf(-1)}} {
		if got := Log(c.x); got != c.want && !closeEnough(got, c.want) {
			t.Errorf("Log(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	if !math.IsNaN(Log(-1)) || Exp(0) != 1 || Exp(1000) != math.Inf(1) || Exp(-1000) != 0 {
		t.Error("special cases of ln/exp are wrong")
	}
}

func TestStreamsAreIndependentAndRepeatable(t *testing.T) {
	a1, a2 := NewStream(1, "stage/qa/service"), NewStream(1, "stage/qa/service")
	b := NewStream(1, "stage/dev/service")
	c := NewStream(2, "stage/qa/service")
	same, diffName, diffSeed := true, 0, 0
	for range 1000 {
		x, y := a1.Uint64(), a2.Uint64()
		if x != y {
			same = false
		}
		if x == b.Uint64() {
			diffName++
		}
		if x == c.Uint64() {
			diffSeed++
		}
	}
	if !same || diffName > 0 || diffSeed > 0 {
		t.Fatalf("streams: repeatable=%v, collisions with another name %d, another seed %d", same, diffName, diffSeed)
	}
}

// The bit-level frexp and ldexp give exactly the standard library's bits.
func TestFrexpLdexpExact(t *testing.T) {
	s := NewStream(11, "frexp")
	for range 200000 {
		x := math.Float64frombits(s.Uint64() &^ (1 << 63)) // any non-negative bits, NaN and Inf included
		f, e := frexp(x)
		wf, we := math.Frexp(x)
		if math.Float64bits(f) != math.Float64bits(wf) || e != we {
			t.Fatalf("frexp(%v) = %v, %d; want %v, %d", x, f, e, wf, we)
		}
		y := 0.5 + 1.5*s.Float64()
		k := s.IntN(2200) - 1100
		if got, want := ldexp(y, k), math.Ldexp(y, k); math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("ldexp(%v, %d) = %v, want %v", y, k, got, want)
		}
	}
	for _, x := range []float64{0, 5e-324, 2.2250738585072014e-308, math.MaxFloat64, 1, 0.5} {
		f, e := frexp(x)
		if wf, we := math.Frexp(x); f != wf || e != we {
			t.Errorf("frexp(%v) = %v, %d; want %v, %d", x, f, e, wf, we)
		}
	}
}

// A stream's generator is math/rand/v2's PCG, step for step: the same
// seeds give the same values, so the draws did not change when the
// generator was written out in this package.
func TestStreamIsRandPCG(t *testing.T) {
	for _, seed := range []uint64{0, 1, 2, 42, 1 << 63, ^uint64(0)} {
		for _, name := range []string{"", "stage/dev/service", "work/feature/arrivals"} {
			s := NewStream(seed, name)
			h := fnv64a(name)
			ref := rand.NewPCG(splitmix64(seed^splitmix64(h)), splitmix64(h+0x9e3779b97f4a7c15))
			for i := range 10000 {
				if got, want := s.Uint64(), ref.Uint64(); got != want {
					t.Fatalf("seed %d, %q, draw %d: %#x, rand.PCG gives %#x", seed, name, i, got, want)
				}
			}
		}
	}
}
