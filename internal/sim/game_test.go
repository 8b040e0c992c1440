package sim

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/sim/des"
)

// gameScenario is a small company: dev, a manual build, QA, a monthly
// release train and a deploy step; two competitors; a few investments.
func gameScenario() *Scenario {
	week := Time(40 * 60)
	return &Scenario{
		Name: "tiny co", HoursPerWeek: 40, Weeks: 30,
		Work: []WorkType{
			{ID: "feature", Arrival: des.ExpDist(600), Size: des.Fixed(1), Route: []int{0, 1, 2, 3, 4}, Value: des.LognormalDist(1, 1), HasValue: true},
			{ID: "bugfix", Arrival: des.ExpDist(1200), Size: des.Fixed(0.3), Route: []int{0, 1, 2, 3, 4}},
		},
		Stages: []Stage{
			{ID: "dev", Capacity: 4, Service: des.LognormalDist(960, 480)},
			{ID: "build", Capacity: 1, Service: des.LognormalDist(120, 60), ReworkProb: 0.1, ReworkTo: 0},
			{ID: "qa", Capacity: 2, Service: des.LognormalDist(480, 240)},
			{ID: "release", Capacity: Unlimited, Service: des.Fixed(0), BatchEvery: 4 * week},
			{ID: "deploy", Capacity: Unlimited, Service: des.Fixed(120)},
		},
		Production: Production{Commit: 0, Release: 3, Deploy: 4},
		Company: Company{Budget: 500000, RevenuePerWeek: 100000, SalaryPerWeek: 2000, InfraPerWeek: 5000,
			MarketShare: 0.4, ShareFloor: 0.1, WinShare: 0.4, HireCost: 5000, RampUpWeeks: 4, ImprovementShare: 0.5},
		Quality: Quality{Coverage: 0.2, Parity: 0.2, DefectRate: 0.05, BugRate: 0.2, BugWork: 1,
			BugDelay: des.ExpDist(2 * float64(week)), Regression: 2, RegressionGrowth: 0.002, ReleaseRegression: 16 * 60},
		Incidents: Incidents{Restore: des.LognormalDist(float64(week), float64(week)/2), Stage: 0, People: 1, Penalty: 2},
		Market:    Market{Switching: 0.75, Reconsider: 0.1, Sensitivity: 0.5, ValueHalfLife: 6, DelayHalfLife: 26, Experience: 3},
		Competitors: []Competitor{
			{Name: "Initech", Share: 0.35, Experience: 3, ReleaseEvery: 2, Growth: 0.2},
			{Name: "Globex", Share: 0.25, Experience: 2.5, ReleaseEvery: 1, Growth: 0.05},
		},
		Investments: []Investment{
			{ID: "ci", Name: "CI", Cost: 50000, WeeklyCost: 1000, BuildTime: 3 * week, DrainStage: 0, DrainPeople: 2,
				Effects: []Effect{{Stage: 1, SetsCapacity: true, Capacity: Unlimited, Service: 0.1}}},
			{ID: "tests", Name: "Test automation", Cost: 60000, BuildTime: 4 * week, DrainStage: 0, DrainPeople: 1, Requires: []int{0},
				Effects: []Effect{{Stage: -1, Coverage: 0.8}}},
			{ID: "cd", Name: "Continuous delivery", Cost: 40000, BuildTime: 2 * week, DrainStage: -1, Requires: []int{1},
				Effects: []Effect{{Stage: 3, SetsBatch: true, Batch: 0}, {Stage: -1, Parity: 0.8}}},
			{ID: "mvp", Name: "MVP slicing", Cost: 10000, BuildTime: week, DrainStage: -1,
				Effects: []Effect{{Stage: -1, Slicing: true}}},
			{ID: "yacht", Name: "A yacht", Cost: 5000000, BuildTime: week, DrainStage: -1, Effects: []Effect{{Stage: -1, Money: 1}}},
		},
		Events: []Event{
			{ID: "leaver", Text: "A developer leaves.", Week: 3, Once: true, Duration: 4, Effects: []Effect{{Stage: 0, AddCapacity: -1}}, Competitor: -1, Work: -1},
			{ID: "patches", Text: "A security patch surge.", Probability: 0.2, Competitor: -1, Work: 1, WorkCount: 3},
			{ID: "launch", Text: "Initech launches an app.", Week: 5, Once: true, Competitor: 0, CompetitorBoost: 1, Work: -1},
		},
		Slicing: Slicing{Work: []int{0}, Slices: 3, Drop: 0.7},
	}
}

