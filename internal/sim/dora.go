package sim

import "slices"

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
// weeks. The overall band is the lowest of the four: a team is only as fast
// as its slowest key.

// Band is a DORA performance band.
type Band int

// The bands, worst first.
const (
	Low Band = iota
	Medium
	High
	Elite
)

var bandNames = [...]string{"low", "medium", "high", "elite"}

func (b Band) String() string {
	if b >= Low && b <= Elite {
		return bandNames[b]
	}
	return "unknown"
}

// DORAWindow is how many recent weeks the DORA keys are measured over: a
// quarter, as a team would report them.
const DORAWindow = 13

// DORA holds the four keys over the window and the band they reach.
type DORA struct {
	DeploysPerWeek     float64 `json:"deploys_per_week"`
	LeadTimeForChanges float64 `json:"lead_time_for_changes_hours"` // median, commit to production
	ChangeFailureRate  float64 `json:"change_failure_rate"`
	TimeToRestore      float64 `json:"time_to_restore_hours"` // mean, over incidents in the window
	Band               string  `json:"band"`
	DeployBand         Band    `json:"-"`
	LeadTimeBand       Band    `json:"-"`
	FailureBand        Band    `json:"-"`
	RestoreBand        Band    `json:"-"`
	OverallBand        Band    `json:"-"`
	Deploys, Failed    int     `json:"-"`
	IncidentsInWindow  int     `json:"-"`
	ChangesInWindow    int     `json:"-"`
}

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
	switch lt := d.LeadTimeForChanges; {
	case d.ChangesInWindow == 0:
		d.LeadTimeBand = Low
	case lt < dy:
		d.LeadTimeBand = Elite
	case lt < wk:
		d.LeadTimeBand = High
	case lt < month:
		d.LeadTimeBand = Medium
	default:
		d.LeadTimeBand = Low
	}
	switch cfr := d.ChangeFailureRate; {
	case d.Deploys == 0:
		d.FailureBand = Low
	case cfr <= 0.15:
		d.FailureBand = Elite
	case cfr <= 0.45:
		d.FailureBand = Medium
	default:
		d.FailureBand = Low
	}
	switch tr := d.TimeToRestore; {
	case tr < 1:
		d.RestoreBand = Elite
	case tr < dy:
		d.RestoreBand = High
	case tr < wk:
		d.RestoreBand = Medium
	default:
		d.RestoreBand = Low
	}
	d.OverallBand = min(d.DeployBand, d.LeadTimeBand, d.FailureBand, d.RestoreBand)
	d.Band = d.OverallBand.String()
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

// doraLog keeps what the DORA keys are computed from.
type doraLog struct {
	deploys   []Deployment
	incidents []Incident
	changes   []changeDone // delivered changes with their lead time for changes
}

type changeDone struct {
	at, lead Time
}

// measure computes the keys over the weeks (now-window, now]. With no
// incident in the window there is no restore to time, so the time to
// restore is the expected one with the team's current tooling.
func (l *doraLog) measure(now, week Time, weeks int, expectedRestore float64) DORA {
	from := now - Time(weeks)*week
	var d DORA
	for _, dep := range l.deploys {
		if dep.At > from {
			d.Deploys++
			if dep.Failed {
				d.Failed++
			}
		}
	}
	span := min(float64(weeks), now.Hours()/week.Hours())
	if span > 0 {
		d.DeploysPerWeek = round3(float64(d.Deploys) / span)
	}
	if d.Deploys > 0 {
		d.ChangeFailureRate = round3(float64(d.Failed) / float64(d.Deploys))
	}
	var leads []Time
	for i := len(l.changes) - 1; i >= 0 && l.changes[i].at > from; i-- {
		leads = append(leads, l.changes[i].lead)
	}
	d.ChangesInWindow = len(leads)
	slices.Sort(leads)
	d.LeadTimeForChanges = round3(percentile(leads, 50).Hours())
	// Time to restore: the mean over incidents restored in the window. With
	// none restored, an outage still open counts as at least its age, and
	// otherwise the expected restore with the team's tooling stands.
	var restore int64
	restored := 0
	oldestOpen := Time(0)
	for _, in := range l.incidents {
		switch {
		case in.Restored > from:
			restored++
			restore += int64(in.Restored - in.Opened)
		case in.Restored < 0:
			oldestOpen = max(oldestOpen, now-in.Opened)
		}
		if in.Opened > from || in.Restored > from || in.Restored < 0 {
			d.IncidentsInWindow++
		}
	}
	switch {
	case restored > 0:
		d.TimeToRestore = round3(float64(restore) / float64(restored) / float64(Hour))
	default:
		d.TimeToRestore = round3(max(expectedRestore, oldestOpen.Hours()))
	}
	d.bands(week)
	return d
}
