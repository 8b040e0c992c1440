package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// The overlays' contract (overlayDoneMsg): an overlay asks the dashboard
// by message, and the keys typed before the message comes wait for it.

// asked runs an overlay's command and returns the request it sends.
func asked(t *testing.T, cmd tea.Cmd) overlayDoneMsg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command: the overlay asked nothing")
	}
	done, ok := cmd().(overlayDoneMsg)
	if !ok {
		t.Fatal("the command sends no overlayDoneMsg")
	}
	return done
}

// Each overlay's Update sends the request for each way it closes or hands
// over, and nothing for a key it handles itself.
func TestEachOverlayAsksByMessage(t *testing.T) {
	m := playing(t, testOptions(t))
	d := m.dash
	stageName := d.g.Stages()[0].Name
	firstInvestment := d.g.Scenario().Investments[0].Name
	shop := func() shopModel { s := *d.shop; s.open(); return s }
	stage := func() stageModel { s := *d.stage; s.open(0); return s }
	explain := func() explainModel { e := *d.explain; e.open(stageName, ""); return e }
	big := func() bigChart { b := *d.big; b.open(0, d.snap); return b }
	type update func(tea.Msg) tea.Cmd
	for _, c := range []struct {
		name string
		do   update
		key  string
		want overlayDoneMsg // from 0: the key asks nothing
	}{
		{"shop", func(k tea.Msg) tea.Cmd { _, c := shop().Update(k); return c }, "esc", overlayDoneMsg{from: shopOverlay, close: true}},
		{"shop", func(k tea.Msg) tea.Cmd { _, c := shop().Update(k); return c }, "i", overlayDoneMsg{from: shopOverlay, close: true}},
		{"shop", func(k tea.Msg) tea.Cmd { _, c := shop().Update(k); return c }, "x", overlayDoneMsg{from: shopOverlay, explain: firstInvestment}},
		{"shop's teams", func(k tea.Msg) tea.Cmd {
			s := shop()
			s, _ = s.Update(keyMsg("tab"))
			s, _ = s.Update(keyMsg("tab"))
			_, c := s.Update(k)
			return c
		}, "x", overlayDoneMsg{from: shopOverlay, explain: improvementTopic}},
		{"shop", func(k tea.Msg) tea.Cmd { _, c := shop().Update(k); return c }, "down", overlayDoneMsg{}},
		{"stage", func(k tea.Msg) tea.Cmd { _, c := stage().Update(k); return c }, "esc", overlayDoneMsg{from: stageOverlay, close: true}},
		{"stage", func(k tea.Msg) tea.Cmd { _, c := stage().Update(k); return c }, "enter", overlayDoneMsg{from: stageOverlay, close: true}},
		{"stage", func(k tea.Msg) tea.Cmd { _, c := stage().Update(k); return c }, "x", overlayDoneMsg{from: stageOverlay, explain: stageName}},
		{"stage", func(k tea.Msg) tea.Cmd { _, c := stage().Update(k); return c }, "right", overlayDoneMsg{}},
		{"explainer", func(k tea.Msg) tea.Cmd { _, c := explain().Update(k); return c }, "esc", overlayDoneMsg{from: explainOverlay, close: true}},
		{"explainer", func(k tea.Msg) tea.Cmd { _, c := explain().Update(k); return c }, "enter", overlayDoneMsg{from: explainOverlay, close: true}},
		{"explainer", func(k tea.Msg) tea.Cmd { _, c := explain().Update(k); return c }, "x", overlayDoneMsg{from: explainOverlay, close: true}},
		{"explainer", func(k tea.Msg) tea.Cmd { _, c := explain().Update(k); return c }, "down", overlayDoneMsg{}},
		{"empty explainer", func(k tea.Msg) tea.Cmd { e := explain(); e.topics = nil; _, c := e.Update(k); return c }, "down", overlayDoneMsg{from: explainOverlay, close: true}},
		{"large chart", func(k tea.Msg) tea.Cmd { _, c := big().Update(k); return c }, "esc", overlayDoneMsg{from: chartOverlay, close: true}},
		{"large chart", func(k tea.Msg) tea.Cmd { _, c := big().Update(k); return c }, "c", overlayDoneMsg{from: chartOverlay, close: true}},
		{"large chart", func(k tea.Msg) tea.Cmd { _, c := big().Update(k); return c }, "tab", overlayDoneMsg{}},
	} {
		cmd := c.do(keyMsg(c.key))
		if c.want.from == noOverlay {
			if cmd != nil {
				if done, ok := cmd().(overlayDoneMsg); ok {
					t.Errorf("%s, %s: asks %+v, want nothing", c.name, c.key, done)
				}
			}
			continue
		}
		if got := asked(t, cmd); got != c.want {
			t.Errorf("%s, %s: asks %+v, want %+v", c.name, c.key, got, c.want)
		}
	}

	// y in the shop's question: what the decision did, in the request.
	s := shop()
	s, _ = s.Update(keyMsg("enter"))
	_, cmd := s.Update(keyMsg("y"))
	if got := asked(t, cmd); got.from != shopOverlay || got.close || got.explain != "" || got.decided == nil || got.decided.Err != nil || got.decided.Text == "" {
		t.Errorf("shop, enter, y: asks %+v, want what the purchase did", got)
	}

	// x in the question box asks for its explanation.
	q := toQuestion(t, m).(Model).dash.choice
	if _, cmd := q.Update(keyMsg("x")); asked(t, cmd) != (overlayDoneMsg{from: questionBox, explain: choiceTopic}) {
		t.Errorf("question, x: asks %+v", asked(t, cmd))
	}
}

