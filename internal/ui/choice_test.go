package ui

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/globomantics/globosim/internal/sim"
)

// nextWeek plays a week with space as a player would, answering with the
// default (the choice selected when the box opens) any question that
// stops it. It returns once the week has changed, the game has ended, or a
// lesson opened.
func nextWeek(t testing.TB, m tea.Model) tea.Model {
	t.Helper()
	if m.(Model).screen != playScreen {
		return m // space would page the end screen
	}
	start := m.(Model).session.game.Week()
	for range 10 {
		m, _ = drive(t, m, keyMsg("space"))
		for i := 0; i < 5 && m.(Model).dash.choice.shown(); i++ {
			m, _ = drive(t, m, keyMsg("enter"))
		}
		if r := m.(Model); r.screen != playScreen || r.session.game.Week() != start || r.dash.tutor.open {
			return m
		}
	}
	return m
}

// toQuestion plays weeks with space until a question stops the game.
func toQuestion(t testing.TB, m tea.Model) tea.Model {
	t.Helper()
	for range 60 {
		if m.(Model).dash.choice.shown() {
			return m
		}
		m, _ = drive(t, m, keyMsg("space"))
	}
	t.Fatalf("no question came:\n%s", m.View())
	return m
}

func TestAutoPlayStopsAtAQuestionAndWaits(t *testing.T) {
	var m tea.Model = playing(t, testOptions(t))
	m, _ = drive(t, m, keyMsg("p"))
	for i := 0; i < 400 && !m.(Model).dash.choice.open(); i++ {
		m, _ = drive(t, m, tickMsg{tag: m.(Model).dash.tag})
	}
	d := m.(Model).dash
	if !d.choice.shown() || d.playing {
		t.Fatalf("auto-play did not stop at a question (shown %v, playing %v):\n%s", d.choice.shown(), d.playing, m.View())
	}
	g := m.(Model).session.game
	at := g.Now()
	v := m.View()
	for _, want := range []string{"A senior developer resigns", "Counter-offer", "Let her go (the default)", "? answer waiting", "enter answer"} {
		if !strings.Contains(v, want) {
			t.Errorf("the question's screen does not show %q:\n%s", want, v)
		}
	}
	// Nothing moves on: not a tick, not space, not p; esc only looks.
	m, _ = drive(t, m, tickMsg{tag: m.(Model).dash.tag}, keyMsg("space"), keyMsg("p"))
	m, _ = drive(t, m, keyMsg("esc"))
	if !m.(Model).dash.choice.open() || m.(Model).dash.choice.shown() {
		t.Fatal("esc did not put the question aside")
	}
	if v := m.View(); !strings.Contains(v, "An answer is waiting") || !strings.Contains(v, "? answer waiting") || !strings.Contains(v, "space answer") {
		t.Fatalf("aside, the dashboard does not say an answer waits:\n%s", v)
	}
	m, _ = drive(t, m, tickMsg{tag: m.(Model).dash.tag}, keyMsg("space"))
	if !m.(Model).dash.choice.shown() {
		t.Fatal("space did not open the question again")
	}
	m, _ = drive(t, m, keyMsg("esc"), keyMsg("p"))
	if !m.(Model).dash.choice.shown() || m.(Model).dash.playing {
		t.Fatal("p did not open the question again")
	}
	if g.Now() != at {
		t.Fatalf("the game moved from %d to %d with a question waiting", at, g.Now())
	}
	if _, ok := g.Pending(); !ok {
		t.Fatal("the question was answered by default")
	}
}