func TestInvestmentLifecycle(t *testing.T) {
	g := NewGame(gameScenario(), 1, 0)
	cash := g.Cash()
	if err := g.Apply(Decision{Kind: Invest, Investment: "tests"}); err == nil || !strings.Contains(err.Error(), "needs CI first") {
		t.Fatalf("prerequisite: %v", err)
	}
	if err := g.Apply(Decision{Kind: Invest, Investment: "yacht"}); err == nil || !strings.Contains(err.Error(), "costs $5,000,000 and there is $500,000") {
		t.Fatalf("unaffordable: %v", err)
	}
	if err := g.Apply(Decision{Kind: Invest, Investment: "nope"}); err == nil || !strings.Contains(err.Error(), `no investment called "nope"`) {
		t.Fatalf("unknown: %v", err)
	}
	if err := g.Apply(Decision{Kind: Invest, Investment: "ci"}); err != nil {
		t.Fatal(err)
	}
	if g.Cash() != cash-50000 {
		t.Fatalf("cash %d after paying 50,000 from %d", g.Cash(), cash)
	}
	// Nobody is pulled off: dev gives half its time to CI, so its feature
	// work takes twice as long.
	if got, scale := g.sim.stages[0].capacity, g.sim.stages[0].scale; got != 4 || scale != 2 {
		t.Fatalf("while CI is built dev has %d servers at scale %v, want 4 at 2", got, scale)
	}
	if err := g.Apply(Decision{Kind: Invest, Investment: "ci"}); err == nil || !strings.Contains(err.Error(), "already being built; ready in about week 3 at today's improvement time") {
		t.Fatalf("twice: %v", err)
	}
	if err := g.Apply(Decision{Kind: Invest, Investment: "tests"}); err == nil || !strings.Contains(err.Error(), "which will be ready in about week 3") {
		t.Fatalf("prerequisite being built: %v", err)
	}
	// 6 person-weeks at 2 a week, but a developer leaves in week 3 (4 left
	// after two weeks, 1.5 a week from then): done in week 4.
	for range 3 {
		g.AdvanceWeek()
	}
	if g.Invested("ci") {
		t.Fatal("CI done after 3 weeks with a developer gone in week 3")
	}
	g.AdvanceWeek()
	if !g.Invested("ci") || !g.sim.stages[1].unlimited || g.sim.stages[0].capacity < 3 || g.sim.stages[0].scale != 1 {
		t.Fatalf("after 4 weeks: done %v, build unlimited %v, dev servers %d at scale %v", g.Invested("ci"), g.sim.stages[1].unlimited, g.sim.stages[0].capacity, g.sim.stages[0].scale)
	}
	if g.scale[1] != 0.1 {
		t.Fatalf("build service scale %v", g.scale[1])
	}
	st := g.Investments()
	if st[0].State != Built || st[1].State != Available || st[4].State != Locked || st[4].Lock.Kind == Unlocked || st[4].Lock.Error() == "" {
		t.Fatalf("statuses: %+v", st)
	}
	if len(g.Log()) != 1 || g.Log()[0].Week != 1 || !strings.Contains(g.Log()[0].Text, "Started CI") {
		t.Fatalf("log: %+v", g.Log())
	}
}

