package sim

import "github.com/globomantics/globosim/internal/sim/des"

// Scenario is a validated value stream, ready to simulate. It is built by
// package scenario from a TOML file, or directly in Go (tests do).
type Scenario struct {
	Name        string
	Description string
	// SourceSHA256 is the SHA-256, in hex, of the text the scenario was
	// read from (empty for one built in Go), so results can say which
	// scenario they played.
	SourceSHA256 string
	Seed         uint64
	Weeks        int
	// HoursPerWeek is the length of a working week; a day is a fifth of it.
	HoursPerWeek int
	Work         []WorkType
	Stages       []Stage // in flow order

	// The game. A scenario without these still simulates; see Game.
	Briefing    string // the situation, in a few short paragraphs
	Production  Production
	Company     Company
	Quality     Quality
	Incidents   Incidents
	Market      Market
	Competitors []Competitor
	Investments []Investment
	Events      []Event
	Slicing     Slicing
	Lessons     []Lesson // a tutorial, in order (see lesson.go)
	// Roles are the parts members of a team play (see role.go); a scenario
	// read from a file always has at least one.
	Roles []Role
}

// HasGame reports whether the scenario is a game: it has money, a market to
// win or lose, or something to invest in or to learn. Without any of these
// (a file with no game sections gets only their neutral defaults) it is a
// plain queueing model, which reports its flow and no verdict: there is
// no goal to reach, so nothing is won or lost.
func (sc *Scenario) HasGame() bool {
	c := &sc.Company
	return c.Budget != 0 || c.RevenuePerWeek != 0 || c.SalaryPerWeek != 0 || c.InfraPerWeek != 0 ||
		c.HireCost != 0 || c.WinShare > 0 || c.ShareFloor > 0 ||
		len(sc.Competitors) > 0 || len(sc.Investments) > 0 || len(sc.Events) > 0 || len(sc.Lessons) > 0
}

// CompanyName is the company the player leads: [company]'s name, or the
// scenario's when it gives none.
func (sc *Scenario) CompanyName() string {
	if sc.Company.Name != "" {
		return sc.Company.Name
	}
	return sc.Name
}

// ModelsProduction reports whether the scenario says how production
// behaves: deployments that can fail, restores that take time, bugs that
// escape. A game always measures the DORA keys; a plain queueing model
// measures them only when it models production.
func (sc *Scenario) ModelsProduction() bool {
	q := &sc.Quality
	return q.DefectRate > 0 || q.BugRate > 0 || sc.Incidents.Restore.Mean() > 0
}

// Week is the length of a working week in minutes.
func (sc *Scenario) Week() Time { return Time(sc.HoursPerWeek) * Hour }

// Day is a fifth of a working week.
func (sc *Scenario) Day() Time { return sc.Week() / 5 }

// StageIndex returns the position of the stage with this id, or -1.
func (sc *Scenario) StageIndex(id string) int {
	for i := range sc.Stages {
		if sc.Stages[i].ID == id {
			return i
		}
	}
	return -1
}

// WorkType is a kind of work item (feature, bug fix, upgrade, ...) with its
// own arrival process, size and route.
type WorkType struct {
	ID, Name string
	Arrival  des.Dist // minutes between arrivals
	Size     des.Dist // multiplies service times at every stage
	Route    []int    // stage indices, in flow order
	// Value, when HasValue, is the hidden value of each item to customers.
	Value    des.Dist
	HasValue bool
}

// Unlimited is the capacity of a stage with no limit on parallel work
// (an automated step).
const Unlimited = 0

// Stage is one step of the value stream: a team or a tool with a FIFO queue.
type Stage struct {
	ID, Name string
	Capacity int      // parallel servers, or Unlimited
	Service  des.Dist // minutes per unit of size
	// Rework: after service, with probability ReworkProb the item goes back to
	// stage ReworkTo (this stage or an earlier one on its route).
	ReworkProb float64
	ReworkTo   int
	// BatchEvery, when positive, holds finished items and releases them all
	// together every BatchEvery minutes (a release train).
	BatchEvery Time
	// Background, when HasBackground, is the time between requests from
	// outside the value stream (other teams) that compete for this stage's
	// servers. Each takes one service draw at size 1.
	Background    des.Dist
	HasBackground bool
}

// Name or ID, for display.
func (st *Stage) Label() string {
	if st.Name != "" {
		return st.Name
	}
	return st.ID
}

// Label is the work type's name, or its id.
func (w *WorkType) Label() string {
	if w.Name != "" {
		return w.Name
	}
	return w.ID
}
