package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// roomWeeks is how long the room's games last: short games, so the test is
// quick, long enough for the plans' first investments to pay.
const roomWeeks = 26

// playRoom plays four short games of the default scenario on its own seed,
// each with another plan (the last is the DevOps plan started six weeks
// late), as four players would.
func playRoom(t *testing.T) []Player {
	t.Helper()
	played.Do(func() { played.players, played.err = playGames() })
	if played.err != nil {
		t.Fatal(played.err)
	}
	return slices.Clone(played.players)
}

// played is the room, played once for all the tests.
var played struct {
	sync.Once
	players []Player
	err     error
}

func playGames() ([]Player, error) {
	sc, err := scenario.Resolve("globomantics")
	if err != nil {
		return nil, err
	}
	var players []Player
	for _, p := range []struct {
		name, plan string
		late       int // weeks every decision of the plan is put off
	}{
		{"ana", "globomantics-devops", 0},
		{"ben", "globomantics-tools", 0},
		{"cleo", "globomantics-none", 0},
		{"dan", "globomantics-devops", 6},
	} {
		plan, err := scenario.ResolvePlan(p.plan, sc)
		if err != nil {
			return nil, err
		}
		for i := range plan.Steps {
			plan.Steps[i].Week += p.late
		}
		g := sim.NewGame(sc, sc.Seed, roomWeeks)
		g.Play(plan)
		players = append(players, Player{Name: p.name, Result: g.Debrief()})
	}
	return players, nil
}

// exported is the players as they come back from their JSON exports.
func exported(t *testing.T, players []Player) []Player {
	t.Helper()
	var out []Player
	for _, p := range players {
		var b bytes.Buffer
		if err := Write(&b, "json", []sim.Result{p.Result}); err != nil {
			t.Fatal(err)
		}
		d, err := DecodePlayer(p.Name, b.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		out = append(out, d)
	}
	return out
}

func TestCompareGolden(t *testing.T) {
	players := exported(t, playRoom(t))
	for format, ext := range map[string]string{"text": "txt", "markdown": "md", "json": "json"} {
		t.Run(format, func(t *testing.T) {
			var got bytes.Buffer
			if err := Compare(&got, format, players); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "compare."+ext+".golden")
			if *update {
				if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/report -run TestCompareGolden -update)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("the comparison differs from %s (if the change is meant, run go test ./internal/report -run TestCompareGolden -update):\n%s",
					path, firstDifference(got.String(), string(want)))
			}
		})
	}
}

// A room server compares the games it ran, in memory; `globosim compare`
// the same games read back from their exports. Both must read the same.
func TestCompareInMemoryAndExportedAgree(t *testing.T) {
	inMemory := playRoom(t)
	fromFiles := exported(t, inMemory)
	for _, format := range CompareFormats {
		var a, b bytes.Buffer
		Compare(&a, format, inMemory)
		Compare(&b, format, fromFiles)
		if a.String() != b.String() {
			t.Errorf("%s: in memory and exported differ:\n%s", format, firstDifference(a.String(), b.String()))
		}
	}
}

func TestCompareContent(t *testing.T) {
	players := exported(t, playRoom(t))
	var md bytes.Buffer
	Compare(&md, "markdown", players)
	for _, want := range []string{"## Leaderboard", "## Side by side", "## What to discuss", "| 1 | ana |", "Everyone played the same world",
		"dan waited until week 7", "cleo none"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("the Markdown has no %q:\n%s", want, md.String())
		}
	}

	var js bytes.Buffer
	Compare(&js, "json", players)
	var lb Leaderboard
	if err := json.Unmarshal(js.Bytes(), &lb); err != nil {
		t.Fatal(err)
	}
	if lb.Scenario != "Globomantics" || lb.Seed != 1 || len(lb.Standings) != 4 || lb.DifferentWorlds != "" {
		t.Fatalf("leaderboard: %+v", lb)
	}
	for i, s := range lb.Standings {
		if s.Rank != i+1 || (i > 0 && s.Score > lb.Standings[i-1].Score) {
			t.Errorf("standing %d out of order: %+v", i, s)
		}
	}
	// After 26 weeks the transformation may still be in its dip (won or
	// not), but it leads the room.
	if s := lb.Standings[0]; s.Player != "ana" || s.Decisions != 18 || s.DORABand == sim.NoBand || s.LeadTimeForChanges.Value <= 0 {
		t.Errorf("the DevOps plan should lead: %+v", s)
	}
}

