package ui

import (
	"fmt"
	"math"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/sim"
)

// advice points at the current bottleneck from the simulation's own
// numbers: the stage where work waited longest in the last four weeks, why,
// and what in the shop would help it.
func advice(g *sim.Game) string {
	b := g.Bottleneck(sim.RecentWeeks)
	ask := waitingAdvice(g, b)
	if b.Stage < 0 {
		msg := ask + "Nothing has waited anywhere yet. Play a week (space) first."
		for _, hint := range improvementHints(g, b) {
			msg += "\n\n" + hint
		}
		return msg
	}
	msg := ask + fmt.Sprintf("In the last %d weeks, %.0f%% of all the time work spent waiting was at %s: %s.", sim.RecentWeeks, 100*b.Share, b.Name, b.Why)
	var helps []string
	for _, inv := range g.Investments() {
		if inv.State != sim.Available && inv.State != sim.Locked {
			continue
		}
		for _, e := range inv.Effects {
			if e.Stage == b.Stage {
				helps = append(helps, inv.Name)
				break
			}
		}
	}
	if len(helps) > 0 {
		msg += "\n\nIn the shop, for " + b.Name + ": " + strings.Join(helps, ", ") + "."
	}
	for _, chain := range lockedChains(g, b.Stage) {
		msg += "\n\n" + chain
	}
	if cfr, ok := g.DORA().ChangeFailureRate.Get(); ok && cfr > 0.3 {
		msg += fmt.Sprintf("\n\n%.0f%% of deployments broke production lately: big releases carry many changes, and one bad change breaks the whole release.", 100*cfr)
	}
	for _, hint := range improvementHints(g, b) {
		msg += "\n\n" + hint
	}
	return msg
}

// lockedChains are the chains of the investments for a stage that wait
// for others to be built first (chainWords), but none for one that is
// itself on the chain of another: that one says it too.
func lockedChains(g *sim.Game, stage int) []string {
	invs := g.Investments()
	var locked []int
	for i, inv := range invs {
		if inv.State != sim.Locked || inv.Lock.Kind != sim.NeedsPrerequisite {
			continue
		}
		for _, e := range inv.Effects {
			if e.Stage == stage {
				locked = append(locked, i)
				break
			}
		}
	}
	onChain := map[int]bool{}
	for _, i := range locked {
		for _, p := range g.Scenario().Prerequisites(i) {
			onChain[p] = true
		}
	}
	var out []string
	for _, i := range locked {
		if !onChain[i] {
			out = append(out, chainWords(g, i))
		}
	}
	return out
}

// chainWords says everything an investment needs first, in an order it can
// be built in, with where each stands, and the first step the player can
// take now, with its price and who builds it: "Continuous delivery needs,
// in this order: ✓ Build automation (CI): done; ◆ Test automation, level 1:
// building, ready in about week 14; ○ Test automation, level 2: to do.
// First step now: ...". It is "" when investment i needs nothing that is
// not built.
func chainWords(g *sim.Game, i int) string {
	steps, next := g.Chain(i)
	var parts []string
	todo := false
	for _, st := range steps {
		switch st.State {
		case sim.Built:
			parts = append(parts, "✓\u00a0"+st.Name+": done")
		case sim.Building:
			todo = true
			parts = append(parts, "◆\u00a0"+st.Name+": building, "+readyWords(st))
		default:
			todo = true
			parts = append(parts, "○\u00a0"+st.Name+": to do")
		}
	}
	if !todo {
		return ""
	}
	words := g.Scenario().Investments[i].Name + " needs, in this order: " + strings.Join(parts, "; ") + ". "
	if next >= 0 {
		st := steps[next]
		return words + fmt.Sprintf("First step now: %s, $%s and then $%s a week; %s (shop, i).",
			st.Name, prose.Dollars(st.Cost), prose.Dollars(st.WeeklyCost), lowerFirst(buildWords(st, g.Scenario())))
	}
	// Nothing can be bought now: say what the first step not done waits
	// for.
	for _, st := range steps {
		if st.State == sim.Locked {
			return words + "Nothing on it can be bought now: " + st.Lock.Error() + "."
		}
	}
	for _, st := range steps {
		if st.State == sim.Building {
			return words + fmt.Sprintf("Nothing more to buy for it now: %s is being built.", st.Name)
		}
	}
	return words
}

