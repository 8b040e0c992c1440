package ui

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/globomantics/globosim/internal/sim"
)

// fakeTeam is a team of one program: it proposes what propose says to,
// applies the rest, and holds the proposals given.
type fakeTeam struct {
	game      *TeamGame
	propose   func(sim.Decision) bool
	waiting   []Proposal
	notes     []string
	decidedBy map[int]string
	auto      AutoPlay // a team of one drives its auto-play
}

func (f *fakeTeam) Game() *TeamGame   { return f.game }
func (f *fakeTeam) Start(g *TeamGame) { f.game = g }
func (f *fakeTeam) Proposals() []Proposal {
	return f.waiting
}
func (f *fakeTeam) Notes() []string {
	n := f.notes
	f.notes = nil
	return n
}
func (f *fakeTeam) DecidedBy(i int) string { return f.decidedBy[i] }

func (f *fakeTeam) Decide(d sim.Decision) Decided {
	if f.propose != nil && f.propose(d) {
		return Decided{Text: "Proposed to bob (Finance): " + Describe(f.game.Game().Scenario(), d) + "."}
	}
	return f.apply(d, "ana")
}

func (f *fakeTeam) apply(d sim.Decision, who string) Decided {
	done := decide(nil, f.game.Game(), d)
	if done.Applied {
		f.decidedBy[len(f.game.Game().Log())-1] = who
	}
	return done
}

func (f *fakeTeam) Answer(id int, accept bool) Decided {
	p := f.waiting[0]
	f.waiting = f.waiting[1:]
	if !accept {
		return Decided{Text: "You declined."}
	}
	return f.apply(p.Decision, "ana, proposed by "+strings.Fields(p.From)[0])
}

func newFakeTeam() *fakeTeam {
	return &fakeTeam{decidedBy: map[int]string{}, auto: AutoPlay{Speed: DefaultAutoPlaySpeed}}
}

func (f *fakeTeam) AutoPlay() AutoPlay { return f.auto }
func (f *fakeTeam) SetAutoPlay(a AutoPlay) {
	a.Drives = a.On
	f.auto = a
}

// The proposal box: on the dashboard of the member who owns the decision,
// with who proposes it and what it does; y accepts it, and the news says
// who decided.
func TestGoldenProposal(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			team := newFakeTeam()
			team.waiting = []Proposal{{ID: 1, From: "bob (Operations)", Decision: sim.Decision{Kind: sim.Invest, Investment: "ci"}},
				{ID: 2, From: "cleo (QA)", Decision: sim.Decision{Kind: sim.SetWIPLimit, Stage: "qa", N: 4}}}
			opts := testOptions(t)
			opts.Team = team
			tm := teatest.NewTestModel(t, New(opts), teatest.WithInitialTermSize(size.w, size.h))
			wait := func(text string) {
				teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
					teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
			}
			wait("G L O B O S I M")
			tm.Send(keyMsg("enter"))
			wait("start the game")
			tm.Send(keyMsg("enter"))
			wait("bob (Operations) proposes:")
			if err := tm.Quit(); err != nil {
				t.Fatal(err)
			}
			view := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).View()
			for _, want := range []string{"buy Build automation (CI) for $90,000", "y accept    n decline", "(1 more waiting)", "y accept • n decline • space next week"} {
				if !strings.Contains(view, want) {
					t.Errorf("the proposal box lacks %q:\n%s", want, view)
				}
			}
			golden.RequireEqual(t, []byte(view))
		})
	}
}

// Accepting takes the decision in the accepting member's name; the next
// proposal shows; declining it closes the box; the news says who decided.
func TestProposalAnswered(t *testing.T) {
	team := newFakeTeam()
	team.waiting = []Proposal{{ID: 1, From: "bob (Operations)", Decision: sim.Decision{Kind: sim.Invest, Investment: "ci"}},
		{ID: 2, From: "cleo (QA)", Decision: sim.Decision{Kind: sim.SetWIPLimit, Stage: "qa", N: 4}}}
	opts := testOptions(t)
	opts.Team = team
	m := toPlay(t, opts)
	m = press(t, m, "y")
	v := m.View()
	if !strings.Contains(v, "ana, proposed by bob: Started Build automation (CI)") || !strings.Contains(v, "cleo (QA) proposes:") {
		t.Fatalf("after y:\n%s", v)
	}
	m = press(t, m, "n")
	if v := m.View(); strings.Contains(v, "proposes:") || !strings.Contains(v, "You declined.") {
		t.Fatalf("after n:\n%s", v)
	}
	if n := len(team.game.Game().Log()); n != 1 {
		t.Fatalf("%d decisions taken, want 1", n)
	}
}

