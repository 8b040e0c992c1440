package sim

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
)

// DORA's four keys and their performance bands.
//
// The bands follow the table in the Accelerate State of DevOps Report 2019
// (DORA, Google Cloud), whose low band (deploying monthly or less, lead
// times of months, about half of changes failing, restores taking weeks) is
// where Globomantics starts. The report gives ranges with gaps between them;
// here a gap counts toward the better band below it:
//
//	key                    elite          high          medium          low
//	deployment frequency   > 5 a week     >= 1 a week   >= 1 a month    less often
//	lead time for changes  < 1 day        < 1 week      < 1 month       longer
//	time to restore        < 1 hour       < 1 day       < 1 week        longer
//	change failure rate    <= 15% (the elite, high and medium range)
//	                       <= 45% counts as medium; above is low (46-60%)
//
// Days and weeks are the scenario's working days and weeks; a month is 52/12
// weeks. The window is whole weeks: the last 13 played (all of them, before
// the 13th), so that within a week the keys stand still, and a partial
// week, which has had less time to deploy in, never counts as a whole one. The overall band is the lowest of the keys that have a value: a
// team is only as fast as its slowest key. A key with nothing to measure
// (no change reached production, no deployment that could fail, no
// incident and no restore time to expect) has no value and no band, and is
// left out rather than counted as elite. Deployment frequency always has a
// value (0 a week is low), so a quarter in which nothing shipped is low.

// Band is a DORA performance band.
type Band int

// The bands, worst first. NoBand, the zero value, is the band of a key
// without a value, and of DORA keys that were not measured.
const (
	NoBand Band = iota
	Low
	Medium
	High
	Elite
)

var bandNames = [...]string{"none", "low", "medium", "high", "elite"}

func (b Band) String() string {
	if b <= Elite {
		return bandNames[b]
	}
	return "unknown"
}

// AboveLow is how many bands b is above low: 0 for low and for no band.
func (b Band) AboveLow() int { return max(int(b)-int(Low), 0) }

// MarshalText writes the band's name, as String does.
func (b Band) MarshalText() ([]byte, error) {
	if b > Elite {
		return nil, fmt.Errorf("no DORA band %d", int(b))
	}
	return []byte(b.String()), nil
}

// UnmarshalText reads a band's name; "" (what files from before the band
// was typed wrote for no band) is NoBand.
func (b *Band) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*b = NoBand
		return nil
	}
	for i, name := range bandNames {
		if string(text) == name {
			*b = Band(i)
			return nil
		}
	}
	return fmt.Errorf("%.20q is not a DORA band (low, medium, high or elite)", text)
}

// Metric is a measured number, or no value when there was nothing to
// measure: no change reached production, no deployment could fail. In JSON
// it is the number, or null; a file from before Metric existed, with 0 for
// "nothing", still reads (as a measured 0).
type Metric struct {
	Value float64
	Valid bool
}

// Measured is a metric with a value.
func Measured(v float64) Metric { return Metric{Value: v, Valid: true} }

// Get returns the value and whether there is one.
func (m Metric) Get() (float64, bool) { return m.Value, m.Valid }

// MarshalJSON writes the number as encoding/json writes a float64, or null.
func (m Metric) MarshalJSON() ([]byte, error) {
	if !m.Valid {
		return []byte("null"), nil
	}
	return json.Marshal(m.Value)
}

// UnmarshalJSON reads a number or null. Anything else is the type error a
// float64 field gives, which the decoder completes with the field's path.
func (m *Metric) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*m = Metric{}
		return nil
	}
	var v float64
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*m = Measured(v)
	return nil
}

// DORAWindow is how many recent weeks the DORA keys are measured over: a
// quarter, as a team would report them.
const DORAWindow = 13

