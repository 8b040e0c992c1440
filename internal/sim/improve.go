package sim

import "errors"

// Improvement capacity: each staffed team gives a share of its time to
// improvement work (building investments), and that time comes out of its
// feature work. (Issue 11; being built.)

func (g *Game) applyImprovement(Decision) (string, error) {
	return "", errors.New("setting a team's improvement time is not possible yet")
}
