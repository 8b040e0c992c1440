package scenario

import (
	"reflect"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/sim/des"
)

// stream is a value stream for the game's tests, 40 lines long: tests add
// game sections after it, from line 41. dev and qa have people, build and
// release are unlimited; build sends work back to dev, qa has outside load,
// release is a release train; only features have a value.
const stream = `name = "Game"
weeks = 20

[[work]]
id = "feature"
arrival = { dist = "exponential", mean = "1d" }
value = { dist = "lognormal", mean = 1, sd = 1.5 }

[[work]]
id = "bugfix"
arrival = { dist = "exponential", mean = "2d" }
route = ["dev", "qa", "release", "deploy"]

[[stage]]
id = "dev"
capacity = 4
service = { dist = "exponential", mean = "2d" }

[[stage]]
id = "build"
capacity = "unlimited"
service = { dist = "constant", value = "10m" }
rework = { prob = 0.1, to = "dev" }

[[stage]]
id = "qa"
capacity = 2
service = { dist = "exponential", mean = "4h" }
background = { dist = "exponential", mean = "1d" }

[[stage]]
id = "release"
capacity = "unlimited"
service = { dist = "constant", value = 0 }
batch = { every = "4w" }

[[stage]]
id = "deploy"
capacity = 1
service = { dist = "constant", value = "1h" }
`

// game is stream with every game section, each key given once. The
// briefing goes first: after a [[stage]], a key belongs to the stage.
const game = `briefing = """
Globomantics ships slowly.

Customers notice."""
` + stream + `
[production]
commit = "dev"
release = "release"
deploy = "deploy"

[company]
budget = 1_500_000
revenue_per_week = 200_000
salary_per_week = 2_500
infra_per_week = 15_000
market_share = 0.30
share_floor = 0.15
win_share = 0.35
hire_cost = 10_000
ramp_up = "5.5w"

[quality]
coverage = 0.2
parity = 0.3
defect_rate = 0.03
bug_rate = 0.25
bug_work = "bugfix"
bug_delay = { dist = "exponential", mean = "2w" }
regression_stage = "qa"
regression_growth = 0.001
release_regression = "3d"

[incidents]
restore = { dist = "lognormal", mean = "1w", sd = "4d" }
stage = "qa"
people = 2
penalty = 2.0

[market]
switching = 0.75
reconsider = 0.06
sensitivity = 0.4
value_half_life = "4w"
delay_half_life = "26w"
experience = 4.0

[[competitor]]
name = "Initech"
share = 0.40
experience = 5.0
release_every = "2w"
growth = 0.15

[[competitor]]
name = "Hooli"
share = 0.30
release_every = "6d" # rounds to 1 week

[slicing]
work = ["feature"]
slices = 4
drop_below = 0.6

[[investment]]
id = "monitoring"
name = "Monitoring"
description = "See outages sooner."
build_time = "2w"
effects = [{ restore = 0.5 }]

[[investment]]
id = "ci"
name = "Build automation (CI)"
description = "Builds and tests run by themselves."
cost = 80_000
weekly_cost = 2_000
build_time = "6w"
drain = { stage = "dev", people = 1 }
requires = ["monitoring"]
effects = [
  { stage = "build", capacity = 3, service = 0.1, rework = 0.08 },
  { stage = "release", batch = "off" },
  { stage = "qa", capacity = "unlimited", add_capacity = -1, background = 0 },
  { stage = "dev", batch = "1w" },
  { coverage = 0.4, parity = 0.5, defects = 0.5, infra_cost = 0.8, regression = 0.5 },
  { slicing = true, experience = -1.5, money = -5_000 },
]

[[event]]
id = "initech-app"
text = "Initech launches a slick new app; customers notice."
week = 20
duration = "4w"
effects = [{ stage = "dev", add_capacity = -1 }, { money = -50_000 }]
competitor = { name = "Initech", boost = 1.5 }

[[event]]
id = "audit"
text = "A customer audit finds bugs."
probability = 0.05
duration = "1.5w"
work = { id = "bugfix", count = 8 }

[[event]]
id = "outage"
text = "The data centre floods."
probability = 1
once = true
effects = [{ experience = -2 }]
`

