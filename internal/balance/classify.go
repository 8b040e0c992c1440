package balance

import (
	"strconv"

	"github.com/globomantics/globosim/internal/sim"
)

// IsPractice says whether an investment changes how people work (a
// practice) rather than automating something (a tool), from its effects:
// slicing features or changing a team's people is a practice; a step made
// unlimited, a service sped up, test coverage, environment parity, a batch
// removed, faster restores, fewer outside requests or cheaper
// infrastructure is a tool; anything else (fewer defects, customer
// experience, money) is a practice.
func IsPractice(inv *sim.Investment) bool {
	for _, e := range inv.Effects {
		if e.Slicing || e.AddCapacity != 0 || e.Away != 0 { // people's time, not a tool
			return true
		}
	}
	for _, e := range inv.Effects {
		if isTool(e) {
			return false
		}
	}
	return true
}

func isTool(e sim.Effect) bool {
	return e.SetsCapacity && e.Capacity == sim.Unlimited ||
		e.Service > 0 && e.Service < 1 ||
		e.Coverage > 0 || e.Parity > 0 || e.SetsBatch || e.SetsBackground ||
		e.Restore > 0 && e.Restore < 1 ||
		e.InfraCost > 0 && e.InfraCost < 1
}

func enablesSlicing(inv *sim.Investment) bool {
	for _, e := range inv.Effects {
		if e.Slicing {
			return true
		}
	}
	return false
}

// onlyPractices says whether investment i and everything it needs first
// are practices.
func onlyPractices(sc *sim.Scenario, i int) bool {
	seen := make([]bool, len(sc.Investments))
	var ok func(i int) bool
	ok = func(i int) bool {
		if seen[i] {
			return true
		}
		seen[i] = true
		if !IsPractice(&sc.Investments[i]) {
			return false
		}
		for _, r := range sc.Investments[i].Requires {
			if !ok(r) {
				return false
			}
		}
		return true
	}
	return ok(i)
}

func shareText(s float64) string { return strconv.FormatFloat(s, 'f', -1, 64) }
