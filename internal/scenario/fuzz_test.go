package scenario

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/sim/des"
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
	f.Add([]byte(game))
	f.Add([]byte(planGame))
	f.Add([]byte(stream + "[company]\nmarket_share = 0.5\n[[competitor]]\nname = \"A\"\nshare = 0.5\nrelease_every = 0\n" +
		"[[event]]\nid = \"e\"\ntext = \"t\"\nprobability = 1\nonce = true\nduration = \"1m\"\n" +
		"competitor = { name = \"A\", boost = -1 }\nwork = { id = \"bugfix\", count = 10000 }\n"))
	f.Add([]byte(stream + "[[investment]]\nid = \"x\"\nname = \"x\"\ndescription = \"x\"\nbuild_time = \"1m\"\n" +
		"effects = [{ stage = \"qa\", coverage = 1, stge = 2 }, {}, 3, { stage = 4 }, { stage = \"build\", batch = \"off\", capacity = \"unlimited\" }]\n" +
		"[[investment.effects]]\nmoney = -1\n"))
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

// FuzzParseGameValues puts arbitrary values into the game's sections of an
// otherwise valid scenario.
func FuzzParseGameValues(f *testing.F) {
	f.Add(`"qa"`, "0.3", "1_500_000", `"6w"`, "0.5", "3", `"Initech"`, `"off"`) // valid
	f.Add(`"build"`, "1", "-1", "0", "0", "0", `""`, `"0m"`)
	f.Add(`"Qa"`, "nan", "1e300", `"-1w"`, "inf", "-9223372036854775808", `"Initec"`, "true")
	f.Add(`["qa"]`, "0.7000001", "9223372036854775807", `"1e9h"`, "-0.0", "21", "1", `{ every = "2w" }`)
	f.Fuzz(func(t *testing.T, stage, share, money, duration, factor, whole, name, batch string) {
		checkParse(t, []byte(gameValues(stage, share, money, duration, factor, whole, name, batch)))
	})
}

// gameValues is stream with every game section, its values filled in
// from the arguments, for FuzzParseGameValues.
func gameValues(stage, share, money, duration, factor, whole, name, batch string) string {
	return stream + fmt.Sprintf(`
[production]
commit = %[1]s
[company]
budget = %[3]s
market_share = %[2]s
share_floor = 0.1
ramp_up = %[4]s
improvement_share = %[5]s
[quality]
bug_rate = %[5]s
bug_work = "bugfix"
regression_stage = %[1]s
regression_growth = %[5]s
release_regression = %[4]s
[incidents]
stage = %[1]s
people = %[6]s
[market]
value_half_life = %[4]s
sensitivity = %[5]s
[[competitor]]
name = %[7]s
share = 0.7
release_every = %[4]s
[slicing]
work = ["feature"]
slices = %[6]s
drop_below = %[5]s
[[investment]]
id = "ci"
name = "CI"
description = "D"
cost = %[3]s
build_time = %[4]s
drain = { stage = %[1]s, people = %[6]s }
effects = [{ stage = %[1]s, capacity = %[6]s, add_capacity = %[6]s, service = %[5]s, batch = %[8]s, background = %[5]s },
  { stage = "build", rework = %[5]s },
  { coverage = %[5]s, restore = %[5]s, infra_cost = %[5]s, slicing = true, experience = %[5]s, money = %[3]s }]
[[investment]]
id = "tool"
name = "Tool"
description = "D"
effort = [{ stage = %[1]s, weeks = %[5]s }, { stage = "dev", weeks = %[6]s }]
build_time = %[4]s
effects = [{ restore = %[5]s }]
[[event]]
id = "e"
text = "t"
week = %[6]s
duration = %[4]s
competitor = { name = %[7]s, boost = %[5]s }
work = { id = "bugfix", count = %[6]s }
`, stage, share, money, duration, factor, whole, name, batch)
}

