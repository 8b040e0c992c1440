package report

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/sim"
)

// WriteMarkdown writes the debrief of a finished game as Markdown a
// facilitator can put on a screen: the outcome and the score, the DORA keys,
// charts of lead time, market share and money, the decisions and what they
// were worth, where work waited, and questions for the room chosen from
// what happened in this game. r is a game's result from sim.Game.Debrief
// (the per-key DORA bands are not in its JSON, so not a decoded one).
func WriteMarkdown(w io.Writer, r sim.Result) error {
	d := debrief{Result: r, b: &strings.Builder{}}
	d.title()
	d.outcome()
	d.dora()
	d.charts()
	d.timeline()
	d.impacts()
	d.answers()
	d.luck()
	d.bottleneck()
	d.events()
	d.stages()
	d.discussion()
	_, err := io.WriteString(w, d.b.String())
	return err
}

// debrief renders one result.
type debrief struct {
	sim.Result
	b *strings.Builder
}

// company is the company the player led, as the scenario names it (not
// yet escaped as Markdown).
func (d *debrief) company() string { return cmp.Or(d.Company, d.Scenario) }

func (d *debrief) printf(format string, a ...any) { fmt.Fprintf(d.b, format, a...) }

func (d *debrief) hours(h float64) string { return Duration(h, d.HoursPerWeek) }

func (d *debrief) title() {
	d.printf("# %s: the debrief\n\n", md(d.Scenario))
	d.printf("Seed %d, %d weeks played. Every game with this seed saw the same work arrive and the same events happen; only the decisions differed.\n\n", d.Seed, d.Weeks)
}

func (d *debrief) outcome() {
	s := d.Summary
	if !s.IsGame() {
		d.printf("## Outcome\n\nA queueing model: no market, no money and no goal, so no score and nothing won or lost.\n\n")
	} else {
		verdict := "Lost."
		if s.Won {
			verdict = "Won."
		}
		d.printf("## Outcome\n\n**%s** %s\n\n", verdict, mdText(s.Outcome))
		var terms []string
		for _, t := range ScoreTerms(s) {
			terms = append(terms, fmt.Sprintf("%d for %s", t.Points, t.For))
		}
		d.printf("**Score %d** = %s.", s.Score, strings.Join(terms, " + "))
		d.printf(" Games played on the same seed can be compared by their score.\n\n")
	}
	if len(d.Competitors) > 0 {
		d.printf("Market share at the end: %s %s", md(d.company()), d.share())
		for _, c := range d.Competitors {
			d.printf(", %s %s", md(c.Name), fmt.Sprintf("%.1f%%", 100*c.MarketShare))
		}
		d.printf(".\n\n")
	}
	d.printf("Work: %d items arrived, %d reached customers, %d were still in progress at the end", s.Arrived, s.Completed, s.WIPEnd)
	if s.Dropped > 0 {
		d.printf(", %d slices were dropped as not worth building", s.Dropped)
	}
	d.printf(". Half of the work took %s or less from arriving to reaching customers; %.0f%% of that time was work, the rest waiting.\n\n",
		d.hours(s.LeadTime.P50), 100*s.FlowEfficiency)
}

// scoreParts is how the summary's score adds up, as the game recorded it.
// A file from before the parts were recorded (or a forged one whose parts
// are out of range) gets them from the summary's numbers: the share as
// recorded, to four decimals, which can be a point off the game's own
// rounding.
func scoreParts(s sim.Summary) sim.ScoreParts {
	if p := s.ScoreParts; p != (sim.ScoreParts{}) && p.MarketShare >= 0 && p.MarketShare <= 1000 {
		return p
	}
	p := sim.ScoreParts{Money: int(s.Budget / 10000), DORABand: 50 * s.DORA.OverallBand.AboveLow()}
	if isShare(s.MarketShare) {
		p.MarketShare = int(math.Round(1000 * s.MarketShare))
	}
	return p
}

// ScoreTerm is one part of a game's score: its points and what they are
// for, in the player's words.
type ScoreTerm struct {
	Points int
	For    string
}

// ScoreTerms is how the summary's score is made, part by part, as the game
// recorded it: the present rule's parts, or the first rule's (share, all the
// money, the DORA band) for a file from before it. The debrief and the end
// screen both show these.
func ScoreTerms(s sim.Summary) []ScoreTerm {
	p := scoreParts(s)
	share := ScoreTerm{p.MarketShare, fmt.Sprintf("market share (10 points per point of share, %s)", shareWords(s))}
	band := ScoreTerm{p.DORABand, fmt.Sprintf("the DORA band, %s (50 points for each band above low)", s.DORA.OverallBand)}
	if p.Rule == 0 {
		return []ScoreTerm{share, {p.Money, fmt.Sprintf("the money in the bank (1 point per $10,000, %s)", prose.Money(s.Budget))}, band}
	}
	var terms []ScoreTerm
	if p.Outcome > 0 {
		terms = append(terms, ScoreTerm{p.Outcome, "winning (more than any lost game can score)"})
	}
	terms = append(terms, share,
		ScoreTerm{p.Survival, fmt.Sprintf("weeks survived (%d for the whole game)", sim.SurvivalPoints)},
		ScoreTerm{p.Money, fmt.Sprintf("money up to a reserve of %d weeks' costs ($%s of $%s)",
			sim.ReserveWeeks, prose.Dollars(min(max(s.Budget, 0), p.Reserve)), prose.Dollars(p.Reserve))})
	if p.BeyondReserve > 0 {
		terms = append(terms, ScoreTerm{p.BeyondReserve, fmt.Sprintf("money beyond the reserve (halving returns, under %d)", sim.BeyondReservePoints)})
	}
	return append(terms, band)
}

