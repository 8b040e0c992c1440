package sim

import "testing"

func TestDORABands(t *testing.T) {
	const week = 2400 // 40 hours
	for _, c := range []struct {
		d    DORA
		want [4]Band // deploys, lead time, failures, restore
	}{
		// The start of the default scenario: every six weeks, a month and a
		// half, half failing, restores of two weeks.
		{DORA{DeploysPerWeek: 0.15, LeadTimeForChanges: 240, ChangeFailureRate: 0.5, TimeToRestore: 80, Deploys: 2, ChangesInWindow: 50}, [4]Band{Low, Low, Low, Low}},
		// Monthly (12 a year), three weeks, 30%, three days.
		{DORA{DeploysPerWeek: 12.0 / 52, LeadTimeForChanges: 120, ChangeFailureRate: 0.3, TimeToRestore: 24, Deploys: 3, ChangesInWindow: 9}, [4]Band{Medium, Medium, Medium, Medium}},
		// Weekly, two days, 10%, four hours.
		{DORA{DeploysPerWeek: 1, LeadTimeForChanges: 16, ChangeFailureRate: 0.1, TimeToRestore: 4, Deploys: 13, ChangesInWindow: 40}, [4]Band{High, High, Elite, High}},
		// Many a day, an hour, none failing, half an hour.
		{DORA{DeploysPerWeek: 20, LeadTimeForChanges: 1, ChangeFailureRate: 0, TimeToRestore: 0.5, Deploys: 260, ChangesInWindow: 260}, [4]Band{Elite, Elite, Elite, Elite}},
		// Nothing deployed, nothing changed: the keys cannot be good.
		{DORA{TimeToRestore: 4}, [4]Band{Low, Low, Low, High}},
	} {
		d := c.d
		d.bands(week)
		got := [4]Band{d.DeployBand, d.LeadTimeBand, d.FailureBand, d.RestoreBand}
		if got != c.want {
			t.Errorf("%+v: bands %v, want %v", c.d, got, c.want)
		}
		if d.OverallBand != min(got[0], got[1], got[2], got[3]) || d.Band != d.OverallBand.String() {
			t.Errorf("overall band %v for %v", d.OverallBand, got)
		}
	}
}

func TestTimeToRestore(t *testing.T) {
	const week = 2400
	now := Time(20 * week)
	measure := func(incidents ...Incident) float64 {
		l := doraLog{incidents: incidents}
		return l.measure(now, week, DORAWindow, 60).TimeToRestore
	}
	if got := measure(); got != 60 {
		t.Errorf("no incident: %v, want the expected 60h", got)
	}
	if got := measure(Incident{Opened: now, Restored: -1}); got != 60 {
		t.Errorf("an outage that just began: %v, want the expected 60h, not 0", got)
	}
	if got := measure(Incident{Opened: now - 2*week, Restored: -1}); got != 80 {
		t.Errorf("an outage open for two weeks: %v, want 80h", got)
	}
	if got := measure(Incident{Opened: now - week, Restored: now - week + 120}, Incident{Opened: now - 600, Restored: now - 240}); got != 4 {
		t.Errorf("two restored in 2h and 6h: %v, want 4h", got)
	}
	if got := measure(Incident{Opened: 0, Restored: 300}); got != 60 {
		t.Errorf("an incident long before the window: %v, want the expected 60h", got)
	}
}
