package sim_test

import (
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// The whole shop is every price, and every running cost from the week
// after the investment could first be done to the end: CI (five weeks to
// build) runs from week 6, test automation level 1 (four weeks, needs CI)
// is bought in week 6 and runs from week 10.
func TestWholeShop(t *testing.T) {
	sc := defaultScenario(t)
	only := *sc
	only.Investments = nil
	for _, inv := range sc.Investments {
		if inv.ID == "ci" || inv.ID == "tests1" {
			only.Investments = append(only.Investments, inv)
		}
	}
	ci, tests1 := only.Investments[0], only.Investments[1]
	tests1.Requires = []int{0}
	only.Investments[1] = tests1
	price, running := only.WholeShop()
	if want := ci.Cost + tests1.Cost; price != want {
		t.Errorf("price $%d, want $%d", price, want)
	}
	weeks := int64(sc.Weeks)
	if want := ci.WeeklyCost*(weeks-5) + tests1.WeeklyCost*(weeks-9); running != want {
		t.Errorf("running $%d, want $%d (CI done in week 5, tests in week 9)", running, want)
	}
	var all int64
	for _, inv := range sc.Investments {
		all += inv.Cost
	}
	if p, r := sc.WholeShop(); p != all || r <= 0 {
		t.Errorf("the default shop: price $%d (want $%d), running $%d", p, all, r)
	}
}

// InvestedMoney is the prices paid and the running costs of what is built,
// so that cash plus it does not depend on what was bought when nothing
// else changes.
func TestInvestedMoney(t *testing.T) {
	sc := defaultScenario(t)
	g := sim.NewGame(sc, 1, 0)
	if err := g.Apply(sim.Decision{Kind: sim.Invest, Investment: "mvp"}); err != nil {
		t.Fatal(err)
	}
	var mvp sim.Investment
	for _, inv := range sc.Investments {
		if inv.ID == "mvp" {
			mvp = inv
		}
	}
	if g.InvestedMoney() != mvp.Cost {
		t.Errorf("after buying MVP slicing: $%d invested, want its price $%d", g.InvestedMoney(), mvp.Cost)
	}
	g = sim.NewGame(sc, 1, 0)
	if err := g.Apply(sim.Decision{Kind: sim.Invest, Investment: "ci"}); err != nil {
		t.Fatal(err)
	}
	var paid int64
	for g.Week() < 12 {
		g.AdvanceWeek()
		paid += g.WeeklyCosts().Investments
	}
	if !g.Invested("ci") {
		t.Fatal("CI not built in 12 weeks")
	}
	if want := paid + 90_000; g.InvestedMoney() != want {
		t.Errorf("CI after 12 weeks: $%d invested, want $%d (its price and $%d of running costs)", g.InvestedMoney(), want, paid)
	}
}

// A payout takes its share of the week's operating profit (revenue less
// salaries, infrastructure and outages) out of the bank; a week that loses
// money pays nothing, and nothing else in the game changes.
func TestPayout(t *testing.T) {
	sc := defaultScenario(t)
	rich := *sc
	rich.Company.RevenuePerWeek = 3 * sc.Company.RevenuePerWeek
	paying := rich
	paying.Company.Payout = 0.5
	keep, pay := sim.NewGame(&rich, 1, 0), sim.NewGame(&paying, 1, 0)
	for range 8 {
		c := pay.WeeklyCosts()
		profit := c.Revenue - c.Salaries - c.Infrastructure - c.Incidents
		if want := (profit + 1) / 2; c.Payout != want && c.Payout != profit/2 {
			t.Errorf("week %d: payout $%d of a profit of $%d, want half", pay.Week(), c.Payout, profit)
		}
		if c.Total() != c.Running()+c.Incidents+c.Payout {
			t.Errorf("week %d: total $%d is not running $%d, outages $%d and payout $%d", pay.Week(), c.Total(), c.Running(), c.Incidents, c.Payout)
		}
		keep.AdvanceWeek()
		pay.AdvanceWeek()
	}
	if pay.Cash() >= keep.Cash() || pay.Share() != keep.Share() {
		t.Errorf("with a payout: $%d and share %v; without: $%d and %v", pay.Cash(), pay.Share(), keep.Cash(), keep.Share())
	}
	if c := sim.NewGame(sc, 1, 0).WeeklyCosts(); c.Payout != 0 {
		t.Errorf("no payout in the scenario, but $%d paid out", c.Payout)
	}
	losing := *sc
	losing.Company.Payout = 1
	if c := sim.NewGame(&losing, 1, 0).WeeklyCosts(); c.Revenue < c.Salaries+c.Infrastructure && c.Payout != 0 {
		t.Errorf("a week that loses money pays out $%d", c.Payout)
	}
}

// Money still binds after the startup's funding round: on its investors'
// terms profit never adds to the bank, so playing the sound plan the
// company burns money, with a runway, every week after the round.
func TestStartupRunwayAfterTheRound(t *testing.T) {
	sc, err := scenario.Resolve("startup")
	if err != nil {
		t.Fatal(err)
	}
	p, err := scenario.ResolvePlan("startup-devops", sc)
	if err != nil {
		t.Fatal(err)
	}
	g := sim.NewGame(sc, 1, 0)
	pending := p.Steps
	for g.Week() < sc.Weeks {
		if _, over := g.Over(); over {
			t.Fatalf("the sound plan's game on seed 1 ended in week %d", g.Week())
		}
		week := g.Week() + 1
		var rest []sim.PlannedDecision
		for _, s := range pending {
			if s.Week > week || g.Apply(s.Decision) != nil {
				rest = append(rest, s)
			}
		}
		pending = rest
		g.AdvanceWeek()
		if g.Week() > 14 && g.Week() < sc.Weeks {
			if _, ok := g.Runway(); !ok {
				c := g.WeeklyCosts()
				t.Fatalf("week %d: no runway: $%d in, $%d out, $%d paid out", g.Week(), c.Revenue, c.Total(), c.Payout)
			}
		}
	}
}
