// Package report renders finished runs of the simulation: JSON and CSV for
// machines, text for people, one renderer per format.
package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"text/tabwriter"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/textsafe"
	"github.com/globomantics/globosim/internal/version"
)

// Formats lists the output formats of `globosim run`.
var Formats = []string{"text", "json", "csv"}

// Write renders results in the named format. One result is one run; more
// are a Monte Carlo experiment over consecutive seeds, summarised as
// distributions (text and JSON) or listed run by run (CSV).
func Write(w io.Writer, format string, results []sim.Result) error {
	if len(results) == 0 {
		return fmt.Errorf("report: no results")
	}
	switch format {
	case "json":
		if len(results) == 1 {
			return writeJSON(w, results[0])
		}
		return writeJSON(w, Runs(results))
	case "csv":
		return WriteCSV(w, results)
	case "text":
		if len(results) == 1 {
			return WriteText(w, results[0])
		}
		return WriteRunsText(w, results)
	}
	return fmt.Errorf("report: unknown format %q", format)
}

// Stamp marks a game's result with where it came from, for its export:
// this globosim's version and the SHA-256 of the scenario's text, so that
// compare and a room can tell whether results belong side by side.
func Stamp(r sim.Result, sc *sim.Scenario) sim.Result {
	r.GlobosimVersion = version.String()
	r.ScenarioSHA256 = sc.SourceSHA256
	return r
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// RunsResult is a Monte Carlo experiment: every numeric field of the summary
// (the parts the runs have, as in one run's JSON) and of each stage as a
// Distribution over the runs.
type RunsResult struct {
	Scenario     string `json:"scenario"`
	Seed         uint64 `json:"seed"` // the first seed; runs use seed..seed+runs-1
	Runs         int    `json:"runs"`
	Weeks        int    `json:"weeks"`
	HoursPerWeek int    `json:"hours_per_week"`
	Summary      node   `json:"summary"`
	Stages       node   `json:"stages"`
}

// Runs summarises the results of runs with consecutive seeds.
func Runs(results []sim.Result) RunsResult {
	summaries := make([]reflect.Value, len(results))
	stages := make([]reflect.Value, len(results))
	for i := range results {
		summaries[i] = reflect.ValueOf(results[i].Summary.Reported())
		stages[i] = reflect.ValueOf(results[i].Stages)
	}
	return RunsResult{
		Scenario:     results[0].Scenario,
		Seed:         results[0].Seed,
		Runs:         len(results),
		Weeks:        results[0].Weeks,
		HoursPerWeek: results[0].HoursPerWeek,
		Summary:      aggregate(summaries, "score_parts"), // the score's parts add nothing over many runs
		Stages:       aggregate(stages),
	}
}

// WriteCSV writes the weekly series of every run, one row per run and week,
// with the run's seed in the first column. The columns are the parts of a
// week the runs have (see weekParts); a metric without a value is an empty
// cell. Every other cell is a number, so none needs textsafe.CSVCell
// (TestWriteCSVHasOnlyNumbers keeps it so).
func WriteCSV(w io.Writer, results []sim.Result) error {
	cw := csv.NewWriter(w)
	header := []string{"seed"}
	for _, part := range weekParts(results[0].Summary, sim.WeekResult{}) {
		t := part.Type()
		for i := range t.NumField() {
			if name := jsonName(t.Field(i)); name != "" {
				header = append(header, name)
			}
		}
	}
	cw.Write(header)
	for _, r := range results {
		for _, wk := range r.Weekly {
			rec := []string{strconv.FormatUint(r.Seed, 10)}
			for _, v := range weekParts(r.Summary, wk) {
				for i := range v.NumField() {
					if jsonName(v.Type().Field(i)) != "" {
						rec = append(rec, formatValue(v.Field(i)))
					}
				}
			}
			cw.Write(rec)
		}
	}
	cw.Flush()
	return cw.Error()
}

// weekParts are the parts of a week that a run has, as its summary says: the
// flow always, deployments when the DORA keys were measured, the market in
// a game. They are the parts its JSON holds.
func weekParts(s sim.Summary, wk sim.WeekResult) []reflect.Value {
	parts := []reflect.Value{reflect.ValueOf(wk.WeekFlow)}
	if s.HasDORA() {
		parts = append(parts, reflect.ValueOf(wk.WeekProduction))
	}
	if s.IsGame() {
		parts = append(parts, reflect.ValueOf(wk.WeekMarket))
	}
	return parts
}

var metricType = reflect.TypeFor[sim.Metric]()

func formatValue(v reflect.Value) string {
	if v.Type() == metricType {
		m := v.Interface().(sim.Metric)
		if !m.Valid {
			return ""
		}
		return strconv.FormatFloat(m.Value, 'f', -1, 64)
	}
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	case reflect.Bool:
		if v.Bool() {
			return "1"
		}
		return "0"
	}
	return fmt.Sprint(v.Interface())
}

// NoValue stands for a metric without a value (see sim.Metric) in text.
const NoValue = "–"

// MetricHours formats a metric in working hours as Duration does, or
// NoValue.
func MetricHours(m sim.Metric, hoursPerWeek int) string {
	if h, ok := m.Get(); ok {
		return Duration(h, hoursPerWeek)
	}
	return NoValue
}

// MetricPercent formats a share as a whole percentage, or NoValue.
func MetricPercent(m sim.Metric) string {
	if x, ok := m.Get(); ok {
		return strconv.FormatFloat(100*x, 'f', 0, 64) + "%"
	}
	return NoValue
}

