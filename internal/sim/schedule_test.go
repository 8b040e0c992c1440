package sim

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// scheduleScenario is choiceScenario with an event only a facilitator
// brings: it takes a developer away for two weeks and brings bug fixes.
func scheduleScenario() *Scenario {
	sc := choiceScenario()
	sc.Events = append(sc.Events, Event{ID: "reorg", Text: "A reorganisation.", Facilitator: true, Once: true, Duration: 2,
		Effects: []Effect{{Stage: 0, Away: 1}, {Stage: -1, Money: -20000}}, Competitor: -1, Work: 1, WorkCount: 4})
	return sc
}

func resultJSON(t *testing.T, r Result) string {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// playScheduled plays a game as a room would: the facilitator's reorg
// reaches it while it stands between weeks 3 and 4 with a decision taken
// there, another comes after the schedule, and a scheduled audit asks in
// week 8 and is answered. With seed 7 a hack asks at the start of week 4:
// the reorg waits for its answer.
func playScheduled(t *testing.T, seed uint64) *Game {
	t.Helper()
	g := NewGame(scheduleScenario(), seed, 0)
	week := g.sim.week
	g.runTo(3 * week)
	if err := g.Apply(Decision{Kind: Invest, Investment: "ci"}); err != nil {
		t.Fatal(err)
	}
	if err := g.Schedule(ScheduledEvent{Week: 4, Event: "reorg"}); err != nil {
		t.Fatal(err)
	}
	if err := g.Schedule(ScheduledEvent{Week: 8, Event: "audit"}); err != nil {
		t.Fatal(err)
	}
	if err := g.Apply(Decision{Kind: Hire, Stage: "qa", N: 1}); err != nil {
		t.Fatal(err)
	}
	if _, asks := g.Pending(); asks {
		if s := g.Scheduled(); s[0].Fired {
			t.Fatal("the reorg fired while the hack waited for an answer")
		}
		if err := g.Apply(respond("hack", "patch")); err != nil {
			t.Fatal(err)
		}
		g.RunUntil(g.Now() + 1)
		if s := g.Scheduled(); !s[0].Fired || s[0].After != 3 {
			t.Fatalf("the reorg fired after %d decisions (fired %v), want after 3: once the hack was answered", s[0].After, s[0].Fired)
		}
	} else if s := g.Scheduled(); !s[0].Fired || s[0].After != 1 {
		t.Fatalf("the reorg fired after %d decisions (fired %v), want after 1: before the decision taken after it came", s[0].After, s[0].Fired)
	}
	for {
		g.RunUntil(Time(g.weeks) * week)
		p, ok := g.Pending()
		if !ok {
			break
		}
		if p.Event == "audit" && p.Week == 8 {
			if err := g.Apply(respond("audit", "consultants")); err != nil {
				t.Fatal(err)
			}
		}
	}
	return g
}

func TestScheduleReplaysExactly(t *testing.T) {
	for _, seed := range []uint64{1, 7} {
		testScheduleReplay(t, seed)
	}
}

func testScheduleReplay(t *testing.T, seed uint64) {
	g := playScheduled(t, seed)
	r := g.Result()
	var fired []string
	for _, ev := range r.Events {
		if ev.ID == "reorg" || ev.ID == "audit" {
			fired = append(fired, ev.ID+"@"+itoa(ev.Week)+":"+ev.Choice)
		}
	}
	if want := []string{"reorg@4:", "audit@6:accept", "audit@8:consultants"}; !slices.Equal(fired, want) {
		t.Fatalf("fired %v, want %v", fired, want)
	}
	if len(r.Scheduled) != 2 || !r.Scheduled[1].Fired {
		t.Fatalf("the result's schedule: %+v", r.Scheduled)
	}
	h, err := ReplaySchedule(g.sc, seed, 0, r.Scheduled, g.Log(), g.Now())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := resultJSON(t, h.Result()), resultJSON(t, r); got != want {
		t.Fatalf("the replay differs:\n%s\nwant\n%s", got, want)
	}
	// Through JSON, as a result file or a save holds it.
	var back Result
	if err := json.Unmarshal([]byte(resultJSON(t, r)), &back); err != nil {
		t.Fatal(err)
	}
	if h, err = ReplaySchedule(g.sc, seed, 0, back.Scheduled, g.Log(), g.Now()); err != nil || h.Score() != g.Score() {
		t.Fatalf("replayed from JSON: score %d, want %d (%v)", h.Score(), g.Score(), err)
	}
	// The debrief's replay without a decision, leaving none out, is the game.
	if s := g.playWithout(len(g.log), new(*Game)).Score; s != g.Score() {
		t.Fatalf("the game played again without nothing scores %d, want %d", s, g.Score())
	}
	// Without the schedule the log is not this game.
	if h, err := Replay(g.sc, seed, 0, g.Log(), g.Now()); err == nil && resultJSON(t, h.Result()) == resultJSON(t, r) {
		t.Fatal("the game replays the same without its schedule")
	}
}

// A save taken while a scheduled event has not fired yet resumes to the
// same game: the event comes after the same decisions.
func TestScheduleReplaysMidway(t *testing.T) {
	sc := scheduleScenario()
	g := NewGame(sc, 3, 0)
	week := g.sim.week
	g.runTo(5 * week)
	if err := g.Schedule(ScheduledEvent{Week: 6, Event: "reorg"}); err != nil {
		t.Fatal(err)
	}
	h, err := ReplaySchedule(sc, 3, 0, g.Scheduled(), g.Log(), g.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []*Game{g, h} {
		if err := x.Apply(Decision{Kind: Invest, Investment: "ci"}); err != nil {
			t.Fatal(err)
		}
		x.runTo(10 * week)
	}
	if a, b := resultJSON(t, g.Result()), resultJSON(t, h.Result()); a != b {
		t.Fatalf("resumed game differs:\n%s\nwant\n%s", b, a)
	}
}

// A schedule changes only what the event does: the same work arrives, the
// scenario's own events fire in the same weeks, and the weeks before it are
// the same. An unscheduled facilitator's event changes nothing at all.
func TestScheduleSameWorldOtherwise(t *testing.T) {
	plain := NewGame(choiceScenario(), 11, 0)
	plain.Play(nil)
	unscheduled := NewGame(scheduleScenario(), 11, 0)
	unscheduled.Play(nil)
	a, b := resultJSON(t, plain.Result()), resultJSON(t, unscheduled.Result())
	if a != b {
		t.Fatal("an unscheduled facilitator's event changed the game")
	}
	g := NewGame(scheduleScenario(), 11, 0)
	if err := g.Schedule(ScheduledEvent{Week: 10, Event: "reorg"}); err != nil {
		t.Fatal(err)
	}
	g.Play(nil)
	if !slices.Equal(plain.Arrivals(), g.Arrivals()) {
		t.Error("the schedule changed the work that arrives")
	}
	own := func(evs []FiredEvent) (out []string) {
		for _, ev := range evs {
			if ev.ID != "reorg" {
				out = append(out, ev.ID+"@"+itoa(ev.Week))
			}
		}
		return out
	}
	if x, y := own(plain.Events()), own(g.Events()); !slices.Equal(x, y) {
		t.Errorf("the scenario's own events differ:\n%v\n%v", x, y)
	}
	pr, gr := plain.Result(), g.Result()
	if !slices.Equal(pr.Weekly[:9], gr.Weekly[:9]) {
		t.Error("the weeks before the scheduled event differ")
	}
	if slices.Equal(pr.Weekly[9:], gr.Weekly[9:]) {
		t.Error("the scheduled event changed nothing")
	}
}

func TestScheduleErrors(t *testing.T) {
	g := NewGame(scheduleScenario(), 1, 0)
	g.runTo(4 * g.sim.week)
	for _, tt := range []struct {
		s    ScheduledEvent
		want string
	}{
		{ScheduledEvent{Week: 8, Event: "nope"}, `there is no event called "nope"; the scenario's events are "leaver", "patches", "launch", "audit", "hack", "reorg"`},
		{ScheduledEvent{Week: 0, Event: "reorg"}, "week 0 is not in the game: schedule reorg for a week from 1 to 30"},
		{ScheduledEvent{Week: 31, Event: "reorg"}, "week 31 is not in the game: schedule reorg for a week from 1 to 30"},
		{ScheduledEvent{Week: 4, Event: "reorg"}, "week 4 has begun in this game (it has played 4 weeks): schedule reorg for week 6 or later"},
	} {
		if err := g.Schedule(tt.s); err == nil || err.Error() != tt.want {
			t.Errorf("%v: got %v, want %s", tt.s, err, tt.want)
		}
	}
	if err := g.Schedule(ScheduledEvent{Week: 5, Event: "reorg"}); err != nil {
		t.Errorf("the week about to begin: %v", err)
	}
	if err := g.Schedule(ScheduledEvent{Week: 5, Event: "reorg"}); err != nil || len(g.Scheduled()) != 1 {
		t.Errorf("scheduling it again: %v, %d scheduled", err, len(g.Scheduled()))
	}
	g.Play(nil)
	if err := g.Schedule(ScheduledEvent{Week: 30, Event: "audit"}); err == nil || !strings.Contains(err.Error(), "the game is over") {
		t.Errorf("a finished game: %v", err)
	}
	var none Scenario
	if err := none.CheckScheduled(ScheduledEvent{Week: 1, Event: "x"}, 5); err == nil || err.Error() != `there is no event called "x": the scenario has no events` {
		t.Errorf("no events: %v", err)
	}
}

// The debrief's replay without a decision keeps the schedule: what the
// decision was worth is the score less that of the same world, the same
// scheduled event included, without it.
func TestScheduleInTheDebriefsReplays(t *testing.T) {
	sc := scheduleScenario()
	g := NewGame(sc, 1, 0)
	if err := g.Apply(Decision{Kind: Invest, Investment: "ci"}); err != nil {
		t.Fatal(err)
	}
	if err := g.Schedule(ScheduledEvent{Week: 4, Event: "reorg"}); err != nil {
		t.Fatal(err)
	}
	g.runTo(12 * g.sim.week)
	without := NewGame(sc, 1, 0)
	if err := without.Schedule(ScheduledEvent{Week: 4, Event: "reorg"}); err != nil {
		t.Fatal(err)
	}
	without.runTo(g.Now())
	if got, want := g.playWithout(0, new(*Game)).Score, without.Score(); got != want {
		t.Fatalf("without the decision the game scores %d, want %d (the same world with the reorg)", got, want)
	}
	bare := NewGame(sc, 1, 0)
	bare.runTo(g.Now())
	if bare.Score() == without.Score() {
		t.Fatal("the reorg changes no score: the test shows nothing")
	}
	// The same decisions in another world meet the reorg too.
	other := NewGame(sc, 2, g.weeks)
	if err := other.Schedule(ScheduledEvent{Week: 4, Event: "reorg"}); err != nil {
		t.Fatal(err)
	}
	other.Play(g.weeklyPlan())
	if w := g.playIn(g.weeklyPlan(), 2, new(*Game)); w.score != other.Score() {
		t.Fatalf("in another world the decisions score %d, want %d (with the reorg)", w.score, other.Score())
	}
}