// The request closes the overlay when it comes, not before; keys typed in
// between wait for it, in order, and what comes after them waits too.
func TestKeysWaitForTheRequest(t *testing.T) {
	var m tea.Model = playing(t, testOptions(t))
	g := m.(Model).session.game
	m, _ = drive(t, m, keyMsg("enter")) // the stage detail
	m, closing := m.Update(keyMsg("esc"))
	if d := m.(Model).dash; d.overlay != stageOverlay || d.awaiting != stageOverlay {
		t.Fatalf("esc: overlay %d, awaiting %d; want the detail still open, waiting for its request", d.overlay, d.awaiting)
	}
	m, cmd := m.Update(keyMsg("i"))
	if cmd != nil || len(m.(Model).held) != 1 || m.(Model).dash.overlay != stageOverlay {
		t.Fatalf("esc, i: %d held, overlay %d; want i held, the detail open", len(m.(Model).held), m.(Model).dash.overlay)
	}
	m, _ = m.Update(keyMsg("esc"))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40}) // after the keys: it waits behind them
	m, _ = m.Update(keyMsg(" "))
	if r := m.(Model); len(r.held) != 4 || r.width != 100 {
		t.Fatalf("%d held, width %d; want four held and the size not yet changed", len(r.held), r.width)
	}
	run(t, &m, closing)
	// esc closed the detail; i opened the shop, esc asked to close it; the
	// size and the space waited for that.
	r := m.(Model)
	if r.dash.overlay != noOverlay || r.dash.awaits() || len(r.held) != 0 || r.width != 120 || g.Week() != 1 {
		t.Errorf("after the requests: overlay %d, awaiting %d, %d held, width %d, week %d; want the dashboard at 120 columns, week 1",
			r.dash.overlay, r.dash.awaiting, len(r.held), r.width, g.Week())
	}
}

// Keys typed together with the one that closes the shop act on the
// dashboard: x explains the chosen stage, not the shop's investment; q
// asks to quit; ? shows the dashboard's help.
func TestBurstAfterCloseActsOnTheDashboard(t *testing.T) {
	var m tea.Model = playing(t, testOptions(t))
	stageName := m.(Model).dash.snap.stages[0].Name
	m, _ = drive(t, m, keyMsg("i"))
	m, closing := m.Update(keyMsg("esc"))
	m, _ = m.Update(keyMsg("x"))
	run(t, &m, closing)
	d := m.(Model).dash
	if d.overlay != explainOverlay || d.under != noOverlay || d.explain.topics[d.explain.cursor].title != stageName {
		t.Fatalf("i, esc x: overlay %d under %d; want the explanation of %s from the dashboard", d.overlay, d.under, stageName)
	}

	m, _ = drive(t, playing(t, testOptions(t)), keyMsg("i"))
	m, closing = m.Update(keyMsg("esc"))
	m, _ = m.Update(keyMsg("q"))
	run(t, &m, closing)
	if r := m.(Model); !r.confirmQuit || r.dash.overlay != noOverlay {
		t.Errorf("i, esc q: quit asked %v, overlay %d; want the shop closed and the question to quit", r.confirmQuit, r.dash.overlay)
	}

	m, _ = drive(t, playing(t, testOptions(t)), keyMsg("i"))
	m, closing = m.Update(keyMsg("esc"))
	m, _ = m.Update(keyMsg("?"))
	run(t, &m, closing)
	if r := m.(Model); !r.fullHelp || r.dash.overlay != noOverlay || !strings.Contains(r.View(), "next week") {
		t.Errorf("i, esc ?: help %v, overlay %d; want the dashboard's help:\n%s", r.fullHelp, r.dash.overlay, r.View())
	}

	// Typed as one message (over SSH a burst can come so): the runes after
	// the one that asks wait, before what came after them.
	m, _ = drive(t, playing(t, testOptions(t)), keyMsg("enter"))
	m, closing = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("xe")}) // x: explain the stage; e does nothing
	m, _ = m.Update(keyMsg("esc"))
	if r := m.(Model); len(r.held) != 2 || r.dash.overlay != stageOverlay {
		t.Fatalf("detail, xe esc: %d held, overlay %d; want e and esc held, the detail open", len(r.held), r.dash.overlay)
	}
	run(t, &m, closing)
	if d := m.(Model).dash; d.overlay != stageOverlay || d.under != noOverlay || d.awaits() {
		t.Errorf("detail, xe esc: overlay %d, under %d; want back on the detail", d.overlay, d.under)
	}
}

