package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/sim"
)

// The DORA view's flow line drops its figures in a fixed order as the
// screen narrows (flow efficiency, then work in progress, then throughput,
// then the restore key) and never cuts spend and income.
func TestFlowLineKeepsTheMoney(t *testing.T) {
	restore := "restore 7.5d low"
	flow := []string{"throughput 0.0/wk", "in progress 48", "flow efficiency 12%"}
	money := "spend $55k/wk · income $38k/wk"
	cases := []struct {
		width int
		want  string
	}{
		{120, "restore 7.5d low │ throughput 0.0/wk · in progress 48 · flow efficiency 12% · spend $55k/wk · income $38k/wk"},
		{100, "restore 7.5d low │ throughput 0.0/wk · in progress 48 · spend $55k/wk · income $38k/wk"},
		{80, "restore 7.5d low │ throughput 0.0/wk · spend $55k/wk · income $38k/wk"},
		{60, "restore 7.5d low │ spend $55k/wk · income $38k/wk"},
		{40, "spend $55k/wk · income $38k/wk"},
	}
	for _, c := range cases {
		got := flowLine(restore, flow, money, c.width, ink{})
		if got != c.want {
			t.Errorf("at %d columns:\n got %q\nwant %q", c.width, got, c.want)
		}
		if cellWidth(got) > c.width {
			t.Errorf("at %d columns the line is %d wide", c.width, cellWidth(got))
		}
	}
	if len(flow) != 3 {
		t.Errorf("flowLine changed its argument: %q", flow)
	}
}

// On the dashboard at 80 columns, the startup's income is in view, whole.
func TestDashboardShowsIncomeAt80Columns(t *testing.T) {
	opts := testOptions(t)
	opts.Scenario = "startup"
	tm, _ := drive(t, sized(t, opts, 80, 24), keyMsg("enter"), keyMsg("enter"))
	c := tm.(Model).dash.g.WeeklyCosts()
	want := "spend " + kilo(c.Total()) + "/wk · income " + kilo(c.Revenue) + "/wk"
	if v := tm.View(); !strings.Contains(v, want) {
		t.Errorf("the dashboard at 80×24 does not show %q:\n%s", want, v)
	}
}

// The header at 80 columns gives way in its order (wider separators, the
// runway, the player's name, the words "week" and "playing", the cash's
// last digits, and only then the company's name) and keeps the week, the
// cash, the share, the play state and the outages.
func TestHeaderDropsInOrder(t *testing.T) {
	opts := testOptions(t)
	opts.Player = "Alexandra Featherstonehaugh-Cholmondeley"
	tm, _ := drive(t, sized(t, opts, 80, 24), keyMsg("enter"), keyMsg("enter"))
	d := tm.(Model).dash
	d.snap.incidents = 2
	h := d.header()
	if cellWidth(h) != 80 {
		t.Errorf("the header is %d wide, want 80: %q", cellWidth(h), h)
	}
	cash := "$" + prose.Dollars(d.snap.cash)
	for _, want := range []string{" Globomantics · A… │", "w1/52", cash + " │", fmt.Sprintf("share %.1f%%", 100*d.snap.share), "■ paused", "▲ 2 outages"} {
		if !strings.Contains(h, want) {
			t.Errorf("the header lacks %q: %q", want, h)
		}
	}
	d.opts.Player = ""
	d.snap.incidents = 0
	if h := d.header(); !strings.Contains(h, "Globomantics │ week 1/52") || !strings.Contains(h, cash+runwayWords(d.snap.costs, d.snap.cash)+" │") {
		t.Errorf("with room, the header drops something: %q", h)
	}
}

// The throughput is named for what it counts, work that reached
// customers, over the weeks played: played a day at a time, it says
// "shipped none yet" while the weekly rows (the lead time chart's, the
// DORA line's) have none, even in the week the first work ships, and
// then the rows' count a week.
func TestShippedCountsTheWeeksPlayed(t *testing.T) {
	var tm tea.Model = playing(t, testOptions(t))
	g := tm.(Model).dash.g
	midWeek := false // the engine's own count has work shipped, the weeks played none
	for {
		if _, over := g.Over(); over || g.Week() > 30 {
			t.Fatal("nothing shipped in 30 weeks")
		}
		g.RunUntil(g.Now() + g.Scenario().Day())
		shipped := 0
		for _, w := range g.WeeksPlayed() {
			shipped += w.Completed
		}
		got := shippedWords(g.WeeksPlayed())
		if shipped == 0 {
			midWeek = midWeek || g.Glance().ThroughputPerWeek > 0
			if got != "shipped none yet" {
				t.Fatalf("week %d: no week has shipped, and the dashboard says %q", g.Week()+1, got)
			}
			continue
		}
		if want := fmt.Sprintf("shipped %.1f/wk", float64(shipped)/float64(g.Week())); got != want {
			t.Fatalf("week %d: %q, want %q", g.Week()+1, got, want)
		}
		break
	}
	if !midWeek {
		t.Error("the first work shipped at a week's end: the case of work shipped within a week is not tested")
	}
}

// A stage's name on the map says what it is now: built automation turns
// "Manual build" into "Build (automated)", and continuous delivery turns
// the release train off; in the name column, at 80 and 120 columns.
func TestStageNamesSayWhatTheyAreNow(t *testing.T) {
	for _, w := range []int{80, 120} {
		opts := testOptions(t)
		opts.Scenario = "globomantics"
		m, _ := drive(t, sized(t, opts, w, 40), keyMsg("enter"), keyMsg("enter"))
		d := m.(Model).dash
		g := d.g
		if v := d.mapView(); !strings.Contains(v, "Manual build") || strings.Contains(v, "(automated)") {
			t.Fatalf("at the start:\n%s", v)
		}
		done := func(id string) bool {
			for _, st := range g.Investments() {
				if st.ID == id {
					return st.State == sim.Built
				}
			}
			return false
		}
		if err := g.Apply(sim.Decision{Kind: sim.Invest, Investment: "ci"}); err != nil {
			t.Fatal(err)
		}
		for !done("ci") {
			if _, over := g.Over(); over {
				t.Fatal("the game ended before CI was built")
			}
			g.AdvanceWeek()
		}
		d.refresh()
		if v := d.mapView(); !strings.Contains(v, "Build (automated)") || strings.Contains(v, "Manual build") {
			t.Errorf("%d columns, CI built:\n%s", w, v)
		}
	}
	// The release train once continuous delivery has taken its batch
	// away; a name the words do not fit with stays whole.
	train := sim.Stage{ID: "release", Name: "Release train", Capacity: sim.Unlimited, BatchEvery: 6}
	if got := stageNow(&train, sim.StageView{Name: "Release train", Unlimited: true}, mapName-2); got != "Release train (off)" {
		t.Errorf("the train without its batch is %q", got)
	}
	env := sim.Stage{ID: "env", Name: "Environment tickets", Capacity: 2}
	if got := stageNow(&env, sim.StageView{Name: "Environment tickets", Unlimited: true}, mapName-2); got != "Environment tickets" {
		t.Errorf("automated tickets read %q", got)
	}
}
