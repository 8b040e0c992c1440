package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// At 120×40 no pane cuts a name or a figure a player needs, in any
// built-in scenario played by each of its built-in plans (so that every
// investment is bought, built and waited for): the header and the charts'
// legends cut nothing, the map's notes name what each team builds whole, the shop's team work and lock reasons are
// whole, the message line names every investment being built, and the
// explainer's topic list shows every title whole. At 80×24 the topic list
// and the message line do too (a title wraps under itself).
func TestNamesAndFiguresWhole(t *testing.T) {
	for _, b := range scenario.BuiltinPlans() {
		for _, size := range []struct{ w, h int }{{120, 40}, {80, 24}} {
			d, plan := planDashboard(t, b.Name, size.w, size.h)
			for !over(d.g) {
				for _, st := range plan.Steps {
					if st.Week == d.g.Week()+1 {
						d.g.Apply(st.Decision) // a refusal is the plan's, not this test's
					}
				}
				d.g.AdvanceWeek() // a question waiting takes its default
				d.refresh()
				where := func(pane string) string {
					return fmt.Sprintf("%s %d×%d week %d, %s", b.Name, size.w, size.h, d.g.Week(), pane)
				}
				checkMessageLine(t, where("the message line"), d)
				if d.g.Week()%4 == 1 {
					checkTopicList(t, where("the explainer's list"), d)
				}
				if size.w < 120 {
					continue
				}
				checkMapNotes(t, where("the map"), d)
				checkShopRows(t, where("the shop"), d)
				checkUncut(t, where("the header"), d.header()+"\n"+d.doraView())
				for k := range chartKinds {
					chart := d.chartOf(k)
					if i := strings.IndexAny(chart, "│└"); i >= 0 {
						checkUncut(t, where(chartTitles[k]+"'s legend"), chart[:i])
					}
				}
			}
		}
	}
}

// planDashboard is the dashboard of a new game in w×h cells, of the
// scenario a built-in plan is named after, and the plan.
func planDashboard(t *testing.T, planName string, w, h int) (dashboardModel, *sim.Plan) {
	t.Helper()
	scen, _, _ := strings.Cut(planName, "-")
	opts := testOptions(t)
	opts.Scenario = scen
	m := sized(t, opts, w, h)
	if check := m.Init(); check != nil {
		m, _ = drive(t, m, check())
	}
	m, _ = drive(t, m, keyMsg("enter"), keyMsg("enter"))
	d := m.(Model).dash
	plan, err := scenario.ResolvePlan(planName, d.g.Scenario())
	if err != nil {
		t.Fatal(err)
	}
	return d, plan
}

func over(g *sim.Game) bool {
	_, done := g.Over()
	return done
}

// checkUncut: no line of a pane ends in "…".
func checkUncut(t *testing.T, where, pane string) {
	t.Helper()
	for _, l := range strings.Split(pane, "\n") {
		if strings.Contains(l, "…") {
			t.Errorf("%s: a line is cut: %q", where, l)
		}
	}
}

// checkMapNotes: a stage building one investment names it whole in its
// note ("◆ building Test automatio…" was one cut).
func checkMapNotes(t *testing.T, where string, d dashboardModel) {
	t.Helper()
	rows := strings.Split(d.mapView(), "\n")[1:]
	for i, st := range d.snap.stages {
		if strings.Contains(rows[i], "…") {
			t.Errorf("%s: a row is cut: %q", where, rows[i])
		}
		if len(st.Building) == 1 && !strings.Contains(rows[i], "◆ building "+st.Building[0]) {
			t.Errorf("%s: the row of %s does not name %q whole: %q", where, st.Name, st.Building[0], rows[i])
		}
	}
}

// checkShopRows: every investment's team work is whole ("network 2.…" was
// 2.5/7 cut), and a lock reason names what it needs whole or says
// "locked" ("○ needs Test automation" was "Test automation, level 1").
func checkShopRows(t *testing.T, where string, d dashboardModel) {
	t.Helper()
	shop := *d.shop
	shop.SetSize(d.width, d.height-2)
	rows, _ := shop.investmentsView()
	sc := d.g.Scenario()
	for i, st := range d.g.Investments() {
		row := rows[i]
		if strings.Contains(row, "…") {
			t.Errorf("%s: a row is cut: %q", where, row)
		}
		if e := effortShort(st, sc); !strings.Contains(row, " "+e+"  ") {
			t.Errorf("%s: the row of %s lacks its team work %q whole: %q", where, st.Name, e, row)
		}
		if _, after, ok := strings.Cut(row, "○ needs "); ok && !strings.HasPrefix(after, st.Lock.Prerequisite) {
			t.Errorf("%s: the row of %s does not name %q whole: %q", where, st.Name, st.Lock.Prerequisite, row)
		}
	}
}