// A request nothing waits for does nothing: one sent again after the
// overlay closed, and one from an overlay other than the one that asked.
func TestStaleRequestDoesNothing(t *testing.T) {
	var m tea.Model = playing(t, testOptions(t))
	m, _ = drive(t, m, keyMsg("enter"))
	m, closing := m.Update(keyMsg("esc"))
	done := asked(t, closing)
	m, _ = drive(t, m, done)
	if m.(Model).dash.overlay != noOverlay {
		t.Fatal("the detail's esc did not close it")
	}
	m, _ = drive(t, m, keyMsg("i"), done) // the same request again, with the shop open
	if d := m.(Model).dash; d.overlay != shopOverlay || d.awaits() {
		t.Errorf("a request delivered twice: overlay %d, awaiting %d; want the shop open", d.overlay, d.awaiting)
	}
	m, closing = m.Update(keyMsg("esc"))
	m, _ = m.Update(keyMsg(" "))
	m, _ = m.Update(overlayDoneMsg{from: stageOverlay, close: true}) // not the shop's
	if r := m.(Model); r.dash.overlay != shopOverlay || r.dash.awaiting != shopOverlay || len(r.held) != 1 {
		t.Errorf("another overlay's request: overlay %d, awaiting %d, %d held; want the shop still waiting", r.dash.overlay, r.dash.awaiting, len(r.held))
	}
	run(t, &m, closing)
	if r := m.(Model); r.dash.overlay != noOverlay || r.session.game.Week() != 1 {
		t.Errorf("the shop's own request: overlay %d, week %d; want the dashboard, week 1", r.dash.overlay, r.session.game.Week())
	}

	// An overlay closed some other way while its request was on its way:
	// the request closes nothing, but the keys held go on.
	m, _ = drive(t, playing(t, testOptions(t)), keyMsg("i"))
	m, closing = m.Update(keyMsg("esc"))
	m, _ = m.Update(keyMsg("c"))
	r := m.(Model)
	r.dash.overlay = noOverlay // as a lesson that opens closes it
	m = r
	run(t, &m, closing)
	if d := m.(Model).dash; d.overlay != chartOverlay || d.awaits() || len(m.(Model).held) != 0 {
		t.Errorf("the shop's request after it had gone: overlay %d, awaiting %d; want c to have opened the large chart", d.overlay, d.awaiting)
	}
}

// At most maxHeld keys wait; more are dropped, but ctrl+c then goes
// through.
func TestHeldKeysAreCapped(t *testing.T) {
	var m tea.Model = playing(t, testOptions(t))
	m, _ = drive(t, m, keyMsg("i"))
	m, _ = m.Update(keyMsg("esc")) // its request never comes
	for range maxHeld + 10 {
		m, _ = m.Update(keyMsg("down"))
	}
	if n := len(m.(Model).held); n != maxHeld {
		t.Fatalf("%d held, want %d", n, maxHeld)
	}
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyCtrlC})
	if !m.(Model).confirmQuit {
		t.Error("ctrl+c with the held keys full did not ask to quit")
	}
}

// The question box's x and esc at once: the explainer opens over the
// question and closes again, back to the question.
func TestQuestionExplainsAndBackAtOnce(t *testing.T) {
	m := toQuestion(t, playing(t, testOptions(t)))
	m, explaining := m.Update(keyMsg("x"))
	m, _ = m.Update(keyMsg("esc"))
	if d := m.(Model).dash; d.overlay != noOverlay || d.awaiting != questionBox {
		t.Fatalf("question, x: overlay %d, awaiting %d", d.overlay, d.awaiting)
	}
	run(t, &m, explaining)
	if d := m.(Model).dash; d.overlay != noOverlay || d.awaits() || !d.choice.shown() {
		t.Errorf("question, x esc: overlay %d, question shown %v; want the question back", d.overlay, d.choice.shown())
	}
}

