package sim

// RoomForItems gives a new game's item slots room for n items at once, so
// that a test can check that where the slots start does not change a game.
func RoomForItems(g *Game, n int) { g.sim.items = make([]Item, 0, n) }

// JudgeInLoop sets whether the run loop may judge a deployment without its
// zero-delay event, and returns the setting before.
func JudgeInLoop(on bool) bool { was := judgeInLoop; judgeInLoop = on; return was }

// JudgedInLoop is how many of a game's deployments the run loop judged
// without an event.
func JudgedInLoop(g *Game) int { return g.sim.judgedInLoop }