// chainShort is what investment i needs first, everything not built yet
// in the order of its chain: "needs first: Test automation, level 1
// (building); Test automation, level 2".
func chainShort(g *sim.Game, i int) string {
	steps, _ := g.Chain(i)
	var names []string
	for _, st := range steps {
		switch st.State {
		case sim.Built:
		case sim.Building:
			names = append(names, st.Name+" (building)")
		default:
			names = append(names, st.Name)
		}
	}
	return "needs first: " + strings.Join(names, "; ")
}

// readyWords is when an investment being built will be ready, short:
// "ready in about week 14", or that a team it needs gives it no time.
func readyWords(st sim.InvestmentStatus) string {
	if st.ReadyWeek > 0 && st.WaitsFor < 0 {
		return fmt.Sprintf("ready in about week %d", st.ReadyWeek)
	}
	return st.When()
}

// shortRunway is the runway, in weeks, under which the advisor warns.
const shortRunway = 8

// improvementHints are the advisor's words on the teams' improvement time
// and the money: several investments sharing one team, an investment
// waiting for a share of 0, improvement time on the bottleneck, a short
// runway.
func improvementHints(g *sim.Game, b sim.Bottleneck) []string {
	var out []string
	invs := g.Scenario().Investments
	for _, t := range g.Improvement() {
		if n := len(t.Active); n > 1 {
			var names []string
			for _, i := range t.Active {
				names = append(names, invs[i].Name)
			}
			out = append(out, fmt.Sprintf("%s is building %d investments at once (%s), each with 1/%d of its improvement time: finish one first and its benefit comes sooner.", t.Label, n, strings.Join(names, ", "), n))
		}
		if t.Stage == b.Stage && t.Share > 0 && len(t.Active) > 0 {
			out = append(out, fmt.Sprintf("%s is the bottleneck and gives %s of its time to improvement work: there it costs the most, since everything waits for it. A smaller share there, or a larger one on a team that is not the bottleneck (shop, Teams).", t.Label, percent(t.Share)))
		}
	}
	for _, inv := range g.Investments() {
		if inv.State == sim.Building && inv.WaitsFor >= 0 {
			out = append(out, fmt.Sprintf("%s %s: give that team some improvement time (shop, Teams), or it never finishes.", inv.Name, inv.When()))
		}
	}
	if w, ok := g.Runway(); ok && w < shortRunway {
		out = append(out, fmt.Sprintf("At this week's rate the money lasts about %.0f weeks: spend on what pays back soon, or spend less.", math.Floor(w)))
	}
	return out
}

// waitingAdvice is what the advisor says first about a question that
// waits for an answer ("" when none does): the default, what an investment
// built has changed, and where work waits, on which a person short depends.
func waitingAdvice(g *sim.Game, b sim.Bottleneck) string {
	p, ok := g.Pending()
	if !ok {
		return ""
	}
	msg := fmt.Sprintf("%s waits for your answer (space opens it); nothing moves on until you give one.", p.Title)
	for _, o := range p.Options {
		if o.Built != "" {
			msg += fmt.Sprintf(" %s is built, which changes %q.", o.Built, o.Label)
		}
	}
	if b.Stage >= 0 {
		msg += fmt.Sprintf(" Lately most waiting is at %s: a person short elsewhere costs less.", b.Name)
	}
	return msg + "\n\n"
}

// adviceModel is the advisor's say, over the charts until a key is
// pressed.
type adviceModel struct {
	styles *Styles
	keys   adviceKeys
	text   string
}

func (m adviceModel) open() bool { return m.text != "" }

// Update puts the advice away on any key (the key does nothing else).
func (m adviceModel) Update(msg tea.Msg) (adviceModel, tea.Cmd) {
	if _, ok := msg.(tea.KeyMsg); ok && m.open() {
		m.text = ""
	}
	return m, nil
}

// View draws the advice in a box, in w×h cells.
func (m adviceModel) View(w, h int) string {
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Top, m.box(w))
}

// box is the advice in its box, as wide as fits in w cells.
func (m adviceModel) box(w int) string {
	s := m.styles
	width := min(w-6, 76)
	body := s.Title.Render("Advisor") + "\n\n" + wrapLines(m.text, width) + "\n\n" + wrapLines(s.Subtle.Render("Any key but ? closes the advice; then x explains a stage, i opens the shop."), width)
	return s.Box.Width(width + 4).Render(body)
}

// rows is how many rows the advice's box takes in w cells.
func (m adviceModel) rows(w int) int { return lipgloss.Height(m.box(w)) }