// checkMessageLine: the line under the news names the investments being
// built whole, on one or two rows, and counts those it has no room for.
func checkMessageLine(t *testing.T, where string, d dashboardModel) {
	t.Helper()
	if d.message != "" || d.choice.shown() || d.choice.open() {
		return
	}
	msg := strings.Join(strings.Fields(d.messageView()), " ")
	named := 0
	for _, b := range d.snap.building {
		if strings.Contains(msg, b.Name+" (") {
			named++
		}
	}
	if more := len(d.snap.building) - named; strings.Contains(msg, "…") || more > 0 && !strings.Contains(msg, fmt.Sprintf(" and %d more", more)) {
		t.Errorf("%s: %q does not name all %d investments being built whole, or count the rest", where, msg, len(d.snap.building))
	}
}

// checkTopicList: every topic's title is in the list whole, on its line
// or wrapped under itself.
func checkTopicList(t *testing.T, where string, d dashboardModel) {
	t.Helper()
	e := *d.explain
	e.open("", "")
	listW := e.listWidth()
	for i, tp := range e.topics {
		e.cursor = i
		var list []string
		for _, l := range strings.Split(e.View(), "\n") {
			list = append(list, strings.TrimSpace(strings.TrimPrefix(ansi.Truncate(l, listW, ""), "▸")))
		}
		text := " " + strings.Join(list, " ") + " "
		if !strings.Contains(text, " "+tp.title+" ") {
			t.Errorf("%s: the title %q is not whole in the list:\n%s", where, tp.title, strings.Join(list, "\n"))
			return
		}
	}
}

// The shop's team work column is as wide as its widest entry: a network
// team's work in halves ("network 0.5/7") is whole, not "network 0.…".
func TestShopTeamWorkWhole(t *testing.T) {
	opts := testOptions(t)
	m := sized(t, opts, 120, 40)
	if check := m.Init(); check != nil {
		m, _ = drive(t, m, check())
	}
	m, _ = drive(t, m, keyMsg("enter"), keyMsg("enter"))
	d := m.(Model).dash
	for _, dec := range []sim.Decision{{Kind: sim.SetImprovement, Stage: "network", Share: 0.25}, {Kind: sim.Invest, Investment: "netauto"}} {
		if err := d.g.Apply(dec); err != nil {
			t.Fatal(err)
		}
	}
	d.g.AdvanceWeek()
	d.refresh()
	shop := *d.shop
	shop.SetSize(d.width, d.height-2)
	rows, _ := shop.investmentsView()
	for i, st := range d.g.Investments() {
		if st.ID == "netauto" {
			if e := effortShort(st, d.g.Scenario()); !strings.Contains(e, ".") || !strings.Contains(rows[i], " "+e+"  ") {
				t.Errorf("the row lacks %q whole: %q", e, rows[i])
			}
		}
	}
}

// A briefing taller than the screen says what is below, and at its end
// what is above, in every built-in scenario; one that fits says nothing.
func TestBriefingSaysWhatIsOutOfSight(t *testing.T) {
	for _, b := range scenario.Builtins() {
		for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
			opts := testOptions(t)
			opts.Scenario = b.Name
			m, _ := drive(t, sized(t, opts, size.w, size.h), keyMsg("enter"))
			br := m.(Model).briefing
			if m.(Model).screen != briefingScreen {
				t.Fatalf("%s: enter did not open the briefing", b.Name)
			}
			tall := br.vp.TotalLineCount() > br.height
			v := br.View()
			if lines := strings.Count(v, "\n") + 1; lines != br.height {
				t.Errorf("%s %dx%d: %d lines for %d", b.Name, size.w, size.h, lines, br.height)
			}
			if says := strings.Contains(v, "↓/pgdn scrolls"); says != tall {
				t.Errorf("%s %dx%d: taller than the screen %v, says so %v:\n%s", b.Name, size.w, size.h, tall, says, v)
			}
			if !tall {
				continue
			}
			for range 10 {
				m, _ = drive(t, m, keyMsg("space"))
			}
			if v := m.(Model).briefing.View(); !strings.Contains(v, "lines above · ↑/pgup") || !strings.Contains(v, "Press enter to start") {
				t.Errorf("%s %dx%d: at the end:\n%s", b.Name, size.w, size.h, v)
			}
		}
	}
}
