package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/sim/des"
)

func TestSummarize(t *testing.T) {
	xs := []float64{5, 1, 4, 2, 3, 6, 7, 8, 9, 10}
	d := Summarize(xs)
	want := Distribution{Mean: 5.5, SD: 3.0277, P5: 1, P50: 5, P95: 10}
	if d != want {
		t.Fatalf("Summarize = %+v, want %+v", d, want)
	}
	if xs[0] != 5 {
		t.Fatal("Summarize reordered its input")
	}
	if (Summarize(nil) != Distribution{}) {
		t.Fatal("Summarize(nil) should be zero")
	}
	if d := Summarize([]float64{3}); d.SD != 0 || d.Mean != 3 || d.P95 != 3 {
		t.Fatalf("one value: %+v", d)
	}
}

// mustRun is sim.Run for a run that must reach its end (Error, not Fatal:
// Replicate calls it from its own goroutines).
func mustRun(t testing.TB, sc *sim.Scenario, seed uint64, weeks int) sim.Result {
	r, err := sim.Run(sc, seed, weeks)
	if err != nil {
		t.Errorf("%s, seed %d: %v", sc.Name, seed, err)
	}
	return r
}

func results(t *testing.T, n int) []sim.Result {
	t.Helper()
	sc := &sim.Scenario{
		Name: "two stages", HoursPerWeek: 40, Weeks: 4,
		Work:   []sim.WorkType{{ID: "job", Arrival: des.ExpDist(120), Size: des.Fixed(1), Route: []int{0, 1}}},
		Stages: []sim.Stage{{ID: "dev", Capacity: 2, Service: des.ExpDist(100)}, {ID: "qa", Capacity: 1, Service: des.ExpDist(60)}},
	}
	return sim.Replicate(n, 1, 0, func(seed uint64) sim.Result { return mustRun(t, sc, seed, sc.Weeks) })
}