// A one-stage model has no other stage to choose on the map or in the
// detail: those keys are disabled and drop out of the help.
func TestOneStageHasNoStageKeys(t *testing.T) {
	opts := testOptions(t)
	opts.Scenario = filepath.Join("..", "sim", "testdata", "mm1.toml")
	m := sized(t, opts, 100, 30)
	if check := m.Init(); check != nil { // the save check, which a new game waits for
		m, _ = drive(t, m, check())
	}
	m, _ = drive(t, m, keyMsg("enter"), keyMsg("enter"), keyMsg("enter")) // the title's file, the briefing
	if m.(Model).screen != playScreen {
		t.Fatalf("not on the dashboard:\n%s", m.View())
	}
	helpLine := func(m tea.Model) string { v := m.View(); return v[strings.LastIndexByte(v, '\n')+1:] }
	if h := helpLine(m); strings.Contains(h, "stage") && strings.Contains(h, "↑↓") {
		t.Errorf("the dashboard's help names the stage keys: %q", h)
	}
	d, _ := drive(t, m, keyMsg("enter"))
	if d.(Model).dash.overlay != stageOverlay {
		t.Fatalf("enter opened no detail:\n%s", d.View())
	}
	if h := helpLine(d); strings.Contains(h, "other stage") {
		t.Errorf("the detail's help names other stages: %q", h)
	}
	if g := tea.Model(playing(t, testOptions(t))); !strings.Contains(helpLine(g), "↑↓ stage") {
		t.Errorf("the default game's help lost its stage keys: %q", helpLine(g))
	}
}

// What comes behind a held key keeps its place: a resize too small for
// the game that came after space is handled after space (so the week is
// played, then the game hides), and an auto-play tick from before the
// shop closed is stale once it has (the close starts auto-play again with
// a new tick).
func TestMessagesBehindHeldKeysKeepTheirOrder(t *testing.T) {
	var m tea.Model = playing(t, testOptions(t))
	g := m.(Model).session.game
	m, _ = drive(t, m, keyMsg("i"))
	m, closing := m.Update(keyMsg("esc"))
	m, _ = m.Update(keyMsg(" "))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 60, Height: 20})
	run(t, &m, closing)
	if r := m.(Model); g.Week() != 1 || r.dash.overlay != noOverlay || !r.tooSmall() {
		t.Errorf("esc, space, a small terminal: week %d, overlay %d, too small %v; want week 1 played, then the game hidden", g.Week(), r.dash.overlay, r.tooSmall())
	}

	m = playing(t, testOptions(t))
	g = m.(Model).session.game
	m, msgs := drive(t, m, keyMsg("p"))
	oldTick := msgs[0].(tickMsg)
	m, _ = drive(t, m, keyMsg("i"))
	m, closing = m.Update(keyMsg("esc"))
	m, _ = m.Update(keyMsg("+"))
	m, _ = m.Update(oldTick)
	if len(m.(Model).held) != 2 {
		t.Fatalf("%d held, want + and the tick", len(m.(Model).held))
	}
	now := g.Now()
	m, msgs = drive(t, m, closing())
	var ticks []tickMsg
	for _, msg := range msgs {
		if tk, ok := msg.(tickMsg); ok {
			ticks = append(ticks, tk)
		}
	}
	if d := m.(Model).dash; g.Now() != now || d.speed != 2 || len(ticks) != 1 || ticks[0].tag == oldTick.tag {
		t.Fatalf("esc, +, the old tick: moved %v, speed %d, ticks %v; want the old tick stale, faster, one new tick", g.Now() != now, d.speed, ticks)
	}
	drive(t, m, ticks[0])
	if g.Now() == now {
		t.Error("the new tick did not move the game")
	}
}

// The digits answer as many choices as the question has: with two, 3 is
// not bound and the help says 1-2; with one, ↑↓ drop out too.
func TestPickKeysFollowTheChoices(t *testing.T) {
	m := playing(t, testOptions(t))
	c := m.dash.choice
	for _, tc := range []struct {
		n      int
		help   string
		three  bool
		choose bool
	}{{3, "1-3", true, true}, {2, "1-2", false, true}, {1, "1", false, false}} {
		c.bindPick(tc.n)
		if h := c.keys.Pick.Help().Key; h != tc.help {
			t.Errorf("%d choices: the help says %q, want %q", tc.n, h, tc.help)
		}
		if got := key.Matches(keyMsg("3"), c.keys.Pick); got != tc.three {
			t.Errorf("%d choices: 3 answers %v", tc.n, got)
		}
		if c.keys.Up.Enabled() != tc.choose || c.keys.Down.Enabled() != tc.choose {
			t.Errorf("%d choices: ↑↓ enabled %v", tc.n, c.keys.Up.Enabled())
		}
	}
}
