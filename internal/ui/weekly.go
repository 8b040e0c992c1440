package ui

import (
	"fmt"
	"math"
	"strings"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/sim"
)

// The week's "what changed" line, at the top of the news: the week just
// played against the one before, in the engine's weekly figures (the
// week's median commit-to-production lead time, DORA's lead time for
// changes over that week alone; the market share; the money) and the
// longest queue on the map at the week's end against the same stage's a
// week before. There is no line before there is a week before.

// queueMark is each stage's waiting work at the end of a week.
type queueMark struct {
	week   int
	queues []int
}

// waiting is all the work waiting at a stage, as its row of glyphs shows.
func waiting(st sim.StageView) int { return st.Queue + st.Blocked + st.Backlog + st.Held }

func markQueues(week int, stages []sim.StageView) queueMark {
	q := queueMark{week: week, queues: make([]int, len(stages))}
	for i, st := range stages {
		q.queues[i] = waiting(st)
	}
	return q
}

// markWeek keeps the queues at the end of this week and of the one
// before, when the week has changed.
func (m *dashboardModel) markWeek() {
	if m.queuesNow.week == m.snap.week && m.queuesNow.queues != nil {
		return
	}
	m.queuesBefore = queueMark{}
	if m.queuesNow.queues != nil && m.queuesNow.week == m.snap.week-1 {
		m.queuesBefore = m.queuesNow
	}
	m.queuesNow = markQueues(m.snap.week, m.snap.stages)
}

// changesLine is the week's "what changed" line, fitted to w cells; ""
// before the second week has been played (or when not even its first
// clause fits). It has one wording, whatever the width and the week, with
// the header's formats (the cash in dollars, the share with its word);
// where it does not fit, its last clauses give way whole.
func (m dashboardModel) changesLine(w int) string {
	weekly := m.snap.weekly
	n := len(weekly)
	if n < 2 {
		return ""
	}
	now, before := weekly[n-1], weekly[n-2]
	hpw := m.snap.hoursPerWeek
	// fig is a figure and its change, in brackets.
	fig := func(value, change string) string {
		if change == "" {
			return value
		}
		return value + " (" + change + ")"
	}
	// The week's median commit-to-production time, of the changes that
	// reached production in it: not the DORA line's, over its window, so
	// a week with none says so rather than show a dash beside the
	// header's figure.
	lead := fmt.Sprintf("Week %d: nothing reached production", now.Week)
	if v, ok := now.LeadTimeForChangesP50.Get(); ok {
		change := ""
		if was, ok := before.LeadTimeForChangesP50.Get(); ok {
			change = signedDuration(v-was, hpw)
		}
		lead = fig(fmt.Sprintf("Week %d's commit→prod %s", now.Week, report.Duration(v, hpw)), change)
	}
	parts := []string{
		lead,
		fig("share "+sharePercent(now.MarketShare), shareChange(now.MarketShare, before.MarketShare)),
		fig(prose.Money(now.Budget), signedKilo(now.Budget-before.Budget)),
	}
	// The longest queue at the end of the week, counted as the map counts
	// it (see waiting); the map moves on as the next week is played.
	if i, ok := m.longestQueue(); ok {
		change := ""
		if m.queuesBefore.queues != nil && i < len(m.queuesBefore.queues) {
			change = signedCount(m.queuesNow.queues[i] - m.queuesBefore.queues[i])
		}
		parts = append(parts, fig(fmt.Sprintf("longest queue %s %d", m.snap.stages[i].Name, m.queuesNow.queues[i]), change))
	}
	// When the line does not fit, the last clauses (the least telling:
	// the queue, then the money, then the share) give way, whole: a
	// figure is never cut.
	for kept := len(parts); kept > 0; kept-- {
		if line := strings.Join(parts[:kept], " · "); cellWidth(line) <= w {
			return line
		}
	}
	return ""
}

// longestQueue is the stage with the most work waiting at the end of the
// week, the first of equals; none when nothing waits.
func (m dashboardModel) longestQueue() (int, bool) {
	q := m.queuesNow.queues
	best := -1
	for i, n := range q {
		if n > 0 && (best < 0 || n > q[best]) {
			best = i
		}
	}
	return best, best >= 0 && best < len(m.snap.stages)
}

func signedDuration(h float64, hoursPerWeek int) string {
	if math.Abs(h) < 0.05 {
		return "="
	}
	if h < 0 {
		return "−" + report.Duration(-h, hoursPerWeek)
	}
	return "+" + report.Duration(h, hoursPerWeek)
}

func signedKilo(d int64) string {
	if d < 0 {
		return "−" + kilo(-d)
	}
	return "+" + kilo(d)
}

func signedPoints(p float64) string {
	switch {
	case math.Abs(p) < 0.05:
		return "="
	case p < 0:
		return fmt.Sprintf("−%.1f pt", -p)
	}
	return fmt.Sprintf("+%.1f pt", p)
}

func signedCount(n int) string {
	switch {
	case n == 0:
		return "="
	case n < 0:
		return fmt.Sprintf("−%d", -n)
	}
	return fmt.Sprintf("+%d", n)
}
