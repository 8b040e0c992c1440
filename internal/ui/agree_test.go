package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/globomantics/globosim/internal/sim"
)

// Tests that the dashboard's figures agree with each other and with the
// engine: one way of counting weeks, no band before anything is measured,
// forecasts that say what they assume.

// bandWords are the DORA bands as the screens write them.
var bandWords = []string{"low", "medium", "high", "elite"}

// Before the first week is played nothing is measured: no key has a band,
// nor the whole, and the restore shown is named as the expected one.
// After a week the bands are there.
func TestNoBandBeforeAnythingIsMeasured(t *testing.T) {
	for _, w := range []int{80, 120} {
		tm, _ := drive(t, playing(t, testOptions(t)), tea.WindowSizeMsg{Width: w, Height: 30})
		d := tm.(Model).dash
		v := d.doraView()
		for _, b := range bandWords {
			if strings.Contains(v, " "+b) {
				t.Errorf("%d columns, week 1 unplayed: the DORA lines show the band %q:\n%s", w, b, v)
			}
		}
		if !strings.Contains(v, "restore (expected) ") {
			t.Errorf("%d columns: the restore is not named as expected:\n%s", w, v)
		}
		topic := topicNamed(t, d.g, "The DORA band")
		if !strings.Contains(topic.why, "Nothing measured yet") {
			t.Errorf("the band's explanation before week 1: %q", topic.why)
		}
		if why := topicNamed(t, d.g, "Time to restore").why; !strings.Contains(why, "No outage to time yet: with today's tooling one would take about 7.5d") || strings.Contains(why, "band") {
			t.Errorf("the restore's explanation before week 1: %q", why)
		}
		if why := topicNamed(t, d.g, "Deployment frequency").why; !strings.HasPrefix(why, "No value yet") {
			t.Errorf("deployment frequency's explanation before week 1: %q", why)
		}
		tm, _ = drive(t, tm, keyMsg(" "))
		if why := topicNamed(t, tm.(Model).dash.g, "Time to restore").why; !strings.Contains(why, "(the DORA line's \"restore (expected)\"), the low band") {
			t.Errorf("the restore's explanation after a week: %q", why)
		}
		title := map[int]string{80: "DORA 1 wk: low", 120: "DORA last 1 week: low"}[w]
		if v := tm.(Model).dash.doraView(); !strings.Contains(v, title) || !strings.Contains(v, "deploys 0 low") {
			t.Errorf("%d columns, after a week: no bands:\n%s", w, v)
		}
	}
}

func topicNamed(t *testing.T, g *sim.Game, title string) topic {
	t.Helper()
	for _, tp := range topics(g) {
		if tp.title == title {
			return tp
		}
	}
	t.Fatalf("no topic %q", title)
	return topic{}
}

// The header counts weeks as the news, the question and the debrief do:
// the week in play, from 1. The senior developer resigns in week 9, once
// eight weeks are played.
func TestHeaderCountsWeeksAsTheEventsDo(t *testing.T) {
	var tm tea.Model = playing(t, testOptions(t))
	if h := tm.(Model).dash.header(); !strings.Contains(h, "week 1/52") {
		t.Fatalf("the header at the start: %q", h)
	}
	for range 8 {
		tm, _ = drive(t, tm, keyMsg(" "))
	}
	m := tm.(Model)
	p, ok := m.dash.g.Pending()
	if !ok {
		t.Fatal("no question after eight weeks")
	}
	want := fmt.Sprintf("week %d/52", p.Week)
	if h := m.dash.header(); !strings.Contains(h, want) {
		t.Errorf("the question is for week %d, the header says %q", p.Week, h)
	}
	if !strings.Contains(m.dash.choice.View(), fmt.Sprintf("week %d", p.Week)) {
		t.Errorf("the question box does not say week %d", p.Week)
	}
	news := m.dash.g.News()
	if last := news[len(news)-1]; last.Week != p.Week {
		t.Errorf("the news of the question is in week %d, the question in week %d", last.Week, p.Week)
	}
	if line := m.dash.changesLine(200); !strings.HasPrefix(line, fmt.Sprintf("Week %d", p.Week-1)) {
		t.Errorf("the week's line is not about the week just played, %d: %q", p.Week-1, line)
	}
}

