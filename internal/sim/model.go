package sim

import "fmt"

// Sim runs one scenario with one seed: work items arrive, queue at stages,
// are served, sometimes sent back for rework, wait for a batch, and leave.
// It is driven from outside with RunUntil (or AdvanceWeek) and read with
// Result at any time.
type Sim struct {
	sc     *Scenario
	seed   uint64
	k      Kernel
	week   Time
	bounds [len(WaitBucketLabels) - 1]Time // of the wait histograms

	stages   []stageState
	sources  []source
	routePos [][]int // routePos[work][stage] = position on the route, or -1

	items []Item
	free  []int32

	stats collector

	onArrive, onDone, onRelease Action
}

// Item is one piece of work moving through the value stream.
type Item struct {
	Work     int // index of its work type, or -1 for outside (background) work
	Size     float64
	Arrived  Time
	Finished Time
	Reworks  int
	Visits   []Visit // one per stage visit, rework visits included

	step  int // position on the route
	stage int // stage it is at
	live  bool
}

// Visit is an item's stay at one stage: when it joined the queue, when
// service started and finished, and when it left (after any batch wait).
// Times not reached yet are -1.
type Visit struct {
	Stage                       int
	Enter, Start, Finish, Leave Time
}

type stageState struct {
	capacity   int
	service    Dist
	reworkProb float64
	reworkTo   int
	batchEvery Time

	busy  int
	queue fifo
	held  []int32 // finished, waiting for the next batch release

	svc, rework *Stream
	stageStats
}

// source is an arrival process: a work type, or a stage's outside demand.
type source struct {
	work, stage int // stage is set for background sources (work == -1)
	between     Dist
	size        Dist
	arrivals    *Stream
	sizes       *Stream
}

// New prepares a run of the scenario with the given seed. Nothing happens
// until the simulation is advanced.
func New(sc *Scenario, seed uint64) *Sim {
	s := &Sim{sc: sc, seed: seed, week: sc.Week(), bounds: waitBounds(sc.Week())}
	s.onArrive, s.onDone, s.onRelease = s.arrive, s.serviceDone, s.release

	s.stages = make([]stageState, len(sc.Stages))
	for i := range sc.Stages {
		spec := &sc.Stages[i]
		st := &s.stages[i]
		st.capacity = spec.Capacity
		st.service = spec.Service
		st.reworkProb, st.reworkTo = spec.ReworkProb, spec.ReworkTo
		st.batchEvery = spec.BatchEvery
		st.svc = NewStream(seed, "stage/"+spec.ID+"/service")
		st.rework = NewStream(seed, "stage/"+spec.ID+"/rework")
		if st.batchEvery > 0 {
			s.mustSchedule(st.batchEvery, s.onRelease, i)
		}
	}

	s.routePos = make([][]int, len(sc.Work))
	for w := range sc.Work {
		wt := &sc.Work[w]
		pos := make([]int, len(sc.Stages))
		for i := range pos {
			pos[i] = -1
		}
		for p, st := range wt.Route {
			pos[st] = p
		}
		s.routePos[w] = pos
		s.sources = append(s.sources, source{
			work: w, between: wt.Arrival, size: wt.Size,
			arrivals: NewStream(seed, "work/"+wt.ID+"/arrivals"),
			sizes:    NewStream(seed, "work/"+wt.ID+"/size"),
		})
	}
	for i := range sc.Stages {
		if spec := &sc.Stages[i]; spec.HasBackground {
			s.sources = append(s.sources, source{
				work: -1, stage: i, between: spec.Background, size: Fixed(1),
				arrivals: NewStream(seed, "stage/"+spec.ID+"/background"),
			})
		}
	}
	for i := range s.sources {
		src := &s.sources[i]
		s.mustSchedule(minutes(src.between.Sample(src.arrivals)), s.onArrive, i)
	}
	return s
}

// Scenario returns the scenario being run.
func (s *Sim) Scenario() *Scenario { return s.sc }

// Seed returns the run's seed.
func (s *Sim) Seed() uint64 { return s.seed }

// Now reports the simulated time.
func (s *Sim) Now() Time { return s.k.Now() }

// Week reports how many whole weeks have been simulated.
func (s *Sim) Week() int { return len(s.stats.weeks) }

// RunUntil advances the simulation to time t, closing the weekly statistics
// at every week boundary it reaches. A week includes its last minute.
func (s *Sim) RunUntil(t Time) error {
	if t < s.k.Now() {
		return fmt.Errorf("sim: run until %d, but the time is already %d", t, s.k.Now())
	}
	for {
		end := Time(len(s.stats.weeks)+1) * s.week
		if end > t {
			break
		}
		s.runThrough(end)
		s.closeWeek()
	}
	return s.k.RunUntil(t)
}

// runThrough runs every event up to and including time end, so that what
// happens at the last minute of a week (a release train, say) counts in it.
func (s *Sim) runThrough(end Time) {
	for {
		at, ok := s.k.Peek()
		if !ok || at > end {
			break
		}
		s.k.Step()
	}
	_ = s.k.RunUntil(end) // only moves the clock; end is not in the past
}

// AdvanceWeek runs the simulation to the end of the current week.
func (s *Sim) AdvanceWeek() {
	end := Time(len(s.stats.weeks)+1) * s.week
	_ = s.RunUntil(end) // end is never in the past
}

