package report

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/globomantics/globosim/internal/inputfile"
	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/textsafe"
)

// A room's comparison: the games several players played in the same world,
// ranked by score and set side by side. `globosim compare` renders it from
// the players' exported files; a room server can render it from the games
// it ran. It reads only what a result's JSON holds, so both give the same.

// Player is one player's finished game.
type Player struct {
	Name   string
	Result sim.Result
}

// CompareFormats lists the formats Compare renders.
var CompareFormats = []string{"text", "markdown", "json"}

// Compare renders the room's leaderboard and the players' key numbers side
// by side: as text, as Markdown with questions for the debrief drawn from
// how far apart the players ended, or the leaderboard as JSON. Players who
// did not play the same world (see SameWorld) are still compared, under a
// warning saying who differs.
func Compare(w io.Writer, format string, players []Player) error {
	if len(players) == 0 {
		return errors.New("report: no players to compare")
	}
	rm := newRoom(players)
	switch format {
	case "text":
		return rm.writeText(w)
	case "markdown":
		return rm.writeMarkdown(w)
	case "json":
		return writeJSON(w, rm.board)
	}
	return fmt.Errorf("report: unknown format %q", format)
}

// SameWorld returns nil when every player played the same scenario with
// the same seed, so the same work arrived and the same events happened to
// all and their scores can be compared; otherwise an error, in one line,
// naming who played something else. The names in it are cut short but not
// escaped: whoever prints it escapes it for where it goes.
func SameWorld(players []Player) error {
	groups, most := groupsOf(players, func(r sim.Result) (world, bool) { return worldOf(r), true })
	if len(groups) < 2 {
		return nil
	}
	ref := groups[most]
	who := strings.Join(ref.names, ", ")
	if len(ref.names) > 3 {
		who = fmt.Sprintf("%d players", len(ref.names))
	}
	var others []string
	for i, g := range groups {
		if i == most {
			continue
		}
		if len(others) == maxOthers {
			others = append(others, fmt.Sprintf("%d more played other worlds", len(groups)-1-maxOthers))
			break
		}
		what := fmt.Sprintf("seed %d", g.key.seed)
		if g.key.scenario != ref.key.scenario {
			what = fmt.Sprintf("\"%s\" with seed %d", clip(g.key.scenario, maxName), g.key.seed)
		}
		others = append(others, fmt.Sprintf("%s played %s", joinNames(g.names), what))
	}
	return fmt.Errorf("not the same world: %s played \"%s\" with seed %d, but %s",
		who, clip(ref.key.scenario, maxName), ref.key.seed, strings.Join(others, "; "))
}

// playerGroup is the players whose results share a key, by name (cut
// short, not escaped).
type playerGroup[K comparable] struct {
	key   K
	names []string
}

// groupsOf groups the players by the key of their results, in the order
// they come, leaving out those without one; most is the group most players
// are in (the first of equals).
func groupsOf[K comparable](players []Player, key func(sim.Result) (K, bool)) (groups []playerGroup[K], most int) {
	for _, p := range players {
		k, ok := key(p.Result)
		if !ok {
			continue
		}
		i := slices.IndexFunc(groups, func(g playerGroup[K]) bool { return g.key == k })
		if i < 0 {
			groups = append(groups, playerGroup[K]{key: k})
			i = len(groups) - 1
		}
		groups[i].names = append(groups[i].names, clip(p.Name, maxName))
	}
	for i, g := range groups {
		if len(g.names) > len(groups[most].names) {
			most = i
		}
	}
	return groups, most
}

