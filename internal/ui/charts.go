package ui

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/canvas/runes"
	"github.com/NimbleMarkets/ntcharts/linechart"
	"github.com/charmbracelet/lipgloss"

	"github.com/globomantics/globosim/internal/prose"
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

var chartTitles = [chartKinds]string{"Lead time (days)", "Market share (%)", "Cumulative flow (items)"}

type series struct {
	name   string
	style  lipgloss.Style
	points []canvas.Float64Point
}

// A chart is drawn no bigger than this, however big the terminal: a year of
// weeks shows no better on more cells, and drawing costs a style per cell.
const (
	maxPlotWidth  = 160
	maxPlotHeight = 40
)

// plot draws the series in w×h cells (legend included), x from 1 to xmax.
func plot(s *Styles, title string, w, h int, xmax float64, all []series) string {
	w, h = min(w, maxPlotWidth), min(h, maxPlotHeight)
	var used []series
	ymax := 0.0
	for _, se := range all {
		if len(se.points) == 0 {
			continue
		}
		used = append(used, se)
		for _, p := range se.points {
			ymax = math.Max(ymax, p.Y)
		}
	}
	legend := make([]string, 0, len(used))
	for _, se := range used {
		legend = append(legend, se.style.Render("━ "+se.name))
	}
	head := s.PanelTitle.Render(title) + "  " + strings.Join(legend, " ")
	if lipgloss.Width(head) > w {
		// The legend gets its own line.
		head = truncateLine(s.PanelTitle.Render(title), w) + "\n" + truncateLine(strings.Join(legend, " "), w)
		h--
	}
	if h < 4 || w < 12 {
		return head
	}
	if len(used) == 0 {
		return head + "\n" + s.Subtle.Render("nothing yet: play a week")
	}
	ymax = prose.NiceCeil(ymax, prose.CeilSteps)
	xmax = math.Max(xmax, 2)
	// The axes and labels in ink 0, series i in ink 1+i.
	styles := make([]lipgloss.Style, 0, 1+len(used))
	styles = append(styles, s.Subtle)
	for _, se := range used {
		styles = append(styles, se.style)
	}
	inks := newCanvasInks(styles...)
	c := lineChart(inks.style(0), w, h-1, xmax, ymax)
	c.DrawXYAxisAndLabel()
	// Drawn in reverse, so the first series (ours) is on top where they cross.
	for i := len(used) - 1; i >= 0; i-- {
		se, st := used[i], inks.style(1+i)
		for j := 1; j < len(se.points); j++ {
			c.DrawLineWithStyle(se.points[j-1], se.points[j], runes.ThinLineStyle, st)
		}
		if len(se.points) == 1 {
			c.DrawRuneWithStyle(se.points[0], '•', st)
		}
	}
	painted := inks.paint(&c.Canvas)
	inks.wipe(&c.Canvas)
	lineCharts.Put(c)
	return head + "\n" + painted
}

// lineCharts holds line charts drawn before and wiped, to draw the next
// chart of the same size on: a canvas is a few hundred kilobytes of cells,
// too much to allocate afresh for each chart each week of each player.
var lineCharts sync.Pool

// lineChart is an empty w×h line chart with x from 1 to xmax and y from 0
// to ymax, its axes and labels in the style given, as linechart.New makes
// it.
func lineChart(axes lipgloss.Style, w, h int, xmax, ymax float64) *linechart.Model {
	if c, ok := lineCharts.Get().(*linechart.Model); ok && c.Width() == w && c.Height() == h && ymax > 0 {
		c.SetXYRange(1, xmax, 0, ymax)
		c.SetViewXYRange(1, xmax, 0, ymax) // and the origin and graph size for them
		c.AxisStyle, c.LabelStyle = axes, axes
		return c
	}
	// Box-drawing lines rather than braille: every terminal font has them.
	c := linechart.New(w, h, 1, xmax, 0, ymax,
		linechart.WithXYSteps(max(w/14, 1), max((h-2)/4, 1)),
		linechart.WithStyles(axes, axes, lipgloss.NewStyle()),
		linechart.WithXLabelFormatter(func(_ int, v float64) string { return fmt.Sprintf("w%.0f", v) }),
		linechart.WithYLabelFormatter(func(_ int, v float64) string { return compact(v) }),
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

// chartSeries builds one chart's series from the game's weekly numbers.
func chartSeries(s *Styles, kind chartKind, snap *snapshot) []series {
	day := float64(snap.hoursPerWeek) / 5
	switch kind {
	case leadTimeChart:
		lead := series{name: "lead time", style: s.Series[0]}
		changes := series{name: "commit to production", style: s.Series[2]}
		for i, w := range snap.weekly {
			if w.Completed > 0 {
				lead.points = append(lead.points, canvas.Float64Point{X: float64(i + 1), Y: w.LeadTimeP50 / day})
			}
			if lt, ok := w.LeadTimeForChangesP50.Get(); ok { // weeks in which changes reached production
				changes.points = append(changes.points, canvas.Float64Point{X: float64(i + 1), Y: lt / day})
			}
		}
		return []series{lead, changes}
	case marketChart:
		us := series{name: snap.name, style: s.Series[0]}
		for i, w := range snap.weekly {
			us.points = append(us.points, canvas.Float64Point{X: float64(i + 1), Y: 100 * w.MarketShare})
		}
		out := []series{us}
		for j, c := range snap.competitors {
			se := series{name: c.Name, style: s.Series[1+j%3]}
			for i, v := range c.Shares {
				se.points = append(se.points, canvas.Float64Point{X: float64(i + 1), Y: 100 * v})
			}
			out = append(out, se)
		}
		return out
	default:
		// Arrivals at the first stage, at the last one, and items done:
		// the gaps between the lines are work in progress.
		var out []series
		if len(snap.stages) == 0 {
			return nil
		}
		picks := []int{0, len(snap.stages) / 2, len(snap.stages) - 1}
		for j, si := range picks {
			st := snap.stages[si]
			se := series{name: "into " + st.Name, style: s.Series[j%4]}
			for i, w := range st.Weekly {
				se.points = append(se.points, canvas.Float64Point{X: float64(i + 1), Y: float64(w.Entered)})
			}
			out = append(out, se)
		}
		done := series{name: "done", style: s.Series[3]}
		total := 0
		for i, w := range snap.weekly {
			total += w.Completed
			done.points = append(done.points, canvas.Float64Point{X: float64(i + 1), Y: float64(total)})
		}
		return append(out, done)
	}
}

// weeksShown is the x range of the charts: the whole game, so the charts
// fill up as it is played.
func weeksShown(snap *snapshot) float64 { return float64(snap.weeks) }
