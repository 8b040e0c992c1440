package ui

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkTick is one auto-play tick as the player sees it, at 120×40,
// normal speed: the tick message advances the game a day, then the
// dashboard is drawn. The charts are weekly, so four ticks in five reuse
// them. A game that ends is started again, and an event's question is
// answered with its default choice, both off the clock (a tick while a
// question waits does nothing, and would measure only the box). Besides the wall
// time it reports the process's CPU time per tick (where the system says
// it), the figure to trust on a shared machine.
func BenchmarkTick(b *testing.B) {
	start := func() Model {
		root := benchDashboard(b).(Model)
		root.dash.playing = true
		return root
	}
	root := start()
	b.ReportAllocs()
	b.ResetTimer()
	var cpu time.Duration
	t0 := processCPU()
	for range b.N {
		if _, over := root.dash.g.Over(); over {
			cpu += processCPU() - t0
			b.StopTimer()
			root = start()
			b.StartTimer()
			t0 = processCPU()
		}
		if !root.dash.playing && !root.dash.choice.open() {
			// Auto-play stopped for the news (an incident, say): the
			// player plays on, off the clock.
			root.dash.playing = true
		}
		if root.dash.choice.open() {
			cpu += processCPU() - t0
			b.StopTimer()
			// Enter answers; a question that asks for a second enter to
			// confirm its default gets it. A question still open after
			// that would leave every tick doing nothing.
			for range 3 {
				if !root.dash.choice.open() {
					break
				}
				root.dash, _ = root.dash.Update(tea.KeyMsg{Type: tea.KeyEnter})
			}
			if root.dash.choice.open() {
				b.Fatal("three enters did not answer the question")
			}
			root.dash.playing = true
			b.StartTimer()
			t0 = processCPU()
		}
		before := root.dash.g.Now()
		root.dash, _ = root.dash.Update(tickMsg{tag: root.dash.tag})
		if root.dash.g.Now() == before {
			b.Fatalf("a tick at minute %d played nothing: the benchmark would time an idle dashboard", before)
		}
		_ = root.View()
	}
	if cpu += processCPU() - t0; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkIdleMessage is a message that changes nothing on the dashboard
// (a stale tick, as a room's status or a team's note that moves no figure)
// and the frame drawn after it, at 120×40: what a program in a room pays
// for each message besides its own ticks; with an event's question waiting
// in its box (as the game is after benchDashboard's weeks), and with none.
// Its CPU time per message is reported as BenchmarkTick's is.
func BenchmarkIdleMessage(b *testing.B) {
	asking := benchDashboard(b)
	if !asking.(Model).dash.choice.shown() {
		b.Fatal("no question waits after benchDashboard's weeks")
	}
	answered, _ := asking.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if answered.(Model).dash.choice.open() {
		b.Fatal("enter did not answer the question")
	}
	for _, c := range []struct {
		name string
		m    tea.Model
	}{{"question", asking}, {"dashboard", answered}} {
		b.Run(c.name, func(b *testing.B) {
			m := c.m
			stale := tickMsg{tag: m.(Model).dash.tag - 1}
			b.ReportAllocs()
			b.ResetTimer()
			t0 := processCPU()
			for range b.N {
				m, _ = m.Update(stale)
				_ = m.View()
			}
			if cpu := processCPU() - t0; cpu > 0 {
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			}
		})
	}
}
