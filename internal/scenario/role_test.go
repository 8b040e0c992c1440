package scenario

import (
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/sim"
)

// The default scenario's roles: development, operations, QA and finance,
// each decision with one owner, and spending over $100k finance's.
func TestBuiltinRoles(t *testing.T) {
	sc, err := Resolve("globomantics")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range sc.TeamRoles() {
		ids = append(ids, r.ID)
	}
	if got := strings.Join(ids, " "); got != "dev ops qa finance" {
		t.Fatalf("roles %q", got)
	}
	for _, c := range []struct {
		d    sim.Decision
		want string
	}{
		{sim.Decision{Kind: sim.Invest, Investment: "ci"}, "dev"},                    // $90k: below the threshold
		{sim.Decision{Kind: sim.Invest, Investment: "iac"}, "finance"},               // $140k: finance approves
		{sim.Decision{Kind: sim.SetWIPLimit, Stage: "qa", N: 4}, "qa"},               // the stage's owner
		{sim.Decision{Kind: sim.SetImprovement, Stage: "network", Share: .2}, "ops"}, // the stage's owner
		{sim.Decision{Kind: sim.SetSlicing, N: 3}, "finance"},                        // by kind
		{sim.Decision{Kind: sim.Respond, Event: "audit", Choice: "pause"}, "finance"},
	} {
		i := sc.RoleFor(c.d)
		if i < 0 || sc.TeamRoles()[i].ID != c.want {
			t.Errorf("%v %s%s: role %d, want %s", c.d.Kind, c.d.Investment, c.d.Stage, i, c.want)
		}
	}
}

// A scenario without [[role]] plays with one role owning everything.
func TestNoRolesIsOneRole(t *testing.T) {
	sc, err := Parse("test.toml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	roles := sc.TeamRoles()
	if len(sc.Roles) != 0 || len(roles) != 1 || roles[0].Name != "Everyone" {
		t.Fatalf("roles %+v", roles)
	}
	if sc.RoleFor(sim.Decision{Kind: sim.SetWIPLimit, Stage: "dev"}) != 0 || sc.RoleFor(sim.Decision{Kind: sim.SetSlicing}) != 0 {
		t.Error("the one role does not own everything")
	}
}

func TestRoleErrors(t *testing.T) {
	role := func(s string) string { return minimal + "\n[[role]]\n" + s }
	for _, c := range []struct{ name, src, want string }{
		{"unknown stage", role("id = \"a\"\nname = \"A\"\nstages = [\"deb\"]\n"),
			`test.toml:15:11: role "a": stages names stage "deb", which does not exist; did you mean "dev"?`},
		{"owned twice", role("id = \"a\"\nname = \"A\"\nstages = [\"dev\"]\n[[role]]\nid = \"b\"\nname = \"B\"\nstages = [\"dev\"]\n"),
			`test.toml:19:1: role "b": stage "dev" is owned by role "a" already; a decision has one owner`},
		{"kind that names a stage", role("id = \"a\"\nname = \"A\"\ndecisions = [\"hire\"]\n"),
			`test.toml:15:14: role "a": decisions names decision "hire", which does not exist; decision ids are: release_every, slicing, respond`},
		{"two approvers", role("id = \"a\"\nname = \"A\"\napprove_above = 5\n[[role]]\nid = \"b\"\nname = \"B\"\napprove_above = 7\n"),
			`test.toml:19:1: role "b": approve_above is given by role "a" already; one role approves spending`},
		{"missing name and a bad key", role("id = \"a\"\nstage = [\"dev\"]\n"),
			"test.toml:12:1: missing required key \"name\" in [[role]] \"a\"\ntest.toml:14:1: unknown key \"stage\" in [[role]] \"a\"; did you mean \"stages\"?"},
		{"not a list", role("id = \"a\"\nname = \"A\"\ninvestments = \"ci\"\n"),
			`test.toml:15:1: role "a": investments must be a list of investment ids such as ["ci", "tests1"], not a string "ci"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("test.toml", []byte(c.src))
			if err == nil || err.Error() != c.want {
				t.Errorf("got\n%v\nwant\n%s", err, c.want)
			}
		})
	}
}
