package sim

// WholeShop is what buying every investment as soon as it is allowed would
// cost over the game: each bought at the start of the week after its
// prerequisites are done (the first week for one with none), built at its
// fastest (its least build time, or its teams' effort at the highest
// improvement share of the people they start with, if that is longer,
// with no other build sharing their time), then paying its running cost
// every week from the week after it is done to the game's end. Price is
// the sum of the prices, Running of the running costs. It is the most the
// shop can cost a player who buys all of it, and what the balance check
// sets against the money a sound player can spend.
func (sc *Scenario) WholeShop() (price, running int64) {
	week := Time(sc.HoursPerWeek) * Hour
	done := make([]Time, len(sc.Investments))
	ready := make([]bool, len(sc.Investments))
	var doneAt func(i int) Time
	doneAt = func(i int) Time {
		if ready[i] {
			return done[i]
		}
		inv := &sc.Investments[i]
		var start Time
		for _, p := range inv.Requires {
			start = max(start, Time(ceilDiv(int64(doneAt(p)), int64(week)))*week) // bought in the week after
		}
		build := inv.LeastTime()
		for _, e := range inv.Work() {
			people := int64(sc.Stages[e.Stage].Capacity)
			if people <= 0 {
				continue // an unlimited stage: no team to wait for
			}
			perMinute := float64(people) * MaxImprovementShare
			build = max(build, Time(float64(e.Work)/perMinute+0.5))
		}
		done[i], ready[i] = start+build, true
		return done[i]
	}
	for i := range sc.Investments {
		inv := &sc.Investments[i]
		price += inv.Cost
		doneWeek := ceilDiv(int64(doneAt(i)), int64(week))
		running += inv.WeeklyCost * max(int64(sc.Weeks)-doneWeek, 0)
	}
	return price, running
}
