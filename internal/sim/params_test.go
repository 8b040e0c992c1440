package sim

import (
	"fmt"
	"slices"
	"testing"

	"github.com/globomantics/globosim/internal/sim/des"
)

func lineScenario() *Scenario {
	return &Scenario{
		Name: "line", HoursPerWeek: 40,
		Work: []WorkType{
			{ID: "a", Arrival: des.ExpDist(100), Size: des.LognormalDist(1, 0.5), Route: []int{0, 1, 2}},
			{ID: "b", Arrival: des.ExpDist(250), Size: des.Fixed(0.5), Route: []int{0, 2}},
		},
		Stages: []Stage{
			{ID: "dev", Capacity: 3, Service: des.ExpDist(200)},
			{ID: "build", Capacity: 1, Service: des.ExpDist(60)},
			{ID: "qa", Capacity: 2, Service: des.LognormalDist(120, 80), ReworkProb: 0.2, ReworkTo: 2},
		},
	}
}

// arrivalLog records every arrival: its work type, time and size.
func arrivalLog(s *Sim) *[]string {
	log := &[]string{}
	s.hooks.arrived = func(id int32) {
		it := &s.items[id]
		*log = append(*log, fmt.Sprintf("%d@%d:%v", it.Work, it.Arrived, it.Size))
	}
	return log
}

// Changing one stage must not change the random numbers any other source
// sees: the arrivals stay the same, and so do the first stage's service
// times.
func TestChangingOneStageKeepsOtherStreams(t *testing.T) {
	base := lineScenario()
	changed := lineScenario()
	changed.Stages[2].Service = des.ExpDist(30)
	changed.Stages[2].ReworkProb = 0.5
	changed.Stages[1].Capacity = 4

	run := func(sc *Scenario) (arrivals []string, devService []Time) {
		s := New(sc, 9)
		log := arrivalLog(s)
		// Record dev's service times in the order dev finishes them, which
		// depends only on the arrivals and dev's own stream.
		// The second visit is never dev's (no rework goes back there), and
		// when it starts dev's is the only service the item has had.
		s.hooks.enteredStage = func(id int32, stage int) {
			if it := &s.items[id]; it.step == 1 && it.Reworks == 0 && stage != 0 {
				devService = append(devService, it.Touch)
			}
		}
		s.RunUntil(20 * s.sc.Week())
		return *log, devService
	}
	a1, d1 := run(base)
	a2, d2 := run(changed)
	if !slices.Equal(a1, a2) {
		t.Fatal("changing the build and QA stages changed the arrivals")
	}
	if len(a1) < 400 || len(d1) < 400 {
		t.Fatalf("only %d arrivals, %d dev services", len(a1), len(d1))
	}
	if !slices.Equal(d1, d2) {
		for i := range min(len(d1), len(d2)) {
			if d1[i] != d2[i] {
				t.Logf("first difference at %d of %d/%d: %d vs %d", i, len(d1), len(d2), d1[i], d2[i])
				break
			}
		}
		t.Fatal("changing the build and QA stages changed development's service times")
	}
}

// checkStages verifies the bookkeeping of every stage at the current time.
func checkStages(t *testing.T, s *Sim) {
	t.Helper()
	inside := make([]int, len(s.stages))
	for i := range s.items {
		it := &s.items[i]
		if !it.live {
			continue
		}
		if it.Work >= 0 && it.stage >= 0 {
			inside[it.stage]++
		}
	}
	for i := range s.stages {
		st := &s.stages[i]
		if st.inside != inside[i] {
			t.Fatalf("t=%d stage %d: inside counter %d, items there %d", s.Now(), i, st.inside, inside[i])
		}
		if st.wipLimit > 0 && st.inside > st.wipLimit {
			t.Fatalf("t=%d stage %d: %d items over the WIP limit %d", s.Now(), i, st.inside, st.wipLimit)
		}
		// A free server never leaves work waiting. (Busy may exceed
		// capacity for a while after a cut; nothing new starts then.)
		if !st.unlimited && st.busy < st.capacity && st.queue.len() > 0 {
			t.Fatalf("t=%d stage %d: a free server and a queue", s.Now(), i)
		}
		if st.busy < 0 {
			t.Fatalf("stage %d: busy %d", i, st.busy)
		}
	}
}

