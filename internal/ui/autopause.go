package ui

import "github.com/globomantics/globosim/internal/sim"

// Auto-play stops for news that may need a decision: an outage opening,
// an event, an investment finished (a lesson opening stops it too, in
// lessons). The player can keep it going through the news instead (the
// PauseOnNews key), for the rest of the game.

// newsMark is where the news and the outages stood before the game moved.
type newsMark struct {
	news, open int
}

func (m *dashboardModel) markNews() newsMark {
	return newsMark{news: len(m.g.News()), open: m.g.OpenIncidents()}
}

// stopForNews pauses auto-play when the game brought news that needs the
// player since mark, and says so in the message line.
func (m *dashboardModel) stopForNews(mark newsMark) {
	if !m.playing || m.keepGoing {
		return
	}
	if text := newsToStopFor(m.g.News(), mark, m.g.OpenIncidents()); text != "" {
		m.playing = false
		m.message = "Paused, p plays on: " + text
		m.pausedFor, m.newsPause = m.message, text
	}
}

// newsToStopFor is the news since mark that stops auto-play, "" when none
// does. An outage's news says both that it opened and that it ended:
// only an opening stops, and of the outage lines since mark, (lines +
// outages opened net) / 2 are openings.
func newsToStopFor(news []sim.News, mark newsMark, open int) string {
	if mark.news > len(news) {
		return ""
	}
	fresh := news[mark.news:]
	outageLines := 0
	for _, n := range fresh {
		if n.Kind == sim.IncidentNews {
			outageLines++
		}
	}
	openings := (outageLines + open - mark.open) / 2
	stop := ""
	seen := 0
	for _, n := range fresh {
		switch n.Kind {
		case sim.EventNews, sim.InvestmentNews:
			if stop == "" {
				stop = n.Text
			}
		case sim.IncidentNews:
			seen++
			// With none open before, the first outage line is an
			// opening; else the latest opening is the last of them.
			if openings > 0 && (mark.open == 0 && seen == 1 || mark.open > 0 && seen == outageLines) {
				return n.Text // an outage comes first: it costs by the hour
			}
		}
	}
	return stop
}

// toggleNewsPause switches between pausing on news and keeping going.
func (m *dashboardModel) toggleNewsPause() {
	m.keepGoing = !m.keepGoing
	m.setNewsPauseHelp()
	if m.keepGoing {
		m.message = "Auto-play keeps going through the news now (n pauses on news again)."
	} else {
		m.message = "Auto-play pauses on news that may need you (n keeps going instead)."
	}
}

func (m *dashboardModel) setNewsPauseHelp() {
	if m.keepGoing {
		m.keys.PauseOnNews.SetHelp("n", "pause on news: off")
	} else {
		m.keys.PauseOnNews.SetHelp("n", "pause on news: on")
	}
}
