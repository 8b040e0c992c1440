package sim

import (
	"math"

	"github.com/globomantics/globosim/internal/sim/des"
)

// The game's configuration: money, quality, production, market, competitors,
// investments and events. Like Scenario, these are plain validated values;
// package scenario fills them from a TOML file.

// Company is the money side of Globomantics and the rules of winning.
type Company struct {
	Name           string  // the company the player leads; "" is the scenario's name (see Scenario.CompanyName)
	Budget         int64   // starting cash, in dollars
	RevenuePerWeek int64   // income per week at 100% market share
	SalaryPerWeek  int64   // cost of one person (one server of a staffed stage) per week
	InfraPerWeek   int64   // infrastructure cost per week before any change
	MarketShare    float64 // starting share, 0..1
	ShareFloor     float64 // falling below this ends the game, lost
	WinShare       float64 // share needed at the end to win
	HireCost       int64   // one-off cost of hiring one person
	RampUpWeeks    int     // weeks before a new hire adds capacity
	// ImprovementShare is every staffed team's share of its time for
	// improvement work at the start, 0 to MaxImprovementShare.
	ImprovementShare float64
	// Payout is the share, 0..1, of a week's operating profit (revenue
	// less salaries, infrastructure and outages) that leaves the bank for
	// the owners: dividends, a loan repaid. Investments and losses stay
	// the company's own to pay.
	Payout float64
}

// MaxImprovementShare is the most of its time a team may give to
// improvement work: half.
const MaxImprovementShare = 0.5

// Quality is how changes fail and how testing scales.
type Quality struct {
	Coverage float64 // share of the regression suite that is automated, 0..1
	Parity   float64 // how closely test environments match production, 0..1
	// DefectRate is the chance that one change breaks production when there
	// is no test coverage and no environment parity.
	DefectRate float64
	// BugRate is the chance that a delivered change carries a bug that
	// customers find, with no coverage; it comes back as BugWork.
	BugRate    float64
	BugWork    int      // work type of escaped bugs
	BugDelay   des.Dist // time until customers report an escaped bug
	Regression int      // stage whose service time grows with the codebase (-1: none)
	// RegressionGrowth is how much the regression stage's service time
	// grows per delivered change (0.001 = 0.1%).
	RegressionGrowth float64
	// ReleaseRegression is the full regression run each release needs on
	// the regression stage, before coverage (0: none).
	ReleaseRegression Time
}

// Production names the stages that DORA's clocks read.
type Production struct {
	Commit  int // leaving this stage for the first time is the commit
	Release int // the stage whose batch is the release train (-1: none)
	Deploy  int // entering this stage is a deployment to production
}

// Incidents describes outages caused by failed deployments.
type Incidents struct {
	Restore des.Dist // time to restore service
	Stage   int      // stage the firefighters come from
	People  int      // people pulled off that stage while an incident is open
	// Penalty is experience lost per week of open incident.
	Penalty float64
	// CostPerHour is what an hour of outage costs in money (overtime,
	// refunds, penalties), each hour an incident is open; 0: nothing.
	CostPerHour float64
	// RestoreGrowth is how much longer an outage takes to restore each
	// time the number of changes in the failed release doubles: the team
	// must first find which change broke production. Restore time is
	// multiplied by 1 + RestoreGrowth·log2(changes).
	RestoreGrowth float64
}

// Market describes how customers choose.
type Market struct {
	Switching   float64 // share of customers willing to switch for a better experience
	Reconsider  float64 // share of those who re-choose each week
	Sensitivity float64 // how strongly choice follows experience (per unit of experience)
	// ValueHalfLife is how fast delivered value fades from customers'
	// experience, in weeks.
	ValueHalfLife float64
	// DelayHalfLife is how fast a feature's value decays while customers
	// wait for it (cost of delay), in weeks; 0 means no decay.
	DelayHalfLife float64
	Experience    float64 // Globomantics' starting experience
}

// Fade is the share of customers' experience that is left after a week:
// 2^(-1/ValueHalfLife), and 0 (nothing lasts) with no half-life.
func (m *Market) Fade() float64 {
	if m.ValueHalfLife <= 0 {
		return 0
	}
	return des.Exp(-math.Ln2 / m.ValueHalfLife)
}

// Competitor is another company in the market.
type Competitor struct {
	Name         string
	Share        float64
	Experience   float64 // starting experience
	ReleaseEvery int     // weeks between its releases
	// Growth is the experience a release adds at first. A rival's
	// experience follows the same law as Globomantics': the value it
	// delivers, fading with the market's value half-life. Its product holds
	// its starting experience, and each release delivers Growth/(1-f) more
	// value (f is the weekly fade), so it gains about Growth a release at
	// first and settles at Experience + Growth/((1-f)*ReleaseEvery): see
	// Competitor.Ceiling.
	Growth float64
}

