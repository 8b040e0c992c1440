package des

import "math"

// Standard normal variates by Marsaglia and Tsang's ziggurat ("The
// Ziggurat Method for Generating Random Variables", 2000), as ziggurat.go
// draws the exponential: 256 layers of equal area under the curve
// f(x) = exp(-x²/2), x ≥ 0. Nearly every draw (99%) is one 64-bit value,
// one look-up, one product and one comparison; only the draws at a layer's
// ragged edge need an exponential, and those in the tail beyond the base
// layer two logarithms. The tables are built at start-up with the portable
// Log and Exp, every product explicitly rounded, so they are the same on
// every machine.
//
// One 64-bit value gives the layer (its low 8 bits), the sign (bit 8) and
// the position within the layer (its top 53 bits): disjoint bits, so the
// layer and the value are independent, which Marsaglia and Tsang's 32-bit
// original, taking both from the same bits, was criticised for (Doornik,
// "An Improved Ziggurat Method to Generate Normal Random Samples", 2005).

const (
	zigNormR     = 3.6541528853610088   // where the tail starts
	zigNormV     = 4.928673233974658e-3 // area of each layer: r f(r) + the tail's area
	zigNormScale = 9007199254740992.0   // 2^53, the range of a position
	zigNormMask  = zigLayers - 1        // the layer's bits
	zigNormSign  = 1 << 8               // the sign's bit
)

// Layer i ≥ 1 is the rectangle [0, x_i] × [f(x_i), f(x_{i-1})], with x_0 = 0
// at the top and x_255 = r at the bottom; layer 0 is the base: the
// rectangle [0, r] × [0, f(r)] and the tail beyond it, drawn as one
// rectangle of the same area. zigNormW[i] is x_i / 2^53 (layer 0: the
// base's width v/f(r) over 2^53), so that position j gives x = j*w; the
// draw is inside the curve for certain when x < x_{i-1}, which is j <
// zigNormK[i]; zigNormF[i] is f(x_i).
var zigNormK [zigLayers]uint64
var zigNormW, zigNormF [zigLayers]float64

func init() {
	half := func(x float64) float64 { return Exp(-0.5 * float64(x*x)) } // f(x)
	x := zigNormR
	q := zigNormV / half(x)
	zigNormK[0] = uint64((x / q) * zigNormScale)
	zigNormK[1] = 0
	zigNormW[0] = q / zigNormScale
	zigNormW[zigLayers-1] = x / zigNormScale
	zigNormF[0] = 1
	zigNormF[zigLayers-1] = half(x)
	for i := zigLayers - 2; i >= 1; i-- {
		prev := x
		x = math.Sqrt(-2 * Log(zigNormV/x+half(x)))
		zigNormK[i+1] = uint64((x / prev) * zigNormScale)
		zigNormF[i] = half(x)
		zigNormW[i] = x / zigNormScale
	}
}

// normal draws a standard normal variate.
func normal(s *Stream) float64 {
	for {
		u := s.Uint64()
		i := u & zigNormMask
		j := u >> 11
		x := float64(float64(j) * zigNormW[i])
		sign := (u & zigNormSign) << (63 - 8)
		if j < zigNormK[i] {
			return math.Float64frombits(math.Float64bits(x) | sign)
		}
		if i == 0 {
			return math.Float64frombits(math.Float64bits(normalTail(s)) | sign)
		}
		// At the layer's ragged edge: inside the curve with the chance of
		// the curve's height there within the layer.
		if zigNormF[i]+float64(s.Float64()*(zigNormF[i-1]-zigNormF[i])) < Exp(-0.5*float64(x*x)) {
			return math.Float64frombits(math.Float64bits(x) | sign)
		}
	}
}

// normalTail draws from the normal beyond r by Marsaglia's method ("Generating
// a variable from the tail of the normal distribution", 1964): r + x with x
// exponential of rate r, kept with the chance exp(-x²/2).
func normalTail(s *Stream) float64 {
	for {
		x := -Log(1-s.Float64()) / zigNormR
		y := -Log(1 - s.Float64())
		if y+y >= float64(x*x) {
			return zigNormR + x
		}
	}
}