// A forecast says whose time it shares: two investments on Development
// each get half of its improvement time.
func TestForecastSaysWhoSharesTheTime(t *testing.T) {
	tm := shopAt(t, "globomantics", 120, 40, "Build automation")
	tm, _ = drive(t, tm, keyMsg("enter"), keyMsg("y"))
	for !strings.HasPrefix(tm.(Model).dash.g.Investments()[tm.(Model).dash.shop.cursor].Name, "Monitoring") {
		tm, _ = drive(t, tm, keyMsg("down"))
	}
	g := tm.(Model).dash.g
	mon := g.Investments()[tm.(Model).dash.shop.cursor]
	if s := sharedWith(g, mon); s != "would share Development's time with Build automation (CI)" {
		t.Errorf("Monitoring, not bought: %q", s)
	}
	if v := strings.Join(strings.Fields(tm.View()), " "); !strings.Contains(v, "it would share Development's time with Build automation (CI).") {
		t.Errorf("the shop's forecast does not say it shares the time:\n%s", tm.View())
	}
	tm, _ = drive(t, tm, keyMsg("enter"), keyMsg("y"))
	for tm.(Model).dash.shop.cursor > 0 {
		tm, _ = drive(t, tm, keyMsg("up"))
	}
	v := strings.Join(strings.Fields(tm.View()), " ")
	if !strings.Contains(v, "at today's improvement time: it shares Development's time with Monitoring and alerting.") {
		t.Errorf("CI, building beside Monitoring, does not say so:\n%s", tm.View())
	}
}

// "What would help" a stage lists an investment that only costs the team
// people (Blameless postmortems) by what it buys, in the game's numbers.
func TestWhatHelpsSaysWhatAPeopleCostBuys(t *testing.T) {
	m := playing(t, testOptions(t))
	g := m.dash.g
	help := stageModel{g: g}.help(g.Stages()[g.Scenario().StageIndex("dev")])
	var line string
	for _, l := range strings.Split(help, "\n") {
		if strings.Contains(l, "Blameless postmortems") {
			line = l
		}
	}
	for _, want := range []string{"outages fixed in 80% of the time", "defects ×0.75", "It costs this team 1 person off the work"} {
		if !strings.Contains(line, want) {
			t.Errorf("the postmortems' line lacks %q: %q", want, line)
		}
	}
}

// The same for an investment that slows the team down: code review.
func TestWhatHelpsSaysWhatASlowdownBuys(t *testing.T) {
	opts := testOptions(t)
	opts.Scenario = "startup"
	m := sized(t, opts, 100, 30)
	if check := m.Init(); check != nil {
		m, _ = drive(t, m, check())
	}
	m, _ = drive(t, m, keyMsg("enter"), keyMsg("enter"))
	g := m.(Model).dash.g
	help := stageModel{g: g}.help(g.Stages()[g.Scenario().StageIndex("dev")])
	want := "• Code review on every change (in the shop): defects ×0.6. It costs this team work that takes 110% as long."
	if !strings.Contains(help, want) {
		t.Errorf("the help lacks %q:\n%s", want, help)
	}
}

// Auto-play stops at every week's end, whatever the speed and wherever in
// the week it starts, so the week's line counts the queues as the map
// showed them then (a week a tick from mid-week used to count them a few
// days into the next week).
func TestAutoPlayStopsAtTheWeeksEnd(t *testing.T) {
	m := playing(t, testOptions(t))
	g := m.dash.g
	wk := g.Scenario().Week()
	g.RunUntil(2 * g.Scenario().Day())
	m.dash.refresh()
	m.dash.speed, m.dash.playing = len(speeds)-1, true // a week a tick
	for want := 1; want <= 3; want++ {
		var tm tea.Model
		tm, _ = drive(t, m, tickMsg{tag: m.dash.tag})
		m = tm.(Model)
		if got := g.Now(); got != Time(want)*wk {
			t.Fatalf("tick %d: the game is at minute %d, not at the end of week %d (%d)", want, got, want, Time(want)*wk)
		}
		if q := m.dash.queuesNow; q.week != want || fmt.Sprint(q.queues) != fmt.Sprint(markQueues(want, g.Stages()).queues) {
			t.Errorf("week %d: the line's queues %v (week %d) are not the map's at its end", want, q.queues, q.week)
		}
	}
}
