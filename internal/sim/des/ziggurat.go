package des

// Exponential variates by Marsaglia and Tsang's ziggurat ("The Ziggurat
// Method for Generating Random Variables", 2000): 256 layers of equal area;
// nearly every draw is one table look-up and one multiplication, and only
// the rare draws at a layer's edge or in the tail need a logarithm or an
// exponential. The tables are built at start-up with the portable ln and
// exp, so they are the same on every machine.

const (
	zigLayers = 256
	zigR      = 7.69711747013104972  // start of the tail
	zigV      = 3.949659822581572e-3 // area of each layer
	zigScale  = 4294967296.0         // 2^32
)

var zigK [zigLayers]uint32
var zigW, zigF [zigLayers]float64

func init() {
	de := zigR
	q := zigV / Exp(-de)
	zigK[0] = uint32((de / q) * zigScale)
	zigK[1] = 0
	zigW[0] = q / zigScale
	zigW[zigLayers-1] = de / zigScale
	zigF[0] = 1
	zigF[zigLayers-1] = Exp(-de)
	for i := zigLayers - 2; i >= 1; i-- {
		prev := de
		de = -Log(zigV/de + zigF[i+1])
		zigK[i+1] = uint32((de / prev) * zigScale)
		zigF[i] = Exp(-de)
		zigW[i] = de / zigScale
	}
}

// expUnit draws an exponential variate with mean 1.
func expUnit(s *Stream) float64 {
	for {
		u := s.Uint64()
		j := uint32(u)
		i := uint8(u >> 32)
		x := float64(j) * zigW[i]
		if j < zigK[i] {
			return x
		}
		if i == 0 {
			return zigR - Log(1-s.Float64())
		}
		// In the wedge: accept if under the curve.
		if zigF[i]+float64(s.Float64()*(zigF[i-1]-zigF[i])) < Exp(-x) {
			return x
		}
	}
}
