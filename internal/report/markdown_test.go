package report

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// debriefOf plays the default scenario on its own seed with a built-in
// plan and returns the debrief.
func debriefOf(t *testing.T, plan string) sim.Result {
	t.Helper()
	sc, err := scenario.Resolve("globomantics")
	if err != nil {
		t.Fatal(err)
	}
	p, err := scenario.ResolvePlan(plan, sc)
	if err != nil {
		t.Fatal(err)
	}
	g := sim.NewGame(sc, sc.Seed, 0)
	g.Play(p)
	return g.Debrief()
}

func TestMarkdownGolden(t *testing.T) {
	for _, plan := range []string{"globomantics-devops", "globomantics-none"} {
		t.Run(plan, func(t *testing.T) {
			var got bytes.Buffer
			if err := WriteMarkdown(&got, debriefOf(t, plan)); err != nil {
				t.Fatal(err)
			}
			var again bytes.Buffer
			WriteMarkdown(&again, debriefOf(t, plan))
			if !bytes.Equal(got.Bytes(), again.Bytes()) {
				t.Fatal("two reports of the same game differ")
			}
			checkMarkdown(t, got.String())

			path := filepath.Join("testdata", plan+".md.golden")
			if *update {
				if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/report -run TestMarkdownGolden -update)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("the report differs from %s (if the change is meant, run go test ./internal/report -run TestMarkdownGolden -update):\n%s", path, firstDifference(got.String(), string(want)))
			}
		})
	}
}

// checkMarkdown checks what every report must have.
func checkMarkdown(t *testing.T, md string) {
	t.Helper()
	for _, want := range []string{"## Outcome", "**Score", "Accelerate State of DevOps Report 2019", "## Lead time, week by week",
		"## Market share", "## Money in the bank", "## Stage by stage", "## What to discuss"} {
		if !strings.Contains(md, want) {
			t.Errorf("the report has no %q", want)
		}
	}
	if n := strings.Count(md, "```"); n%2 != 0 || n < 6 {
		t.Errorf("%d code fences: want the three charts, each closed", n)
	}
	inCode := false
	for i, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "```") {
			inCode = !inCode
		}
		if inCode && utf8.RuneCountInString(line) > 80 {
			t.Errorf("line %d of a chart is wider than 80 columns: %q", i+1, line)
		}
	}
	questions := 0
	after := md[strings.Index(md, "## What to discuss"):]
	for _, line := range strings.Split(after, "\n") {
		if len(line) > 2 && line[0] >= '1' && line[0] <= '9' && line[1] == '.' {
			questions++
		}
	}
	if questions < 4 || questions > 6 {
		t.Errorf("%d questions to discuss, want 4 to 6", questions)
	}
}

func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return "line " + strconv.Itoa(i+1) + ":\n got " + g[i] + "\nwant " + w[i]
		}
	}
	return "lengths differ: " + strconv.Itoa(len(g)) + " lines, want " + strconv.Itoa(len(w))
}