func TestDecisionsSayWhyNot(t *testing.T) {
	g := NewGame(gameScenario(), 1, 0)
	for _, c := range []struct {
		d    Decision
		want string
	}{
		{Decision{Kind: SetSlicing, N: 3}, "slicing features needs MVP slicing first"},
		{Decision{Kind: SetReleaseCadence, Every: 0}, "needs Continuous delivery"},
		{Decision{Kind: SetReleaseCadence, Every: 60}, "more often than once a day"},
		{Decision{Kind: SetReleaseCadence, Every: 4 * 2400}, "already leaves every 4 weeks"},
		{Decision{Kind: Hire, Stage: "release", N: 1}, "automated"},
		{Decision{Kind: Hire, Stage: "qa", N: -2}, "has 2 people; it cannot go below one"},
		{Decision{Kind: Hire, Stage: "qa", N: 1000}, "costs $5,000,000"},
		{Decision{Kind: Hire, Stage: "nowhere", N: 1}, `no stage called "nowhere"`},
		{Decision{Kind: SetWIPLimit, Stage: "qa", N: -1}, "cannot be negative"},
	} {
		if err := g.Apply(c.d); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: got %v, want %q", c.d, err, c.want)
		}
	}
	if len(g.Log()) != 0 {
		t.Fatalf("refused decisions were logged: %+v", g.Log())
	}
	if err := g.Apply(Decision{Kind: SetReleaseCadence, Every: 2400}); err != nil {
		t.Fatal(err)
	}
	if err := g.Apply(Decision{Kind: Hire, Stage: "qa", N: 1}); err != nil {
		t.Fatal(err)
	}
	if err := g.Apply(Decision{Kind: SetWIPLimit, Stage: "qa", N: 4}); err != nil {
		t.Fatal(err)
	}
	if g.people[2] != 2 {
		t.Fatal("a hire added capacity before ramping up")
	}
	for range 4 {
		g.AdvanceWeek()
	}
	if g.people[2] != 3 {
		t.Fatalf("after ramp-up QA has %d people, want 3", g.people[2])
	}
}

// Big batches fail more: a deployment fails if any change in it is bad.
func TestDeploymentsIncidentsAndDORA(t *testing.T) {
	sc := gameScenario()
	sc.Quality.DefectRate = 0.3
	g := NewGame(sc, 2, 0)
	// 13 weeks: the release of week 12 goes out as the week ends, and a
	// deployment counts once it is complete.
	for range 13 {
		g.AdvanceWeek()
	}
	d := g.DORA()
	if len(g.dora.deploys) < 2 {
		t.Fatalf("%d deployments in 12 weeks of a 4-week train", len(g.dora.deploys))
	}
	for _, dep := range g.dora.deploys {
		if dep.Changes < 3 {
			t.Fatalf("a release-train deployment with %d changes", dep.Changes)
		}
	}
	if cfr, ok := d.ChangeFailureRate.Get(); !ok || cfr < 0.5 || len(g.dora.incidents) == 0 {
		t.Fatalf("CFR %v with %d incidents; big risky batches should fail", d.ChangeFailureRate, len(g.dora.incidents))
	}
	// A 4-week train is 13 releases a year: the medium band for frequency;
	// but every release breaks something, so the team is low overall.
	if d.DeployBand != Medium || d.FailureBand != Low || d.OverallBand != Low {
		t.Fatalf("4-weekly releases that all fail: bands %+v", d)
	}
	r := g.Result()
	var deploys, incidents int
	for _, w := range r.Weekly {
		deploys += w.Deploys
		incidents += w.Incidents
	}
	if deploys != len(g.dora.deploys) || incidents != len(g.dora.incidents) || r.Summary.Incidents != incidents {
		t.Fatalf("weekly deploys %d / incidents %d, log %d / %d", deploys, incidents, len(g.dora.deploys), len(g.dora.incidents))
	}
}

func TestEventsAreTheSameWhateverTheDecisions(t *testing.T) {
	logs := func(decide bool) (events, arrivals []string) {
		g := NewGame(gameScenario(), 5, 0)
		arr := &arrivals
		g.sim.hooks.arrived = func(id int32) { // before the game hears of it
			it := &g.sim.items[id]
			*arr = append(*arr, itoa(int(it.Arrived))+"/"+itoa(it.Work))
		}
		for w := 1; !func() bool { _, over := g.Over(); return over }(); w++ {
			if decide && w == 2 {
				g.Apply(Decision{Kind: Invest, Investment: "ci"})
				g.Apply(Decision{Kind: Invest, Investment: "mvp"})
			}
			if decide && w == 4 {
				g.Apply(Decision{Kind: SetSlicing, N: 3})
				g.Apply(Decision{Kind: SetReleaseCadence, Every: 2400})
			}
			g.AdvanceWeek()
		}
		for _, e := range g.Events() {
			events = append(events, itoa(e.Week)+":"+e.ID)
		}
		return events, arrivals
	}
	e1, a1 := logs(false)
	e2, a2 := logs(true)
	if strings.Join(e1, ",") != strings.Join(e2, ",") {
		t.Fatalf("events differ:\n%v\n%v", e1, e2)
	}
	if strings.Join(a1, ",") != strings.Join(a2, ",") {
		t.Fatal("arrivals differ between a passive game and an active one")
	}
	if len(e1) < 3 {
		t.Fatalf("only %d events fired: %v", len(e1), e1)
	}
}

