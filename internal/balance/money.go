package balance

import (
	"fmt"
	"slices"
	"strings"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/sim"
)

// MoneyBindsAtLeast is the share of seeds on which the whole shop must cost
// more than the sound plan could spend (issue 11, "Money binds").
const MoneyBindsAtLeast = 0.95

// Money is whether money binds: the whole shop's cost (sim.WholeShop:
// prices, and running costs to the end when bought as soon as allowed)
// against what the sound plan could spend, seed by seed (its cash at the
// end and what it paid for investments: the budget and what it earned,
// less running the company).
type Money struct {
	ShopPrice   int64    `json:"shop_price"`
	ShopRunning int64    `json:"shop_running"`
	Spendable   [3]int64 `json:"spendable_p5_p50_p95"`
	// Binds is the share of seeds on which the shop costs more than the
	// sound plan could spend.
	Binds float64 `json:"binds"`
}

// Shop is the whole shop's cost: prices and running costs.
func (m Money) Shop() int64 { return m.ShopPrice + m.ShopRunning }

// moneyBinds measures Money over the sound plan's games.
func moneyBinds(sc *sim.Scenario, sound []game) Money {
	var m Money
	m.ShopPrice, m.ShopRunning = sc.WholeShop()
	if len(sound) == 0 {
		return m
	}
	xs := make([]int64, len(sound))
	for i, g := range sound {
		xs[i] = g.spendable
		if m.Shop() > g.spendable {
			m.Binds++
		}
	}
	m.Binds /= float64(len(sound))
	slices.Sort(xs)
	at := func(p int) int64 { return xs[(len(xs)-1)*p/100] }
	m.Spendable = [3]int64{at(5), at(50), at(95)}
	return m
}

// writeMoney writes the money line of the report.
func writeMoney(b *strings.Builder, m Money) {
	if m.Shop() == 0 {
		return
	}
	fmt.Fprintf(b, "\nmoney binds: shop %s vs spendable %s/%s/%s (p5/median/p95),\n  binds on %s of seeds (shop: %s up front, %s running to the end)\n",
		thousands(m.Shop()), thousands(m.Spendable[0]), thousands(m.Spendable[1]), thousands(m.Spendable[2]),
		pct(m.Binds), thousands(m.ShopPrice), thousands(m.ShopRunning))
}

// thousands is dollars to the nearest thousand: "$1,740k".
func thousands(d int64) string {
	sign := ""
	if d < 0 {
		sign, d = "−", -d
	}
	return sign + "$" + prose.Dollars((d+500)/1000) + "k"
}
