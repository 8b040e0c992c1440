package des

import "math/bits"

// Stream is one named source of randomness. Every source in a run (each
// work type's arrivals, each stage's service and rework draws, the market,
// the events) has its own stream, seeded from the run seed and the source's
// name, so that changing one part of a scenario, or one decision, never
// changes the numbers another part sees.
type Stream struct {
	hi, lo uint64 // the state of a PCG generator (see Uint64)
}

// NewStream returns the stream for source name in the run with this seed.
func NewStream(seed uint64, name string) *Stream {
	s := newStream(seed, name)
	return &s
}

func newStream(seed uint64, name string) Stream {
	h := fnv64a(name)
	return Stream{hi: splitmix64(seed ^ splitmix64(h)), lo: splitmix64(h + 0x9e3779b97f4a7c15)}
}

// Uint64 returns a uniformly distributed 64-bit value. It is math/rand/v2's
// PCG (a 128-bit linear congruential state, the DXSM output), the same
// integer steps giving the same values, written here so that the compiler
// inlines it into every draw (rand.PCG.Uint64 is too big to inline).
func (s *Stream) Uint64() uint64 {
	const (
		mulHi    = 2549297995355413924
		mulLo    = 4865540595714422341
		incHi    = 6364136223846793005
		incLo    = 1442695040888963407
		cheapMul = 0xda942042e4dd58b5
	)
	hi, lo := bits.Mul64(s.lo, mulLo)
	hi += s.hi*mulLo + s.lo*mulHi
	lo, c := bits.Add64(lo, incLo, 0)
	hi, _ = bits.Add64(hi, incHi, c)
	s.hi, s.lo = hi, lo
	hi ^= hi >> 32
	hi *= cheapMul
	hi ^= hi >> 48
	return hi * (lo | 1)
}

// Float64 returns a uniform value in [0, 1) with 53 random bits.
func (s *Stream) Float64() float64 {
	return float64(s.Uint64()>>11) / (1 << 53)
}

// Bernoulli reports true with probability p.
func (s *Stream) Bernoulli(p float64) bool {
	return s.Float64() < p
}

// IntN returns a uniform value in [0, n); n must be positive.
func (s *Stream) IntN(n int) int {
	return int(s.Uint64() % uint64(n))
}

func fnv64a(name string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 1099511628211
	}
	return h
}

func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
