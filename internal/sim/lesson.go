package sim

import (
	"fmt"
	"slices"
)

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
	BusyAtLeast                        // Stage was at least Share busy over the last RecentWeeks, or Week (when positive) weeks have been played
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
		if w.Week > 0 && g.Week() >= w.Week {
			return true // by that week a learner needs the lesson, however busy the stage is
		}
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

// happened is when what starts a lesson that reacts to something
// happening (an investment built, an event) happened, the week the news
// gives it, and what that was in words; ok is false for the other
// triggers and before it happened.
func (g *Game) happened(w *Trigger) (at Time, week int, what string, ok bool) {
	switch w.Kind {
	case InvestmentBuilt:
		if st := &g.invest[w.Investment]; st.done {
			return st.doneAt, st.doneWeek, g.sc.Investments[w.Investment].Name + " was ready", true
		}
	case EventFired:
		ev := &g.sc.Events[w.Event]
		for _, f := range g.eventLog {
			if f.ID == ev.ID { // it fires as its week starts
				return Time(f.Week-1) * g.sc.Week(), f.Week, ev.Label() + " came", true
			}
		}
	}
	return 0, 0, "", false
}

// LessonLate says when what a lesson reacts to happened, for a lesson that
// started at time start a week or more after it ("Build automation (CI)
// was ready in week 6."): such a lesson cannot come the week it happened
// when a lesson before it was still open. It is "" for a lesson on time,
// or one whose trigger is not something happening.
func (g *Game) LessonLate(l *Lesson, start Time) string {
	at, week, what, ok := g.happened(&l.When)
	if !ok || start-at < g.sc.Week() {
		return ""
	}
	return fmt.Sprintf("%s in week %d.", what, week)
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

// Course is where a player is in a tutorial: its lessons run one at a
// time, in order; each starts when its trigger fires after the one before
// it is done, and is done when its task is. The screen's tutor and the
// balance tests' prompt learner follow a tutorial through the same Course.
type Course struct {
	Lessons []Lesson
	Next    int  // the lesson in progress, or the next to start
	Started bool // Lessons[Next] has started: its task is pending

	logLen, weekStart int  // the log's length and the week when it started
	startedAt         Time // the time it started
}

// Active reports whether lessons are left.
func (c *Course) Active() bool { return c.Next < len(c.Lessons) }

// Current is the lesson in progress or the next to start, nil when none is left.
func (c *Course) Current() *Lesson {
	if !c.Active() {
		return nil
	}
	return &c.Lessons[c.Next]
}

// WeekStart is the week the lesson in progress started.
func (c *Course) WeekStart() int { return c.weekStart }

// Late says when what the lesson in progress reacts to happened, when that
// was a week or more before the lesson started ("" when it was not).
func (c *Course) Late(g *Game) string {
	if !c.Active() || !c.Started {
		return ""
	}
	return g.LessonLate(c.Current(), c.startedAt)
}

// Check moves the course on after the game changed. reading says the
// player still has the started lesson in front of them, so its task
// cannot be done yet. It returns the Done text of a lesson just finished
// ("" for none) and whether a lesson just started.
func (c *Course) Check(g *Game, reading bool) (said string, started bool) {
	for c.Active() {
		l := &c.Lessons[c.Next]
		if !c.Started {
			if !g.LessonStarts(l) {
				return said, false
			}
			c.Started = true
			c.logLen, c.weekStart, c.startedAt = len(g.Log()), g.Week(), g.Now()
			return said, true
		}
		if reading || !g.LessonDone(l, c.logLen, c.weekStart) {
			return said, false
		}
		if l.Done != "" {
			said = l.Done
		}
		c.Next++
		c.Started = false
	}
	return said, false
}

// FastForward skips the lessons a resumed game has already been through:
// those whose trigger has fired and whose task the decision log shows done.
func (c *Course) FastForward(g *Game) {
	for c.Active() {
		l := &c.Lessons[c.Next]
		if !g.LessonStarts(l) || !g.LessonDone(l, 0, 0) {
			return
		}
		c.Next++
	}
}
