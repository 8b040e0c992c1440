package sim

import (
	"fmt"
	"slices"
	"strings"

	"github.com/globomantics/globosim/internal/sim/des"
)

// Events with choices: an event may offer two or three answers, and the
// player (or a plan) picks one; with no answer the event's default applies.
// Whether the event fires comes from the events stream, as for any event;
// only its consequences depend on the answer. Whatever is chosen, a firing
// draws its own randomness (whether a risk comes back, the size of the work
// a choice brings) from a stream of its own, so every answer meets the
// same world.

// Choice is one answer to an event.
type Choice struct {
	ID    string
	Label string // short, for a button
	Text  string // what it means, in a sentence or two
	// Effects change the game when the choice is taken, for Duration weeks
	// (0: for good), as an event's do.
	Effects         []Effect
	Duration        int
	Competitor      int // competitor whose experience changes (-1: none)
	CompetitorBoost float64
	Work            int // work type of extra arrivals (-1: none)
	WorkCount       int
	Later           *Risk    // a consequence that may come back (nil: none)
	IfBuilt         *IfBuilt // different consequences once an investment is built (nil: none)
}

// Risk is a consequence that comes back Weeks after the answer, with
// Probability; its effects last for good.
type Risk struct {
	Weeks       int
	Probability float64
	Text        string
	Effects     []Effect
}

// IfBuilt replaces a choice's effects (and its risk, when Later is not nil)
// once Investment is built: an audit is cheap with automated change records.
type IfBuilt struct {
	Investment int
	Text       string
	Effects    []Effect // nil: the choice's own
	Later      *Risk    // nil: the choice's own
}

// PendingChoice is an event that has fired and waits for an answer. Time
// does not move on until it is answered (Apply with a Respond decision) or
// the game is advanced anyway, which takes the default.
type PendingChoice struct {
	Event   string // the event's id
	Title   string // what the game calls it
	Text    string // the news
	Week    int    // the week it fired in (1 = the first)
	Options []ChoiceOption
	Default string // the id of the choice taken without an answer
}

// ChoiceOption is a choice as it stands now: its consequences resolved
// against what the player has built.
type ChoiceOption struct {
	ID, Label string
	Text      string // the choice's text, or its if_built text when that applies
	Effects   []Effect
	Duration  int   // weeks the effects last (0: for good)
	Money     int64 // the cash its effects add now (negative: what it costs)
	// Competitor is the name of a rival whose experience changes by Boost
	// ("": none).
	Competitor string
	Boost      float64
	Work       string // the id of the work that arrives (""; none)
	WorkCount  int
	Risk       *Risk // what may come back later (nil: nothing)
	// Built is the name of the investment whose being built changed this
	// choice's consequences ("": none did).
	Built   string
	Default bool
}

// pendingEvent is a firing of an event with choices, not yet answered.
type pendingEvent struct {
	event  int
	log    int         // its entry in the event log
	week   int         // the week it fired in
	risk   float64     // the uniform that decides whether the risk comes back
	stream *des.Stream // for the sizes of the work a choice brings
}

// risk is a consequence to come.
type risk struct {
	week    int
	event   int
	text    string
	effects []Effect
}

// Pending is the first event waiting for an answer, if any.
func (g *Game) Pending() (*PendingChoice, bool) {
	if len(g.pending) == 0 {
		return nil, false
	}
	p := g.pending[0]
	ev := &g.sc.Events[p.event]
	return &PendingChoice{
		Event: ev.ID, Title: ev.Label(), Text: ev.Text, Week: p.week,
		Options: g.ChoiceOptions(ev.ID), Default: ev.Choices[ev.Default].ID,
	}, true
}

// ChoiceOptions is what each answer to the event with this id would do now
// (nil: no such event, or it offers no choices).
func (g *Game) ChoiceOptions(event string) []ChoiceOption {
	i := g.eventIndex(event)
	if i < 0 {
		return nil
	}
	ev := &g.sc.Events[i]
	out := make([]ChoiceOption, len(ev.Choices))
	for c := range ev.Choices {
		out[c] = g.option(ev, c)
	}
	return out
}

// Standing is the answer given to the event with this id before it fired,
// if there is one.
func (g *Game) Standing(event string) (string, bool) {
	i := g.eventIndex(event)
	c, ok := g.standing[i]
	if i < 0 || !ok {
		return "", false
	}
	return g.sc.Events[i].Choices[c].ID, true
}

// Label is the event's title, or its id.
func (ev *Event) Label() string {
	if ev.Title != "" {
		return ev.Title
	}
	return ev.ID
}

