package scenario

import (
	"fmt"
	"math"

	"github.com/globomantics/globosim/internal/sim"
)

// OfferedLoad is the work a stage is given each week from the start of a
// game, against the work its people can do: the arrivals of every work
// type whose route passes through it (escaped bugs included), times the
// visits rework adds, times the mean service per item, plus the requests
// from outside the value stream and the regression run of each release
// train. At a ratio of 1 or more its queue grows without end.
type OfferedLoad struct {
	Stage    int
	Offered  float64 // hours of work a week; +Inf when every change brings back a bug
	Capacity float64 // hours of work a week: people × the working week
}

// Ratio is the stage's utilisation if it could keep up, ρ.
func (l OfferedLoad) Ratio() float64 { return l.Offered / l.Capacity }

// OfferedLoads is the offered load of every staffed stage of sc, before
// any decision, investment or event changes it. On the built-in scenarios
// it is within 2% of the utilisation a 1000-week run measures.
func OfferedLoads(sc *sim.Scenario) []OfferedLoad {
	week := float64(sc.Week())                // minutes
	arrivals := make([]float64, len(sc.Work)) // a week
	total := 0.0
	for w := range sc.Work {
		arrivals[w] = week / sc.Work[w].Arrival.Mean() // a mean below a minute is refused
		total += arrivals[w]
	}
	// Each delivered change (a bug fix too) brings back a bug with chance
	// p, so bugs add p/(1-p) of everything that arrives.
	q := &sc.Quality
	if p := q.BugRate * (1 - q.Coverage); q.BugWork >= 0 && p > 0 {
		arrivals[q.BugWork] += total * p / (1 - p) // +Inf at p = 1
	}
	offered := make([]float64, len(sc.Stages)) // minutes a week
	for w, wt := range sc.Work {
		for k, v := range visits(sc, wt.Route) {
			// float64() rounds each product, so no machine fuses it into
			// the sum (FMA): the warning is the same on amd64 and arm64.
			offered[wt.Route[k]] += float64(arrivals[w] * v * wt.Size.Mean() * sc.Stages[wt.Route[k]].Service.Mean())
		}
	}
	if r := sc.Production.Release; r >= 0 && sc.Stages[r].BatchEvery > 0 && q.Regression >= 0 {
		offered[q.Regression] += float64(week / float64(sc.Stages[r].BatchEvery) * float64(q.ReleaseRegression))
	}
	var loads []OfferedLoad
	for i := range sc.Stages {
		st := &sc.Stages[i]
		if st.Capacity == sim.Unlimited {
			continue
		}
		if st.HasBackground {
			offered[i] += week / st.Background.Mean() * st.Service.Mean()
		}
		loads = append(loads, OfferedLoad{Stage: i, Offered: offered[i] / 60, Capacity: float64(st.Capacity * sc.HoursPerWeek)})
	}
	return loads
}

// visits is how many times, on average, an item on route visits each of
// its stages, rework included. Across the boundary after position m an
// item moves forward once more than it is sent back:
//
//	visits[m]·(1-p[m]) = 1 + Σ p[q]·visits[q] over later q sent back to m or before,
//
// so the visits are found from the end of the route back to its start.
func visits(sc *sim.Scenario, route []int) []float64 {
	n := len(route)
	back := make([]int, n) // position each one's rework goes back to, or -1
	pos := make(map[int]int, n)
	for q, s := range route {
		pos[s] = q
	}
	endsAt := make([][]int, n) // positions whose rework goes back to each
	for q, s := range route {
		back[q] = -1
		st := &sc.Stages[s]
		if to, ok := pos[st.ReworkTo]; ok && st.ReworkProb > 0 && to <= q {
			back[q] = to
			endsAt[to] = append(endsAt[to], q)
		}
	}
	v := make([]float64, n)
	sentBack := 0.0 // Σ p[q]·v[q] over q > m with back[q] <= m
	for m := n - 1; m >= 0; m-- {
		if q := m + 1; q < n && back[q] >= 0 && back[q] <= m {
			sentBack += sc.Stages[route[q]].ReworkProb * v[q]
		}
		p := 0.0
		if back[m] >= 0 {
			p = sc.Stages[route[m]].ReworkProb
		}
		v[m] = (1 + sentBack) / (1 - p)
		for _, q := range endsAt[m] {
			if q > m {
				sentBack -= sc.Stages[route[q]].ReworkProb * v[q] // it lands at m: it crosses no boundary before m
			}
		}
	}
	return v
}

// overloaded warns of every stage offered as much work as it can do, or
// more, at the settings a game starts with. A built-in scenario may mean
// it (a test team the players must relieve), so the warning says so.
func (d *decoder) overloaded(sc *sim.Scenario) {
	for _, l := range OfferedLoads(sc) {
		if !(l.Ratio() >= 1) {
			continue
		}
		st := &sc.Stages[l.Stage]
		offered := fmt.Sprintf("%.1f hours of work a week", l.Offered)
		if math.IsInf(l.Offered, 1) {
			offered = "ever more work (every change brings back a bug: bug_rate with no coverage is 1)"
		}
		d.warn(index("stage", l.Stage), "stage %s is offered %s (counting rework, escaped bugs, outside requests and release regression runs) "+
			"but its capacity is %.0f hours (%d × %d), ρ = %.2f: its queue grows without end until a decision adds people or takes work away "+
			"(as meant, if that is the problem the players are to solve)",
			quote(st.ID), offered, l.Capacity, st.Capacity, sc.HoursPerWeek, l.Ratio())
	}
}

// warn records something in a valid file that its author should know.
func (d *decoder) warn(path, format string, args ...any) {
	p := d.position(path)
	d.warnings = append(d.warnings, Diagnostic{File: d.file, Line: p.line, Col: p.col, Msg: "warning: " + fmt.Sprintf(format, args...)})
}
