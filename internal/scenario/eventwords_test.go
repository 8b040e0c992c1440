package scenario

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/sim"
)

var (
	// spanWords is a span of time a text names: "two weeks", "a week".
	spanWords = regexp.MustCompile(`\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|\d+) (week|weeks|month|months)\b`)
	// shortSpan is a span shorter than a week: "a few days", "an afternoon".
	shortSpan = regexp.MustCompile(`\b(few days|\w+ days?|afternoon|hours|within the day)\b`)
	// peopleWords is a count of people a text names: "one developer", "two testers".
	peopleWords = regexp.MustCompile(`\b(a|an|one|two|three|four|five|six) (ops engineer|developer|tester|engineer|person|people)s?\b`)
	numberWords = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12}
)

func countOf(w string) int {
	if n, ok := numberWords[w]; ok {
		return n
	}
	n, _ := strconv.Atoi(w)
	return n
}

// timed reports whether effects change the game for a while (money is
// paid once, whatever the duration), and how many people they take away.
func timed(effects []sim.Effect) (bool, int) {
	some, away := false, 0
	for _, e := range effects {
		if e.Money == 0 || e.Stage >= 0 {
			some = true
		}
		away += e.Away
	}
	return some, away
}

// checkEventWords reports where a text that goes with effects lasting
// weeks says otherwise: a span that is not the duration, a span of days
// for effects that last weeks, or people taken away that are not the
// effects' count.
func checkEventWords(t *testing.T, where, text string, weeks int, effects []sim.Effect) {
	t.Helper()
	some, away := timed(effects)
	if weeks == 0 || !some {
		return
	}
	text = strings.ToLower(text)
	for _, m := range spanWords.FindAllStringSubmatch(text, -1) {
		n := countOf(m[1])
		ok := n == weeks
		if strings.HasPrefix(m[2], "month") {
			ok = weeks >= 4*n && weeks <= 4*n+n/2+1
		}
		if !ok {
			t.Errorf("%s says %q; its effects last %d weeks: %q", where, m[0], weeks, text)
		}
	}
	if m := shortSpan.FindString(text); m != "" && !strings.Contains(text, "days a week") {
		t.Errorf("%s says %q; its effects last %d weeks: %q", where, m, weeks, text)
	}
	if away == 0 {
		return
	}
	named, sum, match := peopleWords.FindAllStringSubmatch(text, -1), 0, false
	for _, m := range named {
		sum += countOf(m[1])
		match = match || countOf(m[1]) == away
	}
	if !match && sum != away {
		t.Errorf("%s takes %d people away but names %v: %q", where, away, named, text)
	}
}

// The words of every event, choice and if_built agree with their effects:
// the weeks they last and the people they take, in every built-in
// scenario (an audit's "a few days of one developer's time" took one
// developer away for two weeks).
func TestEventTextsAgreeWithTheirEffects(t *testing.T) {
	for _, b := range Builtins() {
		sc, err := Resolve(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range sc.Events {
			checkEventWords(t, b.Name+" event "+e.ID, e.Text, e.Duration, e.Effects)
			for _, c := range e.Choices {
				where := b.Name + " event " + e.ID + " choice " + c.ID
				checkEventWords(t, where, c.Text, c.Duration, c.Effects)
				if c.IfBuilt != nil && c.IfBuilt.Effects != nil {
					checkEventWords(t, where+" if built", c.IfBuilt.Text, c.Duration, c.IfBuilt.Effects)
				}
			}
		}
	}
}
