package workshop

import (
	"fmt"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/ui"
)

// hubTeam is a team of the default scenario with its game started.
func hubTeam(t *testing.T) *team {
	t.Helper()
	sc, err := scenario.Resolve(DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	tm := newTeam(nil, &player{name: "rockets"}, sc.TeamRoles())
	tm.game = ui.NewTeamGame(sim.NewGame(sc, sc.Seed, 0), "globomantics.toml", nil)
	return tm
}

func mustAdd(t *testing.T, tm *team, name string, role int) *member {
	t.Helper()
	m, err := tm.add(name, role)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Roles of the default scenario, by index: development, operations, QA,
// finance and product.
const (
	devRole = iota
	opsRole
	qaRole
	financeRole
)

// A member takes the decisions of their role at once; others go to the
// owner as a proposal; spending above the threshold goes to finance,
// whoever owns it; one proposal per member waits at a time.
func TestTeamOwnership(t *testing.T) {
	tm := hubTeam(t)
	ana, bob, cleo := mustAdd(t, tm, "ana", devRole), mustAdd(t, tm, "bob", financeRole), mustAdd(t, tm, "cleo", opsRole)

	if d := ana.Decide(sim.Decision{Kind: sim.Invest, Investment: "ci"}); !d.Applied || d.Err != nil { // $90k, development's
		t.Fatalf("ana buying CI: %+v", d)
	}
	if who := ana.DecidedBy(0); who != "ana" {
		t.Errorf("the first decision is %q's", who)
	}
	d := cleo.Decide(sim.Decision{Kind: sim.Invest, Investment: "iac"}) // $140k: above finance's threshold, though operations owns it
	if d.Applied || d.Err != nil || !strings.Contains(d.Text, "Proposed to bob (Finance and product): buy Infrastructure as code") {
		t.Fatalf("cleo buying IaC: %+v", d)
	}
	if d := cleo.Decide(sim.Decision{Kind: sim.SetSlicing, N: 3}); d.Err == nil || !strings.Contains(d.Err.Error(), "one at a time") {
		t.Fatalf("a second proposal from cleo: %+v", d)
	}
	if got := ana.Proposals(); len(got) != 0 {
		t.Fatalf("ana sees finance's proposals: %+v", got)
	}
	ps := bob.Proposals()
	if len(ps) != 1 || ps[0].From != "cleo (Operations)" || ps[0].Decision.Investment != "iac" {
		t.Fatalf("bob's proposals: %+v", ps)
	}
	if d := ana.Answer(ps[0].ID, true); d.Err == nil {
		t.Fatal("ana answered finance's proposal")
	}
	if d := bob.Answer(ps[0].ID, false); d.Err != nil || d.Applied {
		t.Fatalf("bob declining: %+v", d)
	}
	if n := cleo.Notes(); len(n) != 1 || !strings.Contains(n[0], "bob (Finance and product) declined your proposal to buy Infrastructure as code") {
		t.Fatalf("cleo's notes: %q", n)
	}
	if len(tm.game.Game().Log()) != 1 {
		t.Fatal("a declined proposal was applied")
	}

	// Proposed again and accepted: bob's decision, on cleo's proposal.
	ps = nil
	cleo.Decide(sim.Decision{Kind: sim.Invest, Investment: "iac"})
	ps = bob.Proposals()
	if d := bob.Answer(ps[0].ID, true); !d.Applied {
		t.Fatalf("bob accepting: %+v", d)
	}
	if who := bob.DecidedBy(1); who != "bob, proposed by cleo" {
		t.Errorf("the second decision is %q's", who)
	}
	if n := cleo.Notes(); len(n) != 1 || !strings.Contains(n[0], "accepted your proposal") {
		t.Fatalf("cleo's notes: %q", n)
	}
}

// A role no connected member holds is anyone's: a team of one holds every
// role, and when an owner leaves, the proposals waiting for them go back
// to their proposers.
func TestTeamUnheldRoles(t *testing.T) {
	tm := hubTeam(t)
	ana := mustAdd(t, tm, "ana", devRole)
	for _, d := range []sim.Decision{{Kind: sim.Invest, Investment: "iac"}, {Kind: sim.SetWIPLimit, Stage: "qa", N: 4}, {Kind: sim.SetReleaseCadence, Every: 40 * sim.Hour}} {
		if got := ana.Decide(d); !got.Applied {
			t.Fatalf("alone, ana's %v: %+v", d.Kind, got)
		}
	}
	bob := mustAdd(t, tm, "bob", qaRole)
	if d := ana.Decide(sim.Decision{Kind: sim.SetWIPLimit, Stage: "qa", N: 5}); d.Applied {
		t.Fatal("ana set QA's WIP limit with QA's owner present")
	}
	tm.remove(bob)
	if n := ana.Notes(); len(n) != 1 || !strings.Contains(n[0], "bob left: QA is nobody's role now") {
		t.Fatalf("ana's notes: %q", n)
	}
	if len(tm.proposals) != 0 {
		t.Fatal("the proposal to bob is still waiting")
	}
	if d := ana.Decide(sim.Decision{Kind: sim.SetWIPLimit, Stage: "qa", N: 5}); !d.Applied {
		t.Fatalf("with bob gone: %+v", d)
	}
}

// A member joins the first free role; names are unique in a team, and a
// team holds at most MaxTeamMembers.
func TestTeamMembers(t *testing.T) {
	tm := hubTeam(t)
	for i, want := range []int{devRole, opsRole, qaRole, financeRole, devRole} {
		m := mustAdd(t, tm, string(rune('a'+i)), -1)
		if m.role != want {
			t.Errorf("member %d took role %d, want %d", i+1, m.role, want)
		}
	}
	if _, err := tm.add("A", -1); err != ErrTaken {
		t.Errorf("a second a: %v", err)
	}
	for i := len(tm.members); i < MaxTeamMembers; i++ {
		mustAdd(t, tm, string(rune('p'+i)), -1)
	}
	if _, err := tm.add("z", -1); err != ErrTeamFull {
		t.Errorf("one more than %d: %v", MaxTeamMembers, err)
	}
}

// A stranger's cost stays capped: a team formed and left before it played
// leaves nothing behind, a team takes at most MaxTeamMembers, every member
// holds a seat of MaxPlayers, and team names are names.
func TestTeamsAreBounded(t *testing.T) {
	room, err := Open(Config{DataDir: t.TempDir(), Teams: true, MaxPlayers: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer room.Close()
	for i := range 50 { // form and leave, again and again
		s, err := room.joinTeam(fmt.Sprintf("t%d", i), "x", -1)
		if err != nil {
			t.Fatal(err)
		}
		room.leave(s)
	}
	if sn := room.Snapshot(); len(sn.Standings) != 0 || room.seatsNow() != 0 {
		t.Fatalf("after 50 teams formed and left: %d standings, %d seats", len(sn.Standings), room.seatsNow())
	}
	for _, name := range []string{"a", "b", "c"} {
		if _, err := room.joinTeam("rockets", name, -1); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := room.joinTeam("rockets", "d", -1); err != ErrFull {
		t.Fatalf("a fourth seat: %v", err)
	}
	if got := len(room.teamOf("rockets").holders()); got != 4 {
		t.Fatalf("%d roles", got)
	}
}
