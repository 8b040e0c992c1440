package sim

import "slices"

// Lessons turn a scenario into a tutorial: each lesson starts when the
// simulation shows what it is about (a queue building up, a team at
// saturation, a release train), says so in a few words, and may ask the
// player to do something about it. The screen decides how to show them;
// this file only reads the game to say when a lesson starts and when its
// task is done.

// TriggerKind says what starts a lesson.
type TriggerKind uint8

// Triggers. A lesson only starts after the one before it has finished.
const (
	AfterPrevious   TriggerKind = iota // as soon as the previous lesson is done
	AfterWeek                          // Week weeks have been played
	QueueAtLeast                       // Items or more wait at Stage
	BusyAtLeast                        // Stage was at least Share busy over the last RecentWeeks
	InvestmentBuilt                    // Investment is done
	DeployedAtLeast                    // Deploys or more deployments so far
	EventFired                         // the event at index Event has happened
)

// Trigger is when a lesson starts.
type Trigger struct {
	Kind       TriggerKind
	Week       int
	Stage      int
	Items      int
	Share      float64
	Investment int
	Deploys    int
	Event      int
}

// Task is what a lesson asks the player to do; Kind 0 means nothing (the
// lesson ends when it is read), PlayWeeks means letting Weeks weeks pass.
type Task struct {
	Kind       DecisionKind // or PlayWeeks
	Investment string       // for Invest: which one ("" any)
	Stage      string       // for SetWIPLimit, Hire and SetImprovement: which stage ("" any)
	Weeks      int          // for PlayWeeks
	Event      string       // for Respond: the event to answer
}

// RecentWeeks is what "recently" means on screen and in lessons: the
// utilisation and waits a stage shows are averaged over this many weeks.
const RecentWeeks = 4

// PlayWeeks is a task that asks the player to let weeks pass.
const PlayWeeks DecisionKind = 100

// Lesson is one step of a tutorial.
type Lesson struct {
	ID, Title string
	Text      string // shown when the lesson starts
	Done      string // shown when its task is done (optional)
	When      Trigger
	Task      Task
}

// LessonStarts reports whether a lesson's trigger has fired.
func (g *Game) LessonStarts(l *Lesson) bool {
	w := &l.When
	switch w.Kind {
	case AfterWeek:
		return g.Week() >= w.Week
	case QueueAtLeast:
		v := g.Stages()[w.Stage]
		return v.Queue-v.Outside+v.Blocked+v.Backlog >= w.Items
	case BusyAtLeast:
		v := g.Stages()[w.Stage]
		return len(v.Weekly) > 0 && v.RecentUtilization() >= w.Share
	case InvestmentBuilt:
		return g.invest[w.Investment].done
	case DeployedAtLeast:
		return g.dora.deployed >= w.Deploys
	case EventFired:
		return g.fired(w.Event)
	}
	return true
}

// LessonDone reports whether the player has done a lesson's task since it
// started: the log had logLen decisions and weekStart weeks had been played
// when it did.
func (g *Game) LessonDone(l *Lesson, logLen, weekStart int) bool {
	t := &l.Task
	switch t.Kind {
	case 0:
		return true
	case PlayWeeks:
		return g.Week() >= weekStart+t.Weeks
	case Respond:
		// Answered, whenever: an answer given before the lesson started
		// (the lesson came late, or was skipped on resuming) counts.
		i := g.eventIndex(t.Event)
		return i >= 0 && g.fired(i) && !slices.ContainsFunc(g.pending, func(p pendingEvent) bool { return p.event == i })
	}
	for _, d := range g.log[min(logLen, len(g.log)):] {
		if d.Decision.Kind != t.Kind {
			continue
		}
		if t.Investment != "" && d.Decision.Investment != t.Investment {
			continue
		}
		if t.Stage != "" && d.Decision.Stage != t.Stage {
			continue
		}
		return true
	}
	return false
}
