package sim

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// DecisionKind is what a player decides.
type DecisionKind uint8

// The decisions a player can take.
const (
	Invest            DecisionKind = iota + 1 // start building an investment
	SetWIPLimit                               // cap the work at a stage
	SetReleaseCadence                         // change how often the release train leaves
	Hire                                      // hire (or, negative, let go of) people on a stage
	SetSlicing                                // cut features into slices (MVP) or not
	SetImprovement                            // set the share of a team's time spent on improvement work
	Respond                                   // answer an event that offers choices
)

var decisionNames = [...]string{"", "invest", "wip_limit", "release_every", "hire", "slicing", "improvement", "respond"}

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
	Stage      string // SetWIPLimit, Hire, SetImprovement: the stage's id
	// N is the WIP limit (0 removes it), the people to hire (negative: let
	// go), or the slices per feature (1: no slicing).
	N int
	// Every is the time between releases, for SetReleaseCadence.
	Every Time
	// Share is the share of the team's time for improvement work, 0 to
	// one half, for SetImprovement.
	Share float64
	// Event and Choice are the event's id and the id of the response, for
	// Respond.
	Event, Choice string
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

// MarshalText writes the kind's name, as plan files spell it.
func (k DecisionKind) MarshalText() ([]byte, error) {
	if k.String() == "unknown" {
		return nil, fmt.Errorf("no decision kind %d", k)
	}
	return []byte(k.String()), nil
}

// UnmarshalText reads a kind's name.
func (k *DecisionKind) UnmarshalText(text []byte) error {
	for i, name := range decisionNames {
		if i > 0 && string(text) == name {
			*k = DecisionKind(i)
			return nil
		}
	}
	return fmt.Errorf("%.20q is not a kind of decision (%s)", text, strings.Join(decisionNames[1:], ", "))
}

// loggedDecisionJSON is a LoggedDecision in a result's JSON: the fields of
// a save's decision, with the name of what it is about. A file written
// before decisions were typed has only the week and the text: Kind 0.
type loggedDecisionJSON struct {
	Week       int          `json:"week"`
	At         int64        `json:"at_minute"`
	Kind       DecisionKind `json:"kind"`
	Investment string       `json:"investment,omitempty"`
	Stage      string       `json:"stage,omitempty"`
	N          int          `json:"n,omitempty"`
	Every      int64        `json:"every_minutes,omitempty"`
	Share      float64      `json:"share,omitempty"`
	Event      string       `json:"event,omitempty"`
	Choice     string       `json:"choice,omitempty"`
	Name       string       `json:"name,omitempty"`
	Text       string       `json:"text"`
}

// MarshalJSON writes the decision with its kind and parameters.
func (d LoggedDecision) MarshalJSON() ([]byte, error) {
	return json.Marshal(loggedDecisionJSON{
		Week: d.Week, At: int64(d.At), Kind: d.Decision.Kind,
		Investment: d.Decision.Investment, Stage: d.Decision.Stage, N: d.Decision.N, Every: int64(d.Decision.Every),
		Share: d.Decision.Share, Event: d.Decision.Event, Choice: d.Decision.Choice,
		Name: d.Name, Text: d.Text,
	})
}

// UnmarshalJSON reads what MarshalJSON writes, or an older file's week and
// text (Kind 0: what was decided is not known).
func (d *LoggedDecision) UnmarshalJSON(b []byte) error {
	var j struct {
		loggedDecisionJSON
		Kind *DecisionKind `json:"kind"`
	}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	var kind DecisionKind
	if j.Kind != nil {
		kind = *j.Kind
	}
	*d = LoggedDecision{
		Week: j.Week, At: Time(j.At), Name: j.Name, Text: j.Text,
		Decision: Decision{Kind: kind, Investment: j.Investment, Stage: j.Stage, N: j.N, Every: Time(j.Every),
			Share: j.Share, Event: j.Event, Choice: j.Choice},
	}
	return nil
}

// namedLog is the decision log with the name of what each decision is
// about, for the result.
func (g *Game) namedLog() []LoggedDecision {
	if len(g.log) == 0 {
		return nil
	}
	out := slices.Clone(g.log)
	for i := range out {
		switch d := out[i].Decision; {
		case d.Kind == Invest:
			if j := g.investmentIndex(d.Investment); j >= 0 {
				out[i].Name = g.sc.Investments[j].Name
			}
		case d.Stage != "":
			if j := g.sc.StageIndex(d.Stage); j >= 0 {
				out[i].Name = g.sc.Stages[j].Label()
			}
		case d.Kind == Respond:
			if j := g.eventIndex(d.Event); j >= 0 {
				out[i].Name = g.sc.Events[j].Label()
			}
		}
	}
	return out
}