func TestTemporaryEventEnds(t *testing.T) {
	g := NewGame(gameScenario(), 1, 0)
	g.AdvanceWeek()
	g.AdvanceWeek()
	if g.people[0] != 3 {
		t.Fatalf("week 3: dev has %d people after the leaver event, want 3", g.people[0])
	}
	for range 4 {
		g.AdvanceWeek()
	}
	if g.people[0] != 4 {
		t.Fatalf("week 7: dev has %d people; the leaver's replacement should be back", g.people[0])
	}
	if g.rivals[0].experience < 4 {
		t.Fatalf("Initech's launch did not lift its experience: %v", g.rivals[0].experience)
	}
}

// With slicing and fast releases, low-value features are found out after
// their first slice, and the slices nobody started are dropped.
func TestSlicingDropsLowValueWork(t *testing.T) {
	sc := gameScenario()
	sc.Stages[3].BatchEvery = 0 // release on demand
	sc.Production.Release = -1
	g := NewGame(sc, 3, 0)
	g.slicingEnabled = true
	if err := g.Apply(Decision{Kind: SetSlicing, N: 3}); err != nil {
		t.Fatal(err)
	}
	for range 20 {
		g.AdvanceWeek()
	}
	if g.droppedSlices == 0 || g.WorkSaved() <= 0 {
		t.Fatalf("no slices dropped (%d), %v hours saved", g.droppedSlices, g.WorkSaved())
	}
	r := g.Result()
	inSystem := 0
	for i := range g.sim.items {
		if g.sim.items[i].live && g.sim.items[i].Work >= 0 {
			inSystem++
		}
	}
	if r.Summary.Arrived != r.Summary.Completed+inSystem+g.sim.stats.dropped || r.Summary.WIPEnd != inSystem {
		t.Fatalf("arrived %d != completed %d + in system %d + dropped %d", r.Summary.Arrived, r.Summary.Completed, inSystem, g.sim.stats.dropped)
	}
}

func TestMarketAndMoney(t *testing.T) {
	g := NewGame(gameScenario(), 1, 0)
	total := func() float64 {
		s := g.share
		for _, r := range g.rivals {
			s += r.share
		}
		return s
	}
	for range 10 {
		g.AdvanceWeek()
		if d := total() - 1; d > 1e-9 || d < -1e-9 {
			t.Fatalf("shares add up to %v", total())
		}
	}
	r := g.Result()
	if r.Weekly[9].MarketShare != round4(g.share) || r.Weekly[9].Budget != g.Cash() {
		t.Fatalf("weekly row %+v; share %v cash %v", r.Weekly[9], g.share, g.Cash())
	}
	if len(r.Competitors) != 2 || len(r.Competitors[0].Weekly) != 10 {
		t.Fatalf("competitors %+v", r.Competitors)
	}
}

func TestGameEnds(t *testing.T) {
	sc := gameScenario()
	sc.Company.Budget = 0
	sc.Company.RevenuePerWeek = 0 // salaries with no income: out of money in week 1
	g := NewGame(sc, 1, 0)
	g.Play(nil)
	out, over := g.Over()
	if !over || out.Won || out.Week != 1 || !strings.Contains(out.Reason, "Out of money") {
		t.Fatalf("outcome %+v", out)
	}
	if err := g.Apply(Decision{Kind: Invest, Investment: "ci"}); err == nil {
		t.Fatal("a decision was accepted after the game ended")
	}
	g2 := NewGame(gameScenario(), 1, 6)
	g2.Play(nil)
	out, _ = g2.Over()
	if out.Week != 6 || g2.Week() != 6 {
		t.Fatalf("a 6-week game ended in week %d (played %d)", out.Week, g2.Week())
	}
}

