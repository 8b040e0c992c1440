package report

import (
	"strings"
	"testing"
)

func TestSpreadOf(t *testing.T) {
	if sp := SpreadOf(nil); sp != (Spread{}) {
		t.Errorf("no values: %+v", sp)
	}
	xs := []float64{5, 1, 4, 2, 3, 8, 7, 6}
	want := Spread{N: 8, Min: 1, Q1: 2, Median: 4, Q3: 6, Max: 8}
	if sp := SpreadOf(xs); sp != want {
		t.Errorf("SpreadOf(%v) = %+v, want %+v", xs, sp, want)
	}
	if xs[0] != 5 {
		t.Error("SpreadOf sorted its argument")
	}
}

// A round's table escapes names, lists the games that did not reach the
// round's week (ended, left, still playing) where they stood, counts only
// those that did in the spread ("n of m"), and says when no one had
// shipped.
func TestRoundsMarkdown(t *testing.T) {
	var b strings.Builder
	err := RoundsMarkdown(&b, []Round{{Number: 1, Week: 13, Games: []RoundGame{
		{Player: "ana|<b>", Week: 13, Share: 0.312, Budget: 1200000, HoursPerWeek: 40},
		{Player: "ben", Week: 9, Share: 0.14, Budget: -5000, HoursPerWeek: 40, Reach: EndedBefore},
		{Player: "cy", Week: 5, Share: 0.05, Budget: 700000, HoursPerWeek: 40, Reach: LeftBefore},
		{Player: "dee", Week: 13, Share: 0.25, Budget: 900000, HoursPerWeek: 40},
		{Player: "eve", Week: 11, Share: 0.2, Budget: 800000, Reach: NotYet},
	}}, {Number: 2, Week: 26}, {Number: 3, Week: 39, Games: []RoundGame{{Player: "cy", Week: 5, Reach: LeftBefore}}}})
	if err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"## Round 1: week 13", `| ana\|&lt;b&gt; | 13 | 31.2% | – | $1,200,000 |`, "| ben | 9 (ended) | 14.0% |",
		"| cy | 5 (left) | 5.0% |", "| eve | 11 (still playing) | 20.0% |",
		"The spread across the 2 of 5 players whose games reached week 13 (not counted: 1 had left, 1 had ended, 1 still playing); the lead time for changes over the 0 of them that had shipped:",
		"| lead time for changes | – | – | – | – | – |",
		"| market share | 25.0% | 25.0% | 25.0% | 31.2% | 31.2% |", "## Round 2: week 26\n\nNo game reached this round's week.",
		"| cy | 5 (left) |", "No game reached week 39, so there is no spread."} {
		if !strings.Contains(out, want) {
			t.Errorf("the rounds lack %q:\n%s", want, out)
		}
	}
}
