package ui

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/NimbleMarkets/ntcharts/canvas"

	"github.com/globomantics/globosim/internal/scenario"
)

// marketOf is a market chart of four competitors and us over weeks weeks,
// with a decision in week 5 and an investment finished in week 9.
func marketOf(s *Styles, weeks int) chartData {
	names := []string{"Globomantics", "Initech", "Globex", "Hooli", "Houndbooks"}
	d := chartData{title: chartTitles[marketChart], fitY: true,
		marks: []decisionMark{{week: 5}, {week: 9, built: true}}}
	for j, n := range names {
		se := series{name: n, colour: j % 4}
		for i := range weeks {
			se.points = append(se.points, canvas.Float64Point{X: float64(i + 1), Y: float64(10 + 5*j + i%3)})
		}
		d.series = append(d.series, se)
	}
	return d
}

// Without colour every series has its own mark, in the chart and in the
// legend, and no competitor's name is cut, at the widths the game uses.
func TestChartSeriesApartWithoutColour(t *testing.T) {
	s := DefaultStyles(asciiRenderer())
	for _, w := range []int{38, 58, 80, 120} {
		out := plotChart(&s, marketOf(&s, 30), w, 16, 52)
		for _, want := range []string{"[─] Globomantics", "[o] Initech", "[+] Globex", "[x] Hooli", "[#] Houndbooks", "▲ you decided", "✓ built"} {
			if !strings.Contains(out, want) {
				t.Errorf("width %d: the legend lacks %q:\n%s", w, want, out)
			}
		}
		// A mark is a key in brackets, never a word between two names
		// ("o Initech + Globex" read as "Initech plus Globex").
		legend := out[:strings.Index(out, "│")]
		if loose := regexp.MustCompile(`(^|\s)[o+x#@](\s|$)`).FindString(legend); loose != "" {
			t.Errorf("width %d: a mark %q stands between words in the legend:\n%s", w, loose, legend)
		}
		body := out[strings.Index(out, "│"):]
		for _, mark := range []string{"o", "+", "x", "#"} {
			if !strings.Contains(body, mark) {
				t.Errorf("width %d: no %q drawn:\n%s", w, mark, out)
			}
		}
		for _, line := range strings.Split(out, "\n") {
			if cellWidth(line) > w {
				t.Errorf("width %d: a line of %d cells: %q", w, cellWidth(line), line)
			}
		}
	}
}

// The x axis is labelled at even week intervals at every width, the last
// label whole; decisions are marked on the axis line at their weeks.
func TestChartWeekTicksEven(t *testing.T) {
	s := DefaultStyles(asciiRenderer())
	label := regexp.MustCompile(`w(\d+)`)
	for w := 24; w <= 160; w++ {
		for _, weeks := range []float64{13, 30, 52, 100} {
			out := plotChart(&s, marketOf(&s, 13), w, 12, weeks)
			lines := strings.Split(out, "\n")
			ticks := lines[len(lines)-1]
			var got []int
			for _, m := range label.FindAllStringSubmatch(ticks, -1) {
				n, _ := strconv.Atoi(m[1])
				got = append(got, n)
			}
			if len(got) < 2 {
				t.Errorf("width %d, %v weeks: fewer than two ticks: %q", w, weeks, ticks)
				continue
			}
			for i := 1; i < len(got); i++ {
				if got[i]-got[i-1] != got[0] {
					t.Errorf("width %d, %v weeks: uneven ticks %v", w, weeks, got)
					break
				}
			}
			if cellWidth(ticks) > w {
				t.Errorf("width %d: the last tick is cut: %q", w, ticks)
			}
			axis := lines[len(lines)-2]
			if !strings.ContainsAny(axis, "▲*") {
				t.Errorf("width %d: the decision in week 5 is not marked: %q", w, axis)
			}
		}
	}
}