func TestParseGame(t *testing.T) {
	sc, err := Parse("game.toml", []byte(game))
	if err != nil {
		t.Fatalf("unexpected problems:\n%v", err)
	}
	const week, day = 40 * sim.Hour, 8 * sim.Hour
	check := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got  %+v\n want %+v", what, got, want)
		}
	}
	check("briefing", sc.Briefing, "Globomantics ships slowly.\n\nCustomers notice.")
	check("value", sc.Work[0].Value, des.LognormalDist(1, 1.5))
	check("has value", []bool{sc.Work[0].HasValue, sc.Work[1].HasValue}, []bool{true, false})
	check("production", sc.Production, sim.Production{Commit: 0, Release: 3, Deploy: 4})
	check("company", sc.Company, sim.Company{Budget: 1_500_000, RevenuePerWeek: 200_000, SalaryPerWeek: 2_500,
		InfraPerWeek: 15_000, MarketShare: 0.3, ShareFloor: 0.15, WinShare: 0.35, HireCost: 10_000, RampUpWeeks: 6, ImprovementShare: 0.2})
	check("quality", sc.Quality, sim.Quality{Coverage: 0.2, Parity: 0.3, DefectRate: 0.03, BugRate: 0.25, BugWork: 1,
		BugDelay: des.ExpDist(float64(2 * week)), Regression: 2, RegressionGrowth: 0.001, ReleaseRegression: 3 * day})
	check("incidents", sc.Incidents, sim.Incidents{Restore: des.LognormalDist(float64(week), float64(4*day)), Stage: 2, People: 2, Penalty: 2, RestoreGrowth: DefaultRestoreGrowth})
	check("market", sc.Market, sim.Market{Switching: 0.75, Reconsider: 0.06, Sensitivity: 0.4, ValueHalfLife: 4, DelayHalfLife: 26, Experience: 4})
	check("competitors", sc.Competitors, []sim.Competitor{
		{Name: "Initech", Share: 0.4, Experience: 5, ReleaseEvery: 2, Growth: 0.15},
		{Name: "Hooli", Share: 0.3, ReleaseEvery: 1},
	})
	check("slicing", sc.Slicing, sim.Slicing{Work: []int{0}, Slices: 4, Drop: 0.6})
	check("investments", sc.Investments, []sim.Investment{
		{ID: "monitoring", Name: "Monitoring", Description: "See outages sooner.", BuildTime: 2 * week,
			DrainStage: -1, Effects: []sim.Effect{{Stage: -1, Restore: 0.5}}},
		{ID: "ci", Name: "Build automation (CI)", Description: "Builds and tests run by themselves.",
			Cost: 80_000, WeeklyCost: 2_000, BuildTime: 6 * week, DrainStage: 0, DrainPeople: 1, Requires: []int{0},
			Effects: []sim.Effect{
				{Stage: 1, Capacity: 3, SetsCapacity: true, Service: 0.1, Rework: 0.08, SetsRework: true},
				{Stage: 3, Batch: 0, SetsBatch: true},
				{Stage: 2, Capacity: sim.Unlimited, SetsCapacity: true, AddCapacity: -1, Background: 0, SetsBackground: true},
				{Stage: 0, Batch: week, SetsBatch: true},
				{Stage: -1, Coverage: 0.4, Parity: 0.5, Defects: 0.5, InfraCost: 0.8, Regression: 0.5},
				{Stage: -1, Slicing: true, Experience: -1.5, Money: -5_000},
			}},
	})
	check("events", sc.Events, []sim.Event{
		{ID: "initech-app", Text: "Initech launches a slick new app; customers notice.", Week: 20, Once: true, Duration: 4,
			Effects:    []sim.Effect{{Stage: 0, Away: 1}, {Stage: -1, Money: -50_000}}, // a temporary event takes people away, still paid
			Competitor: 0, CompetitorBoost: 1.5, Work: -1},
		{ID: "audit", Text: "A customer audit finds bugs.", Probability: 0.05, Duration: 2, Competitor: -1, Work: 1, WorkCount: 8},
		{ID: "outage", Text: "The data centre floods.", Probability: 1, Once: true, Effects: []sim.Effect{{Stage: -1, Experience: -2}},
			Competitor: -1, Work: -1},
	})
}