// TestGameValuesSeed checks that the first seed of FuzzParseGameValues is
// a valid scenario, so that the fuzzer starts from one.
func TestGameValuesSeed(t *testing.T) {
	if _, err := Parse("seed.toml", []byte(gameValues(`"qa"`, "0.3", "1_500_000", `"6w"`, "0.5", "3", `"Initech"`, `"off"`))); err != nil {
		t.Errorf("the valid seed has problems:\n%v", err)
	}
}

// FuzzParsePlan checks that any bytes give either a plan the game can
// follow or problems worded for people, and never a panic.
func FuzzParsePlan(f *testing.F) {
	f.Add([]byte(`name = "DevOps"
description = "D"
[[decision]]
week = 5
invest = "ci"
[[decision]]
week = 1
hire = { stage = "qa", people = -1 }
[[decision]]
week = 2
release_every = "on demand"
[[decision]]
week = 3
wip_limit = { stage = "qa", limit = 0 }
[[decision]]
week = 20
slicing = 10
[[decision]]
week = 4
release_every = 1
[[decision]]
week = 2
improvement = { stage = "qa", share = 0.5 }
`))
	f.Add([]byte("name = \"P\"\n[[decision]]\nweek = 1\ninvest = \"ci\"\nhire = 3\nslicing = 11\nrelease_every = \"30m\"\nwip_limit = {}\n"))
	f.Add([]byte("name = \"P\"\ndecision = [{ week = 1e300, invset = 1 }, 2, []]\n"))
	f.Add([]byte("[decision]\nweek = -9223372036854775808\n"))
	sc, err := Parse("game.toml", []byte(planGame))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := ParsePlan("fuzz.toml", src, sc)
		if err != nil {
			checkDiagnostics(t, err)
			return
		}
		for i, step := range p.Steps {
			d := step.Decision
			switch {
			case step.Week < 1 || step.Week > sc.Weeks || i > 0 && step.Week < p.Steps[i-1].Week:
				t.Fatalf("step %d at week %d", i, step.Week)
			case d.Kind == sim.Invest && !slices.ContainsFunc(sc.Investments, func(inv sim.Investment) bool { return inv.ID == d.Investment }):
				t.Fatalf("invest in %q", d.Investment)
			case (d.Kind == sim.SetWIPLimit || d.Kind == sim.Hire) && sc.StageIndex(d.Stage) < 0:
				t.Fatalf("%v at stage %q", d.Kind, d.Stage)
			case d.Kind == sim.Hire && (d.N == 0 || sc.Stages[sc.StageIndex(d.Stage)].Capacity == sim.Unlimited):
				t.Fatalf("hire %d at %q", d.N, d.Stage)
			case d.Kind == sim.SetWIPLimit && d.N < 0, d.Kind == sim.SetSlicing && (d.N < 1 || d.N > 10):
				t.Fatalf("%v %d", d.Kind, d.N)
			case d.Kind == sim.SetReleaseCadence && d.Every != 0 && d.Every < sim.Hour:
				t.Fatalf("release every %d minutes", d.Every)
			case d.Kind == sim.SetImprovement && (sc.StageIndex(d.Stage) < 0 || sc.Stages[sc.StageIndex(d.Stage)].Capacity == sim.Unlimited ||
				!(d.Share >= 0 && d.Share <= sim.MaxImprovementShare)):
				t.Fatalf("improvement %v at %q", d.Share, d.Stage)
			case d.Kind < sim.Invest || d.Kind > sim.SetImprovement:
				t.Fatalf("decision %+v", d)
			}
		}
	})
}

// checkDiagnostics is what every refused input must give: problems worded
// for people.
func checkDiagnostics(t *testing.T, err error) {
	t.Helper()
	var ds Diagnostics
	if !errors.As(err, &ds) || len(ds) == 0 {
		t.Fatalf("error %v (%T), want at least one Diagnostic", err, err)
	}
	for _, d := range ds {
		if d.Msg == "" || strings.Contains(d.Msg, "panic") || strings.Contains(d.Msg, "goroutine") {
			t.Fatalf("bad message %q", d.Msg)
		}
	}
}

