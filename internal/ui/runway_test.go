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
	got, ok := runwayOnceItRuns(g, inv)
	if !ok || math.Abs(got-want) > 1e-9 {
		t.Errorf("runway after buying %s: %.3f weeks (%v), want %.3f", inv.Name, got, ok, want)
	}
	fromToday := c
	fromToday.Investments += inv.WeeklyCost
	if early, _ := fromToday.Runway(cash); got <= early {
		t.Errorf("the runway %.2f is no longer than with the running cost from today, %.2f", got, early)
	}
	if say := fmt.Sprintf("; about %.0f once it runs.", math.Floor(got)); !strings.Contains(buyQuestion(g, inv), say) {
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

// The runway the buy question gives "after buying" is the one the header
// shows once the purchase is made, at 80×24 and 120×40, in the tutorial
// and the default game: one runway, one number. What the running cost
// will do once built is said apart, as a forecast.
func TestRunwayAfterBuyingIsTheHeadersAfterTheBuy(t *testing.T) {
	for _, c := range []struct{ scenario, prefix string }{{"tutorial", ""}, {"globomantics", "Build automation"}, {"startup", "Managed cloud"}} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			tm := shopAt(t, c.scenario, size[0], size[1], c.prefix)
			g := tm.(Model).dash.g
			for { // burning money, so there is a runway to tell
				if _, ok := g.Runway(); ok {
					break
				}
				if _, over := g.Over(); over {
					t.Fatalf("%s: the game ended before it burnt money", c.scenario)
				}
				g.AdvanceWeek()
			}
			tm, _ = drive(t, tm, keyMsg("esc"))
			for i := 0; tm.(Model).dash.tutor.open; i++ { // the tutorial's lessons
				if i > 30 {
					t.Fatalf("%s: a lesson does not close", c.scenario)
				}
				tm, _ = drive(t, tm, keyMsg("enter"))
			}
			tm, _ = drive(t, tm, keyMsg("i"))
			for i := 0; ; i++ {
				inv := g.Investments()[tm.(Model).dash.shop.cursor]
				if strings.HasPrefix(inv.Name, c.prefix) && inv.Lock.Kind == sim.Unlocked && inv.WeeklyCost > 0 {
					break
				}
				if i > len(g.Investments()) {
					t.Fatalf("%s: nothing named %s… to buy", c.scenario, c.prefix)
				}
				tm, _ = drive(t, tm, keyMsg("down"))
			}
			tm, _ = drive(t, tm, keyMsg("enter"))
			q := tm.(Model).dash.shop.question
			i := strings.Index(q, "Runway after buying: ")
			if i < 0 {
				t.Fatalf("%s %dx%d: no runway after buying in %q:\n%s", c.scenario, size[0], size[1], q, tm.View())
			}
			var after int
			if _, err := fmt.Sscanf(q[i:], "Runway after buying: %d weeks", &after); err != nil {
				t.Fatalf("%s %dx%d: %q: %v", c.scenario, size[0], size[1], q[i:], err)
			}
			tm, _ = drive(t, tm, keyMsg("y"))
			d := tm.(Model).dash
			if want := fmt.Sprintf("(%dw", after); !strings.Contains(d.header(), want) {
				t.Errorf("%s %dx%d: the question said %d weeks after buying; the header then says %q", c.scenario, size[0], size[1], after, d.header())
			}
			if want := fmt.Sprintf("runway %dw", after); !strings.Contains(moneyLine(d.g), want) {
				t.Errorf("%s %dx%d: the question said %d weeks after buying; the shop then says %q", c.scenario, size[0], size[1], after, moneyLine(d.g))
			}
		}
	}
}
