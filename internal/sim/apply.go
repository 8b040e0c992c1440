package sim

import (
	"errors"
	"fmt"

	"github.com/globomantics/globosim/internal/prose"
)

// Apply takes a decision now. When the decision is not allowed it returns
// why, in words a player understands, and nothing changes. Accepted
// decisions go into the decision log with their week and minute.
func (g *Game) Apply(d Decision) error {
	if g.over {
		return errors.New("the game is over")
	}
	g.fireScheduled() // an event due now comes before what is decided after it
	var text string
	var err error
	switch d.Kind {
	case Invest:
		text, err = g.applyInvest(d)
	case SetWIPLimit:
		text, err = g.applyWIPLimit(d)
	case SetReleaseCadence:
		text, err = g.applyCadence(d)
	case Hire:
		text, err = g.applyHire(d)
	case SetSlicing:
		text, err = g.applySlicing(d)
	case SetImprovement:
		text, err = g.applyImprovement(d)
	case Respond:
		text, err = g.applyRespond(d)
	default:
		err = fmt.Errorf("unknown decision %v", d.Kind)
	}
	if err != nil {
		return err
	}
	g.log = append(g.log, LoggedDecision{Week: g.sim.Week() + 1, At: g.sim.Now(), Decision: d, Text: text})
	g.say(DecisionNews, "%s", text)
	return nil
}

func (g *Game) investmentIndex(id string) int {
	for i := range g.sc.Investments {
		if g.sc.Investments[i].ID == id {
			return i
		}
	}
	return -1
}

func (g *Game) stageIndex(id string) (int, error) {
	if i := g.sc.StageIndex(id); i >= 0 {
		return i, nil
	}
	return -1, fmt.Errorf("there is no stage called %q", id)
}

func (g *Game) applyInvest(d Decision) (string, error) {
	i := g.investmentIndex(d.Investment)
	if i < 0 {
		return "", fmt.Errorf("there is no investment called %q", d.Investment)
	}
	if err := g.canInvest(i); err != nil {
		return "", err
	}
	g.startInvestment(i)
	inv := &g.sc.Investments[i]
	text := fmt.Sprintf("Started %s for $%s", inv.Name, prose.Dollars(inv.Cost))
	if g.invest[i].done {
		return text + "; it is done.", nil
	}
	st := g.investmentStatus(i)
	if needs := st.Needs(); needs != "" {
		text += "; " + needs + ","
	} else {
		text += ";"
	}
	if st.WaitsFor >= 0 {
		text += " and it"
	}
	return text + " " + st.When() + ".", nil
}

func (g *Game) applyWIPLimit(d Decision) (string, error) {
	st, err := g.stageIndex(d.Stage)
	if err != nil {
		return "", err
	}
	if d.N < 0 {
		return "", fmt.Errorf("a WIP limit cannot be negative (got %d); 0 removes the limit", d.N)
	}
	g.sim.setWIPLimit(st, d.N)
	name := g.sc.Stages[st].Label()
	if d.N == 0 {
		return fmt.Sprintf("Removed the WIP limit on %s.", name), nil
	}
	return fmt.Sprintf("%s now takes at most %d items at a time; the stage before it holds the rest.", name, d.N), nil
}

func (g *Game) applyCadence(d Decision) (string, error) {
	rel := g.sc.Production.Release
	if rel < 0 {
		return "", errors.New("this company has no release train to schedule")
	}
	cur := g.sim.stages[rel].batchEvery
	switch {
	case cur == 0 && g.sc.Stages[rel].BatchEvery > 0:
		return "", errors.New("every change already ships when it is ready; there is no train to schedule")
	case d.Every == 0:
		if inv := g.investmentSetting(rel); inv != "" {
			return "", fmt.Errorf("releasing every change on demand needs %s: without it each release is a manual regression run and a change window", inv)
		}
		return "", errors.New("releasing on demand is not possible in this company")
	case d.Every < g.sc.Day():
		return "", fmt.Errorf("the release train cannot leave more often than once a day")
	case d.Every == cur:
		return "", fmt.Errorf("the release train already leaves every %s", g.duration(cur))
	}
	g.sim.setBatch(rel, d.Every)
	return fmt.Sprintf("The release train now leaves every %s.", g.duration(d.Every)), nil
}

