package ui

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/sim"
)

// The runway a purchase leaves is counted as the engine charges: the price
// at once, the running cost only from the week the investment is done in
// (WeeklyCosts counts built investments only), not from today.
func TestRunwayChargesRunningCostsOnceBuilt(t *testing.T) {
	tm := shopAt(t, "startup", 80, 24, "Managed cloud")
	g := tm.(Model).dash.g
	i := tm.(Model).dash.shop.cursor
	inv := g.Investments()[i]
	week := g.Week() + 1
	if inv.WeeklyCost == 0 || inv.ReadyWeek <= week {
		t.Fatalf("%s costs $%d a week and is ready in week %d: nothing to test", inv.Name, inv.WeeklyCost, inv.ReadyWeek)
	}
	c := g.WeeklyCosts()
	cash := g.Cash() - inv.Cost
	building := inv.ReadyWeek - week // week ends at today's costs
	want := float64(building) + float64(cash+int64(building)*c.Net())/float64(-c.Net()+inv.WeeklyCost)
	got, ok := runwayAfterBuying(g, inv)
	if !ok || math.Abs(got-want) > 1e-9 {
		t.Errorf("runway after buying %s: %.3f weeks (%v), want %.3f", inv.Name, got, ok, want)
	}
	fromToday := c
	fromToday.Investments += inv.WeeklyCost
	if early, _ := fromToday.Runway(cash); got <= early {
		t.Errorf("the runway %.2f is no longer than with the running cost from today, %.2f", got, early)
	}
	if say := fmt.Sprintf("Runway after buying: about %.0f weeks", math.Floor(got)); !strings.Contains(buyQuestion(g, inv), say) {
		t.Errorf("the buy question does not say %q: %q", say, buyQuestion(g, inv))
	}

	// The engine's side: the running cost is not charged while it builds.
	if err := g.Apply(sim.Decision{Kind: sim.Invest, Investment: inv.ID}); err != nil {
		t.Fatal(err)
	}
	for g.Investments()[i].State == sim.Building {
		if got := g.WeeklyCosts().Investments; got != c.Investments {
			t.Fatalf("week %d, still building: investments cost $%d a week, want $%d", g.Week()+1, got, c.Investments)
		}
		if _, over := g.Over(); over {
			t.Fatal("the game ended before it was built")
		}
		g.AdvanceWeek()
	}
	if got := g.WeeklyCosts().Investments; got != c.Investments+inv.WeeklyCost {
		t.Errorf("once built: investments cost $%d a week, want $%d", got, c.Investments+inv.WeeklyCost)
	}
}
