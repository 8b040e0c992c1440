package report

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/globomantics/globosim/internal/sim"
)

// SameSchedule returns nil when every player's game had the same events
// scheduled by a room's facilitator (see sim.Game.Schedule), for the weeks
// both games reached: a game that ended before a scheduled week never met
// it. Otherwise an error, in one line, naming who differs; like
// SameWorld's, the names in it are cut short but not escaped.
func SameSchedule(players []Player) error {
	if len(players) < 2 {
		return nil
	}
	ref := slices.MaxFunc(players, func(a, b Player) int { return cmp.Compare(a.Result.Weeks, b.Result.Weeks) })
	var problems []string
	for _, p := range players {
		weeks := min(p.Result.Weeks, ref.Result.Weeks)
		mine, theirs := scheduledUpTo(p.Result, weeks), scheduledUpTo(ref.Result, weeks)
		if slices.Equal(mine, theirs) {
			continue
		}
		if len(problems) == maxOthers {
			problems = append(problems, "and others")
			break
		}
		problems = append(problems, fmt.Sprintf("%s had %s, %s had %s",
			clip(ref.Name, maxName), scheduleWords(theirs), clip(p.Name, maxName), scheduleWords(mine)))
	}
	if len(problems) == 0 {
		return nil
	}
	return errors.New("not the same facilitator's events: " + strings.Join(problems, "; "))
}

// scheduledUpTo is the result's scheduled events in weeks up to weeks, in
// order of week then id.
func scheduledUpTo(r sim.Result, weeks int) []sim.ScheduledEvent {
	var out []sim.ScheduledEvent
	for _, s := range r.Scheduled {
		if s.Week <= weeks {
			out = append(out, sim.ScheduledEvent{Week: s.Week, Event: s.Event})
		}
	}
	slices.SortFunc(out, func(a, b sim.ScheduledEvent) int {
		return cmp.Or(cmp.Compare(a.Week, b.Week), strings.Compare(a.Event, b.Event))
	})
	return out
}

func scheduleWords(s []sim.ScheduledEvent) string {
	if len(s) == 0 {
		return "none"
	}
	const most = 4
	var words []string
	for i, e := range s {
		if i == most {
			words = append(words, fmt.Sprintf("%d more", len(s)-most))
			break
		}
		words = append(words, fmt.Sprintf("%s in week %d", clip(e.Event, maxName), e.Week))
	}
	return strings.Join(words, ", ")
}
