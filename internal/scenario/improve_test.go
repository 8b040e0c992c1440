package scenario

import (
	"reflect"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/sim"
)

// The keys of improvement capacity: [company] improvement_share and an
// investment's effort, and an old drain beside them.
func TestImprovementKeys(t *testing.T) {
	const week = 40 * sim.Hour
	src := stream + `[company]
improvement_share = 0.35

[[investment]]
id = "ci"
name = "CI"
description = "Builds by themselves."
effort = [ { stage = "dev", weeks = 6 }, { stage = "qa", weeks = 1.5 } ]
build_time = "2w"
effects = [ { stage = "dev", service = 0.9 } ]

[[investment]]
id = "pipeline"
name = "Pipeline"
description = "No least time."
effort = [ { stage = "qa", weeks = 2 } ]
effects = [ { stage = "dev", service = 0.9 } ]

[[investment]]
id = "old"
name = "Old"
description = "Written with a drain."
build_time = "3w"
drain = { stage = "dev", people = 2 }
effects = [ { stage = "dev", service = 0.9 } ]
`
	sc, err := Parse("improve.toml", []byte(src))
	if err != nil {
		t.Fatalf("unexpected problems:\n%v", err)
	}
	if sc.Company.ImprovementShare != 0.35 {
		t.Errorf("improvement_share %v", sc.Company.ImprovementShare)
	}
	ci, pipeline, old := &sc.Investments[0], &sc.Investments[1], &sc.Investments[2]
	if want := []sim.Effort{{Stage: 0, Work: 6 * week}, {Stage: 2, Work: 3 * week / 2}}; !reflect.DeepEqual(ci.Effort, want) || ci.LeastTime() != 2*week {
		t.Errorf("ci: effort %+v, least time %d", ci.Effort, ci.LeastTime())
	}
	if pipeline.BuildTime != 0 || len(pipeline.Work()) != 1 {
		t.Errorf("pipeline: build time %d, work %+v", pipeline.BuildTime, pipeline.Work())
	}
	// Last month's files mean much the same: 2 people for 3 weeks is 6
	// person-weeks from dev.
	if w := old.Work(); len(old.Effort) != 0 || !reflect.DeepEqual(w, []sim.Effort{{Stage: 0, Work: 6 * week}}) || old.LeastTime() != 3*week {
		t.Errorf("old: work %+v, least time %d", w, old.LeastTime())
	}
}

func TestImprovementKeyErrors(t *testing.T) {
	inv := func(body string) string {
		return "[[investment]]\nid = \"x\"\nname = \"X\"\ndescription = \"d\"\neffects = [ { stage = \"dev\", service = 0.9 } ]\n" + body
	}
	for _, tt := range []struct{ name, src, want string }{
		{"share too large", "[company]\nimprovement_share = 0.6\n",
			`test.toml:42:1: company: improvement_share must be a number from 0 to 0.5 (half the team's time), such as 0.2 (got 0.6)`},
		{"share negative", "[company]\nimprovement_share = -0.1\n",
			`test.toml:42:1: company: improvement_share must be a number from 0 to 0.5 (half the team's time), such as 0.2 (got -0.1)`},
		{"effort and drain", inv("effort = [ { stage = \"dev\", weeks = 2 } ]\ndrain = { stage = \"dev\", people = 1 }\n"),
			`test.toml:47:1: investment "x": give effort or drain, not both: effort replaces the old drain (a drain of people for the build time is that much effort from the stage)`},
		{"effort problems", inv("effort = [ { stage = \"devv\", weeks = 2 }, { stage = \"build\", weeks = 1 }, { stage = \"qa\", weeks = 0 }, { stage = \"qa\" }, 3, { stage = \"dev\", weeks = 1, people = 2 } ]\n"),
			`test.toml:46:14: investment "x": effort #1: stage names stage "devv", which does not exist; did you mean "dev"?
test.toml:46:45: investment "x": effort #2: stage "build" is "unlimited" (an automated step), so it has no people to build it
test.toml:46:91: investment "x": effort #3: weeks must be a number of person-weeks more than 0, such as 6 (got 0)
test.toml:46:104: missing required key "weeks" in effort #4 of investment "x"
test.toml:46:122: investment "x": each effort must be a table in { } such as { stage = "dev", weeks = 6 }, not the number 3
test.toml:46:153: unknown key "people" in effort #6 of investment "x"; keys are: stage, weeks`},
		{"same team twice", inv("effort = [ { stage = \"dev\", weeks = 2 }, { stage = \"dev\", weeks = 1 } ]\n"),
			`test.toml:46:44: investment "x": effort names "dev" twice; give each team one entry with all its weeks`},
		{"empty effort", inv("effort = []\n"),
			`test.toml:46:1: investment "x": effort must name at least one team, such as [ { stage = "dev", weeks = 6 } ]; leave effort out for an investment that only takes build_time`},
		{"effort not a list", inv("effort = 6\n"),
			`test.toml:46:1: investment "x": effort must be a list of teams' work such as [ { stage = "dev", weeks = 6 } ], not the number 6`},
		{"negative least time", inv("effort = [ { stage = \"dev\", weeks = 2 } ]\nbuild_time = \"-1w\"\n"),
			`test.toml:47:1: investment "x": build_time must not be negative (got "-1w")`},
		{"neither", inv(""),
			`test.toml:41:1: missing required key "build_time" in [[investment]] "x": how long it takes to build, such as "6w" (or the work it needs from teams, with effort)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("test.toml", []byte(stream+tt.src))
			if err == nil {
				t.Fatalf("no problems, want:\n%s", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
	if !strings.Contains(stream, "capacity = \"unlimited\"") {
		t.Fatal("stream has no automated stage to test")
	}
}
