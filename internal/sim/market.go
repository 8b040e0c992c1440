package sim

import "github.com/globomantics/globosim/internal/sim/des"

// The market: each week some customers re-choose among Globomantics and its
// competitors. The share each would win if everyone chose afresh follows a
// logit model of digital experience (the better the experience, the likelier
// the choice); actual shares move toward it by the share of customers who
// reconsider that week and are willing to switch.

// rivalsDeliver is the competitors' week: their experience follows the
// same law as Globomantics' (the value delivered, fading by fade a week).
// Each one's product keeps delivering its starting experience, and a
// release adds Growth/(1-fade) of value, so it gains Growth at first and
// levels off at Competitor.Ceiling. With no fading (fade 1) a release adds
// Growth for good, as before the rivals had a ceiling.
func (g *Game) rivalsDeliver(w int, fade float64) {
	for i := range g.rivals {
		r := &g.rivals[i]
		got := r.spec.Experience
		every := r.spec.ReleaseEvery
		release := every > 0 && w%every == 0 && r.spec.Growth != 0
		if fade >= 1 {
			if release {
				r.experience += r.spec.Growth
			}
			continue
		}
		if release {
			got += r.spec.Growth / (1 - fade)
		}
		r.experience = float64(r.experience*fade) + float64(got*(1-fade))
	}
}

// targets returns, for Globomantics then each competitor, the share each
// would win if every customer chose now.
func (g *Game) targets() (ours float64, theirs []float64) {
	beta := g.sc.Market.Sensitivity
	// Subtract the best experience before exponentiating, so large scores
	// never overflow; the shares are unchanged.
	best := g.experience
	for _, r := range g.rivals {
		best = max(best, r.experience)
	}
	a := des.Exp(float64(beta * (g.experience - best)))
	sum := a
	theirs = make([]float64, len(g.rivals))
	for i, r := range g.rivals {
		theirs[i] = des.Exp(float64(beta * (r.experience - best)))
		sum += theirs[i]
	}
	for i := range theirs {
		theirs[i] /= sum
	}
	return a / sum, theirs
}

func (g *Game) updateMarket() {
	if len(g.rivals) == 0 {
		return
	}
	move := float64(g.sc.Market.Switching * g.sc.Market.Reconsider)
	ours, theirs := g.targets()
	g.share += float64(move * (ours - g.share))
	for i := range g.rivals {
		r := &g.rivals[i]
		r.share += float64(move * (theirs[i] - r.share))
	}
}

// Experience is the digital experience customers have of Globomantics: the
// value they have received recently, less outages.
func (g *Game) Experience() float64 { return g.experience }

// Competitor is a competitor's current state, for display.
type CompetitorState struct {
	Name       string
	Share      float64
	Experience float64
	Shares     []float64 // weekly
}

// Competitors returns each competitor's state.
func (g *Game) Competitors() []CompetitorState {
	out := make([]CompetitorState, len(g.rivals))
	for i, r := range g.rivals {
		out[i] = CompetitorState{Name: r.spec.Name, Share: r.share, Experience: r.experience, Shares: r.shares}
	}
	return out
}
