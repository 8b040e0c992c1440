package sim

// DecisionKind is what a player decides.
type DecisionKind uint8

// The decisions a player can take.
const (
	Invest            DecisionKind = iota + 1 // start building an investment
	SetWIPLimit                               // cap the work at a stage
	SetReleaseCadence                         // change how often the release train leaves
	Hire                                      // hire (or, negative, let go of) people on a stage
	SetSlicing                                // cut features into slices (MVP) or not
)

var decisionNames = [...]string{"", "invest", "wip_limit", "release_every", "hire", "slicing"}

func (k DecisionKind) String() string {
	if int(k) < len(decisionNames) && k > 0 {
		return decisionNames[k]
	}
	return "unknown"
}

// Decision is the one door through which a player changes the game. Ids are
// the scenario's ids, so a decision reads the same in a plan file, a save
// and a log.
type Decision struct {
	Kind       DecisionKind
	Investment string // Invest: the investment's id
	Stage      string // SetWIPLimit, Hire: the stage's id
	// N is the WIP limit (0 removes it), the people to hire (negative: let
	// go), or the slices per feature (1: no slicing).
	N int
	// Every is the time between releases, for SetReleaseCadence.
	Every Time
}

// Plan is a strategy written down: decisions by week, for `globosim run
// --plan` and for comparing strategies.
type Plan struct {
	Name, Description string
	Steps             []PlannedDecision
}

// PlannedDecision is a decision taken at the start of a week (1 = the first).
type PlannedDecision struct {
	Week int
	Decision
}