// SameOrigin returns nil when every result that says so was made by the
// same globosim from the same scenario text; otherwise an error, in one
// line, naming who differs. A result from before globosim recorded these
// (no globosim_version or scenario_sha256) cannot be checked: unchecked
// names those players, once, and is empty when there are none. Like
// SameWorld's, the names are cut short but not escaped.
func SameOrigin(players []Player) (unchecked string, err error) {
	var problems []string
	for _, c := range []struct {
		what, verb string
		key        func(sim.Result) string
		show       func(string) string
	}{
		{"globosim", "used", func(r sim.Result) string { return r.GlobosimVersion }, func(v string) string { return "globosim " + clip(v, maxName) }},
		{"scenario text", "played", func(r sim.Result) string { return r.ScenarioSHA256 }, func(h string) string { return "scenario text " + clip(h, 12) }},
	} {
		groups, most := groupsOf(players, func(r sim.Result) (string, bool) { k := c.key(r); return k, k != "" })
		if len(groups) < 2 {
			continue
		}
		var others []string
		for i, g := range groups {
			if i == most {
				continue
			}
			if len(others) == maxOthers {
				others = append(others, fmt.Sprintf("%d more %s others", len(groups)-1-maxOthers, c.verb))
				break
			}
			others = append(others, fmt.Sprintf("%s %s %s", joinNames(g.names), c.verb, c.show(g.key)))
		}
		ref := groups[most]
		problems = append(problems, fmt.Sprintf("not the same %s: %s %s %s, but %s",
			c.what, joinNames(ref.names), c.verb, c.show(ref.key), strings.Join(others, "; ")))
	}
	var old []string
	for _, p := range players {
		if p.Result.GlobosimVersion == "" || p.Result.ScenarioSHA256 == "" {
			old = append(old, clip(p.Name, maxName))
		}
	}
	if len(old) > 0 {
		unchecked = joinNames(old) + "'s file does not say which globosim made it, or from which scenario text (it is older than that), so that was not checked"
		if len(old) > 1 {
			unchecked = joinNames(old) + "'s files do not say which globosim made them, or from which scenario text (they are older than that), so that was not checked"
		}
	}
	if len(problems) > 0 {
		return unchecked, errors.New(strings.Join(problems, "; "))
	}
	return unchecked, nil
}

// maxOthers is how many other worlds SameWorld names before it counts the
// rest: a room of forged files must not make a page-long line.
const maxOthers = 5

// world is what players must share for a fair comparison.
type world struct {
	scenario string
	seed     uint64
}

func worldOf(r sim.Result) world { return world{r.Scenario, r.Seed} }

// DecodePlayer reads one player's result from the JSON that the end
// screen's export and `globosim run --format json` write. The player is
// named by a "player" field when the JSON has one, else by name. The error
// says in a few words what the data is instead of a result, or which number
// no game can have; it quotes nothing long from the file and is safe to
// print on a terminal.
func DecodePlayer(name string, data []byte) (Player, error) {
	if err := inputfile.Check(data, inputfile.Result); err != nil {
		return Player{}, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return Player{}, errors.New("the file is empty, not a globosim result")
	}
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("# ")) {
		return Player{}, errors.New("a Markdown report, not a result: use the .json file exported beside it")
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			line, col := position(data, syntax.Offset)
			return Player{}, fmt.Errorf("not JSON: line %d, column %d: %s", line, col, syntax.Error())
		}
		return Player{}, errors.New("not a globosim result: the JSON is not an object with a scenario, a seed and a summary")
	}
	if runs, ok := fields["runs"]; ok {
		n := "several"
		if _, err := strconv.Atoi(string(runs)); err == nil && len(runs) < 10 {
			n = string(runs)
		}
		return Player{}, fmt.Errorf("a summary of %s runs (globosim run --runs), not one player's game", n)
	}
	for _, key := range []string{"scenario", "seed", "summary"} {
		if _, ok := fields[key]; !ok {
			return Player{}, fmt.Errorf("not a globosim result: it has no %q (export one with e on the end screen, or globosim run --format json)", key)
		}
	}
	var doc struct {
		Player string `json:"player"`
		sim.Result
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			value := typ.Value
			if len(value) > 30 { // "number " and a thousand digits
				value, _, _ = strings.Cut(value, " ")
			}
			return Player{}, fmt.Errorf("not a globosim result: %s is a JSON %s, where a result has %s",
				textsafe.Line(strings.TrimPrefix(typ.Field, "Result."), 60), textsafe.Line(value, 30), typeName(typ.Type.Kind().String()))
		}
		return Player{}, fmt.Errorf("not a globosim result: %s", textsafe.Line(err.Error(), 100))
	}
	if p := strings.TrimSpace(doc.Player); p != "" {
		name = p
	}
	if err := checkResult(name, doc.Result); err != nil {
		return Player{}, fmt.Errorf("not a game globosim played: %w", err)
	}
	if !doc.Summary.IsGame() {
		return Player{}, errors.New("a run of a queueing model without the game (no outcome, no score): there is nothing to rank")
	}
	legacyNoValue(&doc.Result)
	return Player{Name: name, Result: doc.Result}, nil
}

