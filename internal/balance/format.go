package balance

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/globomantics/globosim/internal/prose"
)

const nameWidth = 34

// Format writes the report as tables and warnings, at most 80 columns wide.
func (rep Report) Format() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d runs per strategy, seeds %d..%d\n\n", rep.Scenario, rep.Runs, rep.Seed, rep.Seed+uint64(rep.Runs)-1)
	writeHeader(&b)
	writeRow(&b, rep.Baseline)
	for _, p := range rep.Plans {
		writeRow(&b, p)
	}
	section := func(title string, prs []PlanResult) {
		if len(prs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s\n", title)
		for _, p := range prs {
			writeRow(&b, p)
		}
	}
	section("Buying everything as soon as allowed:", rep.Greedy)
	section("Each investment alone, from week 1 (slicing on if it enables it):", rep.Singles)
	section("Practices only, no automation:", rep.Practices)
	fmt.Fprint(&b, "\nwins: share of seeds won; share, score: means at the end; ends: mean week\n"+
		"the game ended; lead q4: median lead time in the last quarter (hours).\n")
	if len(rep.Plans) > 0 {
		j := rep.JCurve
		fmt.Fprintf(&b, "\nJ-curve of %q against doing nothing, seed by seed:\n", trim(rep.Plans[0].Name, 40))
		fmt.Fprintf(&b, "  market share below it in some week %4s, above it at the end %4s\n", pct(j.ShareDips), pct(j.ShareEndsAbove))
		fmt.Fprintf(&b, "  lead time longer in some week      %4s, shorter in the last quarter %4s\n", pct(j.LeadDips), pct(j.LeadEndsAbove))
		writeMoney(&b, rep.Money)
	}
	writeTargets(&b, rep.Targets)
	writeWarnings(&b, rep.Warnings, "Balanced: every target is met.")
	return b.String()
}

func writeHeader(b *strings.Builder) {
	fmt.Fprintf(b, "%-*s %5s %6s %6s %5s %8s\n", nameWidth, "strategy", "wins", "share", "score", "ends", "lead q4")
}

func writeRow(b *strings.Builder, p PlanResult) {
	fmt.Fprintf(b, "%-*s %4.0f%% %5.1f%% %6.0f %5.0f %7.0fh\n", nameWidth, trim(p.Name, nameWidth), 100*p.WinRate, 100*p.Share, p.Score, p.Weeks, p.LeadTime)
}

func writeTargets(b *strings.Builder, ts []Target) {
	if len(ts) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%-50s %8s %7s\n", "Targets", "measured", "target")
	for _, t := range ts {
		op, mark := "<=", "ok"
		if t.AtLeast {
			op = ">="
		}
		if !t.Met() {
			mark = "MISSED"
		}
		fmt.Fprintf(b, "%-50s %8s %7s  %s\n", trim(t.What, 50), pct(t.Value), op+pct(t.Limit), mark)
	}
}

func writeWarnings(b *strings.Builder, ws []Warning, clean string) {
	if len(ws) == 0 {
		fmt.Fprintf(b, "\n%s\n", clean)
		return
	}
	fmt.Fprintf(b, "\nWarnings:\n")
	for _, w := range ws {
		b.WriteString(wrap(w.Text, "  - ", "    ", 80))
	}
}

// wrap fits text to width columns, the first line after first, the rest
// after rest.
func wrap(text, first, rest string, width int) string {
	indent := max(utf8.RuneCountInString(first), utf8.RuneCountInString(rest))
	body := strings.TrimSuffix(prose.Wrap(text, width-indent), "\n")
	return first + strings.ReplaceAll(body, "\n", "\n"+rest) + "\n"
}

func trim(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// Format writes what the search found, at most 80 columns wide.
func (rep SearchReport) Format() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d plans screened on seeds %d..%d; the strongest played again\non seeds %d..%d\n",
		rep.Scenario, rep.Evaluated, rep.Seed, rep.Seed+uint64(rep.Runs)-1, rep.Seed, rep.Seed+uint64(rep.Recheck)-1)
	section := func(title, label string, fs []Found) {
		if len(fs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s\n", title)
		writeHeader(&b)
		for i, f := range fs {
			row := f.PlanResult
			row.Name = fmt.Sprintf("%s-%d (%s)", label, i+1, prose.Count(f.Decisions(), "decision", "decisions"))
			writeRow(&b, row)
		}
		for i, f := range fs {
			b.WriteString(wrap(f.Name, fmt.Sprintf("  %s-%d: ", label, i+1), "    ", 80))
		}
	}
	section("Buying everything as soon as allowed (what it bought on the first seed):", "everything", rep.Greedy)
	section(fmt.Sprintf("Strongest plans of %d or fewer decisions:", SimpleDecisions), "simple", rep.Simple)
	section("Strongest plans found:", "overall", rep.Overall)
	fmt.Fprintf(&b, "\nA plan is its decisions (w4 ci: invest in ci in week 4); simple-1 is the plan\nfile search-simple-1.toml.\n")
	writeWarnings(&b, rep.Warnings, fmt.Sprintf("No exploit found: no plan of %d or fewer decisions wins more than %s, buying\neverything wins %s or less, and no losing game outscores a winning one.", SimpleDecisions, pct(SimpleWinsAtMost), pct(GreedyWinsAtMost)))
	return b.String()
}
