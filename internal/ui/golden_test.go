package ui

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
)

// Golden screens: the program runs under teatest at a fixed size with the
// default scenario and seed, keys are sent, and once the screen shows what
// the keys lead to, the final frame is compared with testdata/*.golden.
// Colours are off (an Ascii renderer), so the goldens are plain text.
// Regenerate with: go test ./internal/ui -run TestGolden -update

func TestGolden(t *testing.T) {
	space := tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	enter := tea.KeyMsg{Type: tea.KeyEnter}
	weeks := func(n int) []tea.Msg {
		var out []tea.Msg
		for range n {
			out = append(out, space)
		}
		return out
	}
	// step sends keys, then waits until the screen shows a text.
	type step struct {
		keys  []tea.Msg
		until string
	}
	toDashboard := []step{{nil, "G L O B O S I M"}, {[]tea.Msg{enter}, "start the game"}, {[]tea.Msg{enter}, "week 1/52"}}
	cases := []struct {
		name  string
		steps []step
	}{
		{"title", toDashboard[:1]},
		// At 80×24 the briefing is taller than the screen: its last line
		// says how much is below.
		{"briefing", toDashboard[:2]},
		// Week 1 before it is played: nothing measured, so no DORA band.
		{"dashboard_start", toDashboard[:3:3]},
		{"dashboard", append(toDashboard[:3:3], step{weeks(4), "week 5/52"})},
		{"shop", append(toDashboard[:3:3], step{weeks(2), "week 3/52"}, step{[]tea.Msg{keyMsg("i")}, "Investments"})},
		// Build automation bought in week 3 (two played): its progress per team, then
		// the teams' improvement time with Development building it.
		// (wait for the message line: the shop's detail can show the
		// purchase a frame before the dashboard's header does)
		{"shop_building", append(toDashboard[:3:3], step{weeks(2), "week 3/52"}, step{[]tea.Msg{keyMsg("i"), enter, keyMsg("y")}, "Started Build automation"})},
		{"shop_teams", append(toDashboard[:3:3], step{weeks(2), "week 3/52"}, step{[]tea.Msg{keyMsg("i"), enter, keyMsg("y")}, "Built so far"},
			step{[]tea.Msg{keyMsg("tab"), keyMsg("tab")}, "[Teams]"})},
		// Build automation bought in week 3, then three weeks played and
		// tab pressed: the market chart, the decision marked on its axis (at
		// 120 columns every chart is shown, so tab changes nothing to wait on).
		{"dashboard_decided", append(toDashboard[:3:3], step{weeks(2), "week 3/52"}, step{[]tea.Msg{keyMsg("i"), enter, keyMsg("y")}, "Built so far"},
			step{[]tea.Msg{tea.KeyMsg{Type: tea.KeyEsc}}, "News"}, step{weeks(3), "week 6/52"}, step{[]tea.Msg{keyMsg("tab")}, ""})},
		// The end screen shows at once and fills in when scored: wait for that.
		// Each question on the way is answered with its default.
		{"end", append(toDashboard[:3:3], step{playKeys(t, func(m Model) bool { return m.screen == endScreen }), "Your answers"})},
	}
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		for _, c := range cases {
			if c.name == "end" && size.h < 30 {
				continue // it scrolls, and is filled in when scored: TestGoldenEndScrolls
			}
			t.Run(fmt.Sprintf("%s_%dx%d", c.name, size.w, size.h), func(t *testing.T) {
				tm := teatest.NewTestModel(t, New(testOptions(t)), teatest.WithInitialTermSize(size.w, size.h))
				last := ""
				for _, st := range c.steps {
					for _, k := range st.keys {
						tm.Send(k)
					}
					teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
						return bytes.Contains(b, []byte(st.until))
					}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
					last = st.until
				}
				if err := tm.Quit(); err != nil {
					t.Fatal(err)
				}
				view := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).View()
				if !strings.Contains(view, last) {
					t.Fatalf("the final frame does not show %q:\n%s", last, view)
				}
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}

// BenchmarkDashboardView draws the dashboard of a game 20 weeks in, at
// 120×40: one frame, from nothing drawn before (no pane, line or frame
// kept from the last; the charts are drawn weekly, not here). Auto-play
// redraws many times a second, so a frame must take well under 2 ms.
func BenchmarkDashboardView(b *testing.B) {
	root := benchDashboard(b).(Model)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		root.frames, root.dash.panes = newFrameFits(), &drawnPanes{}
		_ = root.View()
	}
}

// BenchmarkDashboardStep is what auto-play does on each tick: advance the
// game a day and read what the dashboard shows (charts included).
func BenchmarkDashboardStep(b *testing.B) {
	m := benchDashboard(b)
	root := m.(Model)
	g := root.session.game
	day := g.Scenario().Day()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, over := g.Over(); over {
			b.StopTimer()
			m = benchDashboard(b)
			root = m.(Model)
			g = root.session.game
			b.StartTimer()
		}
		root.dash.advance(g.Now() + day)
	}
}

func benchDashboard(b *testing.B) tea.Model {
	opts := Options{Renderer: asciiRenderer(), ExportDir: b.TempDir()}
	var m tea.Model = New(opts)
	m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	step := func(msg tea.Msg) {
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		for cmd != nil {
			next := cmd()
			if next == nil {
				break
			}
			m, cmd = m.Update(next)
		}
	}
	step(tea.KeyMsg{Type: tea.KeyEnter})
	step(tea.KeyMsg{Type: tea.KeyEnter})
	for range 20 {
		step(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
	}
	return m
}

// A shop with 20 investments is taller than an 80×24 screen: with the
// cursor on the last row (up from the first wraps round to it), the row
// and the buy question are on screen, and the list says what is above.
func TestGoldenShopScrolls(t *testing.T) {
	opts := testOptions(t)
	opts.Scenario = "testdata/twenty.toml"
	tm := teatest.NewTestModel(t, New(opts), teatest.WithInitialTermSize(80, 24))
	wait := func(text string) {
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
			teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	wait("G L O B O S I M")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter}) // into the path, then start
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	wait("start the game")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	wait("week 1/52")
	tm.Send(keyMsg("i"))
	wait("Investments")
	tm.Send(keyMsg("up"))
	tm.Send(keyMsg("enter"))
	wait("y yes")
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	view := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).View()
	for _, want := range []string{"▸ Capacity planning", "Buy Capacity planning for $80,000?", "more above"} {
		if !strings.Contains(view, want) {
			t.Errorf("the shop at 80×24 does not show %q:\n%s", want, view)
		}
	}
	golden.RequireEqual(t, []byte(view))
}
