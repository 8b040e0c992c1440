// Package prose turns numbers into what people read: whole dollars with
// thousands separators, a count with its noun in the right number, and round
// steps for a chart's axis. The model's sentences, the screens and the
// reports all use it, so each reads a number the same way.
package prose

import (
	"math"
	"strconv"
	"strings"
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

// Number is v rounded to a whole number, with thousands separators:
// 14,040.
func Number(v float64) string { return Dollars(int64(math.Round(v))) }

// Money is an amount of whole dollars as people write it: $1,500,000, and
// a debt with a minus sign before the dollar sign (−$54,655, not $-54,655).
func Money(d int64) string {
	if d < 0 {
		return "−$" + Dollars(-d)
	}
	return "$" + Dollars(d)
}

// PercentBelow is the share x (0..1) as a percentage, with as many
// decimals as it takes (one to four) to read below limit, the share it is
// compared with: 14.98% against 15% is "14.98%", not "15.0%" (and closer
// than four decimals, it is cut rather than rounded up to the limit).
func PercentBelow(x, limit float64) string {
	v := 100 * x
	if x >= limit {
		return strconv.FormatFloat(v, 'f', 1, 64) + "%"
	}
	for dec := 1; dec <= 4; dec++ {
		p := math.Pow(10, float64(dec))
		if math.Round(v*p)/p < 100*limit {
			return strconv.FormatFloat(v, 'f', dec, 64) + "%"
		}
	}
	return strconv.FormatFloat(math.Floor(v*1e4)/1e4, 'f', 4, 64) + "%"
}

// Duration is a number of working hours as people read it: hours up to
// two days' worth, then working days, then working weeks (a day is a fifth
// of hoursPerWeek), to one decimal: "7.5h", "3.2d", "2.1w". Every screen,
// sentence and report writes a duration this way, so that one value reads
// the same wherever it is shown.
func Duration(h float64, hoursPerWeek int) string {
	u := UnitOf(h, hoursPerWeek)
	return strconv.FormatFloat(h/u.Hours, 'f', 1, 64) + u.Suffix
}

// A DurationUnit is a unit Duration writes durations in: its length in
// working hours, its suffix ("d") and its name ("days").
type DurationUnit struct {
	Hours        float64
	Suffix, Name string
}

// UnitOf is the unit Duration writes h working hours in, so that a chart
// of durations can be drawn in the unit its figures are written in.
func UnitOf(h float64, hoursPerWeek int) DurationUnit {
	week := float64(hoursPerWeek)
	day := week / 5
	switch {
	case h < 2*day:
		return DurationUnit{Hours: 1, Suffix: "h", Name: "hours"}
	case h < 2*week:
		return DurationUnit{Hours: day, Suffix: "d", Name: "days"}
	}
	return DurationUnit{Hours: week, Suffix: "w", Name: "weeks"}
}

// Count is n followed by its noun: "1 person", "3 people".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// PersonWeeks is an amount of person-weeks, already written as a number,
// with its noun: "1 person-week", "1.5 person-weeks", "0 person-weeks".
func PersonWeeks(n string) string {
	if n == "1" {
		return "1 person-week"
	}
	return n + " person-weeks"
}

// Possessive is a name's possessive: "Development's", and for a name
// that ends in s, as most plurals do, "Network tickets'" (not "tickets's").
func Possessive(name string) string {
	if strings.HasSuffix(name, "s") || strings.HasSuffix(name, "S") {
		return name + "'"
	}
	return name + "'s"
}

// MoneyShort is an amount of dollars in few characters, for a line that
// has little room: $9,500 in full, $55k in thousands and $1.64M in
// millions (not $1639k), rounded to the nearest, with a debt's minus sign
// before the dollar sign as Money writes it.
func MoneyShort(d int64) string {
	if d < 0 {
		return "−" + MoneyShort(-d)
	}
	switch k := (d + 500) / 1000; {
	case d < 10000:
		return "$" + Dollars(d)
	case k < 1000:
		return "$" + strconv.FormatInt(k, 10) + "k"
	}
	m := float64(d) / 1e6
	switch {
	case m < 9.995:
		return "$" + strconv.FormatFloat(m, 'f', 2, 64) + "M"
	case m < 99.95:
		return "$" + strconv.FormatFloat(m, 'f', 1, 64) + "M"
	}
	return "$" + Dollars(int64(math.Round(m))) + "M"
}

// And joins words as a sentence does: "a", "a and b", "a, b and c".
func And(words []string) string {
	if n := len(words); n > 1 {
		return strings.Join(words[:n-1], ", ") + " and " + words[n-1]
	}
	return strings.Join(words, "")
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