// Every numeric field of the summary and of each stage becomes a
// distribution with the five statistics, under the same name.
func TestRunsJSONHasADistributionPerNumber(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "json", results(t, 5)); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Runs    int                          `json:"runs"`
		Seed    int                          `json:"seed"`
		Summary map[string]json.RawMessage   `json:"summary"`
		Stages  []map[string]json.RawMessage `json:"stages"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if doc.Runs != 5 || doc.Seed != 1 {
		t.Fatalf("runs %d seed %d", doc.Runs, doc.Seed)
	}
	isDist := func(raw json.RawMessage) bool {
		var d map[string]float64
		if json.Unmarshal(raw, &d) != nil {
			return false
		}
		for _, k := range []string{"mean", "sd", "p5", "p50", "p95"} {
			if _, ok := d[k]; !ok {
				return false
			}
		}
		return len(d) == 5
	}
	for _, k := range []string{"arrived", "completed", "wip_end", "throughput_per_week", "wip_mean", "flow_efficiency"} {
		if !isDist(doc.Summary[k]) {
			t.Errorf("summary.%s is not a distribution: %s", k, doc.Summary[k])
		}
	}
	var lead map[string]json.RawMessage
	json.Unmarshal(doc.Summary["lead_time_hours"], &lead)
	for _, k := range []string{"mean", "p50", "p85", "p95"} {
		if !isDist(lead[k]) {
			t.Errorf("summary.lead_time_hours.%s is not a distribution", k)
		}
	}
	if len(doc.Stages) != 2 || string(doc.Stages[1]["id"]) != `"qa"` || !isDist(doc.Stages[1]["utilization"]) {
		t.Errorf("stages: %v", doc.Stages)
	}
}

// The output is the same whatever the number of workers.
func TestRunsDoNotDependOnWorkers(t *testing.T) {
	sc := &sim.Scenario{
		Name: "one", HoursPerWeek: 40, Weeks: 3,
		Work:   []sim.WorkType{{ID: "job", Arrival: des.ExpDist(100), Size: des.Fixed(1), Route: []int{0}}},
		Stages: []sim.Stage{{ID: "s", Capacity: 1, Service: des.ExpDist(80)}},
	}
	render := func(workers int) string {
		rs := sim.Replicate(12, 3, workers, func(seed uint64) sim.Result { return mustRun(t, sc, seed, 3) })
		var buf bytes.Buffer
		Write(&buf, "json", rs)
		return buf.String()
	}
	if one, many := render(1), render(8); one != many {
		t.Fatal("Monte Carlo output depends on the number of workers")
	}
}

func TestCSVHasAHeaderAndARowPerRunAndWeek(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "csv", results(t, 2)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if lines[0] != "seed,week,arrived,completed,wip,lead_time_hours_p50" {
		t.Fatalf("header %q, want the flow only: the runs have no game", lines[0])
	}
	if len(lines) != 1+2*4 {
		t.Fatalf("%d lines, want a header and 8 rows:\n%s", len(lines), buf.String())
	}
	if !strings.HasPrefix(lines[5], "2,1,") {
		t.Fatalf("row 5 = %q, want seed 2 week 1", lines[5])
	}
}

func TestText(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "text", results(t, 1)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"two stages: seed 1, 4 weeks", "Lead time", "stage", "dev", "qa"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("text output lacks %q:\n%s", want, buf.String())
		}
	}
	buf.Reset()
	if err := Write(&buf, "text", results(t, 3)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"3 runs, seeds 1..3", "lead_time_hours.p85", "stage.qa.utilization"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("runs text output lacks %q:\n%s", want, buf.String())
		}
	}
	if err := Write(&buf, "yaml", results(t, 1)); err == nil {
		t.Error("unknown format accepted")
	}
}

// firstWeeks is the startup's first weeks, before any change has reached
// production: the DORA keys without a value must say so everywhere.
func firstWeeks(t *testing.T, weeks, runs int) []sim.Result {
	t.Helper()
	sc, err := scenario.Resolve("startup")
	if err != nil {
		t.Fatal(err)
	}
	return sim.Replicate(runs, 1, 0, func(seed uint64) sim.Result { return sim.RunGame(sc, seed, weeks, nil) })
}

func TestNoValueYet(t *testing.T) {
	one := firstWeeks(t, 1, 1)
	if d := one[0].Summary.DORA; d.LeadTimeForChanges.Valid || d.ChangeFailureRate.Valid {
		t.Fatalf("week 1 of the startup has changes in production (%+v): pick a week before the first release", d)
	}
	var text bytes.Buffer
	Write(&text, "text", one)
	for _, want := range []string{"over the 1 week played", "0.0 deploys a week", "Lead time    none yet: no item has been completed", "no lead time for changes yet (no change reached production)", "no deployment to fail"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}
	if _, line, _ := strings.Cut(text.String(), "DORA "); strings.Contains(line[:strings.Index(line, "\n")], "0.0h") || strings.Contains(line, "elite") {
		t.Errorf("DORA shows a value or a band from nothing:\n%s", text.String())
	}

	var js bytes.Buffer
	Write(&js, "json", one)
	var doc struct {
		Summary struct {
			DORA map[string]json.RawMessage `json:"dora"`
		} `json:"summary"`
		Weekly []map[string]json.RawMessage `json:"weekly"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"lead_time_for_changes_hours", "change_failure_rate"} {
		if v := string(doc.Summary.DORA[k]); v != "null" {
			t.Errorf("summary.dora.%s = %s, want null", k, v)
		}
	}
	if v := string(doc.Summary.DORA["deploys_per_week"]); v != "0" {
		t.Errorf("deploys_per_week = %s, want a real 0", v)
	}
	if v := string(doc.Weekly[0]["lead_time_for_changes_hours_p50"]); v != "null" {
		t.Errorf("week 1's lead time for changes = %s, want null", v)
	}

	var csv bytes.Buffer
	Write(&csv, "csv", one)
	lines := strings.Split(strings.TrimSpace(csv.String()), "\n")
	header, row := strings.Split(lines[0], ","), strings.Split(lines[1], ",")
	for i, h := range header {
		if h == "lead_time_for_changes_hours_p50" && row[i] != "" {
			t.Errorf("CSV cell %s = %q, want empty", h, row[i])
		}
	}
	if !strings.HasSuffix(lines[0], ",market_share,budget,experience") {
		t.Errorf("a game's CSV lacks the market: %s", lines[0])
	}

	// Over runs, a metric no run has a value for is null, not a
	// distribution of zeros.
	var runs bytes.Buffer
	Write(&runs, "json", firstWeeks(t, 1, 3))
	if !strings.Contains(runs.String(), `"lead_time_for_changes_hours": null`) {
		t.Errorf("runs: lead time for changes is not null:\n%s", runs.String())
	}
	runs.Reset()
	Write(&runs, "text", firstWeeks(t, 1, 3))
	if !strings.Contains(strings.Join(strings.Fields(runs.String()), " "), "dora.lead_time_for_changes_hours – – – – –") {
		t.Errorf("runs text: no dash for lead time for changes:\n%s", runs.String())
	}
}

// Over many games the DORA band stays a word (one band, or "(varies)"),
// not a distribution of its number, and the score's parts are left out.
func TestRunsKeepTheBandAWord(t *testing.T) {
	var rs []sim.Result
	for _, p := range playRoom(t) {
		rs = append(rs, p.Result)
	}
	js, err := json.Marshal(Runs(rs))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Summary struct {
			DORA struct {
				Band string `json:"band"`
			} `json:"dora"`
			ScoreParts json.RawMessage `json:"score_parts"`
		} `json:"summary"`
	}
	if err := json.Unmarshal(js, &doc); err != nil || doc.Summary.DORA.Band == "" || doc.Summary.ScoreParts != nil {
		t.Errorf("band %q, score parts %s (%v):\n%s", doc.Summary.DORA.Band, doc.Summary.ScoreParts, err, js)
	}
	one, _ := json.Marshal(Runs(rs[:1]))
	if want := `"band":"` + rs[0].Summary.DORA.OverallBand.String() + `"`; !strings.Contains(string(one), want) {
		t.Errorf("one game's band is not %s:\n%s", want, one)
	}
}
