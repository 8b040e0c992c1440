package ui

import (
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
)

// oneLine is a text with its line breaks and runs of spaces made single
// spaces, so that a phrase is found across a wrapped line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// The DORA line shows deploys as a count over its window ("deploys 3"),
// so no lesson may speak of a rate a week the player cannot find there.
func TestLessonsNameDeploysAsTheDORALineShowsThem(t *testing.T) {
	for _, b := range scenario.Builtins() {
		sc, err := scenario.Resolve(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range sc.Lessons {
			text := strings.ToLower(oneLine(l.Title + " " + l.Text + " " + l.Done))
			for _, bad := range []string{"deploys a week", "deploys per week", "deployments a week", "deployments per week"} {
				if strings.Contains(text, bad) {
					t.Errorf("%s lesson %s says %q; the DORA line shows a count over its window", b.Name, l.ID, bad)
				}
			}
		}
	}
}
