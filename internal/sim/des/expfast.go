package des

import (
	"math"
	"math/big"
)

// A faster portable exponential, for the lognormal's draws: the method of
// musl's exp (Szabolcs Nagy's, from ARM's optimized-routines), x = k ln2/N + r
// with |r| ≤ ln2/2N, e^x = 2^(k/N) e^r, 2^(k/N) from a table of N = 128
// values and e^r by a polynomial of degree 5. It has no division and no
// data-dependent branch, where Exp has a division at the end of a longer
// polynomial chain. Its error is about half a unit in the last place
// (musl's bound is 0.511 ulp; TestExpFastMatchesStdlib checks 1 ulp from
// math.Exp), the same bits on every machine for the reasons detmath.go
// gives: only +, -, * and bit operations, every product explicitly rounded
// (float64(x*y)), and the table made at start-up in exact arithmetic.

const (
	expFastBits = 7
	expFastN    = 1 << expFastBits

	expFastInvLn2N = 0x1.71547652b82fep0 * expFastN // N/ln2
	expFastLn2HiN  = 0x1.62e42fefa0000p-8           // ln2/N, its low bits zero: k times it is exact
	expFastLn2LoN  = 0x1.cf79abc9e3b3ap-47          // the rest of ln2/N
	expFastShift   = 0x1.8p52                       // added, rounds to an integer

	expFastC2 = 0x1.ffffffffffdbdp-2
	expFastC3 = 0x1.555555555543cp-3
	expFastC4 = 0x1.55555cf172b91p-5
	expFastC5 = 0x1.1111167a4d017p-7
)

// expFastTable holds 2^(j/N) for j < N, each as the bits of its nearest
// float64 less j << 45 (so that adding k << 45 for k ≡ j mod N gives the
// power 2^(k/N)'s exponent too) and the rest of the value, the tail, as a
// fraction of it.
var expFastTable [expFastN]struct {
	tail  float64
	sbits uint64
}

func init() {
	// 2^(j/N) to 256 bits, each the last times 2^(1/N), the N-th root of
	// 2 by square roots: big.Float rounds each step correctly, on every
	// machine alike, and 128 roundings at 256 bits leave the values good
	// to far beyond a float64's 53.
	const prec = 256
	root := new(big.Float).SetPrec(prec).SetInt64(2)
	for range expFastBits {
		root.Sqrt(root)
	}
	p := new(big.Float).SetPrec(prec).SetInt64(1)
	rest := new(big.Float).SetPrec(prec)
	hiBig := new(big.Float).SetPrec(prec)
	for j := range expFastN {
		if j > 0 {
			p.Mul(p, root)
		}
		hi, _ := p.Float64()
		hiBig.SetFloat64(hi)
		rest.Sub(p, hiBig)
		rest.Quo(rest, hiBig)
		tail, _ := rest.Float64()
		expFastTable[j].tail = tail
		expFastTable[j].sbits = math.Float64bits(hi) - uint64(j)<<(52-expFastBits)
	}
}

// expFast returns e**x, within a unit in the last place (not always the
// same bits as Exp).
func expFast(x float64) float64 {
	// Beyond ±512 (and for NaN) the scale below would leave the normal
	// numbers: Exp deals with them.
	if !(math.Abs(x) <= 512) {
		return Exp(x)
	}
	kd := float64(expFastInvLn2N*x) + expFastShift
	ki := math.Float64bits(kd) // k in the low bits
	kd -= expFastShift
	r := x - float64(kd*expFastLn2HiN) - float64(kd*expFastLn2LoN)
	e := &expFastTable[ki%expFastN]
	scale := math.Float64frombits(e.sbits + ki<<(52-expFastBits))
	r2 := float64(r * r)
	p := e.tail + r + float64(r2*(expFastC2+float64(r*expFastC3))) +
		float64(float64(r2*r2)*(expFastC4+float64(r*expFastC5)))
	return scale + float64(scale*p)
}
