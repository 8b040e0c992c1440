package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/sim"
)

// The briefing: the situation in the scenario's words, and what winning
// means. Enter starts the game.

type briefingModel struct {
	styles *Styles
	keys   briefingKeys
	sc     *sim.Scenario
	vp     viewport.Model
	height int // the screen's: the viewport's and, when the text is taller, a line saying so
}

func newBriefing(styles *Styles, global *globalKeys, sc *sim.Scenario) briefingModel {
	m := briefingModel{styles: styles, keys: defaultBriefingKeys(global), sc: sc, vp: viewport.New(MinWidth, MinHeight-1)}
	m.vp.KeyMap = viewport.KeyMap{Up: m.keys.Up, Down: m.keys.Down,
		PageDown: key.NewBinding(key.WithKeys("pgdown", " ")), PageUp: key.NewBinding(key.WithKeys("pgup"))}
	m.render()
	return m
}

func (m *briefingModel) SetSize(w, h int) {
	m.vp.Width, m.vp.Height, m.height = w, h, h
	m.render()
	if m.vp.TotalLineCount() > h { // taller than the screen: a line says what is out of sight
		m.vp.Height = max(h-1, 1)
	}
}

func (m *briefingModel) render() {
	s := m.styles
	sc := m.sc
	width := min(m.vp.Width-4, 76)
	var b strings.Builder
	b.WriteString(s.Title.Render(sc.Name) + "\n\n")
	text := sc.Briefing
	if strings.TrimSpace(text) == "" {
		text = sc.Description
	}
	b.WriteString(reflow(text, width) + "\n\n")

	b.WriteString(s.Bold.Render("Where you start") + "\n")
	c := &sc.Company
	fmt.Fprintf(&b, "  Market share %.0f%%, $%s in the bank, %d weeks to go.\n", 100*c.MarketShare, prose.Dollars(c.Budget), sc.Weeks)
	if len(sc.Competitors) > 0 {
		var names []string
		for _, r := range sc.Competitors {
			names = append(names, fmt.Sprintf("%s %.0f%%", r.Name, 100*r.Share))
		}
		fmt.Fprintf(&b, "  Competitors: %s.\n", strings.Join(names, ", "))
	}
	b.WriteString("\n" + s.Bold.Render("How to win") + "\n")
	fmt.Fprintf(&b, "  Hold at least %.0f%% of the market after %d weeks.\n", 100*c.WinShare, sc.Weeks)
	if c.ShareFloor > 0 {
		fmt.Fprintf(&b, "  The game is lost if market share falls below %.0f%%, or the money runs out.\n", 100*c.ShareFloor)
	}
	b.WriteString("\n" + s.Subtle.Render("Press enter to start. In the game: space plays a week, p plays by itself,\ni opens the shop, ? lists every key."))
	m.vp.SetContent(s.Page.Render(b.String()))
}

func (m briefingModel) Update(msg tea.Msg) (briefingModel, tea.Cmd) {
	if msg, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(msg, m.keys.Start):
			return m, func() tea.Msg { return playMsg{} }
		case key.Matches(msg, m.keys.Back):
			return m, func() tea.Msg { return newGameMsg{} }
		}
	}
	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(msg)
	return m, cmd
}

func (m briefingModel) View() string {
	if m.vp.Height >= m.height {
		return m.vp.View()
	}
	return m.vp.View() + "\n" + m.styles.Subtle.Render(truncateLine(scrollWords(m.vp), m.vp.Width))
}
