package ui

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/version"
)

// asciiRenderer draws without colour, so screens compare as plain text.
func asciiRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return r
}

func testOptions(t *testing.T) Options {
	return Options{Renderer: asciiRenderer(), ExportDir: t.TempDir()}
}

func keyMsg(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// drive feeds messages to the model the way the program would, running
// the commands they return (but not waiting on timers), and returns the
// model and the last command's messages.
func drive(t testing.TB, m tea.Model, msgs ...tea.Msg) (tea.Model, []tea.Msg) {
	t.Helper()
	var out []tea.Msg
	for _, msg := range msgs {
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		out = run(t, &m, cmd)
	}
	return m, out
}

// run runs a command and feeds back what it says, except ticks (they would
// wait) and quitting, which it reports.
func run(t testing.TB, m *tea.Model, cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	switch msg := msg.(type) {
	case nil:
		return nil
	case tea.QuitMsg, tickMsg:
		return []tea.Msg{msg}
	case tea.BatchMsg:
		var all []tea.Msg
		for _, c := range msg {
			all = append(all, run(t, m, c)...)
		}
		return all
	default:
		var next tea.Cmd
		*m, next = (*m).Update(msg)
		return append([]tea.Msg{msg}, run(t, m, next)...)
	}
}

// sized is a program of opts in a w×h terminal, for drive: its ticks come
// without waiting (drive reports them; a test delivers them itself).
func sized(t testing.TB, opts Options, w, h int) tea.Model {
	opts.tickNow = true
	m, _ := drive(t, New(opts), tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// playing starts the default scenario and reaches the dashboard.
func playing(t *testing.T, opts Options) Model {
	m := sized(t, opts, 100, 30)
	if check := m.Init(); check != nil { // the save check, which a new game waits for
		m, _ = drive(t, m, check())
	}
	m, _ = drive(t, m, keyMsg("enter"), keyMsg("enter"))
	root := m.(Model)
	if root.screen != playScreen {
		t.Fatalf("enter, enter: on screen %d, want the dashboard", root.screen)
	}
	return root
}

func TestEnterEnterReachesTheDashboard(t *testing.T) {
	m := playing(t, testOptions(t))
	if m.session.game.Scenario().Name != "Globomantics" || m.session.game.Week() != 0 {
		t.Fatalf("started %q at week %d", m.session.game.Scenario().Name, m.session.game.Week())
	}
	if !strings.Contains(m.View(), "week 1/52") {
		t.Fatalf("dashboard:\n%s", m.View())
	}
}

func TestTitleKeys(t *testing.T) {
	opts := testOptions(t)
	m := sized(t, opts, 100, 30)
	m, _ = drive(t, m, keyMsg("down"))
	if c := m.(Model).title.cursor; c != 1 {
		t.Fatalf("down: cursor %d", c)
	}
	m, _ = drive(t, m, keyMsg("up"))
	// Seed: tab focuses it; letters go to it, not to the global keys.
	m, _ = drive(t, m, keyMsg("tab"), keyMsg("q"), keyMsg("?"))
	tm := m.(Model)
	if !tm.title.typing() || tm.title.seed.Value() != "q?" || tm.fullHelp {
		t.Fatalf("typing into the seed: focus %v value %q help %v", tm.title.focus, tm.title.seed.Value(), tm.fullHelp)
	}
	m, _ = drive(t, m, keyMsg("enter"))
	if tm := m.(Model); tm.screen != titleScreen || !strings.Contains(tm.title.err, `whole number, not "q?"`) {
		t.Fatalf("a bad seed: screen %d, error %q", tm.screen, tm.title.err)
	}
	m, _ = drive(t, m, keyMsg("backspace"), keyMsg("backspace"), keyMsg("4"), keyMsg("2"), keyMsg("enter"))
	tm = m.(Model)
	if tm.screen != briefingScreen || tm.session.game.Sim().Seed() != 42 {
		t.Fatalf("seed 42: screen %d", tm.screen)
	}
	// Esc on the briefing goes back to the title.
	m, _ = drive(t, m, keyMsg("esc"))
	if tm := m.(Model); tm.screen != titleScreen {
		t.Fatalf("esc on the briefing: screen %d", tm.screen)
	}
}

func TestTitleOpensAFile(t *testing.T) {
	opts := testOptions(t)
	bad := filepath.Join(t.TempDir(), "bad.toml")
	os.WriteFile(bad, []byte("name = \"x\"\n[[stage]]\nid = \"a\"\ncapcity = 1\n"), 0o644)
	m := sized(t, opts, 100, 30)
	m, _ = drive(t, m, keyMsg("up"), keyMsg("enter")) // up from the first wraps to the last: Open a file…
	if tm := m.(Model); tm.title.focus != focusPath {
		t.Fatal("enter on 'Open a file…' does not focus the path")
	}
	for _, r := range bad {
		m, _ = drive(t, m, keyMsg(string(r)))
	}
	m, _ = drive(t, m, keyMsg("enter"))
	tm := m.(Model)
	if tm.screen != titleScreen || !strings.Contains(tm.title.err, "bad.toml:4:1: unknown key \"capcity\"") {
		t.Fatalf("a broken file: screen %d, error %q", tm.screen, tm.title.err)
	}
	if !strings.Contains(tm.View(), "capcity") {
		t.Fatal("the error is not on the screen")
	}
	if tm.title.keys.Resume.Enabled() {
		t.Fatal("resume is offered with no saved game")
	}
}

func TestDashboardKeys(t *testing.T) {
	m := playing(t, testOptions(t))
	g := m.session.game
	var tm tea.Model = m
	tm, _ = drive(t, tm, keyMsg(" "))
	if g.Week() != 1 {
		t.Fatalf("space: week %d", g.Week())
	}
	// Auto-play: p starts a tick; a tick with an old tag is ignored.
	tm, msgs := drive(t, tm, keyMsg("p"))
	if len(msgs) != 1 {
		t.Fatalf("p: %v", msgs)
	}
	tick := msgs[0].(tickMsg)
	now := g.Now()
	tm, _ = drive(t, tm, tickMsg{tag: tick.tag - 1})
	if g.Now() != now {
		t.Fatal("a stale tick moved the game")
	}
	tm, msgs = drive(t, tm, tick)
	if g.Now() != now+g.Scenario().Day() || len(msgs) != 1 {
		t.Fatalf("a tick moved the game from %d to %d (want a day) and asked for %d more", now, g.Now(), len(msgs))
	}
	tm, _ = drive(t, tm, keyMsg("p"))
	now = g.Now()
	tm, _ = drive(t, tm, tick)
	if g.Now() != now {
		t.Fatal("a tick moved a paused game")
	}
	// Keys that arrive together count one by one.
	sp := tm.(Model).dash.speed
	tm, _ = drive(t, tm, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("++")})
	if got := tm.(Model).dash.speed; got != min(sp+2, len(speeds)-1) {
		t.Fatalf("\"++\" in one message: speed %d → %d", sp, got)
	}
	// Speed stays within its range.
	for range 10 {
		tm, _ = drive(t, tm, keyMsg("+"))
	}
	if sp := tm.(Model).dash.speed; sp != len(speeds)-1 {
		t.Fatalf("speed %d after many +", sp)
	}
	for range 10 {
		tm, _ = drive(t, tm, keyMsg("-"))
	}
	if sp := tm.(Model).dash.speed; sp != 0 {
		t.Fatalf("speed %d after many -", sp)
	}
	// Stages, detail, shop, advice, charts.
	tm, _ = drive(t, tm, keyMsg("down"), keyMsg("down"))
	if f := tm.(Model).dash.focus; f != 2 {
		t.Fatalf("focus %d", f)
	}
	tm, _ = drive(t, tm, keyMsg("enter"))
	if d := tm.(Model).dash; d.overlay != stageOverlay || d.stage.index != 2 || !strings.Contains(tm.View(), "Environment tickets") {
		t.Fatalf("enter: overlay %d stage %d", d.overlay, d.stage.index)
	}
	tm, _ = drive(t, tm, keyMsg("right"), keyMsg("esc"))
	if d := tm.(Model).dash; d.overlay != noOverlay || d.stage.index != 3 {
		t.Fatalf("right, esc: overlay %d stage %d", d.overlay, d.stage.index)
	}
	tm, _ = drive(t, tm, keyMsg("tab"))
	if c := tm.(Model).dash.chart; c != marketChart {
		t.Fatalf("tab: chart %d", c)
	}
	tm, _ = drive(t, tm, keyMsg("a"))
	if msg := tm.(Model).dash.advice.text; !strings.Contains(msg, "waiting") {
		t.Fatalf("advice: %q", msg)
	}
}

func TestShopBuysWithConfirmation(t *testing.T) {
	m := playing(t, testOptions(t))
	g := m.session.game
	var tm tea.Model = m
	tm, _ = drive(t, tm, keyMsg("i"))
	if tm.(Model).dash.overlay != shopOverlay {
		t.Fatal("i does not open the shop")
	}
	// Enter asks; n says no.
	tm, _ = drive(t, tm, keyMsg("enter"))
	if q := tm.(Model).dash.shop.question; !strings.Contains(q, "Buy Build automation (CI) for $90,000?") {
		t.Fatalf("question %q", q)
	}
	tm, _ = drive(t, tm, keyMsg("n"))
	if len(g.Log()) != 0 {
		t.Fatal("n bought it")
	}
	// Enter, y buys.
	tm, _ = drive(t, tm, keyMsg("enter"), keyMsg("y"))
	if len(g.Log()) != 1 || g.Investments()[0].State != sim.Building {
		t.Fatalf("y did not buy: %+v", g.Log())
	}
	if msg := tm.(Model).dash.message; !strings.HasPrefix(msg, "Started Build automation (CI)") {
		t.Fatalf("message %q", msg)
	}
	// What cannot be bought says why at once, and asks nothing.
	tm, _ = drive(t, tm, keyMsg("down"), keyMsg("down"), keyMsg("enter"))
	if v := tm.View(); tm.(Model).dash.shop.confirm != nil || !strings.Contains(v, "Cannot buy it: Test automation, level 2 needs Test automation, level 1 first") {
		t.Fatalf("locked: asks %v, screen\n%s", tm.(Model).dash.shop.confirm != nil, v)
	}
	tm, _ = drive(t, tm, keyMsg("y"))
	if len(g.Log()) != 1 {
		t.Fatalf("y after a refusal bought it: %+v", g.Log())
	}
	// Practices: the release train, one week shorter.
	tm, _ = drive(t, tm, keyMsg("tab"), keyMsg("left"), keyMsg("enter"))
	if q := tm.(Model).dash.shop.question; !strings.Contains(q, "every 5 weeks") {
		t.Fatalf("practice question %q", q)
	}
	tm, _ = drive(t, tm, keyMsg("y"), keyMsg("esc"))
	if len(g.Log()) != 2 || g.Log()[1].Decision.Kind != sim.SetReleaseCadence {
		t.Fatalf("log %+v", g.Log())
	}
	if tm.(Model).dash.overlay != noOverlay {
		t.Fatal("esc does not close the shop")
	}
}

func TestQuitAsksDuringAGame(t *testing.T) {
	var tm tea.Model = playing(t, testOptions(t))
	tm, msgs := drive(t, tm, keyMsg("q"))
	if len(msgs) != 0 || !tm.(Model).confirmQuit || !strings.Contains(tm.View(), "Quit the game?") {
		t.Fatalf("q during a game should ask: %v", msgs)
	}
	tm, _ = drive(t, tm, keyMsg("n"))
	if tm.(Model).confirmQuit {
		t.Fatal("n did not close the question")
	}
	_, msgs = drive(t, tm, keyMsg("ctrl+c"), keyMsg("y"))
	if len(msgs) != 1 {
		t.Fatalf("ctrl+c, y: %v", msgs)
	}
	if _, ok := msgs[0].(tea.QuitMsg); !ok {
		t.Fatalf("ctrl+c, y: %T", msgs[0])
	}
	// On the title screen q quits at once.
	_, msgs = drive(t, sized(t, testOptions(t), 100, 30), keyMsg("q"))
	if len(msgs) != 1 {
		t.Fatal("q on the title screen does not quit")
	}
}

func TestHelpAndSmallTerminal(t *testing.T) {
	tm := sized(t, testOptions(t), 100, 30)
	tm, _ = drive(t, tm, keyMsg("?"))
	if !strings.Contains(tm.View(), "Keys") {
		t.Fatal("? shows no help")
	}
	tm, _ = drive(t, tm, keyMsg("?"))
	if tm.(Model).fullHelp {
		t.Fatal("? does not close the help")
	}
	tm, _ = drive(t, tm, tea.WindowSizeMsg{Width: 60, Height: 20})
	v := tm.View()
	if v != "Terminal too small: 60×20; needs 80×24 (q quits)" {
		t.Fatalf("small terminal:\n%s", v)
	}
	// Every frame fills the terminal exactly: nothing left over on resize.
	tm, _ = drive(t, tm, tea.WindowSizeMsg{Width: 90, Height: 27})
	lines := strings.Split(tm.View(), "\n")
	if len(lines) != 27 {
		t.Fatalf("%d lines for a 27-line terminal", len(lines))
	}
	for i, l := range lines {
		if w := lipgloss.Width(l); w != 90 {
			t.Fatalf("line %d is %d wide: %q", i, w, l)
		}
	}
}

// Playing to the end shows the end screen; e writes the report.
func TestEndScreenExports(t *testing.T) {
	opts := testOptions(t)
	var tm tea.Model = playing(t, opts)
	for range 60 {
		tm = nextWeek(t, tm)
		if tm.(Model).screen == endScreen {
			break
		}
	}
	m := tm.(Model)
	if m.screen != endScreen || !strings.Contains(m.View(), "GAME OVER") {
		t.Fatalf("after many weeks: screen %d\n%s", m.screen, m.View())
	}
	tm, _ = drive(t, tm, keyMsg("e"))
	if v := tm.View(); !strings.Contains(v, "Report written to") {
		t.Fatalf("e:\n%s", v)
	}
	for _, ext := range []string{".md", ".json"} {
		path := filepath.Join(opts.ExportDir, "globosim-globomantics-seed1"+ext)
		if b, err := os.ReadFile(path); err != nil || len(b) < 100 {
			t.Fatalf("%s: %v (%d bytes)", path, err, len(b))
		}
	}
	// The JSON says which globosim played it, on which scenario text.
	js, _ := os.ReadFile(filepath.Join(opts.ExportDir, "globosim-globomantics-seed1.json"))
	var r sim.Result
	_, src, _ := scenario.Source("globomantics")
	if err := json.Unmarshal(js, &r); err != nil || r.GlobosimVersion != version.String() || r.ScenarioSHA256 != scenario.SHA256(src) {
		t.Fatalf("the export says globosim %q, scenario %q (%v)", r.GlobosimVersion, r.ScenarioSHA256, err)
	}
	tm, _ = drive(t, tm, keyMsg("n"))
	if tm.(Model).screen != titleScreen {
		t.Fatal("n does not start a new game")
	}
}

// The game saves itself at each week, and resumes from the save.
func TestSaveAndResume(t *testing.T) {
	opts := testOptions(t)
	opts.SavePath = filepath.Join(t.TempDir(), "save.json")
	var tm tea.Model = playing(t, opts)
	tm, _ = drive(t, tm, keyMsg("i"), keyMsg("enter"), keyMsg("y"), keyMsg("esc"), keyMsg(" "), keyMsg(" "), keyMsg(" "))
	orig := tm.(Model).session.game
	if _, err := os.Stat(opts.SavePath); err != nil {
		t.Fatalf("no save after 3 weeks: %v", err)
	}
	opts.Resume = true
	m := sized(t, opts, 100, 30)
	cmd := m.Init()
	if cmd == nil {
		t.Fatal("resume: no command")
	}
	m, _ = drive(t, m, cmd())
	res := m.(Model)
	if res.screen != playScreen || res.session.game.Week() != 3 || res.session.game.Cash() != orig.Cash() {
		t.Fatalf("resumed on screen %d at week %d", res.screen, res.session.game.Week())
	}
	if len(res.session.game.Log()) != 1 {
		t.Fatalf("resumed log %+v", res.session.game.Log())
	}
}

// The tutorial can be played through as it asks: every lesson opens, its
// task is done with the keys a player would use, and the next one follows;
// at 80×24 no line of a lesson's screen is wider than it.
func TestTutorialPlaysThrough(t *testing.T) {
	t.Run("100x30", func(t *testing.T) { tutorialPlaysThrough(t, 100, 30) })
	t.Run("80x24", func(t *testing.T) { tutorialPlaysThrough(t, 80, 24) })
}

func tutorialPlaysThrough(t *testing.T, w, h int) {
	opts := testOptions(t)
	opts.Scenario = "tutorial"
	var tm tea.Model = sized(t, opts, w, h)
	tm, _ = drive(t, tm, keyMsg("enter"), keyMsg("enter"))
	seen := map[string]bool{}
	answered := ""
	for step := 0; step < 400; step++ {
		m := tm.(Model)
		if m.screen == endScreen {
			break
		}
		d := &m.dash
		switch {
		case d.tutor.open:
			seen[d.tutor.Lessons[d.tutor.Next].ID] = true
			if id := d.tutor.Lessons[d.tutor.Next].ID; id == "audit" && !d.choice.open() {
				t.Fatal("the audit's lesson opened with no question waiting behind it")
			}
			if !strings.Contains(tm.View(), d.tutor.Lessons[d.tutor.Next].Title) {
				t.Fatalf("lesson %q is open but not on screen", d.tutor.Lessons[d.tutor.Next].ID)
			}
			if late := d.tutor.Late(m.session.game); late != "" { // a lesson on something built comes the week it is built
				t.Errorf("lesson %q came late: %q", d.tutor.Lessons[d.tutor.Next].ID, late)
			}
			for _, l := range strings.Split(tm.View(), "\n") {
				if cellWidth(l) > w {
					t.Errorf("lesson %q: a line of %d cells at %dx%d: %q", d.tutor.Lessons[d.tutor.Next].ID, cellWidth(l), w, h, l)
				}
			}
			tm, _ = drive(t, tm, keyMsg("enter"))
		case d.choice.shown():
			// The audit's lesson asks for an answer: the cheap one once the
			// build server runs. Any other question takes its default.
			if l := d.tutor.Lessons[min(d.tutor.Next, len(d.tutor.Lessons)-1)]; d.tutor.Started && l.Task.Kind == sim.Respond {
				answered = l.ID
				for i := 0; i < 3 && tm.(Model).dash.choice.asking.Options[tm.(Model).dash.choice.cursor].ID != "consultants"; i++ {
					tm, _ = drive(t, tm, keyMsg("down"))
				}
			}
			tm, _ = drive(t, tm, keyMsg("enter"))
		case d.tutor.active() && d.tutor.Started:
			task := d.tutor.Lessons[d.tutor.Next].Task
			switch task.Kind {
			case sim.Invest:
				tm, _ = drive(t, tm, keyMsg("i"))
				invs := m.session.game.Scenario().Investments
				for i, inv := range invs {
					if inv.ID == task.Investment {
						for tm.(Model).dash.shop.cursor != i {
							tm, _ = drive(t, tm, keyMsg("down"))
						}
					}
				}
				tm, _ = drive(t, tm, keyMsg("enter"), keyMsg("y"))
				if tm.(Model).dash.overlay == shopOverlay { // a lesson that opens closes the shop
					tm, _ = drive(t, tm, keyMsg("esc"))
				}
			case sim.SetReleaseCadence: // "i, tab" is Practices, as lesson 6 says, wherever the shop was left
				tm, _ = drive(t, tm, keyMsg("i"), keyMsg("tab"))
				if tab := tm.(Model).dash.shop.tab; tab != practicesTab {
					t.Fatalf("i, tab at lesson %q: the shop is on %s, not Practices", d.tutor.Lessons[d.tutor.Next].ID, shopTabNames[tab])
				}
				tm, _ = drive(t, tm, keyMsg("left"), keyMsg("left"), keyMsg("enter"), keyMsg("y"), keyMsg("esc"))
			case sim.SetImprovement: // on the Teams tab, Development first: half its time, as lesson 3 says
				tm, _ = drive(t, tm, keyMsg("i"), keyMsg("tab"), keyMsg("tab"))
				for range 10 {
					tm, _ = drive(t, tm, keyMsg("right"))
				}
				tm, _ = drive(t, tm, keyMsg("enter"), keyMsg("y"), keyMsg("esc")) // left on Teams, as a player would
			default:
				tm, _ = drive(t, tm, keyMsg(" "))
			}
		default:
			tm, _ = drive(t, tm, keyMsg(" "))
		}
	}
	m := tm.(Model)
	if m.screen != endScreen {
		t.Fatalf("the tutorial did not end; on screen %d at week %d", m.screen, m.session.game.Week())
	}
	if len(seen) != len(m.session.game.Scenario().Lessons) {
		t.Fatalf("saw lessons %v of %d", seen, len(m.session.game.Scenario().Lessons))
	}
	if out, _ := m.session.game.Over(); !out.Won {
		t.Errorf("following the lessons lost: %s", out.Reason)
	}
	if answered != "audit" {
		t.Errorf("the audit was not answered as its lesson asked")
	}
	for _, ev := range m.session.game.Events() {
		if ev.ID == "audit" && (ev.Choice != "consultants" || ev.Default) {
			t.Errorf("the audit's answer: %q (default %v)", ev.Choice, ev.Default)
		}
	}
}

// Buying CI in the shop finishes lesson 2 and starts lesson 3 at once: the
// lesson comes to the front (the shop closes), and enter puts the lesson
// away rather than asking to buy again.
func TestLessonOpensAboveTheShop(t *testing.T) {
	tm := atLessonTwosTask(t)
	tm, _ = drive(t, tm, keyMsg("i"), keyMsg("enter"), keyMsg("y"))
	dm := tm.(Model).dash
	d := &dm
	if !d.tutor.open || d.tutor.Lessons[d.tutor.Next].ID != "jcurve" {
		t.Fatalf("after buying CI: lesson %q, open %v", d.tutor.Lessons[d.tutor.Next].ID, d.tutor.open)
	}
	if d.overlay != noOverlay || !strings.Contains(tm.View(), "3. Worse before better") {
		t.Fatalf("lesson 3 is hidden behind overlay %d:\n%s", d.overlay, tm.View())
	}
	tm, _ = drive(t, tm, keyMsg("enter"))
	dm = tm.(Model).dash
	d = &dm
	if d.tutor.open || d.overlay != noOverlay || strings.Contains(tm.View(), "Buy ") {
		t.Fatalf("enter did not just close the lesson: open %v, overlay %d", d.tutor.open, d.overlay)
	}
	if want := "Lesson 3 of 10: set Development's share (i, tab tab, ← → enter)."; !strings.Contains(tm.View(), want) {
		t.Errorf("lesson 3's task is not on screen (%q):\n%s", want, tm.View())
	}
}

// lessonKey is what a player presses on the way to lesson 2's task: enter
// on an open lesson, space otherwise.
func lessonKey(d *dashboardModel) string {
	if d.tutor.open {
		return "enter"
	}
	return " "
}

// atLessonTwosTask plays the tutorial to lesson 2's task: buy CI.
func atLessonTwosTask(t *testing.T) tea.Model {
	t.Helper()
	opts := testOptions(t)
	opts.Scenario = "tutorial"
	var tm tea.Model = sized(t, opts, 100, 30)
	tm, _ = drive(t, tm, keyMsg("enter"), keyMsg("enter"))
	for step := 0; step < 40; step++ {
		dm := tm.(Model).dash
		d := &dm
		if d.tutor.active() && d.tutor.Lessons[d.tutor.Next].ID == "busy" && d.tutor.Started && !d.tutor.open {
			break
		}
		tm, _ = drive(t, tm, keyMsg(lessonKey(d)))
	}
	dm := tm.(Model).dash
	d := &dm
	if d.tutor.Lessons[d.tutor.Next].ID != "busy" || d.tutor.open {
		t.Fatalf("lesson 2's task never came (at lesson %q)", d.tutor.Lessons[d.tutor.Next].ID)
	}
	return tm
}

// y and enter typed at once in the shop, buying CI: the lesson the
// purchase opens closes the shop before enter is handled, so enter puts
// the lesson away; it never reaches the shop (where it would ask to buy
// again).
func TestKeyAfterAPurchaseReachesTheLesson(t *testing.T) {
	tm := atLessonTwosTask(t)
	tm, _ = drive(t, tm, keyMsg("i"), keyMsg("enter"))
	tm, buying := tm.Update(keyMsg("y"))
	tm, _ = tm.Update(keyMsg("enter"))
	if d := tm.(Model).dash; d.overlay != shopOverlay || d.shop.confirm != nil || d.tutor.open {
		t.Fatalf("y enter, before y's request: overlay %d, lesson open %v; want the shop, enter held", d.overlay, d.tutor.open)
	}
	run(t, &tm, buying)
	if d := tm.(Model).dash; d.overlay != noOverlay || d.tutor.open || d.shop.confirm != nil || len(tm.(Model).held) != 0 {
		t.Errorf("y enter: overlay %d, lesson open %v, shop asking %v; want lesson 3 put away by enter", d.overlay, d.tutor.open, d.shop.confirm != nil)
	}
	if want := "Lesson 3 of 10"; !strings.Contains(tm.View(), want) {
		t.Errorf("lesson 3's task is not on screen:\n%s", tm.View())
	}
}

// x explains what the player is looking at: the chosen stage, or the
// investment selected in the shop; every metric, stage and investment has
// its three parts.
func TestExplain(t *testing.T) {
	var tm tea.Model = playing(t, testOptions(t))
	tm, _ = drive(t, tm, keyMsg(" "), keyMsg(" "), keyMsg("down"), keyMsg("x"))
	m := tm.(Model)
	if m.dash.overlay != explainOverlay || m.dash.explain.topics[m.dash.explain.cursor].title != "Manual build" {
		t.Fatalf("x on the map: overlay %d", m.dash.overlay)
	}
	for _, want := range []string{"What it is", "Why it matters here", "What moves it", "Build automation (CI)"} {
		if !strings.Contains(tm.View(), want) {
			t.Errorf("the explanation of Manual build lacks %q", want)
		}
	}
	for _, tp := range m.dash.explain.topics {
		if tp.what == "" || tp.why == "" {
			t.Errorf("topic %q is missing what or why", tp.title)
		}
	}
	tm, _ = drive(t, tm, keyMsg("esc"), keyMsg("i"), keyMsg("down"), keyMsg("x"))
	m = tm.(Model)
	if m.dash.overlay != explainOverlay || m.dash.explain.topics[m.dash.explain.cursor].title != "Test automation, level 1" {
		t.Fatalf("x in the shop: overlay %d, topic %q", m.dash.overlay, m.dash.explain.topics[m.dash.explain.cursor].title)
	}
	if v := tm.View(); !strings.Contains(v, "esc goes back to the shop") || !strings.Contains(v, "esc back to shop") {
		t.Errorf("the explanation from the shop does not say esc goes back to it:\n%s", v)
	}
	tm, _ = drive(t, tm, keyMsg("esc"))
	if o := tm.(Model).dash.overlay; o != shopOverlay || !strings.Contains(tm.View(), "[Investments]") {
		t.Fatalf("esc after x in the shop: overlay %d, want the shop it came from", o)
	}
	tm, _ = drive(t, tm, keyMsg("esc"), keyMsg("a"))
	if !strings.Contains(tm.View(), "Advisor") {
		t.Fatal("a shows no advisor")
	}
	tm, _ = drive(t, tm, keyMsg("z"))
	if tm.(Model).dash.advice.open() {
		t.Fatal("a key does not close the advisor")
	}
}

// playedQueueingModel is a plain queueing model (no game sections), run to
// its end, and its text.
func playedQueueingModel(t testing.TB) (*sim.Game, []byte) {
	src, err := os.ReadFile(filepath.Join("..", "sim", "testdata", "mm1.toml"))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Parse("mm1.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	g := sim.NewGame(sc, 1, 0)
	g.Play(nil)
	return g, src
}

// A queueing model (no game sections) ends without a verdict: no "GAME
// OVER" or "YOU WON", no score, no bank, no market chart.
func TestEndOfAQueueingModel(t *testing.T) {
	g, _ := playedQueueingModel(t)
	styles := DefaultStyles(asciiRenderer())
	keys := defaultGlobalKeys()
	m := newEnd(&styles, &keys, &session{game: g, filename: "mm1.toml"}, testOptions(t))
	m.SetSize(100, 30)
	scored := m.Init()().(tea.BatchMsg)[0]
	m, _ = m.Update(scored())
	if m.scoring {
		t.Fatal("the debrief of a queueing model did not arrive")
	}
	v := m.View()
	for _, want := range []string{"END OF THE RUN", "no goal to win or lose", "Lead time", "Throughput"} {
		if !strings.Contains(v, want) {
			t.Errorf("the end screen lacks %q:\n%s", want, v)
		}
	}
	for _, bad := range []string{"GAME OVER", "YOU WON", "Score", "Bank", "DORA", "Market share", "elite"} {
		if strings.Contains(v, bad) {
			t.Errorf("the end screen of a queueing model shows %q:\n%s", bad, v)
		}
	}
}

// A save that does not replay (here: edited) is not offered: the title
// says what is wrong with it, naming the file, and r does nothing; with
// --resume the game stays on the title, saying so.
func TestUnusableSaveIsNotOffered(t *testing.T) {
	opts := testOptions(t)
	opts.SavePath = filepath.Join(t.TempDir(), "save.json")
	var tm tea.Model = playing(t, opts)
	drive(t, tm, keyMsg(" "), keyMsg(" "))
	data, err := os.ReadFile(opts.SavePath)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), `"cash":`, `"cash":1`, 1) // saves are compact JSON
	if err := os.WriteFile(opts.SavePath, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, resume := range []bool{false, true} {
		opts.Resume = resume
		m := sized(t, opts, 100, 30)
		if v := m.View(); !strings.Contains(v, "Looking for a saved game") {
			t.Fatalf("while the save is checked:\n%s", v)
		}
		m, _ = drive(t, m, m.Init()())
		m, _ = drive(t, m, keyMsg("r"))
		title := m.(Model)
		v := m.View()
		if title.screen != titleScreen || title.title.keys.Resume.Enabled() || strings.Contains(v, "continue it") {
			t.Fatalf("resume %v: an edited save is offered (screen %d):\n%s", resume, title.screen, v)
		}
		if !strings.Contains(title.title.err, "The saved game cannot be continued: "+opts.SavePath+": this save was made with a different version of the game, or edited") ||
			strings.Contains(title.title.err, "\n") || !strings.Contains(v, "cannot be continued") {
			t.Fatalf("resume %v: the title says %q:\n%s", resume, title.title.err, v)
		}
	}
}

// Keys that need to know whether there is a saved game, pressed before the
// check has answered, act once it has: in a room, enter continues the
// player's game (it must not start a new one over it); alone, r resumes.
func TestKeysWaitForTheSaveCheck(t *testing.T) {
	opts := testOptions(t)
	opts.SavePath = filepath.Join(t.TempDir(), "save.json")
	var tm tea.Model = playing(t, opts)
	drive(t, tm, keyMsg(" "), keyMsg(" "))

	room := opts
	room.Scenario, room.Seed, room.SeedSet, room.Player = "globomantics", 1, true, "ada"
	room.Room = (&fakeRoom{}).set(RoomStatus{Started: true})
	for _, c := range []struct {
		opts Options
		key  string
	}{{room, "enter"}, {opts, "r"}} {
		m := sized(t, c.opts, 100, 30)
		check := m.Init()
		m, _ = drive(t, m, keyMsg(c.key))
		if m.(Model).screen != titleScreen {
			t.Fatalf("%s before the check: screen %d", c.key, m.(Model).screen)
		}
		m, _ = drive(t, m, check())
		if res := m.(Model); res.screen != playScreen || res.session.game.Week() != 2 {
			t.Fatalf("%s, then the check: screen %d", c.key, res.screen)
		}
	}
}

// r pressed while the save is checked, with no save there, says so once the
// check answers rather than doing nothing.
func TestResumeWithNoSaveSaysSo(t *testing.T) {
	opts := testOptions(t)
	opts.SavePath = filepath.Join(t.TempDir(), "none.json")
	m := sized(t, opts, 100, 30)
	check := m.Init()
	m, _ = drive(t, m, keyMsg("r"))
	m, _ = drive(t, m, check())
	if res := m.(Model); res.screen != titleScreen || !strings.Contains(res.View(), "There is no saved game to continue.") {
		t.Fatalf("r with no save: screen %d\n%s", res.screen, res.View())
	}
}

// Keys typed in the same instant reach the program one after the other,
// before any command's message, but a key after one that closes an
// overlay waits for the overlay's request (overlayDoneMsg), so it acts on
// what is in front once the overlay has closed. esc then space in the
// shop, a stage's detail or an explanation plays a week on the dashboard;
// x then esc in the shop opens the explanation and goes back to the shop,
// and esc then closes the shop.
func TestKeysAfterAnOverlayClosesReachTheDashboard(t *testing.T) {
	for _, open := range []string{"i", "enter", "x"} {
		var m tea.Model = playing(t, testOptions(t))
		g := m.(Model).session.game
		m, _ = drive(t, m, keyMsg(open))
		if m.(Model).dash.overlay == noOverlay {
			t.Fatalf("%s opened no overlay", open)
		}
		m, closing := m.Update(keyMsg("esc")) // its command not run: the next key comes first
		m, _ = m.Update(keyMsg(" "))
		run(t, &m, closing)
		if d := m.(Model).dash; d.overlay != noOverlay || g.Week() != 1 {
			t.Errorf("%s, esc, space: overlay %d, week %d; want the dashboard, week 1", open, d.overlay, g.Week())
		}
	}
	var m tea.Model = playing(t, testOptions(t))
	m, _ = drive(t, m, keyMsg("i"))
	m, explaining := m.Update(keyMsg("x"))
	if d := m.(Model).dash; d.overlay != shopOverlay || !d.awaits() {
		t.Fatalf("i, x: overlay %d, awaiting %d; want the shop asking for the explanation", d.overlay, d.awaiting)
	}
	run(t, &m, explaining)
	if d := m.(Model).dash; d.overlay != explainOverlay {
		t.Fatalf("i, x: overlay %d, want the explanation", d.overlay)
	}
	m, _ = drive(t, m, keyMsg("esc"))
	if d := m.(Model).dash; d.overlay != shopOverlay {
		t.Fatalf("i, x, esc: overlay %d, want the shop", d.overlay)
	}
	m, _ = drive(t, m, keyMsg("esc"))
	if d := m.(Model).dash; d.overlay != noOverlay {
		t.Fatalf("i, x, esc, esc: overlay %d, want the dashboard", d.overlay)
	}
	// The same keys at once, before any request has come: each waits for
	// the one before.
	m = playing(t, testOptions(t))
	var requests []tea.Cmd
	for _, k := range []string{"i", "x", "esc", "esc", " "} {
		var cmd tea.Cmd
		m, cmd = m.Update(keyMsg(k))
		requests = append(requests, cmd)
	}
	for _, cmd := range requests {
		run(t, &m, cmd)
	}
	if d := m.(Model).dash; d.overlay != noOverlay || d.awaits() || len(m.(Model).held) != 0 || m.(Model).session.game.Week() != 1 {
		t.Errorf("i, x, esc, esc, space at once: overlay %d, awaiting %d, %d held, week %d; want the dashboard, week 1",
			d.overlay, d.awaiting, len(m.(Model).held), m.(Model).session.game.Week())
	}
}

// While the advice is on screen, the help line names only what a key does
// then: close it (or the global keys).
func TestAdviceHelpNamesOnlyClosing(t *testing.T) {
	var m tea.Model = playing(t, testOptions(t))
	m, _ = drive(t, m, keyMsg(" "), keyMsg("a"))
	v := m.View()
	help := v[strings.LastIndexByte(v, '\n')+1:]
	if !strings.Contains(help, "any key close") || strings.Contains(help, "next week") || strings.Contains(help, "shop") {
		t.Errorf("the help line under the advice: %q", help)
	}
	m, _ = drive(t, m, keyMsg("i"))
	if d := m.(Model).dash; d.advice.open() || d.overlay != noOverlay {
		t.Errorf("i under the advice: advice open %v, overlay %d; want it closed, nothing else", d.advice.open(), d.overlay)
	}
	// q is a key too: it closes the advice, as the box says, and asks nothing.
	m, _ = drive(t, m, keyMsg("a"))
	if v := m.View(); !strings.Contains(v, "Any key but ? closes the advice") || strings.Contains(v[strings.LastIndexByte(v, '\n')+1:], "q quit") {
		t.Errorf("the advice box and its help line:\n%s", v)
	}
	m, _ = drive(t, m, keyMsg("q"))
	if res := m.(Model); res.dash.advice.open() || res.confirmQuit {
		t.Errorf("q under the advice: advice open %v, quit asked %v; want it closed, nothing asked", res.dash.advice.open(), res.confirmQuit)
	}
	m, _ = drive(t, m, keyMsg("q"))
	if !m.(Model).confirmQuit {
		t.Error("q on the dashboard does not ask to quit")
	}
}

// A room's result reaches the room even when the player's program ends the
// moment the game does (bubbletea drops the commands of a program that has
// ended): here the facilitator ends the round and the program quits at once.
func TestRoomResultSurvivesTheProgramEnding(t *testing.T) {
	room := &roomRecorder{finished: make(chan sim.Result, 1)}
	room.set(RoomStatus{Started: true})
	opts := testOptions(t)
	opts.Room = room
	opts.Scenario, opts.Seed, opts.SeedSet = "globomantics", 1, true
	m, _ := drive(t, playing(t, opts), keyMsg(" "), keyMsg(" "))
	room.set(RoomStatus{Started: true, Ended: true}) // before the program runs: it reads the status
	p := tea.NewProgram(m, tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutSignalHandler(), tea.WithoutRenderer())
	ran := make(chan error, 1)
	go func() { _, err := p.Run(); ran <- err }()
	p.Send(RoomMsg{}) // the round ends, and with it the game
	p.Quit()          // and the connection closes
	if err := <-ran; err != nil {
		t.Fatal(err)
	}
	select {
	case res := <-room.finished:
		if res.Luck == nil || res.Weeks != 2 {
			t.Errorf("the room got a result of %d weeks, luck %v; want 2 weeks, scored", res.Weeks, res.Luck)
		}
	case <-time.After(time.Minute): // a guard: the debrief takes a second at most
		t.Fatal("the room never got the result of a game whose program ended with it")
	}
}
