package sim

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Looking back at a game: where work waits, and which decisions mattered.

// Bottleneck is the stage where work waited longest over the last weeks, and
// why, in the simulation's own numbers.
type Bottleneck struct {
	Stage  int     `json:"-"` // -1 when nothing waited
	ID     string  `json:"stage"`
	Name   string  `json:"name"`
	Waited float64 `json:"waited_hours"` // hours of waiting there in the window
	Share  float64 `json:"share"`        // of all waiting in the value stream in the window
	Why    string  `json:"why"`
}

// Bottleneck finds where work waited longest in the last weeks (all weeks
// when weeks <= 0): in a queue, or for a batch to leave.
func (g *Game) Bottleneck(weeks int) Bottleneck {
	from := 0
	if weeks > 0 {
		from = max(g.Week()-weeks, 0)
	}
	return g.bottleneckIn(g.Stages(), from, g.Week(), weeks)
}

// BottleneckPeriod is where work waited longest in some weeks of the game.
type BottleneckPeriod struct {
	From  int     `json:"from_week"` // first week of the period (1 = the first)
	To    int     `json:"to_week"`   // last week
	ID    string  `json:"stage"`
	Name  string  `json:"name"`
	Share float64 `json:"share"` // of all waiting in the period
}

// BottleneckTimeline is the bottleneck of each span of weeks (RecentWeeks
// long) of the game so far: how it moved as the player changed things.
func (g *Game) BottleneckTimeline() []BottleneckPeriod {
	views := g.Stages()
	var out []BottleneckPeriod
	for from := 0; from < g.Week(); from += RecentWeeks {
		to := min(from+RecentWeeks, g.Week())
		b := g.bottleneckIn(views, from, to, RecentWeeks)
		if b.Stage >= 0 {
			out = append(out, BottleneckPeriod{From: from + 1, To: to, ID: b.ID, Name: b.Name, Share: b.Share})
		}
	}
	return out
}

// bottleneckIn finds the stage where work waited longest in weeks
// [from, to) (counted from 0); weeks is the window the reason describes.
func (g *Game) bottleneckIn(views []StageView, from, to, weeks int) Bottleneck {
	b := Bottleneck{Stage: -1}
	var total float64
	waited := make([]float64, len(views))
	for i, v := range views {
		for _, w := range v.Weekly[min(from, len(v.Weekly)):min(to, len(v.Weekly))] {
			waited[i] += w.Waited
		}
		total += waited[i]
		if waited[i] > 0 && (b.Stage < 0 || waited[i] > waited[b.Stage]) {
			b.Stage = i
		}
	}
	if b.Stage < 0 {
		return b
	}
	v := views[b.Stage]
	b.ID, b.Name, b.Waited, b.Share = v.ID, v.Name, round3(waited[b.Stage]), round3(waited[b.Stage]/total)
	switch {
	case v.BatchEvery > 0:
		b.Why = fmt.Sprintf("finished work waits for the %s, which leaves every %s", v.Name, g.duration(v.BatchEvery))
	case v.Blocked > 0 || v.Backlog > 0:
		b.Why = fmt.Sprintf("%s is at its WIP limit of %d; %s to get in", v.Name, v.WIPLimit, itemsWait(v.Blocked+v.Backlog))
	case v.Regression > 0 && v.Outside*2 >= v.Queue:
		b.Why = fmt.Sprintf("the team is %.0f%% busy, much of it with the release's manual regression runs (%d of the %d in the queue)", 100*recentUtilization(v, weeks), v.Regression, v.Queue)
	case v.Outside > 0 && v.Outside*2 >= v.Queue:
		b.Why = fmt.Sprintf("the team is %.0f%% busy, much of it with requests from outside the value stream (%d of the %d in the queue)", 100*recentUtilization(v, weeks), v.Outside, v.Queue)
	case v.Away > 0:
		b.Why = fmt.Sprintf("the team is %.0f%% busy with %d of its %d people away", 100*recentUtilization(v, weeks), v.Away, v.People)
	default:
		q := math.Round(recentQueue(v, weeks))
		noun := "items"
		if q == 1 {
			noun = "item"
		}
		b.Why = fmt.Sprintf("the team is %.0f%% busy, with %.0f %s waiting for it at the end of a week on average", 100*recentUtilization(v, weeks), q, noun)
	}
	return b
}

func itemsWait(n int) string {
	if n == 1 {
		return "1 item waits"
	}
	return fmt.Sprintf("%d items wait", n)
}

func recentUtilization(v StageView, weeks int) float64 {
	return v.Recent(weeks, func(w StageWeek) float64 { return w.Utilization }, v.Utilization)
}

func recentQueue(v StageView, weeks int) float64 {
	return v.Recent(weeks, func(w StageWeek) float64 { return float64(w.Queue) }, float64(v.Queue))
}

// Replay rebuilds a game from its decision log: the same scenario and seed,
// each decision applied at the minute it was taken, then played to time
// upTo. A decision the game now refuses means the log does not belong to
// this scenario and seed.
func Replay(sc *Scenario, seed uint64, weeks int, log []LoggedDecision, upTo Time) (*Game, error) {
	return ReplaySchedule(sc, seed, weeks, nil, log, upTo)
}

