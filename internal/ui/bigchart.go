package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// The large chart: one of the dashboard's charts over the whole screen but
// the header and the help, drawn by plotChart as the dashboard draws it,
// at that size. On a small terminal the dashboard's charts are a few rows
// high; this one can be read. Tab shows the next chart, esc or c closes it.

type bigChart struct {
	styles *Styles
	keys   bigChartKeys
	kind   chartKind
	snap   *snapshot // the dashboard's, as it was when last drawn
	body   string    // the chart, drawn when it opens, switches, or the game or the size moves

	width, height int

	asks asker // esc or c: close (overlayDoneMsg)
}

func newBigChart(styles *Styles, global *globalKeys) bigChart {
	return bigChart{styles: styles, keys: defaultBigChartKeys(global), asks: asker{from: chartOverlay}}
}

// open shows chart kind of snap.
func (m *bigChart) open(kind chartKind, snap snapshot) {
	m.kind = kind
	m.show(snap)
}

// show draws the chart again from snap.
func (m *bigChart) show(snap snapshot) {
	m.snap = &snap
	m.draw()
}

// SetSize sizes the chart; the dashboard draws it again (show) if it is open.
func (m *bigChart) SetSize(w, h int) { m.width, m.height = w, h }

func (m *bigChart) draw() {
	d := chartOf(m.kind, m.snap)
	d.title += m.styles.Ink.Subtle.paint(fmt.Sprintf("  (%d/%d, tab: next, esc: close)", m.kind+1, chartKinds))
	m.body = Fit(plotChart(m.styles, d, m.width, m.height, weeksShown(m.snap)), m.width, m.height)
}

// Update handles a key; closing it is the dashboard's, asked by message.
func (m bigChart) Update(msg tea.Msg) (bigChart, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	switch {
	case key.Matches(km, m.keys.Close):
		cmd := m.asks.ask(overlayDoneMsg{close: true})
		return m, cmd
	case key.Matches(km, m.keys.Next):
		m.kind = (m.kind + 1) % chartKinds
		m.draw()
	}
	return m, nil
}

func (m bigChart) View() string { return m.body }
