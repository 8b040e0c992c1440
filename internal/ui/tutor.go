package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/sim"
)

// tutor walks the player through a scenario's lessons: when the game shows
// what the next lesson is about, it pauses the game and opens the lesson;
// once the player has done the lesson's task, the next one may start.

type tutor struct {
	sim.Course
	open bool // the lesson's box is on screen
	keys lessonKeys
}

func newTutor(sc *sim.Scenario, keys lessonKeys) tutor {
	return tutor{Course: sim.Course{Lessons: sc.Lessons}, keys: keys}
}

// lessonClosedMsg: the player put the lesson box away.
type lessonClosedMsg struct{}

// Update handles a key while the lesson is on screen: enter (or esc)
// puts it away, and says so by the message its command returns.
func (t tutor) Update(msg tea.Msg) (tutor, tea.Cmd) {
	if km, ok := msg.(tea.KeyMsg); ok && t.open && key.Matches(km, t.keys.Continue) {
		t.close()
		return t, func() tea.Msg { return lessonClosedMsg{} }
	}
	return t, nil
}

// active reports whether the scenario has lessons left.
func (t *tutor) active() bool { return t.Active() }

// check moves the lessons on after the game changed. It returns the text
// to say when a task was just done, and whether a lesson box just opened.
func (t *tutor) check(g *sim.Game) (said string, opened bool) {
	said, opened = t.Check(g, t.open)
	t.open = t.open || opened
	return said, opened
}

// fastForward skips the lessons a resumed game has already been through.
func (t *tutor) fastForward(g *sim.Game) { t.FastForward(g) }

// close puts the lesson box away; the task, if any, is now the player's.
func (t *tutor) close() { t.open = false }

// task says what the current lesson asks, for the message line; between
// lessons, that the next comes by playing on, and when.
func (t *tutor) task(g *sim.Game) string {
	if !t.active() || t.open {
		return ""
	}
	if !t.Started {
		return fmt.Sprintf("Play on (space): lesson %d of %d comes %s.", t.Next+1, len(t.Lessons), lessonComes(g.Scenario(), &t.Current().When))
	}
	l := t.Current()
	prefix := fmt.Sprintf("Lesson %d of %d: ", t.Next+1, len(t.Lessons))
	switch tk := l.Task; tk.Kind {
	case sim.Invest:
		if tk.Investment == "" {
			return prefix + "buy an investment (i opens the shop)."
		}
		for _, inv := range g.Scenario().Investments {
			if inv.ID == tk.Investment {
				return prefix + "buy " + inv.Name + " (i opens the shop, enter buys)."
			}
		}
	case sim.SetReleaseCadence:
		return prefix + "change the release train (i, tab to Practices, ← → and enter)."
	case sim.SetWIPLimit:
		return prefix + "set a WIP limit (i, tab to Practices)."
	case sim.Hire:
		return prefix + "hire or let go of people (i, tab to Practices)."
	case sim.SetImprovement:
		team := "a team's"
		if i := g.Scenario().StageIndex(tk.Stage); i >= 0 {
			team = prose.Possessive(g.Scenario().Stages[i].Label())
		}
		return prefix + "set " + team + " share (i, tab tab, ← → enter)."
	case sim.SetSlicing:
		return prefix + "choose how many slices features are cut into (i, tab to Practices)."
	case sim.Respond:
		for _, ev := range g.Scenario().Events {
			if ev.ID == tk.Event {
				return prefix + "answer " + ev.Label() + " (↑↓ to choose, enter answers)."
			}
		}
	case sim.PlayWeeks:
		left := t.WeekStart() + tk.Weeks - g.Week()
		return prefix + fmt.Sprintf("play %s (space, or p to let it run).", prose.Count(max(left, 1), "more week", "more weeks"))
	}
	return ""
}

// lessonComes says when a lesson starts, in the player's words: "when
// Manual build is 75% busy, or at the end of week 4".
func lessonComes(sc *sim.Scenario, w *sim.Trigger) string {
	stage := func(i int) string {
		if i >= 0 && i < len(sc.Stages) {
			return sc.Stages[i].Label()
		}
		return "a stage"
	}
	switch w.Kind {
	case sim.AfterWeek:
		return fmt.Sprintf("at the end of week %d", max(w.Week, 1))
	case sim.QueueAtLeast:
		return fmt.Sprintf("when %s wait at %s", prose.Count(w.Items, "piece of work", "pieces of work"), stage(w.Stage))
	case sim.BusyAtLeast:
		busy := fmt.Sprintf("when %s is %.0f%% busy", stage(w.Stage), 100*w.Share)
		if w.Week > 0 {
			busy += fmt.Sprintf(", or at the end of week %d", w.Week)
		}
		return busy
	case sim.InvestmentBuilt:
		if w.Investment >= 0 && w.Investment < len(sc.Investments) {
			return "when " + sc.Investments[w.Investment].Name + " is ready"
		}
	case sim.DeployedAtLeast:
		return "after " + prose.Count(w.Deploys, "deployment", "deployments") + " in all"
	case sim.EventFired:
		if w.Event >= 0 && w.Event < len(sc.Events) {
			return "when " + sc.Events[w.Event].Label() + " comes"
		}
	}
	return "next"
}

// view draws the open lesson under the value stream map: mapView is the
// map as drawn (its heading, then a row a stage), below the rows under it.
// A box taller than that covers map rows from the bottom up, but never the
// heading nor the row of the stage the lesson speaks of.
func (t *tutor) view(s *Styles, g *sim.Game, mapView string, w, below int) string {
	l := t.Current()
	width := min(w-6, 76)
	text := l.Text
	if late := t.Late(g); late != "" {
		text = late + "\n\n" + text // it came after a lesson before it: say when it happened
	}
	body := s.Title.Render(l.Title) + "\n\n" + reflow(text, width) + "\n\n" +
		s.Subtle.Render(fmt.Sprintf("Lesson %d of %d · enter continues", t.Next+1, len(t.Lessons)))
	box := s.Box.Width(width + 4).Render(body)
	rows := strings.Split(mapView, "\n")
	keep := make([]bool, len(rows))
	for i := range keep {
		keep[i] = true
	}
	need := lipgloss.Height(box) - below
	spoken := lessonStage(g.Scenario(), l) + 1 // its row: the heading is row 0
	for i := len(rows) - 1; i > 0 && need > 0; i-- {
		if i != spoken {
			keep[i], need = false, need-1
		}
	}
	var kept []string
	for i, r := range rows {
		if keep[i] {
			kept = append(kept, r)
		}
	}
	room := below + len(rows) - len(kept)
	return strings.Join(kept, "\n") + "\n" + place(w, room, lipgloss.Center, lipgloss.Top, box)
}

// lessonStage is the stage a lesson speaks of: the one its trigger
// watches, or its task changes (the release train for a cadence); -1
// when none.
func lessonStage(sc *sim.Scenario, l *sim.Lesson) int {
	switch l.When.Kind {
	case sim.QueueAtLeast, sim.BusyAtLeast:
		return l.When.Stage
	}
	if l.Task.Stage != "" {
		return sc.StageIndex(l.Task.Stage)
	}
	if l.Task.Kind == sim.SetReleaseCadence {
		for i, st := range sc.Stages {
			if st.BatchEvery > 0 {
				return i
			}
		}
	}
	return -1
}