// Impact is how much one decision was worth: the game's score with it, less
// the score of the same game played again without it.
type Impact struct {
	Decision LoggedDecision `json:"decision"`
	Score    int            `json:"score"` // points the decision was worth (negative: it cost points)
	// Without is how the game played again without it came out; nil in
	// results stored before it was recorded.
	Without *Replayed `json:"without,omitempty"`
}

// Replayed is how a game played again (without one decision) came out.
type Replayed struct {
	Score int `json:"score"`
	// Ended says the replay was over when it reached the minute the game
	// did; Won and Week are then its outcome (Week: the week it ended, 1
	// = the first). A replay of a game that ended early, lost, may still
	// be going at that minute: Ended false, Week the week it reached.
	Ended       bool    `json:"ended"`
	Won         bool    `json:"won"`
	Week        int     `json:"week"`
	MarketShare float64 `json:"market_share"` // at its end, or at that minute
}

// Impacts replays the finished game once without each decision and ranks
// the decisions by what they were worth, most first. A decision whose
// removal makes a later one impossible is worth at least that one too.
func (g *Game) Impacts() []Impact {
	without := make([]Replayed, len(g.log))
	var spent *Game
	for i := range g.log {
		without[i] = g.playWithout(i, &spent)
	}
	return g.rankImpacts(without)
}

// playWithout replays the game without decision i, to the minute the game
// reached, and returns how it came out. The replay is the game itself up to that
// decision's minute; it is played from the start because a game cannot be
// copied (its pending events hold callbacks bound to it). The replay is
// made from the memory of *spent (see NewGameReusing) and left there.
func (g *Game) playWithout(i int, spent **Game) Replayed {
	h := NewGameReusing(g.sc, g.sim.seed, g.weeks, *spent)
	defer func() { *spent = h }()
	g.scheduleAgain(h, true)
	for j, d := range g.log {
		if j == i {
			h.skipped++
			continue
		}
		h.runTo(d.At)
		if h.Apply(d.Decision) != nil { // may now be refused: that is part of the impact
			h.skipped++
		}
	}
	h.runTo(g.Now())
	h.fireScheduled()
	r := Replayed{Score: h.Score(), MarketShare: h.Share(), Week: h.weekOf(h.Now())}
	if out, over := h.Over(); over {
		r.Ended, r.Won, r.Week = true, out.Won, out.Week
	}
	return r
}

// rankImpacts turns how the game came out without each decision into what
// each decision was worth, most first.
func (g *Game) rankImpacts(without []Replayed) []Impact {
	final := g.Score()
	out := make([]Impact, len(g.log))
	for i, d := range g.log {
		out[i] = Impact{Decision: d, Score: final - without[i].Score, Without: &without[i]}
	}
	slices.SortStableFunc(out, func(a, b Impact) int { return b.Score - a.Score })
	return out
}

// Luck places a game among the same decisions played in other worlds:
// was the result skill or luck?
type Luck struct {
	Runs      int     `json:"runs"`       // other worlds (seeds) played
	FirstSeed uint64  `json:"first_seed"` // they are seeds FirstSeed..FirstSeed+Runs-1
	WinRate   float64 `json:"win_rate"`   // share of them the same decisions won
	// WinRateLow and WinRateHigh bound the win rate the same decisions
	// would have over every world, with 95% confidence (Wilson's interval
	// over Runs worlds): what so few worlds can and cannot say. Both 0 in
	// results stored before they were recorded.
	WinRateLow  float64 `json:"win_rate_low,omitempty"`
	WinRateHigh float64 `json:"win_rate_high,omitempty"`
	ScoreP5     int     `json:"score_p5"`
	ScoreP50    int     `json:"score_p50"`
	ScoreP95    int     `json:"score_p95"`
	// Percentile is the share of the other worlds in which the same
	// decisions scored less than this game (ties count half).
	Percentile float64 `json:"percentile"`
}

// SkillOrLuck replays this game's decisions, each at the start of the week
// it was taken, in runs other worlds (the next seeds) and places the game's
// score among theirs. The same decisions doing as well everywhere is
// skill; doing much better here than elsewhere is luck.
func (g *Game) SkillOrLuck(runs int) Luck {
	plan := g.weeklyPlan()
	first := g.luckSeed()
	worlds := ReplicateEach(runs, first, 0, func(spent **Game, seed uint64) world { return g.playIn(plan, seed, spent) })
	return g.placeLuck(first, worlds)
}

// world is how the game's decisions did in another world.
type world struct {
	score int
	won   bool
}

// weeklyPlan is the game's decisions, each at the start of its week.
func (g *Game) weeklyPlan() *Plan {
	plan := &Plan{}
	for _, d := range g.log {
		plan.Steps = append(plan.Steps, PlannedDecision{Week: d.Week, Decision: d.Decision})
	}
	return plan
}

// luckSeed is the first of the other worlds' seeds.
func (g *Game) luckSeed() uint64 { return g.sim.seed + 1 }

