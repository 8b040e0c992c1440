package sim

import "slices"

// MVP slicing: a feature is cut into thin slices. The first slice is built
// and shipped on its own; once it is in customers' hands the feature's real
// value is known, and if it is low the slices not yet started are dropped.
// Shipping the first slice quickly is what makes the learning pay: with a
// slow release train the other slices are built before anyone learns.
//
// Lead time is counted per item, from when it enters the system, so that it
// pairs with the work in progress as Little's law wants: the first slice
// enters when the feature arrives, a later slice when it is queued (once
// the first is committed). What the customer waits for is measured per
// feature, from its arrival: the time to first value (to its first slice in
// production) and the feature lead time (to its last slice in production,
// the dropped ones aside). A feature built whole has both equal to its
// lead time.

// feature is a sliced feature.
type feature struct {
	value   float64 // hidden until its first slice ships
	slices  int
	size    float64 // of each slice
	work    int
	arrived Time
	left    int  // slices neither in production nor dropped
	first   bool // a slice of it is in production
}

// offersSlicing reports whether the player can slice features in this
// game: the company has features to slice, and slicing is on or an
// investment turns it on.
func (g *Game) offersSlicing() bool {
	if len(g.sc.Slicing.Work) == 0 {
		return false
	}
	if g.slicingEnabled {
		return true
	}
	for _, inv := range g.sc.Investments {
		for _, e := range inv.Effects {
			if e.Slicing {
				return true
			}
		}
	}
	return false
}

func (g *Game) sliceable(w int) bool {
	return slices.Contains(g.sc.Slicing.Work, w)
}

// slice cuts a newly arrived feature: the item becomes its first slice.
func (g *Game) slice(id int32) {
	it := &g.sim.items[id]
	if it.Feature >= 0 || !g.sliceable(it.Work) {
		return
	}
	f := feature{value: it.Value, slices: g.slices, size: it.Size / float64(g.slices), work: it.Work, arrived: it.Arrived, left: g.slices}
	g.features = append(g.features, f)
	it.Feature, it.Slice, it.Size = int32(len(g.features)-1), 0, f.size
}

// queueSlices puts a feature's other slices into the queue behind the first.
func (g *Game) queueSlices(fi int32) {
	f := &g.features[fi]
	for k := 1; k < f.slices; k++ {
		id := g.sim.Inject(f.work, f.size, f.value)
		it := &g.sim.items[id]
		it.Feature, it.Slice = fi, int8(k)
	}
}

// learn: the first slice of a feature is in production and its value is
// known. A feature not worth finishing loses the slices nobody has started.
func (g *Game) learn(fi int32) {
	f := &g.features[fi]
	if f.value >= g.sc.Slicing.Drop {
		return
	}
	first := g.sc.Work[f.work].Route[0]
	n := g.sim.dropWaiting(first, func(it *Item) bool { return it.Feature == fi && it.Slice > 0 })
	if n > 0 {
		g.saved += float64(float64(n)*f.size) * g.sc.Stages[first].Service.Mean() / float64(Hour)
		g.droppedSlices += n
		f.left -= n
	}
}

// featureWork is a feature's change reaching production: a slice, or a
// feature built whole (of a work type that slicing cuts). It times the
// feature for the customer, from its arrival; a first slice also teaches
// what the feature is worth.
func (g *Game) featureWork(it *Item, now Time) {
	if it.Feature < 0 {
		if g.sliceable(it.Work) {
			g.firstValue.add(now - it.Arrived)
			g.featureLead.add(now - it.Arrived)
		}
		return
	}
	f := &g.features[it.Feature]
	if !f.first {
		f.first = true
		g.firstValue.add(now - f.arrived)
	}
	f.left--
	if it.Slice == 0 {
		g.learn(it.Feature)
	}
	if f.left == 0 {
		g.featureLead.add(now - f.arrived)
	}
}

// arrivedAt is when the customer asked for the item's work: the feature's
// arrival for a slice, else the item's own. The cost of delay counts from
// it.
func (g *Game) arrivedAt(it *Item) Time {
	if it.Feature >= 0 {
		return g.features[it.Feature].arrived
	}
	return it.Arrived
}

// Features is the wait for features so far, from their arrival to their
// first slice in production and to their last.
func (g *Game) Features() FeatureFlow {
	var f FeatureFlow
	f.TimeToFirstValue, f.FirstValue = summarise(&g.firstValue, &g.leads)
	f.LeadTime, f.Delivered = summarise(&g.featureLead, &g.leads)
	return f
}

// WorkSaved is the development time, in hours, not spent on slices of
// features that turned out not to be worth finishing.
func (g *Game) WorkSaved() float64 { return g.saved }

// Slices is the current slicing policy: slices per new feature (1: none).
func (g *Game) Slices() int { return g.slices }