func (s *Sim) mustSchedule(delay Time, a Action, arg int) EventID {
	id, err := s.k.Schedule(delay, a, arg)
	if err != nil {
		panic(err) // delays come from minutes(), which is never negative
	}
	return id
}

func (s *Sim) newItem() int32 {
	if n := len(s.free); n > 0 {
		id := s.free[n-1]
		s.free = s.free[:n-1]
		return id
	}
	s.items = append(s.items, Item{})
	return int32(len(s.items) - 1)
}

func (s *Sim) arrive(src int) {
	so := &s.sources[src]
	s.mustSchedule(minutes(so.between.Sample(so.arrivals)), s.onArrive, src)

	id := s.newItem()
	it := &s.items[id]
	*it = Item{Work: so.work, Size: 1, Arrived: s.k.now, Finished: -1, Visits: it.Visits[:0], live: true}
	if so.work < 0 {
		s.enter(id, so.stage)
		return
	}
	if so.size.Kind != Constant || so.size.A != 1 {
		it.Size = so.size.Sample(so.sizes)
	}
	s.stats.itemArrived(s.k.now)
	s.enter(id, s.sc.Work[so.work].Route[0])
}

func (s *Sim) enter(id int32, stage int) {
	it := &s.items[id]
	it.stage = stage
	if it.Work >= 0 {
		it.Visits = append(it.Visits, Visit{Stage: stage, Enter: s.k.now, Start: -1, Finish: -1, Leave: -1})
		s.stages[stage].entered++
	}
	st := &s.stages[stage]
	if st.capacity == Unlimited || st.busy < st.capacity {
		s.start(id, stage)
		return
	}
	st.touch(s.k.now)
	st.queue.push(id)
}

func (s *Sim) start(id int32, stage int) {
	st := &s.stages[stage]
	it := &s.items[id]
	st.touch(s.k.now)
	st.busy++
	if it.Work >= 0 {
		v := &it.Visits[len(it.Visits)-1]
		v.Start = s.k.now
		st.started++
		st.waitSum += int64(v.Start - v.Enter)
		st.waits.add(v.Start-v.Enter, &s.bounds)
	}
	d := st.service.Sample(st.svc)
	if it.Size != 1 {
		d = float64(d * it.Size)
	}
	s.mustSchedule(minutes(d), s.onDone, int(id))
}

func (s *Sim) serviceDone(arg int) {
	id := int32(arg)
	it := &s.items[id]
	stage := it.stage
	st := &s.stages[stage]
	st.touch(s.k.now)
	st.busy--
	s.pull(stage)

	if it.Work < 0 { // outside work just leaves
		s.release1(id)
		return
	}
	v := &it.Visits[len(it.Visits)-1]
	v.Finish = s.k.now
	st.completed++
	st.serviceSum += int64(v.Finish - v.Start)

	if st.reworkProb > 0 && st.rework.Bernoulli(st.reworkProb) {
		v.Leave = s.k.now
		it.Reworks++
		it.step = s.routePos[it.Work][st.reworkTo]
		s.enter(id, st.reworkTo)
		return
	}
	if st.batchEvery > 0 {
		st.held = append(st.held, id)
		return
	}
	s.advance(id)
}

// pull starts queued work while the stage has free servers.
func (s *Sim) pull(stage int) {
	st := &s.stages[stage]
	for st.queue.len() > 0 && (st.capacity == Unlimited || st.busy < st.capacity) {
		st.touch(s.k.now)
		s.start(st.queue.pop(), stage)
	}
}

// release lets every held item of a batching stage move on together.
func (s *Sim) release(stage int) {
	st := &s.stages[stage]
	if st.batchEvery > 0 {
		s.mustSchedule(st.batchEvery, s.onRelease, stage)
	}
	held := st.held
	st.held = st.held[:0]
	for _, id := range held {
		s.advance(id)
	}
}

// advance moves an item that is done at its stage to the next stage on its
// route, or out of the system.
func (s *Sim) advance(id int32) {
	it := &s.items[id]
	it.Visits[len(it.Visits)-1].Leave = s.k.now
	it.step++
	route := s.sc.Work[it.Work].Route
	if it.step < len(route) {
		s.enter(id, route[it.step])
		return
	}
	it.Finished = s.k.now
	s.stats.itemDone(it, s.k.now)
	s.release1(id)
}

func (s *Sim) release1(id int32) {
	s.items[id].live = false
	s.free = append(s.free, id)
}

func (s *Sim) closeWeek() {
	s.stats.closeWeek(s.k.now)
}

// fifo is a first-in first-out queue of item indices that reuses its memory.
type fifo struct {
	buf  []int32
	head int
}

func (q *fifo) len() int { return len(q.buf) - q.head }

func (q *fifo) push(id int32) {
	if q.head > 0 && len(q.buf) == cap(q.buf) && q.head >= len(q.buf)/2 {
		n := copy(q.buf, q.buf[q.head:])
		q.buf = q.buf[:n]
		q.head = 0
	}
	q.buf = append(q.buf, id)
}

func (q *fifo) pop() int32 {
	id := q.buf[q.head]
	q.head++
	if q.head == len(q.buf) {
		q.buf = q.buf[:0]
		q.head = 0
	}
	return id
}

// at returns the i-th queued item, 0 being the oldest.
func (q *fifo) at(i int) int32 { return q.buf[q.head+i] }
