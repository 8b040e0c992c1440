package scenario

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/globomantics/globosim/internal/sim"
)

// planGame is stream with two investments and slicing: a scenario every
// kind of decision applies to.
const planGame = stream + `
[slicing]
work = ["feature"]

[[investment]]
id = "ci"
name = "CI"
description = "Automated builds."
build_time = "6w"
effects = [{ stage = "build", service = 0.5 }]

[[investment]]
id = "monitoring"
name = "Monitoring"
description = "See outages sooner."
build_time = "2w"
effects = [{ restore = 0.5 }]
`

func mustParse(t *testing.T, src string) *sim.Scenario {
	t.Helper()
	sc, err := Parse("scenario.toml", []byte(src))
	if err != nil {
		t.Fatalf("scenario: %v", err)
	}
	return sc
}

func TestParsePlan(t *testing.T) {
	sc := mustParse(t, planGame)
	src := `name = "DevOps"
description = "Automate, then release often."

[[decision]]
week = 5
invest = "ci"

[[decision]]
week = 1
hire = { stage = "qa", people = -1 }

[[decision]]
week = 5
release_every = "2w"

[[decision]]
week = 3
wip_limit = { stage = "qa", limit = 6 }

[[decision]]
week = 20
release_every = "on demand"

[[decision]]
week = 3
slicing = 3

[[decision]]
week = 4
wip_limit = { stage = "dev", limit = 0 }

[[decision]]
week = 4
improvement = { stage = "qa", share = 0.25 }
`
	p, err := ParsePlan("plan.toml", []byte(src), sc)
	if err != nil {
		t.Fatalf("unexpected problems:\n%v", err)
	}
	want := &sim.Plan{Name: "DevOps", Description: "Automate, then release often.", Steps: []sim.PlannedDecision{
		{Week: 1, Decision: sim.Decision{Kind: sim.Hire, Stage: "qa", N: -1}},
		{Week: 3, Decision: sim.Decision{Kind: sim.SetWIPLimit, Stage: "qa", N: 6}},
		{Week: 3, Decision: sim.Decision{Kind: sim.SetSlicing, N: 3}},
		{Week: 4, Decision: sim.Decision{Kind: sim.SetWIPLimit, Stage: "dev", N: 0}},
		{Week: 4, Decision: sim.Decision{Kind: sim.SetImprovement, Stage: "qa", Share: 0.25}},
		{Week: 5, Decision: sim.Decision{Kind: sim.Invest, Investment: "ci"}},
		{Week: 5, Decision: sim.Decision{Kind: sim.SetReleaseCadence, Every: 2 * 40 * sim.Hour}},
		{Week: 20, Decision: sim.Decision{Kind: sim.SetReleaseCadence, Every: 0}},
	}}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("got  %+v\nwant %+v", p, want)
	}

	p, err = ParsePlan("none.toml", []byte(`name = "Nothing"`), sc)
	if err != nil || p.Name != "Nothing" || len(p.Steps) != 0 {
		t.Errorf("a plan with no decisions: %+v, %v", p, err)
	}
}

