// Package prose turns numbers into what people read: whole dollars with
// thousands separators, a count with its noun in the right number, and round
// steps for a chart's axis. The model's sentences, the screens and the
// reports all use it, so each reads a number the same way.
package prose

import (
	"math"
	"strconv"
)

// Dollars formats whole dollars with thousands separators: 1,500,000.
func Dollars(d int64) string {
	neg := d < 0
	if neg {
		d = -d
	}
	s := strconv.FormatInt(d, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}

// Count is n followed by its noun: "1 person", "3 people".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Axis steps: a chart's top rounds up to 1, 2 or 5 times a power of ten; a
// table's rows step by 1, 2, 2.5 or 5 times one.
var (
	CeilSteps = []float64{1, 2, 5}
	RowSteps  = []float64{1, 2, 2.5, 5}
)

// NiceCeil is the smallest of the mantissas (ascending, in [1, 10)) times a
// power of ten that is at least x; 1 when x is not positive.
func NiceCeil(x float64, mantissas []float64) float64 {
	if !(x > 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range mantissas {
		if m*p >= x*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}
