package sim

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// choiceScenario is gameScenario with two events that ask: an audit in
// week 6 (cheap for consultants once CI is built; a finding that comes back
// three weeks later), and a random hack, answered each time it fires.
func choiceScenario() *Scenario {
	sc := gameScenario()
	sc.Events = append(sc.Events,
		Event{ID: "audit", Title: "The audit", Text: "An auditor wants every change on record.", Week: 6, Once: true,
			Competitor: -1, Work: -1, Default: 2, Choices: []Choice{
				{ID: "pause", Label: "Stop features", Text: "Developers do the paperwork for two weeks.",
					Effects: []Effect{{Stage: 0, Service: 3}}, Duration: 2, Competitor: -1, Work: -1},
				{ID: "consultants", Label: "Hire consultants", Text: "Consultants gather the evidence.",
					Effects: []Effect{{Stage: -1, Money: -60000}}, Competitor: -1, Work: -1,
					IfBuilt: &IfBuilt{Investment: 0, Text: "The build server has the records.", Effects: []Effect{{Stage: -1, Money: -10000}}}},
				{ID: "accept", Label: "Accept a finding", Text: "It may come back as a fine.", Competitor: -1, Work: -1,
					Later: &Risk{Weeks: 3, Probability: 1, Text: "The finding is back: a fine.", Effects: []Effect{{Stage: -1, Money: -100000}}}},
			}},
		Event{ID: "hack", Text: "Someone probes the login page.", Probability: 0.3, Competitor: -1, Work: -1, Default: 1,
			Choices: []Choice{
				{ID: "patch", Label: "Patch now", Text: "Two fixes jump in.", Competitor: -1, Work: 1, WorkCount: 2},
				{ID: "ignore", Label: "Ignore it", Text: "It may get worse.", Competitor: 0, CompetitorBoost: 0.1, Work: -1,
					Later: &Risk{Weeks: 2, Probability: 0.5, Text: "The probe was a breach.", Effects: []Effect{{Stage: -1, Experience: -0.5}}}},
			}},
	)
	return sc
}

func respond(event, choice string) Decision {
	return Decision{Kind: Respond, Event: event, Choice: choice}
}

// waitFor runs the game until the event with this id asks.
func waitFor(t *testing.T, g *Game, id string) *PendingChoice {
	t.Helper()
	for range g.weeks {
		g.RunUntil(Time(g.weeks) * g.sim.week)
		if p, ok := g.Pending(); ok && p.Event == id {
			return p
		}
	}
	t.Fatalf("event %q never asked", id)
	return nil
}

func TestAnEventAsksAndTimeWaits(t *testing.T) {
	g := NewGame(choiceScenario(), 1, 0)
	p := waitFor(t, g, "audit")
	if g.Now() != 5*g.sim.week || p.Week != 6 {
		t.Fatalf("the audit asks at minute %d (week %d), want the start of week 6", g.Now(), p.Week)
	}
	if p.Title != "The audit" || p.Default != "accept" || len(p.Options) != 3 {
		t.Fatalf("pending %+v", p)
	}
	if o := p.Options[1]; o.Money != -60000 || o.Built != "" || o.Default {
		t.Fatalf("consultants before CI: %+v", o)
	}
	if o := p.Options[2]; !o.Default || o.Risk == nil || o.Risk.Weeks != 3 {
		t.Fatalf("accept: %+v", o)
	}
	now := g.Now()
	g.RunUntil(now) // not moving: still waiting
	if _, ok := g.Pending(); !ok {
		t.Fatal("a run to the current minute took the default")
	}
	cash := g.Cash()
	if err := g.Apply(respond("audit", "consultants")); err != nil {
		t.Fatal(err)
	}
	if g.Cash() != cash-60000 {
		t.Fatalf("consultants cost %d, want 60000", cash-g.Cash())
	}
	if _, ok := g.Pending(); ok && g.pending[0].event == 3 {
		t.Fatal("the audit still waits after its answer")
	}
	if l := g.Log(); l[len(l)-1].Text != `The audit: answered "Hire consultants".` {
		t.Fatalf("log says %q", l[len(l)-1].Text)
	}
	ev := g.Events()[slices.IndexFunc(g.Events(), func(e FiredEvent) bool { return e.ID == "audit" })]
	if ev.Choice != "consultants" || ev.Default {
		t.Fatalf("event log: %+v", ev)
	}
	if err := g.Apply(respond("audit", "pause")); err == nil {
		t.Fatal("the audit was answered twice")
	}
}

