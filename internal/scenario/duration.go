package scenario

import (
	"math"
	"strconv"
	"strings"

	"github.com/globomantics/globosim/internal/sim"
)

// durationForms is how every message about a duration says what is accepted.
const durationForms = `a number of hours (6, 1.5) or a number with a unit m, h, d or w ("90m", "4h", "1.5d", "2w")`

// maxHours bounds every duration (about 480 years of 40-hour weeks), so that
// minutes stay exact in a float64 and fit a sim.Time.
const maxHours = 1_000_000

// duration reads a duration at key and returns it in minutes. A bare number
// is hours; a string is a number and a unit, where a day is a fifth of the
// working week and a week is hours_per_week hours.
func (d *decoder) duration(x in, key string) (float64, bool) {
	v := x.t[key]
	var hours float64
	switch v := v.(type) {
	case int64:
		hours = float64(v)
	case float64:
		hours = v
	case string:
		h, problem := parseDuration(v, d.hoursPerWeek)
		if problem != "" {
			d.report(x.key(key), "%s %s %s; write %s", x.name(key), quote(v), problem, durationForms)
			return 0, false
		}
		hours = h
	default:
		d.report(x.key(key), "%s must be a duration, not %s; write %s", x.name(key), describe(v), durationForms)
		return 0, false
	}
	switch {
	case math.IsNaN(hours) || math.IsInf(hours, 0):
		d.report(x.key(key), "%s must be a finite number of hours (got %s)", x.name(key), show(v))
	case hours < 0:
		d.report(x.key(key), "%s must not be negative (got %s)", x.name(key), show(v))
	case hours > maxHours:
		d.report(x.key(key), "%s is too long (got %s); the longest allowed is %d hours", x.name(key), show(v), maxHours)
	default:
		return hours * float64(sim.Hour), true
	}
	return 0, false
}

// week is the length of a working week in minutes.
func (d *decoder) week() sim.Time { return sim.Time(d.hoursPerWeek) * sim.Hour }

// time reads a duration at key as whole minutes.
func (d *decoder) time(x in, key string) (sim.Time, bool) {
	m, ok := d.duration(x, key)
	return sim.Time(math.Round(m)), ok
}

// weeks reads a duration at key as a number of weeks, such as a half-life.
func (d *decoder) weeks(x in, key string) (float64, bool) {
	m, ok := d.duration(x, key)
	return m / float64(d.week()), ok
}

// weeksUp reads a duration at key as whole weeks, rounding up: a ramp-up of
// "1.5w" lasts into the second week, so it takes two.
func (d *decoder) weeksUp(x in, key string) (int, bool) {
	t, ok := d.time(x, key)
	w := d.week()
	return int((t + w - 1) / w), ok
}

// parseDuration reads "90m", "4h", "1.5d" or "2w" as hours. problem
// completes the sentence `"2x" ...` when the text is not a duration.
func parseDuration(s string, hoursPerWeek int) (hours float64, problem string) {
	t := strings.TrimSpace(s)
	sign := 1.0
	if rest, ok := strings.CutPrefix(t, "-"); ok {
		sign, t = -1, rest
	}
	n := 0
	for n < len(t) && ('0' <= t[n] && t[n] <= '9' || t[n] == '.') {
		n++
	}
	number, unit := t[:n], strings.TrimSpace(t[n:])
	f, err := strconv.ParseFloat(number, 64)
	if err != nil || number[0] == '.' || number[len(number)-1] == '.' {
		return 0, "is not a duration"
	}
	week := float64(hoursPerWeek)
	switch unit {
	case "m":
		return sign * f / 60, ""
	case "h":
		return sign * f, ""
	case "d":
		return sign * f * week / 5, ""
	case "w":
		return sign * f * week, ""
	case "":
		return 0, "has no unit"
	}
	return 0, "has an unknown unit " + quote(unit)
}

// maxCount bounds plain numbers such as sizes; they scale service times.
const maxCount = 1_000_000

// count reads a plain number with no unit, such as a size, of at least 0.
func (d *decoder) count(x in, key string) (float64, bool) {
	v := x.t[key]
	var f float64
	switch v := v.(type) {
	case int64:
		f = float64(v)
	case float64:
		f = v
	default:
		d.report(x.key(key), "%s must be a plain number such as 1 or 2.5 (sizes have no unit), not %s", x.name(key), describe(v))
		return 0, false
	}
	switch {
	case !(f >= 0):
		d.report(x.key(key), "%s must not be negative (got %s)", x.name(key), show(v))
	case f > maxCount:
		d.report(x.key(key), "%s is too large (got %s); the largest allowed is %d", x.name(key), show(v), maxCount)
	default:
		return f, true
	}
	return 0, false
}

// probability reads a number from 0 to 1.
func (d *decoder) probability(x in, key string) (float64, bool) {
	const want = "a probability from 0 to 1, such as 0.1"
	v := x.t[key]
	var p float64
	switch v := v.(type) {
	case int64:
		p = float64(v)
	case float64:
		p = v
	default:
		d.wrongType(x, key, want)
		return 0, false
	}
	if !(p >= 0 && p <= 1) {
		d.report(x.key(key), "%s must be %s (got %s)", x.name(key), want, show(v))
		return 0, false
	}
	return p, true
}