// A WIP limit caps the items at a stage; the stage before it holds finished
// work (blocking), and new work waits in a backlog before a limited first
// stage. Nothing is lost.
func TestWIPLimitBlocksUpstream(t *testing.T) {
	sc := lineScenario()
	s := New(sc, 3)
	s.setWIPLimit(2, 3) // QA: at most 3 items
	s.setWIPLimit(0, 4) // dev: at most 4 items, the rest in the backlog
	blockedSeen, backlogSeen := false, false
	for range 30000 {
		if !s.k.Step() {
			break
		}
		checkStages(t, s)
		blockedSeen = blockedSeen || s.stages[2].blocked.len() > 0
		backlogSeen = backlogSeen || s.stages[0].backlog.len() > 0
	}
	if !blockedSeen || !backlogSeen {
		t.Fatalf("limits never bit: blocked %v, backlog %v", blockedSeen, backlogSeen)
	}
	r := s.Result()
	inQueues := 0
	for i := range s.items {
		if s.items[i].live && s.items[i].Work >= 0 {
			inQueues++
		}
	}
	if r.Summary.Arrived != r.Summary.Completed+inQueues || r.Summary.WIPEnd != inQueues {
		t.Fatalf("arrived %d, completed %d, in the system %d (WIP %d)", r.Summary.Arrived, r.Summary.Completed, inQueues, r.Summary.WIPEnd)
	}
	// Lifting the limits lets everything waiting move at once.
	s.setWIPLimit(2, 0)
	s.setWIPLimit(0, 0)
	if s.stages[2].blocked.len() != 0 || s.stages[0].backlog.len() != 0 {
		t.Fatal("lifting the WIP limits left work waiting")
	}
	checkStages(t, s)
}

func TestBatchCadenceChanges(t *testing.T) {
	sc := lineScenario()
	sc.Stages = append(sc.Stages, Stage{ID: "release", Capacity: Unlimited, Service: des.Fixed(0), BatchEvery: 4 * 2400})
	for w := range sc.Work {
		sc.Work[w].Route = append(sc.Work[w].Route, 3)
	}
	s := New(sc, 1)
	releases := 0
	s.hooks.released = func(stage, n int) { releases++ }
	s.RunUntil(6 * 2400)
	if releases != 1 {
		t.Fatalf("%d releases in 6 weeks of a 4-week train", releases)
	}
	s.setBatch(3, 2400) // weekly from now
	s.RunUntil(10 * 2400)
	if releases != 5 {
		t.Fatalf("%d releases after 4 weekly ones, want 5", releases)
	}
	if len(s.stages[3].held) == 0 {
		s.RunUntil(s.Now() + 600)
	}
	held := len(s.stages[3].held)
	s.setBatch(3, 0) // continuous delivery: everything held goes now
	if len(s.stages[3].held) != 0 || held == 0 {
		t.Fatalf("turning batching off left %d of %d held", len(s.stages[3].held), held)
	}
	before := s.stats.completed
	s.RunUntil(s.Now() + 2400)
	if s.stats.completed == before {
		t.Fatal("nothing completed after batching was turned off")
	}
}

// People away and hires change a stage's servers; with everyone away
// nobody works the queue (a one-person stage whose person is away stops).
func TestStaffing(t *testing.T) {
	s := New(lineScenario(), 1)
	s.setPeople(0, 3, 2)
	if s.stages[0].capacity != 1 {
		t.Fatalf("3 people with 2 away: %d servers", s.stages[0].capacity)
	}
	s.setPeople(0, 3, 5)
	if s.stages[0].capacity != 0 {
		t.Fatalf("everyone away: %d servers, want none", s.stages[0].capacity)
	}
	s.RunUntil(2400) // what was in service finishes; then nothing starts
	started := s.stages[0].started
	s.RunUntil(4 * 2400)
	if s.stages[0].started != started || s.stages[0].queue.len() == 0 {
		t.Fatalf("everyone away: %d items started meanwhile, %d waiting", s.stages[0].started-started, s.stages[0].queue.len())
	}
	s.setPeople(0, 6, 0)
	s.RunUntil(8 * 2400)
	checkStages(t, s)
	for _, st := range s.Result().Stages {
		if st.Utilization < 0 || st.Utilization > 1 {
			t.Fatalf("%s utilisation %v", st.ID, st.Utilization)
		}
	}
	s.setUnlimited(1)
	s.RunUntil(9 * 2400)
	if s.stages[1].queue.len() != 0 {
		t.Fatal("an unlimited stage has a queue")
	}
}

func TestOutsideLoadCanStopAndRestart(t *testing.T) {
	sc := lineScenario()
	sc.Stages[1].HasBackground, sc.Stages[1].Background = true, des.ExpDist(120)
	s := New(sc, 1)
	s.RunUntil(2400)
	s.setBackground(1, 0)
	s.RunUntil(3 * 2400) // the pending request arrives, then no more
	outside := func() int {
		n := 0
		for i := range s.items {
			if s.items[i].live && s.items[i].Work < 0 {
				n++
			}
		}
		return n
	}
	if n := outside(); n != 0 {
		t.Fatalf("%d outside requests after stopping them", n)
	}
	s.setBackground(1, 2)
	s.RunUntil(4 * 2400)
	if s.sources[len(s.sources)-1].next == 0 {
		t.Fatal("outside requests did not restart")
	}
}
