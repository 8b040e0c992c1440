package report

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/sim"
)

// The strings a forged export would carry to attack the facilitator's
// terminal (clear it, retitle it) or the Markdown once it is rendered.
const (
	evilName   = "\x1b[2J\x1b]0;pwned\x07"
	evilScript = "<script>alert(1)</script>"
	evilBidi   = "elite\x1b[31m\u202e"
)

// forge is a played game with every string a result holds replaced by an
// attack.
func forge(t *testing.T, p Player) Player {
	t.Helper()
	r := p.Result
	r.Scenario = evilScript
	r.Summary.Outcome = "Lost " + evilName + evilScript
	r.Decisions = append([]sim.LoggedDecision(nil), r.Decisions...)
	for i := range r.Decisions {
		r.Decisions[i].Text = "Started " + evilScript + evilName + " for $1,000; ready."
		r.Decisions[i].Name = evilBidi + evilScript + evilName
	}
	r.Bottleneck = &sim.Bottleneck{Stage: 1, ID: "x", Name: evilScript + evilName, Why: evilName}
	r.Competitors = []sim.CompetitorResult{{Name: evilScript, MarketShare: 0.1}}
	r.Stages = append([]sim.StageResult(nil), r.Stages...)
	for i := range r.Stages {
		r.Stages[i].ID = evilScript + evilName
	}
	return Player{Name: p.Name, Result: r}
}

func hostileRoom(t *testing.T) []Player {
	players := playRoom(t)
	players[0] = forge(t, players[0])
	players[0].Name = evilName
	players[1] = forge(t, players[1])
	players[1].Name = evilScript
	players[2].Name = strings.Repeat("\x1b[31mA", 1<<20/6) // a megabyte
	return players
}

func TestCompareEscapesWhatFilesSay(t *testing.T) {
	players := hostileRoom(t)
	for _, format := range CompareFormats {
		var b bytes.Buffer
		if err := Compare(&b, format, players); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.ContainsAny(out, "\x1b\x07") || format != "json" && strings.Contains(out, "\u202e") {
			t.Errorf("%s: a control character reached the output: %q", format, firstLine(out, "\x1b"))
		}
		if format != "text" && strings.Contains(out, "<script") {
			t.Errorf("%s: <script reached the output", format)
		}
		if format != "json" && b.Len() > 64<<10 {
			t.Errorf("%s: %d bytes: the megabyte name was not cut", format, b.Len())
		}
	}

	// The names are still there, shown escaped.
	var text, md bytes.Buffer
	Compare(&text, "text", players)
	Compare(&md, "markdown", players)
	if !strings.Contains(text.String(), `\x1b[2J\x1b]0;pwned\x07`) {
		t.Errorf("the text does not show the name escaped:\n%s", text.String())
	}
	if !strings.Contains(md.String(), "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the Markdown does not show the script as text:\n%s", md.String())
	}

	// JSON stays JSON: the names as they were, with < > & escaped.
	var js bytes.Buffer
	Compare(&js, "json", players)
	var lb Leaderboard
	if err := json.Unmarshal(js.Bytes(), &lb); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `\u003cscript\u003e`) {
		t.Errorf("the JSON does not escape <script>")
	}
	found := false
	for _, s := range lb.Standings {
		found = found || s.Player == evilName
	}
	if !found {
		t.Errorf("the JSON lost the player's name as it was: %+v", lb.Standings)
	}
}

func TestDebriefEscapesWhatTheScenarioSays(t *testing.T) {
	r := forge(t, playRoom(t)[0]).Result
	var b bytes.Buffer
	if err := WriteMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); strings.Contains(out, "<script") || strings.ContainsAny(out, "\x1b\x07\u202e") {
		t.Errorf("the debrief carries markup or controls: %q", firstLine(out, "<script"))
	}
}

func TestWriteTextEscapesNames(t *testing.T) {
	r := forge(t, playRoom(t)[0]).Result
	r.Scenario = evilName
	var b bytes.Buffer
	if err := Write(&b, "text", []sim.Result{r}); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(b.String(), "\x1b\x07\u202e") {
		t.Errorf("a control character reached the text: %q", firstLine(b.String(), "\x1b"))
	}
	if !strings.HasPrefix(b.String(), `\x1b[2J\x1b]0;pwned\x07: seed`) {
		t.Errorf("the scenario's name is not shown escaped: %q", firstLine(b.String(), ""))
	}
	b.Reset()
	if err := Write(&b, "text", []sim.Result{r, r}); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(b.String(), "\x1b\x07") {
		t.Errorf("a control character reached the runs' text")
	}
	b.Reset()
	Write(&b, "json", []sim.Result{r, r})
	if strings.Contains(b.String(), "<script") || strings.Contains(b.String(), "\x1b") {
		t.Errorf("the runs' JSON carries markup or controls raw")
	}
}