// A decision the member's role does not own goes to the team as a
// proposal: the shop says so, and nothing is applied.
func TestShopProposes(t *testing.T) {
	team := newFakeTeam()
	team.propose = func(sim.Decision) bool { return true }
	opts := testOptions(t)
	opts.Team = team
	m := toPlay(t, opts)
	for _, k := range []string{"i", "enter", "y"} {
		m = press(t, m, k)
	}
	if v := m.View(); !strings.Contains(v, "Proposed to bob (Finance): buy Build automation (CI) for $90,000.") {
		t.Fatalf("the shop after proposing:\n%s", v)
	}
	if n := len(team.game.Game().Log()); n != 0 {
		t.Fatalf("%d decisions taken, want none", n)
	}
}

// toPlay is the program on the dashboard, at 100×30.
func toPlay(t *testing.T, opts Options) tea.Model {
	t.Helper()
	m, _ := drive(t, sized(t, opts, 100, 30), keyMsg("enter"), keyMsg("enter"))
	if !strings.Contains(m.View(), "week 1/52") {
		t.Fatalf("not on the dashboard:\n%s", m.View())
	}
	return m
}

func press(t *testing.T, m tea.Model, k string) tea.Model {
	t.Helper()
	m, _ = drive(t, m, keyMsg(k))
	return m
}

// A proposal that comes while the shop is open is said on the message
// line, and waits in its box when the shop closes.
func TestProposalBehindTheShop(t *testing.T) {
	team := newFakeTeam()
	opts := testOptions(t)
	opts.Team = team
	m := press(t, toPlay(t, opts), "i")
	team.waiting = []Proposal{{ID: 1, From: "bob (Operations)", Decision: sim.Decision{Kind: sim.SetWIPLimit, Stage: "qa", N: 4}}}
	m, _ = drive(t, m, TeamMsg{})
	if v := m.View(); !strings.Contains(v, "bob (Operations) proposes to limit the work on Manual QA to 4: close this to answer.") {
		t.Fatalf("the shop when a proposal comes:\n%s", v)
	}
	m = press(t, m, "esc")
	if v := m.View(); !strings.Contains(v, "bob (Operations) proposes:") {
		t.Fatalf("the dashboard after the shop:\n%s", v)
	}
}

// A team's auto-play is the team's: a member whose program does not drive
// it shows it playing but does not move the game on its ticks (two members
// on auto-play used to run the game twice as fast); once the team makes it
// the driver, its ticks move the game.
func TestTeamAutoPlayOneDriver(t *testing.T) {
	team := newFakeTeam()
	opts := testOptions(t)
	opts.Team = team
	m := playing(t, opts)
	g := m.dash.g
	team.auto = AutoPlay{On: true, Speed: DefaultAutoPlaySpeed} // another member drives
	tm, _ := drive(t, m, TeamMsg{}, tickMsg{tag: m.dash.tag})
	m = tm.(Model)
	if g.Now() != 0 || !m.dash.playing || !strings.Contains(m.View(), "▶ playing normal") {
		t.Fatalf("a member not driving: the game at minute %d, playing %v", g.Now(), m.dash.playing)
	}
	team.auto.Drives = true // the driver left: this member drives on
	tm, _ = drive(t, m, TeamMsg{})
	m = tm.(Model)
	tm, _ = drive(t, m, tickMsg{tag: m.dash.tag})
	if got := g.Now(); got != g.Scenario().Day() {
		t.Fatalf("the driver's tick moved the game to minute %d, want a day (%d)", got, g.Scenario().Day())
	}
	if _, _ = drive(t, tm, keyMsg("+")); team.auto.Speed != DefaultAutoPlaySpeed+1 {
		t.Errorf("the team's speed is %d after +, want %d", team.auto.Speed, DefaultAutoPlaySpeed+1)
	}
}
