package des

import "math"

// Portable logarithm and exponential.
//
// The standard library cannot promise the same bits on every machine:
// math.Exp is assembly on amd64, arm64, loong64 and s390x, and math.Log on
// amd64 and s390x, each with its own method; and the Go specification lets a
// compiler fuse x*y+z into one fused multiply-add, which it does on arm64
// (and on amd64 built with GOAMD64=v3 or later) but not on plain amd64, so
// even pure Go maths differs between builds. One bit of difference is enough
// for two machines to draw a different service time. These versions use only
// +, -, *, / and exact bit operations, with every product explicitly rounded
// (float64(x*y): an explicit conversion prevents fusion), so the same input
// gives the same bits on every machine.
//
// The method is the classic one (argument reduction by powers of two and a
// minimax polynomial; see fdlibm's e_log.c and e_exp.c).

const (
	ln2Hi = 6.93147180369123816490e-01
	ln2Lo = 1.90821492927058770002e-10
	log2e = 1.44269504088896338700e+00

	lg1 = 6.666666666666735130e-01
	lg2 = 3.999999999940941908e-01
	lg3 = 2.857142874366239149e-01
	lg4 = 2.222219843214978396e-01
	lg5 = 1.818357216161805012e-01
	lg6 = 1.531383769920937332e-01
	lg7 = 1.479819860511658591e-01

	ep1 = 1.66666666666666657415e-01
	ep2 = -2.77777777770155933842e-03
	ep3 = 6.61375632143793436117e-05
	ep4 = -1.65339022054652515390e-06
	ep5 = 4.13813679705723846039e-08
)

// Log returns the natural logarithm of x.
func Log(x float64) float64 {
	// x = f1 * 2^ki with f1 in [sqrt(2)/2, sqrt(2)). For a positive normal
	// number, straight from the bits: a mantissa below sqrt(2)'s takes the
	// exponent of [1, 2), the rest that of [0.5, 1), which is math.Frexp
	// and a doubling below sqrt(2)/2, exactly.
	const sqrt2Mant = 0x6a09e667f3bcd // math.Sqrt2's mantissa bits
	var f1 float64
	var ki int
	if b := math.Float64bits(x); b>>52-1 < 0x7fe {
		// below is 1 if the mantissa is below sqrt(2)'s, else 0: without
		// a branch, which a uniform argument (as the polar method's q was)
		// would mispredict two times in five.
		mant := b & (1<<52 - 1)
		below := (mant - sqrt2Mant) >> 63
		exp := 1022 + below
		ki = int(b>>52) - 1022 - int(below)
		f1 = math.Float64frombits(mant | exp<<52)
	} else if y, special := logSpecial(x); special {
		return y
	} else {
		f1, ki = math.Frexp(x) // a subnormal
		if f1 < math.Sqrt2/2 {
			f1 *= 2
			ki--
		}
	}
	f := f1 - 1
	k := float64(ki)

	s := f / (2 + f)
	s2 := float64(s * s)
	s4 := float64(s2 * s2)
	t1 := float64(s2 * (lg1 + float64(s4*(lg3+float64(s4*(lg5+float64(s4*lg7)))))))
	t2 := float64(s4 * (lg2 + float64(s4*(lg4+float64(s4*lg6)))))
	r := t1 + t2
	hfsq := float64(0.5 * float64(f*f))
	return float64(k*ln2Hi) - ((hfsq - (float64(s*(hfsq+r)) + float64(k*ln2Lo))) - f)
}

// logSpecial is Log of zero, a negative number, +Inf or NaN, and reports
// false for anything else (a subnormal, or a normal number).
func logSpecial(x float64) (float64, bool) {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x, true
	case x < 0:
		return math.NaN(), true
	case x == 0:
		return math.Inf(-1), true
	}
	return 0, false
}

// Exp returns e**x.
func Exp(x float64) float64 {
	const (
		overflow  = 7.09782712893383973096e+02
		underflow = -7.45133219101941108420e+02
		nearZero  = 1.0 / (1 << 28)
	)
	// One test for the common case: false for NaN, the infinities, and
	// values that overflow, underflow or are near zero.
	if !(x >= underflow && x <= overflow) || (-nearZero < x && x < nearZero) {
		return expSpecial(x)
	}
	var k int
	switch {
	case x < 0:
		k = int(float64(log2e*x) - 0.5)
	default:
		k = int(float64(log2e*x) + 0.5)
	}
	hi := x - float64(float64(k)*ln2Hi)
	lo := float64(float64(k) * ln2Lo)
	r := hi - lo
	t := float64(r * r)
	c := r - float64(t*(ep1+float64(t*(ep2+float64(t*(ep3+float64(t*(ep4+float64(t*ep5)))))))))
	y := 1 - ((lo - float64(r*c)/(2-c)) - hi)
	// y * 2^k: while the result stays normal, a product with an exact power
	// of two (exact, so the same bits as math.Ldexp, and cheaper).
	if k < -1021 || k > 1022 {
		return math.Ldexp(y, k)
	}
	return float64(y * math.Float64frombits(uint64(k+1023)<<52))
}

// expSpecial is Exp of NaN, the infinities, and values that overflow,
// underflow or are within 2^-28 of zero.
func expSpecial(x float64) float64 {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case math.IsInf(x, -1):
		return 0
	case -1 < x && x < 1: // near zero
		return 1 + x
	case x > 0: // overflows
		return math.Inf(1)
	}
	return 0 // underflows
}
