package sim

import (
	"encoding/json"
	"math"
	"math/bits"
	"slices"
)

// All flow metrics are computed here, from the items' timestamps and the
// stages' time-weighted counters. Sums are kept in integer minutes, so
// results are exact and the same on every machine.

// stageStats are the running counters of one stage.
type stageStats struct {
	entered, started, completed int   // visits by value-stream items
	waitSum, serviceSum         int64 // minutes, over started / completed visits
	releasedN                   int   // visits that left after waiting for a batch
	heldSum                     int64 // minutes those visits waited for the batch
	waits                       WaitHistogram

	last      Time
	queueArea int64 // integral over time of the queue length
	// Integrals of busy servers and of servers, while capacity is limited;
	// busy beyond capacity (just after a cut) does not count.
	busyArea, capArea int64

	weeks []StageWeek
	mark  stageWeekMark
}

// StageWeek is one week of a stage: how busy it was, the work it held at
// the end of the week, and the work that had reached it so far (for the
// cumulative flow diagram).
type StageWeek struct {
	Utilization float64 // busy servers over servers that week; 0 if automated
	WaitHours   float64 // mean queue wait of the visits that started that week
	Queue       int     // waiting for a server at the end of the week
	Entered     int     // visits to the stage so far (cumulative)
	// Waited is the hours work spent waiting here that week, in the queue or
	// for the batch, counted as it waits: work still waiting at the end of
	// the week counts its wait so far (38 items on the train count before
	// it leaves).
	Waited float64
}

// stageWeekMark is where the counters stood at the last week's end.
type stageWeekMark struct {
	busyArea, capArea, waitSum, heldSum int64
	waiting                             int64 // minutes waited so far by the work still waiting
	started                             int
}

// closeWeek ends the stage's week; waiting is the minutes the work waiting
// there now has waited so far (Sim.waitingNow).
func (st *stageState) closeWeek(now Time, waiting int64) {
	st.touch(now)
	m := &st.mark
	w := StageWeek{Queue: st.queue.len(), Entered: st.entered}
	if c := st.capArea - m.capArea; c > 0 {
		w.Utilization = round3(ratio(st.busyArea-m.busyArea, c))
	}
	w.WaitHours = round3(ratio(st.waitSum-m.waitSum, int64(st.started-m.started)) / float64(Hour))
	w.Waited = round3(Time(st.waitSum - m.waitSum + st.heldSum - m.heldSum + waiting - m.waiting).Hours())
	st.weeks = append(st.weeks, w)
	*m = stageWeekMark{busyArea: st.busyArea, capArea: st.capArea, waitSum: st.waitSum, heldSum: st.heldSum, waiting: waiting, started: st.started}
}

// touch brings the stage's time integrals up to now; call it before the
// queue length, the busy count or the capacity changes.
func (st *stageState) touch(now Time) {
	dt := int64(now - st.last)
	if dt == 0 {
		return
	}
	st.queueArea += int64(st.queue.len()) * dt
	if !st.unlimited { // utilisation only means something while capacity is limited
		st.busyArea += int64(min(st.busy, st.capacity)) * dt
		st.capArea += int64(st.capacity) * dt
	}
	st.last = now
}

// collector gathers the item-level and weekly statistics of a run.
type collector struct {
	arrived, completed, dropped int
	leadTimes                   timeLog // of completed items, in completion order
	leadSum, touchSum           int64   // minutes: lead time and service time of completed items
	droppedSum                  int64   // minutes dropped items spent in the system

	wip     int
	wipArea int64
	wipLast Time

	weeks     []WeekResult
	weekStart struct{ arrived, completed int }
	scratch   []Time
}

func (c *collector) touchWIP(now Time) {
	c.wipArea += int64(c.wip) * int64(now-c.wipLast)
	c.wipLast = now
}

func (c *collector) itemArrived(now Time) {
	c.touchWIP(now)
	c.arrived++
	c.wip++
}

// itemDropped: work taken out before it was done (an MVP slice not worth
// building). It leaves the system without completing.
func (c *collector) itemDropped(it *Item, now Time) {
	c.touchWIP(now)
	c.wip--
	c.dropped++
	c.droppedSum += int64(now - it.Arrived)
}

func (c *collector) itemDone(it *Item, now Time) {
	c.touchWIP(now)
	c.wip--
	c.completed++
	lead := now - it.Arrived
	c.leadTimes.add(lead)
	c.leadSum += int64(lead)
	c.touchSum += int64(it.Touch)
}

