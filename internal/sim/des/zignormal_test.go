package des

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"slices"
	"testing"
)

// The ziggurat's layers close: the top layer's right edge is near zero
// and every layer, the top's included, has the area v.
func TestNormalZigguratLayersClose(t *testing.T) {
	f := func(x float64) float64 { return math.Exp(-x * x / 2) }
	x1 := zigNormW[1] * zigNormScale
	if top := x1 * (1 - f(x1)); math.Abs(top-zigNormV) > 1e-9 {
		t.Errorf("top layer's area %v, want %v (x_1 = %v)", top, zigNormV, x1)
	}
	for i := 2; i < zigLayers; i++ {
		xi := zigNormW[i] * zigNormScale
		if area := xi * (zigNormF[i-1] - zigNormF[i]); math.Abs(area-zigNormV) > 1e-9 {
			t.Fatalf("layer %d's area %v, want %v", i, area, zigNormV)
		}
	}
	if base := zigNormW[0] * zigNormScale * zigNormF[zigLayers-1]; math.Abs(base-zigNormV) > 1e-12 {
		t.Errorf("base layer's area %v, want %v", base, zigNormV)
	}
}

// The normal draws have the standard normal's first four moments and its
// quantiles, tails included, to within sampling error (four standard
// errors), and pass a Kolmogorov-Smirnov test at the 1% level.
func TestNormalMomentsAndQuantiles(t *testing.T) {
	const n = 2000000
	s := NewStream(17, "normal")
	z := make([]float64, n)
	var m1, m2, m3, m4 float64
	for i := range z {
		v := normal(s)
		z[i] = v
		m1 += v
		m2 += v * v
		m3 += v * v * v
		m4 += v * v * v * v
	}
	m1, m2, m3, m4 = m1/n, m2/n, m3/n, m4/n
	for _, c := range []struct {
		name          string
		got, want, se float64
	}{
		{"mean", m1, 0, 1},
		{"E[z²]", m2, 1, math.Sqrt(2)},
		{"E[z³]", m3, 0, math.Sqrt(15)},
		{"E[z⁴]", m4, 3, math.Sqrt(96)}, // Var z⁴ = 105 - 9
	} {
		if se := c.se / math.Sqrt(n); math.Abs(c.got-c.want) > 4*se {
			t.Errorf("%s = %.5f, want %v ± %.5f", c.name, c.got, c.want, 4*se)
		}
	}
	slices.Sort(z)
	cdf := func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
	for _, q := range []float64{-4, -zigNormR, -3, -2, -1, -0.5, 0, 0.25, 1, 2, 3, zigNormR, 4} {
		p := cdf(q)
		got := float64(sortedBelow(z, q)) / n
		if se := math.Sqrt(p * (1 - p) / n); math.Abs(got-p) > 4*se+1/float64(n) {
			t.Errorf("P(z < %v) = %.6f, want %.6f ± %.6f", q, got, p, 4*se)
		}
	}
	var d float64
	for i, v := range z {
		f := cdf(v)
		d = max(d, math.Abs(f-float64(i)/n), math.Abs(f-float64(i+1)/n))
	}
	if crit := 1.63 / math.Sqrt(n); d > crit {
		t.Errorf("KS distance %.6f > %.6f", d, crit)
	}
}

func sortedBelow(z []float64, q float64) int {
	i, _ := slices.BinarySearch(z, q)
	return i
}

// Lognormal draws, through Draws as the engine draws them, have the
// distribution's mean and standard deviation to within sampling error
// (four standard errors, from the lognormal's own higher moments).
func TestLognormalDrawsMeanAndSd(t *testing.T) {
	const n = 1000000
	for _, c := range []struct{ mean, sd float64 }{{1440, 960}, {10, 5}, {60, 90}} {
		d := LognormalDist(c.mean, c.sd)
		r := NewDraws(d, 5, "stage/dev/service")
		var sum, sq float64
		for range n {
			x := r.Next()
			sum += x
			sq += x * x
		}
		mean := sum / n
		sd := math.Sqrt(sq/n - mean*mean)
		// Raw moments E[X^k] = exp(kμ + k²σ²/2); the fourth central
		// moment gives the standard error of the sample variance.
		raw := func(k float64) float64 { return math.Exp(k*d.mu + k*k*d.sigma*d.sigma/2) }
		m := raw(1)
		mu4 := raw(4) - 4*m*raw(3) + 6*m*m*raw(2) - 3*m*m*m*m
		seMean := c.sd / math.Sqrt(n)
		seSd := math.Sqrt((mu4-math.Pow(c.sd, 4))/n) / (2 * c.sd)
		if math.Abs(mean-c.mean) > 4*seMean {
			t.Errorf("lognormal(%v, %v): mean %.4f, want ± %.4f", c.mean, c.sd, mean, 4*seMean)
		}
		if math.Abs(sd-c.sd) > 4*seSd {
			t.Errorf("lognormal(%v, %v): sd %.4f, want ± %.4f", c.mean, c.sd, sd, 4*seSd)
		}
	}
}

// The ziggurat's tables and its draws are the same bits as when they were
// made: built with the portable Log and Exp, they are the same on every
// machine, and this hash would show one that differs.
func TestNormalSameBitsAsEver(t *testing.T) {
	const want = 0x501b61317dfdb63d
	h := fnv.New64a()
	var b [8]byte
	put := func(x uint64) {
		binary.LittleEndian.PutUint64(b[:], x)
		h.Write(b[:])
	}
	for i := range zigLayers {
		put(zigNormK[i])
		put(math.Float64bits(zigNormW[i]))
		put(math.Float64bits(zigNormF[i]))
	}
	s := NewStream(19, "same bits")
	for range 1000000 {
		put(math.Float64bits(normal(s)))
	}
	if got := h.Sum64(); got != want {
		t.Fatalf("the normal's tables and draws hash to %#x, not %#x: a bit changed", got, want)
	}
}
