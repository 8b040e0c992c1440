package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/globomantics/globosim/internal/scenario"
)

// The title says which seed a game will play, and cuts no description
// mid-word: the selected one is whole, the others end on a word with "…".
func TestTitleSaysTheSeedAndCutsOnAWord(t *testing.T) {
	m := sized(t, testOptions(t), 80, 24)
	builtins := scenario.Builtins()
	for i, b := range builtins {
		v := m.View()
		sc, err := scenario.Resolve(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("Seed %d (the scenario's own)", sc.Seed); !strings.Contains(v, want) {
			t.Errorf("%s: the title does not say %q:\n%s", b.Name, want, v)
		}
		if !strings.Contains(strings.Join(strings.Fields(v), " "), b.Description) {
			t.Errorf("%s: the selected scenario's description is not whole:\n%s", b.Name, v)
		}
		for j, o := range builtins {
			if j == i {
				continue
			}
			for _, l := range strings.Split(v, "\n") {
				_, desc, ok := strings.Cut(l, "  "+o.Name+"  ")
				if !ok {
					continue
				}
				desc = strings.TrimSpace(desc)
				cut, short := strings.CutSuffix(desc, "…")
				if !strings.HasPrefix(o.Description, cut) || short && !strings.ContainsAny(o.Description[len(cut):][:1], " ,:;") {
					t.Errorf("%s's description %q is cut off the description, or mid-word", o.Name, desc)
				}
			}
		}
		m, _ = drive(t, m, keyMsg("down"))
	}
	if v := m.View(); !strings.Contains(v, "Seed the one the file sets") {
		t.Errorf("the file's seed is not explained:\n%s", v)
	}
}

func TestCutWords(t *testing.T) {
	for _, c := range []struct {
		in   string
		w    int
		want string
	}{
		{"short", 10, "short"},
		{"a regulated bank where every change waits", 20, "a regulated bank…"},
		{"queues, busy teams, the J-curve", 21, "queues, busy teams…"},
		{"/a/very/long/path/without/spaces", 12, "/a/very/lon…"},
	} {
		if got := cutWords(c.in, c.w); got != c.want {
			t.Errorf("cutWords(%q, %d) = %q, want %q", c.in, c.w, got, c.want)
		}
	}
}

// With a saved game, the title still shows every choice, "Open a file…"
// too, at 80×24 (it was pushed off) and at 120×40, each with the cursor
// on it, and the saved game's line whole.
func TestGoldenTitleWithSave(t *testing.T) {
	opts := testOptions(t)
	opts.SavePath = filepath.Join(t.TempDir(), "save.json")
	m := playing(t, opts)
	if _, cmd := m.Update(keyMsg(" ")); cmd == nil || cmd() != nil {
		t.Fatal("week 1 was not saved")
	}
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			title := sized(t, opts, size.w, size.h)
			if check := title.Init(); check != nil {
				title, _ = drive(t, title, check())
			}
			for i := range title.(Model).title.items {
				v := title.View()
				for _, it := range title.(Model).title.items {
					if !strings.Contains(v, " "+it.name+"  ") {
						t.Errorf("cursor on %d: %q is not on the screen:\n%s", i, it.name, v)
					}
				}
				if !strings.Contains(strings.Join(strings.Fields(v), " "), "Press r to continue it.") {
					t.Errorf("cursor on %d: the saved game's line is not whole:\n%s", i, v)
				}
				if lines := strings.Count(v, "\n") + 1; lines > size.h {
					t.Errorf("cursor on %d: %d lines", i, lines)
				}
				if i == 0 {
					golden.RequireEqual(t, []byte(v))
				}
				title, _ = drive(t, title, keyMsg("down"))
			}
		})
	}
}
