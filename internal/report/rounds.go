package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/globomantics/globosim/internal/prose"
)

// Rounds in the debrief: a room played in rounds (serve --rounds) records
// every player's game at each round's last week; the debrief has a table
// per round with each player's numbers there and their spread.

// Spread is how a number is spread across players: the least, the
// quartiles (nearest rank, as Summarize's percentiles), the median and the
// most, over N values.
type Spread struct {
	N                        int
	Min, Q1, Median, Q3, Max float64
}

// SpreadOf is the spread of xs (zero for none). It does not modify xs.
func SpreadOf(xs []float64) Spread {
	n := len(xs)
	if n == 0 {
		return Spread{}
	}
	sorted := slices.Clone(xs)
	slices.Sort(sorted)
	rank := func(p int) float64 { return sorted[max((p*n+99)/100, 1)-1] }
	return Spread{N: n, Min: sorted[0], Q1: rank(25), Median: rank(50), Q3: rank(75), Max: sorted[n-1]}
}

// RoundGame is one player's game at a round's last week.
type RoundGame struct {
	Player string
	Week   int     // where the game stood: the round's week, or earlier if it ended before
	Share  float64 // market share, 0..1
	// LeadTime is the DORA lead time for changes over the last quarter, in
	// hours; 0 when nothing has reached production.
	LeadTime     float64
	HoursPerWeek int
	Budget       int64 // money in the bank
	Ended        bool  // the game ended before the round's week
}

// Round is a round of a room: the week it ended at and every game there.
type Round struct {
	Number, Week int
	Games        []RoundGame // best market share first
}

// RoundsMarkdown writes a section per round: each player's market share,
// lead time for changes and money at the round's last week, then their
// spread. Player names are escaped for Markdown.
func RoundsMarkdown(w io.Writer, rounds []Round) error {
	var b strings.Builder
	for _, r := range rounds {
		fmt.Fprintf(&b, "\n## Round %d: week %d\n\n", r.Number, r.Week)
		if len(r.Games) == 0 {
			b.WriteString("No game reached this round's week.\n")
			continue
		}
		b.WriteString("| player | week | market share | lead time for changes | money |\n|---|---:|---:|---:|---:|\n")
		var shares, leads, money []float64
		hours := 0
		for _, g := range r.Games {
			week := fmt.Sprint(g.Week)
			if g.Ended {
				week += " (ended)"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", md(g.Player), week, sharePercent(g.Share), leadOf(g.LeadTime, g.HoursPerWeek), prose.Money(g.Budget))
			shares, money = append(shares, g.Share), append(money, float64(g.Budget))
			if g.LeadTime > 0 {
				leads = append(leads, g.LeadTime)
			}
			hours = max(hours, g.HoursPerWeek)
		}
		fmt.Fprintf(&b, "\nThe spread across the %s (lead time for changes over those that had shipped: %d):\n\n", prose.Count(len(r.Games), "player", "players"), len(leads))
		b.WriteString("| | least | lower quartile | median | upper quartile | most |\n|---|---:|---:|---:|---:|---:|\n")
		sp := SpreadOf(shares)
		fmt.Fprintf(&b, "| market share | %s | %s | %s | %s | %s |\n", sharePercent(sp.Min), sharePercent(sp.Q1), sharePercent(sp.Median), sharePercent(sp.Q3), sharePercent(sp.Max))
		if lp := SpreadOf(leads); lp.N > 0 {
			d := func(h float64) string { return Duration(h, hours) }
			fmt.Fprintf(&b, "| lead time for changes | %s | %s | %s | %s | %s |\n", d(lp.Min), d(lp.Q1), d(lp.Median), d(lp.Q3), d(lp.Max))
		} else {
			fmt.Fprintf(&b, "| lead time for changes | %s | %s | %s | %s | %s |\n", NoValue, NoValue, NoValue, NoValue, NoValue)
		}
		mp := SpreadOf(money)
		m := func(x float64) string { return prose.Money(int64(x)) }
		fmt.Fprintf(&b, "| money | %s | %s | %s | %s | %s |\n", m(mp.Min), m(mp.Q1), m(mp.Median), m(mp.Q3), m(mp.Max))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func sharePercent(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

func leadOf(h float64, hoursPerWeek int) string {
	if h <= 0 || hoursPerWeek <= 0 {
		return NoValue
	}
	return Duration(h, hoursPerWeek)
}
