package des

import (
	"fmt"
	"math"
)

// DistKind names a family of probability distributions.
type DistKind uint8

// The distributions a scenario can use.
const (
	Constant DistKind = iota
	Uniform
	Triangular
	Exponential
	Lognormal
)

var distNames = [...]string{"constant", "uniform", "triangular", "exponential", "lognormal"}

func (k DistKind) String() string {
	if int(k) < len(distNames) {
		return distNames[k]
	}
	return fmt.Sprintf("DistKind(%d)", uint8(k))
}

// DistKinds lists every distribution name, for validation and docs.
func DistKinds() []string { return distNames[:] }

// ParseDistKind maps a name such as "lognormal" to its kind.
func ParseDistKind(name string) (DistKind, bool) {
	for i, n := range distNames {
		if n == name {
			return DistKind(i), true
		}
	}
	return 0, false
}

// Dist is a probability distribution of non-negative values: durations in
// minutes for arrivals and service, plain numbers for sizes. Build one with
// the constructors below; the zero value is the constant 0.
type Dist struct {
	Kind DistKind
	// Parameters, in the units of the variate. Constant: A. Uniform: A=min,
	// B=max. Triangular: A=min, B=mode, C=max. Exponential: A=mean.
	// Lognormal: A=mean, B=sd (of the variate itself).
	A, B, C float64

	mu, sigma float64 // lognormal: parameters of the underlying normal
}

// Fixed returns the distribution that is always v.
func Fixed(v float64) Dist { return Dist{Kind: Constant, A: v} }

// UniformDist returns the uniform distribution on [lo, hi].
func UniformDist(lo, hi float64) Dist { return Dist{Kind: Uniform, A: lo, B: hi} }

// TriangularDist returns the triangular distribution on [lo, hi] peaking at mode.
func TriangularDist(lo, mode, hi float64) Dist {
	return Dist{Kind: Triangular, A: lo, B: mode, C: hi}
}

// ExpDist returns the exponential distribution with the given mean.
func ExpDist(mean float64) Dist { return Dist{Kind: Exponential, A: mean} }

// LognormalDist returns the lognormal distribution whose variate has the given
// mean and standard deviation.
func LognormalDist(mean, sd float64) Dist {
	d := Dist{Kind: Lognormal, A: mean, B: sd}
	if mean > 0 {
		cv := sd / mean
		s2 := Log(1 + float64(cv*cv))
		d.sigma = math.Sqrt(s2)
		d.mu = Log(mean) - s2/2
	}
	return d
}

// Mean reports the distribution's expected value.
func (d Dist) Mean() float64 {
	switch d.Kind {
	case Uniform:
		return (d.A + d.B) / 2
	case Triangular:
		return (d.A + d.B + d.C) / 3
	case Exponential, Lognormal, Constant:
		return d.A
	}
	return 0
}

// Scale returns the distribution of f times the variate.
func (d Dist) Scale(f float64) Dist {
	switch d.Kind {
	case Lognormal:
		return LognormalDist(float64(d.A*f), float64(d.B*f))
	default:
		d.A, d.B, d.C = float64(d.A*f), float64(d.B*f), float64(d.C*f)
		return d
	}
}

// Sample draws one value from the stream.
func (d Dist) Sample(s *Stream) float64 {
	switch d.Kind {
	case Uniform:
		return d.A + float64(s.Float64()*(d.B-d.A))
	case Triangular:
		return triangular(d.A, d.B, d.C, s.Float64())
	case Exponential:
		return float64(d.A * expUnit(s))
	case Lognormal:
		if d.sigma == 0 {
			return d.A
		}
		return expFast(d.mu + float64(d.sigma*normal(s)))
	}
	return d.A
}

// triangular inverts the triangular CDF at u.
func triangular(lo, mode, hi, u float64) float64 {
	w := hi - lo
	if w <= 0 {
		return lo
	}
	left := mode - lo
	if u < left/w {
		return lo + math.Sqrt(float64(float64(u*w)*left))
	}
	return hi - math.Sqrt(float64(float64((1-u)*w)*(hi-mode)))
}

// Minutes turns a sampled duration into whole minutes, rounding to
// nearest, halves away from zero: math.Round's result, without its bit
// work. For 0 < x < 2⁶³ the conversion truncates, its float64 is trunc(x)
// exactly, and x less that is exact too (TestMinutesIsRound).
func Minutes(x float64) Time {
	if !(x > 0) { // also catches NaN
		return 0
	}
	if x > math.MaxInt64/4 {
		return math.MaxInt64 / 4
	}
	n := Time(x)
	if x-float64(n) >= 0.5 {
		n++
	}
	return n
}

// Draws is one distribution drawn from its own stream, which nothing else
// draws from, a few draws ahead. The values, and their order, are those
// of calling Sample again and again; drawn a batch at a time, the
// arithmetic of one draw does not wait for the one before (each
// lognormal's exponential is a long chain of dependent steps; batched,
// the processor overlaps them).
type Draws struct {
	d    Dist
	s    Stream
	i, n int
	buf  [drawBatch]float64
}

const drawBatch = 8

// NewDraws returns the draws of d from the stream for source name in the
// run with this seed.
func NewDraws(d Dist, seed uint64, name string) Draws {
	return Draws{d: d, s: newStream(seed, name)}
}

// Dist is the distribution drawn.
func (r *Draws) Dist() Dist { return r.d }

// Next returns the next draw.
func (r *Draws) Next() float64 {
	if r.i == r.n {
		r.fill()
	}
	v := r.buf[r.i]
	r.i++
	return v
}

func (r *Draws) fill() {
	r.i, r.n = 0, drawBatch
	d := &r.d
	if d.Kind != Lognormal || d.sigma == 0 {
		for j := range r.buf {
			r.buf[j] = d.Sample(&r.s)
		}
		return
	}
	// The normals first (nearly all one look-up each), then the
	// exponentials, none waiting for the one before.
	var x [drawBatch]float64
	for j := range x {
		x[j] = d.mu + float64(d.sigma*normal(&r.s))
	}
	for j := range r.buf {
		r.buf[j] = expFast(x[j])
	}
}
