package scenario

import (
	"reflect"
	"testing"

	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/sim/des"
)

// minimal is the smallest valid scenario; tests change it or add to its
// [[stage]] table (line 7; service is on line 10, and line 11 is next).
const minimal = `name = "Tiny"

[[work]]
id = "feature"
arrival = { dist = "exponential", mean = 6 }

[[stage]]
id = "dev"
capacity = 2
service = { dist = "constant", value = "4h" }
`

func TestParseValid(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		check func(t *testing.T, sc *sim.Scenario)
	}{
		{"defaults", minimal, func(t *testing.T, sc *sim.Scenario) {
			want := &sim.Scenario{
				Name: "Tiny", Seed: 1, Weeks: 52, HoursPerWeek: 40,
				SourceSHA256: SHA256([]byte(minimal)), // of the text it was read from
				Work:         []sim.WorkType{{ID: "feature", Arrival: des.ExpDist(360), Size: des.Fixed(1), Route: []int{0}}},
				Stages:       []sim.Stage{{ID: "dev", Capacity: 2, Service: des.Fixed(240)}},
				// A neutral game: no money, no failures, a market to itself.
				Production: sim.Production{Commit: 0, Release: -1, Deploy: 0},
				Company:    sim.Company{MarketShare: 1, ImprovementShare: 0.2},
				Quality:    sim.Quality{BugWork: -1, BugDelay: des.Fixed(0), Regression: -1},
				Incidents:  sim.Incidents{Restore: des.Fixed(0), Stage: 0, RestoreGrowth: DefaultRestoreGrowth},
				Market:     sim.Market{ValueHalfLife: 8},
			}
			if !reflect.DeepEqual(sc, want) {
				t.Errorf("got  %+v\nwant %+v", sc, want)
			}
		}},
		{"top level", `name = "Acme"
description = "A test."
seed = 7
weeks = 10
hours_per_week = 35
` + minimal[len(`name = "Tiny"`):], func(t *testing.T, sc *sim.Scenario) {
			if sc.Name != "Acme" || sc.Description != "A test." || sc.Seed != 7 || sc.Weeks != 10 || sc.HoursPerWeek != 35 {
				t.Errorf("got %+v", sc)
			}
		}},
		{"units", `name = "Units"
[[work]]
id = "w"
arrival = { dist = "uniform", min = "90m", max = "1.5h" }
size = { dist = "triangular", min = 0.5, mode = 1, max = 3 }
[[stage]]
id = "a"
capacity = 1
service = { dist = "lognormal", mean = "2d", sd = "1d" }
[[stage]]
id = "b"
capacity = 1
service = { dist = "exponential", mean = "1w" }
[[stage]]
id = "c"
capacity = 1
service = { dist = "constant", value = 2.5 }
`, func(t *testing.T, sc *sim.Scenario) {
			w := sc.Work[0]
			if w.Arrival != des.UniformDist(90, 90) || w.Size != des.TriangularDist(0.5, 1, 3) {
				t.Errorf("work: %+v", w)
			}
			want := []des.Dist{des.LognormalDist(960, 480), des.ExpDist(2400), des.Fixed(150)}
			for i, st := range sc.Stages {
				if st.Service != want[i] {
					t.Errorf("stage %s: service %+v, want %+v", st.ID, st.Service, want[i])
				}
			}
		}},
		{"days follow hours_per_week", `name = "Short weeks"
hours_per_week = 30
[[work]]
id = "w"
arrival = { dist = "exponential", mean = "1d" }
[[stage]]
id = "a"
capacity = 1
service = { dist = "exponential", mean = "1w" }
batch = { every = "2d" }
`, func(t *testing.T, sc *sim.Scenario) {
			if sc.Work[0].Arrival.A != 360 || sc.Stages[0].Service.A != 1800 || sc.Stages[0].BatchEvery != 720 {
				t.Errorf("got arrival %v, service %v, batch %v", sc.Work[0].Arrival.A, sc.Stages[0].Service.A, sc.Stages[0].BatchEvery)
			}
		}},
		{"stage options", `name = "Options"
[[work]]
id = "w"
arrival = { dist = "exponential", mean = "4h" }
[[stage]]
id = "dev"
name = "Development"
capacity = 3
service = { dist = "exponential", mean = 2 }
[[stage]]
id = "build"
capacity = "unlimited"
service = { dist = "constant", value = "10m" }
rework = { prob = 0.25, to = "dev" }
batch = { every = "2w" }
background = { dist = "exponential", mean = "3h" }
[[stage]]
id = "qa"
capacity = 1.0
service = { dist = "constant", value = 1 }
rework = { prob = 0.5, to = "qa" }
`, func(t *testing.T, sc *sim.Scenario) {
			want := []sim.Stage{
				{ID: "dev", Name: "Development", Capacity: 3, Service: des.ExpDist(120)},
				{ID: "build", Capacity: sim.Unlimited, Service: des.Fixed(10), ReworkProb: 0.25, ReworkTo: 0,
					BatchEvery: 2 * 40 * sim.Hour, Background: des.ExpDist(180), HasBackground: true},
				{ID: "qa", Capacity: 1, Service: des.Fixed(60), ReworkProb: 0.5, ReworkTo: 2},
			}
			if !reflect.DeepEqual(sc.Stages, want) {
				t.Errorf("got  %+v\nwant %+v", sc.Stages, want)
			}
			if !reflect.DeepEqual(sc.Work[0].Route, []int{0, 1, 2}) {
				t.Errorf("default route %v, want every stage", sc.Work[0].Route)
			}
		}},
		{"routes", `name = "Routes"
[[work]]
id = "feature"
name = "Feature"
arrival = { dist = "exponential", mean = "6h" }
route = ["dev", "qa"]
[[work]]
id = "hotfix"
arrival = { dist = "exponential", mean = "1w" }
size = { dist = "constant", value = 0.5 }
route = ["qa"]
[[stage]]
id = "dev"
capacity = 1
service = { dist = "constant", value = 1 }
[[stage]]
id = "build"
capacity = 1
service = { dist = "constant", value = 1 }
[[stage]]
id = "qa"
capacity = 1
service = { dist = "constant", value = 1 }
rework = { prob = 0.1, to = "qa" }
`, func(t *testing.T, sc *sim.Scenario) {
			if f := sc.Work[0]; f.Name != "Feature" || !reflect.DeepEqual(f.Route, []int{0, 2}) {
				t.Errorf("feature: %+v", f)
			}
			if h := sc.Work[1]; h.Size != des.Fixed(0.5) || !reflect.DeepEqual(h.Route, []int{2}) {
				t.Errorf("hotfix: %+v", h)
			}
		}},
		{"inline arrays of tables", `name = "Inline"
work = [{ id = "w", arrival = { dist = "exponential", mean = 1 } }]
stage = [{ id = "s", capacity = 1, service = { dist = "constant", value = 0 } }]
`, func(t *testing.T, sc *sim.Scenario) {
			if len(sc.Work) != 1 || len(sc.Stages) != 1 {
				t.Errorf("got %+v", sc)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := Parse("test.toml", []byte(tt.src))
			if err != nil {
				t.Fatalf("unexpected problems:\n%v", err)
			}
			tt.check(t, sc)
		})
	}
}