func TestPlanErrors(t *testing.T) {
	tests := []struct {
		name, scenario, src, want string
	}{
		{"two actions", planGame, "name = \"P\"\n[[decision]]\nweek = 1\ninvest = \"ci\"\nhire = { stage = \"qa\", people = 1 }\n",
			`plan.toml:5:1: decision #1: a decision takes one action, but this one has invest and hire; write each in its own [[decision]]`},
		{"no action", planGame, "name = \"P\"\n[[decision]]\nweek = 2\n",
			`plan.toml:2:1: decision #1: the decision has no action; give it one of invest, release_every, wip_limit, hire, slicing, improvement or respond`},
		{"misspelt action", planGame, "name = \"P\"\n[[decision]]\ninvset = \"ci\"\nweek = 0\n",
			`plan.toml:3:1: unknown key "invset" in [[decision]] #1; did you mean "invest"?
plan.toml:4:1: decision #1: week must be a whole number from 1 to 20 (got 0)`},
		{"unknown investment", planGame, "name = \"P\"\n[[decision]]\nweek = 21\ninvest = \"cii\"\n",
			`plan.toml:3:1: decision #1: week must be a whole number from 1 to 20 (got 21)
plan.toml:4:1: decision #1: invest names investment "cii", which does not exist; did you mean "ci"?`},
		{"missing week", planGame, "name = \"P\"\n[[decision]]\nslicing = 2\n",
			`plan.toml:2:1: missing required key "week" in [[decision]] #1: the week it is taken, at its start (1 is the first)`},
		{"wip_limit", planGame, "name = \"P\"\n[[decision]]\nweek = 1\nwip_limit = { stage = \"q\", limit = -1 }\n[[decision]]\nweek = 1\nwip_limit = { stage = \"qa\" }\n",
			`plan.toml:4:15: decision #1: wip_limit stage names stage "q", which does not exist; stage ids are: dev, build, qa, release, deploy
plan.toml:4:28: decision #1: wip_limit limit must be a whole number from 0 to 10000 (got -1)
plan.toml:7:1: missing required key "limit" in the wip_limit of decision #2`},
		{"hire", planGame, "name = \"P\"\n[[decision]]\nweek = 1\nhire = { stage = \"build\", people = 0 }\n[[decision]]\nweek = 1\nhire = 2\n",
			`plan.toml:4:10: decision #1: hire stage "build" is "unlimited" (an automated step), so it has no people to hire or let go
plan.toml:4:27: decision #1: hire people must not be 0: it is the people hired, or let go when negative
plan.toml:7:1: decision #2: hire must be a table such as { stage = "qa", people = 1 }, not the number 2`},
		{"release_every", planGame, "name = \"P\"\n[[decision]]\nweek = 1\nrelease_every = \"30m\"\n[[decision]]\nweek = 1\nrelease_every = \"weekly\"\n[[decision]]\nweek = 1\nrelease_every = \"On demand\"\n",
			`plan.toml:4:1: decision #1: release_every must be at least 1 hour (got "30m"); write "on demand" for no release train
plan.toml:7:1: decision #2: release_every "weekly" is not a duration; write "on demand" for no release train, or a number of hours (6, 1.5) or a number with a unit m, h, d or w ("90m", "4h", "1.5d", "2w")
plan.toml:10:1: decision #3: release_every "On demand" is not a duration; write "on demand" for no release train, or a number of hours (6, 1.5) or a number with a unit m, h, d or w ("90m", "4h", "1.5d", "2w")`},
		{"improvement", planGame, "name = \"P\"\n[[decision]]\nweek = 1\nimprovement = { stage = \"qaa\", share = 0.6 }\n[[decision]]\nweek = 1\nimprovement = { stage = \"build\", share = 0.1 }\n[[decision]]\nweek = 1\nimprovement = { share = -0.1, people = 2 }\n[[decision]]\nweek = 1\nimprovement = 0.2\n",
			`plan.toml:4:17: decision #1: improvement stage names stage "qaa", which does not exist; did you mean "qa"?
plan.toml:4:32: decision #1: improvement share must be a number from 0 to 0.5 (half the team's time), such as 0.2 (got 0.6)
plan.toml:7:17: decision #2: improvement stage "build" is "unlimited" (an automated step), so it has no people to give improvement time
plan.toml:10:1: missing required key "stage" in the improvement of decision #3
plan.toml:10:17: decision #3: improvement share must be a number from 0 to 0.5 (half the team's time), such as 0.2 (got -0.1)
plan.toml:10:31: unknown key "people" in the improvement of decision #3; keys are: stage, share
plan.toml:13:1: decision #4: improvement must be a table such as { stage = "dev", share = 0.25 }, not the number 0.2`},
		{"slicing out of range", planGame, "name = \"P\"\n[[decision]]\nweek = 1\nslicing = 11\n",
			`plan.toml:4:1: decision #1: slicing must be a whole number from 1 to 10 (got 11)`},
		{"nothing in the scenario to decide on", minimal, "name = \"P\"\n[[decision]]\nweek = 1\ninvest = \"ci\"\n[[decision]]\nweek = 1\nrelease_every = \"2w\"\n[[decision]]\nweek = 1\nslicing = 2\n",
			`plan.toml:4:1: decision #1: invest names an investment, but the scenario has no [[investment]] tables
plan.toml:7:1: decision #2: release_every changes the release train, but the scenario has none (no release stage in [production], and no stage with a batch)
plan.toml:10:1: decision #3: slicing needs a [slicing] table in the scenario, which has none`},
		{"no name, single brackets", planGame, "description = \"D\"\n[decision]\nweek = 1\n",
			`plan.toml:1:1: missing required key "name" at the top level
plan.toml:2:1: decision must be written [[decision]], with double brackets, even when there is only one`},
		{"empty name, scenario key", planGame, "name = \"\"\nweeks = 3\n",
			`plan.toml:1:1: name must not be empty: it names the strategy in reports
plan.toml:2:1: unknown key "weeks" at the top level; keys are: name, description, decision`},
		{"not TOML", planGame, "name = \"P\n", `plan.toml:1:10: not valid TOML: strings cannot contain newlines`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePlan("plan.toml", []byte(tt.src), mustParse(t, tt.scenario))
			if err == nil {
				t.Fatalf("no problems, want:\n%s", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
	if _, err := ParsePlan("plan.toml", []byte(`name = "P"`), nil); err == nil || err.Error() != "plan.toml: there is no scenario to check the plan against" {
		t.Errorf("no scenario: %v", err)
	}
}

// TestBuiltinPlansParse checks every built-in plan against the built-in
// scenario its name starts with.
func TestBuiltinPlansParse(t *testing.T) {
	plans := BuiltinPlans()
	if len(plans) == 0 {
		t.Fatal("no built-in plans")
	}
	for _, b := range plans {
		scenarioName, _, _ := strings.Cut(b.Name, "-")
		sc, err := Resolve(scenarioName)
		if err != nil {
			t.Errorf("plan %s: scenario %s: %v", b.Name, scenarioName, err)
			continue
		}
		if _, err := ResolvePlan(b.Name, sc); err != nil {
			t.Errorf("built-in plan %s:\n%v", b.Name, err)
		}
		if b.Description == "" {
			t.Errorf("built-in plan %s has no description", b.Name)
		}
	}
}

func TestResolvePlan(t *testing.T) {
	sc := mustParse(t, planGame)
	fsys := fstest.MapFS{
		"tiny.toml":          {Data: []byte(minimal)},
		"plans/tiny-ci.toml": {Data: []byte("name = \"CI\"\ndescription = \"Build CI.\"\n[[decision]]\nweek = 1\ninvest = \"ci\"\n")},
		"plans/tiny-no.toml": {Data: []byte("name = \"No\"\ndescription = \"Nothing.\"\n")},
	}
	if got, want := listIn(fsys, plansDir), []Builtin{{"tiny-ci", "Build CI.", 1}, {"tiny-no", "Nothing.", 1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("plans: %v, want %v", got, want)
	}
	if p, err := resolvePlanIn(fsys, "tiny-ci", sc); err != nil || p.Name != "CI" {
		t.Errorf("built-in name: %v, %v", p, err)
	}

	path := filepath.Join(t.TempDir(), "mine.toml")
	if err := os.WriteFile(path, []byte(`name = "Mine"`), 0o644); err != nil {
		t.Fatal(err)
	}
	if p, err := resolvePlanIn(fsys, path, sc); err != nil || p.Name != "Mine" {
		t.Errorf("file: %v, %v", p, err)
	}

	for arg, want := range map[string]string{
		"tiny-c":       `tiny-c: no built-in plan or file by that name; did you mean "tiny-ci"? (built-in plans: tiny-ci, tiny-no)`,
		"nothing-like": `nothing-like: no built-in plan or file by that name (built-in plans: tiny-ci, tiny-no)`,
		path + ".old":  path + `.old: cannot read: no such file or directory`,
	} {
		_, err := resolvePlanIn(fsys, arg, sc)
		if err == nil || err.Error() != want {
			t.Errorf("ResolvePlan(%q):\n got %v\nwant %s", arg, err, want)
		}
	}
}
