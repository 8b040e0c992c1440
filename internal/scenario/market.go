package scenario

import (
	"fmt"
	"math"
	"strings"

	"github.com/globomantics/globosim/internal/sim"
)

// market reads [market]: how customers choose between companies.
func (d *decoder) market(root in) sim.Market {
	x, _ := d.section(root, "market", marketTable)
	m := sim.Market{ValueHalfLife: 8}
	m.Switching, _ = d.number(x, "switching", 0, fraction)
	m.Reconsider, _ = d.number(x, "reconsider", 0, fraction)
	m.Sensitivity, _ = d.number(x, "sensitivity", 0, atLeastZero)
	if x.has("value_half_life") {
		if w, ok := d.weeks(x, "value_half_life"); ok && w <= 0 {
			d.report(x.key("value_half_life"), "market: value_half_life must be more than 0 (got %s): it is how long delivered value takes to fade to half",
				show(x.t["value_half_life"]))
		} else if ok {
			m.ValueHalfLife = w
		}
	}
	if x.has("delay_half_life") {
		m.DelayHalfLife, _ = d.weeks(x, "delay_half_life")
	}
	m.Experience, _ = d.number(x, "experience", 0, atLeastZero)
	return m
}

// shareTolerance is how far the market shares may add up from 1, so that
// shares such as 0.33, 0.33 and 0.34 need no more digits.
const shareTolerance = 0.001

// competitors reads the [[competitor]] tables and checks that with the
// company they hold the whole market.
func (d *decoder) competitors(root in, c sim.Company, shareOK bool) []sim.Competitor {
	list := d.tables(root, "competitor", "", d.uniqueName)
	var rivals []sim.Competitor
	if len(list) > 0 {
		rivals = make([]sim.Competitor, len(list))
	}
	shares := []float64{c.MarketShare}
	for i, e := range list {
		d.checkKeys(e.in, competitorTable)
		r := &rivals[i]
		r.Name = e.id
		if e.has("share") {
			var ok bool
			r.Share, ok = d.number(e.in, "share", 0, partShare)
			shareOK = shareOK && ok
			shares = append(shares, r.Share)
		} else {
			d.missingFor(e.in, "share", "its part of the market, such as 0.4")
			shareOK = false
		}
		r.Experience, _ = d.number(e.in, "experience", 0, atLeastZero)
		if e.has("release_every") {
			t, _ := d.time(e.in, "release_every")
			r.ReleaseEvery = max(1, int(math.Round(float64(t)/float64(d.week()))))
		} else {
			d.missingFor(e.in, "release_every", `how often it ships, such as "2w"`)
		}
		r.Growth, _ = d.number(e.in, "growth", 0, atLeastZero)
	}
	if shareOK {
		d.marketAddsUp(root, list, shares)
	}
	return rivals
}

// marketAddsUp checks that market_share and the competitors' shares add up
// to 1 (shares[0] is the company's).
func (d *decoder) marketAddsUp(root in, list []entry, shares []float64) {
	terms := make([]string, len(shares))
	total := 0.0
	for i, s := range shares {
		terms[i] = show(s)
		total += s
	}
	if math.Abs(total-1) <= shareTolerance {
		return
	}
	at, whose := joinKey(root.key("company"), "market_share"), "market_share in [company]"
	if _, written := d.at[at]; !written {
		whose = "market_share in [company] (1 when not given)"
		if len(list) > 0 {
			at = list[0].key("share")
		}
	}
	rest := fmt.Sprintf("%.4g", 1-shares[0])
	if len(list) == 0 {
		d.report(at, "market shares must add up to 1, but %s is %s and there are no [[competitor]] tables to hold the other %s",
			whose, terms[0], rest)
		return
	}
	d.report(at, "market shares must add up to 1, but %s and the [[competitor]] shares add up to %.4g (%s)",
		whose, total, strings.Join(terms, " + "))
}

// uniqueName reads the required name of a [[competitor]] and checks that
// no earlier one in first has it.
func (d *decoder) uniqueName(x in, key string, first map[string]string) string {
	if !x.has("name") {
		d.missing(x, "name")
		return ""
	}
	name, ok := d.text(x, "name")
	switch {
	case !ok:
		return ""
	case strings.TrimSpace(name) == "":
		d.report(x.key("name"), "%s must not be empty: it is what players see on the market chart", x.name("name"))
		return ""
	}
	if p, taken := first[name]; taken {
		d.report(x.key("name"), "%s name %s is used twice (the first is on line %d); names must be unique", key, quote(name), d.position(p).line)
	} else {
		first[name] = x.key("name")
	}
	return name
}
