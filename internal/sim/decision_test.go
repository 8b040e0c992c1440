package sim

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// A logged decision goes into a result's JSON with its kind and parameters
// beside its words, and comes back the same.
func TestLoggedDecisionJSON(t *testing.T) {
	for _, d := range []LoggedDecision{
		{Week: 3, At: 4900, Decision: Decision{Kind: Invest, Investment: "ci"}, Name: "Build automation (CI)", Text: "Started Build automation (CI) for $150,000; ready in week 9."},
		{Week: 4, At: 7200, Decision: Decision{Kind: SetWIPLimit, Stage: "dev", N: 0}, Name: "Development", Text: "Removed the WIP limit on Development."},
		{Week: 5, At: 9600, Decision: Decision{Kind: SetReleaseCadence, Every: 2400}, Text: "The release train now leaves every week."},
		{Week: 6, At: 12000, Decision: Decision{Kind: Hire, Stage: "qa", N: -2}, Name: "QA", Text: "Let 2 people go from QA."},
		{Week: 7, At: 14400, Decision: Decision{Kind: SetSlicing, N: 3}, Text: "New features are cut into 3 slices."},
	} {
		js, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(js), `"kind":"`+d.Decision.Kind.String()+`"`) || !strings.Contains(string(js), `"at_minute":`) {
			t.Errorf("%s has no kind or minute", js)
		}
		var back LoggedDecision
		if err := json.Unmarshal(js, &back); err != nil {
			t.Fatal(err)
		}
		if back != d {
			t.Errorf("%s reads back as %+v, want %+v", js, back, d)
		}
	}
}

// A result written before decisions were typed has only a decision's week
// and words: it still reads, with no kind.
func TestLoggedDecisionOldJSON(t *testing.T) {
	var d LoggedDecision
	if err := json.Unmarshal([]byte(`{"week": 2, "text": "Started CI for $150,000; ready in week 8."}`), &d); err != nil {
		t.Fatal(err)
	}
	if d.Week != 2 || d.Decision.Kind != 0 || d.At != 0 || d.Text != "Started CI for $150,000; ready in week 8." {
		t.Errorf("read %+v", d)
	}
	for _, bad := range []string{`{"week": 2, "kind": "teleport", "text": ""}`, `{"week": 2, "kind": 1, "text": ""}`} {
		if err := json.Unmarshal([]byte(bad), &d); err == nil {
			t.Errorf("%s was read", bad)
		}
	}
}

// Game.Result names what each decision is about, as the scenario calls it.
func TestResultNamesDecisions(t *testing.T) {
	sc := gameScenario()
	g := NewGame(sc, 1, 0)
	if err := g.Apply(Decision{Kind: Invest, Investment: sc.Investments[0].ID}); err != nil {
		t.Fatal(err)
	}
	r := g.Result()
	if len(r.Decisions) != 1 || r.Decisions[0].Name != sc.Investments[0].Name || g.Log()[0].Name != "" {
		t.Errorf("result's decisions %+v, log %+v", r.Decisions, g.Log())
	}
	if p := r.Summary.ScoreParts; p.Total() != r.Summary.Score || p.Total() != g.Score() || p.MarketShare != int(math.Round(1000*g.Share())) {
		t.Errorf("score %d (game %d) from parts %+v", r.Summary.Score, g.Score(), p)
	}
}