// maxName is the longest name (of a player, a scenario, a stage) that a
// report shows in full; a room's names are far shorter, so only a forged
// file is cut.
const maxName = 60

// checkResult refuses the numbers no game can produce, so that a forged or
// damaged file is named rather than shown as a nonsensical game. It checks
// what the comparison reads, no more.
func checkResult(name string, r sim.Result) error {
	s := r.Summary
	switch {
	case utf8.RuneCountInString(name) > maxName:
		return fmt.Errorf("the player's name is %d characters long; a name has at most %d", utf8.RuneCountInString(name), maxName)
	case utf8.RuneCountInString(r.Scenario) > 4*maxName:
		return fmt.Errorf("the scenario's name is %d characters long", utf8.RuneCountInString(r.Scenario))
	case r.Weeks < 1 || r.Weeks > scenario.MaxWeeks:
		return fmt.Errorf("weeks is %d; a game lasts 1 to %d weeks", r.Weeks, scenario.MaxWeeks)
	case r.HoursPerWeek < 1 || r.HoursPerWeek > 7*24:
		return fmt.Errorf("hours_per_week is %d; a week has 1 to 168 working hours", r.HoursPerWeek)
	case !isShare(s.MarketShare):
		return fmt.Errorf("summary.market_share is %v; a share is from 0 to 1", s.MarketShare)
	}
	for _, c := range []struct {
		field string
		n     int
	}{{"arrived", s.Arrived}, {"completed", s.Completed}, {"wip_end", s.WIPEnd}, {"dropped", s.Dropped}, {"incidents", s.Incidents}} {
		if c.n < 0 {
			return fmt.Errorf("summary.%s is %d; a count is never negative", c.field, c.n)
		}
	}
	for _, c := range r.Competitors {
		if !isShare(c.MarketShare) {
			return fmt.Errorf("a competitor's market_share is %v; a share is from 0 to 1", c.MarketShare)
		}
	}
	for _, d := range r.Decisions {
		if d.Week < 1 || d.Week > r.Weeks {
			return fmt.Errorf("a decision in week %d of a %d-week game", d.Week, r.Weeks)
		}
	}
	return nil
}

func isShare(x float64) bool { return x >= 0 && x <= 1 } // false for NaN

// legacyNoValue reads the lead times for changes of a file written before
// they could be null: it wrote 0 when no change reached production. A real
// median is never 0, since deploying takes time, so 0 is no value.
func legacyNoValue(r *sim.Result) {
	if r.Summary.DORA.LeadTimeForChanges == sim.Measured(0) {
		r.Summary.DORA.LeadTimeForChanges = sim.Metric{}
	}
	for i := range r.Weekly {
		if w := &r.Weekly[i]; w.LeadTimeForChangesP50 == sim.Measured(0) {
			w.LeadTimeForChangesP50 = sim.Metric{}
		}
	}
}

// position turns a byte offset into a line and a column, both from 1.
func position(data []byte, offset int64) (line, col int) {
	before := data[:min(max(offset, 0), int64(len(data)))]
	line = bytes.Count(before, []byte("\n")) + 1
	col = utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])
	return line, max(col, 1)
}

func typeName(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"), strings.HasPrefix(kind, "float"):
		return "a number"
	case kind == "string":
		return "text"
	case kind == "bool":
		return "true or false"
	case kind == "slice":
		return "a list"
	}
	return "an object"
}

// Leaderboard is the room's ranking, as `globosim compare --format json`
// writes it.
type Leaderboard struct {
	Scenario string `json:"scenario"` // the world most players played
	Seed     uint64 `json:"seed"`
	// DifferentWorlds is SameWorld's complaint, when players differ.
	DifferentWorlds string     `json:"different_worlds,omitempty"`
	Standings       []Standing `json:"standings"` // best first
}

