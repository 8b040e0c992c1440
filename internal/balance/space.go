package balance

import "github.com/globomantics/globosim/internal/sim"

// DecisionSpace is every decision Search may put in a plan, from the
// scenario itself: each investment, slicing (if the scenario slices), a
// few release cadences (if there is a train), two WIP limits at the
// bottleneck, hiring or letting go of one person on each staffed stage,
// an improvement share of 0.1 to 0.5 on each staffed stage (when the game
// takes that decision) and the answers to events (RespondDecisions).
func DecisionSpace(sc *sim.Scenario) []sim.Decision {
	var out []sim.Decision
	for _, inv := range sc.Investments {
		out = append(out, sim.Decision{Kind: sim.Invest, Investment: inv.ID})
	}
	for _, s := range slicingOn(sc) {
		out = append(out, s.Decision)
	}
	if rel := sc.Production.Release; rel >= 0 && rel < len(sc.Stages) && sc.Stages[rel].BatchEvery > 0 {
		for _, weeks := range []sim.Time{1, 2, 4} {
			if every := weeks * sc.Week(); every != sc.Stages[rel].BatchEvery {
				out = append(out, sim.Decision{Kind: sim.SetReleaseCadence, Every: every})
			}
		}
	}
	if b := bottleneck(sc); b >= 0 {
		c := sc.Stages[b].Capacity
		for _, n := range []int{c, 2 * c} {
			out = append(out, sim.Decision{Kind: sim.SetWIPLimit, Stage: sc.Stages[b].ID, N: n})
		}
	}
	for _, i := range staffedStages(sc) {
		out = append(out, sim.Decision{Kind: sim.Hire, Stage: sc.Stages[i].ID, N: 1})
		if sc.Stages[i].Capacity > 1 {
			out = append(out, sim.Decision{Kind: sim.Hire, Stage: sc.Stages[i].ID, N: -1})
		}
	}
	if shares := improvementShares(sc); len(shares) > 0 {
		for _, i := range staffedStages(sc) {
			for _, s := range shares {
				out = append(out, sim.Decision{Kind: sim.SetImprovement, Stage: sc.Stages[i].ID, Share: s})
			}
		}
	}
	return append(out, RespondDecisions(sc)...)
}

// RespondDecisions are the answers to the scenario's events with choices,
// for Search: one standing Respond per event and choice other than the
// event's default (no answer already plays the default).
func RespondDecisions(sc *sim.Scenario) []sim.Decision {
	var out []sim.Decision
	for _, ev := range sc.Events {
		for j, c := range ev.Choices {
			if j != ev.Default {
				out = append(out, sim.Decision{Kind: sim.Respond, Event: ev.ID, Choice: c.ID})
			}
		}
	}
	return out
}

// bottleneck is the staffed stage with the highest offered load per
// person at the start (mean arrivals times mean work, over its people),
// or -1.
func bottleneck(sc *sim.Scenario) int {
	load := make([]float64, len(sc.Stages))
	for _, w := range sc.Work {
		gap := w.Arrival.Mean()
		if gap <= 0 {
			continue
		}
		for _, st := range w.Route {
			if st >= 0 && st < len(load) {
				load[st] += w.Size.Mean() * sc.Stages[st].Service.Mean() / gap
			}
		}
	}
	best := -1
	for _, i := range staffedStages(sc) {
		if c := sc.Stages[i].Capacity; c > 0 && (best < 0 || load[i]/float64(c) > load[best]/float64(sc.Stages[best].Capacity)) {
			best = i
		}
	}
	return best
}
