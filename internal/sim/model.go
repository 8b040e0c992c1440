package sim

import (
	"fmt"

	"github.com/globomantics/globosim/internal/sim/des"
)

// Sim runs one scenario with one seed: work items arrive, queue at stages,
// are served, sometimes sent back for rework, wait for a batch, and leave.
// It is driven from outside with RunUntil (or AdvanceWeek) and read with
// Result at any time. The game (Game) changes its parameters as the player
// invests; it never reaches into the event loop otherwise.
type Sim struct {
	sc     *Scenario
	seed   uint64
	k      des.Kernel
	week   Time
	bounds [len(WaitBucketLabels) - 1]Time // of the wait histograms
	// weekHint is how many weeks the weekly rows make room for at the
	// first week's end (NewGame sets it to the game's length); 0: grow.
	weekHint int

	stages   []stageState
	sources  []source
	routePos [][]int // routePos[work][stage] = position on the route, or -1

	items []Item
	free  []int32

	stats collector
	// g is the game played on this run, or nil: the flow tells it what
	// happens by direct calls (cheaper than the hooks' function values,
	// and a game's small hooks inline). hooks are for other observers.
	g     *Game
	hooks hooks
	err   error // why the run stopped (an *Overflow), or nil

	onArrive, onDone, onRelease des.Handler

	// inEvent: runBefore is running an event's handler. deployNext: the
	// game's deployment is to be judged as soon as that handler returns,
	// which is when its zero-delay event would have run (see
	// Game.enteredStage), without the event.
	inEvent, deployNext bool
	judgedInLoop        int // deployments judged so, for a test
}

// hooks let a test observe the flow; the game is told through Sim.g.
type hooks struct {
	arrived      func(id int32)            // a work item arrived from its source
	enteredStage func(id int32, stage int) // an item entered a stage
	released     func(stage int, n int)    // a batch of n items left a batching stage
}

// Item is one piece of work moving through the value stream.
type Item struct {
	Work      int // index of its work type, or -1 for outside (background) work
	Size      float64
	Arrived   Time
	Committed Time // first time it left the commit stage, or -1
	Finished  Time
	Reworks   int
	Visit     Visit // its current stage visit (or its last, once it has left)
	// Touch is its service time so far, over every stage visit (rework
	// visits included): the metrics need the sum, not the visits.
	Touch Time

	Value   float64 // hidden value to customers (features)
	Feature int32   // the feature a slice belongs to, or -1
	Slice   int8    // which slice (0 = first), when Feature >= 0

	step     int  // position on the route
	stage    int  // stage it is at
	duration Time // fixed service time for outside jobs (-1: sample)
	server   bool // holds a server at its stage while blocked
	live     bool
	deploy   int32 // the deployment it is in, while at the deploy stage (the game's count)
}

// reset makes a slot a new live item. It is zeroed, then filled in field
// by field: a composite literal would be built on the stack and copied,
// and the copy stalls, reading back in 16-byte pieces what was stored in
// 8-byte ones.
func (it *Item) reset(work int, size, value float64, now, duration Time) {
	*it = Item{}
	it.Work, it.Size, it.Value, it.Arrived = work, size, value, now
	it.Committed, it.Finished, it.Feature, it.duration = -1, -1, -1, duration
	it.live = true
}

// visit starts the item's visit to a stage now, in place of the last
// (filled in field by field, as reset is).
func (it *Item) visit(stage int, now Time) {
	v := &it.Visit
	v.Stage, v.Enter, v.Start, v.Finish, v.Leave = stage, now, -1, -1, -1
}

// Visit is an item's stay at one stage: when it joined the queue, when
// service started and finished, and when it left (after any batch wait or
// blocking). Times not reached yet are -1.
type Visit struct {
	Stage                       int
	Enter, Start, Finish, Leave Time
}