// Standing is one player's place on the leaderboard.
type Standing struct {
	Rank        int      `json:"rank"` // players with equal scores share a rank
	Player      string   `json:"player"`
	Scenario    string   `json:"scenario"`
	Seed        uint64   `json:"seed"`
	Won         bool     `json:"won"`
	Outcome     string   `json:"outcome"`
	Weeks       int      `json:"weeks"` // weeks played: a game lost early ends early
	Score       int      `json:"score"`
	MarketShare float64  `json:"market_share"`
	Budget      int64    `json:"budget"`
	DORABand    sim.Band `json:"dora_band"`
	// LeadTimeForChanges is DORA's: the median hours from commit to
	// production over the last quarter played; null when no change shipped.
	LeadTimeForChanges sim.Metric `json:"lead_time_for_changes_hours"`
	Decisions          int        `json:"decisions"`
}

// Rank orders the players by score, best first; equal scores share a rank
// and are listed by name.
func Rank(players []Player) Leaderboard {
	var lb Leaderboard
	if len(players) > 0 {
		lb.Scenario, lb.Seed = mostPlayed(players)
	}
	if err := SameWorld(players); err != nil {
		lb.DifferentWorlds = err.Error()
	}
	ranked := byScore(players)
	for i, p := range ranked {
		r, s := p.Result, p.Result.Summary
		rank := i + 1
		if i > 0 && s.Score == ranked[i-1].Result.Summary.Score {
			rank = lb.Standings[i-1].Rank
		}
		lb.Standings = append(lb.Standings, Standing{
			Rank: rank, Player: p.Name, Scenario: r.Scenario, Seed: r.Seed,
			Won: s.Won, Outcome: s.Outcome, Weeks: r.Weeks,
			Score: s.Score, MarketShare: s.MarketShare, Budget: s.Budget, DORABand: s.DORA.OverallBand,
			LeadTimeForChanges: s.DORA.LeadTimeForChanges, Decisions: len(r.Decisions),
		})
	}
	return lb
}

// byScore is the players best score first, equals by name. cmp.Compare,
// not a subtraction: forged scores near the ends of int would overflow it.
func byScore(players []Player) []Player {
	ranked := slices.Clone(players)
	slices.SortStableFunc(ranked, func(a, b Player) int {
		return cmp.Or(cmp.Compare(b.Result.Summary.Score, a.Result.Summary.Score), cmp.Compare(a.Name, b.Name))
	})
	return ranked
}

// mostPlayed is the world most players played, the first of equals.
func mostPlayed(players []Player) (string, uint64) {
	count := map[world]int{}
	best := worldOf(players[0].Result)
	for _, p := range players {
		w := worldOf(p.Result)
		count[w]++
		if count[w] > count[best] {
			best = w
		}
	}
	return best.scenario, best.seed
}

// room is the comparison being rendered: the players in leaderboard order.
type room struct {
	board   Leaderboard
	players []Player // in the order of board.Standings (byScore)
	horizon int      // the most weeks anyone played: the game's length, unless all lost early
}

func newRoom(players []Player) *room {
	rm := &room{board: Rank(players), players: byScore(players)}
	for _, p := range players {
		rm.horizon = max(rm.horizon, p.Result.Weeks)
	}
	return rm
}

// title is the comparison's first line, with the scenario's name escaped
// by esc for where it goes.
func (rm *room) title(esc func(string) string) string {
	return fmt.Sprintf("%s, seed %d: %s", esc(rm.board.Scenario), rm.board.Seed, prose.Count(len(rm.players), "player", "players"))
}

// Every string a result holds came from a file (the player's name, the
// scenario's, its stages' and investments'), so every one is escaped for
// where it is written: term for a terminal, md for Markdown. Both cut a
// forged name of a megabyte down to a name's length first.

func term(s string) string { return textsafe.Terminal(clip(s, maxName)) }

func md(s string) string { return textsafe.Markdown(clip(s, maxName)) }

// termText is term for a sentence, which may be longer than a name.
func termText(s string) string { return textsafe.Terminal(clip(s, maxText)) }

// mdText is md for a sentence (a decision, an event, an outcome), which
// may be longer than a name.
func mdText(s string) string { return textsafe.Markdown(clip(s, maxText)) }

// maxText is the longest sentence from a result a report shows in full.
const maxText = 400

// clip cuts s to at most n characters, with "…" where it was cut. It cuts
// the raw text, before it is escaped, so that an escape is never cut in two.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	for i := range s {
		if n--; n < 1 {
			return s[:i] + "…"
		}
	}
	return s
}

// The leaderboard and the side-by-side table, as tables of text cells that
// the text and Markdown renderers lay out each in their own way, escaping
// every cell (many come from the players' files).