// Charts side by side start their x axes in the same column, whatever
// their values, so their ticks line up.
func TestChartAxesAlign(t *testing.T) {
	s := DefaultStyles(asciiRenderer())
	small := chartData{title: "a", series: []series{{name: "a", colour: 0, points: []canvas.Float64Point{{X: 1, Y: 0.5}, {X: 9, Y: 2}}}}}
	big := chartData{title: "b", series: []series{{name: "b", colour: 0, points: []canvas.Float64Point{{X: 1, Y: 10}, {X: 9, Y: 12000}}}}}
	a := strings.Split(plotChart(&s, small, 38, 12, 52), "\n")
	b := strings.Split(plotChart(&s, big, 38, 12, 52), "\n")
	if a[len(a)-1] != b[len(b)-1] || strings.Index(a[len(a)-2], "└") != strings.Index(b[len(b)-2], "└") {
		t.Errorf("axes differ:\n%s\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
}

// A short chart gives no row of its own to the decision marks' legend (the
// help explains them): it keeps the rows for the plot.
func TestShortChartKeepsItsRows(t *testing.T) {
	s := DefaultStyles(asciiRenderer())
	d := marketOf(&s, 20)
	d.series = d.series[:3]
	d.title += "  (2/3, tab: next)" // as the dashboard shows it: no room left on the line
	out := plotChart(&s, d, 80, 9, 52)
	if lines := strings.Split(out, "\n"); len(lines) != 9 || strings.Contains(out, "you decided") {
		t.Errorf("a short chart of %d lines:\n%s", len(lines), out)
	}
	if !strings.Contains(plotChart(&s, d, 80, tallChart, 52), "▲ you decided ✓ built") {
		t.Errorf("a tall chart does not explain its marks")
	}
}

// Every glyph a chart draws is in its legend, as drawn: the first series'
// line (or its dot while it has one point) and each other series' mark, in
// every scenario, at 80×24 and 120×40, from the first weeks on.
func TestChartGlyphsAreInTheLegend(t *testing.T) {
	const lineRunes = "┌┐└┘├┤┬┴┼╴╵╶╷│"
	marks := string(seriesMarks) + string(singlePoint)
	for _, sc := range []string{"globomantics", "startup", "enterprise", "tutorial"} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			opts := testOptions(t)
			opts.Scenario = sc
			m := sized(t, opts, size[0], size[1])
			if check := m.Init(); check != nil {
				m, _ = drive(t, m, check())
			}
			m, _ = drive(t, m, keyMsg("enter"), keyMsg("enter"))
			d := m.(Model).dash
			for week := 1; week <= 52; week++ {
				for d.g.Week() < week {
					if _, over := d.g.Over(); over {
						break
					}
					d.g.AdvanceWeek() // a question waiting takes its default
				}
				d.refresh()
				for k := range chartKinds {
					if bad := strayGlyph(d.chartOf(k), lineRunes, marks); bad != 0 {
						t.Errorf("%s %dx%d week %d, %s: %q drawn, not in the legend:\n%s", sc, size[0], size[1], week, chartTitles[k], bad, d.chartOf(k))
					}
				}
			}
		}
	}
}

// strayGlyph is the first glyph plotted right of a chart's y axis that its
// legend (the lines above the axis) does not show: a mark without its
// entry, or a line's corner with no line entry ("[─] "); 0 when none.
func strayGlyph(chart, lineRunes, marks string) rune {
	lines := strings.Split(chart, "\n")
	first, axis := len(lines), 0
	for i, l := range lines {
		if j := strings.IndexAny(l, "│└"); j >= 0 {
			first, axis = i, len([]rune(l[:j]))
			break
		}
	}
	head := strings.Join(lines[:first], "\n")
	for _, l := range lines[first:] {
		rs := []rune(l)
		for c := axis + 1; c < len(rs); c++ {
			r := rs[c]
			if strings.ContainsRune(marks, r) && !strings.Contains(head, legendKey(r)+" ") ||
				strings.ContainsRune(lineRunes, r) && !strings.Contains(head, legendKey('─')+" ") {
				return r
			}
		}
	}
	return 0
}