// DORA holds the four keys over the window and the band they reach. A key
// without a value (see Metric) has NoBand.
type DORA struct {
	DeploysPerWeek     float64 `json:"deploys_per_week"`
	LeadTimeForChanges Metric  `json:"lead_time_for_changes_hours"` // median, commit to production
	ChangeFailureRate  Metric  `json:"change_failure_rate"`
	TimeToRestore      Metric  `json:"time_to_restore_hours"` // mean, over incidents in the window
	OverallBand        Band    `json:"band"`                  // the lowest of the keys' bands
	Weeks              int     `json:"-"`                     // the window's length: DORAWindow, or the weeks played before it (a last one cut short counts)
	DeployBand         Band    `json:"-"`
	LeadTimeBand       Band    `json:"-"`
	FailureBand        Band    `json:"-"`
	RestoreBand        Band    `json:"-"`
	Deploys, Failed    int     `json:"-"`
	IncidentsInWindow  int     `json:"-"`
	ChangesInWindow    int     `json:"-"`
}

// RestoreExpected reports whether the time to restore is the expected one
// with the team's current tooling rather than a measured one: no incident
// touched the window, so there was nothing to time.
func (d DORA) RestoreExpected() bool { return d.TimeToRestore.Valid && d.IncidentsInWindow == 0 }

// bands places each key, and the whole, in a band for a scenario's week.
func (d *DORA) bands(week Time) {
	day := week / 5
	month := float64(week) * 52 / 12 / float64(Hour) // hours
	wk, dy := week.Hours(), day.Hours()

	switch f := d.DeploysPerWeek; {
	case f > 5:
		d.DeployBand = Elite
	case f >= 1:
		d.DeployBand = High
	case f >= 12.0/52:
		d.DeployBand = Medium
	default:
		d.DeployBand = Low
	}
	d.LeadTimeBand = under(d.LeadTimeForChanges, dy, wk, month)
	d.FailureBand = NoBand
	if cfr, ok := d.ChangeFailureRate.Get(); ok {
		switch {
		case cfr <= 0.15:
			d.FailureBand = Elite
		case cfr <= 0.45:
			d.FailureBand = Medium
		default:
			d.FailureBand = Low
		}
	}
	d.RestoreBand = under(d.TimeToRestore, 1, dy, wk)
	d.OverallBand = d.DeployBand // always has a value
	for _, b := range []Band{d.LeadTimeBand, d.FailureBand, d.RestoreBand} {
		if b != NoBand {
			d.OverallBand = min(d.OverallBand, b)
		}
	}
}

// under places a duration in hours: elite under the first bound, high under
// the second, medium under the third, else low; NoBand without a value.
func under(m Metric, elite, high, medium float64) Band {
	h, ok := m.Get()
	switch {
	case !ok:
		return NoBand
	case h < elite:
		return Elite
	case h < high:
		return High
	case h < medium:
		return Medium
	}
	return Low
}

// Deployment is one push to production: the changes in it and whether it
// broke something.
type Deployment struct {
	At      Time
	Changes int
	Failed  bool
}

// Incident is an outage caused by a failed deployment.
type Incident struct {
	Opened, Restored Time // Restored is -1 while open
}

// open reports whether the outage is still going on. Ask this before
// comparing Restored with a time: early in a game the window starts before
// week 0, and -1 would pass for a restore inside it.
func (in Incident) open() bool { return in.Restored < 0 }

// doraLog keeps what the DORA keys are computed from. Deployments and
// changes are kept only while a window can still hold them (see trim), so
// the memory and the cost of a measure follow the window, not the length of
// the game. Incidents are few, and restores find theirs by index, so all of
// them are kept; a measure reads only those that can touch its window.
type doraLog struct {
	deploys   []Deployment // oldest first
	incidents []Incident   // in the order opened
	changes   []changeDone // delivered changes with their lead time for changes, oldest first

	deployed  int  // deployments since the start, trimmed ones included
	firstOpen int  // every incident before this index is restored
	longest   Time // the longest restore so far
	keepAll   bool // never trim: tests check the window against the whole log
}

type changeDone struct {
	at, lead Time
}

func (l *doraLog) deploy(d Deployment) {
	l.deploys = append(l.deploys, d)
	l.deployed++
}

// open logs an outage opened at t and returns its index.
func (l *doraLog) open(t Time) int {
	l.incidents = append(l.incidents, Incident{Opened: t, Restored: -1})
	return len(l.incidents) - 1
}