type table struct {
	header []string
	right  []bool // right-aligned columns
	rows   [][]string
}

// leaderboard is the ranking as a table.
func (rm *room) leaderboard() table {
	t := table{
		header: []string{"#", "player", "result", "score", "share", "money", "DORA", "lead time", "decisions"},
		right:  []bool{true, false, false, true, true, true, false, true, true},
	}
	for i, s := range rm.board.Standings {
		r := rm.players[i].Result
		t.rows = append(t.rows, []string{strconv.Itoa(s.Rank), s.Player, rm.result(r), strconv.Itoa(s.Score),
			gameShare(r), prose.Money(s.Budget), bandCell(s.DORABand), leadTimeForChanges(r), strconv.Itoa(s.Decisions)})
	}
	return t
}

// leadTimeNote explains the leaderboard's lead time column.
const leadTimeNote = "lead time: DORA's lead time for changes, the median time from commit to production over the last 13 weeks played"

// result is won or lost, and when a game lost early ended.
func (rm *room) result(r sim.Result) string {
	switch {
	case r.Summary.Won:
		return "won"
	case r.Summary.Outcome == "":
		return "–"
	case r.Weeks < rm.horizon:
		return fmt.Sprintf("lost (week %d)", r.Weeks)
	}
	return "lost"
}

// gameShare is the final market share as the game's own words put it.
func gameShare(r sim.Result) string { return (&debrief{Result: r}).share() }

func leadTimeForChanges(r sim.Result) string {
	return MetricHours(r.Summary.DORA.LeadTimeForChanges, r.HoursPerWeek)
}

// sideBySide is the key numbers of every player, a column each.
func (rm *room) sideBySide() table {
	t := table{header: []string{""}, right: []bool{false}}
	for _, p := range rm.players {
		t.header = append(t.header, p.Name)
		t.right = append(t.right, true)
	}
	row := func(label string, value func(r sim.Result) string) {
		cells := []string{label}
		for _, p := range rm.players {
			cells = append(cells, value(p.Result))
		}
		t.rows = append(t.rows, cells)
	}
	hours := func(h float64, r sim.Result) string { return Duration(h, r.HoursPerWeek) }
	row("result", rm.result)
	row("score", func(r sim.Result) string { return strconv.Itoa(r.Summary.Score) })
	row("market share", gameShare)
	row("money in the bank", func(r sim.Result) string { return prose.Money(r.Summary.Budget) })
	row("DORA band", func(r sim.Result) string { return bandCell(r.Summary.DORA.OverallBand) })
	row("deployments a week", func(r sim.Result) string { return num1(r.Summary.DORA.DeploysPerWeek) })
	row("lead time for changes", leadTimeForChanges)
	row("change failure rate", func(r sim.Result) string { return MetricPercent(r.Summary.DORA.ChangeFailureRate) })
	row("time to restore", func(r sim.Result) string { return MetricHours(r.Summary.DORA.TimeToRestore, r.HoursPerWeek) })
	row("lead time, median", func(r sim.Result) string { return hours(r.Summary.LeadTime.P50, r) })
	row("work delivered", func(r sim.Result) string { return strconv.Itoa(r.Summary.Completed) })
	row("incidents", func(r sim.Result) string { return strconv.Itoa(r.Summary.Incidents) })
	row("decisions", func(r sim.Result) string { return strconv.Itoa(len(r.Decisions)) })
	row("first decision", func(r sim.Result) string {
		if len(r.Decisions) == 0 {
			return "–"
		}
		return "week " + strconv.Itoa(r.Decisions[0].Week)
	})
	row("investments started", func(r sim.Result) string {
		if list, ok := investments(r); ok {
			return strconv.Itoa(len(list))
		}
		return "–"
	})
	if slices.ContainsFunc(rm.players, func(p Player) bool { return p.Result.Luck != nil }) {
		row("won in other worlds", func(r sim.Result) string {
			if l := r.Luck; l != nil && l.Runs > 0 {
				return strconv.FormatFloat(100*l.WinRate, 'f', 0, 64) + "%"
			}
			return "–"
		})
	}
	if slices.ContainsFunc(rm.players, func(p Player) bool { return p.Result.Bottleneck != nil }) {
		row("bottleneck", func(r sim.Result) string {
			if b := r.Bottleneck; b != nil && b.Name != "" {
				return b.Name
			}
			return "–"
		})
	}
	return t
}

