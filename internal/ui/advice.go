package ui

import (
	"fmt"
	"math"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

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
	if cfr, ok := g.DORA().ChangeFailureRate.Get(); ok && cfr > 0.3 {
		msg += fmt.Sprintf("\n\n%.0f%% of deployments broke production lately: big releases carry many changes, and one bad change breaks the whole release.", 100*cfr)
	}
	for _, hint := range improvementHints(g, b) {
		msg += "\n\n" + hint
	}
	return msg
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
	s := m.styles
	width := min(w-6, 76)
	body := s.Title.Render("Advisor") + "\n\n" + wrapLines(m.text, width) + "\n\n" + s.Subtle.Render("Any key but ? closes the advice; then x explains a stage, i opens the shop.")
	return place(w, h, lipgloss.Center, lipgloss.Top, s.Box.Width(width+4).Render(body))
}