func TestEnterAnswersAndTheGameGoesOn(t *testing.T) {
	var m tea.Model = playing(t, testOptions(t))
	m, _ = drive(t, m, keyMsg("p"))
	for i := 0; i < 400 && !m.(Model).dash.choice.open(); i++ {
		m, _ = drive(t, m, tickMsg{tag: m.(Model).dash.tag})
	}
	g := m.(Model).session.game
	// The default is selected: up goes to the choice before it.
	m, _ = drive(t, m, keyMsg("up"))
	picked := m.(Model).dash.choice.asking.Options[m.(Model).dash.choice.cursor]
	if picked.Default {
		t.Fatal("up did not move off the default")
	}
	var cmd tea.Cmd
	m, cmd = m.Update(keyMsg("enter"))
	d := m.(Model).dash
	if d.choice.open() {
		t.Fatal("the box is still open after enter")
	}
	log := g.Log()
	last := log[len(log)-1].Decision
	if last.Kind != sim.Respond || last.Event != "leaver" || last.Choice != picked.ID {
		t.Fatalf("enter logged %+v, want the answer %q", last, picked.ID)
	}
	want := fmt.Sprintf("answered %q", picked.Label)
	if !strings.Contains(d.message, want) || !strings.Contains(m.View(), want) {
		t.Fatalf("the answer is not in the message and the news:\n%s", m.View())
	}
	if !d.playing || cmd == nil {
		t.Fatal("auto-play, on when the question came, did not carry on")
	}
	week := g.Week()
	for i := 0; i < 20 && g.Week() == week; i++ {
		m, _ = drive(t, m, tickMsg{tag: m.(Model).dash.tag})
	}
	if g.Week() == week {
		t.Fatal("the game did not go on after the answer")
	}
	for _, ev := range g.Events() {
		if ev.ID == "leaver" && (ev.Choice != picked.ID || ev.Default) {
			t.Fatalf("the event's record says %q (default %v)", ev.Choice, ev.Default)
		}
	}
}

// x explains choices, and closing the explainer comes back to the question.
func TestChoiceExplains(t *testing.T) {
	m := toQuestion(t, playing(t, testOptions(t)))
	m, _ = drive(t, m, keyMsg("x"))
	if v := m.View(); m.(Model).dash.overlay != explainOverlay || !strings.Contains(v, choiceTopic) {
		t.Fatalf("x in the question:\n%s", v)
	}
	m, _ = drive(t, m, keyMsg("esc"))
	if !m.(Model).dash.choice.shown() {
		t.Fatalf("closing the explainer did not come back to the question:\n%s", m.View())
	}
}

// The advisor speaks of a waiting answer first.
func TestAdvisorMentionsAWaitingAnswer(t *testing.T) {
	m := toQuestion(t, playing(t, testOptions(t)))
	m, _ = drive(t, m, keyMsg("esc"), keyMsg("a"))
	v := m.View()
	i := strings.Index(v, "waits for your answer")
	if j := strings.Index(v, "In the last"); i < 0 || j >= 0 && j < i {
		t.Fatalf("the advisor does not start with the waiting answer:\n%s", v)
	}
}

// In a workshop room the same box asks; the facilitator's pause holds the
// game but not the answer, which moves no time.
func TestChoiceInARoom(t *testing.T) {
	opts := testOptions(t)
	opts.Scenario, opts.Seed, opts.SeedSet, opts.Player = "globomantics", 1, true, "ada"
	room := (&fakeRoom{}).set(RoomStatus{Started: true})
	opts.Room = room
	m := toQuestion(t, playing(t, opts))
	room.set(RoomStatus{Started: true, Paused: true, Message: "Coffee."})
	m, _ = drive(t, m, RoomMsg{})
	g := m.(Model).session.game
	at := g.Now()
	m, _ = drive(t, m, keyMsg("enter"), keyMsg("enter")) // the first only asks again
	if m.(Model).dash.choice.open() || g.Log()[len(g.Log())-1].Decision.Kind != sim.Respond {
		t.Fatalf("enter did not answer in a paused room:\n%s", m.View())
	}
	m, _ = drive(t, m, keyMsg("space"))
	if g.Now() != at {
		t.Fatal("the game moved while the room is paused")
	}
	room.set(RoomStatus{Started: true})
	m, _ = drive(t, m, RoomMsg{})
	_ = nextWeek(t, m)
	if g.Now() == at {
		t.Fatal("the game did not go on once the room started again")
	}
}

// A choice changed by an investment says which, and every figure it shows
// is the option's own.
func TestChoiceCostsSayWhatTheEngineSays(t *testing.T) {
	m := toQuestion(t, playing(t, testOptions(t)))
	sc := m.(Model).session.game.Scenario()
	o := sim.ChoiceOption{ID: "c", Label: "Hire consultants", Text: "The consultants only check its logs.", Money: -20_000,
		Effects: []sim.Effect{{Stage: -1, Money: -20_000}}, Built: "Build automation (CI)",
		Risk: &sim.Risk{Weeks: 10, Probability: 0.6, Text: "The auditor is back.", Effects: []sim.Effect{{Stage: -1, Money: -150_000}}}}
	got := strings.Join(choiceCosts(sc, o, 29), "\n")
	for _, want := range []string{"Costs $20,000 now.", "a 60% chance that in week 40 the auditor is back. ($150,000 out)"} {
		if !strings.Contains(got, want) {
			t.Errorf("costs %q do not say %q", got, want)
		}
	}
	c := m.(Model).dash.choice
	c.asking = &sim.PendingChoice{Event: "audit", Title: "The audit", Text: "An auditor.", Week: 30, Options: []sim.ChoiceOption{o}}
	c.cursor = 0
	text, _ := c.choicesView(70, false)
	if !strings.Contains(text, "Cheaper because Build automation (CI) is built") {
		t.Fatalf("the choice does not say what changed it:\n%s", text)
	}
}

