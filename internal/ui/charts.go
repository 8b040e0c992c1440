package ui

import (
	"fmt"
	"maps"
	"math"
	"strings"
	"sync"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/canvas/graph"
	"github.com/NimbleMarkets/ntcharts/canvas/runes"
	"github.com/NimbleMarkets/ntcharts/linechart"
	"github.com/charmbracelet/lipgloss"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/sim"
)

// The dashboard's charts, drawn with ntcharts line charts: lead time week
// by week, market share against each competitor, and a cumulative flow
// diagram. They are drawn when the game moves, not on every frame.

type chartKind int

const (
	leadTimeChart chartKind = iota
	marketChart
	flowChart
	chartKinds
)

// The lead time chart's points are each week's median (the week's line in
// the news names the same figure), so its title says "by week": the DORA
// line's commit→prod is the median over its window, another figure. Its
// unit is added to the title when it is drawn (see leadTimeSeries).
var chartTitles = [chartKinds]string{"Lead time by week", "Market share (%)", "Cumulative flow (items)"}

type series struct {
	name   string
	colour int // which of Styles.Series it is drawn in
	points []canvas.Float64Point
}

// seriesMarks tell a chart's series apart without colour: the first is
// drawn as a line, the others with these marks (the debrief's, in the same
// order), in the chart and in its legend.
var seriesMarks = []rune{'o', '+', 'x', '#', '@'}

// A decisionMark is a week the player acted in, marked on a chart's x axis.
type decisionMark struct {
	week  int
	built bool // an investment finished, rather than a decision taken
}

const (
	decidedGlyph = '▲'
	builtGlyph   = '✓'
	bothGlyph    = '*' // a decision and a build in weeks of one column
)

// chartData is one chart: its series, the player's decisions, and what it
// says while it has nothing to draw.
type chartData struct {
	title, empty string
	series       []series
	marks        []decisionMark
	// fitY starts the y axis near the lowest value rather than at 0, for
	// figures that move within a band (market shares).
	fitY bool
	// under names, by series, the series drawn over every mark of it, so
	// the legend says where a series is that the chart does not show.
	under map[int]string
}

// A chart is drawn no bigger than this, however big the terminal: a year of
// weeks shows no better on more cells, and drawing costs a style per cell.
const (
	maxPlotWidth  = 160
	maxPlotHeight = 40
)

// plot draws the series in w×h cells (legend included), x from 1 to xmax.
func plot(s *Styles, title string, w, h int, xmax float64, all []series) string {
	return plotChart(s, chartData{title: title, series: all}, w, h, xmax)
}

// singlePoint is how the first series is drawn while it has one point
// only: there is no line to draw yet.
const singlePoint = '•'

// seriesGlyph is the glyph series i of d is drawn with, as its legend
// shows it: a line for the first (a dot while it has a single point), a
// mark for each other.
func seriesGlyph(d *chartData, i int) rune {
	switch {
	case i > 0:
		return seriesMarks[(i-1)%len(seriesMarks)]
	case len(d.series[i].points) == 1:
		return singlePoint
	}
	return '─'
}

// legendOf names each series with its glyph, as drawn, in brackets: a
// key, not a word between names ("o Initech + Globex" read as "Initech
// plus Globex"); marksLegend explains the decision marks the chart shows.
func legendOf(s *Styles, d *chartData, used []int) []string {
	legend := make([]string, 0, len(used))
	for _, i := range used {
		entry := legendKey(seriesGlyph(d, i)) + " " + d.series[i].name
		if over, ok := d.under[i]; ok {
			entry += " (under " + over + ")"
		}
		legend = append(legend, s.chartInks[1+d.series[i].colour].paint(entry))
	}
	return legend
}

// legendKey is a series' glyph as its legend shows it: "[+]".
func legendKey(glyph rune) string { return "[" + string(glyph) + "]" }

