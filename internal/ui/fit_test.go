package ui

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/globomantics/globosim/internal/sim"
)

// At 80×24, in every shipped scenario, the header keeps the company's
// whole name and the week's "what changed" line is whole clauses: a
// figure is never cut ("Quarterly release 5…" was).
func TestHeaderAndWeeklyLineFitAt80(t *testing.T) {
	for _, scenario := range []string{"globomantics", "startup", "enterprise", "tutorial"} {
		t.Run(scenario, func(t *testing.T) {
			opts := testOptions(t)
			opts.Scenario = scenario
			var tm tea.Model = sized(t, opts, 80, 24)
			tm, _ = drive(t, tm, keyMsg("enter"), keyMsg("enter"))
			for week := 0; week < 40 && tm.(Model).screen == playScreen; week++ {
				for i := 0; i < 5 && tm.(Model).dash.tutor.open; i++ {
					tm, _ = drive(t, tm, keyMsg("enter"))
				}
				tm = nextWeek(t, tm)
				d := tm.(Model).dash
				for _, d := range []dashboardModel{d, playingNow(d)} {
					if h := d.header(); !strings.Contains(h, " "+d.snap.company+" ") || cellWidth(h) > 80 {
						t.Errorf("week %d: the header %q (%d cells) does not keep %q whole", d.g.Week(), h, cellWidth(h), d.snap.company)
					}
				}
				if d.tutor.open || d.choice.shown() {
					continue
				}
				line := d.changesLine(d.width - 1)
				if d.g.Week() >= 2 && line == "" {
					t.Errorf("week %d: no line at 79 columns", d.g.Week())
				}
				if strings.Contains(line, "…") || cellWidth(line) > 79 {
					t.Errorf("week %d: the line is cut: %q", d.g.Week(), line)
				}
				if i, ok := d.longestQueue(); ok && strings.Contains(line, d.snap.stages[i].Name) {
					if q := d.snap.stages[i].Name + " " + strconv.Itoa(d.queuesNow.queues[i]); !strings.Contains(line, q) {
						t.Errorf("week %d: the line %q lacks the whole queue %q", d.g.Week(), line, q)
					}
				}
				for _, l := range strings.Split(tm.View(), "\n") {
					if cellWidth(l) > 80 {
						t.Errorf("week %d: a line of %d cells: %q", d.g.Week(), cellWidth(l), l)
					}
				}
			}
		})
	}
}

// playingNow is the dashboard as it is while auto-play runs, at its
// slowest speed (the widest play state).
func playingNow(d dashboardModel) dashboardModel {
	d.playing = true
	return d
}

// The week's line at 79 columns drops whole clauses, least telling first,
// when even its tersest wording is too wide: a long stage name and long
// figures never end in a cut number.
func TestWeeklyLineDropsWholeClauses(t *testing.T) {
	week := func(n int, lead float64, share float64, budget int64) sim.WeekResult {
		var w sim.WeekResult
		w.Week, w.LeadTimeForChangesP50, w.MarketShare, w.Budget = n, sim.Measured(lead), share, budget
		return w
	}
	var d dashboardModel
	d.snap.hoursPerWeek = 40
	d.snap.week = 12
	d.snap.weekly = []sim.WeekResult{week(11, 131.3, 0.2712, 3_184_164), week(12, 187.9, 0.2651, 3_162_519)}
	d.snap.stages = []sim.StageView{{Name: "Change advisory board"}, {Name: "Quarterly release", Held: 57}}
	d.queuesBefore = queueMark{week: 11, queues: []int{0, 41}}
	d.queuesNow = queueMark{week: 12, queues: []int{0, 57}}
	full := d.changesLine(400)
	if !strings.Contains(full, "Quarterly release 57 (+16)") {
		t.Fatalf("the full line: %q", full)
	}
	for w := 79; w >= 40; w-- { // the game needs 80 columns; the line has one less
		line := d.changesLine(w)
		if cellWidth(line) > w || strings.Contains(line, "…") {
			t.Errorf("at %d: %q", w, line)
		}
		if strings.Contains(line, "Quarterly") && !strings.Contains(line, "Quarterly release 57 +16") && !strings.Contains(line, "Quarterly release 57 (+16)") {
			t.Errorf("at %d the queue is not whole: %q", w, line)
		}
		if !strings.HasPrefix(line, "Week 12") {
			t.Errorf("at %d the week's first clause is gone: %q", w, line)
		}
	}
}

// The end screen's lines fit inside its margin, so the viewport cuts none
// of them: the chart's x axis ends on a whole label, after the ones before
// it ("w22  w2" was w24 cut by two columns).
func TestEndScreenAxisIsWhole(t *testing.T) {
	ticks := regexp.MustCompile(`^ +w\d+( +w\d+)+ *$`)
	for _, scenario := range []string{"globomantics", "enterprise", "tutorial"} {
		for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
			opts := testOptions(t)
			opts.Scenario = scenario
			over := overGame(t, opts)
			sized, _ := over.Update(tea.WindowSizeMsg{Width: size.w, Height: size.h})
			m, cmds := endCmds(t, sized.(Model))
			next, _ := m.Update(cmds[0]())
			end := next.(Model).end
			axes := 0
			for _, l := range strings.Split(end.content(), "\n") {
				if cellWidth(l) > size.w {
					t.Errorf("%s at %dx%d: a line of %d cells: %q", scenario, size.w, size.h, cellWidth(l), l)
				}
				if !ticks.MatchString(strings.TrimRight(l, " ")) {
					continue
				}
				axes++
				charts := 1
				if size.w >= 100 {
					charts = 2 // side by side, each axis from its first label
				}
				runs, last := 0, 0
				for _, f := range strings.Fields(l) {
					n, _ := strconv.Atoi(strings.TrimPrefix(f, "w"))
					if n <= last || runs == 0 {
						runs++
					}
					last = n
				}
				if runs != charts {
					t.Errorf("%s at %dx%d: the axis %q is not %d whole run(s) of labels", scenario, size.w, size.h, l, charts)
				}
			}
			if axes == 0 {
				t.Errorf("%s at %dx%d: no chart axis on the end screen:\n%s", scenario, size.w, size.h, end.content())
			}
		}
	}
}

