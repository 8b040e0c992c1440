package sim

import (
	"fmt"
	"math"
	"slices"
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
	g := NewGame(sc, seed, weeks)
	for _, d := range log {
		if d.At < g.Now() {
			return nil, fmt.Errorf("the decision log is out of order at week %d", d.Week)
		}
		g.RunUntil(d.At)
		if err := g.Apply(d.Decision); err != nil {
			return nil, fmt.Errorf("week %d: %s: %w", d.Week, d.Text, err)
		}
	}
	g.RunUntil(upTo)
	return g, nil
}

// Impact is how much one decision was worth: the game's score with it, less
// the score of the same game played again without it.
type Impact struct {
	Decision LoggedDecision `json:"decision"`
	Score    int            `json:"score"` // points the decision was worth (negative: it cost points)
}

// Impacts replays the finished game once without each decision and ranks
// the decisions by what they were worth, most first. A decision whose
// removal makes a later one impossible is worth at least that one too.
func (g *Game) Impacts() []Impact {
	final := g.Score()
	end := g.Now()
	out := make([]Impact, 0, len(g.log))
	for i := range g.log {
		without := slices.Delete(slices.Clone(g.log), i, i+1)
		h := NewGame(g.sc, g.sim.seed, g.weeks)
		for _, d := range without {
			h.RunUntil(d.At)
			_ = h.Apply(d.Decision) // may now be refused: that is part of the impact
		}
		h.RunUntil(end)
		out = append(out, Impact{Decision: g.log[i], Score: final - h.Score()})
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
	ScoreP5   int     `json:"score_p5"`
	ScoreP50  int     `json:"score_p50"`
	ScoreP95  int     `json:"score_p95"`
	// Percentile is the share of the other worlds in which the same
	// decisions scored less than this game (ties count half).
	Percentile float64 `json:"percentile"`
}

// SkillOrLuck replays this game's decisions, each at the start of the week
// it was taken, in runs other worlds (the next seeds) and places the game's
// score among theirs. The same decisions doing as well everywhere is
// skill; doing much better here than elsewhere is luck.
func (g *Game) SkillOrLuck(runs int) Luck {
	plan := &Plan{}
	for _, d := range g.log {
		plan.Steps = append(plan.Steps, PlannedDecision{Week: d.Week, Decision: d.Decision})
	}
	first := g.sim.seed + 1
	results := Replicate(runs, first, 0, func(seed uint64) Result { return RunGame(g.sc, seed, g.weeks, plan) })
	score := g.Score()
	scores := make([]int, len(results))
	l := Luck{Runs: runs, FirstSeed: first}
	below := 0.0
	for i, r := range results {
		scores[i] = r.Summary.Score
		if r.Summary.Won {
			l.WinRate++
		}
		switch {
		case r.Summary.Score < score:
			below++
		case r.Summary.Score == score:
			below += 0.5
		}
	}
	if runs == 0 {
		return l
	}
	slices.Sort(scores)
	rank := func(p int) int { return scores[max((p*runs+99)/100, 1)-1] }
	l.WinRate = round3(l.WinRate / float64(runs))
	l.ScoreP5, l.ScoreP50, l.ScoreP95 = rank(5), rank(50), rank(95)
	l.Percentile = round3(below / float64(runs))
	return l
}

// LuckRuns is how many other worlds the debrief plays the decisions in.
const LuckRuns = 100

// Debrief is the result of a finished game with what a debrief needs on
// top: the bottleneck of the last quarter and how it moved, what each
// decision was worth, the same decisions in other worlds, and the news. A
// queueing model has no score, so no decision is worth points and there is
// no luck to weigh.
func (g *Game) Debrief() Result {
	r := g.Result()
	b := g.Bottleneck(DORAWindow)
	r.Bottleneck = &b
	r.BottleneckTimeline = g.BottleneckTimeline()
	r.News = g.news
	if !g.sc.HasGame() {
		return r
	}
	r.Impacts = g.Impacts()
	luck := g.SkillOrLuck(LuckRuns)
	r.Luck = &luck
	return r
}
