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

// Reach is how far a game got towards a round's last week.
type Reach int

const (
	Reached     Reach = iota // played to the round's week
	EndedBefore              // the game ended before it
	LeftBefore               // the player left before it: the game stood where they left it
	NotYet                   // still being played, not there yet (written mid-round)
)

var reachNames = [...]string{"reached", "ended", "left", "playing"}

// String is the word rounds.csv has for it.
func (r Reach) String() string { return reachNames[r] }

// RoundGame is one player's game at a round's last week.
type RoundGame struct {
	Player string
	Week   int     // where the game stood: the round's week, or earlier if it did not reach it
	Share  float64 // market share, 0..1
	// LeadTime is the DORA lead time for changes over the last quarter, in
	// hours; 0 when nothing has reached production (or not known).
	LeadTime     float64
	HoursPerWeek int
	Budget       int64 // money in the bank
	Reach        Reach
}

// weekCell is the game's week in a round's table: "13", "9 (ended)",
// "5 (left)", "11 (still playing)".
func (g RoundGame) weekCell() string {
	switch g.Reach {
	case EndedBefore:
		return fmt.Sprintf("%d (ended)", g.Week)
	case LeftBefore:
		return fmt.Sprintf("%d (left)", g.Week)
	case NotYet:
		return fmt.Sprintf("%d (still playing)", g.Week)
	}
	return fmt.Sprint(g.Week)
}

// Round is a round of a room: the week it ended at and every game there.
type Round struct {
	Number, Week int
	Games        []RoundGame // best market share first
}

// RoundsMarkdown writes a section per round: each player's market share,
// lead time for changes and money at the round's last week, those whose
// games did not get there among them (where they stood), then the spread
// over the games that got there: "n of m". Player names are escaped for
// Markdown.
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
		var short [len(reachNames)]int // games by how far they got
		for _, g := range r.Games {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", md(g.Player), g.weekCell(), sharePercent(g.Share), leadOf(g.LeadTime, g.HoursPerWeek), prose.Money(g.Budget))
			short[g.Reach]++
			if g.Reach != Reached {
				continue
			}
			shares, money = append(shares, g.Share), append(money, float64(g.Budget))
			if g.LeadTime > 0 {
				leads = append(leads, g.LeadTime)
			}
			hours = max(hours, g.HoursPerWeek)
		}
		if len(shares) == 0 {
			fmt.Fprintf(&b, "\nNo game reached week %d, so there is no spread.\n", r.Week)
			continue
		}
		fmt.Fprintf(&b, "\nThe spread across the %d of %s whose games reached week %d%s; the lead time for changes over the %d of them that had shipped:\n\n",
			len(shares), prose.Count(len(r.Games), "player", "players"), r.Week, shortOf(short), len(leads))
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

// shortOf says how many games did not reach the round's week, and why:
// " (not counted: 1 had left, 1 had ended)"; "" when all did.
func shortOf(n [len(reachNames)]int) string {
	var parts []string
	if n[LeftBefore] > 0 {
		parts = append(parts, fmt.Sprintf("%d had left", n[LeftBefore]))
	}
	if n[EndedBefore] > 0 {
		parts = append(parts, fmt.Sprintf("%d had ended", n[EndedBefore]))
	}
	if n[NotYet] > 0 {
		parts = append(parts, fmt.Sprintf("%d still playing", n[NotYet]))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (not counted: " + strings.Join(parts, ", ") + ")"
}

func sharePercent(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

func leadOf(h float64, hoursPerWeek int) string {
	if h <= 0 || hoursPerWeek <= 0 {
		return NoValue
	}
	return Duration(h, hoursPerWeek)
}
