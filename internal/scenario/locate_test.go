package scenario

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestLocate(t *testing.T) {
	src := `# a comment with [brackets] and "quotes"
name = "x # not a comment" # a comment
'literal key' = 'C:\path'
"quoted.key" = """
multi "line" = 1
[not.a.table]
"""
dotted.inner = 1979-05-27 07:32:00

[[stage]]
id = "dev"
service = { dist = "lognormal", mean = "2d", sd = { deep = [1, [2, 3]] } }

[[stage]]
id = 'build'
numbers = [
  1,  # one
  2,
]
[stage.rework]
prob = 0.1

[[stage.step]]
x = 1
[[stage.step]]
x = 2

[[work]]
route = ["dev",
    "build"]
`
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		t.Fatal(err)
	}
	want := map[string]pos{
		"name":                           {2, 1},
		"\"literal key\"":                {3, 1},
		"\"quoted.key\"":                 {4, 1},
		"dotted":                         {8, 1},
		"dotted.inner":                   {8, 1},
		"stage":                          {10, 1},
		"stage[0]":                       {10, 1},
		"stage[0].id":                    {11, 1},
		"stage[0].service":               {12, 1},
		"stage[0].service.mean":          {12, 33},
		"stage[0].service.sd.deep":       {12, 53},
		"stage[0].service.sd.deep[1]":    {12, 64},
		"stage[0].service.sd.deep[1][1]": {12, 68},
		"stage[1]":                       {14, 1},
		"stage[1].numbers[1]":            {18, 3},
		"stage[1].rework":                {20, 1},
		"stage[1].rework.prob":           {21, 1},
		"stage[1].step[0]":               {23, 1},
		"stage[1].step[1].x":             {26, 1},
		"work[0].route[1]":               {30, 5},
	}
	at := locate([]byte(src)).at
	for path, p := range want {
		if at[path] != p {
			t.Errorf("%s: at %d:%d, want %d:%d", path, at[path].line, at[path].col, p.line, p.col)
		}
	}
	for _, bad := range []string{"not", "not.a.table", "multi"} {
		if _, ok := at[bad]; ok {
			t.Errorf("%s: recorded, but it is inside a string", bad)
		}
	}
}

func TestParent(t *testing.T) {
	for path, want := range map[string]string{
		"name":                  "",
		"stage[2]":              "stage",
		"stage[2].service.mean": "stage[2].service",
		"work[0].route[1]":      "work[0].route",
		`a."b.c[1]"`:            "a",
		`"x\"y.z".k`:            `"x\"y.z"`,
		"":                      "",
	} {
		if got := parent(path); got != want {
			t.Errorf("parent(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestLocateDeepAndLong(t *testing.T) {
	deep := "a = " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\nb = 1\n"
	loc := locate([]byte(deep))
	if p := loc.at["b"]; p != (pos{2, 1}) {
		t.Errorf("after deep nesting: b at %v", p)
	}
	if loc.excess == "" || loc.excessAt != (pos{1, 5 + maxNesting}) {
		t.Errorf("deep nesting: excess %q at %v", loc.excess, loc.excessAt)
	}
	long := strings.Repeat("k.", 50000) + "k = 1\nb = 1\n"
	loc = locate([]byte(long))
	at := loc.at
	if loc.excess == "" || loc.excessAt != (pos{1, 1 + 2*maxKeyParts}) {
		t.Errorf("long key: excess %q at %v", loc.excess, loc.excessAt)
	}
	if p := at["b"]; p != (pos{2, 1}) {
		t.Errorf("after a long key: b at %v", p)
	}
	for path := range at {
		if len(path) > maxPath+20 {
			t.Errorf("recorded a path of %d bytes", len(path))
		}
	}
}

// FuzzLocate checks that the locator finishes on any bytes without panicking.
func FuzzLocate(f *testing.F) {
	for _, s := range []string{"", "[", "[[", "a = [", `a = "`, `a = """`, "a = {", "'''", "\"\\", "[a.\"b\n", "a.=1"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for path, p := range locate(src).at {
			if p.line < 1 || p.col < 1 {
				t.Fatalf("%q at %d:%d", path, p.line, p.col)
			}
		}
	})
}

// FuzzLocateValid checks the locator against the decoder: in any document
// that BurntSushi/toml accepts, every value it decodes has a position.
func FuzzLocateValid(f *testing.F) {
	f.Add([]byte("a = 1\n[b]\nc.d = [1, {e = 2}]\n[[f]]\n[[f.g]]\nh = 'x'\n[[f]]\n"))
	f.Add([]byte("\"a.b\" = 1\n'c' = { \"d\\u0041\" = 2 }\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var raw map[string]any
		if _, err := toml.Decode(string(src), &raw); err != nil {
			return
		}
		loc := locate(src)
		if loc.excess != "" {
			return
		}
		at := loc.at
		var walk func(path string, v any, depth int)
		walk = func(path string, v any, depth int) {
			if depth > 16 || len(path) > maxPath/2 {
				return
			}
			if _, ok := at[path]; !ok && path != "" {
				t.Fatalf("no position for %s in %q", path, src)
			}
			switch v := v.(type) {
			case map[string]any:
				for k, e := range v {
					walk(joinKey(path, k), e, depth+1)
				}
			case []map[string]any:
				for i, e := range v {
					walk(index(path, i), e, depth+1)
				}
			case []any:
				for i, e := range v {
					walk(index(path, i), e, depth+1)
				}
			}
		}
		walk("", raw, 0)
	})
}
