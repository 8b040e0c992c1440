package sim_test

import (
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// The DORA keys are measured over whole weeks: played a day at a time, as
// auto-play does, they stand still within a week (a deployment on its
// Tuesday, or a partial week counted as a whole one, does not move a band
// back and forth), and each week's end gives the keys of the weeks played.
func TestDORAStandsStillWithinAWeek(t *testing.T) {
	for _, name := range []string{"globomantics", "startup", "enterprise", "tutorial"} {
		sc, err := scenario.Resolve(name)
		if err != nil {
			t.Fatal(err)
		}
		g := sim.NewGame(sc, 1, 52)
		atWeekEnd := g.DORA()
		for {
			if _, over := g.Over(); over {
				break
			}
			week := g.Week()
			g.RunUntil(g.Now() + sc.Day())
			if _, over := g.Over(); over {
				break
			}
			d := g.DORA()
			if g.Week() != week {
				atWeekEnd = d
				if want := min(g.Week(), sim.DORAWindow); d.Weeks != want {
					t.Errorf("%s, end of week %d: a window of %v weeks, want %v", name, g.Week(), d.Weeks, want)
				}
				continue
			}
			if d != atWeekEnd {
				t.Fatalf("%s, week %d, %.1f days in: the keys moved within the week:\n%+v\nat the week's start:\n%+v",
					name, g.Week()+1, float64(g.Now()%sc.Week())/float64(sc.Day()), d, atWeekEnd)
			}
		}
	}
}
