package scenario

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/sim"
)

// validate writes src to a file and validates it.
func validate(t *testing.T, src string) (*sim.Scenario, Diagnostics) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "load.toml")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	sc, warnings, err := Validate(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range warnings {
		warnings[i].File = "load.toml"
	}
	return sc, warnings
}

// oneTeam is one work type arriving every hour at a team of two that takes
// serviceH hours per item, with extra keys in its [[stage]] table.
func oneTeam(serviceH, extra string) string {
	return `name = "Load"
[[work]]
id = "w"
arrival = { dist = "exponential", mean = "1h" }
[[stage]]
id = "team"
capacity = 2
service = { dist = "constant", value = "` + serviceH + `h" }
` + extra
}

func TestOfferedLoadWarning(t *testing.T) {
	for _, c := range []struct {
		name, src, want string
	}{
		{"just below capacity", oneTeam("1.99", ""), ""},
		{"at capacity", oneTeam("2", ""), `load.toml:5:1: warning: stage "team" is offered 80.0 hours of work a week (counting rework, escaped bugs, outside requests and release regression runs) ` +
			`but its capacity is 80 hours (2 × 40), ρ = 1.00: its queue grows without end until a decision adds people or takes work away (as meant, if that is the problem the players are to solve)`},
		// Half the items come back once, a quarter twice...: two visits each.
		{"rework doubles it", oneTeam("1", "rework = { prob = 0.5, to = \"team\" }\n"), `stage "team" is offered 80.0 hours of work a week`},
		// An outside request every 2 hours adds 20 hours of 1 hour each.
		{"outside requests", oneTeam("1.5", "background = { dist = \"exponential\", mean = \"2h\" }\n"), `stage "team" is offered 90.0 hours of work a week`},
		{"an automated step never warns", strings.Replace(oneTeam("100", ""), "capacity = 2", `capacity = "unlimited"`, 1), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, warnings := validate(t, c.src)
			got := ""
			if len(warnings) > 0 {
				got = warnings.Error()
			}
			if c.want == "" && got != "" || !strings.Contains(got, c.want) || strings.Count(got, "\n") > 0 {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

// TestVisits checks rework loops against counting by hand: a route a→b→c
// where c sends a quarter back to a and b sends half back to itself.
func TestVisits(t *testing.T) {
	sc := &sim.Scenario{Stages: []sim.Stage{
		{ID: "a"},
		{ID: "b", ReworkProb: 0.5, ReworkTo: 1},
		{ID: "c", ReworkProb: 0.25, ReworkTo: 0},
	}}
	// c: 1/(1-0.25) = 4/3 visits; a: one plus c's returns, 1+1/3; b: twice a's.
	want := []float64{4.0 / 3, 8.0 / 3, 4.0 / 3}
	for i, v := range visits(sc, []int{0, 1, 2}) {
		if math.Abs(v-want[i]) > 1e-12 {
			t.Errorf("visits to %s: %v, want %v", sc.Stages[i].ID, v, want[i])
		}
	}
}

// TestOfferedLoadOfTheBuiltins pins what validate says of the built-in
// scenarios: the flow alone never overloads a stage, and the formula agrees
// with a long run of the flow; with escaped bugs and regression runs, the
// test team of every one of them is overloaded on purpose (in the tutorial
// it is the next queue once the build is automated).
func TestOfferedLoadOfTheBuiltins(t *testing.T) {
	overloaded := map[string]string{"globomantics": "qa", "enterprise": "qa", "startup": "qa", "tutorial": "qa"}
	for _, b := range Builtins() {
		file, src, err := Source(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		sc, warnings, err := parse(file, src)
		if err != nil {
			t.Fatal(err)
		}
		var warned []string
		for _, w := range warnings {
			warned = append(warned, w.Msg)
		}
		want := overloaded[b.Name]
		if want == "" && len(warned) > 0 || want != "" && (len(warned) != 1 || !strings.Contains(warned[0], `stage "`+want+`" is offered`)) {
			t.Errorf("%s: warnings %q, want one for %q", b.Name, warned, want)
		}

		flow := *sc
		flow.Quality = sim.Quality{BugWork: -1, Regression: -1}
		run, err := sim.Run(&flow, 1, 1000)
		if err != nil {
			t.Fatalf("%s: %v", b.Name, err)
		}
		for _, l := range OfferedLoads(&flow) {
			if got := run.Stages[l.Stage].Utilization; math.Abs(got-l.Ratio()) > 0.03 {
				t.Errorf("%s: stage %q: offered load %.3f of capacity, a 1000-week run is %.3f busy", b.Name, sc.Stages[l.Stage].ID, l.Ratio(), got)
			}
		}
	}
}
