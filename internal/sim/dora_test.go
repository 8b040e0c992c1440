package sim

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestDORABands(t *testing.T) {
	const week = 2400 // 40 hours
	m := Measured
	for _, c := range []struct {
		d       DORA
		want    [4]Band // deploys, lead time, failures, restore
		overall Band
	}{
		// The start of the default scenario: every six weeks, a month and a
		// half, half failing, restores of two weeks.
		{DORA{DeploysPerWeek: 0.15, LeadTimeForChanges: m(240), ChangeFailureRate: m(0.5), TimeToRestore: m(80)}, [4]Band{Low, Low, Low, Low}, Low},
		// Monthly (12 a year), three weeks, 30%, three days.
		{DORA{DeploysPerWeek: 12.0 / 52, LeadTimeForChanges: m(120), ChangeFailureRate: m(0.3), TimeToRestore: m(24)}, [4]Band{Medium, Medium, Medium, Medium}, Medium},
		// Weekly, two days, 10%, four hours.
		{DORA{DeploysPerWeek: 1, LeadTimeForChanges: m(16), ChangeFailureRate: m(0.1), TimeToRestore: m(4)}, [4]Band{High, High, Elite, High}, High},
		// Many a day, an hour, none failing, half an hour.
		{DORA{DeploysPerWeek: 20, LeadTimeForChanges: m(1), ChangeFailureRate: m(0), TimeToRestore: m(0.5)}, [4]Band{Elite, Elite, Elite, Elite}, Elite},
		// Nothing deployed, nothing changed: no band for the keys without
		// a value, and the frequency (0 a week) keeps the whole low.
		{DORA{TimeToRestore: m(4)}, [4]Band{Low, NoBand, NoBand, High}, Low},
		// Nothing at all to measure: still low, never elite from nothing.
		{DORA{}, [4]Band{Low, NoBand, NoBand, NoBand}, Low},
		// Elite deployments with no change in the window yet: the keys
		// with values decide.
		{DORA{DeploysPerWeek: 6, ChangeFailureRate: m(0.1), TimeToRestore: m(0.5)}, [4]Band{Elite, NoBand, Elite, Elite}, Elite},
	} {
		d := c.d
		d.bands(week)
		got := [4]Band{d.DeployBand, d.LeadTimeBand, d.FailureBand, d.RestoreBand}
		if got != c.want {
			t.Errorf("%+v: bands %v, want %v", c.d, got, c.want)
		}
		if d.OverallBand != c.overall {
			t.Errorf("%+v: overall band %v, want %v", c.d, d.OverallBand, c.overall)
		}
		if js, _ := json.Marshal(d); !strings.Contains(string(js), `"band":"`+c.overall.String()+`"`) {
			t.Errorf("%+v: the JSON has not band %q: %s", c.d, c.overall, js)
		}
	}
}

func TestTimeToRestore(t *testing.T) {
	const week = 2400
	at := func(now Time, expected float64, incidents ...Incident) Metric {
		l := doraLog{incidents: incidents}
		return l.measure(now, week, DORAWindow, expected).TimeToRestore
	}
	now := Time(20 * week)
	for _, c := range []struct {
		what      string
		now       Time
		expected  float64
		incidents []Incident
		want      Metric
	}{
		{"no incident", now, 60, nil, Measured(60)},
		{"an outage that just began: the expected, not 0", now, 60, []Incident{{Opened: now, Restored: -1}}, Measured(60)},
		{"an outage open for two weeks", now, 60, []Incident{{Opened: now - 2*week, Restored: -1}}, Measured(80)},
		{"two restored in 2h and 6h", now, 60, []Incident{{Opened: now - week, Restored: now - week + 120}, {Opened: now - 600, Restored: now - 240}}, Measured(4)},
		{"an incident long before the window", now, 60, []Incident{{Opened: 0, Restored: 300}}, Measured(60)},
		// The bug of issue 9: in the first 13 weeks the window starts
		// before week 0, and an open incident's Restored (-1) passed for a
		// restore in the window: -240h in week 6 of the startup.
		{"week 6, an outage open for two weeks", 6 * week, 60, []Incident{{Opened: 4 * week, Restored: -1}}, Measured(80)},
		{"week 1, an outage opened at minute 0", week, 10, []Incident{{Opened: 0, Restored: -1}}, Measured(40)},
		{"week 2, one restored and one open", 2 * week, 10, []Incident{{Opened: 60, Restored: 180}, {Opened: week, Restored: -1}}, Measured(2)},
		{"nothing can break and nothing did", now, 0, nil, Metric{}},
		{"nothing expected, but an outage is open", 3 * week, 0, []Incident{{Opened: 2 * week, Restored: -1}}, Measured(40)},
	} {
		if got := at(c.now, c.expected, c.incidents...); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.what, got, c.want)
		}
	}
}