// sideBySideNote explains the rows of the side-by-side table.
const sideBySideNote = "The DORA keys are over the last 13 weeks played; lead time, median: from arriving to reaching customers, over the whole game; " +
	"won in other worlds: how often the same decisions, taken in the same weeks, won on other seeds (skill or luck?)."

// investment is an investment a player started.
type investment struct {
	week int
	name string
}

// investments lists the investments a player started, from the decisions'
// kinds and parameters. A file written before decisions were typed keeps
// only their words: ok is false, and what was started is not known.
func investments(r sim.Result) (list []investment, ok bool) {
	for _, d := range r.Decisions {
		switch {
		case d.Decision.Kind == 0:
			return nil, false
		case d.Decision.Kind == sim.Invest:
			list = append(list, investment{d.Week, cmp.Or(d.Name, d.Decision.Investment)})
		}
	}
	return list, true
}

// bandOrDash is a band's name, or a dash for no band.
// Text.

func (rm *room) writeText(w io.Writer) error {
	var b strings.Builder
	b.WriteString(rm.title(term) + "\n")
	if rm.board.DifferentWorlds != "" {
		b.WriteString(prose.Wrap("Warning: "+textsafe.Terminal(rm.board.DifferentWorlds)+"; their scores are not comparable.", textWidth))
	}
	b.WriteString("\n")
	rm.leaderboard().text(&b, 0)
	b.WriteString("\n" + prose.Wrap(leadTimeNote+".", textWidth) + "\n")
	rm.sideBySide().text(&b, textWidth)
	b.WriteString("\n" + prose.Wrap(sideBySideNote, textWidth))
	_, err := io.WriteString(w, b.String())
	return err
}

// textWidth is the widest a side-by-side table gets before its players are
// split over several tables, so that it fits a terminal.
const textWidth = 80

// text lays the table out in columns two spaces apart. With a width, the
// columns after the first are split into several tables, each repeating
// the first column, so that each fits in width (at least one column each).
func (t table) text(b *strings.Builder, width int) {
	t = t.escaped(term)
	widths := make([]int, len(t.header))
	for _, r := range append([][]string{t.header}, t.rows...) {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	groups := [][]int{{}}
	used := widths[0]
	for i := 1; i < len(widths); i++ {
		g := &groups[len(groups)-1]
		if width > 0 && len(*g) > 0 && used+2+widths[i] > width {
			groups = append(groups, []int{})
			g, used = &groups[len(groups)-1], widths[0]
		}
		*g = append(*g, i)
		used += 2 + widths[i]
	}
	for n, g := range groups {
		if n > 0 {
			b.WriteString("\n")
		}
		cols := append([]int{0}, g...)
		for _, r := range append([][]string{t.header}, t.rows...) {
			var line strings.Builder
			for k, i := range cols {
				if k > 0 {
					line.WriteString("  ")
				}
				pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(r[i]))
				if t.right[i] {
					line.WriteString(pad + r[i])
				} else {
					line.WriteString(r[i] + pad)
				}
			}
			b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
		}
	}
}

// Markdown.