// The investments a player started are read from the decisions' kinds and
// parameters, with the investments' names, in memory and from the JSON.
func TestInvestmentsReadFromDecisions(t *testing.T) {
	ana := playRoom(t)[0].Result
	want := 0
	for _, d := range ana.Decisions {
		if d.Decision.Kind == sim.Invest {
			want++
		}
	}
	for _, r := range []sim.Result{ana, exported(t, playRoom(t))[0].Result} {
		got, ok := investments(r)
		if !ok || want == 0 || len(got) != want {
			t.Fatalf("read %d investments from the decisions (%v), want %d: %+v", len(got), ok, want, got)
		}
		if got[0].name != "Monitoring and alerting" || got[0].week != 1 {
			t.Errorf("first investment %+v", got[0])
		}
	}
}

func TestRankSharesEqualScores(t *testing.T) {
	p := func(name string, score int) Player {
		return Player{Name: name, Result: sim.Result{Scenario: "S", Seed: 1, Summary: sim.Summary{Score: score}}}
	}
	lb := Rank([]Player{p("a", 10), p("b", 30), p("c", 10), p("d", 5)})
	var got []string
	for _, s := range lb.Standings {
		got = append(got, s.Player+":"+string(rune('0'+s.Rank)))
	}
	if strings.Join(got, " ") != "b:1 a:2 c:2 d:4" {
		t.Errorf("ranks %v", got)
	}
}

func TestSameWorld(t *testing.T) {
	p := func(name, scenario string, seed uint64) Player {
		return Player{Name: name, Result: sim.Result{Scenario: scenario, Seed: seed}}
	}
	if err := SameWorld([]Player{p("a", "G", 1), p("b", "G", 1)}); err != nil {
		t.Errorf("same world: %v", err)
	}
	for _, c := range []struct {
		players []Player
		want    string
	}{
		{[]Player{p("a", "G", 1), p("b", "G", 7), p("c", "G", 1)},
			`not the same world: a, c played "G" with seed 1, but b played seed 7`},
		{[]Player{p("a", "G", 1), p("b", "G", 2)},
			`not the same world: a played "G" with seed 1, but b played seed 2`},
		{[]Player{p("a", "G", 1), p("b", "G", 1), p("c", "G", 1), p("d", "G", 1), p("e", "Acme", 1), p("f", "G", 3)},
			`not the same world: 4 players played "G" with seed 1, but e played "Acme" with seed 1; f played seed 3`},
	} {
		err := SameWorld(c.players)
		if err == nil || err.Error() != c.want {
			t.Errorf("got %v\nwant %s", err, c.want)
		}
	}

	// Compared anyway, the warning is in the comparison.
	players := playRoom(t)
	players[2].Result.Seed = 9
	for _, format := range CompareFormats {
		var b bytes.Buffer
		if err := Compare(&b, format, players); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.ReplaceAll(b.String(), "\n", " "), "cleo played seed 9") {
			t.Errorf("%s: no warning naming cleo:\n%s", format, b.String())
		}
	}
}

