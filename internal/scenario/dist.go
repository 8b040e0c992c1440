package scenario

import (
	"slices"
	"strings"

	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/sim/des"
)

// quantity is what a distribution's values measure.
type quantity int

const (
	serviceTime quantity = iota // a duration
	interval                    // a duration between arrivals: at least a minute on average
	size                        // a plain number with no unit
)

// distParams lists, for each distribution, the keys it takes besides "dist".
var distParams = map[des.DistKind][]string{
	des.Constant:    {"value"},
	des.Uniform:     {"min", "max"},
	des.Triangular:  {"min", "mode", "max"},
	des.Exponential: {"mean"},
	des.Lognormal:   {"mean", "sd"},
}

const distExample = `{ dist = "exponential", mean = "4h" }`

// dist reads a distribution such as { dist = "lognormal", mean = "2d",
// sd = "1d" } at key. Durations come back in minutes.
func (d *decoder) dist(x in, key string, q quantity, required bool) (des.Dist, bool) {
	if _, ok := x.t[key]; !ok {
		if required {
			d.missing(x, key)
		}
		return des.Dist{}, false
	}
	dt, ok := d.table(x, key, distTable, distExample)
	if !ok {
		return des.Dist{}, false
	}
	kind, ok := d.distKind(dt)
	if !ok {
		return des.Dist{}, false
	}
	params := distParams[kind]
	for _, k := range sortedKeys(dt.t) {
		if k != "dist" && slices.Contains(distTable.Keys, k) && !slices.Contains(params, k) {
			d.report(dt.key(k), "%s does not apply to %s distribution, which takes %s",
				dt.name(k), article(kind), takes(params))
			ok = false
		}
	}
	v := map[string]float64{}
	complete := true // every parameter present and readable
	for _, k := range params {
		if _, present := dt.t[k]; !present {
			d.report(dt.path, "missing required key %q %s: %s distribution needs %s",
				k, dt.where, article(kind), andList(params))
			complete = false
			continue
		}
		n, good := d.amount(dt, k, q)
		v[k] = n
		complete = complete && good
	}
	if !complete {
		return des.Dist{}, false
	}

	dist, shaped := d.build(dt, kind, v)
	ok = shaped && ok
	if ok && q == interval && dist.Mean() < float64(sim.Minute) {
		d.report(dt.path, "%s must be at least 1 minute on average, or the simulation could never move on (the mean is %.3g minutes)",
			strings.TrimSpace(dt.prefix), dist.Mean())
		ok = false
	}
	return dist, ok
}

// build makes a distribution from its parameters, checking how they relate.
func (d *decoder) build(dt in, kind des.DistKind, v map[string]float64) (des.Dist, bool) {
	ok := true
	var dist des.Dist
	switch kind {
	case des.Constant:
		dist = des.Fixed(v["value"])
	case des.Uniform:
		ok = d.ordered(dt, v, "min", "max")
		dist = des.UniformDist(v["min"], v["max"])
	case des.Triangular:
		ok = d.ordered(dt, v, "min", "max")
		if ok && !(v["min"] <= v["mode"] && v["mode"] <= v["max"]) {
			d.report(dt.key("mode"), "%s must be between min and max (min %s, mode %s, max %s)",
				dt.name("mode"), show(dt.t["min"]), show(dt.t["mode"]), show(dt.t["max"]))
			ok = false
		}
		dist = des.TriangularDist(v["min"], v["mode"], v["max"])
	case des.Exponential, des.Lognormal:
		if v["mean"] <= 0 {
			d.report(dt.key("mean"), "%s must be more than 0 (got %s)", dt.name("mean"), show(dt.t["mean"]))
			ok = false
		}
		dist = des.ExpDist(v["mean"])
		if kind == des.Lognormal {
			dist = des.LognormalDist(v["mean"], v["sd"])
		}
	}
	return dist, ok
}

// distKind reads the required "dist" key.
func (d *decoder) distKind(dt in) (des.DistKind, bool) {
	if _, ok := dt.t["dist"]; !ok {
		d.report(dt.path, "missing required key \"dist\" %s: choose one of %s", dt.where, strings.Join(des.DistKinds(), ", "))
		return 0, false
	}
	name, ok := dt.t["dist"].(string)
	if !ok {
		d.wrongType(dt, "dist", "the name of a distribution in quotes, such as \"exponential\"")
		return 0, false
	}
	kind, ok := des.ParseDistKind(name)
	if !ok {
		d.report(dt.key("dist"), "%s %s is not a distribution%s", dt.name("dist"), quote(name), didYouMean(name, des.DistKinds(), "distributions"))
	}
	return kind, ok
}

// amount reads one parameter of a distribution.
func (d *decoder) amount(x in, key string, q quantity) (float64, bool) {
	if q == size {
		return d.count(x, key)
	}
	return d.duration(x, key)
}

// ordered checks that the parameter lo is not above hi.
func (d *decoder) ordered(dt in, v map[string]float64, lo, hi string) bool {
	if v[lo] > v[hi] {
		d.report(dt.key(lo), "%s must not be more than %s (%s %s, %s %s)",
			dt.name(lo), hi, lo, show(dt.t[lo]), hi, show(dt.t[hi]))
		return false
	}
	return true
}

// article names a distribution with its article: "an exponential".
func article(k des.DistKind) string {
	if k == des.Exponential {
		return "an " + k.String()
	}
	return "a " + k.String()
}

// takes completes "which takes ...".
func takes(params []string) string {
	if len(params) == 1 {
		return "only " + params[0]
	}
	return andList(params)
}

// andList joins words as a sentence does: "min, mode and max".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
