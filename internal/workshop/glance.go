package workshop

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/textsafe"
)

// The room at a glance, on the board (v, and by itself once every game in
// play has reached the round's gate): how market share, lead time for
// changes and money are spread across the players, and every player's
// market share week by week on one chart with the room's median marked.
// It is drawn in plain characters, a faint dot a player and a solid dot
// the median, so it reads on a projector and without colour.

// Glyphs of the room's chart.
const (
	playerGlyph = "·"
	medianGlyph = "●"
)

// roundLine is the board's word on the rounds, after the round's state:
// which round, up to which week, and how many have reached it.
func (b Board) roundLine() string {
	st := b.snap.Status
	if len(st.Rounds) == 0 {
		return ""
	}
	n := len(st.Rounds) + 1
	if st.Gate == 0 {
		return fmt.Sprintf(" · round %d of %d, to the end of the game", n, n)
	}
	at, of := b.atGate()
	return fmt.Sprintf(" · round %d of %d, up to week %d · %d of %d at the gate", slices.Index(st.Rounds, st.Gate)+1, n, st.Gate, at, of)
}

// atGate is how many connected games in play have reached the gate, of
// how many there are (one left behind by a player who left holds no one up).
func (b Board) atGate() (at, of int) {
	gate := b.snap.Status.Gate
	for _, st := range b.snap.Standings {
		if st.State == Done || st.State == Disconnected {
			continue
		}
		of++
		if gate > 0 && st.Week >= gate {
			at++
		}
	}
	return at, of
}

// everyoneAtGate reports whether every connected game in play has reached the gate
// (and there is one, and a game).
func (b Board) everyoneAtGate() bool {
	at, of := b.atGate()
	return b.snap.Status.Gate > 0 && of > 0 && at == of
}

// followGate shows the room at a glance once every game has reached the
// gate, once a gate: the facilitator may go back to the table (v).
func (b *Board) followGate() {
	if gate := b.snap.Status.Gate; b.everyoneAtGate() && b.glancedAt != gate {
		b.glance, b.glancedAt = true, gate
	}
	b.keys.Glance.SetHelp("v", map[bool]string{true: "players", false: "room at a glance"}[b.glance])
	st := b.snap.Status
	b.keys.Start.SetHelp("s", map[bool]string{true: "next round", false: "start"}[st.Started && !st.Paused && !st.Ended && st.Gate > 0])
	if b.glance {
		b.shares = b.room.Shares()
	}
}

// glanceView is the room at a glance in w×h cells. Once a game has
// reached the round's gate, the spread is the round's: over the games at
// the gate, "n of m", and a line names those not there and where they
// stand ("cy left after week 5").
func (b Board) glanceView(w, h int) []string {
	s := b.styles
	gate := b.snap.Status.Gate
	var players, absent []Standing
	for _, st := range b.snap.Standings {
		if st.Week >= max(gate, 1) {
			players = append(players, st)
		} else {
			absent = append(absent, st)
		}
	}
	var out []string
	heading := fmt.Sprintf("%d of %d at week %d", len(players), len(b.snap.Standings), gate)
	if gate == 0 || len(players) == 0 { // no round's table yet: the room as it plays
		players, absent = players[:0], nil
		for _, st := range b.snap.Standings {
			if st.Week > 0 {
				players = append(players, st)
			}
		}
		heading = fmt.Sprintf("%s now", prose.Count(len(players), "player", "players"))
	}
	if len(players) == 0 {
		return []string{s.Subtle.Render("  No one has played a week yet.")}
	}
	var shares, leads, money []float64
	hours := 0
	for _, st := range players {
		shares, money = append(shares, st.Share), append(money, float64(st.Cash))
		if st.LeadTime > 0 {
			leads = append(leads, st.LeadTime)
		}
		hours = max(hours, st.HoursPerWeek)
	}
	const cells = "%-21s %10s %10s %10s %10s %10s"
	out = append(out, s.Bold.Render(fmt.Sprintf(cells, heading, "least", "lower q.", "median", "upper q.", "most")))
	row := func(name string, sp report.Spread, f func(float64) string) string {
		if sp.N == 0 {
			return fmt.Sprintf(cells, name, "–", "–", "–", "–", "–")
		}
		return fmt.Sprintf(cells, name, f(sp.Min), f(sp.Q1), f(sp.Median), f(sp.Q3), f(sp.Max))
	}
	pct := func(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }
	out = append(out,
		row("market share", report.SpreadOf(shares), pct),
		row(fmt.Sprintf("lead time, %d shipped", len(leads)), report.SpreadOf(leads), func(x float64) string { return report.Duration(x, hours) }),
		row("money", report.SpreadOf(money), func(x float64) string { return prose.Money(int64(x)) }))
	if len(absent) > 0 {
		out = append(out, s.Subtle.Render(fmt.Sprintf("Not at week %d, not counted: %s.", gate, absentWords(absent))))
	}
	for i := range out {
		out[i] = ansi.Truncate(out[i], w, "…")
	}
	chart := shareChart(b, w, h-len(out))
	return append(out, chart...)
}