// Every lesson's box fits the screen at 80×24, each over the map as it
// opens (a play-test saw lesson 4's right border a column out).
func TestLessonBoxesFitAt80(t *testing.T) {
	opts := testOptions(t)
	opts.Scenario = "tutorial"
	tm, _ := drive(t, sized(t, opts, 80, 24), keyMsg("enter"), keyMsg("enter"))
	d := tm.(Model).dash
	ch, _ := d.chartSize()
	for i, l := range d.tutor.Lessons {
		tu := d.tutor
		tu.Next = i
		box := tu.view(d.styles, d.g, d.mapView(), d.width, ch+d.newsHeight()+1)
		for _, line := range strings.Split(box, "\n") {
			if cellWidth(line) > 80 {
				t.Errorf("lesson %q: a line of %d cells: %q", l.ID, cellWidth(line), line)
			}
		}
	}
}

// The week's line has one wording at every width and in every week: a
// narrower screen drops whole clauses, never rewords the rest ("w8
// commit→prod –", "43.0% +2.6 pt", "$193k" beside the header's dollars),
// and a week in which nothing reached production says so, not "–".
func TestWeeklyLineHasOneWording(t *testing.T) {
	week := func(n int, lead sim.Metric, share float64, budget int64) sim.WeekResult {
		var w sim.WeekResult
		w.Week, w.LeadTimeForChangesP50, w.MarketShare, w.Budget = n, lead, share, budget
		return w
	}
	var d dashboardModel
	d.snap.hoursPerWeek = 40
	d.snap.stages = []sim.StageView{{Name: "Release train", Held: 9}}
	d.queuesBefore = queueMark{week: 2, queues: []int{4}}
	d.queuesNow = queueMark{week: 3, queues: []int{9}}
	clause := regexp.MustCompile(`^(Week 3's commit→prod \d+\.\dd \([+−]\d+\.\dh\)|Week 3: nothing reached production|share 31\.9% \(−1\.5 pt\)|\$192,785 \(\+\$[\d,.]+k?\)|longest queue Release train 9 \(\+5\))$`)
	for _, lead := range []sim.Metric{sim.Measured(60), {}} {
		d.snap.weekly = []sim.WeekResult{week(2, sim.Measured(55), 0.334, 189_926), week(3, lead, 0.319, 192_785)}
		full := d.changesLine(400)
		if n := len(strings.Split(full, " · ")); n != 4 {
			t.Errorf("the full line has %d clauses: %q", n, full)
		}
		for w := 400; w >= 20; w-- {
			line := d.changesLine(w)
			if line == "" {
				break
			}
			if !strings.HasPrefix(full, line) {
				t.Errorf("at %d the line is not the full one's first clauses: %q, full %q", w, line, full)
			}
			for _, c := range strings.Split(line, " · ") {
				if !clause.MatchString(c) {
					t.Errorf("at %d a clause in another wording: %q", w, c)
				}
			}
		}
	}
}

// place places text as lipgloss.Place does, wherever it is put.
func TestPlaceAsLipgloss(t *testing.T) {
	s := colourStyles()
	texts := []string{
		"", "x", "a\nbb\nccc", s.Box.Render("Which way?\n▸ left\n  right"), s.Subtle.Render("dim") + " ▪▪▫ 日本\nnext",
		"👍🏽 ok\n\n e\u0301", strings.Repeat("long line ", 12),
	}
	positions := []lipgloss.Position{lipgloss.Left, lipgloss.Center, lipgloss.Right, 0.3, 0.77, -1, 2}
	for _, text := range texts {
		for _, w := range []int{0, 1, 5, 17, 40, 121} {
			for _, h := range []int{0, 1, 3, 8, 24} {
				for _, across := range positions {
					for _, down := range positions {
						if got, want := place(w, h, across, down, text), lipgloss.Place(w, h, across, down, text); got != want {
							t.Fatalf("place(%d, %d, %v, %v, %q) = %q, lipgloss gives %q", w, h, across, down, text, got, want)
						}
					}
				}
			}
		}
	}
}

// The lines a message of more than one line takes are taken off the end of
// the parts as if they were joined first, wherever the parts' new lines are.
func TestDropLinesAsFromTheJoin(t *testing.T) {
	partsOf := [][]string{{"a"}, {"a\nb"}, {"a", "b"}, {"a\nb", "c"}, {"a", "b\nc\nd"}, {"a", "", "b"}, {"a\n", "b"}, {"a", "b", "c", "d\ne"}}
	for _, parts := range partsOf {
		for _, msg := range []string{"m", "m\nn", "m\nn\no", "m\nn\no\np\nq"} {
			body := strings.Join(parts, "\n")
			for range strings.Count(msg, "\n") {
				if i := strings.LastIndexByte(body, '\n'); i >= 0 {
					body = body[:i]
				}
			}
			want := body + "\n" + msg
			if got := strings.Join(append(dropLines(slices.Clone(parts), msg), msg), "\n"); got != want {
				t.Errorf("parts %q, message %q: %q, want %q", parts, msg, got, want)
			}
		}
	}
}
