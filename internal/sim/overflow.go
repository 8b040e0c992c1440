package sim

import "fmt"

// Bounds on a run, far above any honest game (the built-in scenarios hold
// a few hundred items at once and see about 15 000 arrive in 1000 weeks).
// A scenario whose work arrives faster than it can be done would otherwise
// grow its queues, and the memory, without end; one whose work arrives
// every minute from many sources would fill the memory with its history.
const (
	// MaxWorkInSystem bounds the work items, value-stream and outside
	// work, in the system at once.
	MaxWorkInSystem = 100_000
	// MaxArrivals bounds the work items that arrive in one game.
	MaxArrivals = 1_000_000
)

// Overflow is why a run stopped: work in the system passed
// MaxWorkInSystem, or the work that arrived passed MaxArrivals.
type Overflow struct {
	Week    int    // the week it happened in; 1 is the first
	Total   int    // work items in the system
	Stage   string // the stage holding the most waiting work
	Waiting int    // items waiting there
}

func (e *Overflow) Error() string { return "stopped " + e.what() }

// sentence is the error as a game's outcome.
func (e *Overflow) sentence() string { return "Stopped " + e.what() + "." }

func (e *Overflow) what() string {
	if e.Total < MaxWorkInSystem {
		return fmt.Sprintf("in week %d: more than %d work items have arrived, far more than a game needs; "+
			"make the work arrive less often or the game shorter", e.Week, MaxArrivals)
	}
	return fmt.Sprintf("in week %d: more than %d work items are in the system at once, %d of them waiting at stage %q; "+
		"work arrives there faster than it can be done (globosim validate shows each stage's offered load)",
		e.Week, MaxWorkInSystem, e.Waiting, e.Stage)
}

// overflow describes the run that has just passed a bound.
func (s *Sim) overflow() *Overflow {
	e := &Overflow{Week: len(s.stats.weeks) + 1, Total: len(s.items) - len(s.free)}
	for i := range s.stages {
		st := &s.stages[i]
		if n := st.queue.len() + st.backlog.len() + st.blocked.len() + len(st.held); n > e.Waiting || e.Stage == "" {
			e.Stage, e.Waiting = s.sc.Stages[i].ID, n
		}
	}
	return e
}
