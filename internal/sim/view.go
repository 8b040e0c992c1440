package sim

// What a screen shows about the game now. These read the state; they never
// change it.

// StageView is a stage as the value stream map and the stage detail show it.
type StageView struct {
	ID, Name  string
	Unlimited bool // automated: no limit on parallel work
	People    int  // employed on the stage (staffed stages)
	Away      int  // of them, away now: firefighting, events
	Servers   int  // people working the queue now
	// Learning is people hired and paid but not yet up to speed (not in
	// People); LearningBy is the week, as the header counts it, by which
	// the last of them is (0 when none is learning).
	Learning, LearningBy int
	Busy                 int // items in service
	Queue                int // items waiting for a server (outside requests included)
	Outside              int // of the queue, jobs from outside the value stream
	// Regression is, of Outside, the release's regression runs (the rest
	// are requests from other teams).
	Regression int
	Held       int // finished, waiting for the batch (release train)
	// WaitingNowHours is the mean time the value-stream work waiting here
	// now (queued, or held for the batch) has waited so far; 0 when none.
	WaitingNowHours float64
	Blocked         int // finished upstream, waiting for room here (WIP limit)
	Backlog         int // new work waiting for room here (WIP limit)
	WIPLimit        int // 0: none
	// BatchEvery is the time between batch releases, 0 when there is no
	// batch.
	BatchEvery Time
	// ServiceHours is how long a piece of work of size 1 takes in service
	// here now, on average: the stage's service time, as investments,
	// improvement time and the regression suite have changed it.
	ServiceHours float64
	// Rework is the share of the work finished here that is sent back now,
	// to the stage ReworkTo (an index; -1 when none is).
	Rework   float64
	ReworkTo int
	// Requests reports whether other teams send requests here now.
	Requests bool
	// Whole game so far.
	Utilization float64
	WaitHours   float64 // mean wait for a free person, of the visits started
	// HeldHours is how long the work that left with a batch was held for
	// it, on average; 0 before any has.
	HeldHours float64
	Waits     WaitHistogram
	Weekly    []StageWeek
	// Building lists the investments in progress with improvement work left
	// for this team.
	Building []string
}

// Stages returns every stage in flow order.
func (g *Game) Stages() []StageView {
	s := g.sim
	out := make([]StageView, len(s.stages))
	for i := range s.stages {
		st := &s.stages[i]
		spec := &g.sc.Stages[i]
		st.touch(s.k.Now())
		v := StageView{
			ID: spec.ID, Name: spec.Label(),
			Unlimited: st.unlimited,
			People:    g.people[i], Away: g.away[i], Servers: st.capacity,
			Busy: st.busy, Queue: st.queue.len(), Held: len(st.held),
			Blocked: st.blocked.len(), Backlog: st.backlog.len(), WIPLimit: st.wipLimit,
			BatchEvery:   st.batchEvery,
			WaitHours:    round3(ratio(st.waitSum, int64(st.started)) / float64(Hour)),
			HeldHours:    round3(ratio(st.heldSum, int64(st.releasedN)) / float64(Hour)),
			ServiceHours: round3(float64(spec.Service.Mean()*st.scale) / 60),
			Rework:       st.reworkProb, ReworkTo: -1,
			Requests: spec.HasBackground && st.bgScale > 0,
			Waits:    st.waits,
			Weekly:   st.weeks,
		}
		if st.reworkProb > 0 {
			v.ReworkTo = st.reworkTo
		}
		for _, h := range g.hiring {
			if h.stage == i && !h.ready {
				v.Learning += h.n
				v.LearningBy = max(v.LearningBy, g.weekOf(h.at))
			}
		}
		if st.capArea > 0 {
			v.Utilization = round3(ratio(st.busyArea, st.capArea))
		}
		if m, n := s.waitingNow(i); n > 0 {
			v.WaitingNowHours = round3(ratio(m, int64(n)) / float64(Hour))
		}
		for j := 0; j < st.queue.len(); j++ {
			if it := &s.items[st.queue.at(j)]; it.Work < 0 {
				v.Outside++
				if it.duration >= 0 { // a fixed run: the release's regression
					v.Regression++
				}
			}
		}
		for j := range g.sc.Investments {
			if g.partOn(j, i) >= 0 {
				v.Building = append(v.Building, g.sc.Investments[j].Name)
			}
		}
		out[i] = v
	}
	return out
}

// Holding is how many people hold work here now: those working the queue
// and those called away (or let go) who are still finishing the item they
// had, as work in service is not dropped; Busy is never more than it.
func (v StageView) Holding() int {
	return max(v.Servers, v.Busy)
}

// Recent averages one of the stage's weekly numbers over its last weeks
// weekly rows (all of them when weeks <= 0); with no week played yet it
// returns none.
func (v StageView) Recent(weeks int, of func(StageWeek) float64, none float64) float64 {
	if len(v.Weekly) == 0 {
		return none
	}
	from := 0
	if weeks > 0 {
		from = max(len(v.Weekly)-weeks, 0)
	}
	var sum float64
	for _, w := range v.Weekly[from:] {
		sum += of(w)
	}
	return sum / float64(len(v.Weekly)-from)
}

// RecentUtilization is how busy the stage was over the last RecentWeeks.
func (v StageView) RecentUtilization() float64 {
	return v.Recent(RecentWeeks, func(w StageWeek) float64 { return w.Utilization }, v.Utilization)
}

// RecentWait is the mean queue wait at the stage over the last RecentWeeks.
func (v StageView) RecentWait() float64 {
	return v.Recent(RecentWeeks, func(w StageWeek) float64 { return w.WaitHours }, v.WaitHours)
}

// OpenIncidents is the number of outages not yet fixed.
func (g *Game) OpenIncidents() int { return g.openIncidents }

// Coverage and Parity are the current test coverage and environment parity.
func (g *Game) Coverage() float64 { return g.coverage }

// Parity is how closely test environments match production now.
func (g *Game) Parity() float64 { return g.parity }

// SlicingEnabled reports whether MVP slicing can be chosen.
func (g *Game) SlicingEnabled() bool { return g.slicingEnabled }
