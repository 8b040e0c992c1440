package sim

// RoomForItems gives a new game's item slots room for n items at once, so
// that a test can check that where the slots start does not change a game.
func RoomForItems(g *Game, n int) { g.sim.items = make([]Item, 0, n) }
