package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// quitQuestion asks whether to leave a game in progress: y (or ctrl+c)
// quits; n closes the question by the message its command returns.
type quitQuestion struct {
	keys confirmKeys
	kill key.Binding
}

// keepPlayingMsg: the player chose not to quit.
type keepPlayingMsg struct{}

func newQuitQuestion(global *globalKeys) quitQuestion {
	return quitQuestion{keys: defaultConfirmKeys(), kill: global.Kill}
}

func (q quitQuestion) Update(msg tea.Msg) (quitQuestion, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	switch {
	case !ok:
	case key.Matches(km, q.keys.Yes, q.kill):
		return q, tea.Quit
	case key.Matches(km, q.keys.No):
		return q, func() tea.Msg { return keepPlayingMsg{} }
	}
	return q, nil
}