// option resolves choice c of ev against what is built now.
func (g *Game) option(ev *Event, c int) ChoiceOption {
	ch := &ev.Choices[c]
	o := ChoiceOption{
		ID: ch.ID, Label: ch.Label, Text: ch.Text, Effects: ch.Effects, Duration: ch.Duration,
		Boost: ch.CompetitorBoost, WorkCount: ch.WorkCount, Risk: ch.Later, Default: c == ev.Default,
	}
	if b := ch.IfBuilt; b != nil && g.invest[b.Investment].done {
		o.Built = g.sc.Investments[b.Investment].Name
		if b.Text != "" {
			o.Text = b.Text
		}
		if b.Effects != nil {
			o.Effects = b.Effects
		}
		if b.Later != nil {
			o.Risk = b.Later
		}
	}
	for _, e := range o.Effects {
		o.Money += e.Money
	}
	if ch.Competitor >= 0 {
		o.Competitor = g.sc.Competitors[ch.Competitor].Name
	}
	if ch.Work >= 0 {
		o.Work = g.sc.Work[ch.Work].ID
	}
	return o
}

func (g *Game) eventIndex(id string) int {
	return slices.IndexFunc(g.sc.Events, func(ev Event) bool { return ev.ID == id })
}

// ask holds a firing of event i (entry l of the event log) for an answer,
// or answers it at once when the player already has.
func (g *Game) ask(i, l, w int) {
	s := des.NewStream(g.sim.seed, fmt.Sprintf("event:%s:%d", g.sc.Events[i].ID, w))
	p := pendingEvent{event: i, log: l, week: w, risk: s.Float64(), stream: s}
	if c, ok := g.standing[i]; ok {
		g.answer(p, c, false)
		g.say(DecisionNews, "%s: answered as decided before, %q.", g.sc.Events[i].Label(), g.sc.Events[i].Choices[c].Label)
		return
	}
	g.pending = append(g.pending, p)
}

// answer takes choice c for the firing p; byDefault says nobody answered.
func (g *Game) answer(p pendingEvent, c int, byDefault bool) {
	ev := &g.sc.Events[p.event]
	o := g.option(ev, c)
	g.eventLog[p.log].Choice, g.eventLog[p.log].Default, g.eventLog[p.log].ChoiceLabel = o.ID, byDefault, o.Label
	g.applyEffects(o.Effects, o.Duration)
	ch := &ev.Choices[c]
	if ch.Competitor >= 0 {
		g.rivals[ch.Competitor].experience += ch.CompetitorBoost
	}
	if ch.Work >= 0 {
		g.injectWork(ch.Work, ch.WorkCount, p.stream)
	}
	if r := o.Risk; r != nil && p.risk < r.Probability {
		g.risks = append(g.risks, risk{week: g.sim.Week() + 1 + r.Weeks, event: p.event, text: r.Text, effects: r.Effects})
	}
}

// answerDefaults takes the default of every event still waiting: the game
// is moving on without an answer.
func (g *Game) answerDefaults() {
	for _, p := range g.pending {
		ev := &g.sc.Events[p.event]
		g.answer(p, ev.Default, true)
		g.say(EventNews, "No answer: %s gets its default, %q.", ev.Label(), ev.Choices[ev.Default].Label)
	}
	g.pending = g.pending[:0]
}

// returnRisks brings back the consequences due in week w.
func (g *Game) returnRisks(w int) {
	kept := g.risks[:0]
	for _, r := range g.risks {
		if r.week != w {
			kept = append(kept, r)
			continue
		}
		g.news = append(g.news, News{Week: w, Kind: EventNews, Text: r.text})
		for _, e := range r.effects {
			g.applyEffect(e)
		}
	}
	g.risks = kept
}

// applyRespond answers an event now, or, before it fires, says how it will
// be answered when it does.
func (g *Game) applyRespond(d Decision) (string, error) {
	i := g.eventIndex(d.Event)
	if i < 0 {
		return "", fmt.Errorf("there is no event called %q", d.Event)
	}
	ev := &g.sc.Events[i]
	if len(ev.Choices) == 0 {
		return "", fmt.Errorf("%s offers no choices to answer", ev.Label())
	}
	c := slices.IndexFunc(ev.Choices, func(ch Choice) bool { return ch.ID == d.Choice })
	if c < 0 {
		ids := make([]string, len(ev.Choices))
		for j, ch := range ev.Choices {
			ids[j] = fmt.Sprintf("%q", ch.ID)
		}
		return "", fmt.Errorf("%s has no choice %q; its choices are %s", ev.Label(), d.Choice, strings.Join(ids, ", "))
	}
	label := ev.Choices[c].Label
	if p := slices.IndexFunc(g.pending, func(p pendingEvent) bool { return p.event == i }); p >= 0 {
		g.answer(g.pending[p], c, false)
		g.pending = slices.Delete(g.pending, p, p+1)
		return fmt.Sprintf("%s: answered %q.", ev.Label(), label), nil
	}
	if ev.Once && g.fired(i) {
		return "", fmt.Errorf("%s has already happened", ev.Label())
	}
	if g.standing == nil {
		g.standing = map[int]int{}
	}
	g.standing[i] = c
	return fmt.Sprintf("%s: when it comes, the answer is %q.", ev.Label(), label), nil
}

// runTo plays to time t (or the end of the game) with no one to ask: an
// event that asks gets its default as the game moves on.
func (g *Game) runTo(t Time) {
	for !g.over && g.sim.Now() < t {
		g.RunUntil(t)
	}
}
