package scenario

import "github.com/globomantics/globosim/internal/sim"

// span is the range a plain number must fall in, and how messages say so.
type span struct {
	lo, hi         float64
	openLo, openHi bool   // lo (hi) itself is outside the range
	want           string // completes "must be ...": "a number from 0 to 1"
}

func (s span) holds(f float64) bool {
	return (f > s.lo || !s.openLo && f == s.lo) && (f < s.hi || !s.openHi && f == s.hi)
}

// The ranges of the game's plain numbers. None is unbounded: beyond
// maxCount a rate or multiplier only breaks the arithmetic.
var (
	fraction     = span{lo: 0, hi: 1, want: "a number from 0 to 1, such as 0.3"}
	share        = span{lo: 0, hi: 1, openLo: true, want: "a number more than 0 and at most 1, such as 0.3"}
	partShare    = span{lo: 0, hi: 1, openLo: true, openHi: true, want: "a number more than 0 and less than 1, such as 0.3"}
	atLeastZero  = span{lo: 0, hi: maxCount, want: "a number of at least 0"}
	signed       = span{lo: -maxCount, hi: maxCount, want: "a number such as 2 or -1"}
	multiplier   = span{lo: 0, hi: maxCount, openLo: true, want: "a multiplier more than 0, such as 0.5 (half) or 2 (double)"}
	maybeNothing = span{lo: 0, hi: maxCount, want: "a multiplier of at least 0, such as 0.5 (half) or 0 (none at all)"}
	improvement  = span{lo: 0, hi: sim.MaxImprovementShare, want: "a number from 0 to 0.5 (half the team's time), such as 0.2"}
	personWeeks  = span{lo: 0, hi: maxCount, openLo: true, want: "a number of person-weeks more than 0, such as 6"}
	weeklyChance = span{lo: 0, hi: 1, openLo: true, want: "a probability more than 0 and at most 1, such as 0.05"}
)

// number reads an optional plain number in the span s, or def. ok is false
// when the value has a problem, which is reported.
func (d *decoder) number(x in, key string, def float64, s span) (f float64, ok bool) {
	v, present := x.t[key]
	if !present {
		return def, true
	}
	switch v := v.(type) {
	case int64:
		f = float64(v)
	case float64:
		f = v
	default:
		d.wrongType(x, key, s.want)
		return def, false
	}
	switch {
	case s.holds(f):
		return f, true
	case s.hi == maxCount && f > maxCount:
		d.report(x.key(key), "%s is too large (got %s); the largest allowed is %d", x.name(key), show(v), maxCount)
	case s.lo == -maxCount && f < -maxCount:
		d.report(x.key(key), "%s is too small (got %s); the smallest allowed is %d", x.name(key), show(v), -maxCount)
	default:
		d.report(x.key(key), "%s must be %s (got %s)", x.name(key), s.want, show(v))
	}
	return def, false
}

// maxMoney bounds an amount of money, a trillion dollars, so that every sum
// a game makes of its money stays far inside an int64.
const maxMoney = 1_000_000_000_000

// money reads an optional amount of whole dollars, 0 when it is left out;
// a cost may be written as a negative amount.
func (d *decoder) money(x in, key string, negative bool) int64 {
	v, ok := x.t[key]
	if !ok {
		return 0
	}
	n, ok := wholeNumber(v)
	switch {
	case !ok:
		d.wrongType(x, key, "whole dollars, such as 80_000")
	case n < 0 && !negative:
		d.report(x.key(key), "%s must not be negative (got %s)", x.name(key), show(v))
	case n > maxMoney || n < -maxMoney:
		d.report(x.key(key), "%s is too large (got %s); the most allowed is 1_000_000_000_000 dollars", x.name(key), show(v))
	default:
		return n
	}
	return 0
}

// boolean reads an optional true or false, or def.
func (d *decoder) boolean(x in, key string, def bool) bool {
	v, ok := x.t[key]
	if !ok {
		return def
	}
	b, ok := v.(bool)
	if !ok {
		d.wrongType(x, key, "true or false")
		return def
	}
	return b
}