func TestNoAnswerTakesTheDefaultAndItsRiskReturns(t *testing.T) {
	g := NewGame(choiceScenario(), 1, 0)
	waitFor(t, g, "audit")
	cash := g.Cash()
	g.AdvanceWeek() // week 6 plays without an answer
	ev := g.Events()[slices.IndexFunc(g.Events(), func(e FiredEvent) bool { return e.ID == "audit" })]
	if ev.Choice != "accept" || !ev.Default {
		t.Fatalf("event log: %+v", ev)
	}
	if !hasNews(g, `No answer: The audit gets its default, "Accept a finding".`) {
		t.Fatal("no news of the default")
	}
	if g.Cash() < cash-50000 {
		t.Fatal("the finding cost money at once")
	}
	for g.Week() < 8 && !g.over {
		g.RunUntil(8 * g.sim.week)
	}
	if !hasNews(g, "The finding is back: a fine.") {
		t.Fatal("the risk did not come back in week 9")
	}
	if n := strings.Count(fmt.Sprint(g.News()), "The finding is back"); n != 1 {
		t.Fatalf("the risk came back %d times", n)
	}
}

func hasNews(g *Game, text string) bool {
	return slices.ContainsFunc(g.News(), func(n News) bool { return n.Text == text })
}

func TestIfBuiltChangesTheChoice(t *testing.T) {
	g := NewGame(choiceScenario(), 1, 0)
	if err := g.Apply(Decision{Kind: Invest, Investment: "ci"}); err != nil {
		t.Fatal(err)
	}
	p := waitFor(t, g, "audit")
	o := p.Options[1]
	if o.Money != -10000 || o.Built != "CI" || o.Text != "The build server has the records." {
		t.Fatalf("consultants with CI built: %+v", o)
	}
	cash := g.Cash()
	if err := g.Apply(respond("audit", "consultants")); err != nil {
		t.Fatal(err)
	}
	if g.Cash() != cash-10000 {
		t.Fatalf("consultants with CI cost %d, want 10000", cash-g.Cash())
	}
}

func TestStandingAnswers(t *testing.T) {
	g := NewGame(choiceScenario(), 1, 0)
	if err := g.Apply(respond("audit", "pause")); err != nil {
		t.Fatal(err)
	}
	if err := g.Apply(respond("hack", "patch")); err != nil {
		t.Fatal(err)
	}
	if c, ok := g.Standing("audit"); !ok || c != "pause" {
		t.Fatalf("standing answer %q %v", c, ok)
	}
	for !g.over {
		g.RunUntil(Time(g.weeks) * g.sim.week)
		if p, ok := g.Pending(); ok {
			t.Fatalf("%s asked although it had an answer", p.Event)
		}
	}
	hacks := 0
	for _, e := range g.Events() {
		switch e.ID {
		case "audit":
			if e.Choice != "pause" || e.Default {
				t.Fatalf("audit: %+v", e)
			}
		case "hack":
			hacks++
			if e.Choice != "patch" || e.Default {
				t.Fatalf("hack: %+v", e)
			}
		}
	}
	if hacks < 2 {
		t.Fatalf("the hack fired %d times on this seed; the test needs a repeat", hacks)
	}
}

func TestRespondSaysWhyNot(t *testing.T) {
	g := NewGame(choiceScenario(), 1, 0)
	for _, c := range []struct {
		d    Decision
		want string
	}{
		{respond("audt", "pause"), `there is no event called "audt"`},
		{respond("leaver", "stay"), "leaver offers no choices to answer"},
		{respond("audit", "paws"), `The audit has no choice "paws"; its choices are "pause", "consultants", "accept"`},
	} {
		if err := g.Apply(c.d); err == nil || err.Error() != c.want {
			t.Errorf("%+v: got %v, want %q", c.d, err, c.want)
		}
	}
	waitFor(t, g, "audit")
	g.AdvanceWeek()
	if err := g.Apply(respond("audit", "pause")); err == nil || err.Error() != "The audit has already happened" {
		t.Errorf("answering a past audit: %v", err)
	}
}