type stageState struct {
	unlimited  bool
	base       int       // people, after hires and lasting effects
	drain      int       // people away for now (incidents, events)
	capacity   int       // servers available: base-drain, at least 0
	service    des.Draws // the service times, before scale and size
	scale      float64   // multiplies service times
	reworkProb float64
	reworkTo   int
	batchEvery Time
	release    des.EventID // the pending batch release
	wipLimit   int         // most value-stream items at this stage at once (0: no limit)
	bgScale    float64     // multiplies the rate of outside requests

	busy    int
	inside  int     // value-stream items at this stage: queued, in service, held or blocked
	queue   fifo    // waiting for a server
	held    []int32 // finished, waiting for the next batch release
	blocked fifo    // finished upstream, waiting for room here under the WIP limit
	backlog fifo    // new work waiting for room here under the WIP limit

	rework *des.Stream
	stageStats
}

// source is an arrival process: a work type, or a stage's outside demand.
type source struct {
	work, stage int       // stage is set for background sources (work == -1)
	between     des.Draws // the times between arrivals
	size, value des.Draws
	unitSize    bool // every size is 1: no draw
	hasValue    bool
	next        des.EventID
}

// New prepares a run of the scenario with the given seed. Nothing happens
// until the simulation is advanced.
func New(sc *Scenario, seed uint64) *Sim { return newSim(sc, seed, nil) }

