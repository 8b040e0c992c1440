package balance

import (
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
)

// In every built-in scenario but the tutorial, the whole shop costs more
// than the sound plan could spend (its cash at the end and what it paid for
// investments) on at least 95% of seeds (40 here, 10 with -short;
// docs/game.md has the figures on 500).
func TestMoneyBinds(t *testing.T) {
	runs := 40
	if testing.Short() {
		runs = 10
	}
	for _, name := range []string{"globomantics", "startup", "enterprise"} {
		t.Run(name, func(t *testing.T) {
			sc, err := scenario.Resolve(name)
			if err != nil {
				t.Fatal(err)
			}
			sound := Strategy{Name: "sound", Kind: Sound, Plan: builtinPlans(t, name, sc)[0]}
			m := moneyBinds(sc, sound.record(sc, runs, 1, false))
			price, running := sc.WholeShop()
			if m.ShopPrice != price || m.ShopRunning != running {
				t.Errorf("shop $%d + $%d, the engine's $%d + $%d", m.ShopPrice, m.ShopRunning, price, running)
			}
			if m.Binds < MoneyBindsAtLeast {
				t.Errorf("money binds on %.0f%% of seeds, want at least %.0f%%: shop $%d, spendable p5/p50/p95 %v",
					100*m.Binds, 100*MoneyBindsAtLeast, m.Shop(), m.Spendable)
			}
			if !(m.Spendable[0] <= m.Spendable[1] && m.Spendable[1] <= m.Spendable[2]) || m.Spendable[0] <= 0 {
				t.Errorf("spendable p5/p50/p95 %v", m.Spendable)
			}
		})
	}
}

// The report says it in one line (two, to fit 80 columns), figures in
// thousands of dollars.
func TestMoneyLine(t *testing.T) {
	rep := good()
	rep.Money = Money{ShopPrice: 1_415_000, ShopRunning: 809_000, Spendable: [3]int64{1_300_400, 1_731_600, 2_114_000}, Binds: 0.98}
	out := rep.Format()
	want := "money binds: shop $2,224k vs spendable $1,300k/$1,732k/$2,114k (p5/median/p95),\n" +
		"  binds on 98% of seeds (shop: $1,415k up front, $809k running to the end)\n"
	if !strings.Contains(out, want) {
		t.Errorf("the report has no money line %q:\n%s", want, out)
	}
	if thousands(-1_499) != "−$1k" || thousands(0) != "$0k" {
		t.Errorf("thousands: %q, %q", thousands(-1_499), thousands(0))
	}
	rep.Money = Money{}
	if strings.Contains(rep.Format(), "money binds") {
		t.Error("a scenario with no shop has a money line")
	}
}
