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
			if !strings.Contains(axis, "▲") {
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
