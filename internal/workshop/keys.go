package workshop

import "github.com/charmbracelet/bubbles/key"

// The keys of the room's own screens; each key map satisfies help.KeyMap.

func k(keys []string, help, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// promptKeys are the keys while the room code or a name is typed.
type promptKeys struct {
	Submit, Leave key.Binding
}

func defaultPromptKeys() promptKeys {
	return promptKeys{
		Submit: k([]string{"enter"}, "enter", "go on"),
		Leave:  k([]string{"ctrl+c", "esc"}, "esc", "leave"),
	}
}

func (m promptKeys) ShortHelp() []key.Binding  { return []key.Binding{m.Submit, m.Leave} }
func (m promptKeys) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// finishedKeys are the keys of a player whose game is over.
type finishedKeys struct {
	Another, Leave key.Binding
}

func defaultFinishedKeys() finishedKeys {
	return finishedKeys{
		Another: k([]string{"n"}, "n", "not you? another name"),
		Leave:   k([]string{"q", "ctrl+c", "esc"}, "q", "leave"),
	}
}

func (m finishedKeys) ShortHelp() []key.Binding  { return []key.Binding{m.Another, m.Leave} }
func (m finishedKeys) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// boardKeys are the leaderboard's. The facilitator's controls are
// disabled where the board is only watched (over SSH).
type boardKeys struct {
	Start, Pause, End, Export key.Binding
	Glance                    key.Binding // the room at a glance, or the players' table
	Schedule                  key.Binding // the facilitator's levers (levers.go)
	Up, Down                  key.Binding
	Quit, Kill                key.Binding
	Yes, No                   key.Binding
}

func defaultBoardKeys(controls bool) boardKeys {
	m := boardKeys{
		Start:    k([]string{"s"}, "s", "start"),
		Pause:    k([]string{"p"}, "p", "pause/resume"),
		End:      k([]string{"e"}, "e", "end the round"),
		Export:   k([]string{"x"}, "x", "export"),
		Glance:   k([]string{"v"}, "v", "room at a glance"),
		Schedule: k([]string{"l"}, "l", "event"),
		Up:       k([]string{"up", "k"}, "↑/↓", "scroll"),
		Down:     k([]string{"down", "j"}, "↓", "scroll down"), // shown with Up
		Quit:     k([]string{"q"}, "q", "quit"),
		Kill:     k([]string{"ctrl+c"}, "ctrl+c", "quit"),
		Yes:      k([]string{"y"}, "y", "yes"),
		No:       k([]string{"n", "esc"}, "n", "no"),
	}
	for _, b := range []*key.Binding{&m.Start, &m.Pause, &m.End, &m.Export, &m.Schedule} {
		b.SetEnabled(controls)
	}
	return m
}

func (m boardKeys) ShortHelp() []key.Binding {
	// The levers come last: on a narrow terminal the help is cut short
	// after quit.
	return []key.Binding{m.Start, m.Pause, m.End, m.Export, m.Glance, m.Up, m.Quit, m.Schedule}
}

func (m boardKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.Start, m.Pause, m.End, m.Export, m.Schedule}, {m.Glance, m.Up}, {m.Quit}}
}

// confirmKeys are the keys of a question.
type confirmKeys struct{ Yes, No key.Binding }

func (m confirmKeys) ShortHelp() []key.Binding  { return []key.Binding{m.Yes, m.No} }
func (m confirmKeys) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
