package sim

import "github.com/globomantics/globosim/internal/sim/des"

// Time is simulated working time in whole minutes; the model keeps the
// kernel's clock unit as its own.
type Time = des.Time

// Units of simulated time. A day and a week depend on the scenario's working
// hours, so they are not constants; see Scenario.Day and Scenario.Week.
const (
	Minute = des.Minute
	Hour   = des.Hour
)