// share is the company's final market share as the game words it.
func (d *debrief) share() string { return shareWords(d.Summary) }

// shareWords is the market share the score counted, as a percentage: from
// the score's points, to one decimal, unless the share recorded is just
// below a whole percentage that one decimal would round it up to; then
// with the decimals the outcome writes it with (see prose.Share).
func shareWords(s sim.Summary) string {
	if isShare(s.MarketShare) {
		if w := prose.Share(s.MarketShare); w != strconv.FormatFloat(100*s.MarketShare, 'f', 1, 64)+"%" {
			return w
		}
	}
	return strconv.FormatFloat(float64(scoreParts(s).MarketShare)/10, 'f', 1, 64) + "%"
}

func (d *debrief) dora() {
	if !d.Summary.HasDORA() {
		return
	}
	k := d.Summary.DORA
	from := max(d.Weeks-sim.DORAWindow+1, 1)
	d.printf("## The DORA keys over the last quarter (weeks %d to %d)\n\n", from, d.Weeks)
	d.printf("Overall band: **%s**. The overall band is the lowest of the keys that have a value: a team is only as fast as its slowest key. ", k.OverallBand)
	d.printf("The bands are those of the Accelerate State of DevOps Report 2019 (DORA, Google Cloud); days, weeks and months are working time.\n\n")

	deploys := fmt.Sprintf("%s a week (%d deployments)", num1(k.DeploysPerWeek), k.Deploys)
	failures := "no deployments, so none failed"
	if cfr, ok := k.ChangeFailureRate.Get(); ok {
		failures = fmt.Sprintf("%s (%d of %d)", pct(cfr), k.Failed, k.Deploys)
	}
	lead := "no value: no change reached production"
	if lt, ok := k.LeadTimeForChanges.Get(); ok {
		lead = fmt.Sprintf("%s (median of %d changes)", d.hours(lt), k.ChangesInWindow)
	}
	restore := "no value: no incident, and none to expect"
	if tr, ok := k.TimeToRestore.Get(); ok && k.IncidentsInWindow > 0 {
		restore = fmt.Sprintf("%s (mean of %s)", d.hours(tr), prose.Count(k.IncidentsInWindow, "incident", "incidents"))
	} else if ok {
		restore = fmt.Sprintf("%s (no incident: the expected time with the tools in place)", d.hours(tr))
	}
	d.printf("| key | this game | band | elite / high / medium | what it tells |\n|---|---|---|---|---|\n")
	d.printf("| Deployment frequency | %s | %s | more than 5 a week / at least 1 a week / at least 1 a month | How often changes reach production. |\n", deploys, bandCell(k.DeployBand))
	d.printf("| Lead time for changes | %s | %s | under a day / under a week / under a month | How long a change takes from commit (leaving development) to running in production. |\n", lead, bandCell(k.LeadTimeBand))
	d.printf("| Change failure rate | %s | %s | 0–15%% / none: 0–15%% is elite here / 16–45%% | How many deployments break production. |\n", failures, bandCell(k.FailureBand))
	d.printf("| Time to restore | %s | %s | under an hour / under a day / under a week | How long customers suffer when a deployment breaks production. |\n\n", restore, bandCell(k.RestoreBand))
}

func (d *debrief) charts() {
	n := len(d.Weekly)
	flow, commit := nan(n), nan(n)
	share, budget := nan(n), nan(n)
	for i, w := range d.Weekly {
		if w.Completed > 0 {
			flow[i] = w.LeadTimeP50
		}
		if lt, ok := w.LeadTimeForChangesP50.Get(); ok { // some change reached production that week
			commit[i] = lt
		}
		share[i] = 100 * w.MarketShare
		budget[i] = float64(w.Budget) / 1e6
	}

	d.printf("## Lead time, week by week\n\n")
	d.printf("The median time of the work that reached customers each week: from arriving (`*`) and from commit (`o`). A week with nothing released has no point.\n\n")
	hours := func(v float64, dec int) string { return strconv.FormatFloat(v, 'f', dec, 64) + "h" }
	d.chart(chart{Rows: 9, Zero: true, Label: hours},
		chartSeries{"arrival to customers", '*', flow},
		chartSeries{"commit to production", 'o', commit})

	if len(d.Competitors) > 0 {
		d.printf("## Market share\n\n")
		d.printf("%s against its competitors, at the end of each week.\n\n", md(d.company()))
		series := []chartSeries{{d.company(), '*', share}}
		for i, c := range d.Competitors {
			v := nan(n)
			for j := range min(n, len(c.Weekly)) {
				v[j] = 100 * c.Weekly[j]
			}
			series = append(series, chartSeries{c.Name, otherMarks[i%len(otherMarks)], v})
		}
		percent := func(v float64, dec int) string { return strconv.FormatFloat(v, 'f', dec, 64) + "%" }
		d.chart(chart{Rows: 9, Label: percent}, series...)
	}

	if !d.Summary.IsGame() {
		return
	}
	d.printf("## Money in the bank\n\n")
	d.printf("At the end of each week, after revenue, salaries, infrastructure and investments.\n\n")
	millions := func(v float64, dec int) string {
		sign := ""
		if v < 0 {
			sign, v = "-", -v
		}
		return sign + "$" + strconv.FormatFloat(v, 'f', dec, 64) + "M"
	}
	d.chart(chart{Rows: 7, Label: millions}, chartSeries{"", '*', budget})
}

