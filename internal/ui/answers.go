package ui

import (
	"fmt"
	"strings"

	"github.com/globomantics/globosim/internal/report"
)

// answersView is the end screen's "Your answers": each event that asked,
// the answer it got, and what the answer was worth against the default,
// as the debrief's replays computed it ("" when no event asked).
func (m endModel) answersView() string {
	as := report.Answers(m.result)
	if len(as) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n" + m.styles.Bold.Render("Your answers") + m.styles.Subtle.Render("  (points against the default)") + "\n")
	for _, a := range as {
		worth := "    –"
		if a.Weighed {
			worth = fmt.Sprintf("%+5d", a.Worth)
		}
		fmt.Fprintf(&b, "  %s  week %-2d %s\n", worth, a.Week, hangWrap(a.Title+": "+report.AnswerWords(a), m.width-20, 17))
	}
	return b.String()
}
