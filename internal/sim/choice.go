package sim

import "errors"

// Events with choices: an event may offer two or three responses, and the
// player (or a plan) picks one; with no answer the event's default applies.
// (Issue 11; being built.)

func (g *Game) applyRespond(Decision) (string, error) {
	return "", errors.New("this game has no event waiting for an answer")
}
