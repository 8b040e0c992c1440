package ui

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/sim"
)

// The shop's Teams tab: each staffed team's share of time for improvement
// work, what it gives (person-weeks a week), what it costs (its feature
// work slows while it builds) and what it is building now.

// shareStep is how much one ←/→ changes a team's improvement share; a
// practice's value for a share counts these steps (stepShare turns it back).
const shareStep = 0.05

// stepShare is the share a number of steps makes, exactly: 3 → 0.15.
func stepShare(steps int) float64 { return float64(steps) / (1 / shareStep) }

// teamsOf lists the staffed teams as choices, in flow order.
func teamsOf(g *sim.Game) []practice {
	var out []practice
	for _, t := range g.Improvement() {
		now := int(math.Round(t.Share / shareStep))
		p := practice{label: t.Label, kind: sim.SetImprovement, stage: t.ID, value: now, now: now, lo: 0,
			hi: int(math.Round(sim.MaxImprovementShare / shareStep)), show: shareWords}
		if t.Present == 0 {
			p.why = "nobody at work to give it"
		}
		out = append(out, p)
	}
	return out
}

// shareWords writes a share counted in steps: 5 → "25%".
func shareWords(steps int) string {
	return strconv.Itoa(steps*int(math.Round(shareStep*100))) + "%"
}

// slowdown is how much longer a team's feature work takes while it gives
// share of its time to improvement work: 1/(1−share).
func slowdown(share float64) string {
	return strconv.FormatFloat(math.Round(100/(1-share))/100, 'f', -1, 64) + "×"
}

// teamOf is the engine's view of the team a choice is about.
func teamOf(g *sim.Game, id string) (sim.TeamImprovement, bool) {
	for _, t := range g.Improvement() {
		if t.ID == id {
			return t, true
		}
	}
	return sim.TeamImprovement{}, false
}

// personWeeks writes an amount of person-weeks: "1.5".
func personWeeks(pw float64) string {
	return strconv.FormatFloat(math.Round(pw*10)/10, 'f', -1, 64)
}

// personWeeksDone is work done, in person-weeks to a tenth, rounded down:
// "6 of 6" only once all 6 are done.
func personWeeksDone(pw float64) string {
	return strconv.FormatFloat(math.Floor(pw*10+1e-9)/10, 'f', -1, 64)
}

func (m shopModel) teamsView() ([]string, string) {
	s := m.styles
	invs := m.g.Scenario().Investments
	var rows []string
	for i, p := range m.teams {
		t, _ := teamOf(m.g, p.stage)
		choice := fmt.Sprintf("%-9s", "‹ "+p.show(p.value)+" ›")
		if p.why != "" {
			choice = s.Subtle.Render(p.why)
		} else if p.value != p.now {
			choice = s.Accent.Render(choice)
		}
		gives := personWeeks(t.PersonWeeksPerWeek) + " pw/wk" // 0 with nothing to build: it does features only
		var names []string
		for _, j := range t.Active {
			names = append(names, invs[j].Name)
		}
		building := strings.Join(names, ", ")
		if building == "" {
			building = "nothing to build" // why it gives no time: nothing in progress needs its work
		}
		present := strconv.Itoa(t.Present)
		if l := learningOf(m.g, p.stage).Learning; l > 0 {
			present += fmt.Sprintf("+%d", l) // hires still learning; the help says until when
		}
		row := fmt.Sprintf("%-20s %6s %5s %10s  ", truncateLine(p.label, 20), present, p.show(p.now), gives)
		sel := "   "
		if i == m.cursor {
			sel = " ▸ "
			row = s.Selected.Render(row)
		}
		left := sel + row + choice + "  "
		rows = append(rows, truncateLine(left+s.Subtle.Render(namesFit(names, building, m.width-cellWidth(left))), m.width))
	}
	detail := s.Subtle.Render("←/→ choose a share in steps of 5%, enter applies it; x explains improvement time.")
	if m.cursor < len(m.teams) {
		detail = m.teamHelp(m.teams[m.cursor]) + "\n" + detail
	}
	return rows, wrapLines(detail, m.width-2)
}

