package scenario

import (
	"errors"
	"strings"
	"testing"
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
	f.Fuzz(func(t *testing.T, src []byte) {
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
		}
	})
}
