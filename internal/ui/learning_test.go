package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// A hire still learning shows wherever the team's size does: the shop's
// row and help, the next hire question, the Teams tab and the stage
// detail, each with the week the engine says they are up to speed.
func TestAHireStillLearningShowsWhereTheTeamsSizeDoes(t *testing.T) {
	tm := shopAt(t, "globomantics", 80, 24, "")
	tm, _ = drive(t, tm, keyMsg("tab"))
	for i := 0; ; i++ {
		p := tm.(Model).dash.shop.practices[tm.(Model).dash.shop.cursor]
		if p.kind == sim.Hire && p.stage == "dev" {
			break
		}
		if i > len(tm.(Model).dash.shop.practices) {
			t.Fatal("no hiring for dev in the practices")
		}
		tm, _ = drive(t, tm, keyMsg("down"))
	}
	g := tm.(Model).dash.g
	dev := g.Scenario().StageIndex("dev")
	people := g.Stages()[dev].People
	ready := g.HireReadyWeek()
	tm, _ = drive(t, tm, keyMsg("right"), keyMsg("enter"), keyMsg("y"))
	if log := g.Log(); len(log) != 1 || log[0].Decision.Kind != sim.Hire {
		t.Fatalf("log after y: %+v", log)
	}
	st := g.Stages()[dev]
	if st.People != people || st.Learning != 1 || st.LearningBy != ready {
		t.Fatalf("after hiring one: %d people, %d learning by week %d; want %d, 1, %d", st.People, st.Learning, st.LearningBy, people, ready)
	}
	learning := fmt.Sprintf("1 learning (up to speed by week %d)", ready)
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	v := tm.View()
	if want := fmt.Sprintf("%d + 1 learning", people); !strings.Contains(v, want) {
		t.Errorf("the shop's row does not say %q:\n%s", want, v)
	}
	if want := "Hired already: " + learning + "."; !strings.Contains(flat(v), want) {
		t.Errorf("the shop's help does not say %q:\n%s", want, v)
	}
	tm, _ = drive(t, tm, keyMsg("right"), keyMsg("enter"))
	if q := tm.(Model).dash.shop.question; !strings.Contains(q, "Hired already: "+learning+".") {
		t.Errorf("the next hire question does not say who is learning: %q", q)
	}
	tm, _ = drive(t, tm, keyMsg("n"), keyMsg("tab"))
	if tm.(Model).dash.shop.tab != teamsTab {
		t.Fatalf("not on the Teams tab:\n%s", tm.View())
	}
	for i := 0; tm.(Model).dash.shop.teams[tm.(Model).dash.shop.cursor].stage != "dev"; i++ {
		if i > len(tm.(Model).dash.shop.teams) {
			t.Fatal("no dev team")
		}
		tm, _ = drive(t, tm, keyMsg("down"))
	}
	v = tm.View()
	if want := fmt.Sprintf(" %d+1 ", g.Improvement()[tm.(Model).dash.shop.cursor].Present); !strings.Contains(v, want) {
		t.Errorf("the Teams tab does not say %q:\n%s", want, v)
	}
	if !strings.Contains(flat(v), learning+", who give no time yet.") {
		t.Errorf("the Teams help does not say %q:\n%s", learning, v)
	}
	styles := DefaultStyles(asciiRenderer())
	for _, w := range []int{80, 120} {
		detail := stageModel{styles: &styles, g: g, index: dev, width: w}.detail()
		if want := fmt.Sprintf("%d people + %s, %d working the queue", people, learning, st.Servers); !strings.Contains(flat(detail), want) {
			t.Errorf("at %d columns the stage detail does not say %q:\n%s", w, want, detail)
		}
		for _, line := range strings.Split(detail, "\n") {
			if cellWidth(line) > w {
				t.Errorf("at %d columns a line of the stage detail is %d wide: %q", w, cellWidth(line), line)
			}
		}
	}
	for g.Week() < ready {
		g.AdvanceWeek()
	}
	if st := g.Stages()[dev]; st.People != people+1 || st.Learning != 0 {
		t.Errorf("week %d: %d people, %d learning; want %d, 0", g.Week(), st.People, st.Learning, people+1)
	}
	if detail := (stageModel{styles: &styles, g: g, index: dev, width: 200}).detail(); strings.Contains(detail, "learning") {
		t.Errorf("week %d: the detail still says someone is learning:\n%s", g.Week(), detail)
	}
}

// The map's "in" is the work in service out of the people who hold it:
// someone called away finishes the item they had first, so at a stage
// with people away and more items in service than people at work it reads
// 7/7, never 7/5, and the stage detail says who finishes them. Every
// built-in plan is played on seed 1 and checked every week.
func TestTheMapsInNeverShowsMoreWorkThanPeople(t *testing.T) {
	styles := DefaultStyles(asciiRenderer())
	weeks := make([]int, 0, 60)
	for w := 1; w <= 60; w++ {
		weeks = append(weeks, w)
	}
	seen := 0
	for _, p := range scenario.BuiltinPlans() {
		playedAt(t, p.Name, weeks, func(g *sim.Game, week int) {
			stages := g.Stages()
			m := dashboardModel{styles: &styles, g: g, width: 120, snap: snapshot{stages: stages, hoursPerWeek: g.Scenario().HoursPerWeek}}
			rows := strings.Split(m.drawMap(), "\n")[1:]
			for i, st := range stages {
				if st.Unlimited {
					continue
				}
				var in, of int
				f := strings.Fields(rows[i])
				if _, err := fmt.Sscanf(f[len(f)-3-len(strings.Fields(stageNote(st, m.noteWidth()-2)))], "%d/%d", &in, &of); err != nil {
					t.Fatalf("%s week %d: %s: no in column in %q: %v", p.Name, week, st.Name, rows[i], err)
				}
				if in != st.Busy || of != st.Holding() || in > of {
					t.Errorf("%s week %d: %s reads %d/%d with %d in service, %d at work, %d away", p.Name, week, st.Name, in, of, st.Busy, st.Servers, st.Away)
				}
				if st.Busy > st.Servers {
					seen++
					detail := stageModel{styles: &styles, g: g, index: i, width: 120}.detail()
					if want := fmt.Sprintf("%d in service (%d by people called away, who finish it first)", st.Busy, st.Busy-st.Servers); !strings.Contains(strings.Join(strings.Fields(detail), " "), want) {
						t.Errorf("%s week %d: %s: the detail does not say %q:\n%s", p.Name, week, st.Name, want, detail)
					}
				}
			}
		})
	}
	if seen == 0 {
		t.Error("no plan reached a week with more work in service than people at work: the test checks nothing")
	}
}
