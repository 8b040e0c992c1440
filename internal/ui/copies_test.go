package ui

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/globomantics/globosim/internal/sim"
)

// The screens the root model holds by pointer are replaced, never changed
// in place: a model keeps showing what it showed after the model its
// Update returned has moved on (the shop opened and its cursor moved, the
// stage and the explainer opened, the terminal resized).
func TestUpdateLeavesTheOldModelAsItWas(t *testing.T) {
	old := playing(t, testOptions(t))
	before, cursor := old.View(), old.dash.shop.cursor
	m, _ := drive(t, old, keyMsg("i"), keyMsg("down"), keyMsg("down"), tea.WindowSizeMsg{Width: 120, Height: 40})
	if m.(Model).dash.shop.cursor == cursor {
		t.Fatal("down, down in the shop: the cursor did not move, so the test proves nothing")
	}
	m, _ = drive(t, m, keyMsg("x"), keyMsg("esc"), keyMsg("esc"), keyMsg("enter"), keyMsg("esc"))
	_ = m.View()
	if got := old.View(); got != before || old.dash.shop.cursor != cursor || old.dash.overlay != noOverlay {
		t.Fatalf("the old model changed with the new one (shop cursor %d, was %d; overlay %d):\n%s\nwas:\n%s", old.dash.shop.cursor, cursor, old.dash.overlay, got, before)
	}

	title := sized(t, testOptions(t), 100, 30).(Model)
	before = title.View()
	m, _ = drive(t, title, keyMsg("down"), tea.WindowSizeMsg{Width: 120, Height: 40})
	_ = m.View()
	if got := title.View(); got != before {
		t.Fatalf("the old title screen changed with the new one:\n%s\nwas:\n%s", got, before)
	}
}

// The choice box is drawn when it is laid out or changes, and placed when
// it or its area changes, and View shows that drawing: after moving the
// cursor, scrolling and resizing, it is the box as the choice would draw
// and place it now.
func TestChoiceBoxDrawnOnceIsTheBoxNow(t *testing.T) {
	m := toQuestion(t, playing(t, testOptions(t)))
	for _, msg := range []tea.Msg{keyMsg("down"), keyMsg("pgdown"), tea.WindowSizeMsg{Width: 120, Height: 40}, keyMsg("down"), keyMsg("up")} {
		m, _ = drive(t, m, msg)
		d := m.(Model).dash
		if !d.choice.shown() {
			t.Fatalf("after %v: the box closed", msg)
		}
		if want := d.choice.View(); d.choiceBox != want {
			t.Fatalf("after %v: the box drawn before is not the box now:\n%s\nwant:\n%s", msg, d.choiceBox, want)
		}
		fresh := d
		fresh.panes = nil // nothing placed before
		if got, want := d.View(), fresh.View(); got != want {
			t.Fatalf("after %v: the box placed before is not the box now:\n%s\nwant:\n%s", msg, got, want)
		}
	}
}

// The news pane, the header, the map, the DORA lines and the week's
// changes line are drawn when what they show changes, and View shows that drawing: after days and
// weeks played, auto-play started and stopped, the news scrolled, the
// terminal resized and an older model viewed again, they are as they would
// be drawn now.
func TestPanesDrawnOnceAreThePanesNow(t *testing.T) {
	var m tea.Model = playing(t, testOptions(t))
	var old tea.Model
	var msgs []tea.Msg
	for range 12 {
		msgs = append(msgs, keyMsg("space"))
	}
	msgs = append(msgs, keyMsg("p"))
	for range 12 {
		msgs = append(msgs, tickMsg{})
	}
	msgs = append(msgs, keyMsg("p"), keyMsg("down"), keyMsg("["), keyMsg("down"), keyMsg("["), tea.WindowSizeMsg{Width: 120, Height: 40}, keyMsg("]"), keyMsg("up"),
		keyMsg("space"), tea.WindowSizeMsg{Width: 80, Height: 24}, keyMsg("space"))
	shown := 0
	for i, msg := range msgs {
		if tick, ok := msg.(tickMsg); ok {
			tick.tag = m.(Model).dash.tag
			msg = tick
		}
		if m.(Model).dash.choice.shown() {
			m, _ = drive(t, m, keyMsg("enter"))
		}
		m, _ = drive(t, m, msg)
		if i == 15 {
			old = m
		}
		_ = m.View()
		d := m.(Model).dash
		if want := d.changesLine(d.width - 1); d.changes != want {
			t.Fatalf("after %v: the changes line made before is %q, now it is %q", msg, d.changes, want)
		}
		fresh := d
		fresh.panes = nil // nothing drawn before
		if got, want := d.newsView(), fresh.newsView(); got != want {
			t.Fatalf("after %v: the news drawn before:\n%s\nthe news now:\n%s", msg, got, want)
		}
		if got, want := d.header(), fresh.header(); got != want {
			t.Fatalf("after %v: the header drawn before:\n%s\nthe header now:\n%s", msg, got, want)
		}
		if got, want := d.mapView(), fresh.mapView(); got != want {
			t.Fatalf("after %v: the map drawn before:\n%s\nthe map now:\n%s", msg, got, want)
		}
		if got, want := d.doraView(), fresh.doraView(); got != want {
			t.Fatalf("after %v: the DORA lines drawn before:\n%s\nthe lines now:\n%s", msg, got, want)
		}
		if d.changes != "" && len(d.snap.news) > 0 {
			shown++
		}
	}
	if shown == 0 {
		t.Fatal("neither changes nor news were shown: the test proves nothing")
	}
	d := old.(Model).dash
	fresh := d
	fresh.panes = nil
	if got, want := d.newsView(), fresh.newsView(); got != want {
		t.Fatalf("an older model's news:\n%s\nwant:\n%s", got, want)
	}
	if got, want := d.header(), fresh.header(); got != want {
		t.Fatalf("an older model's header:\n%s\nwant:\n%s", got, want)
	}
	if got, want := d.mapView()+d.doraView(), fresh.mapView()+fresh.doraView(); got != want {
		t.Fatalf("an older model's map and DORA lines:\n%s\nwant:\n%s", got, want)
	}
	// News within a week, the same week's changes line above it.
	d.snap.news = append(slices.Clip(d.snap.news), sim.News{Week: d.snap.week, Kind: sim.MarketNews, Text: "A rival cuts its prices."})
	if got := d.newsView(); !strings.Contains(got, "A rival cuts its prices.") {
		t.Fatalf("news that came within the week is not shown:\n%s", got)
	}
}
