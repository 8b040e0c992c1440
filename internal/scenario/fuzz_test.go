package scenario

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/sim"
)

// FuzzParse checks that any bytes give either a scenario the simulation can
// run or a list of problems worded for people, and never a panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte(minimal))
	f.Add([]byte(minimal + "rework = { prob = 0.1, to = \"dev\" }\nbatch = { every = \"2w\" }\nbackground = { dist = \"exponential\", mean = \"3h\" }\n"))
	f.Add([]byte(strings.Replace(minimal, "capacity = 2", `capacity = "unlimited"`, 1)))
	f.Add([]byte(strings.Replace(minimal, "arrival =", "route = [\"dev\"]\nsize = { dist = \"triangular\", min = 0.5, mode = 1, max = 2 }\narrival =", 1)))
	f.Add([]byte(`name = "Inline"
hours_per_week = 168
work = [{ id = "w", arrival = { dist = "uniform", min = "1m", max = "1w" } }]
stage = [{ id = "s", capacity = 1e300, service = { dist = "lognormal", mean = 1e308, sd = nan } }]
`))
	f.Add([]byte("name = \"x\"\nweeks = \n"))
	f.Add([]byte("name = 3\nseed = -1\nweeks = 99999999999\n[[work]]\n[[stage]]\nid = 'é'\ncapacity = -9223372036854775808\n"))
	f.Add([]byte("work = [[[[1]]]]\nstage = {}\n"))
	f.Add([]byte("[[work]]\nid = \"w\"\narrival = { dist = \"exponential\", mean = \"1e400h\" }\nroute = [\"a\", 1, \"a\"]\n"))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(checkParse)
}

// FuzzParseValues puts arbitrary values into an otherwise valid scenario,
// which reaches the value checks far more often than mutating whole files.
func FuzzParseValues(f *testing.F) {
	f.Add("40", "2", `"4h"`, `"1d"`, "0.1", `"dev"`, `"2w"`, `["dev", "qa"]`) // valid
	f.Add("168", `"unlimited"`, "0", "0", "1", `"qa"`, "1e-9", `["qa"]`)
	f.Add("1", "1e300", "nan", "-inf", "-0.0", "1", `"0m"`, `[]`)
	f.Add("9223372036854775807", "-9223372036854775808", `"1e9h"`, `"1.5.5d"`, "1e-400", `"Dev"`, "1e308", `["qa", "dev"]`)
	f.Fuzz(func(t *testing.T, hours, capacity, mean, sd, prob, to, every, route string) {
		src := fmt.Sprintf(`name = "Values"
hours_per_week = %s
[[work]]
id = "w"
arrival = { dist = "exponential", mean = %s }
route = %s
[[stage]]
id = "dev"
capacity = %s
service = { dist = "lognormal", mean = %s, sd = %s }
[[stage]]
id = "qa"
capacity = 1
service = { dist = "triangular", min = 0, mode = %s, max = %s }
rework = { prob = %s, to = %s }
batch = { every = %s }
background = { dist = "uniform", min = %s, max = %s }
`, hours, mean, route, capacity, mean, sd, mean, every, prob, to, every, mean, every)
		checkParse(t, []byte(src))
	})
}

// checkParse is what every input must satisfy: a scenario the simulation
// can run, or problems worded for people.
func checkParse(t *testing.T, src []byte) {
	sc, err := Parse("fuzz.toml", src)
	if err != nil {
		var ds Diagnostics
		if !errors.As(err, &ds) || len(ds) == 0 {
			t.Fatalf("error %v (%T), want at least one Diagnostic", err, err)
		}
		for _, d := range ds {
			if d.Msg == "" || strings.Contains(d.Msg, "panic") || strings.Contains(d.Msg, "goroutine") {
				t.Fatalf("bad message %q", d.Msg)
			}
		}
		return
	}
	if len(sc.Work) == 0 || len(sc.Stages) == 0 {
		t.Fatalf("scenario with %d work types and %d stages", len(sc.Work), len(sc.Stages))
	}
	for _, w := range sc.Work {
		if len(w.Route) == 0 {
			t.Fatalf("work %q has an empty route", w.ID)
		}
		for i, s := range w.Route {
			if s < 0 || s >= len(sc.Stages) || i > 0 && s <= w.Route[i-1] {
				t.Fatalf("work %q has route %v", w.ID, w.Route)
			}
		}
		if !(w.Arrival.Mean() >= 1) {
			t.Fatalf("work %q arrives every %v minutes", w.ID, w.Arrival.Mean())
		}
	}
	for i, st := range sc.Stages {
		if st.ReworkProb > 0 && (st.ReworkTo < 0 || st.ReworkTo > i) {
			t.Fatalf("stage %q reworks to %d", st.ID, st.ReworkTo)
		}
		if st.Capacity < 0 || st.BatchEvery < 0 {
			t.Fatalf("stage %+v", st)
		}
		if st.HasBackground && !(st.Background.Mean() >= 1) {
			t.Fatalf("stage %q has background every %v minutes", st.ID, st.Background.Mean())
		}
		for _, d := range []sim.Dist{st.Service, st.Background} {
			for _, v := range []float64{d.A, d.B, d.C} {
				if !(v >= 0 && v <= maxHours*60) {
					t.Fatalf("stage %q has a distribution %+v", st.ID, d)
				}
			}
		}
		for _, w := range sc.Work {
			if st.ReworkProb > 0 && slices.Contains(w.Route, i) && !slices.Contains(w.Route, st.ReworkTo) {
				t.Fatalf("stage %q reworks to %d, off the route of %q", st.ID, st.ReworkTo, w.ID)
			}
		}
	}
}