// Ceiling is the experience the competitor settles at, in a market whose
// delivered value fades by fade a week (see Growth); with no fading (fade
// not below 1) there is no ceiling and it is +Inf when it grows.
func (c *Competitor) Ceiling(fade float64) float64 {
	if c.Growth == 0 || c.ReleaseEvery <= 0 {
		return c.Experience
	}
	if fade >= 1 {
		return math.Inf(1)
	}
	return c.Experience + c.Growth/float64((1-fade)*float64(c.ReleaseEvery))
}

// Investment is something the player can buy: a tool, a platform or a
// practice. It costs money up front and every week, needs improvement work
// from named teams (see Work) and some calendar time, and changes the value
// stream when done.
type Investment struct {
	ID, Name    string
	Description string
	Cost        int64
	WeeklyCost  int64
	// BuildTime is the least calendar time from purchase to done
	// (procurement, coaching, negotiation). With no Effort and no drain it
	// is the whole build; with a drain, also how long the drained people
	// worked.
	BuildTime Time
	// Effort is the improvement work the investment needs, per team.
	Effort []Effort
	// DrainStage and DrainPeople are the first format's drain (people
	// pulled off a stage for the whole build). Nobody is pulled off any
	// more: with no Effort they mean DrainPeople × BuildTime of work from
	// that team (see Work).
	DrainStage  int // -1: none
	DrainPeople int
	Requires    []int // indexes of investments that must be done first
	Effects     []Effect
}

// Effort is the improvement work an investment needs from one team.
type Effort struct {
	Stage int  // a staffed stage
	Work  Time // person-minutes
}

// Work is the improvement work the investment needs, per team: Effort, or
// for an investment written with a drain, the drained people's time over
// the build.
func (inv *Investment) Work() []Effort {
	if len(inv.Effort) > 0 || inv.DrainStage < 0 || inv.DrainPeople <= 0 {
		return inv.Effort
	}
	return []Effort{{Stage: inv.DrainStage, Work: Time(inv.DrainPeople) * inv.BuildTime}}
}

// LeastTime is the least calendar time from purchase to done. For an
// investment written with a drain it stays its build time, so that an old
// file means what it meant: never sooner than before, later when its team
// gives it less time than the drained people did.
func (inv *Investment) LeastTime() Time { return inv.BuildTime }

// Effect changes one parameter of the model. Stage effects have Stage >= 0.
type Effect struct {
	Stage int // -1 for effects on the whole company

	// Stage parameters. Zero values mean "no change" except where a flag
	// says the field is set.
	Capacity       int // new capacity, when SetsCapacity (Unlimited allowed)
	SetsCapacity   bool
	AddCapacity    int     // people added (or, negative, removed) for good
	Away           int     // people taken off the stage's work but still paid (negative: back)
	Service        float64 // multiplies service time (0: no change)
	Rework         float64 // new rework probability, when SetsRework
	SetsRework     bool
	Batch          Time // new batch interval, when SetsBatch (0: no batching)
	SetsBatch      bool
	Background     float64 // multiplies the rate of outside requests, when SetsBackground
	SetsBackground bool

	// Company parameters (Stage == -1).
	Coverage   float64 // raises coverage to this level
	Parity     float64 // raises parity to this level
	Restore    float64 // multiplies time to restore
	Defects    float64 // multiplies the defect and bug rates
	InfraCost  float64 // multiplies infrastructure cost
	Regression float64 // multiplies the regression growth
	Slicing    bool    // enables MVP slicing
	Experience float64 // adds to customer experience (events)
	Money      int64   // adds cash (negative: a cost)
}

// Event is something that happens to the company: at a fixed week, or each
// week with some probability. Every player in a room sees the same events.
type Event struct {
	ID, Text    string
	Week        int     // fires at the start of this week (0: not fixed)
	Probability float64 // chance each week, when Week is 0
	Once        bool    // fires at most once
	// Facilitator makes an event that never happens by itself: only when
	// the facilitator of a room schedules it (see Game.Schedule).
	Facilitator     bool
	Duration        int // weeks the effects last (0: for good)
	Effects         []Effect
	Competitor      int // competitor whose experience changes (-1: none)
	CompetitorBoost float64
	Work            int // work type of extra arrivals (-1: none)
	WorkCount       int
	// Title is what the game calls the event when it asks (empty: its id).
	Title string
	// Choices are the answers the event offers (none: it only happens; see
	// choice.go), and Default the one taken when nobody answers.
	Choices []Choice
	Default int
}

// Slicing describes MVP slicing: features cut into thin slices, the first of
// which teaches whether the rest is worth building.
type Slicing struct {
	Work   []int   // work types that can be sliced (features)
	Slices int     // slices per feature when slicing is on
	Drop   float64 // features whose value is below this are dropped after their first slice
}