// TestGameDefaults checks what each game section is when it is left out,
// and the defaults that follow from other sections.
func TestGameDefaults(t *testing.T) {
	tests := []struct {
		name, src string
		check     func(t *testing.T, sc *sim.Scenario)
	}{
		{"no game sections", stream, func(t *testing.T, sc *sim.Scenario) {
			want := &sim.Scenario{
				SourceSHA256: SHA256([]byte(stream)),
				Production:   sim.Production{Commit: 0, Release: 3, Deploy: 4}, // release: the first stage with a batch
				Company:      sim.Company{MarketShare: 1, ImprovementShare: 0.2},
				Quality:      sim.Quality{BugWork: -1, BugDelay: des.Fixed(0), Regression: -1},
				Incidents:    sim.Incidents{Restore: des.Fixed(0), Stage: 0, RestoreGrowth: DefaultRestoreGrowth},
				Market:       sim.Market{ValueHalfLife: 8},
			}
			got := *sc
			got.Name, got.Seed, got.Weeks, got.HoursPerWeek, got.Work, got.Stages = "", 0, 0, 0, nil, nil
			if !reflect.DeepEqual(&got, want) {
				t.Errorf("got  %+v\nwant %+v", got, *want)
			}
		}},
		{"release train after the commit stage", stream + "[production]\ncommit = \"qa\"\n", func(t *testing.T, sc *sim.Scenario) {
			if p := sc.Production; p != (sim.Production{Commit: 2, Release: 3, Deploy: 4}) {
				t.Errorf("production %+v", p)
			}
		}},
		{"no release train", strings.Replace(stream, `batch = { every = "4w" }`, "", 1), func(t *testing.T, sc *sim.Scenario) {
			if p := sc.Production; p.Release != -1 {
				t.Errorf("production %+v, want no release stage", p)
			}
		}},
		{"release stage without a batch", stream + "[production]\nrelease = \"qa\"\n", func(t *testing.T, sc *sim.Scenario) {
			if p := sc.Production; p.Release != 2 {
				t.Errorf("production %+v, want release 2", p)
			}
		}},
		{"firefighters from an unlimited commit stage", stream + "[production]\ncommit = \"build\"\n", func(t *testing.T, sc *sim.Scenario) {
			if sc.Incidents.Stage != -1 {
				t.Errorf("incidents stage %d, want -1", sc.Incidents.Stage)
			}
		}},
		{"slicing defaults", stream + "[slicing]\nwork = [\"feature\"]\n", func(t *testing.T, sc *sim.Scenario) {
			if s := sc.Slicing; !reflect.DeepEqual(s, sim.Slicing{Work: []int{0}, Slices: 3}) {
				t.Errorf("slicing %+v", s)
			}
		}},
		{"once", stream + "[[event]]\nid = \"a\"\ntext = \"t\"\nweek = 2\nonce = false\neffects = [{ money = 1 }]\n" +
			"[[event]]\nid = \"b\"\ntext = \"t\"\nprobability = 0.5\nonce = true\neffects = [{ money = 1 }]\n", func(t *testing.T, sc *sim.Scenario) {
			if a, b := sc.Events[0], sc.Events[1]; a.Once || !b.Once {
				t.Errorf("once: %v and %v, want false and true as written", a.Once, b.Once)
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

// TestGameUnits checks how durations become weeks: rounded up where a
// part week counts as a whole one, to the nearest for a competitor's
// releases, and following hours_per_week.
func TestGameUnits(t *testing.T) {
	src := strings.Replace(stream, "weeks = 20\n", "weeks = 20\nhours_per_week = 30\n", 1) + `
[company]
market_share = 0.25
ramp_up = "31h"
[market]
value_half_life = "15h"
delay_half_life = 0
[[competitor]]
name = "A"
share = 0.25
release_every = "44h"
[[competitor]]
name = "B"
share = 0.25
release_every = "46h"
[[competitor]]
name = "C"
share = 0.25
release_every = 0
[[event]]
id = "e"
text = "t"
week = 1
duration = "1d"
effects = [{ money = 1 }]
[[investment]]
id = "i"
name = "I"
description = "D"
build_time = "1m"
effects = [{ stage = "release", batch = "1d" }]
`
	sc, err := Parse("test.toml", []byte(src))
	if err != nil {
		t.Fatalf("unexpected problems:\n%v", err)
	}
	if got := sc.Company.RampUpWeeks; got != 2 {
		t.Errorf("ramp_up 31h in 30-hour weeks: %d weeks, want 2", got)
	}
	if got := sc.Market; got.ValueHalfLife != 0.5 || got.DelayHalfLife != 0 {
		t.Errorf("market %+v, want half-lives of 0.5 and 0 weeks", got)
	}
	if got := []int{sc.Competitors[0].ReleaseEvery, sc.Competitors[1].ReleaseEvery, sc.Competitors[2].ReleaseEvery}; !reflect.DeepEqual(got, []int{1, 2, 1}) {
		t.Errorf("release_every 44h, 46h, 0: %v weeks, want 1, 2, 1", got)
	}
	if got := sc.Events[0].Duration; got != 1 {
		t.Errorf("duration 1d: %d weeks, want 1", got)
	}
	if inv := sc.Investments[0]; inv.BuildTime != 1 || inv.Effects[0].Batch != 6*sim.Hour {
		t.Errorf("investment %+v, want a build time of 1 minute and a batch of 6 hours", inv)
	}
}

// investment is an [[investment]] with these effects, to add to stream.
func investment(effects string) string {
	return "[[investment]]\nid = \"ci\"\nname = \"CI\"\ndescription = \"Automated builds.\"\nbuild_time = \"6w\"\neffects = [" + effects + "]\n"
}

func TestGameErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"company key in a stage effect", investment(`{ stage = "build", service = 0.5, coverage = 0.4 }`),
			`test.toml:46:46: investment "ci": effect #1: "coverage" is a company effect: put it in its own { } without stage`},
		{"company keys in a stage effect", investment(`{ stage = "build", money = 5, coverage = 0.4 }`),
			`test.toml:46:42: investment "ci": effect #1: "coverage" and "money" are company effects: put them in their own { } without stage`},
		{"stage key without a stage", investment(`{ capacity = 2 }`),
			`test.toml:46:14: investment "ci": effect #1: "capacity" is a stage effect: say which stage, as in { stage = "dev", capacity = ... }`},
		{"misspelt stage", investment(`{ stge = "qa", service = 0.5 }`),
			`test.toml:46:14: unknown key "stge" in effect #1 of investment "ci"; did you mean "stage"?`},
		{"unknown effect key", investment(`{ stage = "qa", servce = 0.5 }, { coverge = 0.5 }, { colour = "red" }`),
			`test.toml:46:28: unknown key "servce" in effect #1 of investment "ci"; did you mean "service"?
test.toml:46:46: unknown key "coverge" in effect #2 of investment "ci"; did you mean "coverage"?
test.toml:46:65: unknown key "colour" in effect #3 of investment "ci"; effect keys are: stage, capacity, add_capacity, away, service, rework, batch, background, coverage, parity, restore, defects, infra_cost, regression, slicing, experience, money`},
		{"nobody away", investment(`{ stage = "qa", away = 0 }, { stage = "qa", away = -1 }`),
			`test.toml:46:28: investment "ci": effect #1: away must be a whole number from 1 to 10000 (got 0)
test.toml:46:56: investment "ci": effect #2: away must be a whole number from 1 to 10000 (got -1)`},
		{"rework effect that never ends", investment(`{ stage = "build", rework = 1 }`),
			`test.toml:46:31: investment "ci": effect #1: rework must be below 1 (got 1): an item sent back every time it is done would never leave`},
		{"effects that change nothing", investment(`{}, { stage = "qa" }`),
			`test.toml:46:12: investment "ci": effect #1: the effect is empty; give it a stage and capacity, add_capacity, away, service, rework, batch or background, or give it coverage, parity, restore, defects, infra_cost, regression, slicing, experience or money
test.toml:46:16: investment "ci": effect #2: the effect names a stage but changes nothing there; give it capacity, add_capacity, away, service, rework, batch or background`},
		{"stage effect values", investment(`{ stage = "qa", rework = 0.2, batch = "weekly", capacity = 0, add_capacity = 0, service = 0 }, { stage = "dev", background = 0.5, batch = "off" }`),
			`test.toml:46:28: investment "ci": effect #1: rework sets how often stage "qa" sends work back, but it has no rework table saying where to; give the stage rework = { prob = 0, to = "..." }
test.toml:46:42: investment "ci": effect #1: batch "weekly" is not a duration; write "off" for no batching, or a number of hours (6, 1.5) or a number with a unit m, h, d or w ("90m", "4h", "1.5d", "2w")
test.toml:46:60: investment "ci": effect #1: capacity must be a whole number of at least 1, or "unlimited" (got 0)
test.toml:46:74: investment "ci": effect #1: add_capacity must not be 0: it is the people added, or taken away when negative
test.toml:46:92: investment "ci": effect #1: service must be a multiplier more than 0, such as 0.5 (half) or 2 (double) (got 0)
test.toml:46:124: investment "ci": effect #2: background scales the outside requests to stage "dev", but it has none; give the stage a background distribution`},
		{"company effect values", investment(`{ coverage = 1.5, slicing = true, money = 1e13, infra_cost = 0 }, { slicing = false }`),
			`test.toml:46:14: investment "ci": effect #1: coverage must be a number from 0 to 1, such as 0.3 (got 1.5)
test.toml:46:30: investment "ci": effect #1: slicing turns MVP slicing on, but the scenario has no [slicing] table saying which work to slice
test.toml:46:46: investment "ci": effect #1: money is too large (got 1e+13); the most allowed is 1_000_000_000_000 dollars
test.toml:46:60: investment "ci": effect #1: infra_cost must be a multiplier more than 0, such as 0.5 (half) or 2 (double) (got 0)
test.toml:46:80: investment "ci": effect #2: slicing can only be true: an effect turns slicing on; leave it out otherwise`},
		{"effect that is not a table", investment(`"faster"`),
			`test.toml:46:12: investment "ci": each effect must be a table in { } such as { stage = "dev", service = 0.8 }, not a string "faster"`},
		{"requires a later, unknown or the same investment", `[[investment]]
id = "a"
name = "A"
description = "D"
build_time = "1w"
requires = ["b", "a", "mointoring", "b"]
effects = [{ coverage = 0.5 }]
[[investment]]
id = "b"
name = "B"
description = "D"
build_time = "1w"
effects = [{ coverage = 0.5 }]
[[investment]]
id = "monitoring"
name = "M"
description = "D"
build_time = "1w"
effects = [{ coverage = 0.5 }]
`, `test.toml:46:13: investment "a": requires names investment "b", which comes later in the file; list an investment after the ones it requires
test.toml:46:18: investment "a": requires names the investment itself
test.toml:46:23: investment "a": requires names investment "mointoring", which does not exist; did you mean "monitoring"?
test.toml:46:37: investment "a": requires names investment "b", which comes later in the file; list an investment after the ones it requires`},
		{"investment without its keys", "[[investment]]\nid = \"ci\"\nname = \" \"\nbuild_time = 0\neffects = []\n",
			`test.toml:41:1: missing required key "description" in [[investment]] "ci"
test.toml:43:1: investment "ci": name must not be empty: it is what the player sees in the shop
test.toml:44:1: investment "ci": build_time must be more than 0 (got 0)
test.toml:45:1: investment "ci": effects must list at least one effect, such as [{ stage = "dev", service = 0.8 }]`},
		{"drain", strings.Replace(investment(`{ coverage = 0.5 }`), "effects", "drain = { stage = \"build\", people = 0 }\neffects", 1),
			`test.toml:46:11: investment "ci": drain stage "build" is "unlimited" (an automated step), so it has no people to pull off while building
test.toml:46:28: investment "ci": drain people must be a whole number from 1 to 10000 (got 0)`},
		{"shares that do not add up", "[company]\nmarket_share = 0.3\n[[competitor]]\nname = \"Initech\"\nshare = 0.4\nrelease_every = \"2w\"\n",
			`test.toml:42:1: market shares must add up to 1, but market_share in [company] and the [[competitor]] shares add up to 0.7 (0.3 + 0.4)`},
		{"shares with market_share left out", "[[competitor]]\nname = \"Initech\"\nshare = 0.4\nrelease_every = \"2w\"\n",
			`test.toml:43:1: market shares must add up to 1, but market_share in [company] (1 when not given) and the [[competitor]] shares add up to 1.4 (1 + 0.4)`},
		{"shares without competitors", "[company]\nmarket_share = 0.3\n",
			`test.toml:42:1: market shares must add up to 1, but market_share in [company] is 0.3 and there are no [[competitor]] tables to hold the other 0.7`},
		{"competitors", "[company]\nmarket_share = 0.5\n[[competitor]]\nname = \"Initech\"\nshare = 1\n[[competitor]]\nname = \"Initech\"\n",
			`test.toml:43:1: missing required key "release_every" in [[competitor]] "Initech": how often it ships, such as "2w"
test.toml:45:1: competitor "Initech": share must be a number more than 0 and less than 1, such as 0.3 (got 1)
test.toml:46:1: missing required key "share" in [[competitor]] "Initech": its part of the market, such as 0.4
test.toml:46:1: missing required key "release_every" in [[competitor]] "Initech": how often it ships, such as "2w"
test.toml:47:1: competitor name "Initech" is used twice (the first is on line 44); names must be unique`},
		{"event with week and probability", "[[event]]\nid = \"e\"\ntext = \"t\"\nweek = 3\nprobability = 0.1\nwork = { id = \"bugfx\", count = 0 }\n",
			`test.toml:45:1: event "e": give week or probability, not both: week fires the event at the start of that week, probability at random
test.toml:46:10: event "e": work id names work "bugfx", which does not exist; did you mean "bugfix"?
test.toml:46:24: event "e": work count must be a whole number from 1 to 10000 (got 0)`},
		{"event with neither week nor probability, doing nothing", "[[event]]\nid = \"e\"\ntext = \"\"\n",
			`test.toml:41:1: event "e": the event has neither week nor probability; give week = N to fire it at the start of week N, probability = p for a chance p each week, or facilitator = true for an event only the facilitator of a room brings
test.toml:41:1: event "e": the event does nothing; give it effects, a competitor to boost, work that arrives or [[event.choice]] answers
test.toml:43:1: event "e": text must not be empty: it is the news the players read`},
		{"event values", "[[event]]\nid = \"e\"\ntext = \"t\"\nweek = 30\ncompetitor = { name = \"Initec\", boost = 0 }\n[[event]]\nid = \"f\"\ntext = \"t\"\nprobability = 0\nonce = \"yes\"\nduration = \"-1w\"\neffects = [{ money = -1 }]\n",
			`test.toml:44:1: event "e": week must be a whole number from 1 to 20 (got 30)
test.toml:45:16: event "e": competitor "Initec" does not exist: the scenario has no [[competitor]] tables
test.toml:45:33: event "e": competitor boost must not be 0: it is the experience the competitor gains, or loses when negative
test.toml:49:1: event "f": probability must be a probability more than 0 and at most 1, such as 0.05 (got 0)
test.toml:50:1: event "f": once must be true or false, not a string "yes"
test.toml:51:1: event "f": duration must not be negative (got "-1w")`},
		{"event competitor", "[[competitor]]\nname = \"Initech\"\nshare = 0.5\nrelease_every = \"2w\"\n[company]\nmarket_share = 0.5\n[[event]]\nid = \"e\"\ntext = \"t\"\nweek = 3\ncompetitor = { name = \"Initec\" }\n",
			`test.toml:51:1: missing required key "boost" in the competitor of event "e": the experience the competitor gains, such as 1.5
test.toml:51:16: event "e": competitor "Initec" does not exist; did you mean "Initech"?`},
		{"quality", "[quality]\nbug_rate = 0.2\nregression_growth = 0.01\nrelease_regression = \"1d\"\nbug_delay = { dist = \"exponential\", mean = 0 }\n",
			`test.toml:41:1: missing required key "bug_work" in [quality]: the bugs that escape (bug_rate 0.2) come back as this kind of work
test.toml:43:1: quality: regression_growth needs regression_stage, the stage that runs the regression suite
test.toml:44:1: quality: release_regression needs regression_stage, the stage that runs the regression suite
test.toml:45:37: quality: bug_delay mean must be more than 0 (got 0)`},
		{"incidents", "[incidents]\nstage = \"build\"\npeople = -1\n",
			`test.toml:42:1: incidents: stage "build" is "unlimited" (an automated step), so it has no people to fight fires
test.toml:43:1: incidents: people must be a whole number from 0 to 10000 (got -1)`},
		{"incident people from an unlimited commit stage", "[incidents]\npeople = 2\n[production]\ncommit = \"build\"\n",
			`test.toml:42:1: incidents: people are pulled off the commit stage ("build") by default, but it is "unlimited" (an automated step); say which stage they come from with stage = "..."`},
		{"commit after deploy", "[production]\ncommit = \"qa\"\ndeploy = \"dev\"\nrelease = \"release\"\n",
			`test.toml:42:1: production: the commit stage ("qa") must come before the deploy stage ("dev"): a change is committed when it leaves the one and deployed when it enters the other`},
		{"misspelt deploy stage", "[production]\ncommit = \"qa\"\nrelease = \"dev\"\ndeploy = \"deplyo\"\n",
			`test.toml:44:1: production: deploy names stage "deplyo", which does not exist; did you mean "deploy"?`},
		{"release outside", "[production]\ncommit = \"qa\"\nrelease = \"dev\"\n",
			`test.toml:43:1: production: the release stage ("dev") must not come before the commit stage ("qa") or after the deploy stage ("deploy")`},
		{"company", "[company]\nshare_floor = 1\nbudget = -5\nsalary_per_week = 2500.5\nrevenue_per_week = 1e15\ncolour = 1\nrampup = \"6w\"\n",
			`test.toml:42:1: company: share_floor must be below market_share (share_floor 1, market_share 1), or the game is lost before it starts
test.toml:43:1: company: budget must not be negative (got -5)
test.toml:44:1: company: salary_per_week must be whole dollars, such as 80_000, not the number 2500.5
test.toml:45:1: company: revenue_per_week is too large (got 1e+15); the most allowed is 1_000_000_000_000 dollars
test.toml:46:1: unknown key "colour" in [company]; keys are: name, budget, revenue_per_week, salary_per_week, infra_per_week, market_share, share_floor, win_share, hire_cost, ramp_up, improvement_share, payout
test.toml:47:1: unknown key "rampup" in [company]; did you mean "ramp_up"?`},
		{"market", "[market]\nvalue_half_life = \"0w\"\nswitching = 2\nsensitivity = 1e7\n",
			`test.toml:42:1: market: value_half_life must be more than 0 (got "0w"): it is how long delivered value takes to fade to half
test.toml:43:1: market: switching must be a number from 0 to 1, such as 0.3 (got 2)
test.toml:44:1: market: sensitivity is too large (got 1e+07); the largest allowed is 1000000`},
		{"section in double brackets", "[[company]]\nbudget = 1\n",
			`test.toml:41:1: company must be written [company], with single brackets: there is only one`},
		{"section that is not a table", strings.Replace(stream, "weeks = 20", "weeks = 20\nmarket = 0.5", 1),
			`test.toml:3:1: market must be a table, written [market] on a line of its own, not the number 0.5`},
		{"slicing", "[slicing]\nwork = [\"bugfix\", \"featur\", \"feature\", \"feature\"]\nslices = 1\ndrop_below = -1\n",
			`test.toml:42:9: slicing: work "bugfix" has no value; give its [[work]] table a value distribution, since slicing learns a feature's value from its first slice
test.toml:42:19: slicing: work names work "featur", which does not exist; did you mean "feature"?
test.toml:42:40: slicing: work names "feature" twice
test.toml:43:1: slicing: slices must be a whole number from 2 to 10 (got 1)
test.toml:44:1: slicing: drop_below must be a number of at least 0 (got -1)`},
		{"slicing without work", "[slicing]\nslices = 2\n",
			`test.toml:41:1: missing required key "work" in [slicing]: the kinds of work that can be sliced, such as ["feature"]`},
		{"value with a unit", strings.Replace(stream, "mean = 1, sd = 1.5", `mean = "1d", sd = 1.5`, 1) + "[slicing]\nwork = [\"feature\"]\n",
			`test.toml:7:31: work "feature": value mean must be a plain number such as 1 or 2.5 (sizes have no unit), not a string "1d"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.src
			if !strings.HasPrefix(src, stream[:20]) {
				src = stream + src
			}
			_, err := Parse("test.toml", []byte(src))
			if err == nil {
				t.Fatalf("no problems, want:\n%s", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestLessons(t *testing.T) {
	src := game + `
[[lesson]]
id = "one"
title = "One"
text = "First."
when = { week = 1 }
task = { weeks = 2 }

[[lesson]]
id = "two"
title = "Two"
text = "Second."
when = { busy = { stage = "dev", share = 0.8 } }
task = { invest = "any" }
done = "Good."

[[lesson]]
id = "three"
title = "Three"
text = "Third."

[[lesson]]
id = "four"
title = "Four"
text = "Fourth."
task = { improvement = "qa" }

[[lesson]]
id = "five"
title = "Five"
text = "Fifth."
task = { improvement = "any" }
`
	sc, err := Parse("t.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Lessons) != 5 {
		t.Fatalf("%d lessons", len(sc.Lessons))
	}
	l := sc.Lessons
	if l[0].When.Kind != sim.AfterWeek || l[0].When.Week != 1 || l[0].Task.Kind != sim.PlayWeeks || l[0].Task.Weeks != 2 {
		t.Errorf("lesson one: %+v", l[0])
	}
	if l[1].When.Kind != sim.BusyAtLeast || l[1].When.Share != 0.8 || l[1].Task.Kind != sim.Invest || l[1].Task.Investment != "" || l[1].Done != "Good." {
		t.Errorf("lesson two: %+v", l[1])
	}
	if l[2].When.Kind != sim.AfterPrevious || l[2].Task.Kind != 0 {
		t.Errorf("lesson three: %+v", l[2])
	}
	if l[3].Task != (sim.Task{Kind: sim.SetImprovement, Stage: "qa"}) || l[4].Task != (sim.Task{Kind: sim.SetImprovement}) {
		t.Errorf("lessons four and five: %+v, %+v", l[3].Task, l[4].Task)
	}

	bad := game + `
[[lesson]]
id = "x"
title = "X"
text = "X."
when = { week = 1, deployed = 2 }
task = { invest = "nope" }

[[lesson]]
id = "y"
title = "Y"
text = "Y."
task = { improvement = "build" }
`
	_, err = Parse("t.toml", []byte(bad))
	if err == nil {
		t.Fatal("a broken lesson was accepted")
	}
	for _, want := range []string{"when needs exactly one condition", `names investment "nope", which does not exist`, `"build" is "unlimited" (an automated step), so it has no people to give improvement time`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
}
