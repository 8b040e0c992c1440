package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/save"
	"github.com/globomantics/globosim/internal/sim"
)

// overGame is the dashboard of a default game played to its end, just
// before the end screen: Update has yet to hear that the game is over.
func overGame(t *testing.T, opts Options) Model {
	m := playing(t, opts)
	m.session.game.Play(nil)
	return m
}

// endCmds ends the game and returns the end screen with its commands, in
// the order Init batches them: the debrief, its progress, the spinner.
func endCmds(t *testing.T, m Model) (Model, []tea.Cmd) {
	t.Helper()
	next, cmd := m.Update(gameOverMsg{})
	if cmd == nil {
		t.Fatal("the end screen starts no command")
	}
	batch, ok := cmd().(tea.BatchMsg)
	if !ok || len(batch) != 3 {
		t.Fatalf("the end screen's command is %T, want a batch of 3", cmd())
	}
	return next.(Model), batch
}

// The end screen shows at once, saying it is scoring, and is filled in when
// the debrief's message comes; Update never computes the debrief itself.
func TestEndScreenScoresInACommand(t *testing.T) {
	m, cmds := endCmds(t, overGame(t, testOptions(t)))
	if m.screen != endScreen || m.end.result.Luck != nil {
		t.Fatalf("screen %d, luck %v: the debrief ran in Update", m.screen, m.end.result.Luck)
	}
	v := m.View()
	for _, want := range []string{"GAME OVER", "Score", "scoring…"} {
		if !strings.Contains(v, want) {
			t.Errorf("the end screen at once lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "Skill or luck?") {
		t.Errorf("the end screen shows the luck before it is scored:\n%s", v)
	}
	// A key played after the end said so again: one debrief only.
	if _, cmd := m.Update(gameOverMsg{}); cmd != nil {
		t.Error("a second game-over message starts a second debrief")
	}
	// The spinner turns while scoring.
	if _, cmd := m.Update(cmds[2]()); cmd == nil {
		t.Error("the spinner does not turn while scoring")
	}

	msg := cmds[0]()
	if _, ok := msg.(debriefMsg); !ok {
		t.Fatalf("the debrief's command said %T", msg)
	}
	// Its progress: the reports that came while it ran, as one, then none.
	prog, ok := cmds[1]().(debriefProgressMsg)
	if !ok || prog.done != prog.total || prog.total != sim.LuckRuns {
		t.Fatalf("progress %+v, want %d of %d", prog, sim.LuckRuns, sim.LuckRuns)
	}
	next, more := m.Update(prog)
	if more == nil || more() != nil {
		t.Error("after the last report, the progress command should end with nothing")
	}
	if v := next.View(); !strings.Contains(v, fmt.Sprintf("%d of %d replays", sim.LuckRuns, sim.LuckRuns)) {
		t.Errorf("the progress does not show:\n%s", v)
	}

	next, _ = next.Update(msg)
	next, _ = next.Update(keyMsg("G")) // the end screen scrolls: its bottom
	m = next.(Model)
	v = m.View()
	if m.end.scoring || !strings.Contains(v, "Skill or luck?") || strings.Contains(v, "scoring…") {
		t.Fatalf("the debrief did not fill the end screen:\n%s", v)
	}
	if want := m.session.game.Debrief(); m.end.result.Luck == nil || *m.end.result.Luck != *want.Luck {
		t.Fatalf("luck %+v, want %+v", m.end.result.Luck, want.Luck)
	}
	// The spinner stops with the scoring.
	if _, cmd := m.Update(cmds[2]()); cmd != nil {
		t.Error("the spinner still turns after scoring")
	}
}

// Quitting while the debrief runs returns at once, and the debrief is
// abandoned: its command ends without a result. (That a debrief stops in
// the middle is sim's TestDebriefAbandoned.)
func TestQuitWhileScoring(t *testing.T) {
	m, cmds := endCmds(t, overGame(t, testOptions(t)))
	_, cmd := m.Update(keyMsg("q"))
	if cmd == nil {
		t.Fatal("q on the end screen does nothing")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("q on the end screen does not quit")
	}
	if msg := cmds[0](); msg != nil {
		t.Fatalf("the abandoned debrief still said %T", msg)
	}
	if msg := cmds[1](); msg != nil {
		t.Fatalf("the abandoned debrief still reports progress: %T", msg)
	}
}

// e while scoring is remembered: the report, debrief included, is written
// once the debrief comes.
func TestExportWhileScoring(t *testing.T) {
	opts := testOptions(t)
	m, cmds := endCmds(t, overGame(t, opts))
	next, _ := m.Update(keyMsg("e"))
	if v := next.View(); !strings.Contains(v, "as soon as the scoring is done") {
		t.Fatalf("e while scoring:\n%s", v)
	}
	path := filepath.Join(opts.ExportDir, "globosim-globomantics-seed1.md")
	if _, err := os.Stat(path); err == nil {
		t.Fatal("the report was written before it was scored")
	}
	next, write := next.Update(cmds[0]())
	if v := next.View(); !strings.Contains(v, "Writing the report") || write == nil {
		t.Fatalf("once scored, the report is not being written:\n%s", v)
	}
	next, _ = next.Update(write())
	if v := next.View(); !strings.Contains(v, "Report written to") {
		t.Fatalf("after scoring:\n%s", v)
	}
	b, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(b), "other worlds") {
		t.Fatalf("the report lacks the debrief (%v):\n%s", err, b)
	}
}

// roomRecorder is a room that records the results it is given.
type roomRecorder struct {
	fakeRoom
	finished chan sim.Result
}

func (r *roomRecorder) Finish(res sim.Result) { r.finished <- res }

// In a room the debrief is handed to the room in the command, not in
// Update, and quitting does not abandon it: the room needs the result.
func TestRoomFinishesInTheCommand(t *testing.T) {
	room := &roomRecorder{finished: make(chan sim.Result, 1)}
	room.set(RoomStatus{Started: true})
	m := overGame(t, testOptions(t))
	m.opts.Room = room // the room's title screen is the room's concern
	m, cmds := endCmds(t, m)
	select {
	case <-room.finished:
		t.Fatal("the room heard of the game in Update")
	default:
	}
	m.Update(keyMsg("q"))
	if msg, ok := cmds[0]().(debriefMsg); !ok {
		t.Fatalf("the debrief in a room was abandoned: %T", msg)
	}
	if res := <-room.finished; res.Luck == nil {
		t.Fatal("the room got a result without its debrief")
	}
}

// The weekly save is written by a command, not by Update.
func TestWeeklySaveInACommand(t *testing.T) {
	opts := testOptions(t)
	opts.SavePath = filepath.Join(t.TempDir(), "save.json")
	m := playing(t, opts)
	next, cmd := m.Update(keyMsg(" "))
	if next.(Model).session.game.Week() != 1 {
		t.Fatal("space did not play a week")
	}
	if _, err := os.Stat(opts.SavePath); err == nil {
		t.Fatal("Update wrote the save")
	}
	if cmd == nil {
		t.Fatal("no command to save the week")
	}
	if msg := cmd(); msg != nil { // a save written says nothing
		t.Fatalf("the save's command said %+v", msg)
	}
	f, err := save.Read(opts.SavePath)
	if err != nil || f.Week != 1 {
		t.Fatalf("save after week 1: %+v, %v", f, err)
	}
}

// Saves are written one at a time, the last one winning, whatever order
// their commands run in; flush (the quit path) writes what no command has.
func TestSavesInOrder(t *testing.T) {
	opts := testOptions(t)
	opts.SavePath = filepath.Join(t.TempDir(), "save.json")
	m := playing(t, opts)
	g := m.session.game
	s := m.dash.saves
	g.AdvanceWeek()
	first := s.save(save.New("globomantics.toml", m.session.src, g, ""))
	g.AdvanceWeek()
	second := s.save(save.New("globomantics.toml", m.session.src, g, ""))
	second()
	first() // late: finds the later save written, and writes nothing
	if f, err := save.Read(opts.SavePath); err != nil || f.Week != 2 {
		t.Fatalf("after both: %+v, %v; want week 2", f, err)
	}
	g.AdvanceWeek()
	s.save(save.New("globomantics.toml", m.session.src, g, "")) // its command never runs
	if err := s.flush(); err != nil {
		t.Fatal(err)
	}
	if f, err := save.Read(opts.SavePath); err != nil || f.Week != 3 {
		t.Fatalf("after flush: %+v, %v; want week 3", f, err)
	}
	s.remove()()
	if _, err := os.Stat(opts.SavePath); !os.IsNotExist(err) {
		t.Fatalf("the save of a finished game is still there: %v", err)
	}
}

// Auto-play goes on past a week's end: the tick that saves the week also
// asks for the next.
func TestAutoPlaySavesAndGoesOn(t *testing.T) {
	opts := testOptions(t)
	opts.SavePath = filepath.Join(t.TempDir(), "save.json")
	var tm tea.Model = playing(t, opts)
	tm, _ = drive(t, tm, keyMsg("+"), keyMsg("+")) // fastest: a week a tick
	tm, _ = tm.Update(keyMsg("p"))
	m := tm.(Model)
	if !m.dash.playing || !speeds[m.dash.speed].weeks {
		t.Fatalf("auto-play %v at speed %q", m.dash.playing, speeds[m.dash.speed].label)
	}
	for week := 1; week <= 2; week++ {
		var cmd tea.Cmd
		tm, cmd = tm.Update(tickMsg{tag: tm.(Model).dash.tag})
		if got := tm.(Model).session.game.Week(); got != week {
			t.Fatalf("after tick %d: week %d", week, got)
		}
		ticked := false
		for _, msg := range run(t, &tm, cmd) { // saves the week, then waits for the tick
			_, ok := msg.(tickMsg)
			ticked = ticked || ok
		}
		if !ticked {
			t.Fatalf("auto-play stopped after week %d", week)
		}
		if f, err := save.Read(opts.SavePath); err != nil || f.Week != week {
			t.Fatalf("save after week %d: %+v, %v", week, f, err)
		}
	}
}

// e on a scored end screen writes nothing inside Update: the files, each
// synced to disk, are written by the command it returns.
func TestExportIsACommand(t *testing.T) {
	opts := testOptions(t)
	m, cmds := endCmds(t, overGame(t, opts))
	scored, _ := m.Update(cmds[0]())
	next, write := scored.Update(keyMsg("e"))
	path := filepath.Join(opts.ExportDir, "globosim-globomantics-seed1.md")
	if _, err := os.Stat(path); err == nil || write == nil {
		t.Fatalf("e wrote the report inside Update (command %v)", write != nil)
	}
	if v := next.View(); !strings.Contains(v, "Writing the report") {
		t.Fatalf("e does not say it is writing:\n%s", v)
	}
	next, _ = next.Update(write())
	if _, err := os.Stat(path); err != nil || !strings.Contains(next.View(), "Report written to") {
		t.Fatalf("after the command: %v\n%s", err, next.View())
	}
}

// At 80×24 the end screen scrolls, and the market chart is in it, small
// (it used to be left out): every page of the scored end screen, in turn.
func TestGoldenEndScrolls(t *testing.T) {
	over := overGame(t, testOptions(t))
	sized, _ := over.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m, cmds := endCmds(t, sized.(Model))
	next, _ := m.Update(cmds[0]())
	var pages []string
	for range 4 {
		if v := next.View(); len(pages) == 0 || v != pages[len(pages)-1] {
			pages = append(pages, v)
		}
		next, _ = next.Update(tea.KeyMsg{Type: tea.KeyPgDown})
	}
	all := strings.Join(pages, "\n---- pgdn\n")
	for _, want := range []string{"Market share (%)", "Globomantics", "Press e to export", "Bottleneck"} {
		if !strings.Contains(all, want) {
			t.Errorf("the end screen at 80×24 does not show %q:\n%s", want, all)
		}
	}
	for _, p := range pages {
		if n := len(strings.Split(p, "\n")); n != 24 {
			t.Errorf("a page is %d rows, not 24:\n%s", n, p)
		}
	}
	golden.RequireEqual(t, []byte(all))
}

// Scrolled to the bottom while scoring, the end screen stays at the bottom
// as the debrief fills it in.
func TestEndScreenKeepsTheBottomWhileScoring(t *testing.T) {
	m, cmds := endCmds(t, overGame(t, testOptions(t)))
	next, _ := m.Update(keyMsg("G"))
	next, _ = next.Update(cmds[0]())
	if e := next.(Model).end; !e.vp.AtBottom() || !strings.Contains(next.View(), "Press e to export") {
		t.Fatalf("the scored end screen left the bottom:\n%s", next.View())
	}
}

// saveAtFinish is a room that notes whether the game's save is on disk
// when it is handed the result (it removes the save then).
type saveAtFinish struct {
	fakeRoom
	path  string
	saved chan bool
}

func (r *saveAtFinish) Finish(sim.Result) {
	_, err := os.Stat(r.path)
	r.saved <- err == nil
}

// In a room, the last week's save still in flight is written before the
// room is handed the result, so its removal of the save is the last word:
// a finished game never leaves a save behind.
// So too with the room's writer, whose batch is not due yet.
func TestRoomFinishesAfterTheLastSave(t *testing.T) {
	for _, batched := range []bool{false, true} {
		opts := testOptions(t)
		opts.SavePath = filepath.Join(t.TempDir(), "save.json")
		if batched {
			opts.Saves = save.NewWriter(time.Hour, nil)
		}
		room := &saveAtFinish{path: opts.SavePath, saved: make(chan bool, 1)}
		room.set(RoomStatus{Started: true})
		m := overGame(t, opts)
		m.opts.Room = room
		cmd := m.dash.saves.save(save.New("globomantics.toml", m.session.src, m.session.game, "")) // its command not run yet
		if batched && cmd != nil {
			t.Fatal("a save the room's writer takes has a command of its own")
		}
		_, cmds := endCmds(t, m)
		cmds[0]()
		if !<-room.saved {
			t.Fatalf("batched %v: the room was handed the result before the last save was written", batched)
		}
	}
}

// The end screen names the player's market share for the company the
// scenario names, not the scenario (issue 12 play-test: "Tutorial 52.5%").
func TestEndScreenNamesTheCompany(t *testing.T) {
	opts := testOptions(t)
	opts.Scenario = "tutorial"
	m, _ := endCmds(t, overGame(t, opts))
	v := m.View()
	if !strings.Contains(v, "Market share: Globomantics Labs ") || strings.Contains(v, "Market share: Tutorial") {
		t.Fatalf("the end screen does not name the company:\n%s", v)
	}
}

// The decisions that mattered most say what their figure is (the score
// less the replay's without the decision) and what the game without it
// scored, and not the state the log recorded when each was taken
// (issue 12 play-test: +2029 next to a score of 2363, "its share is 0").
func TestEndScreenSaysWhatADecisionWasWorth(t *testing.T) {
	m, cmds := endCmds(t, overGame(t, testOptions(t)))
	next, _ := m.Update(cmds[0]())
	m = next.(Model)
	e := m.end
	e.result.Summary.Score = 2363
	e.result.Impacts = []sim.Impact{
		{Decision: sim.LoggedDecision{Week: 3, Decision: sim.Decision{Kind: sim.Invest, Investment: "ci"}, Text: "Started CI pipeline for $60,000; it waits for improvement time on Development: its share is 0."}, Score: 2029},
		{Decision: sim.LoggedDecision{Week: 9, Decision: sim.Decision{Kind: sim.Respond}, Text: `A senior developer resigns: answered "Let her go".`}, Score: 0},
		{Decision: sim.LoggedDecision{Week: 12, Decision: sim.Decision{Kind: sim.Respond}, Text: `The audit: answered "Accept a finding".`}, Score: 0},
		{Decision: sim.LoggedDecision{Week: 14, Decision: sim.Decision{Kind: sim.Respond}, Text: `Initech's new app: answered "Hold course".`}, Score: 0},
		{Decision: sim.LoggedDecision{Week: 1, Decision: sim.Decision{Kind: sim.Invest, Investment: "hosted-ci"}, Text: "Started Hosted CI pipeline for $40,000."}, Score: -37},
	}
	v := e.bottomView()
	for _, want := range []string{"your score, 2363, less the score of the same game replayed without it",
		"+2029  week 3  Started CI pipeline for $60,000. Without it: 334.",
		"  -37  week 1  Started Hosted CI pipeline for $40,000. Without it: 2400."} {
		if !strings.Contains(v, want) {
			t.Errorf("the decisions lack %q:\n%s", want, v)
		}
	}
	// A decision worth nothing did not matter, however few others there are
	// (the startup's debrief listed three +0 answers, not the purchase).
	if strings.Contains(v, "answered") || strings.Contains(v, "its share is 0") {
		t.Errorf("the decisions show one worth nothing, or the state when one was taken:\n%s", v)
	}
	e.result.Impacts = e.result.Impacts[1:4]
	if v := e.bottomView(); !strings.Contains(strings.Join(strings.Fields(v), " "), report.NoneMattered) || strings.Contains(v, "answered") {
		t.Errorf("decisions all worth nothing:\n%s", v)
	}
}

// Each decision that mattered says whether the game without it is won or
// lost, and with what share (issue 12 play-test: "Without it: 358." said
// neither).
func TestEndScreenSaysHowTheGameEndsWithoutADecision(t *testing.T) {
	m, cmds := endCmds(t, overGame(t, testOptions(t)))
	next, _ := m.Update(cmds[0]())
	m = next.(Model)
	e := m.end
	e.result.Summary.Score, e.result.Summary.Won = 2363, true
	e.result.Impacts = []sim.Impact{
		{Decision: sim.LoggedDecision{Week: 3, Decision: sim.Decision{Kind: sim.Invest, Investment: "ci"}, Text: "Started CI pipeline for $60,000."}, Score: 2029,
			Without: &sim.Replayed{Score: 334, Ended: true, Week: 41, MarketShare: 0.098}},
		{Decision: sim.LoggedDecision{Week: 5, Decision: sim.Decision{Kind: sim.SetReleaseCadence}, Text: "The release train now leaves every 2 weeks."}, Score: 120,
			Without: &sim.Replayed{Score: 2243, Ended: true, Won: true, Week: 52, MarketShare: 0.412}},
	}
	v := strings.Join(strings.Fields(e.bottomView()), " ")
	for _, want := range []string{"Without it: 334, and the game is lost in week 41 (9.8% of the market).",
		"Without it: 2243, and the game is still won (41.2% of the market at the end)."} {
		if !strings.Contains(v, want) {
			t.Errorf("the decisions lack %q:\n%s", want, e.bottomView())
		}
	}
}

// A team's members each have an end screen, and the debrief is scored
// once for them all: the first member's command scores it and hands it to
// the room; the others' wait for it, and show the same result.
func TestTeamDebriefScoredOnce(t *testing.T) {
	room := &roomRecorder{finished: make(chan sim.Result, 2)}
	room.set(RoomStatus{Started: true})
	ana, bob := newFakeTeam(), newFakeTeam()
	optsA := testOptions(t)
	optsA.Team = ana
	a := playing(t, optsA)
	bob.game = ana.game // one game for the team
	optsB := testOptions(t)
	optsB.Team = bob
	b := playing(t, optsB)
	a.opts.Room, b.opts.Room = room, room // the room's title screen is the room's concern
	if a.session != b.session {
		t.Fatal("the two members do not play the team's one game")
	}
	a.session.game.Play(nil)
	a, cmdsA := endCmds(t, a)
	b, cmdsB := endCmds(t, b)
	msgA, ok := cmdsA[0]().(debriefMsg)
	if !ok {
		t.Fatal("the first member's end screen did not score the debrief")
	}
	msgB, ok := cmdsB[0]().(debriefMsg)
	if !ok {
		t.Fatal("the second member's end screen got no debrief")
	}
	if msgA.result.Luck == nil || msgB.result.Luck != msgA.result.Luck {
		t.Fatal("the second member's debrief is not the one scored for the team")
	}
	if n := len(room.finished); n != 1 {
		t.Fatalf("the room was handed %d results for the team's one game", n)
	}
	for _, m := range []Model{a, b} {
		next, _ := drive(t, m, msgA)
		if v := next.View(); strings.Contains(v, "scoring…") || !strings.Contains(v, "Score") {
			t.Errorf("a member's end screen with the team's debrief:\n%s", v)
		}
	}
}

// A share the outcome writes with two decimals, to read below the floor,
// reads the same on the rest of the end screen: beside it and in the score
// (not "fell to 14.96%, below the 15%" over "Globomantics 15.0%").
// A competitor's share, which no limit of the game is about, keeps one
// decimal ("39.0%", not "38.95%").
func TestEndScreenSharesAgreeWithTheOutcome(t *testing.T) {
	m, _ := endCmds(t, overGame(t, testOptions(t)))
	r := &m.end.result
	r.Summary.Won, r.Summary.MarketShare = false, 0.1496
	r.Summary.Outcome = "Market share fell to 14.96% in week 29, below the 15% the company can survive on."
	r.Summary.ScoreParts.MarketShare = 150
	r.Competitors[0].MarketShare = 0.3895
	top, score := m.end.topView(), m.end.scoreView()
	if !strings.Contains(top, "Globomantics 14.96%") || !strings.Contains(top, r.Competitors[0].Name+" 39.0%") || strings.Contains(top, "15.0%") {
		t.Errorf("the shares do not read as the outcome does:\n%s", top)
	}
	if !strings.Contains(score, "share, 14.96%)") || strings.Contains(score, "15.0%") {
		t.Errorf("the score's share does not read as the outcome does:\n%s", score)
	}
}