// otherMarks draw the competitors; the player's company is always '*'.
var otherMarks = []byte{'o', '+', 'x', '#', '@'}

// chart draws the series in a code block, and names them below it, where
// the names (a competitor's, from the scenario's file) can be escaped as
// Markdown: inside the block they would show their escapes.
func (d *debrief) chart(c chart, series ...chartSeries) {
	var legend []string
	unnamed := slices.Clone(series)
	for i, s := range series {
		if s.Name != "" {
			legend = append(legend, fmt.Sprintf("`%c` %s", s.Mark, md(s.Name)))
		}
		unnamed[i].Name = ""
	}
	d.printf("```text\n%s```\n\n", c.render(unnamed...))
	if len(legend) > 0 {
		d.printf("%s.\n\n", strings.Join(legend, ", "))
	}
}

func (d *debrief) timeline() {
	d.printf("## Timeline of decisions\n\n")
	if len(d.Decisions) == 0 {
		d.printf("No decisions were taken: the company went on as it was.\n\n")
		return
	}
	d.printf("Each decision against where the game stood that week: the lead time (median, arrival to customers) of the latest work released, the work in progress and the market share.\n\n")
	d.printf("| week | decision | lead time | in progress | market share |\n|---:|---|---:|---:|---:|\n")
	for _, dec := range d.Decisions {
		lead, wip, share := "–", "–", "–"
		i := dec.Week - 1
		for j := min(i, len(d.Weekly)-1); j >= 0; j-- {
			if w := d.Weekly[j]; w.Completed > 0 {
				lead = d.hours(w.LeadTimeP50)
				if j != i {
					lead += fmt.Sprintf(" (week %d)", w.Week)
				}
				break
			}
		}
		if i >= 0 && i < len(d.Weekly) {
			wip = strconv.Itoa(d.Weekly[i].WIP)
			share = prose.Share(d.Weekly[i].MarketShare)
		}
		d.printf("| %d | %s | %s | %s | %s |\n", dec.Week, mdText(dec.Text), lead, wip, share)
	}
	d.printf("\n")
}

func (d *debrief) impacts() {
	if len(d.Impacts) == 0 {
		return
	}
	d.printf("## The decisions that mattered most\n\n")
	d.printf("What a decision was worth: the final score, less the score of the same game played again on the same seed without it.\n\n")
	shown := MatteredMost(d.Impacts)
	if len(shown) == 0 {
		d.printf("%s\n", NoneMattered)
	}
	for _, im := range shown {
		d.printf("- **%s**, week %d: %s%s\n", signedPoints(im.Score), im.Decision.Week, mdText(DecisionDone(im.Decision)), d.without(im))
	}
	d.printf("\n")
}

// NoneMattered is what the debrief says when no decision changed the score.
const NoneMattered = "None of your decisions changed the score: the game played again without any one of them scores the same."

// MatteredMost is the decisions a debrief names as those that mattered
// most, most points first: the three worth the most points either way, and
// the one that cost most if it is not among them. A decision worth nothing
// is not one of them. impacts is ranked as sim's Impacts gives it.
func MatteredMost(impacts []sim.Impact) []sim.Impact {
	var out []sim.Impact
	for _, im := range impacts {
		if im.Score != 0 {
			out = append(out, im)
		}
	}
	slices.SortStableFunc(out, func(a, b sim.Impact) int { return abs(b.Score) - abs(a.Score) })
	if len(out) > 3 {
		worst := slices.MinFunc(out, func(a, b sim.Impact) int { return a.Score - b.Score })
		out = out[:3]
		if worst.Score < 0 && !slices.ContainsFunc(out, func(im sim.Impact) bool { return im.Score <= worst.Score }) {
			out = append(out, worst)
		}
	}
	slices.SortStableFunc(out, func(a, b sim.Impact) int { return b.Score - a.Score })
	return out
}

// without is what the game scored without the decision, when that differs.
func (d *debrief) without(im sim.Impact) string { return WithoutIt(im, d.Summary) }