// playIn plays the plan in the world of seed: a whole game, as RunGame,
// made from the memory of *spent and left there.
func (g *Game) playIn(plan *Plan, seed uint64, spent **Game) world {
	h := NewGameReusing(g.sc, seed, g.weeks, *spent)
	defer func() { *spent = h }()
	g.scheduleAgain(h, false)
	h.Play(plan)
	return world{score: h.Score(), won: h.outcome.Won}
}

// placeLuck places the game's score among the other worlds' (seeds first,
// first+1, ...).
func (g *Game) placeLuck(first uint64, worlds []world) Luck {
	runs := len(worlds)
	score := g.Score()
	scores := make([]int, runs)
	l := Luck{Runs: runs, FirstSeed: first}
	below := 0.0
	for i, w := range worlds {
		scores[i] = w.score
		if w.won {
			l.WinRate++
		}
		switch {
		case w.score < score:
			below++
		case w.score == score:
			below += 0.5
		}
	}
	if runs == 0 {
		return l
	}
	slices.Sort(scores)
	rank := func(p int) int { return scores[max((p*runs+99)/100, 1)-1] }
	l.WinRateLow, l.WinRateHigh = wilson(l.WinRate, runs)
	l.WinRate = round3(l.WinRate / float64(runs))
	l.ScoreP5, l.ScoreP50, l.ScoreP95 = rank(5), rank(50), rank(95)
	l.Percentile = round3(below / float64(runs))
	return l
}

// wilson is the 95% Wilson score interval of a share: won of runs, each
// end rounded to a thousandth.
func wilson(won float64, runs int) (low, high float64) {
	const z = 1.96
	n := float64(runs)
	p := won / n
	centre := (p + z*z/(2*n)) / (1 + z*z/n)
	half := z * math.Sqrt(p*(1-p)/n+z*z/(4*n*n)) / (1 + z*z/n)
	return round3(max(centre-half, 0)), round3(min(centre+half, 1))
}

// LuckRuns is how many other worlds the debrief plays the decisions in.
// Each is a whole game (about 3.5 ms of CPU for the default scenario), and
// they are nine tenths of the debrief: 20 keep a default game's debrief
// near 100 ms of CPU (it was 426 ms with 100). Twenty worlds tell a
// decided game (won or lost nearly everywhere) from a toss-up, and place
// the score to within a twentieth; they cannot pin a win rate nearer than
// about ±20 points in the middle, which is why the result carries the
// interval (WinRateLow, WinRateHigh) and the screens say how many worlds
// were played.
const LuckRuns = 20

// Debrief is the result of a finished game with what a debrief needs on
// top: the bottleneck of the last quarter and how it moved, what each
// decision was worth, the same decisions in other worlds, and the news. A
// queueing model has no score, so no decision is worth points and there is
// no luck to weigh.
func (g *Game) Debrief() Result {
	r, _ := g.DebriefContext(context.Background(), nil) // never cancelled: no error
	return r
}

// DebriefContext is Debrief on every core, abandoned (with ctx's error) once
// ctx is done. Its replays (one without each decision, then LuckRuns other
// worlds) are independent games: they run on up to GOMAXPROCS goroutines,
// each result in its own place, so the debrief is the same whatever the
// number of cores. progress, if not nil, hears after each replay how many
// of how many are done, in order, from one goroutine at a time. Nothing
// else may use the game while the debrief runs: even its read methods
// bring its statistics up to date.
func (g *Game) DebriefContext(ctx context.Context, progress func(done, total int)) (Result, error) {
	r := g.Result()
	b := g.Bottleneck(DORAWindow)
	r.Bottleneck = &b
	r.BottleneckTimeline = g.BottleneckTimeline()
	r.News = g.news
	if !g.sc.HasGame() {
		return r, nil
	}
	n := len(g.log)
	without := make([]Replayed, n)
	plan, first := g.weeklyPlan(), g.luckSeed()
	worlds := make([]world, LuckRuns)
	err := replay(ctx, n+LuckRuns, progress, func(j int, spent **Game) {
		if j < n {
			without[j] = g.playWithout(j, spent)
		} else {
			worlds[j-n] = g.playIn(plan, first+uint64(j-n), spent)
		}
	})
	if err != nil {
		return Result{}, err
	}
	r.Impacts = g.rankImpacts(without)
	luck := g.placeLuck(first, worlds)
	r.Luck = &luck
	return r, nil
}

// replay runs job(0..n-1) on up to GOMAXPROCS goroutines and returns when
// all have run, or, once ctx is done, as soon as the running ones have
// (with ctx's error). progress hears of each one done. Each goroutine's
// jobs share a spent game, which each job may make its game from and
// leave its own in (a replay's game is not kept).
func replay(ctx context.Context, n int, progress func(done, total int), job func(j int, spent **Game)) error {
	var (
		next atomic.Int64
		mu   sync.Mutex // orders the progress reports
		done int
		wg   sync.WaitGroup
	)
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var spent *Game
			for ctx.Err() == nil {
				j := int(next.Add(1) - 1)
				if j >= n {
					return
				}
				job(j, &spent)
				if progress != nil {
					mu.Lock()
					done++
					progress(done, n)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}