// newSim is New, reusing the memory of a spent run (nil: none) that is not
// used again: its event queue, item slots and lead-time log.
func newSim(sc *Scenario, seed uint64, spent *Sim) *Sim {
	s := &Sim{sc: sc, seed: seed, week: sc.Week(), bounds: waitBounds(sc.Week())}
	if spent != nil {
		s.k.Reuse(&spent.k)
		s.items, s.free = spent.items[:0], spent.free[:0]
		s.stats.leadTimes = spent.stats.leadTimes.emptied()
		s.stats.scratch = spent.stats.scratch[:0]
	}
	s.onArrive, s.onDone, s.onRelease = s.k.On(s.arrive), s.k.On(s.serviceDone), s.k.On(s.release)

	s.stages = make([]stageState, len(sc.Stages))
	for i := range sc.Stages {
		spec := &sc.Stages[i]
		st := &s.stages[i]
		st.unlimited = spec.Capacity == Unlimited
		st.base = spec.Capacity
		st.capacity = spec.Capacity
		st.service = des.NewDraws(spec.Service, seed, "stage/"+spec.ID+"/service")
		st.scale = 1
		st.bgScale = 1
		st.reworkProb, st.reworkTo = spec.ReworkProb, spec.ReworkTo
		st.rework = des.NewStream(seed, "stage/"+spec.ID+"/rework")
		s.setBatch(i, spec.BatchEvery)
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
			work: w, hasValue: wt.HasValue,
			unitSize: wt.Size.Kind == des.Constant && wt.Size.A == 1,
			between:  des.NewDraws(wt.Arrival, seed, "work/"+wt.ID+"/arrivals"),
			size:     des.NewDraws(wt.Size, seed, "work/"+wt.ID+"/size"),
			value:    des.NewDraws(wt.Value, seed, "work/"+wt.ID+"/value"),
		})
	}
	for i := range sc.Stages {
		if spec := &sc.Stages[i]; spec.HasBackground {
			s.sources = append(s.sources, source{
				work: -1, stage: i, unitSize: true,
				between: des.NewDraws(spec.Background, seed, "stage/"+spec.ID+"/background"),
			})
		}
	}
	for i := range s.sources {
		s.scheduleArrival(i)
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
// at every week boundary it reaches. A week includes its last minute. Once
// work in the system has passed MaxWorkInSystem the run stops where it is
// and RunUntil returns the *Overflow, now and on every later call.
func (s *Sim) RunUntil(t Time) error {
	if t < s.k.Now() {
		return fmt.Errorf("sim: run until %d, but the time is already %d", t, s.k.Now())
	}
	for s.err == nil {
		end := Time(len(s.stats.weeks)+1) * s.week
		if end > t {
			break
		}
		s.runThrough(end)
		if s.err == nil {
			s.closeWeek()
		}
	}
	s.runBefore(t)
	if s.err != nil {
		return s.err
	}
	return s.k.RunUntil(t) // only moves the clock: every event before t has run
}

// runThrough runs every event up to and including time end, so that what
// happens at the last minute of a week (a release train, say) counts in it.
func (s *Sim) runThrough(end Time) {
	s.runBefore(end + 1) // times are whole minutes
	if s.err == nil {
		_ = s.k.RunUntil(end) // only moves the clock; end is not in the past
	}
}

// runBefore runs the events due before t, until the run is stopped.
func (s *Sim) runBefore(t Time) {
	for s.err == nil {
		h, arg, ok := s.k.Next(t)
		if !ok {
			return
		}
		s.inEvent = true
		switch h { // the engine's own, called directly; the game's through the kernel
		case s.onDone:
			s.serviceDone(arg)
		case s.onArrive:
			s.arrive(arg)
		default:
			s.k.Run(h, arg)
		}
		for s.deployNext {
			s.deployNext = false
			s.g.deploy(0)
		}
		s.inEvent = false
	}
}

// Err is why the run stopped before its time, an *Overflow, or nil.
func (s *Sim) Err() error { return s.err }

// AdvanceWeek runs the simulation to the end of the current week.
func (s *Sim) AdvanceWeek() {
	end := Time(len(s.stats.weeks)+1) * s.week
	_ = s.RunUntil(end) // end is never in the past
}

func (s *Sim) mustSchedule(delay Time, h des.Handler, arg int) des.EventID {
	id, err := s.k.Schedule(delay, h, arg)
	if err != nil {
		panic(err) // delays come from des.Minutes(), never negative; handlers from On; arguments are indices
	}
	return id
}

// --- arrivals ----------------------------------------------------------

func (s *Sim) scheduleArrival(src int) {
	so := &s.sources[src]
	gap := so.between.Next()
	if so.work < 0 {
		scale := s.stages[so.stage].bgScale
		if scale <= 0 {
			so.next = 0 // outside demand has stopped
			return
		}
		gap /= scale
	}
	so.next = s.mustSchedule(des.Minutes(gap), s.onArrive, src)
}

func (s *Sim) newItem() int32 {
	if s.err == nil && len(s.items)-len(s.free) >= MaxWorkInSystem {
		s.err = s.overflow()
	}
	if n := len(s.free); n > 0 {
		id := s.free[n-1]
		s.free = s.free[:n-1]
		return id
	}
	s.items = append(s.items, Item{})
	return int32(len(s.items) - 1)
}

func (s *Sim) arrive(src int) {
	s.scheduleArrival(src)
	so := &s.sources[src]
	if so.work < 0 {
		s.enterOutside(so.stage, -1)
		return
	}
	size := 1.0
	if !so.unitSize {
		size = so.size.Next()
	}
	value := 0.0
	if so.hasValue {
		value = so.value.Next()
	}
	id := s.create(so.work, size, value)
	if s.hooks.arrived != nil {
		s.hooks.arrived(id)
	}
	if s.g != nil {
		s.g.arrived(id) // may reshape the item (slicing) before it starts
	}
	s.admit(id, s.sc.Work[so.work].Route[0])
}

// Inject puts a new value-stream item of work type w into the first stage of
// its route now and returns its index. Escaped bugs, slices and event-driven
// work come in this way.
func (s *Sim) Inject(w int, size, value float64) int32 {
	id := s.create(w, size, value)
	s.admit(id, s.sc.Work[w].Route[0])
	return id
}

func (s *Sim) create(w int, size, value float64) int32 {
	id := s.newItem()
	s.items[id].reset(w, size, value, s.k.Now(), -1)
	s.stats.itemArrived(s.k.Now())
	return id
}

// dropWaiting takes out of the system the work waiting at a stage (queued
// or in its backlog, not started) for which drop reports true, and returns
// how many items it removed.
func (s *Sim) dropWaiting(stage int, drop func(*Item) bool) int {
	st := &s.stages[stage]
	st.touch(s.k.Now())
	out := func(id int32) bool {
		it := &s.items[id]
		if it.Work < 0 || !drop(it) {
			return false
		}
		if it.stage == stage { // queued: it had entered the stage
			st.inside--
			it.Visit.Leave = s.k.Now()
		}
		s.stats.itemDropped(it, s.k.Now())
		s.discard(id)
		return true
	}
	n := st.queue.removeIf(out) + st.backlog.removeIf(out)
	s.makeRoom(stage)
	return n
}

// enterOutside puts a job from outside the value stream into a stage: a
// request from another team (duration -1: a service draw) or a fixed piece
// of work such as a release's regression run.
func (s *Sim) enterOutside(stage int, duration Time) {
	id := s.newItem()
	s.items[id].reset(-1, 1, 0, s.k.Now(), duration)
	s.enter(id, stage)
}

// --- moving between stages ---------------------------------------------

// admit brings new work to a stage, or parks it in the stage's backlog when
// the stage is at its WIP limit.
func (s *Sim) admit(id int32, stage int) {
	st := &s.stages[stage]
	if st.wipLimit > 0 && st.inside >= st.wipLimit {
		s.items[id].stage = -1
		st.backlog.push(id)
		return
	}
	s.enter(id, stage)
}

func (s *Sim) enter(id int32, stage int) {
	it := &s.items[id]
	it.stage = stage
	st := &s.stages[stage]
	if it.Work >= 0 {
		it.visit(stage, s.k.Now())
		st.entered++
		st.inside++
		if s.hooks.enteredStage != nil {
			s.hooks.enteredStage(id, stage)
		}
		if s.g != nil {
			s.g.enteredStage(id, stage)
		}
	}
	if st.unlimited || st.busy < st.capacity {
		s.start(id, stage)
		return
	}
	st.touch(s.k.Now())
	st.queue.push(id)
}

func (s *Sim) start(id int32, stage int) {
	st := &s.stages[stage]
	it := &s.items[id]
	st.touch(s.k.Now())
	st.busy++
	if it.Work >= 0 {
		v := &it.Visit
		v.Start = s.k.Now()
		st.started++
		st.waitSum += int64(v.Start - v.Enter)
		st.waits.add(v.Start-v.Enter, &s.bounds)
	}
	var d float64
	if it.duration >= 0 {
		d = float64(it.duration)
	} else {
		d = st.service.Next()
		if f := float64(it.Size * st.scale); f != 1 {
			d = float64(d * f)
		}
	}
	s.mustSchedule(des.Minutes(d), s.onDone, int(id))
}

func (s *Sim) serviceDone(arg int) {
	id := int32(arg)
	it := &s.items[id]
	stage := it.stage
	st := &s.stages[stage]
	if it.Work < 0 { // outside work just leaves
		s.freeServer(stage)
		s.discard(id)
		return
	}
	v := &it.Visit
	v.Finish = s.k.Now()
	st.completed++
	st.serviceSum += int64(v.Finish - v.Start)
	it.Touch += v.Finish - v.Start

	if st.reworkProb > 0 && st.rework.Bernoulli(st.reworkProb) {
		// Rework is work in progress already: it goes back without a WIP
		// check, before anything waiting is let into the stage it left.
		it.Reworks++
		s.freeServer(stage)
		v.Leave = s.k.Now()
		st.inside--
		s.leftStage(id, stage)
		it.step = s.routePos[it.Work][st.reworkTo]
		s.enter(id, st.reworkTo)
		s.makeRoom(stage)
		return
	}
	if st.batchEvery > 0 {
		s.freeServer(stage)
		st.held = append(st.held, id)
		return
	}
	it.server = true
	s.advance(id)
}

// freeServer releases a server at the stage and starts queued work on it.
func (s *Sim) freeServer(stage int) {
	st := &s.stages[stage]
	st.touch(s.k.Now())
	st.busy--
	s.pull(stage)
}

// pull starts queued work while the stage has free servers.
func (s *Sim) pull(stage int) {
	st := &s.stages[stage]
	for st.queue.len() > 0 && (st.unlimited || st.busy < st.capacity) {
		st.touch(s.k.Now())
		s.start(st.queue.pop(), stage)
	}
}

// release lets every held item of a batching stage move on together.
func (s *Sim) release(stage int) {
	st := &s.stages[stage]
	st.release = 0
	if st.batchEvery > 0 {
		st.release = s.mustSchedule(st.batchEvery, s.onRelease, stage)
	}
	s.releaseHeld(stage)
}

func (s *Sim) releaseHeld(stage int) {
	st := &s.stages[stage]
	held := st.held
	if len(held) == 0 {
		return
	}
	st.held = make([]int32, 0, cap(held))
	for _, id := range held {
		st.releasedN++
		st.heldSum += int64(s.k.Now() - s.items[id].Visit.Finish)
		s.advance(id)
	}
	if s.hooks.released != nil {
		s.hooks.released(stage, len(held))
	}
	if s.g != nil {
		s.g.released(stage, len(held))
	}
}

// advance moves an item that is done at its stage to the next stage on its
// route, or out of the system. If the next stage is at its WIP limit the
// item waits where it is (keeping its server if it has one).
func (s *Sim) advance(id int32) {
	it := &s.items[id]
	route := s.sc.Work[it.Work].Route
	if it.step+1 < len(route) {
		next := &s.stages[route[it.step+1]]
		if next.wipLimit > 0 && next.inside >= next.wipLimit {
			next.blocked.push(id)
			return
		}
	}
	from := it.stage
	if it.server {
		it.server = false
		s.freeServer(from)
	}
	s.leave(id)
	if from == s.sc.Production.Commit && it.Committed < 0 {
		it.Committed = s.k.Now()
		if s.g != nil {
			s.g.committed(id)
			// The game may add items (a feature's other slices), which
			// can move the slots: it must not go on pointing at the old.
			it = &s.items[id]
		}
	}
	it.step++
	if it.step < len(route) {
		s.enter(id, route[it.step])
		return
	}
	it.Finished = s.k.Now()
	s.stats.itemDone(it, s.k.Now())
	if s.g != nil {
		s.g.finished(id)
	}
	s.discard(id)
}

// leave takes a value-stream item out of its stage and lets waiting work in.
func (s *Sim) leave(id int32) {
	it := &s.items[id]
	it.Visit.Leave = s.k.Now()
	stage := it.stage
	s.stages[stage].inside--
	s.leftStage(id, stage)
	s.makeRoom(stage)
}

// leftStage tells the game when a change leaves the deploy stage: its part
// of a deployment is done.
func (s *Sim) leftStage(id int32, stage int) {
	if stage == s.sc.Production.Deploy && s.items[id].Work >= 0 && s.g != nil {
		s.g.leftDeploy(id)
	}
}

// makeRoom lets blocked work, then backlog, into a stage while it is under
// its WIP limit.
func (s *Sim) makeRoom(stage int) {
	st := &s.stages[stage]
	for st.wipLimit == 0 || st.inside < st.wipLimit {
		switch {
		case st.blocked.len() > 0:
			s.advance(st.blocked.pop())
		case st.backlog.len() > 0:
			s.enter(st.backlog.pop(), stage)
		default:
			return
		}
	}
}

func (s *Sim) discard(id int32) {
	s.items[id].live = false
	s.free = append(s.free, id)
}

// waitingNow is how long the value-stream work waiting at a stage now (in
// its queue, or held for its batch) has waited there so far, in minutes,
// and how many items that is.
func (s *Sim) waitingNow(stage int) (minutes int64, n int) {
	st := &s.stages[stage]
	now := s.k.Now()
	for j := 0; j < st.queue.len(); j++ {
		if it := &s.items[st.queue.at(j)]; it.Work >= 0 {
			minutes += int64(now - it.Visit.Enter)
			n++
		}
	}
	for _, id := range st.held {
		it := &s.items[id]
		minutes += int64(now - it.Visit.Finish)
		n++
	}
	return minutes, n
}

func (s *Sim) closeWeek() {
	if s.weekHint > 0 && s.stats.weeks == nil {
		// The first week of a game of known length: room for every week's
		// rows at once, not a slice doubled six times over a year.
		s.stats.weeks = make([]WeekResult, 0, s.weekHint)
		for i := range s.stages {
			s.stages[i].weeks = make([]StageWeek, 0, s.weekHint)
		}
	}
	s.stats.closeWeek(s.k.Now())
	for i := range s.stages {
		waiting, _ := s.waitingNow(i)
		s.stages[i].closeWeek(s.k.Now(), waiting)
	}
	if s.g != nil {
		s.g.weekEnd(len(s.stats.weeks))
	}
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

// removeIf deletes the queued items for which drop reports true, keeping
// the order of the rest, and returns how many it removed.
func (q *fifo) removeIf(drop func(int32) bool) int {
	kept := q.buf[:q.head]
	n := 0
	for _, id := range q.buf[q.head:] {
		if drop(id) {
			n++
			continue
		}
		kept = append(kept, id)
	}
	q.buf = kept
	return n
}
