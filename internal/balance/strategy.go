package balance

import (
	"slices"

	"github.com/globomantics/globosim/internal/sim"
)

// Kind is what a strategy stands for in the checks.
type Kind uint8

// The kinds of strategy the checks know.
const (
	Baseline  Kind = iota + 1 // no decisions
	Sound                     // the scenario's own sound plan
	Named                     // another plan given to the check
	Greedy                    // every investment as soon as the shop allows it
	Single                    // one investment alone (and slicing on, if it enables slicing)
	Practices                 // every practice, no automation
	Searched                  // a plan found by Search
)

var kindNames = [...]string{"", "do nothing", "sound plan", "plan", "buy everything", "single investment", "practices only", "searched"}

func (k Kind) String() string {
	if int(k) < len(kindNames) && k > 0 {
		return kindNames[k]
	}
	return "unknown"
}

// MarshalText writes the kind's name, for --json.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Strategy is a way to play a scenario: a plan's decisions by week. When
// AsSoonAsAllowed, a decision the game refuses is tried again at the start
// of every later week until it is taken (an investment waiting for its
// prerequisite or for money, slicing waiting for the investment that
// enables it), which no plan file can say; Decisions then shows what was
// taken on one seed.
type Strategy struct {
	Name            string
	Kind            Kind
	Plan            *sim.Plan // nil: no decisions
	AsSoonAsAllowed bool
}

// game is what the checks keep of one game.
type game struct {
	won     bool
	score   int
	share   float64 // at the end
	weeks   int
	leadQ4  float64   // median lead time in the last quarter (hours)
	shares  []float64 // market share at the end of each week (kept for the baseline and the sound plan)
	leads   []float64 // median lead time of the items finished each week, 0 when none
	crashed bool      // the run stopped with too much work in the system
	// spendable is the money the game let this player spend on the shop:
	// cash at the end and what it paid for investments.
	spendable int64
}

// play plays the strategy on one seed.
func (s *Strategy) play(sc *sim.Scenario, seed uint64) *sim.Game {
	g := sim.NewGame(sc, seed, 0)
	if !s.AsSoonAsAllowed || s.Plan == nil {
		g.Play(s.Plan)
		return g
	}
	pending := slices.Clone(s.Plan.Steps)
	for {
		if _, over := g.Over(); over {
			return g
		}
		week := g.Week() + 1
		pending = slices.DeleteFunc(pending, func(p sim.PlannedDecision) bool {
			return p.Week <= week && g.Apply(p.Decision) == nil
		})
		g.AdvanceWeek()
	}
}

// Decisions is what the strategy decided on the seed, as a plan a
// facilitator can run (for a strategy played as soon as allowed, the weeks
// in which the game took each decision on that seed).
func (s *Strategy) Decisions(sc *sim.Scenario, seed uint64) *sim.Plan {
	if s.Plan == nil {
		return &sim.Plan{Name: s.Name}
	}
	if !s.AsSoonAsAllowed {
		return s.Plan
	}
	p := &sim.Plan{Name: s.Name, Description: s.Plan.Description}
	for _, d := range s.play(sc, seed).Log() {
		p.Steps = append(p.Steps, sim.PlannedDecision{Week: d.Week, Decision: d.Decision})
	}
	return p
}

// record plays the strategy on seeds first..first+n-1 and keeps what the
// checks need; weekly keeps the weekly share and lead time too.
func (s *Strategy) record(sc *sim.Scenario, n int, first uint64, weekly bool) []game {
	return sim.Replicate(n, first, 0, func(seed uint64) game {
		g := s.play(sc, seed)
		r := g.Result()
		out := game{
			won: r.Summary.Won, score: r.Summary.Score, share: r.Summary.MarketShare,
			weeks: r.Weeks, leadQ4: lastQuarterLeadTime(r), crashed: g.Err() != nil,
			spendable: g.Cash() + g.InvestedMoney(),
		}
		if weekly {
			out.shares = make([]float64, len(r.Weekly))
			out.leads = make([]float64, len(r.Weekly))
			for i, w := range r.Weekly {
				out.shares[i] = w.MarketShare
				if w.Completed > 0 {
					out.leads[i] = w.LeadTimeP50
				}
			}
		}
		return out
	})
}

// GreedyStrategies are "buy everything as soon as the shop allows": every
// investment from week 1, prerequisites first, slicing on as soon as it can
// be, and, where the scenario's teams can set time aside for improvement
// work, one strategy per share of 0.1 to 0.5 on every staffed team.
func GreedyStrategies(sc *sim.Scenario) []Strategy {
	if len(sc.Investments) == 0 {
		return nil
	}
	var steps []sim.PlannedDecision
	for _, i := range prerequisitesFirst(sc) {
		steps = append(steps, at(1, sim.Decision{Kind: sim.Invest, Investment: sc.Investments[i].ID}))
	}
	steps = append(steps, slicingOn(sc)...)
	shares := improvementShares(sc)
	if len(shares) == 0 {
		return []Strategy{{Name: greedyName, Kind: Greedy, AsSoonAsAllowed: true,
			Plan: &sim.Plan{Name: greedyName, Description: "Every investment in the week the shop allows it, prerequisites first, and slicing on when it can be.", Steps: steps}}}
	}
	var out []Strategy
	for _, share := range shares {
		st := append(improvementSteps(sc, share), steps...)
		name := "Buy everything, improvement " + shareText(share)
		out = append(out, Strategy{Name: name, Kind: Greedy, AsSoonAsAllowed: true,
			Plan: &sim.Plan{Name: name, Description: "Every investment in the week the shop allows it, prerequisites first, slicing on when it can be, and every team giving this share of its time to improvement.", Steps: st}})
	}
	return out
}

