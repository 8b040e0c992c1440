package ui

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// The figures a player reads in two places are one figure, written one
// way, or are named so that they cannot be taken for one another.

// playWeeks starts scenario at w×h and plays weeks until done says stop,
// answering every question with its default; nil if the game ends first.
func playWeeks(t *testing.T, scenario string, w, h int, done func(dashboardModel) bool) tea.Model {
	t.Helper()
	opts := testOptions(t)
	opts.Scenario = scenario
	tm, _ := drive(t, sized(t, opts, w, h), keyMsg("enter"), keyMsg("enter"))
	for week := 0; week < 60 && tm.(Model).screen == playScreen; week++ {
		for i := 0; i < 5 && tm.(Model).dash.tutor.open; i++ {
			tm, _ = drive(t, tm, keyMsg("enter"))
		}
		if done(tm.(Model).dash) {
			return tm
		}
		tm = nextWeek(t, tm)
	}
	return nil // the game ended first
}

// The first outage's restore reads the same in the news and on the DORA
// line, which then times that one outage.
func TestRestoreReadsTheSameInTheNewsAndTheDORALine(t *testing.T) {
	var said string
	var tm tea.Model
	for _, scenario := range []string{"globomantics", "startup", "enterprise", "tutorial"} {
		if tm = playWeeks(t, scenario, 120, 40, restored(&said)); tm != nil {
			break
		}
	}
	if tm == nil {
		t.Fatal("no scenario restores an outage")
	}
	d := tm.(Model).dash
	if strings.ContainsAny(said, " ") {
		t.Errorf("the news writes the restore as %q, not in the DORA line's units", said)
	}
	if line := d.doraView(); !strings.Contains(line, "restore "+said+" ") {
		t.Errorf("the news says the outage was restored after %s; the DORA line says:\n%s", said, line)
	}
}

// restored is done once the news says an outage was restored, with what
// it said in said.
func restored(said *string) func(dashboardModel) bool {
	return func(d dashboardModel) bool {
		for _, n := range d.g.News() {
			if n.Kind == sim.IncidentNews && strings.HasPrefix(n.Text, "Production restored after ") {
				*said = strings.TrimSuffix(strings.TrimPrefix(n.Text, "Production restored after "), ".")
				return true
			}
		}
		return false
	}
}

// A hire says when it comes up to speed as a week the header counts, the
// same week in the shop's question, in the news of the hire, and in the
// news that says it has happened.
func TestAHireIsUpToSpeedInTheWeekTheShopSays(t *testing.T) {
	tm := hiringRow(t)
	tm, _ = drive(t, tm, keyMsg("right"), keyMsg("enter"))
	q := tm.(Model).dash.shop.question
	var week int
	if _, err := fmt.Sscanf(q[strings.Index(q, "up to speed in week "):], "up to speed in week %d.", &week); err != nil {
		t.Fatalf("the question %q does not say the week the hire is up to speed in: %v", q, err)
	}
	tm, _ = drive(t, tm, keyMsg("y"), keyMsg("esc"))
	g := tm.(Model).dash.g
	if said := fmt.Sprintf("up to speed in week %d.", week); !hasNews(g, said) {
		t.Errorf("the shop said %q; the news of the hire does not: %v", said, g.News())
	}
	for tm.(Model).screen == playScreen && g.Week() < week {
		if hasNews(g, "are up to speed.") {
			t.Fatalf("up to speed in week %d, before week %d", g.Week()+1, week)
		}
		tm = nextWeek(t, tm)
	}
	for _, n := range g.News() {
		if strings.HasSuffix(n.Text, "are up to speed.") && n.Week != week {
			t.Errorf("the news says %q in week %d; the shop said week %d", n.Text, n.Week, week)
		}
	}
	if !hasNews(g, "are up to speed.") {
		t.Errorf("no news of the hire coming up to speed by the end of week %d", g.Week())
	}
}

func hasNews(g *sim.Game, suffix string) bool {
	for _, n := range g.News() {
		if strings.HasSuffix(n.Text, suffix) {
			return true
		}
	}
	return false
}

// A choice that takes people away for a while says the last week they are
// away as the header counts it, and they are back the week after.
func TestAChoiceSaysTheLastWeekItsPeopleAreAway(t *testing.T) {
	sc, err := scenario.Resolve("globomantics")
	if err != nil {
		t.Fatal(err)
	}
	g := sim.NewGame(sc, 1, 52)
	var o sim.ChoiceOption
	var p *sim.PendingChoice
	for found := false; !found; {
		if _, over := g.Over(); over {
			t.Fatal("no choice takes people away for a while")
		}
		g.AdvanceWeek()
		var ok bool
		if p, ok = g.Pending(); !ok {
			continue
		}
		for _, opt := range p.Options {
			for _, e := range opt.Effects {
				if e.Away > 0 && opt.Duration > 0 {
					o, found = opt, true
				}
			}
		}
		if !found {
			g.Apply(sim.Decision{Kind: sim.Respond, Event: p.Event, Choice: p.Default})
		}
	}
	words := strings.Join(choiceCosts(sc, o, g.Week()), " ")
	var last int
	i := strings.Index(words, "to the end of week ")
	if i < 0 {
		t.Fatalf("%q does not say until when", words)
	}
	fmt.Sscanf(words[i:], "to the end of week %d", &last)
	if err := g.Apply(sim.Decision{Kind: sim.Respond, Event: p.Event, Choice: o.ID}); err != nil {
		t.Fatal(err)
	}
	intoWeek := func(w int) int { // people away a day into week w
		for g.Week() < w-1 {
			g.AdvanceWeek()
		}
		g.RunUntil(g.Now() + sc.Day())
		return g.WeeklyCosts().Away
	}
	if n := intoWeek(last); n == 0 {
		t.Errorf("%q, but nobody is away in week %d", words, last)
	}
	if n := intoWeek(last + 1); n != 0 {
		t.Errorf("%q, but %d still away in week %d", words, n, last+1)
	}
}