func (c *collector) closeWeek(now Time) {
	c.touchWIP(now)
	c.scratch = c.leadTimes.appendFrom(c.scratch[:0], c.weekStart.completed)
	c.weeks = append(c.weeks, WeekResult{WeekFlow: WeekFlow{
		Week:        len(c.weeks) + 1,
		Arrived:     c.arrived - c.weekStart.arrived,
		Completed:   c.completed - c.weekStart.completed,
		WIP:         c.wip,
		LeadTimeP50: round3(selectPercentile(c.scratch, 50).Hours()),
	}})
	c.weekStart.arrived, c.weekStart.completed = c.arrived, c.completed
}

// chunkLog is an append-only list kept in fixed-size chunks, so that it
// grows without ever copying what it holds: a long run's history costs its
// items' size and no more. The first chunk grows as a slice does, so a short
// run does not pay for a whole chunk.
type chunkLog[T any] struct {
	chunks [][]T
	n      int
}

// timeLog is a chunkLog of times.
type timeLog = chunkLog[Time]

const logChunk = 1 << 12

func (l *chunkLog[T]) add(v T) {
	if l.n%logChunk == 0 {
		// An emptied log keeps its chunks past its end: fill them first.
		var next []T
		if c := len(l.chunks); c < cap(l.chunks) {
			next = l.chunks[:c+1][c][:0]
		}
		if cap(next) == 0 && l.n > 0 {
			next = make([]T, 0, logChunk)
		}
		l.chunks = append(l.chunks, next)
	}
	last := &l.chunks[len(l.chunks)-1]
	*last = append(*last, v)
	l.n++
}

// emptied is the log with nothing in it, keeping its chunks' memory for
// what is added next; l is not used again.
func (l *chunkLog[T]) emptied() chunkLog[T] {
	return chunkLog[T]{chunks: l.chunks[:0]}
}

// len is how many values the log holds.
func (l *chunkLog[T]) len() int { return l.n }

// appendFrom appends the values from index i on to dst.
func (l *chunkLog[T]) appendFrom(dst []T, i int) []T {
	for c := i / logChunk; c < len(l.chunks); c++ {
		chunk := l.chunks[c]
		if c == i/logChunk {
			chunk = chunk[i%logChunk:]
		}
		dst = append(dst, chunk...)
	}
	return dst
}

// percentile returns the nearest-rank pct-th percentile of sorted values,
// or 0 when there are none.
func percentile(sorted []Time, pct int) Time {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	rank := (pct*n + 99) / 100 // ceil(pct/100 * n)
	if rank < 1 {
		rank = 1
	}
	return sorted[rank-1]
}

// selectPercentile is percentile for unsorted values, which it reorders:
// a selection, cheaper than sorting the week's lead times.
func selectPercentile(v []Time, pct int) Time {
	if len(v) == 0 {
		return 0
	}
	var got [1]Time
	selectRanks(v, []int{rankIndex(len(v), pct)}, got[:])
	return got[0]
}

// bucketSelectMin is the fewest values selectRanks counts into buckets;
// fewer go straight to a quickselect. (Measured on exponential lead times:
// the buckets take about half the time from 32 values on, 2.5 times less
// from 64; at 24 the two are even.)
const bucketSelectMin = 32

// selectRanks sets got[j] to the value that would be at index ks[j] were v
// sorted (ks in ascending order), and reorders v. Many values are first counted into buckets by
// value, so that each rank is selected among the few in its bucket: a
// quickselect over them all mispredicts a branch at about every other
// comparison, and a week's lead times or a long run's pay for it.
func selectRanks(v []Time, ks []int, got []Time) {
	if len(v) < bucketSelectMin {
		for j, k := range ks {
			got[j] = selectRank(v, k)
		}
		return
	}
	lo, hi := v[0], v[0]
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	if lo == hi { // all alike (every change's lead, where commit is deploy)
		for j := range ks {
			got[j] = lo
		}
		return
	}
	// About a bucket a value up to 256, or 4096 for a long run's many
	// values (made, not on the stack, where every call would clear them);
	// the values' span is cut into them by a shift.
	var few [256]int32
	counts := few[:1<<min(bits.Len(uint(len(v))), 8)]
	if len(v) > 16*len(few) {
		counts = make([]int32, 4096)
	}
	shift := max(bits.Len64(uint64(hi-lo))-bits.Len(uint(len(counts)-1)), 0)
	for _, x := range v {
		counts[uint64(x-lo)>>shift]++
	}
	b, below := 0, 0 // the bucket of rank k, and how many values lie in buckets before it
	for j, k := range ks {
		for below+int(counts[b]) <= k {
			below += int(counts[b])
			b++
		}
		m := 0 // bucket b's values, moved to the front
		for i, x := range v {
			if int(uint64(x-lo)>>shift) == b {
				v[i], v[m] = v[m], x
				m++
			}
		}
		got[j] = selectRank(v[:m], k-below)
	}
}

