package des

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"math/big"
	"testing"
)

// ulpsApart is how many float64 values lie between a and b (both finite
// and of one sign).
func ulpsApart(a, b float64) uint64 {
	x, y := math.Float64bits(a), math.Float64bits(b)
	if x > y {
		return x - y
	}
	return y - x
}

// expFast is within one unit in the last place of math.Exp, on millions
// of arguments over the lognormal's range (an exponent mu + sigma*z) and
// over all of its own.
func TestExpFastMatchesStdlib(t *testing.T) {
	s := NewStream(23, "expfast")
	worst, differ, stdlibOff := uint64(0), 0, 0
	const n = 3000000
	for i := range n {
		x := float64(60*s.Float64()) - 20 // a lognormal's exponent
		switch i % 3 {
		case 1:
			x = float64(1024*s.Float64()) - 512
		case 2:
			x = float64(s.Float64()-0.5) * 1e-6 // near zero
		}
		got, want := expFast(x), math.Exp(x)
		d := ulpsApart(got, want)
		if d > 1 {
			// math.Exp (assembly on amd64) is itself off by up to 2 ulps
			// now and then: allowed only where the exact value shows the
			// error is math.Exp's.
			exact := bigExp(x)
			if ulpsApart(got, exact) > 1 || ulpsApart(want, exact) < 2 {
				t.Fatalf("expFast(%v) = %v, math.Exp gives %v: %d ulps apart (exact %v)", x, got, want, d, exact)
			}
			stdlibOff++
			continue
		}
		worst = max(worst, d)
		if d != 0 {
			differ++
		}
	}
	t.Logf("%d of %d differ from math.Exp by at most %d ulp, %d more where math.Exp is 2 ulps off", differ, n, worst, stdlibOff)
	for _, x := range []float64{0, math.Copysign(0, -1), 1, -1, 512, -512, 600, -800, 1000, math.Inf(1), math.Inf(-1)} {
		if got, want := expFast(x), math.Exp(x); ulpsApart(got, want) > 1 {
			t.Errorf("expFast(%v) = %v, want %v", x, got, want)
		}
	}
	if !math.IsNaN(expFast(math.NaN())) || expFast(0) != 1 {
		t.Error("expFast's special cases are wrong")
	}
}

// expFast is the correctly rounded e^x nearly always, and never more than
// a unit in the last place from it, over a lognormal's exponents.
func TestExpFastNearlyCorrectlyRounded(t *testing.T) {
	s := NewStream(31, "expfast exact")
	const n = 50000
	off := 0
	for range n {
		x := float64(60*s.Float64()) - 20
		got, exact := expFast(x), bigExp(x)
		switch d := ulpsApart(got, exact); {
		case d > 1:
			t.Fatalf("expFast(%v) = %v, exactly %v: %d ulps off", x, got, exact, d)
		case d == 1:
			off++
		}
	}
	if off > n/200 {
		t.Errorf("%d of %d not correctly rounded, want at most 0.5%%", off, n)
	}
}

// bigExp is e^x rounded to the nearest float64: a Taylor series at 300 bits
// for x/2^20, then squared 20 times.
func bigExp(x float64) float64 {
	const prec = 300
	y := new(big.Float).SetPrec(prec).SetFloat64(x)
	y.SetMantExp(y, -20)
	sum := new(big.Float).SetPrec(prec).SetInt64(1)
	term := new(big.Float).SetPrec(prec).SetInt64(1)
	for n := int64(1); n < 30; n++ {
		term.Mul(term, y)
		term.Quo(term, new(big.Float).SetInt64(n))
		sum.Add(sum, term)
	}
	for range 20 {
		sum.Mul(sum, sum)
	}
	f, _ := sum.Float64()
	return f
}

// expFast's table and results are the same bits as when they were made:
// the table is built in exact arithmetic and the rest rounded explicitly,
// so every machine gets these bits, and this hash would show one that
// does not.
func TestExpFastSameBitsAsEver(t *testing.T) {
	const want = 0x320404eeb5c90638
	h := fnv.New64a()
	var b [8]byte
	put := func(x uint64) {
		binary.LittleEndian.PutUint64(b[:], x)
		h.Write(b[:])
	}
	for _, e := range expFastTable {
		put(math.Float64bits(e.tail))
		put(e.sbits)
	}
	s := NewStream(29, "same bits")
	for range 1000000 {
		put(math.Float64bits(expFast(float64(60*s.Float64()) - 20)))
		put(math.Float64bits(expFast(math.Float64frombits(s.Uint64()))))
	}
	if got := h.Sum64(); got != want {
		t.Fatalf("expFast's table and results hash to %#x, not %#x: a bit changed", got, want)
	}
}