// checkParse is what every input must satisfy: a scenario the simulation
// can run, or problems worded for people.
func checkParse(t *testing.T, src []byte) {
	sc, err := Parse("fuzz.toml", src)
	if err != nil {
		checkDiagnostics(t, err)
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
		if st.Capacity < 0 || st.BatchEvery < 0 || !(st.ReworkProb >= 0 && st.ReworkProb < 1) {
			t.Fatalf("stage %+v", st)
		}
		if st.HasBackground && !(st.Background.Mean() >= 1) {
			t.Fatalf("stage %q has background every %v minutes", st.ID, st.Background.Mean())
		}
		for _, d := range []des.Dist{st.Service, st.Background} {
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
	checkGame(t, sc)
}

// checkGame is what the game's sections of a valid scenario must satisfy:
// every index in range, every number one the game can compute with.
func checkGame(t *testing.T, sc *sim.Scenario) {
	t.Helper()
	stages, work := len(sc.Stages), len(sc.Work)
	in := func(i, n int) bool { return i >= 0 && i < n }
	staffed := func(i int) bool { return in(i, stages) && sc.Stages[i].Capacity != sim.Unlimited }
	finite := func(fs ...float64) bool {
		for _, f := range fs {
			if !(f >= 0 && f <= maxCount) {
				return false
			}
		}
		return true
	}

	p := sc.Production
	if !in(p.Commit, stages) || !in(p.Deploy, stages) || p.Commit > p.Deploy || p.Release != -1 && (p.Release < p.Commit || p.Release > p.Deploy) {
		t.Fatalf("production %+v", p)
	}
	c := sc.Company
	if c.Budget < 0 || c.RevenuePerWeek < 0 || c.SalaryPerWeek < 0 || c.InfraPerWeek < 0 || c.HireCost < 0 || c.RampUpWeeks < 0 ||
		!(c.MarketShare > 0 && c.MarketShare <= 1) || !(c.ShareFloor >= 0 && (c.ShareFloor < c.MarketShare)) || !(c.WinShare >= 0 && c.WinShare <= 1) ||
		!(c.ImprovementShare >= 0 && c.ImprovementShare <= sim.MaxImprovementShare) {
		t.Fatalf("company %+v", c)
	}
	q := sc.Quality
	if !finite(q.Coverage, q.Parity, q.DefectRate, q.BugRate, q.RegressionGrowth, q.BugDelay.Mean()) || q.ReleaseRegression < 0 ||
		q.BugRate > 0 && !in(q.BugWork, work) || q.BugWork != -1 && !in(q.BugWork, work) || q.Regression != -1 && !in(q.Regression, stages) ||
		(q.RegressionGrowth > 0 || q.ReleaseRegression > 0) && q.Regression < 0 {
		t.Fatalf("quality %+v", q)
	}
	inc := sc.Incidents
	if !finite(inc.Restore.Mean(), inc.Penalty, float64(inc.People)) || inc.Stage != -1 && !staffed(inc.Stage) {
		t.Fatalf("incidents %+v", inc)
	}
	m := sc.Market
	if !finite(m.Switching, m.Reconsider, m.Sensitivity, m.DelayHalfLife, m.Experience) || !(m.ValueHalfLife > 0) || m.Switching > 1 || m.Reconsider > 1 {
		t.Fatalf("market %+v", m)
	}
	total := c.MarketShare
	for i, r := range sc.Competitors {
		total += r.Share
		if r.Name == "" || r.ReleaseEvery < 1 || !finite(r.Experience, r.Growth) || !(r.Share > 0 && r.Share < 1) ||
			slices.ContainsFunc(sc.Competitors[:i], func(o sim.Competitor) bool { return o.Name == r.Name }) {
			t.Fatalf("competitor %+v", r)
		}
	}
	if total < 1-shareTolerance || total > 1+shareTolerance {
		t.Fatalf("market shares add up to %v", total)
	}
	s := sc.Slicing
	for _, w := range s.Work {
		if !in(w, work) || !sc.Work[w].HasValue || s.Slices < 2 || s.Slices > 10 || !finite(s.Drop) {
			t.Fatalf("slicing %+v", s)
		}
	}
	for i, inv := range sc.Investments {
		if inv.ID == "" || inv.Name == "" || inv.Cost < 0 || inv.WeeklyCost < 0 || inv.BuildTime < 0 || len(inv.Effort) == 0 && inv.BuildTime < 1 ||
			len(inv.Effects) == 0 || len(inv.Effort) > 0 && inv.DrainStage != -1 ||
			inv.DrainStage != -1 && (!staffed(inv.DrainStage) || inv.DrainPeople < 1) || inv.DrainStage == -1 && inv.DrainPeople != 0 {
			t.Fatalf("investment %+v", inv)
		}
		for k, e := range inv.Effort {
			if !staffed(e.Stage) || e.Work < 1 || slices.ContainsFunc(inv.Effort[:k], func(o sim.Effort) bool { return o.Stage == e.Stage }) {
				t.Fatalf("investment %q effort %+v", inv.ID, inv.Effort)
			}
		}
		for _, r := range inv.Requires {
			if r < 0 || r >= i {
				t.Fatalf("investment %q requires %d", inv.ID, r)
			}
		}
		for _, e := range inv.Effects {
			checkEffect(t, sc, e)
		}
	}
	for _, ev := range sc.Events {
		fixed := ev.Week >= 1 && ev.Week <= sc.Weeks && ev.Probability == 0
		random := ev.Week == 0 && ev.Probability > 0 && ev.Probability <= 1
		if fixed == random || ev.Duration < 0 || ev.Competitor != -1 && (!in(ev.Competitor, len(sc.Competitors)) || ev.CompetitorBoost == 0) ||
			ev.Work != -1 && (!in(ev.Work, work) || ev.WorkCount < 1) || len(ev.Effects) == 0 && ev.Competitor < 0 && ev.Work < 0 {
			t.Fatalf("event %+v", ev)
		}
		for _, e := range ev.Effects {
			checkEffect(t, sc, e)
		}
	}
}

// checkEffect checks that an effect is a stage's or the company's, not
// both, with values the game can compute with.
func checkEffect(t *testing.T, sc *sim.Scenario, e sim.Effect) {
	t.Helper()
	stageSide := e.SetsCapacity || e.AddCapacity != 0 || e.Service != 0 || e.SetsRework || e.SetsBatch || e.SetsBackground
	companySide := e.Coverage != 0 || e.Parity != 0 || e.Restore != 0 || e.Defects != 0 || e.InfraCost != 0 || e.Regression != 0 ||
		e.Slicing || e.Experience != 0 || e.Money != 0
	switch {
	case e.Stage >= len(sc.Stages) || e.Stage < -1,
		e.Stage >= 0 && companySide,
		e.Stage == -1 && stageSide,
		e.Capacity < 0 || e.Batch < 0 || !(e.Service >= 0 && e.Service <= maxCount) || !(e.Background >= 0 && e.Background <= maxCount),
		!(e.Rework >= 0 && e.Rework < 1) || !(e.Coverage >= 0 && e.Coverage <= 1) || !(e.Parity >= 0 && e.Parity <= 1),
		!(e.Restore >= 0 && e.Defects >= 0 && e.InfraCost >= 0 && e.Regression >= 0),
		!(e.Restore <= maxCount && e.Defects <= maxCount && e.InfraCost <= maxCount && e.Regression <= maxCount),
		!(e.Experience >= -maxCount && e.Experience <= maxCount), e.Money < -maxMoney || e.Money > maxMoney:
		t.Fatalf("effect %+v", e)
	}
}