// namesFit is a list of names in w cells: as many whole as fit, then how
// many more ("Build automation (CI) +1 more", or "Build automation… +1"
// when even one does not fit); all is the list joined.
func namesFit(names []string, all string, w int) string {
	if cellWidth(all) <= w || len(names) < 2 {
		return cutWords(all, w)
	}
	for n := len(names) - 1; n > 0; n-- {
		if s := fmt.Sprintf("%s +%d more", strings.Join(names[:n], ", "), len(names)-n); cellWidth(s) <= w {
			return s
		}
	}
	more := fmt.Sprintf(" +%d", len(names)-1) // tight: the first name cut, the count kept
	return cutWords(names[0], w-len(more)) + more
}

// teamHelp is what the selected team's share gives and costs, in the
// engine's numbers, and a warning when the team is the bottleneck.
func (m shopModel) teamHelp(p practice) string {
	s := m.styles
	t, ok := teamOf(m.g, p.stage)
	if !ok {
		return ""
	}
	share := stepShare(p.value)
	var b strings.Builder
	b.WriteString(s.Bold.Render(t.Label) + ": ")
	if l := learningWords(learningOf(m.g, p.stage)); l != "" {
		b.WriteString(fmt.Sprintf("%d at work and %s, who give no time yet. ", t.Present, l))
	}
	if share == 0 {
		b.WriteString("no time for improvement work: it does features only, and investments that need its work wait.")
	} else {
		fmt.Fprintf(&b, "%s of its time gives %s a week (%s at work) to the investments it builds; while it builds, its feature work takes %s as long (1/(1−%s)).",
			p.show(p.value), prose.PersonWeeks(personWeeks(float64(t.Present)*share)), prose.Count(t.Present, "person", "people"), slowdown(share), strconv.FormatFloat(share, 'f', -1, 64))
	}
	if n := len(t.Active); n > 1 {
		var names []string
		for _, j := range t.Active {
			names = append(names, m.g.Scenario().Investments[j].Name)
		}
		fmt.Fprintf(&b, " It builds %d investments at once (%s), each with 1/%d of that time: finishing one first brings its benefit sooner.", n, strings.Join(names, ", "), n)
	} else if n == 0 && share > 0 {
		b.WriteString(" No investment in progress needs its work, so it gives none (0 pw/wk) and its features go at full speed.")
	}
	if bn := m.g.Bottleneck(sim.RecentWeeks); bn.Stage == t.Stage {
		b.WriteString("\n" + s.Warn.Render(fmt.Sprintf("%s is the bottleneck (%.0f%% of the waiting lately): time it gives to improvement slows the stage everything waits for.", t.Label, 100*bn.Share)))
	}
	return b.String()
}

// sharedWith says which other investments the teams an investment needs
// are building, whose time it shares (the forecast counts it shared
// equally): "shares Development's time with Monitoring and alerting";
// "" when it has its teams' improvement time to itself.
func sharedWith(g *sim.Game, inv sim.InvestmentStatus) string {
	sc := g.Scenario()
	var parts []string
	for _, e := range inv.Effort {
		if e.Done >= e.Total {
			continue // its part there is done: it shares nothing more there
		}
		t, ok := teamOf(g, e.ID)
		if !ok {
			continue
		}
		var names []string
		for _, j := range t.Active {
			if sc.Investments[j].ID != inv.ID {
				names = append(names, sc.Investments[j].Name)
			}
		}
		if len(names) > 0 {
			parts = append(parts, fmt.Sprintf("%s time with %s", prose.Possessive(t.Label), prose.And(names)))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	verb := "shares "
	if inv.State == sim.Available {
		verb = "would share "
	}
	return verb + strings.Join(parts, "; ")
}

// learningOf is the engine's view of the stage with this id, for the
// people hired there and still learning.
func learningOf(g *sim.Game, id string) sim.StageView {
	for _, st := range g.Stages() {
		if st.ID == id {
			return st
		}
	}
	return sim.StageView{}
}

// learningWords says who is hired and still learning on a stage: "1
// learning (up to speed by week 15)"; "" when nobody is.
func learningWords(st sim.StageView) string {
	if st.Learning == 0 {
		return ""
	}
	return fmt.Sprintf("%d learning (up to speed by week %d)", st.Learning, st.LearningBy)
}

// withLearning is a team's size with its hires still learning: "7 + 1
// learning", or "7 people" when nobody is.
func withLearning(people int, st sim.StageView) string {
	if st.Learning == 0 {
		return prose.Count(people, "person", "people")
	}
	return fmt.Sprintf("%d + %d learning", people, st.Learning)
}
