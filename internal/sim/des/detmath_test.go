package des

import (
	"encoding/binary"
	"hash/fnv"
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

// Log and Exp give the same bits as ever, which every saved game and
// golden was made with: the hash of their results on a fixed set of inputs
// (any bits at all, and densely where the model draws) was taken before
// their fast paths were written, and must never change.
func TestLogExpSameBitsAsEver(t *testing.T) {
	const want = 0x4c2344c2bce3af56
	h := fnv.New64a()
	put := func(x float64) {
		var b [16]byte
		binary.LittleEndian.PutUint64(b[:8], math.Float64bits(Log(x)))
		binary.LittleEndian.PutUint64(b[8:], math.Float64bits(Exp(x)))
		h.Write(b[:])
	}
	for _, x := range []float64{0, math.Copysign(0, -1), 5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
		math.MaxFloat64, -math.MaxFloat64, 1, -1, 0.5, math.Sqrt2, math.Sqrt2 / 2, math.Nextafter(math.Sqrt2/2, 0),
		math.Nextafter(math.Sqrt2/2, 1), math.Inf(1), math.Inf(-1), math.NaN(),
		7.09782712893383973096e+02, math.Nextafter(7.09782712893383973096e+02, 0), -7.45133219101941108420e+02,
		math.Nextafter(-7.45133219101941108420e+02, 0), 1.0 / (1 << 28), -1.0 / (1 << 28),
		math.Nextafter(1.0/(1<<28), 1), math.Nextafter(-1.0/(1<<28), -1),
		-708.4, -708.39, -709, -710, -720, -740, -745} { // the last: results below the normal numbers
		put(x)
	}
	s := NewStream(13, "same bits")
	for range 1000000 {
		put(math.Float64frombits(s.Uint64())) // any bits, NaN and Inf included
		put(s.Float64())                      // the polar method's q
		put(float64(20*s.Float64()) - 10)     // a lognormal's exponent (rounded: no fused multiply-add)
	}
	if got := h.Sum64(); got != want {
		t.Fatalf("Log and Exp on the fixed inputs hash to %#x, not %#x: a result changed", got, want)
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