// hiringRow is the startup's shop at 120×40, on the practices' hiring row.
func hiringRow(t *testing.T) tea.Model {
	t.Helper()
	tm := shopAt(t, "startup", 120, 40, "")
	tm, _ = drive(t, tm, keyMsg("tab"))
	for i := 0; tm.(Model).dash.shop.practices[tm.(Model).dash.shop.cursor].kind != sim.Hire; i++ {
		if i > len(tm.(Model).dash.shop.practices) {
			t.Fatal("no hiring in the practices")
		}
		tm, _ = drive(t, tm, keyMsg("down"))
	}
	return tm
}

// The buy question's runway now is the header's and the shop's, and the
// runway after buying is named as such: one runway, one number.
func TestTheBuyQuestionsRunwayNowIsTheHeaders(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		tm := shopAt(t, "globomantics", size[0], size[1], "Build automation")
		tm, _ = drive(t, tm, keyMsg("enter"))
		d := tm.(Model).dash
		q := d.shop.question
		var after, now int
		i := strings.Index(q, "Runway after buying: ")
		if i < 0 {
			t.Fatalf("%dx%d: the question %q does not name the runway after buying", size[0], size[1], q)
		}
		if _, err := fmt.Sscanf(q[i:], "Runway after buying: %d weeks; now %d", &after, &now); err != nil {
			t.Fatalf("%dx%d: %q: %v", size[0], size[1], q[i:], err)
		}
		header := regexp.MustCompile(`\((\d+)w( left)?\)`).FindStringSubmatch(d.header())
		if header == nil || header[1] != strconv.Itoa(now) {
			t.Errorf("%dx%d: the question says the runway now is %d weeks; the header says %q", size[0], size[1], now, d.header())
		}
		if line := moneyLine(d.g); !strings.Contains(line, fmt.Sprintf("runway %dw", now)) {
			t.Errorf("%dx%d: the question says the runway now is %d weeks; the shop says %q", size[0], size[1], now, line)
		}
		if after >= now {
			t.Errorf("%dx%d: a purchase that costs money leaves a runway of %d weeks, now %d", size[0], size[1], after, now)
		}
	}
}

// The DORA line names its window (a length, "13 wk", never a week's
// number), and counts the deployments in it, so a band that changes from
// one week to the next changes with the count it is placed by; the week's
// line names its week, and the lead time chart says it is by week.
func TestTheDORALineNamesItsWindowAndTheWeeksLineItsWeek(t *testing.T) {
	band, count := sim.NoBand, -1
	flips := 0
	playWeeks(t, "globomantics", 80, 24, func(d dashboardModel) bool {
		week := d.g.Week()
		if week == 0 {
			return false
		}
		k := d.g.DORA()
		line := strings.Split(d.doraView(), "\n")[0]
		if want := fmt.Sprintf("DORA %d wk: %s │ deploys %d %s │", min(week, sim.DORAWindow), k.OverallBand, k.Deploys, k.DeployBand); !strings.HasPrefix(line, want) {
			t.Errorf("week %d: the DORA line %q, want it to start %q", week, line, want)
		}
		if k.DeployBand != band && band != sim.NoBand {
			flips++
			if k.Deploys == count {
				t.Errorf("week %d: the deploys band went from %s to %s with the same count, %d", week, band, k.DeployBand, count)
			}
		}
		band, count = k.DeployBand, k.Deploys
		if week >= 2 {
			weekly := d.changesLine(79)
			if !strings.HasPrefix(weekly, fmt.Sprintf("Week %d", week)) || strings.Contains(weekly, " wk") {
				t.Errorf("week %d: the week's line does not name its week: %q", week, weekly)
			}
		}
		return week >= 30
	})
	if flips == 0 {
		t.Error("the deploys band never changed: the test does not test the flip")
	}
	if !strings.Contains(chartTitles[leadTimeChart], "by week") {
		t.Errorf("the lead time chart's title %q does not say its points are each week's", chartTitles[leadTimeChart])
	}
}

// Where every key is in the medium band, the DORA line at 80 columns does
// not cut a band: the change failure rate goes to the line below, whole.
func TestTheDORALineCutsNoBandAt80(t *testing.T) {
	d := playing(t, testOptions(t)).dash
	d.width = 80
	m := sim.Measured
	d.snap.started = true
	d.snap.dora = sim.DORA{Weeks: 13, Deploys: 12, DeploysPerWeek: 0.923, LeadTimeForChanges: m(136), ChangeFailureRate: m(0.45), TimeToRestore: m(30), IncidentsInWindow: 2,
		OverallBand: sim.Medium, DeployBand: sim.Medium, LeadTimeBand: sim.Medium, FailureBand: sim.Medium, RestoreBand: sim.Medium}
	lines := strings.Split(d.doraView(), "\n")
	for _, l := range lines {
		if strings.Contains(l, "…") || cellWidth(l) > 80 {
			t.Errorf("a line is cut: %q", l)
		}
	}
	for _, want := range []string{"DORA 13 wk: medium", "deploys 12 medium", "commit→prod 3.4w medium", "failing 45% medium", "restore 3.8d medium"} {
		if !strings.Contains(strings.Join(lines, "\n"), want) {
			t.Errorf("the DORA lines lack %q:\n%s", want, strings.Join(lines, "\n"))
		}
	}
}