func TestReplayIsExact(t *testing.T) {
	g := NewGame(gameScenario(), 4, 0)
	g.Apply(Decision{Kind: Invest, Investment: "ci"})
	g.RunUntil(g.Now() + 3000)
	g.Apply(Decision{Kind: SetWIPLimit, Stage: "qa", N: 3}) // mid-week
	g.AdvanceWeek()
	g.AdvanceWeek()
	g.Apply(Decision{Kind: Invest, Investment: "mvp"})
	for range 6 {
		g.AdvanceWeek()
	}
	r, err := Replay(gameScenario(), 4, 0, g.Log(), g.Now())
	if err != nil {
		t.Fatal(err)
	}
	a, b := g.Result(), r.Result()
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatal("a replayed game differs from the original")
	}
	if _, err := Replay(gameScenario(), 4, 0, append(g.Log(), g.Log()[0]), g.Now()+1); err == nil {
		t.Fatal("a log with the same investment twice replayed without error")
	}
}

func TestImpactsAndBottleneck(t *testing.T) {
	g := NewGame(gameScenario(), 2, 0)
	g.Apply(Decision{Kind: Invest, Investment: "ci"})
	g.Apply(Decision{Kind: Hire, Stage: "dev", N: 1})
	g.Play(nil)
	im := g.Impacts()
	if len(im) != 2 {
		t.Fatalf("%d impacts for 2 decisions", len(im))
	}
	if im[0].Score < im[1].Score {
		t.Fatal("impacts are not ranked")
	}
	b := g.Bottleneck(8)
	if b.Stage < 0 || b.Why == "" || b.Share <= 0 || b.Share > 1 {
		t.Fatalf("bottleneck %+v", b)
	}
}

func TestLessonTriggersAndTasks(t *testing.T) {
	g := NewGame(gameScenario(), 1, 0)
	lessons := []Lesson{
		{ID: "start", When: Trigger{Kind: AfterWeek, Week: 0}, Task: Task{Kind: PlayWeeks, Weeks: 2}},
		{ID: "busy", When: Trigger{Kind: BusyAtLeast, Stage: 0, Share: 0.01}, Task: Task{Kind: Invest, Investment: "ci"}},
		{ID: "built", When: Trigger{Kind: InvestmentBuilt, Investment: 0}},
		{ID: "queue", When: Trigger{Kind: QueueAtLeast, Stage: 3, Items: 1000}},
		{ID: "deployed", When: Trigger{Kind: DeployedAtLeast, Deploys: 1}, Task: Task{Kind: SetReleaseCadence}},
	}
	if !g.LessonStarts(&lessons[0]) || g.LessonDone(&lessons[0], 0, 0) {
		t.Fatal("week 0: the first lesson should start and not be done")
	}
	if g.LessonStarts(&lessons[1]) || g.LessonStarts(&lessons[2]) || g.LessonStarts(&lessons[4]) {
		t.Fatal("lessons started before anything happened")
	}
	g.AdvanceWeek()
	g.AdvanceWeek()
	if !g.LessonDone(&lessons[0], 0, 0) || !g.LessonStarts(&lessons[1]) {
		t.Fatal("after two weeks: the play task is done and dev is busy")
	}
	logLen := len(g.Log())
	if g.LessonDone(&lessons[1], logLen, 2) {
		t.Fatal("the invest task is done before investing")
	}
	g.Apply(Decision{Kind: Invest, Investment: "mvp"})
	if g.LessonDone(&lessons[1], logLen, 2) {
		t.Fatal("buying another investment did the task")
	}
	g.Apply(Decision{Kind: Invest, Investment: "ci"})
	if !g.LessonDone(&lessons[1], logLen, 2) {
		t.Fatal("buying CI did not do the task")
	}
	for range 4 {
		g.AdvanceWeek()
	}
	if !g.LessonStarts(&lessons[2]) || !g.LessonStarts(&lessons[4]) || g.LessonStarts(&lessons[3]) {
		t.Fatal("after 6 weeks CI is built and a release went out; no queue of 1000")
	}
}