// WithoutIt is what the game played again without a decision scored, and
// whether it was won or lost (the debrief's and the end screen's words),
// after the decision's text: " Without it: 358, and the game is lost in
// week 13 (9.8% of the market)." It is "" when the game scored the same
// without it; s is the game's summary.
func WithoutIt(im sim.Impact, s sim.Summary) string {
	if im.Score == 0 {
		return ""
	}
	score := s.Score - im.Score
	w := im.Without
	switch {
	case w == nil: // a result stored before the replay's outcome was
		return fmt.Sprintf(" Without it: %d.", score)
	case !w.Ended: // this game ended early; the replay was still going then
		return fmt.Sprintf(" Without it: %d, and in week %d, when this game ended, it still goes on at %s of the market.", score, w.Week, prose.Share(w.MarketShare))
	case w.Won:
		still := ""
		if s.Won {
			still = "still "
		}
		return fmt.Sprintf(" Without it: %d, and the game is %swon (%s of the market at the end).", score, still, prose.Share(w.MarketShare))
	}
	still := ""
	if !s.Won {
		still = "still "
	}
	return fmt.Sprintf(" Without it: %d, and the game is %slost in week %d (%s of the market).", score, still, w.Week, prose.Share(w.MarketShare))
}

// DecisionDone is what a logged decision did, without how things stood
// when it was taken: an investment's text goes on, after a semicolon,
// with the state then ("it waits for improvement time on QA: its share
// is 0", "ready in about week 9"), which the end of the game may long
// have changed (issue 12 play-test). Other decisions' texts say what
// they do, and are kept whole.
func DecisionDone(d sim.LoggedDecision) string {
	if i := strings.Index(d.Text, "; "); i > 0 && d.Decision.Kind == sim.Invest {
		return d.Text[:i] + "."
	}
	return d.Text
}

// answers is how each event that asked was answered, and what each answer
// was worth against the default.
func (d *debrief) answers() {
	as := Answers(d.Result)
	if len(as) == 0 {
		return
	}
	d.printf("## Your answers\n\n")
	d.printf("Each event that asked, the answer it got, and what the answer was worth: the final score, less the score of the same game played again with the event's default instead (so a default is worth nothing of its own).\n\n")
	d.printf("| week | event | answer | worth |\n|---:|---|---|---|\n")
	for _, a := range as {
		d.printf("| %d | %s | %s | %s |\n", a.Week, md(a.Title), mdText(AnswerWords(a)), WorthWords(a))
	}
	d.printf("\n")
}

func (d *debrief) bottleneck() {
	b := d.Bottleneck
	if b == nil {
		return
	}
	d.printf("## Where work waited\n\n")
	if b.Stage < 0 && b.Name == "" {
		d.printf("Nothing waited anywhere in the last quarter.\n\n")
		return
	}
	d.printf("In the last quarter, work waited longest at **%s**: %s hours of waiting in all, %.0f%% of all the waiting in the value stream. Why: %s.\n\n",
		md(b.Name), prose.Number(b.Waited), 100*b.Share, mdText(b.Why))
	if len(d.BottleneckTimeline) > 1 {
		d.printf("How the bottleneck moved: where work waited longest, every %d weeks.\n\n", sim.RecentWeeks)
		d.printf("| weeks | bottleneck | share of the waiting |\n|---|---|---|\n")
		for _, p := range d.BottleneckTimeline {
			d.printf("| %d–%d | %s | %.0f%% |\n", p.From, p.To, md(p.Name), 100*p.Share)
		}
		d.printf("\n")
	}
}

// luck places the game among the same decisions played in other worlds.
func (d *debrief) luck() {
	l := d.Luck
	if l == nil || l.Runs == 0 {
		return
	}
	d.printf("## Skill or luck?\n\n")
	d.printf("The same decisions, taken in the same weeks, were played again in %d other worlds (seeds %d to %d): other work, other surprises. ",
		l.Runs, l.FirstSeed, l.FirstSeed+uint64(l.Runs)-1)
	d.printf("They won %.0f%% of those games, scoring %d to %d (the middle 90%%), %d in the middle one.", 100*l.WinRate, l.ScoreP5, l.ScoreP95, l.ScoreP50)
	if l.WinRateHigh > 0 {
		d.printf(" %d worlds are few: over every world, the same decisions would win between %.0f%% and %.0f%% of the time (95%% confidence).", l.Runs, 100*l.WinRateLow, 100*l.WinRateHigh)
	}
	d.printf("\n\n")
	d.printf("This game's score, %d, beat %.0f%% of them: %s\n\n", d.Summary.Score, 100*l.Percentile, LuckVerdict(*l, d.Summary.Score, d.Summary.Won))
}