// Common random numbers: whatever the answers, the same events fire in the
// same weeks and the same work arrives from outside.
func TestChoicesDoNotChangeTheWorld(t *testing.T) {
	play := func(audit, hack string) *Game {
		g := NewGame(choiceScenario(), 7, 0)
		for !g.over {
			g.RunUntil(Time(g.weeks) * g.sim.week)
			if p, ok := g.Pending(); ok {
				c := audit
				if p.Event == "hack" {
					c = hack
				}
				if err := g.Apply(respond(p.Event, c)); err != nil {
					t.Fatal(err)
				}
			}
		}
		return g
	}
	a, b := play("pause", "patch"), play("accept", "ignore")
	weeks := func(g *Game) string {
		var s []string
		for _, e := range g.Events() {
			s = append(s, fmt.Sprintf("%d:%s", e.Week, e.ID))
		}
		return strings.Join(s, ",")
	}
	if weeks(a) != weeks(b) {
		t.Fatalf("events differ:\n%s\n%s", weeks(a), weeks(b))
	}
	if fmt.Sprint(a.Arrivals()) != fmt.Sprint(b.Arrivals()) {
		t.Fatal("outside arrivals differ between answers")
	}
	if a.Score() == b.Score() {
		t.Fatal("the answers made no difference at all")
	}
	// The risk's draw is the firing's, not the answers': a hack's breach
	// comes back in the same weeks whatever the audit's answer was.
	breaches := func(g *Game) (weeks []int) {
		for _, n := range g.News() {
			if n.Text == "The probe was a breach." {
				weeks = append(weeks, n.Week)
			}
		}
		return weeks
	}
	c := play("pause", "ignore")
	if len(breaches(b)) == 0 || fmt.Sprint(breaches(c)) != fmt.Sprint(breaches(b)) {
		t.Fatalf("breaches in weeks %v after accepting the audit's finding, %v after pausing", breaches(b), breaches(c))
	}
}

func TestReplayWithRespondsIsExact(t *testing.T) {
	g := NewGame(choiceScenario(), 3, 0)
	g.Apply(respond("hack", "patch")) // standing
	waitFor(t, g, "audit")
	g.Apply(Decision{Kind: Invest, Investment: "ci"}) // while the audit waits
	g.Apply(respond("audit", "consultants"))
	g.Apply(respond("hack", "ignore")) // a new standing answer
	for range 8 {
		g.AdvanceWeek() // a hack asking would get its default
	}
	r, err := Replay(choiceScenario(), 3, 0, g.Log(), g.Now())
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(g.Result()) != fmt.Sprint(r.Result()) || fmt.Sprint(g.News()) != fmt.Sprint(r.News()) {
		t.Fatal("a replayed game with answers differs from the original")
	}

	// A game saved while an event waits replays to the same question.
	h := NewGame(choiceScenario(), 3, 0)
	waitFor(t, h, "audit")
	r, err = Replay(choiceScenario(), 3, 0, h.Log(), h.Now())
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := r.Pending(); !ok || p.Event != "audit" {
		t.Fatalf("the replay does not wait for the audit: %+v", p)
	}
}

// The debrief's counterfactual replays treat an answer as any decision:
// without it, the default applies.
func TestImpactOfAnAnswer(t *testing.T) {
	// Seed 3: on seed 1 the pause's lost share and the kept money happen
	// to score the same under the present rule.
	g := NewGame(choiceScenario(), 3, 0)
	waitFor(t, g, "audit")
	g.Apply(respond("audit", "pause"))
	g.Play(nil)
	im := g.Impacts()
	if len(im) != 1 || im[0].Decision.Decision.Kind != Respond {
		t.Fatalf("impacts %+v", im)
	}
	// Replaying without the answer is the game that took the default.
	h := NewGame(choiceScenario(), 3, 0)
	h.Play(nil)
	if want := g.Score() - h.Score(); im[0].Score != want {
		t.Fatalf("the answer was worth %d, want %d (score %d against the default's %d)", im[0].Score, want, g.Score(), h.Score())
	}
	if im[0].Score == 0 {
		t.Fatal("pausing features and a $100k fine scored the same")
	}
}