// TestNoChangesNoValue: before any change reaches production, lead time for
// changes and change failure rate have no value (not 0h and 0%), and the
// frequency is a real 0.
func TestNoChangesNoValue(t *testing.T) {
	const week = 2400
	var l doraLog
	d := l.measure(3*week, week, DORAWindow, 60)
	if d.LeadTimeForChanges.Valid || d.ChangeFailureRate.Valid || d.DeploysPerWeek != 0 || d.LeadTimeBand != NoBand || d.FailureBand != NoBand || d.OverallBand != Low {
		t.Errorf("no deployment yet: %+v", d)
	}
	l.deploys = []Deployment{{At: week, Changes: 2}}
	l.changes = []changeDone{{at: week + 60, lead: 600}, {at: week + 60, lead: 1200}}
	d = l.measure(3*week, week, DORAWindow, 60)
	if lt, ok := d.LeadTimeForChanges.Get(); !ok || lt != 10 {
		t.Errorf("two changes of 10h and 20h: lead time for changes %+v, want the median 10h", d.LeadTimeForChanges)
	}
	if cfr, ok := d.ChangeFailureRate.Get(); !ok || cfr != 0 {
		t.Errorf("one good deployment: change failure rate %+v, want a measured 0", d.ChangeFailureRate)
	}
}

// TestMetricJSON: no value is null, a value is the number exactly as a
// float64 field writes it, and old files with 0 still read.
func TestMetricJSON(t *testing.T) {
	for _, c := range []struct {
		m    Metric
		json string
	}{{Metric{}, "null"}, {Measured(0), "0"}, {Measured(12.345), "12.345"}, {Measured(1e21), "1e+21"}} {
		b, err := json.Marshal(c.m)
		if err != nil || string(b) != c.json {
			t.Errorf("%+v: %s, %v; want %s", c.m, b, err, c.json)
		}
		var back Metric
		if err := json.Unmarshal(b, &back); err != nil || back != c.m {
			t.Errorf("%s read back as %+v, %v", b, back, err)
		}
	}
	var d DORA
	if err := json.Unmarshal([]byte(`{"lead_time_for_changes_hours": 0, "change_failure_rate": null}`), &d); err != nil ||
		d.LeadTimeForChanges != Measured(0) || d.ChangeFailureRate.Valid {
		t.Errorf("an old file's 0 and a new file's null: %+v, %v", d, err)
	}
	err := json.Unmarshal([]byte(`{"time_to_restore_hours": "soon"}`), &d)
	var typ *json.UnmarshalTypeError
	if !errors.As(err, &typ) || typ.Field != "time_to_restore_hours" {
		t.Errorf("a string for a metric: %v, want a type error naming the field", err)
	}
}

// A band is written as the words files have always held, and read back
// from them; "" (no band, in older files) reads as NoBand.
func TestBandText(t *testing.T) {
	for b := NoBand; b <= Elite; b++ {
		js, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		if string(js) != `"`+b.String()+`"` {
			t.Errorf("%v is written %s", b, js)
		}
		var back Band
		if err := json.Unmarshal(js, &back); err != nil || back != b {
			t.Errorf("%s reads back as %v (%v)", js, back, err)
		}
	}
	for word, want := range map[string]Band{`"low"`: Low, `"medium"`: Medium, `"high"`: High, `"elite"`: Elite, `""`: NoBand, `"none"`: NoBand} {
		var b Band
		if err := json.Unmarshal([]byte(word), &b); err != nil || b != want {
			t.Errorf("%s reads as %v (%v), want %v", word, b, err, want)
		}
	}
	var b Band
	if err := json.Unmarshal([]byte(`"superb`+strings.Repeat("b", 100)+`"`), &b); err == nil || len(err.Error()) > 100 {
		t.Errorf("an unknown band: %v", err)
	}
	if _, err := json.Marshal(Band(9)); err == nil {
		t.Error("band 9 was written")
	}
	if Low.AboveLow() != 0 || NoBand.AboveLow() != 0 || Elite.AboveLow() != 3 {
		t.Errorf("above low: %d %d %d", Low.AboveLow(), NoBand.AboveLow(), Elite.AboveLow())
	}
}