// investmentSetting names the investment that turns batching off at the
// stage, if there is one.
func (g *Game) investmentSetting(stage int) string {
	for _, inv := range g.sc.Investments {
		for _, e := range inv.Effects {
			if e.Stage == stage && e.SetsBatch && e.Batch == 0 {
				return inv.Name
			}
		}
	}
	return ""
}

// staffedStage finds the stage a decision about its people is for; an
// automated one is refused, saying what it has nobody for.
func (g *Game) staffedStage(id, nobody string) (st int, name string, err error) {
	if st, err = g.stageIndex(id); err != nil {
		return -1, "", err
	}
	name = g.sc.Stages[st].Label()
	if g.sim.stages[st].unlimited {
		return -1, "", fmt.Errorf("%s is automated: %s", name, nobody)
	}
	return st, name, nil
}

func (g *Game) applyHire(d Decision) (string, error) {
	st, name, err := g.staffedStage(d.Stage, "there is nobody to hire or let go")
	if err != nil {
		return "", err
	}
	switch {
	case d.N == 0:
		return "", errors.New("hire at least one person, or let at least one go")
	case d.N < 0 && g.people[st]+d.N < 1:
		return "", fmt.Errorf("%s has %s; it cannot go below one", name, prose.Count(g.people[st], "person", "people"))
	case d.N > 0 && int64(d.N)*g.sc.Company.HireCost > g.cash:
		return "", fmt.Errorf("hiring %s costs $%s and there is $%s in the bank", prose.Count(d.N, "person", "people"), prose.Dollars(int64(d.N)*g.sc.Company.HireCost), prose.Dollars(g.cash))
	}
	if d.N < 0 {
		g.people[st] += d.N
		g.syncStage(st)
		return fmt.Sprintf("Let %s go from %s.", prose.Count(-d.N, "person", "people"), name), nil
	}
	g.cash -= int64(d.N) * g.sc.Company.HireCost
	g.hiring = append(g.hiring, hire{stage: st, n: d.N, at: g.sim.Now() + g.rampUp()})
	g.sim.mustSchedule(g.rampUp(), g.onHireReady, len(g.hiring)-1)
	return fmt.Sprintf("Hired %s for %s; they will be up to speed in week %d.", prose.Count(d.N, "person", "people"), name, g.HireReadyWeek()), nil
}

// rampUp is how long a new hire takes to come up to speed.
func (g *Game) rampUp() Time { return Time(g.sc.Company.RampUpWeeks) * g.sim.week }

// HireReadyWeek is the week (as the header counts it) in which people
// hired now come up to speed: the week the news will say so in.
func (g *Game) HireReadyWeek() int { return g.weekOf(g.sim.Now() + g.rampUp()) }

// hire is people hired and not yet up to speed; they are paid already.
type hire struct {
	stage, n int
	at       Time // when they are up to speed
	ready    bool
}

func (g *Game) hireReady(i int) {
	h := &g.hiring[i]
	h.ready = true
	g.people[h.stage] += h.n
	g.syncStage(h.stage)
	g.say(DecisionNews, "New people on %s are up to speed.", g.sc.Stages[h.stage].Label())
}

func (g *Game) applySlicing(d Decision) (string, error) {
	if len(g.sc.Slicing.Work) == 0 {
		return "", errors.New("this company has no features to slice")
	}
	if !g.slicingEnabled {
		for _, inv := range g.sc.Investments {
			for _, e := range inv.Effects {
				if e.Slicing {
					return "", fmt.Errorf("slicing features needs %s first", inv.Name)
				}
			}
		}
		return "", errors.New("slicing is not possible in this company")
	}
	if d.N < 1 || d.N > 10 {
		return "", fmt.Errorf("slices per feature must be between 1 (no slicing) and 10, not %d", d.N)
	}
	g.slices = d.N
	if d.N == 1 {
		return "New features are built whole again.", nil
	}
	return fmt.Sprintf("New features are cut into %d slices; the first one ships and teaches whether the rest is worth building.", d.N), nil
}

// duration formats a time for the player, in the scenario's days and weeks.
func (g *Game) duration(t Time) string {
	week, day := g.sim.week, g.sc.Day()
	switch {
	case t%week == 0 && t == week:
		return "week"
	case t%week == 0:
		return fmt.Sprintf("%d weeks", t/week)
	case t%day == 0 && t == day:
		return "day"
	case t%day == 0:
		return fmt.Sprintf("%d days", t/day)
	}
	return fmt.Sprintf("%.1f hours", t.Hours())
}