// playKeys are the keys that take the default game from the dashboard to
// where done says, found by playing it (space, and enter to answer a
// question with its default, unless stop): they hold whatever the
// scenario's numbers.
func playKeys(t *testing.T, done func(Model) bool) []tea.Msg {
	m := tea.Model(playing(t, testOptions(t)))
	var keys []tea.Msg
	for range 200 {
		if done(m.(Model)) {
			return keys
		}
		k := keyMsg("space")
		if m.(Model).dash.choice.shown() {
			k = keyMsg("enter")
		}
		m, _ = drive(t, m, k)
		keys = append(keys, k)
	}
	t.Fatal("never got there")
	return nil
}

func TestGoldenChoice(t *testing.T) {
	keys := playKeys(t, func(m Model) bool { return m.dash.choice.shown() })
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			tm := teatest.NewTestModel(t, New(testOptions(t)), teatest.WithInitialTermSize(size.w, size.h))
			wait := func(s string) {
				teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
					teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
			}
			wait("G L O B O S I M")
			tm.Send(keyMsg("enter"))
			wait("start the game")
			tm.Send(keyMsg("enter"))
			wait("week 1/52")
			for _, k := range keys {
				tm.Send(k)
			}
			wait("an answer is needed")
			if err := tm.Quit(); err != nil {
				t.Fatal(err)
			}
			view := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).View()
			if !strings.Contains(view, "an answer is needed") {
				t.Fatalf("the final frame does not show the question:\n%s", view)
			}
			golden.RequireEqual(t, []byte(view))
		})
	}
}

// A game saved while a question waits asks it again when resumed, and
// an answer given before the save is kept.
func TestResumeWithAQuestionWaiting(t *testing.T) {
	opts := testOptions(t)
	opts.SavePath = filepath.Join(t.TempDir(), "save.json")
	m := toQuestion(t, playing(t, opts))
	m, _ = drive(t, m, keyMsg("up"), keyMsg("enter")) // the leaver, not by default
	m = toQuestion(t, m)                              // the next question
	orig := m.(Model).session.game
	d := m.(Model).dash
	if err := d.save(); err != nil {
		t.Fatal(err)
	}
	opts.Resume = true
	r := sized(t, opts, 100, 30)
	r, _ = drive(t, r, r.Init()())
	res := r.(Model)
	if res.screen != playScreen || !res.dash.choice.shown() {
		t.Fatalf("resumed with a question waiting: screen %d, asking %v\n%s", res.screen, res.dash.choice.shown(), r.View())
	}
	want, _ := orig.Pending()
	if got := res.dash.choice.asking; got.Event != want.Event || got.Week != want.Week {
		t.Fatalf("resumed asking %s (week %d), want %s (week %d)", got.Event, got.Week, want.Event, want.Week)
	}
	for _, ev := range res.session.game.Events() {
		if ev.ID == "leaver" && (ev.Default || ev.Choice == "let-go") {
			t.Fatalf("the leaver's answer was lost on resuming: %+v", ev)
		}
	}
}

// An enter pressed before any other key in the box does not answer: it
// may have been meant for the screen before the box opened. The box says
// what the next enter answers, and that one answers it.
func TestFirstEnterAsksAgain(t *testing.T) {
	m := toQuestion(t, playing(t, testOptions(t)))
	g := m.(Model).session.game
	c := m.(Model).dash.choice
	want := c.asking.Options[c.cursor]
	m, _ = drive(t, m, keyMsg("enter"))
	if v := m.View(); !m.(Model).dash.choice.shown() || !strings.Contains(v, fmt.Sprintf("Enter again answers %d, %q", c.cursor+1, want.Label)) {
		t.Fatalf("the first enter answered, or the box does not say what enter answers:\n%s", v)
	}
	m, _ = drive(t, m, keyMsg("enter"))
	if m.(Model).dash.choice.open() || g.Log()[len(g.Log())-1].Decision.Choice != want.ID {
		t.Fatalf("the second enter did not answer %q:\n%s", want.ID, m.View())
	}
	// After another key, enter answers at once.
	m = toQuestion(t, m)
	c = m.(Model).dash.choice
	m, _ = drive(t, m, keyMsg("down"), keyMsg("enter"))
	if m.(Model).dash.choice.asking != nil && m.(Model).dash.choice.asking.Event == c.asking.Event {
		t.Fatalf("enter after down did not answer:\n%s", m.View())
	}
}