// measureWhole is the DORA keys read from the whole log, every record
// looked at: the reference that the windowed reads must equal.
func measureWhole(l *doraLog, end, week Time, weeks int, expectedRestore float64) DORA {
	from := max(end-Time(weeks)*week, -1)
	var d DORA
	for _, dep := range l.deploys {
		if dep.At > from && dep.At <= end {
			d.Deploys++
			if dep.Failed {
				d.Failed++
			}
		}
	}
	span := min(float64(weeks), end.Hours()/week.Hours())
	d.Weeks = int(math.Ceil(span))
	if span > 0 {
		d.DeploysPerWeek = round3(float64(d.Deploys) / span)
	}
	if d.Deploys > 0 {
		d.ChangeFailureRate = Measured(round3(float64(d.Failed) / float64(d.Deploys)))
	}
	var leads []Time
	for _, c := range l.changes {
		if c.at > from && c.at <= end {
			leads = append(leads, c.lead)
		}
	}
	d.ChangesInWindow = len(leads)
	if len(leads) > 0 {
		slices.Sort(leads)
		d.LeadTimeForChanges = Measured(round3(percentile(leads, 50).Hours()))
	}
	var restore int64
	restored, open := 0, 0
	oldestOpen := Time(0)
	for _, in := range l.incidents {
		if in.Opened > end { // not yet at end
			continue
		}
		switch {
		case in.open() || in.Restored > end:
			open++
			oldestOpen = max(oldestOpen, end-in.Opened)
		case in.Restored > from:
			restored++
			restore += int64(in.Restored - in.Opened)
		}
		if in.open() || in.Restored > end || in.Opened > from || in.Restored > from {
			d.IncidentsInWindow++
		}
	}
	switch {
	case restored > 0:
		d.TimeToRestore = Measured(round3(float64(restore) / float64(restored) / float64(Hour)))
	case open > 0 || expectedRestore > 0:
		d.TimeToRestore = Measured(round3(max(expectedRestore, oldestOpen.Hours())))
	}
	d.bands(week)
	return d
}

// The windowed log (trimmed deployments and changes, incidents read from
// the first that can touch the window) gives the same DORA keys, at every
// half day of a 200-week game without a release train, as the whole log read record by record; and
// the same weekly rows. The scenario breaks often (a defect rate of 0.3),
// so there are many incidents, some restored long after they opened.
func TestWindowedDORAMatchesTheWholeLog(t *testing.T) {
	sc := gameScenario()
	sc.Quality.DefectRate = 0.3
	sc.Stages[3].BatchEvery = 0 // no release train: a deployment per change
	sc.Company.ShareFloor, sc.Company.Budget = 0, 1<<50
	windowed := NewGame(sc, 3, 200)
	whole := NewGame(sc, 3, 200)
	whole.dora.keepAll = true
	step := sc.Day() / 2
	checked := 0
	for !windowed.over {
		t1 := windowed.Now() + step
		windowed.RunUntil(t1)
		whole.RunUntil(t1)
		got := windowed.DORA()
		want := measureWhole(&whole.dora, whole.doraEnd(), whole.sim.week, DORAWindow, float64(whole.sc.Incidents.Restore.Mean()*whole.restoreF)/float64(Hour))
		if got != want {
			t.Fatalf("week %d: windowed %+v, whole log %+v", windowed.Week(), got, want)
		}
		checked++
	}
	if windowed.Week() != 200 || len(whole.dora.incidents) < 50 || len(windowed.dora.deploys) >= len(whole.dora.deploys)/4 {
		t.Fatalf("%d incidents, %d of %d deployments kept: the test does not test the window", len(whole.dora.incidents), len(windowed.dora.deploys), len(whole.dora.deploys))
	}
	a, b := windowed.Result(), whole.Result()
	if !reflect.DeepEqual(a.Weekly, b.Weekly) {
		t.Fatal("the weekly rows differ between the windowed and the whole log")
	}
	t.Logf("%d checks, %d incidents, %d of %d deployments kept", checked, len(whole.dora.incidents), len(windowed.dora.deploys), len(whole.dora.deploys))
}

// The deployments and changes after a time are the records later than it,
// found by a binary search over logs kept in time order, ties included.
func TestDORALogAfterFindsTheLaterRecords(t *testing.T) {
	var l doraLog
	for i := range 300 {
		at := Time(i / 3 * 10) // three records a time
		l.deploy(Deployment{At: at})
		l.changes = append(l.changes, changeDone{at: at})
	}
	for from := Time(-5); from <= 1010; from++ {
		want := 0
		for _, d := range l.deploys {
			if d.At > from {
				want++
			}
		}
		if got := len(l.deploysAfter(from)); got != want {
			t.Fatalf("deployments after %d: %d, want %d", from, got, want)
		}
		if got := len(l.changesAfter(from)); got != want {
			t.Fatalf("changes after %d: %d, want %d", from, got, want)
		}
	}
}
