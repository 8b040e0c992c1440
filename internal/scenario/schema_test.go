package scenario

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/sim/des"
)

// TestSchemaDocumented keeps docs/scenarios.md and the format in step: each
// Section has one "## " heading naming it, under which a table row
// "| `key` |" documents each of its keys, and nothing else.
func TestSchemaDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/scenarios.md")
	if err != nil {
		t.Fatal(err)
	}
	chapters := strings.Split("\n"+string(doc), "\n## ")[1:]
	row := regexp.MustCompile("(?m)^\\| `([^`]+)` \\|")
	for _, s := range Schema() {
		var found []string
		for _, c := range chapters {
			heading, _, _ := strings.Cut(c, "\n")
			if strings.Contains(strings.ToLower(heading), strings.ToLower(s.Name)) {
				found = append(found, c)
			}
		}
		if len(found) != 1 {
			t.Errorf("section %q: %d headings name it in docs/scenarios.md, want 1", s.Name, len(found))
			continue
		}
		var documented []string
		for _, m := range row.FindAllStringSubmatch(found[0], -1) {
			documented = append(documented, m[1])
		}
		for _, k := range s.Keys {
			if !slices.Contains(documented, k) {
				t.Errorf("section %q: key %q is not documented", s.Name, k)
			}
		}
		for _, k := range documented {
			if !slices.Contains(s.Keys, k) {
				t.Errorf("section %q: the doc documents %q, which the format does not have", s.Name, k)
			}
		}
	}
}

// TestDistParamsInSchema checks that every parameter a distribution takes is
// a key of the distribution section, and that every kind has its parameters.
func TestDistParamsInSchema(t *testing.T) {
	for _, name := range des.DistKinds() {
		kind, _ := des.ParseDistKind(name)
		params, ok := distParams[kind]
		if !ok {
			t.Errorf("%s: no parameters listed", name)
		}
		for _, p := range params {
			if !slices.Contains(distTable.Keys, p) {
				t.Errorf("%s takes %q, which the distribution section does not list", name, p)
			}
		}
	}
}

func TestSchemaIsACopy(t *testing.T) {
	s := Schema()
	s[0].Keys[0] = "changed"
	if Schema()[0].Keys[0] == "changed" {
		t.Error("Schema returns the decoder's own key lists")
	}
}