// LuckVerdict says in words how much luck there is in a game's score
// (score, won or lost): first whether this world decided it (the game won
// where the same decisions lost nearly everywhere else, or the other way,
// or a score far outside the other worlds'), then how widely the same
// decisions' scores spread over the other worlds (and whether they won in
// some and lost in others), then where this world falls among them. A
// narrow spread with this score inside it means the decisions set the
// score, good or bad (doing nothing scores about the same everywhere).
func LuckVerdict(l sim.Luck, score int, won bool) string {
	spread := l.ScoreP95 - l.ScoreP5
	switch {
	case won && l.WinRate <= 0.1:
		return "the same decisions lost nearly every other world and won here, so this world, not the decisions, won this game."
	case !won && l.WinRate >= 0.9:
		return "the same decisions won nearly every other world and lost here, so this world, not the decisions, lost this game."
	}
	// Far outside: further from the other worlds' range than the range is wide.
	gap := max(spread, 50)
	switch {
	case score > l.ScoreP95+gap:
		return fmt.Sprintf("this score lies %d points above theirs, so this world, more than the decisions, set it.", score-l.ScoreP95)
	case score < l.ScoreP5-gap:
		return fmt.Sprintf("this score lies %d points below theirs, so this world, more than the decisions, set it.", l.ScoreP5-score)
	}
	world := ""
	switch {
	case l.Percentile < 0.25:
		world = "harder"
	case l.Percentile > 0.75:
		world = "kinder"
	}
	var luck string
	switch {
	case l.WinRate > 0.1 && l.WinRate < 0.9:
		luck = "the same decisions won some of those games and lost others: luck decides a lot here"
	case spread >= 50 && 4*spread > abs(l.ScoreP50):
		luck = fmt.Sprintf("their scores spread %d points: luck moves the score a lot", spread)
	default:
		if world != "" {
			return fmt.Sprintf("their scores lie within %d points, so the decisions, not luck, set this score (this world was a little %s than most).", spread, world)
		}
		return fmt.Sprintf("their scores lie within %d points, so the decisions, not luck, set this score.", spread)
	}
	switch world {
	case "harder":
		return luck + "; this world was harder than most, so the decisions deserve more credit than the score gives them."
	case "kinder":
		return luck + "; this world was kinder than most, so some of the score is luck."
	}
	return luck + "; this world was about usual."
}

func abs(n int) int { return max(n, -n) }

func (d *debrief) events() {
	var incidents []sim.News
	for _, n := range d.News {
		if n.Kind == sim.IncidentNews {
			incidents = append(incidents, n)
		}
	}
	if len(d.Events) == 0 && len(incidents) == 0 {
		return
	}
	d.printf("## What happened\n\n")
	type line struct {
		week int
		text string
	}
	var lines []line
	for _, e := range d.Events {
		lines = append(lines, line{e.Week, e.Text})
	}
	for _, n := range incidents {
		lines = append(lines, line{n.Week, n.Text})
	}
	slices.SortStableFunc(lines, func(a, b line) int { return cmp.Compare(a.week, b.week) })
	for _, l := range lines {
		d.printf("- Week %d: %s\n", l.week, mdText(l.text))
	}
	switch n := d.Summary.Incidents; n {
	case 0:
		d.printf("\nProduction never broke in this game.\n\n")
	case 1:
		d.printf("\nProduction broke once in this game.\n\n")
	default:
		d.printf("\nProduction broke %d times in this game.\n\n", n)
	}
}

func (d *debrief) stages() {
	d.printf("## Stage by stage\n\n")
	d.printf("Over the whole game, per visit of a work item (rework included). Busy is the share of the team's time at work, outside requests included; automated stages have no team.\n\n")
	d.printf("| stage | visits | mean wait | mean work | held for the release | busy | mean queue |\n|---|---:|---:|---:|---:|---:|---:|\n")
	for _, st := range d.Stages {
		held, busy := "–", "–"
		if st.HeldHoursMean > 0 {
			held = d.hours(st.HeldHoursMean)
		}
		if st.Utilization > 0 {
			busy = fmt.Sprintf("%.0f%%", 100*st.Utilization)
		}
		d.printf("| %s | %d | %s | %s | %s | %s | %s |\n", md(cmp.Or(st.Name, st.ID)), st.Entered,
			d.hours(st.WaitHoursMean), d.hours(st.ServiceHoursMean), held, busy, num1(st.QueueMean))
	}
	d.printf("\n")
}

// Questions for the room.

func (d *debrief) discussion() {
	d.printf("## What to discuss\n\n")
	for i, q := range d.questions() {
		d.printf("%d. %s\n", i+1, q)
	}
}