// At 80×24 the choices do not fit with their details: every choice's
// label is in sight, from the first, with the selected one's details, and
// the box says what of the map it covers.
func TestChoiceAt80x24ShowsEveryChoice(t *testing.T) {
	m, _ := drive(t, toQuestion(t, playing(t, testOptions(t))), tea.WindowSizeMsg{Width: 80, Height: 24})
	d := m.(Model).dash
	v := m.View()
	for i, o := range d.choice.asking.Options {
		if !strings.Contains(v, fmt.Sprintf("%d %s", i+1, o.Label)) {
			t.Errorf("choice %d, %q, is not in sight:\n%s", i+1, o.Label, v)
		}
	}
	if !strings.Contains(v, d.choice.asking.Text) || !strings.Contains(v, "▸ ") || strings.Contains(v, "more choice") {
		t.Errorf("the event's text or the cursor is not in sight, or choices are out of it:\n%s", v)
	}
	if !strings.Contains(v, "The box covers the map from") && !strings.Contains(v, "stage ") {
		t.Errorf("the box covers the map and does not say so:\n%s", v)
	}
	if len(strings.Split(v, "\n")) != 24 {
		t.Errorf("the screen is %d rows, not 24", len(strings.Split(v, "\n")))
	}
}

// A digit answers that choice at once; one past the last does nothing.
func TestDigitAnswers(t *testing.T) {
	m := toQuestion(t, playing(t, testOptions(t)))
	g := m.(Model).session.game
	n := len(m.(Model).dash.choice.asking.Options)
	m, _ = drive(t, m, keyMsg(fmt.Sprint(n+1)))
	if !m.(Model).dash.choice.shown() {
		t.Fatalf("%d answered a question with %d choices", n+1, n)
	}
	first := m.(Model).dash.choice.asking.Options[0]
	m, _ = drive(t, m, keyMsg("1"))
	if m.(Model).dash.choice.open() || g.Log()[len(g.Log())-1].Decision.Choice != first.ID {
		t.Fatalf("1 did not answer %q:\n%s", first.ID, m.View())
	}
}

// The tests that deliver auto-play's ticks themselves do not wait them
// out: 40 ticks at normal speed would take 10 s of waiting (the two tests
// above took 10 s each), and take a fraction of that.
func TestDrivenTicksDoNotWait(t *testing.T) {
	var m tea.Model = playing(t, testOptions(t))
	m, _ = drive(t, m, keyMsg("p"))
	start := time.Now()
	for range 40 {
		m, _ = drive(t, m, tickMsg{tag: m.(Model).dash.tag})
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("40 driven ticks took %v: they wait out the tick", d)
	}
	if m.(Model).session.game.Week() < 2 {
		t.Errorf("40 ticks played to week %d", m.(Model).session.game.Week())
	}
}

// The choices' body is what the viewport's View shows, wherever it is
// scrolled and whatever its lines hold: styled words, trailing spaces, a
// line as wide as the box or wider, a tab, wide runes.
func TestBodyViewAsViewport(t *testing.T) {
	s := colourStyles()
	lines := []string{
		"", "  ▸ 1 Counter-offer", s.Subtle.Render("Costs $40,000 now.") + " " + s.Bad.Render("Risk"), "trailing   ",
		strings.Repeat("x", 30), strings.Repeat("y", 31), "a\tb", "日本語の選択", "e\u0301 ok", "— ’ …",
	}
	for _, w := range []int{0, 5, 29, 30, 31, 60} {
		for _, h := range []int{0, 1, 3, 7, 20} {
			for n := 0; n <= len(lines); n++ {
				text := strings.Join(lines[:n], "\n")
				vp := viewport.New(w, h)
				vp.SetContent(text)
				split := strings.Split(text, "\n")
				for _, y := range []int{0, 1, 4, 9} {
					vp.SetYOffset(y)
					if got, want := bodyView(&vp, split), vp.View(); got != want {
						t.Fatalf("%d×%d, %d lines from %d: %q, the viewport shows %q", w, h, n, vp.YOffset, got, want)
					}
				}
			}
		}
	}
}