// WriteText writes a short readable summary of one run: the game's verdict
// and its DORA keys, then the flow. A queueing model without the game has
// no verdict, and the DORA keys only when it models production. The names
// in it come from the scenario's file, so all are escaped for the terminal.
func WriteText(w io.Writer, r sim.Result) error {
	s := r.Summary
	hours := func(h float64) string { return Duration(h, r.HoursPerWeek) }
	fmt.Fprintf(w, "%s: seed %d, %s\n\n", term(r.Scenario), r.Seed, prose.Count(r.Weeks, "week", "weeks"))
	if s.IsGame() {
		verdict := "LOST"
		if s.Won {
			verdict = "WON"
		}
		fmt.Fprintf(w, "%s  %s\n", verdict, termText(s.Outcome))
		fmt.Fprintf(w, "Score        %d\n", s.Score)
		fmt.Fprintf(w, "Market share %s", prose.Share(s.MarketShare))
		for _, c := range r.Competitors {
			fmt.Fprintf(w, "  (%s %s)", term(c.Name), fmt.Sprintf("%.1f%%", 100*c.MarketShare))
		}
		fmt.Fprintf(w, "\nBudget       %s\n", prose.Money(s.Budget))
	} else {
		fmt.Fprintln(w, "A queueing model: no market, no money and no goal, so no score and nothing won or lost.")
	}
	if s.HasDORA() {
		fmt.Fprintf(w, "DORA         %s\n", doraText(s.DORA, r.Weeks, r.HoursPerWeek))
	}
	if s.IsGame() && s.WorkSavedHours > 0 {
		fmt.Fprintf(w, "MVP slicing  %s of development saved on features not worth finishing\n", hours(s.WorkSavedHours))
	}
	if len(r.Decisions) > 0 {
		fmt.Fprintln(w, "Decisions")
		for _, d := range r.Decisions {
			fmt.Fprintf(w, "  week %2d  %s\n", d.Week, termText(d.Text))
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Work items   %d arrived, %d completed, %d still in progress", s.Arrived, s.Completed, s.WIPEnd)
	if s.Dropped > 0 {
		fmt.Fprintf(w, ", %d dropped (slices of features not worth finishing)", s.Dropped)
	}
	fmt.Fprintln(w)
	if s.Completed > 0 {
		fmt.Fprintf(w, "Lead time    mean %s, median %s, 85%% within %s, 95%% within %s\n",
			hours(s.LeadTime.Mean), hours(s.LeadTime.P50), hours(s.LeadTime.P85), hours(s.LeadTime.P95))
	} else { // the summary's zeros are no lead time
		fmt.Fprintln(w, "Lead time    none yet: no item has been completed")
	}
	fmt.Fprintf(w, "Throughput   %.1f items a week, %.1f in progress on average\n", s.ThroughputPerWeek, s.WIPMean)
	if s.Completed > 0 { // flow efficiency is over the completed items
		fmt.Fprintf(w, "Flow         %.0f%% of lead time is work, the rest is waiting\n", 100*s.FlowEfficiency)
	}
	fmt.Fprintln(w)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "stage\tentered\tcompleted\tmean wait\tmean service\tbusy\tmean queue\t")
	for _, st := range r.Stages {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%.0f%%\t%.1f\t\n", term(st.ID), st.Entered, st.Completed,
			hours(st.WaitHoursMean), hours(st.ServiceHoursMean), 100*st.Utilization, st.QueueMean)
	}
	return tw.Flush()
}

// doraText is the DORA keys in a sentence, over the window or the weeks
// played if fewer, saying which keys have no value yet.
func doraText(d sim.DORA, weeks, hoursPerWeek int) string {
	over := fmt.Sprintf("the last %d weeks", sim.DORAWindow)
	if weeks < sim.DORAWindow {
		over = fmt.Sprintf("the %s played", prose.Count(weeks, "week", "weeks"))
	}
	lead := "no lead time for changes yet (no change reached production)"
	if lt, ok := d.LeadTimeForChanges.Get(); ok {
		lead = "lead time for changes " + Duration(lt, hoursPerWeek)
	}
	failed := "no deployment to fail"
	if cfr, ok := d.ChangeFailureRate.Get(); ok {
		failed = fmt.Sprintf("%.0f%% of deployments failed", 100*cfr)
	}
	restore := "no restore to time"
	if tr, ok := d.TimeToRestore.Get(); ok {
		restore = Duration(tr, hoursPerWeek) + " to restore"
	}
	return fmt.Sprintf("%s band over %s: %.1f deploys a week, %s, %s, %s", d.OverallBand, over, d.DeploysPerWeek, lead, failed, restore)
}

// WriteRunsText writes the distributions of a Monte Carlo experiment.
func WriteRunsText(w io.Writer, results []sim.Result) error {
	rr := Runs(results)
	fmt.Fprintf(w, "%s: %d runs, seeds %d..%d, %d weeks each\n\n", term(rr.Scenario), rr.Runs, rr.Seed, rr.Seed+uint64(rr.Runs)-1, rr.Weeks)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "metric\tmean\tsd\tp5\tp50\tp95\t")
	rows := rr.Summary.flatten("", nil)
	rows = rr.Stages.flatten("stage", rows)
	for _, r := range rows {
		if d := r.dist; d != nil {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t\n", textsafe.Terminal(r.path), num(d.Mean), num(d.SD), num(d.P5), num(d.P50), num(d.P95))
		} else {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t\n", textsafe.Terminal(r.path), NoValue, NoValue, NoValue, NoValue, NoValue)
		}
	}
	return tw.Flush()
}

// Duration formats a number of working hours as prose.Duration does, the
// one rule every screen, sentence and report writes a duration by.
func Duration(h float64, hoursPerWeek int) string { return prose.Duration(h, hoursPerWeek) }

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