// questions picks four to six questions from what happened in this game,
// most telling first.
func (d *debrief) questions() []string {
	var qs []string
	topics := map[string]bool{}
	ask := func(topic, format string, a ...any) {
		if !topics[topic] {
			topics[topic] = true
			qs = append(qs, fmt.Sprintf(format, a...))
		}
	}
	s := d.Summary
	k := s.DORA

	if !s.Won && s.Outcome != "" {
		ask("outcome", "The game was lost: %s Look at the market share chart: when could the board have seen it coming, and which number would have warned them first?", mdText(s.Outcome))
	}
	if len(d.Decisions) == 0 {
		ask("nothing", "Nothing was changed in this game, and the company drifted. If you could make one change in week 1, where would it be, and why there rather than anywhere else?")
	}
	if j, ok := d.jCurve(); ok {
		ask("jcurve", "Lead time got worse before it got better: %s in week %d, %s in week %d while the first investments were being built, then %s in the last quarter. Who built them, and what was not done meanwhile? How would you explain the dip to a board that only sees those first weeks?",
			d.hours(j.before), j.beforeWeek, d.hours(j.peak), j.peakWeek, d.hours(j.after))
	}
	d.bottleneckQuestion(ask)

	if k.Deploys > 0 && (k.FailureBand == sim.Low || s.Incidents >= 3) {
		changes := ""
		if k.ChangesInWindow > 0 {
			changes = fmt.Sprintf(", about %d changes each", k.ChangesInWindow/k.Deploys)
		}
		ask("failures", "In the last quarter %.0f%% of the deployments broke production (%d of %d%s). A release fails if any one of its changes does. How many changes go into one of your releases, and how alike are your test environments and production?",
			100*k.ChangeFailureRate.Value, k.Failed, k.Deploys, changes)
	} else if k.Deploys >= 2*sim.DORAWindow && k.FailureBand >= sim.Medium {
		ask("failures", "There were %d deployments in the last quarter and %d broke production. Why are many small deployments safer than a few big ones, when each one is a chance to break something?", k.Deploys, k.Failed)
	}

	if qa, ok := d.stage("qa"); ok && !d.invested("tests") {
		ask("qa", "Testing stayed manual: work waited %s on average for QA, and the regression to run grows with every change shipped. How much of your regression suite runs without a person, and how long does a full run take?", d.hours(qa.WaitHoursMean))
	}
	if env, ok := d.stage("env"); ok && !d.invested("iac") && !d.invested("selfservice") {
		ask("env", "Every environment was a ticket to the ops team, who were %.0f%% busy. How long does it take one of your teams to get an environment like production, and who do they have to ask?", 100*env.Utilization)
	}
	if net, ok := d.stage("network"); ok && !d.invested("netauto") {
		ask("network", "Firewall and load-balancer changes waited %s on average for a networking team the whole company shares. Which of your changes wait on a team outside the product, and what would it take to make them self-service?", d.hours(net.WaitHoursMean))
	}

	if s.WorkSavedHours > 0 {
		ask("mvp", "Slicing let the team drop %d slices of features that turned out not to be worth finishing, %s of development saved. How do your teams learn what a feature is worth before it is fully built?", s.Dropped, d.hours(s.WorkSavedHours))
	} else if d.SlicingOffered && d.hasDecisions() { // no question about what the game did not offer
		ask("mvp", "Every feature was built whole before a customer saw it. What is the smallest part of your next feature that a customer could use, and what would you learn from it?")
	}
	if n := d.hired(); n > 0 {
		ask("hire", "You hired %s. Did the queues stay shorter? Why does adding people to a stream full of waiting help less than removing the waiting?", prose.Count(n, "person", "people"))
	}
	if s.Won && len(d.Impacts) > 0 {
		top := d.Impacts[0]
		ask("won", "The decision worth most was taken in week %d (%s). Which decision would you take earlier next time, and which would you skip?", top.Decision.Week, signedPoints(top.Score))
	}

	// Enough questions always: the slowest key, then the flow.
	if key, band := d.slowestKey(); len(qs) < 4 && s.HasDORA() {
		ask("slowest", "The slowest DORA key was %s (%s band), and it sets the overall band. What holds that key back in your own teams?", key, band)
	}
	if len(qs) < 4 {
		ask("flow", "Only %.0f%% of the time work spent in the value stream was work; the rest was waiting. Where does work wait longest in your own value stream?", 100*s.FlowEfficiency)
	}
	if len(qs) < 4 && s.HasDORA() {
		ask("cadence", "Changes reached production %s times a week in the last quarter. What stops your teams from shipping each change the day it is ready?", num1(k.DeploysPerWeek))
	}
	return qs[:min(len(qs), 6)]
}

// bottleneckQuestion asks about the stage where work waited longest, in
// the terms of the pain point behind it.
func (d *debrief) bottleneckQuestion(ask func(topic, format string, a ...any)) {
	b := d.Bottleneck
	if b == nil || b.Name == "" {
		return
	}
	st, _ := d.stage(b.ID)
	share := fmt.Sprintf("%.0f%%", 100*b.Share)
	switch {
	case st.HeldHoursMean > 0:
		ask("release", "Finished work waited %s on average for the %s, %s of all the waiting in the last quarter. Why do big releases feel safer than they are, and what would have to be true for a change to ship the day it is done?", d.hours(st.HeldHoursMean), md(b.Name), share)
	case b.ID == "build":
		ask("build", "Builds were the bottleneck (%s of the waiting): %s. What happens in your teams between \"it works on my machine\" and a build anyone can deploy?", share, mdText(b.Why))
	case b.ID == "env" || b.ID == "network":
		ask(b.ID, "Work waited longest for %s (%s of the waiting): %s. What do your teams wait for from other teams, and how many of those requests could a tool answer?", md(b.Name), share, mdText(b.Why))
	case b.ID == "qa":
		ask("qa", "Work waited longest for %s (%s of the waiting): %s. The regression grows with every change; how much of yours runs without a person?", md(b.Name), share, mdText(b.Why))
	case b.ID == "dev":
		levers := "smaller slices, fewer things at once, or fewer bugs coming back"
		if f := d.Summary.Features; f.FirstValue == 0 && f.Delivered == 0 { // the scenario cuts no work into slices
			levers = "fewer things at once, or fewer bugs coming back"
		}
		ask("dev", "At the end, work waited longest for development itself (%s of the waiting): %s. When the team doing the work is the constraint, the rest of the stream keeps up. What would you improve next: %s?", share, mdText(b.Why), levers)
	default:
		ask(b.ID, "Work waited longest at %s (%s of the waiting): %s. What would you change there first?", md(b.Name), share, mdText(b.Why))
	}
}

