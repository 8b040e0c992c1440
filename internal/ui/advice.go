package ui

import (
	"fmt"
	"strings"

	"github.com/globomantics/globosim/internal/sim"
)

// advice points at the current bottleneck from the simulation's own
// numbers: the stage where work waited longest in the last four weeks, why,
// and what in the shop would help it.
func advice(g *sim.Game) string {
	b := g.Bottleneck(4)
	if b.Stage < 0 {
		return "Advisor: nothing has waited anywhere yet. Play a week (space) first."
	}
	msg := fmt.Sprintf("Advisor: %.0f%% of the waiting in the last 4 weeks was at %s: %s.", 100*b.Share, b.Name, b.Why)
	var helps []string
	for _, inv := range g.Investments() {
		if inv.State != "available" && inv.State != "locked" {
			continue
		}
		for _, e := range inv.Effects {
			if e.Stage == b.Stage {
				helps = append(helps, inv.Name)
				break
			}
		}
	}
	if len(helps) > 0 {
		msg += " In the shop: " + strings.Join(helps, ", ") + "."
	}
	return msg
}