// restore closes incident i at t.
func (l *doraLog) restore(i int, t Time) *Incident {
	in := &l.incidents[i]
	in.Restored = t
	l.longest = max(l.longest, t-in.Opened)
	for l.firstOpen < len(l.incidents) && !l.incidents[l.firstOpen].open() {
		l.firstOpen++
	}
	return in
}

// deploysIn is the deployments later than from and no later than end.
func (l *doraLog) deploysIn(from, end Time) []Deployment {
	d := l.deploysAfter(from)
	for len(d) > 0 && d[len(d)-1].At > end {
		d = d[:len(d)-1]
	}
	return d
}

// changesIn is the changes delivered later than from and no later than end.
func (l *doraLog) changesIn(from, end Time) []changeDone {
	c := l.changesAfter(from)
	for len(c) > 0 && c[len(c)-1].at > end {
		c = c[:len(c)-1]
	}
	return c
}

// deploysAfter is the deployments later than from.
func (l *doraLog) deploysAfter(from Time) []Deployment {
	// Logged as they happen, so in time order: a binary search, not a walk
	// back over the window's every record.
	i := sort.Search(len(l.deploys), func(i int) bool { return l.deploys[i].At > from })
	return l.deploys[i:]
}

// changesAfter is the changes delivered later than from.
func (l *doraLog) changesAfter(from Time) []changeDone {
	i := sort.Search(len(l.changes), func(i int) bool { return l.changes[i].at > from }) // in time order too
	return l.changes[i:]
}

// touching is every incident that is open, or was opened or restored later
// than from (and perhaps a few more): one restored after from was opened
// after from minus the longest restore.
func (l *doraLog) touching(from Time) []Incident {
	i := len(l.incidents)
	for i > 0 && (i-1 >= l.firstOpen || l.incidents[i-1].Opened > from-l.longest) {
		i--
	}
	return l.incidents[i:]
}

// trim forgets the deployments and changes no window from now on can hold
// (a window ends at now or later and spans weeks weeks). It moves the rest
// to the front of the same array once the forgotten are the larger part, so
// the log keeps one array of about twice the window however long the game,
// and each record is moved about once.
func (l *doraLog) trim(now, week Time, weeks int) {
	if l.keepAll {
		return
	}
	from := now - Time(weeks)*week
	l.deploys = forget(l.deploys, len(l.deploys)-len(l.deploysAfter(from)))
	l.changes = forget(l.changes, len(l.changes)-len(l.changesAfter(from)))
}

// forget drops the first n records of log, in place, when they are more
// than half of it; until then they stay, unread.
func forget[T any](log []T, n int) []T {
	if n <= len(log)/2 {
		return log
	}
	return log[:copy(log, log[n:])]
}

// measure computes the keys over the weeks (end-window, end], clipped at
// the start of the game, as they stood at end: what happened later is not
// in it. With no incident in the window there is no restore to time, so the
// time to restore is the expected one with the team's current tooling (no
// value if that is 0: nothing can break).
func (l *doraLog) measure(end, week Time, weeks int, expectedRestore float64) DORA {
	from := max(end-Time(weeks)*week, -1) // -1: a deployment at minute 0 is in
	var d DORA
	for _, dep := range l.deploysIn(from, end) {
		d.Deploys++
		if dep.Failed {
			d.Failed++
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
	changes := l.changesIn(from, end)
	d.ChangesInWindow = len(changes)
	if len(changes) > 0 {
		leads := make([]Time, len(changes))
		for i, c := range changes {
			leads[i] = c.lead
		}
		d.LeadTimeForChanges = Measured(round3(selectPercentile(leads, 50).Hours()))
	}
	// Time to restore: the mean over incidents restored in the window. With
	// none restored, an outage still open counts as at least its age, and
	// otherwise the expected restore with the team's tooling stands.
	var restore int64
	restored, open := 0, 0
	oldestOpen := Time(0)
	for _, in := range l.touching(from) {
		if in.Opened > end {
			continue
		}
		openAtEnd := in.open() || in.Restored > end
		switch {
		case openAtEnd:
			open++
			oldestOpen = max(oldestOpen, end-in.Opened)
		case in.Restored > from:
			restored++
			restore += int64(in.Restored - in.Opened)
		}
		if openAtEnd || in.Opened > from || in.Restored > from {
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