// Each week label starts at the column ntcharts draws its week at, the
// labels exactly as many columns apart, the last week labelled when it is
// a tick; each value label is on the row of its value, as evenly; at
// every chart width from 40 to 120.
func TestChartTicksAtTheirColumns(t *testing.T) {
	s := DefaultStyles(asciiRenderer())
	label := regexp.MustCompile(`w(\d+)`)
	value := regexp.MustCompile(`^\s*(\d+(\.\d)?)[│└├┤┼]`)
	for w := 40; w <= 120; w++ {
		for _, weeks := range []float64{20, 40, 52} {
			d := marketOf(&s, int(weeks))
			out := plotChart(&s, d, w, 16, weeks)
			lines := strings.Split(out, "\n")
			head := 0
			for !strings.ContainsAny(lines[head], "│└") {
				head++
			}
			ticks := []rune(lines[len(lines)-1])
			ax := weekAxisOf(w, weeks)
			c := lineChart(s.Subtle, w, 15, ax.view, 0, 100)
			if c.Origin().X != yLabelWidth || c.GraphWidth() != w-yLabelWidth-1 {
				t.Fatalf("width %d: ntcharts lays the axes out at %v, %d wide", w, c.Origin(), c.GraphWidth())
			}
			var cols, got []int
			for _, m := range label.FindAllStringSubmatchIndex(string(ticks), -1) {
				wk, _ := strconv.Atoi(string(ticks)[m[2]:m[3]])
				col := len([]rune(string(ticks)[:m[0]]))
				at := canvas.CanvasPointFromFloat64Point(c.Origin(), c.ScaleFloat64PointForLine(canvas.Float64Point{X: float64(wk), Y: 0}))
				if col != at.X {
					t.Errorf("width %d, %v weeks: w%d at column %d, its week at %d:\n%s", w, weeks, wk, col, at.X, out)
				}
				cols, got = append(cols, col), append(got, wk)
			}
			for i := 2; i < len(cols); i++ {
				if cols[i]-cols[i-1] != cols[1]-cols[0] {
					t.Errorf("width %d, %v weeks: ticks at uneven columns %v", w, weeks, cols)
					break
				}
			}
			if n := len(got); n == 0 || int(weeks)%got[0] == 0 && got[n-1] != int(weeks) {
				t.Errorf("width %d, %v weeks: the last week is not labelled: %v", w, weeks, got)
			}
			if axis := []rune(lines[len(lines)-2]); axis[yLabelWidth] != '└' {
				t.Errorf("width %d: the axis corner is %q", w, axis[yLabelWidth])
			}
			// The value labels, each on its value's row.
			rows := len(lines) - head - 2
			lo, hi, step := yRange(10, 32, rows)
			c = lineChart(s.Subtle, w, rows+2, ax.view, lo, valueTop(lo, hi, step, rows))
			var at []int
			for r, l := range lines[head:] {
				m := value.FindStringSubmatch(l)
				if m == nil {
					continue
				}
				v, _ := strconv.ParseFloat(m[1], 64)
				p := canvas.CanvasPointFromFloat64Point(c.Origin(), c.ScaleFloat64PointForLine(canvas.Float64Point{X: 1, Y: v}))
				if p.Y != r {
					t.Errorf("width %d: the label %v on row %d, its value on row %d:\n%s", w, v, r, p.Y, out)
				}
				at = append(at, r)
			}
			for i := 2; i < len(at); i++ {
				if at[i]-at[i-1] != at[1]-at[0] {
					t.Errorf("width %d: value labels on uneven rows %v", w, at)
					break
				}
			}
		}
	}
}

// Decision marks that share a column are both read, as one glyph the
// legend explains; the axis corner stays a corner, week 1's mark right of
// it.
func TestChartMarksShareAColumn(t *testing.T) {
	s := DefaultStyles(asciiRenderer())
	d := marketOf(&s, 20)
	d.marks = []decisionMark{{week: 1}, {week: 13, built: true}, {week: 13}, {week: 16, built: true}}
	out := plotChart(&s, d, 38, 16, 52)
	lines := strings.Split(out, "\n")
	axis := []rune(lines[len(lines)-2])
	if axis[yLabelWidth] != '└' || axis[yLabelWidth+1] != '▲' {
		t.Errorf("the corner or week 1's mark is lost: %q", string(axis))
	}
	if !strings.ContainsRune(string(axis), '*') || !strings.Contains(out, "* both") {
		t.Errorf("a decision and a build in one column do not show both:\n%s", out)
	}
	if !strings.ContainsRune(string(axis), '✓') {
		t.Errorf("the build in week 16 is lost:\n%s", out)
	}
}

// The cumulative flow chart shows the same three series all game, the
// engine's counts: work arrived, work done and work in progress; never two
// that run together, never chosen afresh each week.
func TestFlowChartKeepsItsSeries(t *testing.T) {
	for _, sc := range []string{"globomantics", "enterprise"} {
		opts := testOptions(t)
		opts.Scenario = sc
		m := sized(t, opts, 80, 24)
		if check := m.Init(); check != nil {
			m, _ = drive(t, m, check())
		}
		m, _ = drive(t, m, keyMsg("enter"), keyMsg("enter"))
		d := m.(Model).dash
		in, out := 0, 0
		for week := 1; week <= 30; week++ {
			if _, over := d.g.Over(); over {
				break
			}
			d.g.AdvanceWeek()
			d.refresh()
			w := d.snap.weekly[len(d.snap.weekly)-1]
			in, out = in+w.Arrived, out+w.Completed
			flow := chartOf(flowChart, &d.snap)
			var names []string
			for _, se := range flow.series {
				names = append(names, se.name)
			}
			if strings.Join(names, ", ") != "done, arrived, in progress" {
				t.Fatalf("%s week %d: the flow chart shows %v", sc, week, names)
			}
			last := func(i int) float64 { p := flow.series[i].points; return p[len(p)-1].Y }
			if last(0) != float64(out) || last(1) != float64(in) || last(2) != float64(w.WIP) {
				t.Errorf("%s week %d: done %v arrived %v in progress %v, the engine's %d %d %d",
					sc, week, last(0), last(1), last(2), out, in, w.WIP)
			}
		}
	}
}