func TestStop(t *testing.T) {
	g := NewGame(gameScenario(), 1, 0)
	for range 5 {
		g.AdvanceWeek()
	}
	g.Stop("The facilitator ended the round in week 5.")
	out, over := g.Over()
	if !over || out.Week != 5 || !strings.HasPrefix(out.Reason, "The facilitator ended the round in week 5. tiny co holds") {
		t.Fatalf("%+v", out)
	}
	if out.Won != (g.Share() >= 0.4) {
		t.Fatalf("won %v with share %v", out.Won, g.Share())
	}
	before := g.Now()
	g.AdvanceWeek()
	if g.Now() != before {
		t.Fatal("a stopped game moved")
	}
}

// A lesson on an investment built that comes a week or more after it was
// built (a lesson before it was still open) says when it was ready; one
// that comes the week it was built says nothing more.
func TestLessonLateSaysWhen(t *testing.T) {
	built := Lesson{ID: "built", When: Trigger{Kind: InvestmentBuilt, Investment: 0}}
	for _, wait := range []int{0, 8} {
		g := NewGame(gameScenario(), 1, 0)
		c := Course{Lessons: []Lesson{{ID: "wait", Task: Task{Kind: PlayWeeks, Weeks: wait}}, built}}
		g.Apply(Decision{Kind: Invest, Investment: "ci"})
		for c.Next < 1 || !c.Started {
			c.Check(g, false)
			if c.Next < 1 || !c.Started {
				g.AdvanceWeek()
			}
		}
		var ready int
		for _, n := range g.News() {
			if n.Text == g.Scenario().Investments[0].Name+" is done." {
				ready = n.Week
			}
		}
		late := c.Late(g)
		switch want := fmt.Sprintf("%s was ready in week %d.", g.Scenario().Investments[0].Name, ready); {
		case ready == 0:
			t.Fatalf("wait %d: not built by week %d", wait, g.Week())
		case g.Week() == ready && late != "":
			t.Errorf("wait %d: the lesson came the week it was built (%d) and says %q", wait, ready, late)
		case g.Week() > ready && late != want:
			t.Errorf("wait %d: the lesson came after week %d, built in week %d, and says %q, want %q", wait, g.Week(), ready, late, want)
		case g.Week() < ready:
			t.Errorf("wait %d: the lesson came after week %d, before it was built (week %d)", wait, g.Week(), ready)
		}
		if wait > 0 && g.Week() == ready {
			t.Errorf("wait %d: built in week %d, the lesson was not late as the test needs", wait, ready)
		}
	}
}

// Each impact records how the game replayed without its decision came out
// (won or lost, the week, the share), as a replay of the log without it
// does.
func TestImpactsSayHowTheGameEndsWithout(t *testing.T) {
	g := NewGame(gameScenario(), 2, 0)
	g.Apply(Decision{Kind: Invest, Investment: "ci"})
	g.Apply(Decision{Kind: Hire, Stage: "dev", N: 1})
	g.Play(nil)
	outcomes := map[bool]int{}
	for _, im := range g.Impacts() {
		w := im.Without
		if w == nil || im.Score != g.Score()-w.Score || !w.Ended {
			t.Fatalf("impact %+v: without %+v", im, w)
		}
		log := slices.DeleteFunc(slices.Clone(g.Log()), func(d LoggedDecision) bool { return d.At == im.Decision.At && d.Decision == im.Decision.Decision })
		h, err := Replay(gameScenario(), 2, 0, log, g.Now())
		if err != nil {
			t.Fatal(err)
		}
		out, over := h.Over()
		if !over || out.Won != w.Won || out.Week != w.Week || h.Share() != w.MarketShare || h.Score() != w.Score {
			t.Errorf("without %q: recorded %+v, replayed over %v %+v, share %v, score %d", im.Decision.Text, *w, over, out, h.Share(), h.Score())
		}
		outcomes[w.Won]++
	}
	t.Logf("replays won/lost: %v", outcomes)
}