func TestDecodePlayer(t *testing.T) {
	good := exported(t, playRoom(t)[:1])[0]
	var js bytes.Buffer
	Write(&js, "json", []sim.Result{good.Result})

	named := strings.Replace(js.String(), "{", `{"player": "Ana Lima",`, 1)
	if p, err := DecodePlayer("file-stem", []byte(named)); err != nil || p.Name != "Ana Lima" {
		t.Errorf("a player field: %q, %v", p.Name, err)
	}
	if p, err := DecodePlayer("file-stem", js.Bytes()); err != nil || p.Name != "file-stem" || p.Result.Summary.Score != good.Result.Summary.Score {
		t.Errorf("no player field: %q, %v", p.Name, err)
	}

	// A file from before "no value" was null has 0 where no change reached
	// production; one written now has null. Both read as no value, and a
	// value reads as itself.
	for _, to := range []string{`"lead_time_for_changes_hours": 0,`, `"lead_time_for_changes_hours": null,`} {
		old := regexp.MustCompile(`"lead_time_for_changes_hours": [0-9.e+]+,`).ReplaceAllString(js.String(), to)
		p, err := DecodePlayer("old", []byte(old))
		if err != nil || p.Result.Summary.DORA.LeadTimeForChanges.Valid {
			t.Errorf("%s: lead time for changes %+v, %v; want no value", to, p.Result.Summary.DORA.LeadTimeForChanges, err)
		}
		var b strings.Builder
		if err := Compare(&b, "text", []Player{p}); err != nil || strings.Contains(b.String(), "0.0h") {
			t.Errorf("%s: compare shows 0.0h or fails (%v):\n%s", to, err, b.String())
		}
	}
	if p, err := DecodePlayer("new", js.Bytes()); err != nil || p.Result.Summary.DORA.LeadTimeForChanges != good.Result.Summary.DORA.LeadTimeForChanges {
		t.Errorf("a measured lead time for changes: %+v, %v; want %+v", p.Result.Summary.DORA.LeadTimeForChanges, err, good.Result.Summary.DORA.LeadTimeForChanges)
	}

	var runs bytes.Buffer
	Write(&runs, "json", results(t, 3))
	for _, c := range []struct{ data, want string }{
		{"", "the file is empty"},
		{"  \n", "the file is empty"},
		{"# Globomantics: the debrief\n", "a Markdown report, not a result: use the .json file"},
		{"#!/bin/sh\n", "not JSON: line 1, column 1: invalid character '#'"},
		{"{\n  \"scenario\": \"x\",\n  oops\n}", "not JSON: line 3, column 3"},
		{"[1, 2]", "not a globosim result: the JSON is not an object"},
		{`{"name": "a plan"}`, `not a globosim result: it has no "scenario"`},
		{runs.String(), "a summary of 3 runs (globosim run --runs)"},
		{`{"scenario": "G", "seed": 1, "summary": {"score": "high"}}`, "not a globosim result: summary.score is a JSON string, where a result has a number"},
		{`{"scenario": "G", "seed": -1, "summary": {}}`, "not a globosim result: seed is a JSON number -1, where a result has a number"},
		{`{"scenario": "G", "seed": 1, "summary": {"dora": {"lead_time_for_changes_hours": "soon"}}}`, "not a globosim result: summary.dora.lead_time_for_changes_hours is a JSON string, where a result has a number"},
		{`{"scenario": "M/M/1", "seed": 1, "weeks": 4, "hours_per_week": 40, "summary": {"arrived": 3, "completed": 2}}`, "a run of a queueing model without the game"},
		{`{"scenario": "G", "seed": 1, "summary": {"dora": {"band": "superb\u001b[31m"}}}`, "is not a DORA band (low, medium, high or elite)"},
		{`{"scenario": "G", "seed": 1, "summary": {}, "decisions": [{"week": 1, "kind": "teleport", "text": ""}]}`, `not a globosim result: "teleport" is not a kind of decision`},
		{`{"scenario": "G", "seed": 1, "summary": {}, "news": [{"week": 1, "kind": "gossip", "text": ""}]}`, `not a globosim result: "gossip" is not a kind of news`},
	} {
		_, err := DecodePlayer("x", []byte(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%.40q: got %v, want %q", c.data, err, c.want)
		}
	}
}

// A room of many players still fits a terminal: the side-by-side table is
// split into several, each with the row names.
func TestCompareTextFitsATerminal(t *testing.T) {
	base := exported(t, playRoom(t))
	var players []Player
	for i := range 12 {
		p := base[i%len(base)]
		p.Name = strings.Repeat("x", i) + p.Name
		players = append(players, p)
	}
	var b strings.Builder
	newRoom(players).sideBySide().text(&b, textWidth)
	out := b.String()
	for _, line := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(line); n > textWidth {
			t.Errorf("%d columns: %q", n, line)
		}
	}
	if n := strings.Count(out, "\nscore "); n < 3 {
		t.Errorf("the side-by-side table of 12 players is in %d parts, want several:\n%s", n, out)
	}
	for _, p := range players {
		if !strings.Contains(out, p.Name) {
			t.Errorf("%s is missing", p.Name)
		}
	}
}

func TestJoinNames(t *testing.T) {
	for n, want := range map[int]string{0: "", 1: "a", 2: "a and b", 3: "a, b and c", 4: "a, b, c and d", 6: "a, b, c and 3 others"} {
		if got := joinNames([]string{"a", "b", "c", "d", "e", "f"}[:n]); got != want {
			t.Errorf("%d names: %q, want %q", n, got, want)
		}
	}
}

func TestCompareRefuses(t *testing.T) {
	if err := Compare(&bytes.Buffer{}, "text", nil); err == nil {
		t.Error("no players: no error")
	}
	if err := Compare(&bytes.Buffer{}, "yaml", playRoom(t)); err == nil || !strings.Contains(err.Error(), "yaml") {
		t.Errorf("unknown format: %v", err)
	}
}