// A series drawn over by another, all of it, is said to be under that one
// in the legend; one that shows is not.
func TestChartSaysWhichSeriesIsUnder(t *testing.T) {
	s := DefaultStyles(asciiRenderer())
	for _, w := range []int{38, 80, 120} {
		d := marketOf(&s, 20)
		d.series = d.series[:4]
		d.series[2].points = d.series[1].points // Globex where Initech is
		out := plotChart(&s, d, w, 10, 52)
		if !strings.Contains(out, "[+] Globex (under Initech)") || strings.Contains(out, "Hooli (under") {
			t.Errorf("width %d: the legend does not say Globex is under Initech, or says more:\n%s", w, out)
		}
	}
}

// A series' marks are on the row of their value, as its label is: a mark
// at 20 is on the row labelled 20, at every height.
func TestChartMarksOnTheirValuesRows(t *testing.T) {
	s := DefaultStyles(asciiRenderer())
	for h := 6; h <= 30; h++ {
		us := series{name: "us", colour: 0}
		them := series{name: "them", colour: 1}
		for i := range 20 {
			us.points = append(us.points, canvas.Float64Point{X: float64(i + 1), Y: float64(2 * i)})
			them.points = append(them.points, canvas.Float64Point{X: float64(i + 1), Y: 20})
		}
		out := plotChart(&s, chartData{title: "t", series: []series{us, them}}, 60, h, 52)
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, "│o") || strings.Contains(l, "o") && strings.Contains(l, "│") {
				if !strings.HasPrefix(strings.TrimSpace(l), "20│") {
					t.Errorf("height %d: the marks at 20 are on the row %q:\n%s", h, l, out)
				}
			}
		}
	}
}

// Enterprise at 80×24 in week 20 has had one release: its lead time from
// commit is a point the chart shows, or says is under the other.
func TestLeadTimeFromCommitIsShown(t *testing.T) {
	opts := testOptions(t)
	opts.Scenario = "enterprise"
	m, _ := drive(t, sized(t, opts, 80, 24), keyMsg("enter"), keyMsg("enter"))
	d := m.(Model).dash
	for d.g.Week() < 20 {
		d.g.AdvanceWeek()
	}
	d.refresh()
	out := d.chartOf(leadTimeChart)
	body := out[strings.Index(out, "│"):]
	if !strings.Contains(out, "[o] from commit") || !strings.Contains(body, "o") && !strings.Contains(out, "from commit (under") {
		t.Errorf("the lead time from commit is neither drawn nor said to be under the other:\n%s", out)
	}
}

// The lead time chart is drawn in the unit the week's line writes its
// figure in: the line's "Week 20's commit→prod 4.7w" is the chart's last
// "from commit" point, 4.7 on a chart "(weeks)", in every built-in
// scenario played by each of its built-in plans, every week.
func TestLeadTimeChartReadsAsTheWeeksLine(t *testing.T) {
	units := map[string]string{"h": "hours", "d": "days", "w": "weeks"}
	figure := regexp.MustCompile(`commit→prod (\d+\.\d)([hdw]) `)
	seen := map[string]bool{}
	for _, b := range scenario.BuiltinPlans() {
		d, plan := planDashboard(t, b.Name, 120, 40)
		for !over(d.g) {
			for _, st := range plan.Steps {
				if st.Week == d.g.Week()+1 {
					d.g.Apply(st.Decision)
				}
			}
			d.g.AdvanceWeek()
			d.refresh()
			line := d.changesLine(400)
			f := figure.FindStringSubmatch(line)
			if f == nil {
				continue // no change reached production this week
			}
			c := chartOf(leadTimeChart, &d.snap)
			commits := c.series[1].points
			last := commits[len(commits)-1]
			if got := fmt.Sprintf("%.1f", last.Y); int(last.X) != d.g.Week() || got != f[1] || !strings.HasSuffix(c.title, "("+units[f[2]]+")") {
				t.Fatalf("%s week %d: the line says %s%s, the chart %q has %s at week %.0f\n%s", b.Name, d.g.Week(), f[1], f[2], c.title, got, last.X, line)
			}
			seen[f[2]] = true
		}
	}
	if len(seen) != len(units) {
		t.Errorf("the plans met only the units %v", seen)
	}
}
