package des

import "math/rand/v2"

// Stream is one named source of randomness. Every source in a run (each
// work type's arrivals, each stage's service and rework draws, the market,
// the events) has its own stream, seeded from the run seed and the source's
// name, so that changing one part of a scenario, or one decision, never
// changes the numbers another part sees.
type Stream struct {
	pcg rand.PCG
}

// NewStream returns the stream for source name in the run with this seed.
func NewStream(seed uint64, name string) *Stream {
	h := fnv64a(name)
	s := &Stream{}
	s.pcg.Seed(splitmix64(seed^splitmix64(h)), splitmix64(h+0x9e3779b97f4a7c15))
	return s
}

// Uint64 returns a uniformly distributed 64-bit value.
func (s *Stream) Uint64() uint64 { return s.pcg.Uint64() }

// Float64 returns a uniform value in [0, 1) with 53 random bits.
func (s *Stream) Float64() float64 {
	return float64(s.pcg.Uint64()>>11) / (1 << 53)
}

// Bernoulli reports true with probability p.
func (s *Stream) Bernoulli(p float64) bool {
	return s.Float64() < p
}

// IntN returns a uniform value in [0, n); n must be positive.
func (s *Stream) IntN(n int) int {
	return int(s.pcg.Uint64() % uint64(n))
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
