package sim

import "slices"

// A dashboard reads the game after every day it plays. Result builds the
// whole record (decisions, events, stages, the score) for that; these
// read only what a dashboard shows, with the same figures Result gives.

// Glance is the flow at a glance: the DORA keys and the flow's figures,
// each as Result's Summary has it.
type Glance struct {
	DORA              DORA
	ThroughputPerWeek float64 // items done a week, as Summary.ThroughputPerWeek
	WIPEnd            int     // items in progress now, as Summary.WIPEnd
	FlowEfficiency    float64 // as Summary.FlowEfficiency
	MarketShare       float64 // as Summary.MarketShare: rounded as the weekly rows are
}

// Glance is the game's flow now, as Result().Summary would say it.
func (g *Game) Glance() Glance {
	s := g.sim
	c := &s.stats
	gl := Glance{WIPEnd: c.wip, FlowEfficiency: round3(ratio(c.touchSum, c.leadSum)), MarketShare: round4(g.share)}
	if now := s.k.Now(); now > 0 {
		gl.ThroughputPerWeek = round3(ratio(int64(c.completed)*int64(s.week), int64(now)))
	}
	if g.sc.HasGame() || g.sc.ModelsProduction() {
		gl.DORA = g.DORA()
	}
	return gl
}

// WeeksPlayed is a row for each week played, as Result().Weekly lists them.
func (g *Game) WeeksPlayed() []WeekResult {
	return slices.Clone(g.sim.stats.weeks)
}

// Building is the investments being built, as Investments lists them.
func (g *Game) Building() []InvestmentStatus {
	var out []InvestmentStatus
	for i := range g.sc.Investments {
		if s := &g.invest[i]; s.started && !s.done {
			out = append(out, g.investmentStatus(i))
		}
	}
	return out
}