// jCurve is lead time rising after the first investment and then falling
// below where it started.
type jCurve struct {
	before, peak, after  float64
	beforeWeek, peakWeek int
}

func (d *debrief) jCurve() (jCurve, bool) {
	first := 0
	for _, dec := range d.Decisions {
		if dec.Decision.Kind == sim.Invest {
			first = dec.Week
			break
		}
	}
	if first == 0 {
		return jCurve{}, false
	}
	var j jCurve
	for _, w := range d.Weekly {
		if w.Completed == 0 {
			continue
		}
		switch {
		case j.beforeWeek == 0:
			j.before, j.beforeWeek = w.LeadTimeP50, w.Week
		case w.Week <= first+sim.DORAWindow && w.LeadTimeP50 > j.peak:
			j.peak, j.peakWeek = w.LeadTimeP50, w.Week
		}
	}
	var last []float64
	for _, w := range d.Weekly[max(len(d.Weekly)-sim.DORAWindow, 0):] {
		if w.Completed > 0 {
			last = append(last, w.LeadTimeP50)
		}
	}
	if len(last) == 0 || j.beforeWeek == 0 {
		return jCurve{}, false
	}
	slices.Sort(last)
	j.after = last[(len(last)-1)/2]
	return j, j.peak > 1.1*j.before && j.after < j.before/2
}

func (d *debrief) stage(id string) (sim.StageResult, bool) {
	for _, st := range d.Stages {
		if st.ID == id {
			return st, true
		}
	}
	return sim.StageResult{}, false
}

// invested reports whether an investment whose id starts with prefix was
// started.
func (d *debrief) invested(prefix string) bool {
	for _, dec := range d.Decisions {
		if dec.Decision.Kind == sim.Invest && strings.HasPrefix(dec.Decision.Investment, prefix) {
			return true
		}
	}
	return false
}

func (d *debrief) hasDecisions() bool { return len(d.Decisions) > 0 }

func (d *debrief) hired() int {
	n := 0
	for _, dec := range d.Decisions {
		if dec.Decision.Kind == sim.Hire && dec.Decision.N > 0 {
			n += dec.Decision.N
		}
	}
	return n
}

func (d *debrief) slowestKey() (string, sim.Band) {
	k := d.Summary.DORA
	keys := []struct {
		name string
		band sim.Band
	}{
		{"deployment frequency", k.DeployBand},
		{"lead time for changes", k.LeadTimeBand},
		{"change failure rate", k.FailureBand},
		{"time to restore", k.RestoreBand},
	}
	slowest := keys[0] // deployment frequency always has a band
	for _, key := range keys[1:] {
		if key.band != sim.NoBand && key.band < slowest.band {
			slowest = key
		}
	}
	return slowest.name, slowest.band
}

// Small formatting.

// bandCell is a key's band, or a dash for a key without a value.
func bandCell(b sim.Band) string {
	if b == sim.NoBand {
		return NoValue
	}
	return b.String()
}

func pct(x float64) string { return strconv.FormatFloat(100*x, 'f', 1, 64) + "%" }

func num1(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

func signed(n int) string {
	switch {
	case n > 0:
		return "+" + strconv.Itoa(n)
	case n < 0:
		return "−" + strconv.Itoa(-n) // a minus sign, not a hyphen
	}
	return "0"
}

// signedPoints is a score's change in words: "+3 points", "−1 point".
func signedPoints(n int) string {
	if n == 1 || n == -1 {
		return signed(n) + " point"
	}
	return signed(n) + " points"
}

func nan(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = math.NaN()
	}
	return v
}

// A text chart: one column per week (or per few weeks when the game is
// long), a point per series in each column, y-axis labels at round values,
// a week axis and a legend. Plain characters, so it reads the same in a
// terminal, a Markdown viewer and a printout.

// chartSeries is one line of a chart: a value per week, NaN for none.
type chartSeries struct {
	Name   string
	Mark   byte
	Values []float64
}

// chart is how a chart is drawn.
type chart struct {
	Rows  int                                  // the most rows of the plot; fewer when the scale needs fewer
	Zero  bool                                 // the scale includes zero
	Label func(v float64, decimals int) string // a y-axis label
}

// chartColumns is the most columns of points: with the labels it fits in
// 80 columns.
const chartColumns = 64