// A plan's decisions come at the start of their week, after its events
// fire: a respond in the audit's week answers it, one before it stands.
func TestPlanAnswersInTheEventsWeek(t *testing.T) {
	for _, week := range []int{6, 1} {
		g := NewGame(choiceScenario(), 1, 0)
		g.Play(&Plan{Steps: []PlannedDecision{{Week: week, Decision: respond("audit", "consultants")}}})
		ev := g.Events()[slices.IndexFunc(g.Events(), func(e FiredEvent) bool { return e.ID == "audit" })]
		if ev.Choice != "consultants" || ev.Default {
			t.Fatalf("respond in week %d: %+v", week, ev)
		}
		if l := g.Log(); len(l) != 1 || l[0].Week != week {
			t.Fatalf("respond in week %d: log %+v", week, l)
		}
	}
}

func TestResultNamesTheEventAnswered(t *testing.T) {
	g := NewGame(choiceScenario(), 1, 0)
	g.Apply(respond("audit", "accept"))
	if r := g.Result(); len(r.Decisions) != 1 || r.Decisions[0].Name != "The audit" {
		t.Fatalf("decisions %+v", r.Decisions)
	}
}

// The screens' side of an event that asks: run until it asks, show the
// choices as they stand, answer.
func ExampleGame_Pending() {
	g := NewGame(choiceScenario(), 1, 0)
	for {
		g.RunUntil(Time(g.Weeks()) * g.Scenario().Week())
		if p, ok := g.Pending(); ok && p.Event == "audit" {
			break
		}
	}
	p, _ := g.Pending()
	fmt.Printf("Week %d, %s: %s\n", p.Week, p.Title, p.Text)
	for _, o := range p.Options {
		fmt.Printf("  %-18s $%d now, default %v, risk %v\n", o.Label, -o.Money, o.Default, o.Risk != nil)
	}
	_ = g.Apply(Decision{Kind: Respond, Event: p.Event, Choice: "consultants"})
	fmt.Println(g.Log()[len(g.Log())-1].Text)
	// Output:
	// Week 6, The audit: An auditor wants every change on record.
	//   Stop features      $0 now, default false, risk false
	//   Hire consultants   $60000 now, default false, risk false
	//   Accept a finding   $0 now, default true, risk true
	// The audit: answered "Hire consultants".
}

// A lesson that opens when an event asks is done once it is answered,
// whether before the lesson started or after.
func TestLessonOnAnEventThatAsks(t *testing.T) {
	g := NewGame(choiceScenario(), 1, 0)
	audit := slices.IndexFunc(g.Scenario().Events, func(ev Event) bool { return ev.ID == "audit" })
	l := Lesson{ID: "audit", When: Trigger{Kind: EventFired, Event: audit}, Task: Task{Kind: Respond, Event: "audit"}}
	if g.LessonStarts(&l) || g.LessonDone(&l, 0, 0) {
		t.Fatal("the lesson started before the event")
	}
	for {
		g.RunUntil(Time(g.Weeks()) * g.Scenario().Week())
		if p, ok := g.Pending(); ok && p.Event == "audit" {
			break
		}
	}
	if !g.LessonStarts(&l) || g.LessonDone(&l, len(g.Log()), g.Week()) {
		t.Fatal("with the audit waiting, the lesson should start and not be done")
	}
	if err := g.Apply(Decision{Kind: Respond, Event: "audit", Choice: "consultants"}); err != nil {
		t.Fatal(err)
	}
	if !g.LessonDone(&l, len(g.Log()), g.Week()) {
		t.Fatal("answered, even before the lesson's log position, the task is done")
	}
}
