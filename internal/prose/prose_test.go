package prose

import (
	"fmt"
	"math"
	"strconv"
	"testing"
)

func TestDollars(t *testing.T) {
	for d, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1500000: "1,500,000", -25000: "-25,000"} {
		if got := Dollars(d); got != want {
			t.Errorf("Dollars(%d) = %q, want %q", d, got, want)
		}
	}
}

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n         int
		one, many string
		want      string
	}{{1, "person", "people", "1 person"}, {0, "person", "people", "0 people"}, {3, "try", "tries", "3 tries"}, {-2, "week", "weeks", "-2 weeks"}} {
		if got := Count(c.n, c.one, c.many); got != c.want {
			t.Errorf("Count(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

func TestNiceCeil(t *testing.T) {
	for x, want := range map[float64]float64{0.3: 0.5, 1: 1, 1.01: 2, 2.2: 2.5, 3: 5, 7: 10, 12: 20, 0.013: 0.02, 450: 500} {
		if got := NiceCeil(x, RowSteps); math.Abs(got-want) > 1e-12 {
			t.Errorf("NiceCeil(%v, RowSteps) = %v, want %v", x, got, want)
		}
	}
	for x, want := range map[float64]float64{-1: 1, 0: 1, 0.3: 0.5, 1: 1, 2.2: 5, 5: 5, 6: 10, 12: 20, 4500: 5000} {
		if got := NiceCeil(x, CeilSteps); math.Abs(got-want) > 1e-12 {
			t.Errorf("NiceCeil(%v, CeilSteps) = %v, want %v", x, got, want)
		}
	}
}

func ExampleWrap() {
	fmt.Print(Wrap("hire network -1, then a word longer than the width: unbreakable", 16))
	// Output:
	// hire network -1,
	// then a word
	// longer than the
	// width:
	// unbreakable
}

// A share below a limit never reads as the limit or above it, and a debt
// puts its minus before the dollar sign.
func TestPercentBelowAndMoney(t *testing.T) {
	for _, c := range []struct {
		x, limit float64
		want     string
	}{
		{0.1498, 0.15, "14.98%"},
		{0.14951, 0.15, "14.95%"},
		{0.149999, 0.15, "14.9999%"},
		{0.1499999, 0.15, "14.9999%"},
		{0.289, 0.3, "28.9%"},
		{0.31, 0.3, "31.0%"},
	} {
		if got := PercentBelow(c.x, c.limit); got != c.want {
			t.Errorf("PercentBelow(%v, %v) = %q, want %q", c.x, c.limit, got, c.want)
		}
	}
	for d, want := range map[int64]string{-54655: "−$54,655", 0: "$0", 1500000: "$1,500,000"} {
		if got := Money(d); got != want {
			t.Errorf("Money(%d) = %q, want %q", d, got, want)
		}
	}
}

func TestMoneyShort(t *testing.T) {
	for d, want := range map[int64]string{0: "$0", 9500: "$9,500", 10000: "$10k", 55_499: "$55k", 192_600: "$193k",
		999_400: "$999k", 1_639_000: "$1.64M", 12_340_000: "$12.3M", 250_000_000: "$250M", -43_210: "−$43k", -1_639_000: "−$1.64M"} {
		if got := MoneyShort(d); got != want {
			t.Errorf("MoneyShort(%d) = %q, want %q", d, got, want)
		}
	}
}

func TestPossessiveAndPersonWeeks(t *testing.T) {
	for name, want := range map[string]string{"Development": "Development's", "Network tickets": "Network tickets'", "QA": "QA's"} {
		if got := Possessive(name); got != want {
			t.Errorf("Possessive(%q) = %q, want %q", name, got, want)
		}
	}
	for n, want := range map[string]string{"1": "1 person-week", "1.5": "1.5 person-weeks", "0": "0 person-weeks", "10": "10 person-weeks"} {
		if got := PersonWeeks(n); got != want {
			t.Errorf("PersonWeeks(%q) = %q, want %q", n, got, want)
		}
	}
}

func TestDuration(t *testing.T) {
	for _, c := range []struct {
		h    float64
		want string
	}{{3, "3.0h"}, {15.9, "15.9h"}, {16, "2.0d"}, {79, "9.9d"}, {80, "2.0w"}, {400, "10.0w"}} {
		if got := Duration(c.h, 40); got != c.want {
			t.Errorf("Duration(%v) = %q, want %q", c.h, got, c.want)
		}
	}
}

// UnitOf is the unit Duration writes in: its suffix, and a duration
// divided by its hours is Duration's number.
func TestUnitOf(t *testing.T) {
	for _, h := range []float64{3, 15.9, 16, 79, 80, 400} {
		u := UnitOf(h, 40)
		if got := strconv.FormatFloat(h/u.Hours, 'f', 1, 64) + u.Suffix; got != Duration(h, 40) {
			t.Errorf("%vh in %s: %q, Duration says %q", h, u.Name, got, Duration(h, 40))
		}
	}
	if u := UnitOf(80, 40); u.Name != "weeks" || u.Hours != 40 {
		t.Errorf("80h of 40h weeks: %+v", u)
	}
}