func marksLegend(s *Styles, d *chartData, w int, xmax float64) []string {
	var drawn int
	for _, what := range markColumns(w, xmax, d.marks) {
		drawn |= 1 << what
	}
	// One entry, so that it is shown whole or not at all.
	var parts []string
	for _, what := range []int{decidedBit, builtBit, decidedBit | builtBit} {
		if drawn&(1<<what) != 0 {
			parts = append(parts, string(markGlyphs[what])+" "+markWords[what])
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return []string{s.Ink.Subtle.paint(strings.Join(parts, " "))}
}

// markWords explain the marks' glyphs in the legend.
var markWords = map[int]string{decidedBit: "you decided", builtBit: "built", decidedBit | builtBit: "both"}

// tallChart is the least height at which the decision marks' legend may
// take a line of its own; below it, the help explains them (playHints).
const tallChart = 14

// wrapLegend puts the title and legend entries on as few lines of w cells
// as they fit on, never cutting an entry that fits a line; the extra
// entries only where they fit without a new line, unless newLine.
func wrapLegend(title string, legend, extra []string, w int, newLine bool) []string {
	lines := []string{truncateLine(title, w)}
	sep := "  "
	add := func(e string, mayWrap bool) {
		last := &lines[len(lines)-1]
		switch {
		case cellWidth(*last)+len(sep)+cellWidth(e) <= w:
			*last += sep + e
		case mayWrap:
			lines = append(lines, truncateLine(e, w))
		default:
			return
		}
		sep = " "
	}
	for _, e := range legend {
		add(e, true)
	}
	for _, e := range extra {
		add(e, newLine)
	}
	return lines
}

// plotChart draws chart d in w×h cells, x from 1 to xmax; a series drawn
// over by others is said to be under them in the legend. The words may
// take a line from the plot, which moves the marks: then it is drawn again
// with the legend kept at that height and the series hidden there.
func plotChart(s *Styles, d chartData, w, h int, xmax float64) string {
	out, under, _ := plotOnce(s, d, w, h, xmax, 0)
	if len(under) == 0 {
		return out
	}
	d.under = under
	out, again, lines := plotOnce(s, d, w, h, xmax, 0)
	if !maps.Equal(again, under) {
		d.under = again
		out, _, _ = plotOnce(s, d, w, h, xmax, lines)
	}
	return out
}

// plotOnce is plotChart's drawing, with the series hidden in it and the
// legend's lines, at least minLegend.
func plotOnce(s *Styles, d chartData, w, h int, xmax float64, minLegend int) (string, map[int]string, int) {
	w, h = min(w, maxPlotWidth), min(h, maxPlotHeight)
	var used []int
	ymin, ymax := math.Inf(1), 0.0
	for i, se := range d.series {
		if len(se.points) == 0 {
			continue
		}
		used = append(used, i)
		for _, p := range se.points {
			ymax = math.Max(ymax, p.Y)
			ymin = math.Min(ymin, p.Y)
		}
	}
	xmax = math.Max(xmax, 2)
	var marks []string // explained only where they are drawn
	if len(used) > 0 {
		marks = marksLegend(s, &d, w, xmax)
	}
	lines := wrapLegend(s.Ink.PanelTitle.paint(d.title), legendOf(s, &d, used), marks, w, h >= tallChart)
	for len(lines) < minLegend {
		lines = append(lines, "")
	}
	head := strings.Join(lines, "\n")
	h -= len(lines) - 1
	if h < 4 || w < 12 {
		return head, d.under, len(lines)
	}
	if len(used) == 0 {
		empty := d.empty
		if empty == "" {
			empty = "nothing yet: play a week"
		}
		return head + "\n" + s.Ink.Subtle.paint(empty), nil, len(lines)
	}
	lo := 0.0
	if d.fitY {
		lo = ymin
	}
	lo, ymax, ystep := yRange(lo, ymax, h-3)
	top := valueTop(lo, ymax, ystep, h-3)
	inks := s.canvasInks()
	c := lineChart(inks.style(0), w, h-1, weekAxisOf(w, xmax).view, lo, top)
	drawAxes(c)
	// Drawn in reverse, so the first series (ours) is on top where they cross.
	for k := len(used) - 1; k >= 0; k-- {
		i := used[k]
		se, st := d.series[i], inks.style(1+d.series[i].colour)
		mark := seriesGlyph(&d, i)
		if i == 0 && mark != singlePoint {
			for j := 1; j < len(se.points); j++ {
				c.DrawLineWithStyle(se.points[j-1], se.points[j], runes.ThinLineStyle, st)
			}
			continue
		}
		drawMarks(c, se.points, mark, st)
	}
	under := hiddenSeries(c, &d, used)
	drawWeekAxis(c, inks.style(0), xmax, d.marks)
	drawValueAxis(c, inks.style(0), lo, ymax, ystep)
	painted := inks.paint(&c.Canvas)
	inks.wipe(&c.Canvas)
	poolOf(c.Width(), c.Height()).Put(c)
	return head + "\n" + painted, under, len(lines)
}

// markCell is the cell a series' mark for point f is drawn in: the cell
// its value's row and its week's column are, as the first series' line and
// the axes' labels place them (ntcharts puts its own runes a row higher
// and on a scale a row shorter), kept off the axes.
func markCell(c *linechart.Model, f canvas.Float64Point) canvas.Point {
	o := c.Origin()
	p := canvas.CanvasPointFromFloat64Point(o, c.ScaleFloat64PointForLine(f))
	return canvas.Point{X: max(p.X, o.X+1), Y: min(p.Y, o.Y-1)}
}

// drawMarks draws a series as its mark, at each point and between them.
func drawMarks(c *linechart.Model, pts []canvas.Float64Point, mark rune, st lipgloss.Style) {
	cell := canvas.NewCellWithStyle(mark, st)
	if len(pts) == 1 {
		c.Canvas.SetCell(markCell(c, pts[0]), cell)
	}
	for j := 1; j < len(pts); j++ {
		for _, p := range graph.GetLinePoints(markCell(c, pts[j-1]), markCell(c, pts[j])) {
			c.Canvas.SetCell(p, cell)
		}
	}
}

// hiddenSeries names, by series, the series drawn over a series of which
// no mark shows (it sat under another where their values met): the one at
// its last point. The first series is drawn last, over the others.
func hiddenSeries(c *linechart.Model, d *chartData, used []int) map[int]string {
	o := c.Origin()
	seen := map[rune]bool{}
	for y := range o.Y {
		for x := o.X + 1; x < c.Width(); x++ {
			seen[c.Canvas.Cell(canvas.Point{X: x, Y: y}).Rune] = true
		}
	}
	var under map[int]string
	for _, i := range used {
		if i == 0 || seen[seriesGlyph(d, i)] {
			continue
		}
		top := 0 // where no other series' mark is over it, the first's line is
	find:
		for _, f := range d.series[i].points {
			over := c.Canvas.Cell(markCell(c, f)).Rune
			for _, j := range used {
				if j > 0 && j < i && seriesGlyph(d, j) == over {
					top = j
					break find
				}
			}
		}
		if under == nil {
			under = map[int]string{}
		}
		under[i] = d.series[top].name
	}
	return under
}

// drawAxes draws what the chart's DrawXYAxisAndLabel would, given the
// labels lineChart gives it: the axes. Its labels are blanks: every x
// label is empty, and the y label, drawn once at the origin (it skips a
// label the same as the one below it), is where drawValueAxis writes its
// first. Without reading a cell per column for x labels never drawn.
func drawAxes(c *linechart.Model) {
	graph.DrawXYAxis(&c.Canvas, c.Origin(), c.AxisStyle)
}

// yRange is the y axis from lo to hi in rows: ends and a step between
// labels that are round numbers, a label every three rows or more (every
// other row on a short chart, so its band is not drawn flat).
func yRange(lo, hi float64, rows int) (from, to, step float64) {
	if math.IsNaN(lo+hi) || math.IsInf(lo+hi, 0) {
		return 0, 1, 1
	}
	if hi <= lo {
		hi = lo + 1
	}
	labels := max(rows/3, 2)
	if rows < 9 {
		labels = max((rows+1)/2, 2)
	}
	step = prose.NiceCeil((hi-lo)/float64(labels), prose.CeilSteps)
	for {
		from, to = step*math.Floor(lo/step), step*math.Ceil(hi/step)
		if to > from && (to-from)/step <= float64(labels) {
			return from, to, step
		}
		step = prose.NiceCeil(step*1.01, prose.CeilSteps)
	}
}

// valueTop is the top of a y axis from lo with labels every step up to
// hi, on rows rows: a whole number of rows between labels, so that each
// label is on the row of its value exactly; the top at or above hi.
func valueTop(lo, hi, step float64, rows int) float64 {
	labels := max(math.Round((hi-lo)/step), 1)    // yRange makes it whole
	k := max(math.Floor(float64(rows)/labels), 1) // rows per label
	return lo + step*float64(rows)/k
}

// drawValueAxis labels the y axis at every step from lo up the chart, each
// on the row its value is drawn at.
func drawValueAxis(c *linechart.Model, st lipgloss.Style, lo, hi, step float64) {
	o, gh := c.Origin(), float64(c.GraphHeight())
	top := c.ViewMaxY()
	last := o.Y + 1
	for i := 0; ; i++ {
		v := lo + float64(i)*step
		if v > math.Max(hi, top)+step/1000 {
			return
		}
		y := o.Y - int(math.Round((v-lo)*gh/(top-lo)))
		if y >= last || y < o.Y-int(gh) {
			continue // two labels on a row, or above the chart
		}
		label := fmt.Sprintf("%*s", yLabelWidth, compact(v))
		c.Canvas.SetStringWithStyle(canvas.Point{X: o.X - yLabelWidth, Y: y}, label, st)
		last = y
	}
}

// weekTickSteps are the week intervals the x axis may be labelled at.
var weekTickSteps = []int{1, 2, 4, 5, 10, 13, 20, 26, 50, 52, 100, 200, 250, 500, 1000, 2000, 5000, 10000}

// A weekAxis is how a chart's x axis is laid out: a label every step weeks,
// px columns apart exactly, so the ticks are even; and the x range the
// chart is drawn over, from week 1 to view, a little more than the weeks
// shown so that the last week's label fits whole at its own column.
type weekAxis struct {
	step, px int
	view     float64
}

// weekAxisOf lays out the x axis of a chart w cells wide showing weeks 1
// to xmax: of the two smallest steps whose labels do not touch, one that
// labels the last week, else the one that leaves fewer columns unused.
func weekAxisOf(w int, xmax float64) weekAxis {
	g := w - yLabelWidth - 1 // the graph's width, as ntcharts lays it out
	widest := len(fmt.Sprintf("w%.0f", xmax))
	room := max(g-widest+1, 1) // the last week's column, its label right of it
	best, tried := weekAxis{}, 0
	waste := math.Inf(1)
	for _, k := range weekTickSteps {
		px := int(float64(room) * float64(k) / (xmax - 1))
		if px < widest+1 {
			continue
		}
		left := float64(room) - (xmax-1)*float64(px)/float64(k)
		if int(xmax)%k == 0 {
			left -= float64(room) // labelling the last week comes first
		}
		if left < waste {
			best, waste = weekAxis{step: k, px: px}, left
		}
		if tried++; tried == 2 {
			break
		}
	}
	if best.px == 0 { // no labels fit apart: one, at the last week
		best = weekAxis{step: max(int(xmax), 1), px: room}
	}
	// A hair less, so that a week half way between two columns is always
	// drawn at the right one, by ntcharts and by column alike.
	best.view = 1 + float64(g)*float64(best.step)/float64(best.px)*(1-1e-9)
	return best
}

// column is the canvas column of week x on a chart w cells wide, as the
// chart's lines place it (ntcharts puts the y axis at column yLabelWidth).
func (ax weekAxis) column(w int, x float64) int {
	return yLabelWidth + int(math.Round((x-1)*float64(w-yLabelWidth-1)/(ax.view-1)))
}

// Marks on the x axis line, by what happened in the weeks of their column.
const (
	decidedBit = 1 << iota
	builtBit
)

// markGlyphs are the glyphs of a column's marks: a decision, a build, or
// both (weeks that share a column on a narrow chart).
var markGlyphs = map[int]rune{decidedBit: decidedGlyph, builtBit: builtGlyph, decidedBit | builtBit: bothGlyph}

// markColumns are the x axis columns the marks are drawn at, each with
// what happened there; week 1's on the first column after the axis corner.
func markColumns(w int, xmax float64, marks []decisionMark) map[int]int {
	ax, cols := weekAxisOf(w, xmax), map[int]int{}
	for _, mk := range marks {
		if mk.week < 1 || float64(mk.week) > xmax {
			continue
		}
		col := max(ax.column(w, float64(mk.week)), yLabelWidth+1)
		if mk.built {
			cols[col] |= builtBit
		} else {
			cols[col] |= decidedBit
		}
	}
	return cols
}

// drawWeekAxis labels the x axis every few weeks, each label starting at
// its week's column, and marks the weeks the player decided in on the axis
// line.
func drawWeekAxis(c *linechart.Model, st lipgloss.Style, xmax float64, marks []decisionMark) {
	o, w := c.Origin(), c.Width()
	ax := weekAxisOf(w, xmax)
	for wk := ax.step; float64(wk) <= xmax; wk += ax.step {
		c.Canvas.SetStringWithStyle(canvas.Point{X: ax.column(w, float64(wk)), Y: o.Y + 1}, fmt.Sprintf("w%d", wk), st)
	}
	for col, what := range markColumns(w, xmax, marks) {
		c.Canvas.SetCell(canvas.Point{X: col, Y: o.Y}, canvas.NewCellWithStyle(markGlyphs[what], st))
	}
}

// lineCharts holds line charts drawn before and wiped, to draw the next
// chart of the same size on: a canvas is a few hundred kilobytes of cells,
// too much to allocate afresh for each chart each week of each player.
// There is a pool per size: charts side by side differ in height by their
// legends' lines. Not a sync.Pool: that empties at every other collection,
// which in a busy room comes more often than a week of play, so nearly
// every chart was drawn on a new canvas.
var lineCharts sync.Map // [2]int{w, h} → *chartPool

// chartsKept is how many wiped charts of a size are kept; one drawn while
// all are in use is dropped when done.
const chartsKept = 8

type chartPool chan *linechart.Model

func poolOf(w, h int) chartPool {
	if p, ok := lineCharts.Load([2]int{w, h}); ok {
		return p.(chartPool)
	}
	p, _ := lineCharts.LoadOrStore([2]int{w, h}, make(chartPool, chartsKept))
	return p.(chartPool)
}

// Get is a wiped chart, if one is kept.
func (p chartPool) Get() (*linechart.Model, bool) {
	select {
	case c := <-p:
		return c, true
	default:
		return nil, false
	}
}

// Put keeps a wiped chart, if there is room.
func (p chartPool) Put(c *linechart.Model) {
	select {
	case p <- c:
	default:
	}
}

// yLabelWidth is the width of every y label, so that charts side by side
// start their x axes in the same column and their ticks line up.
const yLabelWidth = 4

// lineChart is an empty w×h line chart with x from 1 to xmax and y from
// ymin to ymax, its axes and labels in the style given; the x axis is
// labelled by drawWeekAxis and the y axis by drawValueAxis.
func lineChart(axes lipgloss.Style, w, h int, xmax, ymin, ymax float64) *linechart.Model {
	if c, ok := poolOf(w, h).Get(); ok && ymax > ymin {
		c.SetXYRange(1, xmax, ymin, ymax)
		c.SetViewXYRange(1, xmax, ymin, ymax) // and the origin and graph size for them
		c.AxisStyle, c.LabelStyle = axes, axes
		return c
	}
	// Box-drawing lines rather than braille: every terminal font has them.
	c := linechart.New(w, h, 1, xmax, ymin, ymax,
		linechart.WithXYSteps(1, max((h-2)/4, 1)),
		linechart.WithStyles(axes, axes, lipgloss.NewStyle()),
		linechart.WithXLabelFormatter(func(int, float64) string { return "" }),
		linechart.WithYLabelFormatter(func(int, float64) string { return strings.Repeat(" ", yLabelWidth) }), // drawValueAxis labels it
	)
	return &c
}

func compact(v float64) string {
	switch {
	case v >= 10000:
		return fmt.Sprintf("%.0fk", v/1000)
	case v >= 100 || v == math.Trunc(v):
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

// chartOf builds one chart from the game's weekly numbers.
func chartOf(kind chartKind, snap *snapshot) chartData {
	d := chartData{title: chartTitles[kind], marks: snap.marks}
	switch kind {
	case leadTimeChart:
		d.empty = "no work has reached customers yet"
		var unit string
		if d.series, unit = leadTimeSeries(snap); unit != "" {
			d.title += " (" + unit + ")"
		}
	case marketChart:
		d.fitY = true
		us := series{name: snap.company, colour: 0}
		for i, w := range snap.weekly {
			us.points = append(us.points, canvas.Float64Point{X: float64(i + 1), Y: 100 * w.MarketShare})
		}
		d.series = []series{us}
		for j, c := range snap.competitors {
			se := series{name: c.Name, colour: 1 + j%3}
			for i, v := range c.Shares {
				se.points = append(se.points, canvas.Float64Point{X: float64(i + 1), Y: 100 * v})
			}
			d.series = append(d.series, se)
		}
	default:
		d.series = flowSeries(snap)
	}
	return d
}

// leadTimeSeries are each week's median lead times, from arrival (the
// flow's) and from commit (DORA's), in the unit prose.Duration writes the
// latest from commit in, so that the chart's last point reads as the
// week's line writes it ("4.7w", 4.7 on a chart in weeks); with no change
// in production yet, in the unit of the latest from arrival. unit is its
// name, "weeks"; "" while there is nothing to draw.
func leadTimeSeries(snap *snapshot) (out []series, unit string) {
	hpw := snap.hoursPerWeek
	lead := series{name: "from arrival", colour: 0}   // the flow lead time
	changes := series{name: "from commit", colour: 2} // DORA's
	for i, w := range snap.weekly {
		if w.Completed > 0 {
			lead.points = append(lead.points, canvas.Float64Point{X: float64(i + 1), Y: w.LeadTimeP50})
		}
		if lt, ok := w.LeadTimeForChangesP50.Get(); ok { // weeks in which changes reached production
			changes.points = append(changes.points, canvas.Float64Point{X: float64(i + 1), Y: lt})
		}
	}
	var u prose.DurationUnit
	for _, se := range []series{changes, lead} {
		if n := len(se.points); n > 0 {
			u = prose.UnitOf(se.points[n-1].Y, hpw)
			break
		}
	}
	if u.Hours == 0 {
		return []series{lead, changes}, ""
	}
	for _, se := range []*series{&lead, &changes} {
		for j := range se.points {
			se.points[j].Y /= u.Hours
		}
	}
	return []series{lead, changes}, u.Name
}

// flowSeries are the cumulative flow a player reads, the same three all
// game: the work that has arrived, the work done (it reached customers),
// and the work in progress at each week's end, all the engine's counts.
func flowSeries(snap *snapshot) []series {
	if len(snap.stages) == 0 {
		return nil
	}
	done := series{name: "done", colour: 0}
	arrived := series{name: "arrived", colour: 1}
	wip := series{name: "in progress", colour: 2}
	in, out := 0, 0
	for i, w := range snap.weekly {
		in, out = in+w.Arrived, out+w.Completed
		x := float64(i + 1)
		done.points = append(done.points, canvas.Float64Point{X: x, Y: float64(out)})
		arrived.points = append(arrived.points, canvas.Float64Point{X: x, Y: float64(in)})
		wip.points = append(wip.points, canvas.Float64Point{X: x, Y: float64(w.WIP)})
	}
	return []series{done, arrived, wip}
}

// decisionMarks are the weeks the player took decisions in and the weeks
// investments were finished in, for the charts' x axes.
func decisionMarks(log []sim.LoggedDecision, news []sim.News) []decisionMark {
	var out []decisionMark
	for _, d := range log {
		out = append(out, decisionMark{week: d.Week})
	}
	for _, n := range news {
		if n.Kind == sim.InvestmentNews {
			out = append(out, decisionMark{week: n.Week, built: true})
		}
	}
	return out
}

// weeksShown is the x range of the charts: the whole game, so the charts
// fill up as it is played.
func weeksShown(snap *snapshot) float64 { return float64(snap.weeks) }