// The run's CSV holds the weekly numbers only (or an empty cell for no
// value): nothing a spreadsheet could take for a formula, so no cell needs
// textsafe.CSVCell.
func TestWriteCSVHasOnlyNumbers(t *testing.T) {
	var b bytes.Buffer
	WriteCSV(&b, []sim.Result{playRoom(t)[0].Result})
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	for _, line := range lines[1:] {
		for _, c := range strings.Split(line, ",") {
			if c == "" {
				continue // a metric without a value: nothing to run either
			}
			if _, err := json.Number(c).Float64(); err != nil {
				t.Fatalf("a cell that is not a number: %q in %q", c, line)
			}
		}
	}
}

func TestRankSurvivesForgedScores(t *testing.T) {
	p := func(name string, score int) Player {
		return Player{Name: name, Result: sim.Result{Scenario: "S", Seed: 1, Weeks: 1, HoursPerWeek: 40,
			Summary: sim.Summary{Score: score, MarketShare: math.NaN()}}}
	}
	players := []Player{p("min", math.MinInt), p("zero", 0), p("max", math.MaxInt), p("one", 1), p("minus", -1), p("b", 1), p("a", 1)}
	var got []string
	for _, s := range Rank(players).Standings {
		got = append(got, s.Player)
	}
	if want := "max a b one zero minus min"; strings.Join(got, " ") != want {
		t.Errorf("ranked %v, want %s", got, want)
	}
	// NaN is no number JSON has: the text and Markdown show it, JSON refuses.
	for _, format := range CompareFormats {
		var b bytes.Buffer
		if err := Compare(&b, format, players); (err != nil) != (format == "json") {
			t.Errorf("%s: %v", format, err)
		}
	}
}

func TestDecodePlayerRefusesForgedGames(t *testing.T) {
	good := exported(t, playRoom(t)[:1])[0]
	var js bytes.Buffer
	Write(&js, "json", []sim.Result{good.Result})
	decode := func(data string) (v any) {
		d := json.NewDecoder(strings.NewReader(data))
		d.UseNumber() // a number of a thousand digits stays as written
		if err := d.Decode(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	with := func(field, value string) []byte {
		m := decode(js.String()).(map[string]any)
		v := decode(value)
		if outer, inner, ok := strings.Cut(field, "."); ok {
			m[outer].(map[string]any)[inner] = v
		} else {
			m[field] = v
		}
		data, _ := json.Marshal(m)
		return data
	}
	big, _ := json.Marshal(strings.Repeat("\x1b", 1<<20))
	for _, c := range []struct {
		data []byte
		want string
	}{
		{with("player", string(big)), "the player's name is 1048576 characters long"},
		{with("weeks", "-3"), "weeks is -3"},
		{with("weeks", "100000"), "weeks is 100000"},
		{with("hours_per_week", "0"), "hours_per_week is 0"},
		{with("summary.market_share", "7"), "market_share is 7"},
		{with("summary.completed", "-1"), "summary.completed is -1"},
		{with("decisions", `[{"week": -5, "text": "x"}]`), "a decision in week -5"},
		{with("runs", string(big)), "a summary of several runs"},
		{with("summary.budget", "1"+strings.Repeat("0", 1000)), "summary.budget is a JSON number, where"},
		{with("seed", string(big)), "seed is a JSON string"},
	} {
		_, err := DecodePlayer("x", c.data)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %.200v, want %q", err, c.want)
			continue
		}
		if len(err.Error()) > 200 || strings.Contains(err.Error(), "\x1b") {
			t.Errorf("an error of %d bytes, or raw: %.200q", len(err.Error()), err.Error())
		}
	}

	// What the files say is still read, escaped only when shown.
	name, _ := json.Marshal(evilName)
	p, err := DecodePlayer("x", with("player", string(name)))
	if err != nil || p.Name != evilName {
		t.Errorf("an escape-laden name: %q, %v", p.Name, err)
	}
}

func TestClip(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{{"abc", 3, "abc"}, {"abcd", 3, "ab…"}, {"ééé", 2, "é…"}, {"", 1, ""}, {"\xffab", 2, "\xff…"}} {
		if got := clip(c.s, c.n); got != c.want {
			t.Errorf("clip(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}

// firstLine is the line of s holding sub, to show in a failure.
func firstLine(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}