func (rm *room) writeMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", rm.title(md))
	if rm.board.DifferentWorlds != "" {
		fmt.Fprintf(&b, "**Warning: %s.** Their scores are not comparable: they did not see the same work arrive or the same events happen.\n\n", textsafe.Markdown(rm.board.DifferentWorlds))
	} else {
		b.WriteString("Everyone played the same world: the same work arrived and the same events happened to all. Only the decisions differed.\n\n")
	}
	b.WriteString("## Leaderboard\n\n")
	rm.leaderboard().markdown(&b)
	fmt.Fprintf(&b, "\nRanked by score: a win is worth more than any lost game can score; then ten points per point of market share, up to %d for the weeks survived, up to %d for money kept up to a reserve of %d weeks' running costs and under %d for money beyond it, and fifty per DORA band above low. Share and money are at the end of the game; %s.\n\n",
		sim.SurvivalPoints, sim.ReservePoints, sim.ReserveWeeks, sim.BeyondReservePoints, leadTimeNote)
	b.WriteString("## Side by side\n\n")
	rm.sideBySide().markdown(&b)
	b.WriteString("\n" + sideBySideNote + "\n\n")
	b.WriteString("## What to discuss\n\n")
	for i, q := range rm.questions() {
		fmt.Fprintf(&b, "%d. %s\n", i+1, q)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// escaped is the table with every cell escaped by esc.
func (t table) escaped(esc func(string) string) table {
	out := table{header: make([]string, len(t.header)), right: t.right, rows: make([][]string, len(t.rows))}
	for i, h := range t.header {
		out.header[i] = esc(h)
	}
	for i, r := range t.rows {
		out.rows[i] = make([]string, len(r))
		for j, c := range r {
			out.rows[i][j] = esc(c)
		}
	}
	return out
}

func (t table) markdown(b *strings.Builder) {
	t = t.escaped(md)
	b.WriteString("| " + strings.Join(t.header, " | ") + " |\n|")
	for _, right := range t.right {
		if right {
			b.WriteString("---:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	for _, r := range t.rows {
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
}

// questions are what to discuss, drawn from how far apart the players
// ended: the scores, the lead times, how much and how early they decided,
// when they started the investment most of them made, and where their work
// waited. They are Markdown: every name in them is escaped by md.
func (rm *room) questions() []string {
	ps := rm.players
	var qs []string
	if len(ps) < 2 {
		return []string{"With one game there is nothing to compare: gather the other players' exports (e on the end screen) and compare them all."}
	}
	names := func(sel func(Player) bool) []string {
		var out []string
		for _, p := range ps {
			if sel(p) {
				out = append(out, p.Name)
			}
		}
		return out
	}

	best, worst := ps[0], ps[len(ps)-1]
	won := names(func(p Player) bool { return p.Result.Summary.Won })
	if bs, ws := best.Result.Summary.Score, worst.Result.Summary.Score; bs != ws {
		verdict := ""
		switch len(won) {
		case 0:
			verdict = " Nobody won."
		case len(ps):
			verdict = " Everyone won."
		default:
			verdict = fmt.Sprintf(" %d of %d won.", len(won), len(ps))
		}
		qs = append(qs, fmt.Sprintf("Scores ran from %d (%s) to %d (%s), on the same arrivals and the same events.%s What did %s do in the first weeks that %s did not?",
			ws, md(worst.Name), bs, md(best.Name), verdict, md(best.Name), md(worst.Name)))
	}

	if fast, slow, ok := spread(ps, func(r sim.Result) (float64, bool) {
		return r.Summary.DORA.LeadTimeForChanges.Get()
	}); ok {
		qs = append(qs, fmt.Sprintf("In the last quarter a change took %s from commit to production for %s and %s for %s. Where did %s's changes wait, and which decision took that wait away for %s?",
			leadTimeForChanges(fast.Result), md(fast.Name), leadTimeForChanges(slow.Result), md(slow.Name), md(slow.Name), md(fast.Name)))
	}

	if q, ok := rm.investmentQuestion(); ok {
		qs = append(qs, q)
	}

	if few, many, ok := spread(ps, func(r sim.Result) (float64, bool) { return float64(len(r.Decisions)), true }); ok {
		n := func(p Player) string {
			if k := len(p.Result.Decisions); k > 0 {
				return prose.Count(k, "decision", "decisions")
			}
			return "none"
		}
		better := "did more decisions make a better game"
		if few.Result.Summary.Score > many.Result.Summary.Score {
			better = fmt.Sprintf("%s scored more with fewer; what made those few count", md(few.Name))
		}
		qs = append(qs, fmt.Sprintf("%s took %s and %s %s: %s?", md(many.Name), n(many), md(few.Name), n(few), better))
	}

	// Players who never decided anything are the question above.
	if first, last, ok := spread(ps, func(r sim.Result) (float64, bool) {
		if len(r.Decisions) == 0 {
			return 0, false
		}
		return float64(r.Decisions[0].Week), true
	}); ok {
		qs = append(qs, fmt.Sprintf("%s made a first decision in week %d; %s waited until week %d. What was %s waiting to see, and what would have made the case sooner?",
			md(first.Name), first.Result.Decisions[0].Week, md(last.Name), last.Result.Decisions[0].Week, md(last.Name)))
	}

	if q, ok := rm.bottleneckQuestion(); ok {
		qs = append(qs, q)
	}
	if len(qs) == 0 {
		qs = append(qs, "Every game ended the same way. Did everyone take the same decisions, and would anyone dare to try something else next time?")
	}
	return qs
}

// spread finds the players with the lowest and the highest value (the
// first of equals, in leaderboard order), among those that have one; ok is
// false unless the two differ.
func spread(ps []Player, value func(sim.Result) (float64, bool)) (lo, hi Player, ok bool) {
	var loV, hiV float64
	found := false
	for _, p := range ps {
		v, has := value(p.Result)
		if !has {
			continue
		}
		if !found || v < loV {
			lo, loV = p, v
		}
		if !found || v > hiV {
			hi, hiV = p, v
		}
		found = true
	}
	return lo, hi, found && loV != hiV
}

// investmentQuestion asks about the investment the most players started
// (of equals, the one whose start weeks lie furthest apart, then the one
// started first): who started it first, who last, and who never did, when
// they did not all start it the same week.
func (rm *room) investmentQuestion() (string, bool) {
	type started struct {
		name  string
		weeks []int // per player, 0 for never
		count int
		first int
	}
	var all []*started
	unknown := make([]bool, len(rm.players)) // an older file's: what was started is not known
	for i, p := range rm.players {
		list, ok := investments(p.Result)
		if !ok {
			unknown[i] = true
			continue
		}
		for _, inv := range list {
			j := slices.IndexFunc(all, func(s *started) bool { return s.name == inv.name })
			if j < 0 {
				all = append(all, &started{name: inv.name, weeks: make([]int, len(rm.players)), first: inv.week})
				j = len(all) - 1
			}
			s := all[j]
			if s.weeks[i] == 0 {
				s.weeks[i] = inv.week
				s.count++
				s.first = min(s.first, inv.week)
			}
		}
	}
	spreadOf := func(s *started) int { return slices.Max(s.weeks) - s.first }
	var top *started
	for _, s := range all {
		switch {
		case top == nil, s.count > top.count:
			top = s
		case s.count < top.count:
		case spreadOf(s) > spreadOf(top), spreadOf(s) == spreadOf(top) && s.first < top.first:
			top = s
		}
	}
	if top == nil {
		return "", false
	}
	earliest, latest := 0, 0
	var never []string
	for i, w := range top.weeks {
		switch {
		case unknown[i]:
		case w == 0:
			never = append(never, md(rm.players[i].Name))
		case earliest == 0 || w < earliest:
			earliest = w
		}
		latest = max(latest, w)
	}
	if len(never) == 0 && earliest == latest {
		return "", false // everyone started it the same week
	}
	in := func(week int) string {
		var who []string
		for i, w := range top.weeks {
			if w == week {
				who = append(who, md(rm.players[i].Name))
			}
		}
		return joinNames(who)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s started it in week %d", md(top.name), in(earliest), earliest)
	if latest != earliest {
		fmt.Fprintf(&b, ", %s waited until week %d", in(latest), latest)
	}
	if len(never) > 0 {
		fmt.Fprintf(&b, ", and %s never did", joinNames(never))
	}
	b.WriteString(". What made the difference in when people started it, and what did waiting cost?")
	return b.String(), true
}

// bottleneckQuestion asks where each player's work waited longest, when
// the exports say and not all say the same place.
func (rm *room) bottleneckQuestion() (string, bool) {
	var places []string
	who := map[string][]string{}
	for _, p := range rm.players {
		b := p.Result.Bottleneck
		if b == nil || b.Name == "" {
			continue
		}
		if _, ok := who[b.Name]; !ok {
			places = append(places, b.Name)
		}
		who[b.Name] = append(who[b.Name], md(p.Name))
	}
	if len(places) < 2 {
		return "", false
	}
	var parts []string
	for _, place := range places {
		parts = append(parts, fmt.Sprintf("at %s for %s", md(place), joinNames(who[place])))
	}
	return fmt.Sprintf("In the last quarter work waited longest %s. Why does the bottleneck move when one stage gets faster, and how would you find yours?",
		strings.Join(parts, ", ")), true
}

// joinNames lists names as people write them: "a", "a and b", "a, b and c";
// more than four become "a, b, c and 3 others".
func joinNames(names []string) string {
	if len(names) > 4 {
		return strings.Join(names[:3], ", ") + fmt.Sprintf(" and %d others", len(names)-3)
	}
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