// rankIndex is the index, in n sorted values, of the nearest-rank pct-th
// percentile (n > 0).
func rankIndex(n, pct int) int { return max((pct*n+99)/100, 1) - 1 } // ceil(pct/100 * n), from 0

// selectRank returns the value that would be at index k were v sorted, and
// reorders v: a quickselect.
func selectRank(v []Time, k int) Time {
	lo, hi := 0, len(v)-1
	for lo < hi {
		// Median of three as the pivot, then a Hoare partition.
		mid := lo + (hi-lo)/2
		if v[mid] < v[lo] {
			v[mid], v[lo] = v[lo], v[mid]
		}
		if v[hi] < v[lo] {
			v[hi], v[lo] = v[lo], v[hi]
		}
		if v[hi] < v[mid] {
			v[hi], v[mid] = v[mid], v[hi]
		}
		pivot := v[mid]
		i, j := lo, hi
		for i <= j {
			for v[i] < pivot {
				i++
			}
			for v[j] > pivot {
				j--
			}
			if i <= j {
				v[i], v[j] = v[j], v[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return v[k] // between j and i every value is the pivot
		}
	}
	return v[k]
}

// round3 rounds to three decimals, which is all any reader needs and keeps
// the printed numbers short.
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// ratio is a/b, or 0 when b is 0.
func ratio(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Result is the state of a run's metrics at the time it is taken. Times are
// in hours of simulated working time.
type Result struct {
	Scenario string `json:"scenario"`
	// Company is the company the player led, when the scenario names one
	// apart from its own name ([company] name); empty otherwise.
	Company      string `json:"company,omitempty"`
	Seed         uint64 `json:"seed"`
	Weeks        int    `json:"weeks"`
	HoursPerWeek int    `json:"hours_per_week"`
	// Where the result came from, stamped by whoever exports it (see
	// report.Stamp): the globosim that played it and the SHA-256 of the
	// scenario's text. Empty in a file from before they were recorded.
	GlobosimVersion string        `json:"globosim_version,omitempty"`
	ScenarioSHA256  string        `json:"scenario_sha256,omitempty"`
	Summary         Summary       `json:"summary"`
	Stages          []StageResult `json:"stages"`
	Weekly          []WeekResult  `json:"weekly"`

	Competitors []CompetitorResult `json:"competitors,omitempty"`
	Decisions   []LoggedDecision   `json:"decisions,omitempty"`
	Events      []FiredEvent       `json:"events,omitempty"`
	// Scheduled is what the facilitator of a room scheduled for every game
	// (see Game.Schedule): part of the world, like the seed.
	Scheduled []ScheduledEvent `json:"scheduled,omitempty"`

	// For the debrief of a finished game (see Game.Debrief).
	Bottleneck         *Bottleneck        `json:"bottleneck,omitempty"`
	BottleneckTimeline []BottleneckPeriod `json:"bottleneck_timeline,omitempty"`
	Impacts            []Impact           `json:"impacts,omitempty"`
	Luck               *Luck              `json:"skill_or_luck,omitempty"`
	News               []News             `json:"news,omitempty"`
	// SlicingOffered says the player could cut features into slices in
	// this game (see Game.Result), so the debrief may ask why they did not.
	// False in a file from before it was recorded.
	SlicingOffered bool `json:"slicing_offered,omitempty"`
}

// CompetitorResult is a competitor's market share, at the end and weekly.
type CompetitorResult struct {
	Name        string    `json:"name"`
	MarketShare float64   `json:"market_share"`
	Weekly      []float64 `json:"weekly"`
}

// Summary holds the whole-run metrics: the flow, then the game's. A plain
// queueing model (see Scenario.HasGame) has no game verdict, and its JSON
// has only the flow, with the DORA keys when it models production.
type Summary struct {
	Flow

	// The game (zero when only the flow is simulated).
	DORA           DORA       `json:"dora"`
	MarketShare    float64    `json:"market_share"`
	Budget         int64      `json:"budget"`
	Score          int        `json:"score"`
	ScoreParts     ScoreParts `json:"score_parts"`
	Won            bool       `json:"won"`
	Outcome        string     `json:"outcome"` // never empty in a game: "In progress: ..." until it ends
	Incidents      int        `json:"incidents"`
	WorkSavedHours float64    `json:"work_saved_hours"` // development not spent on dropped MVP slices
	// EscapedBugs is how many delivered changes carried a bug customers
	// would find (whether or not they had reported it yet).
	EscapedBugs int `json:"escaped_bugs"`
	// Features is what customers waited for features, from their arrival
	// (Flow.LeadTime is per item: a slice's runs from when it was queued).
	Features FeatureFlow `json:"features"`
}

// FeatureFlow is the wait for features of the work types slicing cuts, as
// customers see it: from a feature's arrival to its first slice in
// production (the time to first value) and to its last (the feature's lead
// time; slices dropped as not worth building do not count). A feature built
// whole has both equal to its lead time. Times are zero while their count is.
type FeatureFlow struct {
	FirstValue       int      `json:"first_value"` // features with a slice in production
	TimeToFirstValue LeadTime `json:"time_to_first_value_hours"`
	Delivered        int      `json:"delivered"` // features wholly in production
	LeadTime         LeadTime `json:"lead_time_hours"`
}

// ScoreParts is how a game's score adds up (see Game.Score), so that a
// report shows the parts without working them back out of the total. Rule
// says which rule made them: 0 for results from before issue 11 (share, one
// point per $10,000 of all the money, DORA band), ScoreRule for the present
// one; every part a rule does not have is 0.
type ScoreParts struct {
	Rule          int   `json:"rule,omitempty"`
	Outcome       int   `json:"outcome,omitempty"`         // WinBonus for a won game
	MarketShare   int   `json:"market_share"`              // ten per point of market share, rounded as the game rounds it
	Survival      int   `json:"survival,omitempty"`        // SurvivalPoints for the whole horizon, pro rata of the weeks played
	Money         int   `json:"money"`                     // rule 0: one per $10,000; now: ReservePoints pro rata of the reserve
	BeyondReserve int   `json:"beyond_reserve,omitempty"`  // money beyond the reserve, halving returns, below BeyondReservePoints
	Reserve       int64 `json:"reserve_dollars,omitempty"` // the reserve: ReserveWeeks of the running costs at the end
	DORABand      int   `json:"dora_band"`                 // fifty per DORA band above low
}

// Total is the score.
func (p ScoreParts) Total() int {
	return p.Outcome + p.MarketShare + p.Survival + p.Money + p.BeyondReserve + p.DORABand
}

// Flow holds the whole-run flow metrics, which every run has.
type Flow struct {
	Arrived   int `json:"arrived"`
	Completed int `json:"completed"` // items that left the last stage within the horizon
	WIPEnd    int `json:"wip_end"`   // items in the system at the end
	Dropped   int `json:"dropped"`   // items taken out unfinished (MVP slices not worth building)
	// DroppedHoursMean is how long the dropped items had been in the
	// system when they were taken out; 0 when none were. Little's law
	// counts them: L = (Completed·LeadTime.Mean + Dropped·DroppedHoursMean)/T.
	DroppedHoursMean float64 `json:"dropped_hours_mean,omitempty"`
	// LeadTime is per item, from entering the system to leaving the last
	// stage of its route; a slice of a feature enters when it is queued.
	LeadTime          LeadTime `json:"lead_time_hours"`
	ThroughputPerWeek float64  `json:"throughput_per_week"`
	WIPMean           float64  `json:"wip_mean"`
	// FlowEfficiency is the share of completed items' lead time spent in service.
	FlowEfficiency float64 `json:"flow_efficiency"`
}

// IsGame reports whether the summary holds a game's verdict (an outcome, a
// score, won or lost), as opposed to a plain queueing model's flow.
func (s Summary) IsGame() bool { return s.Outcome != "" }

// HasDORA reports whether the DORA keys were measured: in a game, or in a
// queueing model that models production.
func (s Summary) HasDORA() bool { return s.DORA.OverallBand != NoBand }

// Reported is what the summary's JSON holds: everything for a game; the
// flow, and the DORA keys when they were measured, for a queueing model.
// The struct types keep the fields in the order of Summary.
func (s Summary) Reported() any {
	type flowDORA struct {
		Flow
		DORA DORA `json:"dora"`
	}
	type all Summary // Summary's fields without its MarshalJSON
	switch s.parts() {
	case allParts:
		return all(s)
	case flowAndDORA:
		return flowDORA{s.Flow, s.DORA}
	}
	return s.Flow
}

// MarshalJSON writes Reported.
func (s Summary) MarshalJSON() ([]byte, error) { return json.Marshal(s.Reported()) }

// LeadTime summarises a set of lead times, in hours.
type LeadTime struct {
	Mean float64 `json:"mean"`
	P50  float64 `json:"p50"`
	P85  float64 `json:"p85"`
	P95  float64 `json:"p95"`
}

// summarise is the mean and percentiles of the times in a log, in hours,
// and how many there are. scratch is room to reorder them in (its memory is
// kept for the next call).
func summarise(log *timeLog, scratch *[]Time) (LeadTime, int) {
	n := log.len()
	if cap(*scratch) < n {
		*scratch = make([]Time, 0, n) // not grown by doubling: a long run's log is big
	}
	times := log.appendFrom((*scratch)[:0], 0)
	*scratch = times
	if n == 0 {
		return LeadTime{}, 0
	}
	var sum int64
	for _, t := range times {
		sum += int64(t)
	}
	// One selection of three ranks costs less than a sort of a long run's
	// every item.
	var p [3]Time
	selectRanks(times, []int{rankIndex(n, 50), rankIndex(n, 85), rankIndex(n, 95)}, p[:])
	return LeadTime{
		Mean: round3(ratio(sum, int64(n)) / float64(Hour)),
		P50:  round3(p[0].Hours()),
		P85:  round3(p[1].Hours()),
		P95:  round3(p[2].Hours()),
	}, n
}

// StageResult holds one stage's metrics. Waits and services are per visit,
// rework visits included; outside (background) work is counted in the queue
// and the utilisation, not in the visits.
type StageResult struct {
	ID               string  `json:"id"`
	Name             string  `json:"name"`
	Entered          int     `json:"entered"`
	Completed        int     `json:"completed"`
	WaitHoursMean    float64 `json:"wait_hours_mean"`
	ServiceHoursMean float64 `json:"service_hours_mean"`
	// Utilization is busy server time over available server time; 0 for a
	// stage with unlimited capacity.
	Utilization float64 `json:"utilization"`
	QueueMean   float64 `json:"queue_mean"`
	// HeldHoursMean is how long finished work waited for the batch to leave
	// (a release train), per visit that waited; 0 for stages without one.
	HeldHoursMean float64 `json:"held_hours_mean"`
}

// WeekResult is one week of the weekly series: the flow, production (the
// game's deployments) and the market. A queueing model's rows hold only the
// parts it has in JSON.
type WeekResult struct {
	WeekFlow
	WeekProduction
	WeekMarket
	parts reportedParts // what its JSON holds; zero (all) when read back from JSON
}

// WeekFlow is one week of the flow.
type WeekFlow struct {
	Week      int `json:"week"`
	Arrived   int `json:"arrived"`
	Completed int `json:"completed"`
	WIP       int `json:"wip"` // at the end of the week
	// LeadTimeP50 is the median lead time of the items completed that week,
	// 0 when none were.
	LeadTimeP50 float64 `json:"lead_time_hours_p50"`
}

// WeekProduction is one week of deployments (zero when only the flow is
// simulated).
type WeekProduction struct {
	Deploys       int `json:"deploys"`
	FailedDeploys int `json:"failed_deploys"`
	Incidents     int `json:"incidents"` // opened that week
	// LeadTimeForChangesP50 is the median commit-to-production time of the
	// changes that reached production that week; no value when none did.
	LeadTimeForChangesP50 Metric `json:"lead_time_for_changes_hours_p50"`
}

// WeekMarket is one week of the market and the money (zero when there is
// no game).
type WeekMarket struct {
	MarketShare float64 `json:"market_share"`
	Budget      int64   `json:"budget"`
	Experience  float64 `json:"experience"`
}

// reportedParts is which parts of a result a run has, as its summary says.
type reportedParts int

const (
	allParts    reportedParts = iota // a game
	flowAndDORA                      // a queueing model that models production
	flowOnly                         // a queueing model
)

// parts says which parts of a result the summary's run has.
func (s Summary) parts() reportedParts {
	switch {
	case s.IsGame():
		return allParts
	case s.HasDORA():
		return flowAndDORA
	}
	return flowOnly
}

// MarshalJSON writes the parts of the row its run has.
func (w WeekResult) MarshalJSON() ([]byte, error) {
	type all WeekResult // the fields without this method
	switch w.parts {
	case flowOnly:
		return json.Marshal(w.WeekFlow)
	case flowAndDORA:
		return json.Marshal(struct {
			WeekFlow
			WeekProduction
		}{w.WeekFlow, w.WeekProduction})
	}
	return json.Marshal(all(w))
}

// setParts marks the weekly rows with the parts the run has, for their
// JSON. (Result has no MarshalJSON of its own: it would be promoted to the
// structs that embed a Result, and drop their fields.)
func (r *Result) setParts() {
	p := r.Summary.parts()
	for i := range r.Weekly {
		r.Weekly[i].parts = p
	}
}

// Result computes the metrics of the run so far.
func (s *Sim) Result() Result {
	now := s.k.Now()
	c := &s.stats
	c.touchWIP(now)
	r := Result{
		Scenario:     s.sc.Name,
		Company:      s.sc.Company.Name,
		Seed:         s.seed,
		Weeks:        len(c.weeks),
		HoursPerWeek: s.sc.HoursPerWeek,
		Weekly:       slices.Clone(c.weeks),
	}
	sum := &r.Summary
	sum.Arrived, sum.Completed, sum.WIPEnd, sum.Dropped = c.arrived, c.completed, c.wip, c.dropped
	sum.LeadTime, _ = summarise(&c.leadTimes, &c.scratch)
	sum.DroppedHoursMean = round3(ratio(c.droppedSum, int64(c.dropped)) / float64(Hour))
	if now > 0 {
		sum.ThroughputPerWeek = round3(ratio(int64(c.completed)*int64(s.week), int64(now)))
		sum.WIPMean = round3(ratio(c.wipArea, int64(now)))
	}
	sum.FlowEfficiency = round3(ratio(c.touchSum, c.leadSum))

	r.Stages = make([]StageResult, len(s.stages))
	for i := range s.stages {
		st := &s.stages[i]
		st.touch(now)
		sr := StageResult{
			ID:               s.sc.Stages[i].ID,
			Name:             s.sc.Stages[i].Label(),
			Entered:          st.entered,
			Completed:        st.completed,
			WaitHoursMean:    round3(ratio(st.waitSum, int64(st.started)) / float64(Hour)),
			ServiceHoursMean: round3(ratio(st.serviceSum, int64(st.completed)) / float64(Hour)),
			QueueMean:        round3(ratio(st.queueArea, int64(now))),
			HeldHoursMean:    round3(ratio(st.heldSum, int64(st.releasedN)) / float64(Hour)),
		}
		if st.capArea > 0 {
			sr.Utilization = round3(ratio(st.busyArea, st.capArea))
		}
		r.Stages[i] = sr
	}
	r.setParts()
	return r
}

// WaitHistogram counts queue waits in buckets a person can read, from
// "under an hour" to "over four weeks".
type WaitHistogram struct {
	Counts [len(WaitBucketLabels)]int
}

// WaitBucketLabels names the histogram's buckets; days and weeks are the
// scenario's working days and weeks.
var WaitBucketLabels = [...]string{"<1h", "1-4h", "4h-1d", "1-2d", "2d-1w", "1-2w", "2-4w", ">4w"}

// waitBounds are the upper bounds of the buckets for a working week.
func waitBounds(week Time) [len(WaitBucketLabels) - 1]Time {
	day := week / 5
	return [...]Time{Hour, 4 * Hour, day, 2 * day, week, 2 * week, 4 * week}
}

func (h *WaitHistogram) add(w Time, bounds *[len(WaitBucketLabels) - 1]Time) {
	for i, b := range bounds {
		if w < b {
			h.Counts[i]++
			return
		}
	}
	h.Counts[len(bounds)]++
}
