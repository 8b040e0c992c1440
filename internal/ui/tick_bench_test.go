package ui

import "testing"

// BenchmarkTick is one auto-play tick as the player sees it, at 120×40,
// normal speed: the tick message advances the game a day, then the
// dashboard is drawn. The charts are weekly, so four ticks in five reuse
// them. A game that ends is started again, off the clock.
func BenchmarkTick(b *testing.B) {
	start := func() Model {
		root := benchDashboard(b).(Model)
		root.dash.playing = true
		return root
	}
	root := start()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, over := root.dash.g.Over(); over {
			b.StopTimer()
			root = start()
			b.StartTimer()
		}
		root.dash, _ = root.dash.Update(tickMsg{tag: root.dash.tag})
		_ = root.View()
	}
}
