package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
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

// The choice box is drawn when it is laid out or changes, and View shows
// that drawing: after moving the cursor, scrolling and resizing, it is the
// box as the choice would draw it now.
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
	}
}
