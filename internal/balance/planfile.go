package balance

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/globomantics/globosim/internal/sim"
)

// PlanTOML writes the plan as a plan file (docs/scenarios.md, Plan files)
// that `globosim run --plan` and `globosim balance --plan` read.
func PlanTOML(p *sim.Plan, sc *sim.Scenario, comment string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(comment), "\n") {
		if line != "" {
			fmt.Fprintf(&b, "# %s\n", line)
		}
	}
	if comment != "" {
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "name = %s\n", tomlString(p.Name))
	if p.Description != "" {
		fmt.Fprintf(&b, "description = %s\n", tomlString(p.Description))
	}
	for _, s := range p.Steps {
		fmt.Fprintf(&b, "\n[[decision]]\nweek = %d\n", s.Week)
		d := s.Decision
		switch d.Kind {
		case sim.Invest:
			fmt.Fprintf(&b, "invest = %s\n", tomlString(d.Investment))
		case sim.SetSlicing:
			fmt.Fprintf(&b, "slicing = %d\n", d.N)
		case sim.SetReleaseCadence:
			fmt.Fprintf(&b, "release_every = %s\n", tomlString(cadenceText(d.Every, sc)))
		case sim.SetWIPLimit:
			fmt.Fprintf(&b, "wip_limit = { stage = %s, limit = %d }\n", tomlString(d.Stage), d.N)
		case sim.Hire:
			fmt.Fprintf(&b, "hire = { stage = %s, people = %d }\n", tomlString(d.Stage), d.N)
		case sim.SetImprovement:
			fmt.Fprintf(&b, "improvement = { stage = %s, share = %s }\n", tomlString(d.Stage), shareText(d.Share))
		case sim.Respond:
			fmt.Fprintf(&b, "respond = { event = %s, choice = %s }\n", tomlString(d.Event), tomlString(d.Choice))
		}
	}
	return b.String()
}

// cadenceText is a release cadence as a plan file writes it: "on demand",
// whole weeks ("2w") or hours ("36h").
func cadenceText(every sim.Time, sc *sim.Scenario) string {
	switch {
	case every == 0:
		return "on demand"
	case every%sc.Week() == 0:
		return fmt.Sprintf("%dw", every/sc.Week())
	}
	return fmt.Sprintf("%dh", every/sim.Hour)
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f || !unicode.IsPrint(r) && r != ' ':
			fmt.Fprintf(&b, "\\U%08X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