// render draws the series; the first one drawn wins where two meet.
func (c chart) render(series ...chartSeries) string {
	n := 0
	for _, s := range series {
		n = max(n, len(s.Values))
	}
	per := max((n+chartColumns-1)/chartColumns, 1) // weeks per column
	cols := (n + per - 1) / per
	points := make([][]float64, len(series))
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, s := range series {
		points[i] = columns(s.Values, per, cols)
		for _, v := range points[i] {
			if !math.IsNaN(v) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
	}
	if lo > hi {
		return "(no data)\n"
	}
	if c.Zero {
		lo, hi = min(lo, 0), max(hi, 0)
	}
	rows := max(c.Rows, 2)
	base, step, nrows := scale(lo, hi, rows)
	decimals := decimalsOf(step)

	grid := make([][]byte, nrows)
	for r := range grid {
		grid[r] = []byte(strings.Repeat(" ", cols))
	}
	for i := len(series) - 1; i >= 0; i-- {
		for col, v := range points[i] {
			if !math.IsNaN(v) {
				r := int(math.Round((v - base) / step))
				grid[r][col] = series[i].Mark
			}
		}
	}

	labels := make([]string, nrows)
	width := 0
	for r := range labels {
		v := base + float64(r)*step
		if math.Abs(v) < step/1e6 {
			v = 0
		}
		labels[r] = c.Label(v, decimals)
		width = max(width, len(labels[r]))
	}
	var b strings.Builder
	every := 1
	if nrows > 6 {
		every = 2
	}
	for r := nrows - 1; r >= 0; r-- {
		label, axis := "", "│"
		if r%every == 0 || r == nrows-1 {
			label, axis = labels[r], "┤"
		}
		line := fmt.Sprintf("%*s %s%s", width, label, axis, grid[r])
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	ticks, weeks := weekAxis(cols, per)
	b.WriteString(strings.Repeat(" ", width+1) + "└" + ticks + "\n")
	b.WriteString(strings.TrimRight(strings.Repeat(" ", width+2)+weeks, " ") + "\n")

	var legend []string
	for _, s := range series {
		if s.Name != "" {
			legend = append(legend, string(s.Mark)+" "+s.Name)
		}
	}
	unit := "week"
	if per > 1 {
		unit = fmt.Sprintf("%d weeks (their mean)", per)
	}
	b.WriteString(strings.Repeat(" ", width+2) + "week; one column per " + unit + "\n")
	if len(legend) > 0 {
		b.WriteString(strings.Repeat(" ", width+2) + strings.Join(legend, "   ") + "\n")
	}
	return b.String()
}

// columns averages values over groups of per weeks, ignoring NaNs.
func columns(values []float64, per, cols int) []float64 {
	out := nan(cols)
	for col := range out {
		sum, k := 0.0, 0
		for i := col * per; i < min((col+1)*per, len(values)); i++ {
			if !math.IsNaN(values[i]) {
				sum += values[i]
				k++
			}
		}
		if k > 0 {
			out[col] = sum / float64(k)
		}
	}
	return out
}

// scale picks round y-axis values from lo to hi in at most rows rows: the
// value of the bottom row, the step between rows and the rows used. A flat
// line is one row at its value.
func scale(lo, hi float64, rows int) (base, step float64, n int) {
	if lo == hi {
		step = 1
		for d := 0; d < 4 && math.Abs(lo/step-math.Round(lo/step)) > 1e-9; d++ {
			step /= 10 // enough decimals to show the value
		}
		return lo, step, 1
	}
	step = prose.NiceCeil((hi-lo)/float64(rows-1), prose.RowSteps)
	for {
		// Points go to the nearest row, so the rows need only reach the
		// rows nearest the lowest and highest points.
		base = math.Round(lo/step) * step
		top := math.Round(hi/step) * step
		n = int(math.Round((top-base)/step)) + 1
		if n <= rows {
			return base, step, n
		}
		step = prose.NiceCeil(step*1.01, prose.RowSteps) // rounding pushed it over: the next round step
	}
}

// decimalsOf is how many decimals show every multiple of step.
func decimalsOf(step float64) int {
	for d := 0; d < 6; d++ {
		scaled := step * math.Pow(10, float64(d))
		if math.Abs(scaled-math.Round(scaled)) < 1e-6*scaled {
			return d
		}
	}
	return 6
}

// weekAxis draws the x axis with a tick at week 1 and every ten weeks (or
// every 20, 50, 100... in long games, so labels do not crowd), and the week
// numbers under the ticks.
func weekAxis(cols, per int) (ticks, labels string) {
	every := 10
	for _, e := range []int{10, 20, 50, 100, 200, 500, 1000} {
		if every = e; e >= 8*per {
			break
		}
	}
	t := []rune(strings.Repeat("─", cols))
	l := []byte(strings.Repeat(" ", cols+8))
	free := 0 // the first column a label may start at
	for col := range cols {
		first, last := col*per+1, (col+1)*per
		week := 0
		switch {
		case col == 0:
			week = 1
		case last/every > (first-1)/every:
			week = last / every * every
		}
		if week == 0 || col < free {
			continue
		}
		t[col] = '┬'
		s := strconv.Itoa(week)
		copy(l[col:], s)
		free = col + len(s) + 1
	}
	return string(t), string(l)
}
