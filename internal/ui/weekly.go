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
// clause fits). Its wordings go from the fullest to the tersest, and the
// first that fits is shown.
func (m dashboardModel) changesLine(w int) string {
	weekly := m.snap.weekly
	n := len(weekly)
	if n < 2 {
		return ""
	}
	now, before := weekly[n-1], weekly[n-2]
	hpw := m.snap.hoursPerWeek
	// The week's median commit-to-production time, of the changes that
	// reached production in it: not the DORA line's, over 13 weeks.
	lead, leadChange := "", ""
	if v, ok := now.LeadTimeForChangesP50.Get(); ok {
		lead = report.Duration(v, hpw)
		if was, ok := before.LeadTimeForChangesP50.Get(); ok {
			leadChange = signedDuration(v-was, hpw)
		}
	}
	leadOr := func(none string) string {
		if lead == "" {
			return none
		}
		return lead
	}
	share := sharePercent(now.MarketShare)
	shareMove := shareChange(now.MarketShare, before.MarketShare)
	money := prose.Money(now.Budget)
	// The longest queue at the end of the week, counted as the map counts
	// it (see waiting); the map moves on as the next week is played.
	queue, queueChange := "", ""
	if i, ok := m.longestQueue(); ok {
		queue = fmt.Sprintf("%s %d", m.snap.stages[i].Name, m.queuesNow.queues[i])
		if m.queuesBefore.queues != nil && i < len(m.queuesBefore.queues) {
			queueChange = signedCount(m.queuesNow.queues[i] - m.queuesBefore.queues[i])
		}
	}
	// fig is a figure and its change: in brackets, or bare in the
	// tersest wording.
	fig := func(name, value, change string, bare bool) string {
		if value == "" {
			return ""
		}
		if name != "" {
			value = name + " " + value
		}
		switch {
		case change == "":
			return value
		case bare:
			return value + " " + change
		}
		return value + " (" + change + ")"
	}
	// Every wording names the week: the figures are its, at its end, and
	// the map and the header have moved on once the next one is played.
	wordings := []func() []string{
		func() []string {
			return []string{fig(fmt.Sprintf("Week %d's commit→prod", now.Week), leadOr("none"), leadChange, false),
				fig("share", share, shareMove, false), fig("", money, signedDollars(now.Budget-before.Budget), false), fig("longest queue", queue, queueChange, false)}
		},
		func() []string {
			return []string{fig(fmt.Sprintf("Week %d's commit→prod", now.Week), leadOr("none"), leadChange, false),
				fig("share", share, shareMove, false), fig("", money, signedKilo(now.Budget-before.Budget), false), fig("longest queue", queue, queueChange, false)}
		},
		func() []string {
			return []string{fig(fmt.Sprintf("w%d's commit→prod", now.Week), leadOr(report.NoValue), leadChange, false),
				fig("share", share, shareMove, false), fig("", money, signedKilo(now.Budget-before.Budget), false), fig("", queue, queueChange, false)}
		},
		func() []string {
			return []string{fig(fmt.Sprintf("w%d's commit→prod", now.Week), leadOr(report.NoValue), leadChange, true),
				fig("share", share, shareMove, true), fig("", money, signedKilo(now.Budget-before.Budget), true), fig("", queue, queueChange, true)}
		},
		func() []string {
			return []string{fig(fmt.Sprintf("w%d commit→prod", now.Week), leadOr(report.NoValue), leadChange, true),
				fig("share", share, shareMove, true), fig("", kilo(now.Budget), signedKilo(now.Budget-before.Budget), true), fig("", queue, queueChange, true)}
		},
		func() []string {
			return []string{fig(fmt.Sprintf("w%d commit→prod", now.Week), leadOr(report.NoValue), leadChange, true),
				fig("", share, shareMove, true), fig("", kilo(now.Budget), signedKilo(now.Budget-before.Budget), true), fig("", queue, queueChange, true)}
		},
	}
	// When no wording fits whole, the last clauses (the least telling:
	// the queue, then the money, then the share) give way, whole: a
	// figure is never cut.
	for drop := 0; drop < 4; drop++ {
		for _, wording := range wordings {
			parts := wording()
			kept := make([]string, 0, len(parts))
			for _, p := range parts[:len(parts)-drop] {
				if p != "" {
					kept = append(kept, p)
				}
			}
			if line := strings.Join(kept, " · "); cellWidth(line) <= w {
				return line
			}
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