func TestChart(t *testing.T) {
	label := func(v float64, dec int) string { return strconv.FormatFloat(v, 'f', dec, 64) }
	nan := math.NaN()
	for _, c := range []struct {
		name   string
		chart  chart
		series []chartSeries
		want   string
	}{
		{"empty", chart{Rows: 4, Label: label}, []chartSeries{{"a", '*', nil}}, "(no data)\n"},
		{"no values", chart{Rows: 4, Label: label}, []chartSeries{{"a", '*', []float64{nan, nan}}}, "(no data)\n"},
		{"one point", chart{Rows: 4, Label: label}, []chartSeries{{"", '*', []float64{7}}}, `
7 ┤*
  └┬
   1
   week; one column per week
`},
		{"flat, gaps", chart{Rows: 5, Label: label}, []chartSeries{{"", '#', []float64{nan, 0.25, 0.25, nan}}}, `
0.25 ┤ ##
     └┬───
      1
      week; one column per week
`},
		{"flat", chart{Rows: 3, Zero: true, Label: label}, []chartSeries{{"flat", '*', []float64{5, 5, 5, nan, 5}}}, `
5.0 ┤*** *
2.5 ┤
0.0 ┤
    └┬────
     1
     week; one column per week
     * flat
`},
		{"negative and two series", chart{Rows: 5, Label: label}, []chartSeries{
			{"cash", '*', []float64{2, 1, 0, -1, -2, -1, 0, 1, 2, 3, 4, 4}},
			{"debt", 'o', []float64{-2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2}},
		}, `
 4 ┤         ***
 2 ┤**     **
 0 ┤  ** **
-2 ┤oooo*ooooooo
   └┬────────┬──
    1        10
    week; one column per week
    * cash   o debt
`},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := c.chart.render(c.series...)
			want := strings.TrimPrefix(c.want, "\n")
			if prefix, ok := strings.CutSuffix(want, "  ...\n"); ok {
				if !strings.HasPrefix(got, prefix) {
					t.Errorf("got\n%s\nwant it to start with\n%s", got, prefix)
				}
				return
			}
			if got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestChartOfALongGame(t *testing.T) {
	v := make([]float64, 1000)
	for i := range v {
		v[i] = float64(i % 100)
	}
	got := chart{Rows: 6, Label: func(v float64, dec int) string { return strconv.FormatFloat(v, 'f', dec, 64) }}.render(chartSeries{"saw", '*', v})
	for _, line := range strings.Split(got, "\n") {
		if n := utf8.RuneCountInString(line); n > 80 {
			t.Errorf("%d columns wide: %q", n, line)
		}
	}
	for _, want := range []string{"one column per 16 weeks (their mean)", "1000"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
}

// The round steps themselves are tested in internal/prose (TestNiceCeil).
func TestDecimalsOf(t *testing.T) {
	for step, want := range map[float64]int{10: 0, 1: 0, 2.5: 1, 0.5: 1, 0.25: 2, 0.02: 2} {
		if got := decimalsOf(step); got != want {
			t.Errorf("decimalsOf(%v) = %d, want %d", step, got, want)
		}
	}
}

// A result with little in it (a flow-only run, a game stopped at once)
// still makes a report, with questions.
func TestMarkdownOfAlmostNothing(t *testing.T) {
	for name, r := range map[string]sim.Result{
		"zero":      {},
		"flow only": results(t, 1)[0],
	} {
		var b bytes.Buffer
		if err := WriteMarkdown(&b, r); err != nil {
			t.Fatal(err)
		}
		md := b.String()
		if !strings.Contains(md, "(no data)") && name == "zero" {
			t.Errorf("%s: an empty chart does not say so:\n%s", name, md)
		}
		if n := strings.Count(md[strings.Index(md, "## What to discuss"):], "\n1. "); n != 1 {
			t.Errorf("%s: no questions:\n%s", name, md)
		}
	}
}

// A game that ended before any change reached production: the keys without
// a value say so, with no band, and the overall band is not made of them.
func TestMarkdownNoValueYet(t *testing.T) {
	sc, err := scenario.Resolve("startup")
	if err != nil {
		t.Fatal(err)
	}
	g := sim.NewGame(sc, 1, 1)
	g.Play(nil)
	var b bytes.Buffer
	if err := WriteMarkdown(&b, g.Debrief()); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{
		"Overall band: **low**.",
		"| Lead time for changes | no value: no change reached production | – |",
		"| Change failure rate | no deployments, so none failed | – |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the debrief lacks %q", want)
		}
	}
	if strings.Contains(md, "| none |") || strings.Contains(md, "slowest DORA key was lead time") {
		t.Errorf("a key without a value has a band or is called the slowest:\n%s", md)
	}
}

// The debrief names the company the scenario names ([company] name): the
// tutorial's is Globomantics Labs, not the default scenario's Globomantics.
func TestMarkdownNamesTheScenariosCompany(t *testing.T) {
	sc, err := scenario.Resolve("tutorial")
	if err != nil {
		t.Fatal(err)
	}
	g := sim.NewGame(sc, sc.Seed, 0)
	g.Play(nil)
	var b bytes.Buffer
	if err := WriteMarkdown(&b, g.Debrief()); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{"Market share at the end: Globomantics Labs ", "Globomantics Labs against its competitors", "`*` Globomantics Labs"} {
		if !strings.Contains(md, want) {
			t.Errorf("the tutorial's debrief lacks %q", want)
		}
	}
	if strings.Contains(strings.ToLower(md), "slice") {
		t.Errorf("the tutorial's debrief speaks of slices, which the tutorial does not offer:\n%s", md)
	}
	if n, labs := strings.Count(md, "Globomantics"), strings.Count(md, "Globomantics Labs"); n != labs {
		t.Errorf("the tutorial's debrief says Globomantics without Labs %d times:\n%s", n-labs, md)
	}
}

// Skill or luck weighs how widely the same decisions' scores spread: a
// narrow spread (doing nothing scores about the same everywhere) is the
// decisions', never praised as skill; a game won in some worlds and lost
// in others is mostly luck, wherever this world falls; a game won here and
// lost everywhere else (or the other way), or a score far outside the
// others', was decided by this world.
func TestLuckVerdictWeighsTheSpread(t *testing.T) {
	for _, c := range []struct {
		l     sim.Luck
		score int
		won   bool
		want  string
	}{
		{sim.Luck{ScoreP5: 349, ScoreP50: 364, ScoreP95: 394, Percentile: 0.5}, 365, false, "their scores lie within 45 points, so the decisions, not luck, set this score."},
		{sim.Luck{ScoreP5: 349, ScoreP50: 364, ScoreP95: 394, Percentile: 0.93}, 400, false, "a little kinder than most"},
		{sim.Luck{WinRate: 1, ScoreP5: 2100, ScoreP50: 2200, ScoreP95: 2300, Percentile: 0.5}, 2210, true, "their scores lie within 200 points, so the decisions, not luck, set this score."},
		{sim.Luck{WinRate: 0.5, ScoreP5: 300, ScoreP50: 1500, ScoreP95: 2400, Percentile: 0.5}, 1500, true, "luck decides a lot here; this world was about usual."},
		{sim.Luck{WinRate: 1, ScoreP5: 1000, ScoreP50: 1600, ScoreP95: 2400, Percentile: 0.9}, 2300, true, "spread 1400 points: luck moves the score a lot; this world was kinder than most"},
		// The play-test's game: won with 2197 where the same decisions lost all 20 other worlds.
		{sim.Luck{WinRate: 0, ScoreP5: 328, ScoreP50: 353, ScoreP95: 393, Percentile: 1}, 2197, true, "lost nearly every other world and won here, so this world, not the decisions, won this game."},
		{sim.Luck{WinRate: 1, ScoreP5: 2000, ScoreP50: 2100, ScoreP95: 2200, Percentile: 0}, 400, false, "won nearly every other world and lost here, so this world, not the decisions, lost this game."},
		{sim.Luck{WinRate: 1, ScoreP5: 1200, ScoreP50: 1250, ScoreP95: 1300, Percentile: 1}, 2197, true, "this score lies 897 points above theirs, so this world, more than the decisions, set it."},
		{sim.Luck{ScoreP5: 300, ScoreP50: 330, ScoreP95: 360, Percentile: 0}, 100, false, "this score lies 200 points below theirs"},
	} {
		got := LuckVerdict(c.l, c.score, c.won)
		if !strings.Contains(got, c.want) || strings.Contains(got, "skill") {
			t.Errorf("LuckVerdict(%+v, %d, %v) = %q, want %q (and no \"skill\")", c.l, c.score, c.won, got, c.want)
		}
	}
}

// On a real seed the verdict agrees with the figures beside it: a game
// that scores inside the other worlds' tight range, lost as they were
// lost, is the decisions'; never "not luck" for a score outside the range.
func TestLuckVerdictOnARealSeed(t *testing.T) {
	for _, plan := range []string{"globomantics-none", "globomantics-devops"} {
		r := debriefOf(t, plan)
		l, sum := r.Luck, r.Summary
		got := LuckVerdict(*l, sum.Score, sum.Won)
		inside := l.ScoreP5-50 <= sum.Score && sum.Score <= l.ScoreP95+50
		agrees := (sum.Won && l.WinRate > 0.1) || (!sum.Won && l.WinRate < 0.9)
		if strings.Contains(got, "the decisions, not luck") && !(inside && agrees) {
			t.Errorf("%s: score %d won %v among %d–%d (won %.0f%%): %q", plan, sum.Score, sum.Won, l.ScoreP5, l.ScoreP95, 100*l.WinRate, got)
		}
		if plan == "globomantics-none" && !strings.Contains(got, "the decisions, not luck") {
			t.Errorf("%s: score %d among %d–%d, all lost: %q, want the decisions", plan, sum.Score, l.ScoreP5, l.ScoreP95, got)
		}
	}
}

// What the game without a decision scored goes with whether it is won or
// lost, when, and its share: against a game won and one lost.
func TestWithoutItSaysWonOrLost(t *testing.T) {
	im := func(w *sim.Replayed) sim.Impact { return sim.Impact{Score: 100, Without: w} }
	won, lost := sim.Summary{Score: 458, Won: true}, sim.Summary{Score: 458}
	for _, c := range []struct {
		im   sim.Impact
		s    sim.Summary
		want string
	}{
		{im(&sim.Replayed{Score: 358, Ended: true, Week: 41, MarketShare: 0.098}), won, " Without it: 358, and the game is lost in week 41 (9.8% of the market)."},
		{im(&sim.Replayed{Score: 358, Ended: true, Week: 30, MarketShare: 0.12}), lost, " Without it: 358, and the game is still lost in week 30 (12.0% of the market)."},
		{im(&sim.Replayed{Score: 358, Ended: true, Won: true, Week: 52, MarketShare: 0.4123}), won, " Without it: 358, and the game is still won (41.2% of the market at the end)."},
		{im(&sim.Replayed{Score: 358, Ended: true, Won: true, Week: 52, MarketShare: 0.4123}), lost, " Without it: 358, and the game is won (41.2% of the market at the end)."},
		{im(&sim.Replayed{Score: 358, Week: 13, MarketShare: 0.2}), lost, " Without it: 358, and in week 13, when this game ended, it still goes on at 20.0% of the market."},
		{im(nil), won, " Without it: 358."},
		{sim.Impact{Score: 0, Without: &sim.Replayed{Score: 458, Ended: true, Won: true}}, won, ""},
	} {
		if got := WithoutIt(c.im, c.s); got != c.want {
			t.Errorf("WithoutIt(%+v, won %v) = %q, want %q", c.im.Without, c.s.Won, got, c.want)
		}
	}
}

// The debrief asks what could have been sliced only where the game offered
// slicing: the tutorial has none to offer, played with its lessons'
// decisions; Globomantics offers it (once built), played without.
func TestMVPQuestionOnlyWhereSlicingIsOffered(t *testing.T) {
	const q = "Every feature was built whole before a customer saw it."
	for _, c := range []struct {
		scenario, plan string
		want           bool
	}{{"tutorial", "tutorial-lessons", false}, {"globomantics", "globomantics-tools", true}} {
		sc, err := scenario.Resolve(c.scenario)
		if err != nil {
			t.Fatal(err)
		}
		p, err := scenario.ResolvePlan(c.plan, sc)
		if err != nil {
			t.Fatal(err)
		}
		g := sim.NewGame(sc, sc.Seed, 0)
		g.Play(p)
		r := g.Debrief()
		if len(r.Decisions) == 0 || r.Summary.WorkSavedHours > 0 || r.SlicingOffered != c.want {
			t.Fatalf("%s: %d decisions, %.0f hours saved by slicing, slicing offered %v: not the case to test",
				c.plan, len(r.Decisions), r.Summary.WorkSavedHours, r.SlicingOffered)
		}
		var b bytes.Buffer
		if err := WriteMarkdown(&b, r); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(b.String(), q); got != c.want {
			t.Errorf("%s: the debrief asks %q: %v, want %v", c.plan, q, got, c.want)
		}
	}
}

// A score's change is written with its sign and its noun agreeing: a
// minus sign, not a hyphen, and one point, not "1 points".
func TestSignedPoints(t *testing.T) {
	for n, want := range map[int]string{1: "+1 point", -1: "−1 point", 0: "0 points", 14: "+14 points", -44: "−44 points"} {
		if got := signedPoints(n); got != want {
			t.Errorf("signedPoints(%d) = %q, want %q", n, got, want)
		}
	}
}

// A share the outcome writes with two decimals, to read below the floor,
// reads the same wherever the debrief names it: at the end, in the score
// and in the text report (not "14.96%, below the 15%" over "15.0%").
func TestDebriefSharesAgreeWithTheOutcome(t *testing.T) {
	r := debriefOf(t, "globomantics-none")
	r.Summary.Won, r.Summary.MarketShare = false, 0.1496
	r.Summary.Outcome = "Market share fell to 14.96% in week 29, below the 15% the company can survive on."
	r.Summary.ScoreParts.MarketShare = 150
	var md, text bytes.Buffer
	if err := WriteMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	out := md.String()
	if !strings.Contains(out, "Market share at the end: Globomantics 14.96%") || !strings.Contains(out, "share, 14.96%)") {
		t.Errorf("the debrief does not write the share as its outcome does:\n%s", out)
	}
	if err := WriteText(&text, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "Market share 14.96%") {
		t.Errorf("the text report does not write the share as its outcome does:\n%s", text.String())
	}
}

// The score's band term names the band first, then the rule: "the DORA
// band, high (50 points for each band above low)", not "(50 points per
// band above low, high)".
func TestScoreTermNamesTheBand(t *testing.T) {
	var s sim.Summary
	s.DORA.OverallBand = sim.High
	terms := ScoreTerms(s)
	if got := terms[len(terms)-1].For; got != "the DORA band, high (50 points for each band above low)" {
		t.Errorf("the band's term: %q", got)
	}
}