// A result exported before decisions were typed (this one by globosim at
// ac509b6: globosim run --plan globomantics-devops --weeks 26 --format
// json) holds only their words. It still loads; compare shows its
// decisions but not which investments it started: a dash in the side by
// side, and the player is left out of the question about an investment
// rather than counted as never having started it.
func TestCompareOldFile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "old-globomantics-devops.json"))
	if err != nil {
		t.Fatal(err)
	}
	old, err := DecodePlayer("olga", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(old.Result.Decisions) != 11 || old.Result.Decisions[0].Decision.Kind != 0 || old.Result.Decisions[0].Text == "" || old.Result.Summary.DORA.OverallBand == sim.NoBand {
		t.Fatalf("read %+v, band %v", old.Result.Decisions, old.Result.Summary.DORA.OverallBand)
	}
	if _, ok := investments(old.Result); ok {
		t.Error("the investments of an old file are known")
	}
	// Nor has it the score's parts: the debrief takes them from its numbers.
	var debrief bytes.Buffer
	if err := WriteMarkdown(&debrief, old.Result); err != nil {
		t.Fatal(err)
	}
	s := old.Result.Summary
	want := fmt.Sprintf("**Score %d** = %d for market share (10 points per point of share, %.1f%%) + %d for the money in the bank",
		s.Score, int(math.Round(1000*s.MarketShare)), 100*s.MarketShare, s.Budget/10000)
	if s.ScoreParts != (sim.ScoreParts{}) || !strings.Contains(debrief.String(), want) {
		t.Errorf("the old file's debrief has no %q:\n%.600s", want, debrief.String())
	}
	players := append(exported(t, playRoom(t)), old)
	var md, txt bytes.Buffer
	if err := Compare(&md, "markdown", players); err != nil {
		t.Fatal(err)
	}
	if err := Compare(&txt, "text", players); err != nil {
		t.Fatal(err)
	}
	var header, started []string
	for _, line := range strings.Split(md.String(), "\n") {
		line = strings.TrimSuffix(line, " |") // the last column too
		switch {
		case strings.HasPrefix(line, "|  | "):
			header = strings.Split(line, " | ")
		case strings.HasPrefix(line, "| investments started | "):
			started = strings.Split(line, " | ")
		}
	}
	if i := slices.Index(header, "olga"); i < 0 || len(started) != len(header) || started[i] != "–" || slices.Contains(append(started[:i:i], started[i+1:]...), "–") {
		t.Errorf("the side by side should have a dash for olga's investments, and only for hers:\n%q\n%q", header, started)
	}
	if strings.Contains(md.String(), "olga never") || strings.Contains(md.String(), "olga waited") || strings.Contains(md.String(), "olga started") {
		t.Errorf("olga's investments are not known, but the questions name her:\n%s", md.String())
	}
	for _, want := range []string{"| 11 |", "olga"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("the Markdown has no %q:\n%s", want, md.String())
		}
	}
}

func TestSameOrigin(t *testing.T) {
	p := func(name, version, sha string) Player {
		return Player{Name: name, Result: sim.Result{Scenario: "G", Seed: 1, GlobosimVersion: version, ScenarioSHA256: sha}}
	}
	a, b := strings.Repeat("a", 64), strings.Repeat("b", 64)
	for _, c := range []struct {
		players         []Player
		unchecked, diff string
	}{
		{[]Player{p("ana", "v1", a), p("ben", "v1", a)}, "", ""},
		{[]Player{p("ana", "v1", a), p("ben", "v1", a), p("cleo", "v2", a)}, "", "not the same globosim: ana and ben used globosim v1, but cleo used globosim v2"},
		{[]Player{p("ana", "v1", a), p("ben", "v1", b)}, "", "not the same scenario text: ana played scenario text aaaaaaaaaaa…, but ben played scenario text bbbbbbbbbbb…"},
		{[]Player{p("ana", "v1", a), p("ben", "v2", b)}, "", "not the same globosim: ana used globosim v1, but ben used globosim v2; not the same scenario text: ana played scenario text aaaaaaaaaaa…, but ben played scenario text bbbbbbbbbbb…"},
		{[]Player{p("ana", "v1", a), p("olga", "", "")}, "olga's file does not say which globosim made it, or from which scenario text (it is older than that), so that was not checked", ""},
		{[]Player{p("olga", "", ""), p("pia", "", a), p("ana", "v2", b)}, "olga and pia's files do not say which globosim made them, or from which scenario text (they are older than that), so that was not checked",
			"not the same scenario text: pia played scenario text aaaaaaaaaaa…, but ana played scenario text bbbbbbbbbbb…"},
	} {
		unchecked, err := SameOrigin(c.players)
		diff := ""
		if err != nil {
			diff = err.Error()
		}
		if unchecked != c.unchecked || diff != c.diff {
			t.Errorf("%+v:\nunchecked %q\nwant      %q\ndiffer    %q\nwant      %q", c.players, unchecked, c.unchecked, diff, c.diff)
		}
	}
}
