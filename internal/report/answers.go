package report

import (
	"fmt"

	"github.com/globomantics/globosim/internal/sim"
)

// Answer is how one firing of an event that asks was answered, and what
// the answer was worth: the debrief's "Your answers", on the end screen and
// in the Markdown report alike.
type Answer struct {
	Week  int    // the week the event fired in
	Event string // the event's id
	Title string // what the game calls it (its id in a file from before titles were recorded)
	// Choice is the id of the answer taken and Label its words (the id in
	// an older file); both "" when the game ended before an answer.
	Choice, Label string
	Default       bool // nobody answered: the game moved on and took the default
	// Worth is what the answer was worth in points, from the debrief's
	// replay of the game without the decision that gave it, which takes the
	// default instead; Weighed says there is such a figure (not for a
	// default, nor before the game is scored).
	Worth   int
	Weighed bool
	// Before: the answer was given before the event came (a standing
	// answer). Again: that decision answered an earlier firing too, whose
	// row has its worth, which counts every firing it answered.
	Before, Again bool
}

// Answers lists the result's events that asked, in the order they fired,
// with the answers and what they were worth as the engine computed it.
func Answers(r sim.Result) []Answer {
	var out []Answer
	weighed := map[int]bool{} // decisions already counted, by their index in Impacts
	for _, ev := range r.Events {
		if ev.Title == "" && ev.Choice == "" {
			continue // an event that does not ask (or, in an old file, one not answered)
		}
		a := Answer{Week: ev.Week, Event: ev.ID, Title: ev.Title, Choice: ev.Choice, Label: ev.ChoiceLabel, Default: ev.Default}
		if a.Title == "" {
			a.Title = ev.ID
		}
		if a.Label == "" {
			a.Label = ev.Choice
		}
		if i := answering(r.Impacts, ev); i >= 0 && !ev.Default {
			im := r.Impacts[i]
			a.Before = im.Decision.Week < ev.Week
			if weighed[i] {
				a.Again = true
			} else {
				a.Worth, a.Weighed, weighed[i] = im.Score, true, true
			}
		}
		out = append(out, a)
	}
	return out
}

// answering is the index in impacts of the respond decision that gave the
// answer ev took: the latest for its event and choice taken in or before
// its week (-1: none).
func answering(impacts []sim.Impact, ev sim.FiredEvent) int {
	found := -1
	for i, im := range impacts {
		d := im.Decision
		if d.Decision.Kind != sim.Respond || d.Decision.Event != ev.ID || d.Week > ev.Week {
			continue
		}
		if found < 0 || d.Week > impacts[found].Decision.Week || d.Week == impacts[found].Decision.Week && d.At > impacts[found].Decision.At {
			found = i
		}
	}
	if found >= 0 && impacts[found].Decision.Decision.Choice != ev.Choice {
		return -1 // a later answer for another choice: not the one taken
	}
	return found
}

// AnswerWords says how an event was answered, in a sentence's words: the
// choice, or that nobody answered, or that the game ended first.
func AnswerWords(a Answer) string {
	switch {
	case a.Choice == "":
		return "no answer: the game ended first"
	case a.Default:
		return fmt.Sprintf("no answer: the default, “%s”", a.Label)
	case a.Before:
		return fmt.Sprintf("“%s”, decided before it came", a.Label)
	}
	return "“" + a.Label + "”"
}

// WorthWords says what an answer was worth, or why there is no figure.
func WorthWords(a Answer) string {
	switch {
	case a.Weighed:
		return signedPoints(a.Worth) + " against the default"
	case a.Again:
		return "counted above (the same decision)"
	case a.Default || a.Choice == "":
		return "–" // the default is what an answer is weighed against
	}
	return "not weighed"
}
