package scenario

import (
	"errors"
	"strings"
	"testing"
)

// withStage is minimal with more text appended to its [[stage]] table.
func withStage(extra string) string { return minimal + extra }

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"syntax error", "name = \"x\"\nweeks = \n", `test.toml:2:9: not valid TOML: expected value but found '\n' instead`},
		{"unknown key", strings.Replace(minimal, "capacity", "capcity", 1), `test.toml:9:1: unknown key "capcity" in [[stage]] "dev"; did you mean "capacity"?`},
		{"unknown key, nothing close", withStage("colour = \"red\"\n"), `test.toml:11:1: unknown key "colour" in [[stage]] "dev"; keys are: id, name, capacity, service, rework, batch, background`},
		{"case-only mismatch", strings.Replace(minimal, "capacity", "Capacity", 1), `test.toml:9:1: unknown key "Capacity" in [[stage]] "dev"; keys are case-sensitive: write "capacity"`},
		{"unknown top-level key", "nmae = \"x\"\n" + minimal, `test.toml:1:1: unknown key "nmae" at the top level; did you mean "name"?`},
		{"wrong type", strings.Replace(minimal, "capacity = 2", `capacity = "four"`, 1), `test.toml:9:1: stage "dev": capacity must be a whole number of at least 1, or "unlimited", not a string "four"`},
		{"negative capacity", strings.Replace(minimal, "capacity = 2", `capacity = -2`, 1), `test.toml:9:1: stage "dev": capacity must be a whole number of at least 1, or "unlimited" (got -2)`},
		{"capacity too large", strings.Replace(minimal, "capacity = 2", `capacity = 20000`, 1), `test.toml:9:1: stage "dev": capacity must be at most 10000; for a step with no limit write "unlimited" (got 20000)`},
		{"capacity in capitals", strings.Replace(minimal, "capacity = 2", `capacity = "Unlimited"`, 1), `test.toml:9:1: stage "dev": capacity must be written "unlimited", in lower case`},
		{"escape in a name", strings.Replace(minimal, `name = "Tiny"`, `name = "Tiny\u001b[2J"`, 1), `test.toml:1:1: name has the control character U+001B in it: text is shown on a terminal, so only printable characters and line breaks may be used`},
		{"bidi override in a stage name", withStage("name = \"Dev\u202e\"\n"), `test.toml:11:1: stage "dev": name has the control character U+202E in it: text is shown on a terminal, so only printable characters and line breaks may be used`},
		{"rework that never ends", withStage("rework = { prob = 1.0, to = \"dev\" }\n"), `test.toml:11:12: stage "dev": rework prob must be below 1 (got 1): an item sent back every time it is done would never leave`},
		{"prob outside [0,1]", withStage("rework = { prob = 1.5, to = \"dev\" }\n"), `test.toml:11:12: stage "dev": rework prob must be a probability from 0 to 1, such as 0.1 (got 1.5)`},
		{"sd below zero", strings.Replace(minimal, `{ dist = "constant", value = "4h" }`, `{ dist = "lognormal", mean = "4h", sd = -1 }`, 1), `test.toml:10:46: stage "dev": service sd must not be negative (got -1)`},
		{"min above max", strings.Replace(minimal, `{ dist = "constant", value = "4h" }`, `{ dist = "uniform", min = "1d", max = "4h" }`, 1), `test.toml:10:31: stage "dev": service min must not be more than max (min "1d", max "4h")`},
		{"mode outside min and max", strings.Replace(minimal, `{ dist = "constant", value = "4h" }`, `{ dist = "triangular", min = 1, mode = 5, max = 3 }`, 1), `test.toml:10:43: stage "dev": service mode must be between min and max (min 1, mode 5, max 3)`},
		{"unknown distribution", strings.Replace(minimal, `"exponential"`, `"exponentail"`, 1), `test.toml:5:13: work "feature": arrival dist "exponentail" is not a distribution; did you mean "exponential"?`},
		{"unknown distribution, nothing close", strings.Replace(minimal, `"exponential"`, `"normal"`, 1), `test.toml:5:13: work "feature": arrival dist "normal" is not a distribution; distributions are: constant, uniform, triangular, exponential, lognormal`},
		{"parameter of another distribution", strings.Replace(minimal, `mean = 6`, `mean = 6, sd = 2`, 1), `test.toml:5:45: work "feature": arrival sd does not apply to an exponential distribution, which takes only mean`},
		{"missing parameter", strings.Replace(minimal, `{ dist = "constant", value = "4h" }`, `{ dist = "lognormal", mean = "4h" }`, 1), `test.toml:10:1: missing required key "sd" in the service of stage "dev": a lognormal distribution needs mean and sd`},
		{"missing dist", strings.Replace(minimal, `dist = "constant", `, ``, 1), `test.toml:10:1: missing required key "dist" in the service of stage "dev": choose one of constant, uniform, triangular, exponential, lognormal`},
		{"unknown unit", strings.Replace(minimal, `mean = 6`, `mean = "30s"`, 1), `test.toml:5:35: work "feature": arrival mean "30s" has an unknown unit "s"; write a number of hours (6, 1.5) or a number with a unit m, h, d or w ("90m", "4h", "1.5d", "2w")`},
		{"arrivals less than a minute apart", strings.Replace(minimal, `mean = 6`, `mean = 0.01`, 1), `test.toml:5:1: work "feature": arrival must be at least 1 minute on average, or the simulation could never move on (the mean is 0.6 minutes)`},
		{"route to unknown stage", strings.Replace(minimal, "arrival =", "route = [\"deve\"]\narrival =", 1), `test.toml:5:10: work "feature": route names stage "deve", which does not exist; did you mean "dev"?`},
		{"route to unknown stage, nothing close", strings.Replace(minimal, "arrival =", "route = [\"qa\"]\narrival =", 1), `test.toml:5:10: work "feature": route names stage "qa", which does not exist; stage ids are: dev`},
		{"rework to unknown stage", withStage("rework = { prob = 0.1, to = \"qa\" }\n"), `test.toml:11:24: stage "dev": rework goes to stage "qa", which does not exist; stage ids are: dev`},
		{"rework to a later stage", minimal + "rework = { prob = 0.1, to = \"qa\" }\n[[stage]]\nid = \"qa\"\ncapacity = 1\nservice = { dist = \"constant\", value = 1 }\n", `test.toml:11:24: stage "dev": rework to a later stage ("qa") is not possible; rework can only go back to "dev" or an earlier stage`},
		{"rework to a stage off the route", `name = "x"
[[work]]
id = "hotfix"
arrival = { dist = "exponential", mean = 6 }
route = ["qa"]
[[stage]]
id = "dev"
capacity = 1
service = { dist = "constant", value = 1 }
[[stage]]
id = "qa"
capacity = 1
service = { dist = "constant", value = 1 }
rework = { prob = 0.1, to = "dev" }
`, `test.toml:14:24: stage "qa": rework goes back to "dev", but work "hotfix" passes through "qa" without visiting "dev"; add "dev" to its route, or send rework elsewhere`},
		{"route out of order and repeated", strings.Replace(minimal, "arrival =", "route = [\"qa\", \"dev\", \"qa\"]\narrival =", 1) + "[[stage]]\nid = \"qa\"\ncapacity = 1\nservice = { dist = \"constant\", value = 1 }\n",
			`test.toml:5:16: work "feature": route lists "dev" after "qa", but "dev" comes first in the flow; list stages in the order of the [[stage]] tables: dev, qa
test.toml:5:23: work "feature": route names stage "qa" twice`},
		{"duplicate id", minimal + "[[stage]]\nid = \"dev\"\ncapacity = 1\nservice = { dist = \"constant\", value = 1 }\n", `test.toml:12:1: stage id "dev" is used twice (the first is on line 8); ids must be unique`},
		{"bad duration", strings.Replace(minimal, `"4h"`, `"4 hours"`, 1), `test.toml:10:32: stage "dev": service value "4 hours" has an unknown unit "hours"; write a number of hours (6, 1.5) or a number with a unit m, h, d or w ("90m", "4h", "1.5d", "2w")`},
		{"duration without a unit", strings.Replace(minimal, `"4h"`, `"4"`, 1), `test.toml:10:32: stage "dev": service value "4" has no unit; write a number of hours (6, 1.5) or a number with a unit m, h, d or w ("90m", "4h", "1.5d", "2w")`},
		{"duration that is not a number", strings.Replace(minimal, `"4h"`, `"soon"`, 1), `test.toml:10:32: stage "dev": service value "soon" is not a duration; write a number of hours (6, 1.5) or a number with a unit m, h, d or w ("90m", "4h", "1.5d", "2w")`},
		{"negative duration", strings.Replace(minimal, `"4h"`, `"-4h"`, 1), `test.toml:10:32: stage "dev": service value must not be negative (got "-4h")`},
		{"missing required key", strings.Replace(minimal, "capacity = 2\n", "", 1), `test.toml:7:1: missing required key "capacity" in [[stage]] "dev"`},
		{"missing name", minimal[len(`name = "Tiny"`):], `test.toml:1:1: missing required key "name" at the top level`},
		{"no stages", minimal[:strings.Index(minimal, "[[stage]]")], `test.toml:1:1: no [[stage]] tables: a scenario needs at least one stage`},
		{"single table instead of array", strings.Replace(minimal, "[[stage]]", "[stage]", 1), `test.toml:7:1: stage must be written [[stage]], with double brackets, even when there is only one`},
		{"bad id", strings.Replace(minimal, `id = "dev"`, `id = "dev team"`, 1), `test.toml:8:1: stage #1: id "dev team" may use only letters, digits, "-" and "_"`},
		{"size with a unit", strings.Replace(minimal, "arrival =", "size = { dist = \"constant\", value = \"2d\" }\narrival =", 1), `test.toml:5:29: work "feature": size value must be a plain number such as 1 or 2.5 (sizes have no unit), not a string "2d"`},
		{"batch too short", withStage("batch = { every = \"0.001h\" }\n"), `test.toml:11:11: stage "dev": batch every must be at least 1 minute (got "0.001h")`},
		{"nested too deep", "name = " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n",
			`test.toml:1:40: lists and tables nest more than 32 deep; a scenario file never needs more than three`},
		{"several problems", `name = ""
weeks = 0

[[work]]
id = "feature"
arrival = { dist = "exponential", mean = "6x" }
route = ["dev", "qa2"]

[[stage]]
id = "dev"
capacity = 0
service = { dist = "lognormal", mean = "2d" }
rework = { prob = -0.5, to = "dev" }
`, `test.toml:1:1: name must not be empty: it is the title players see
test.toml:2:1: weeks must be a whole number from 1 to 1000 (got 0)
test.toml:6:35: work "feature": arrival mean "6x" has an unknown unit "x"; write a number of hours (6, 1.5) or a number with a unit m, h, d or w ("90m", "4h", "1.5d", "2w")
test.toml:7:17: work "feature": route names stage "qa2", which does not exist; stage ids are: dev
test.toml:11:1: stage "dev": capacity must be a whole number of at least 1, or "unlimited" (got 0)
test.toml:12:1: missing required key "sd" in the service of stage "dev": a lognormal distribution needs mean and sd
test.toml:13:12: stage "dev": rework prob must be a probability from 0 to 1, such as 0.1 (got -0.5)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("test.toml", []byte(tt.src))
			var ds Diagnostics
			if !errors.As(err, &ds) {
				t.Fatalf("error %v (%T), want Diagnostics", err, err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