const greedyName = "Buy everything as soon as allowed"

// greedyVariant names which of the greedy strategies a warning is about,
// when there are several (one per improvement share).
func greedyVariant(name string) string {
	if name == greedyName {
		return ""
	}
	return " (" + name + ")"
}

// SingleStrategies are each investment that needs no other, bought alone
// in week 1 (or as soon as there is the money); one that enables slicing
// also turns slicing on when it is done. Where teams set time aside for
// improvement work, every team that builds it gives buildShare of it (a
// share on another team changes nothing: with no improvement work in
// progress a team does features only), so a plan is as few decisions as
// it takes.
func SingleStrategies(sc *sim.Scenario) []Strategy {
	improves := len(improvementShares(sc)) > 0
	var out []Strategy
	for i := range sc.Investments {
		inv := &sc.Investments[i]
		if len(inv.Requires) > 0 {
			continue // cannot be bought alone
		}
		steps := []sim.PlannedDecision{at(1, sim.Decision{Kind: sim.Invest, Investment: inv.ID})}
		if enablesSlicing(inv) {
			steps = append(steps, slicingOn(sc)...)
		}
		if improves {
			steps = append(builderSteps(sc, inv, buildShare), steps...)
		}
		out = append(out, Strategy{Name: inv.Name, Kind: Single, AsSoonAsAllowed: true,
			Plan: &sim.Plan{Name: inv.Name + " alone", Steps: steps}})
	}
	return out
}

// PracticesStrategy is every practice (see IsPractice) whose prerequisites
// are practices too, from week 1, with slicing on when it can be (and
// buildShare of every team's time for improvement, where the game has it):
// changing how people work without automating anything. ok is false when
// the scenario has no practice.
func PracticesStrategy(sc *sim.Scenario) (s Strategy, ok bool) {
	var steps []sim.PlannedDecision
	for _, i := range prerequisitesFirst(sc) {
		if onlyPractices(sc, i) {
			steps = append(steps, at(1, sim.Decision{Kind: sim.Invest, Investment: sc.Investments[i].ID}))
		}
	}
	if len(steps) == 0 {
		return Strategy{}, false
	}
	steps = append(steps, slicingOn(sc)...)
	if shares := improvementShares(sc); len(shares) > 0 {
		steps = append(improvementSteps(sc, buildShare), steps...)
	}
	return Strategy{Name: "Practices without automation", Kind: Practices, AsSoonAsAllowed: true,
		Plan: &sim.Plan{Name: "Practices without automation", Description: "Every practice as soon as allowed, and slicing on when it can be; no tool.", Steps: steps}}, true
}

func at(week int, d sim.Decision) sim.PlannedDecision {
	return sim.PlannedDecision{Week: week, Decision: d}
}

// slicingOn turns slicing on with the scenario's slices, when it slices.
func slicingOn(sc *sim.Scenario) []sim.PlannedDecision {
	if len(sc.Slicing.Work) == 0 || sc.Slicing.Slices < 2 {
		return nil
	}
	return []sim.PlannedDecision{at(1, sim.Decision{Kind: sim.SetSlicing, N: sc.Slicing.Slices})}
}

// prerequisitesFirst orders the investments so that each comes after those
// it requires, otherwise in the scenario's order.
func prerequisitesFirst(sc *sim.Scenario) []int {
	done := make([]bool, len(sc.Investments))
	var out []int
	var visit func(i int, depth int)
	visit = func(i, depth int) {
		if done[i] || depth > len(sc.Investments) {
			return
		}
		for _, r := range sc.Investments[i].Requires {
			visit(r, depth+1)
		}
		if !done[i] {
			done[i] = true
			out = append(out, i)
		}
	}
	for i := range sc.Investments {
		visit(i, 0)
	}
	return out
}

// staffedStages are the stages with people (not automated at the start).
func staffedStages(sc *sim.Scenario) []int {
	var out []int
	for i := range sc.Stages {
		if sc.Stages[i].Capacity != sim.Unlimited {
			out = append(out, i)
		}
	}
	return out
}

// buildShare is the improvement share every staffed team gives when an
// investment is bought alone or the practices only, so that, where
// investments are built with the teams' improvement time, they get built.
const buildShare = 0.25

// improvementSteps set every staffed team's improvement share in week 1.
func improvementSteps(sc *sim.Scenario, share float64) []sim.PlannedDecision {
	var out []sim.PlannedDecision
	for _, stage := range staffedStages(sc) {
		out = append(out, at(1, sim.Decision{Kind: sim.SetImprovement, Stage: sc.Stages[stage].ID, Share: share}))
	}
	return out
}

// builderSteps set the improvement share of every team that builds the
// investment in week 1.
func builderSteps(sc *sim.Scenario, inv *sim.Investment, share float64) []sim.PlannedDecision {
	var out []sim.PlannedDecision
	for _, e := range inv.Work() {
		if e.Stage >= 0 && e.Stage < len(sc.Stages) && sc.Stages[e.Stage].Capacity != sim.Unlimited {
			out = append(out, at(1, sim.Decision{Kind: sim.SetImprovement, Stage: sc.Stages[e.Stage].ID, Share: share}))
		}
	}
	return out
}

// improvementShares are the improvement shares to try, or none when the
// game does not take an improvement decision (a probe game on a staffed
// stage says).
func improvementShares(sc *sim.Scenario) []float64 {
	st := staffedStages(sc)
	if len(st) == 0 {
		return nil
	}
	g := sim.NewGame(sc, 1, 0)
	if g.Apply(sim.Decision{Kind: sim.SetImprovement, Stage: sc.Stages[st[0]].ID, Share: 0.1}) != nil {
		return nil
	}
	return []float64{0.1, 0.2, 0.3, 0.4, 0.5}
}