// shareChart draws every player's market share by week, and the room's
// median, in w×h cells: a legend line, the plot, the week axis and its
// labels.
func shareChart(b Board, w, h int) []string {
	s := b.styles
	plotH := h - 3
	weeks := b.room.weeks
	if plotH < 2 || w < 30 || weeks < 2 {
		return nil
	}
	series := b.shares
	// From the 5% below the least share to the 5% above the most.
	lo, hi := 1.0, 0.0
	for _, sr := range series {
		for _, x := range sr {
			lo, hi = min(lo, x), max(hi, x)
		}
	}
	lo, hi = math.Floor(lo*20+1e-9)/20, math.Ceil(hi*20-1e-9)/20
	if hi <= lo {
		lo, hi = max(min(lo, 0.95), 0), max(min(lo, 0.95), 0)+0.05
	}
	const labelW = 5 // "100% "
	plotW := w - labelW - 1
	col := func(week int) int { return (week - 1) * (plotW - 1) / max(weeks-1, 1) }
	line := func(x float64) int {
		return min(max(plotH-1-int(math.Round((x-lo)/(hi-lo)*float64(plotH-1))), 0), plotH-1)
	}
	// What each cell holds; a row is then styled a run of like cells at a
	// time (a room of 500 players is 26,000 points).
	const (
		empty byte = iota
		player
		median
	)
	grid := make([][]byte, plotH)
	for i := range grid {
		grid[i] = make([]byte, plotW)
	}
	for _, sr := range series {
		for i, x := range sr {
			grid[line(x)][col(i+1)] = player
		}
	}
	for i, med := range weeklyMedian(series) {
		grid[line(med)][col(i+1)] = median
	}
	paint := func(cells []byte) string {
		var b strings.Builder
		for i := 0; i < len(cells); {
			j := i
			for j < len(cells) && cells[j] == cells[i] {
				j++
			}
			switch n := j - i; cells[i] {
			case player:
				b.WriteString(s.Subtle.Render(strings.Repeat(playerGlyph, n)))
			case median:
				b.WriteString(s.Bold.Render(strings.Repeat(medianGlyph, n)))
			default:
				b.WriteString(strings.Repeat(" ", n))
			}
			i = j
		}
		return b.String()
	}
	legend := fmt.Sprintf("Market share by week: %s a player, %s the room's median", playerGlyph, medianGlyph)
	if len(b.snap.Status.Rounds) > 0 {
		legend += ", ┴ a round's end"
	}
	out := []string{ansi.Truncate(legend, w, "…")}
	for i, cells := range grid {
		label := ""
		switch i {
		case 0:
			label = fmt.Sprintf("%.0f%%", 100*hi)
		case plotH - 1:
			label = fmt.Sprintf("%.0f%%", 100*lo)
		}
		out = append(out, fmt.Sprintf("%*s│%s", labelW, label+" ", paint(cells)))
	}
	axis := slices.Repeat([]string{"─"}, plotW)
	labels := slices.Repeat([]string{" "}, plotW)
	put := func(c int, text string) {
		for i, r := range []rune(text) {
			if c+i < plotW {
				labels[c+i] = string(r)
			}
		}
	}
	put(0, "1")
	last := fmt.Sprint(weeks)
	put(plotW-len(last), last)
	for _, g := range b.snap.Status.Rounds {
		axis[col(g)] = "┴"
		if c := col(g) - len(fmt.Sprint(g))/2; c > 1 && c+len(fmt.Sprint(g)) < plotW-len(last)-1 {
			put(c, fmt.Sprint(g))
		}
	}
	out = append(out, strings.Repeat(" ", labelW)+"└"+strings.Join(axis, ""), strings.Repeat(" ", labelW+1)+strings.Join(labels, ""))
	return out
}

// weeklyMedian is the median of the series week by week, over the series
// that have the week.
func weeklyMedian(series [][]float64) []float64 {
	var out []float64
	for i := 0; ; i++ {
		var xs []float64
		for _, sr := range series {
			if i < len(sr) {
				xs = append(xs, sr[i])
			}
		}
		if len(xs) == 0 {
			return out
		}
		out = append(out, report.SpreadOf(xs).Median)
	}
}

// absentWords names the games not at the gate and where each stands:
// "cy left after week 5, fay ended in week 3, gus playing week 12".
func absentWords(absent []Standing) string {
	words := make([]string, len(absent))
	for i, st := range absent {
		name := textsafe.Terminal(st.Player)
		switch {
		case st.State == Done:
			words[i] = fmt.Sprintf("%s ended in week %d", name, st.WeekInPlay())
		case st.State == Disconnected:
			words[i] = fmt.Sprintf("%s left after week %d", name, st.Week)
		case st.Week == 0:
			words[i] = name + " not started"
		default:
			words[i] = fmt.Sprintf("%s playing week %d", name, st.WeekInPlay())
		}
	}
	return strings.Join(words, ", ")
}
