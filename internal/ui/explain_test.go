package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// playedAt plays a built-in plan to the end of each of the weeks asked
// for, in order, and calls at with the game there.
func playedAt(t *testing.T, planName string, weeks []int, at func(g *sim.Game, week int)) {
	t.Helper()
	sc, err := scenario.Resolve(planName[:strings.Index(planName, "-")])
	if err != nil {
		t.Fatal(err)
	}
	plan, err := scenario.ResolvePlan(planName, sc)
	if err != nil {
		t.Fatal(err)
	}
	g := sim.NewGame(sc, 1, 0)
	for _, w := range weeks {
		for g.Week() < w {
			if _, over := g.Over(); over {
				return
			}
			for _, step := range plan.Steps {
				if step.Week == g.Week()+1 {
					g.Apply(step.Decision)
				}
			}
			g.AdvanceWeek()
		}
		at(g, w)
	}
}

// A stage's explainer and detail never claim that nothing waits where a
// figure on the same screen shows waiting: in every built-in scenario,
// played with every built-in plan, at several weeks.
func TestStageTextsAgreeWithTheirFigures(t *testing.T) {
	checked := map[string]bool{} // the kinds of stage met
	styles := DefaultStyles(asciiRenderer())
	var weeks []int
	for w := 1; w <= 52; w += 2 {
		weeks = append(weeks, w)
	}
	played := map[string]bool{}
	for _, p := range scenario.BuiltinPlans() {
		played[p.Name[:strings.Index(p.Name, "-")]] = true
		playedAt(t, p.Name, weeks, func(g *sim.Game, week int) {
			hpw := g.Scenario().HoursPerWeek
			dur := func(h float64) string { return report.Duration(h, hpw) }
			stages := g.Stages()
			for _, tp := range topics(g) {
				if tp.group != "Stages" {
					continue
				}
				var st sim.StageView
				i := -1
				for k, s := range stages {
					if s.Name == tp.title {
						st, i = s, k
					}
				}
				if i < 0 {
					t.Fatalf("%s week %d: no stage %q", p.Name, week, tp.title)
				}
				detail := stageModel{styles: &styles, g: g, index: i, width: 200}.detail()
				text := tp.what + " " + tp.why
				where := fmt.Sprintf("%s, week %d, %s", p.Name, week, st.Name)
				waiting := st.Queue - st.Outside + st.Held
				recent := dur(st.RecentWait()) != dur(0)
				for _, s := range []string{text, detail} {
					if strings.Contains(s, "nothing queues") {
						t.Errorf("%s: %q", where, s)
					}
				}
				if strings.Contains(text, "waits for nobody") && (recent || waiting > 0) {
					t.Errorf("%s: waits for nobody, with a recent wait of %s and %d waiting: %q", where, dur(st.RecentWait()), waiting, text)
				}
				if strings.Contains(text, "waits here for a free person") && (st.Queue > st.Outside || recent && !strings.Contains(text, "before the stage was automated")) {
					t.Errorf("%s: no wait for a free person, with %d queued and a recent wait of %s: %q", where, st.Queue-st.Outside, dur(st.RecentWait()), text)
				}
				if waiting == 0 && (strings.Contains(text, "waits now") || strings.Contains(text, "waiting now")) {
					t.Errorf("%s: nothing waiting, but: %q", where, text)
				}
				if strings.Contains(text, "Nothing is held here now") && waiting > 0 {
					t.Errorf("%s: nothing held, with %d waiting: %q", where, waiting, text)
				}
				if waiting > 0 && !strings.Contains(text, fmt.Sprintf("Waiting here now: %d item", waiting)) {
					t.Errorf("%s: %d waiting, not said: %q", where, waiting, text)
				}
				if recent && !strings.Contains(text, dur(st.RecentWait())) {
					t.Errorf("%s: a recent wait of %s, not said: %q", where, dur(st.RecentWait()), text)
				}
				if st.HeldHours > 0 && (!strings.Contains(text, dur(st.HeldHours)) || !strings.Contains(detail, "held "+dur(st.HeldHours))) {
					t.Errorf("%s: work held %s on average, not said: %q\n%s", where, dur(st.HeldHours), text, detail)
				}
				if st.Held > 0 && st.Queue == st.Outside && !strings.Contains(detail, fmt.Sprintf("%d finished, held for the release train for %s so far", st.Held, dur(st.WaitingNowHours))) {
					t.Errorf("%s: %d held for %s, not said:\n%s", where, st.Held, dur(st.WaitingNowHours), detail)
				}
				switch {
				case st.BatchEvery > 0:
					checked["batch"] = true
				case st.Unlimited && g.Scenario().Stages[i].Capacity != sim.Unlimited:
					checked["automated"] = true
					if recent {
						checked["automated lately"] = true
					}
				case st.Unlimited:
					checked["unlimited"] = true
				default:
					checked["staffed"] = true
				}
			}
		})
	}
	for _, b := range scenario.Builtins() {
		if !played[b.Name] {
			t.Errorf("the built-in scenario %s has no plan to play it with", b.Name)
		}
	}
	for _, kind := range []string{"batch", "automated", "automated lately", "unlimited", "staffed"} {
		if !checked[kind] {
			t.Errorf("no %s stage met", kind)
		}
	}
}

// "Sent back" is said in words wherever it appears, with what lowers it:
// the shop's effect, the stage's explainer, and a topic of its own.
func TestSentBackIsExplained(t *testing.T) {
	m := playing(t, testOptions(t))
	g := m.dash.g
	sc := g.Scenario()
	var ci sim.InvestmentStatus
	for _, inv := range g.Investments() {
		if inv.ID == "ci" {
			ci = inv
		}
	}
	if e := describeEffects(sc, ci.Effects); !strings.Contains(e, "5% of its work fails and goes back to Development (20% at the start)") {
		t.Errorf("CI's effect: %q", e)
	}
	build := topicNamed(t, g, "Manual build")
	for _, want := range []string{"20% of the work done here fails and goes back to Development", "Build automation (CI) lowers it to 5%"} {
		if !strings.Contains(build.what, want) {
			t.Errorf("the build's explainer lacks %q: %q", want, build.what)
		}
	}
	qa := topicNamed(t, g, "Manual QA")
	if !strings.Contains(qa.what, "Test automation, level 1 lowers it to 15%, Test automation, level 2 lowers it to 10% and Test automation, level 3 lowers it to 5%") {
		t.Errorf("QA's explainer: %q", qa.what)
	}
	rework := topicNamed(t, g, reworkTopicTitle)
	if !strings.Contains(rework.why, "Manual build sends 20% back to Development (each piece comes through it 1.25 times on average)") ||
		!strings.Contains(rework.how, "Manual QA: Test automation, level 1 lowers it to 15%") {
		t.Errorf("the rework topic: %q / %q", rework.why, rework.how)
	}
	// Once CI is built, the build's share is the new one and CI is no
	// longer offered for it.
	for _, d := range []sim.Decision{{Kind: sim.SetImprovement, Stage: "dev", Share: 0.3}, {Kind: sim.Invest, Investment: "ci"}} {
		if err := g.Apply(d); err != nil {
			t.Fatal(err)
		}
	}
	for !g.Invested("ci") {
		if _, over := g.Over(); over {
			t.Fatal("the game ended before CI was built")
		}
		g.AdvanceWeek()
	}
	build = topicNamed(t, g, "Manual build")
	if !strings.Contains(build.what, "5% of the work done here fails") || strings.Contains(build.what, "lowers it") {
		t.Errorf("the build's explainer, CI built: %q", build.what)
	}
}
