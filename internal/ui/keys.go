package ui

import "github.com/charmbracelet/bubbles/key"

// One key map per screen. Each satisfies help.KeyMap, so the help line and
// the full help (?) list exactly the keys that work where the player is;
// keys that do not apply right now are disabled and drop out of the help.

func k(keys []string, help, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// globalKeys work on every screen.
type globalKeys struct {
	Help key.Binding
	Quit key.Binding
	Kill key.Binding
	Back key.Binding // closes the full help; not in any help line
}

func defaultGlobalKeys() globalKeys {
	return globalKeys{
		Help: k([]string{"?"}, "?", "help"),
		Quit: k([]string{"q"}, "q", "quit"),
		Kill: k([]string{"ctrl+c"}, "ctrl+c", "quit"),
		Back: k([]string{"esc"}, "esc", "back"),
	}
}

type titleKeys struct {
	Up, Down, Next, Start, Resume key.Binding
	global                        *globalKeys
}

func defaultTitleKeys(g *globalKeys) titleKeys {
	return titleKeys{
		Up:     k([]string{"up", "k"}, "↑/k", "up"),
		Down:   k([]string{"down", "j"}, "↓/j", "down"),
		Next:   k([]string{"tab"}, "tab", "seed"),
		Start:  k([]string{"enter"}, "enter", "start"),
		Resume: k([]string{"r"}, "r", "resume"),
		global: g,
	}
}

func (m titleKeys) ShortHelp() []key.Binding {
	return []key.Binding{m.Start, m.Up, m.Down, m.Next, m.Resume, m.global.Help, m.global.Quit}
}

func (m titleKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.Up, m.Down, m.Next}, {m.Start, m.Resume}, {m.global.Help, m.global.Quit}}
}

// replaceKeys answer the question a new game asks when a game is saved.
// r continues it, as on the title; throwing it away takes a key of its
// own (n) and then a yes (y): no key that led to the question, and no
// key pressed twice, replaces a saved game (issue 12 play-test: r, r).
type replaceKeys struct {
	Continue, Replace, Confirm, Back key.Binding
	global                           *globalKeys
}

func defaultReplaceKeys(g *globalKeys) replaceKeys {
	return replaceKeys{
		Continue: k([]string{"r"}, "r", "resume the saved game"),
		Replace:  k([]string{"n"}, "n", "new game instead (asks again)"),
		Confirm:  k([]string{"y"}, "y", "yes, replace the saved game"),
		Back:     k([]string{"esc"}, "esc", "back"),
		global:   g,
	}
}

// now is the keys that work: r only with a game to resume, y only while
// the replacement waits for its yes.
func (m replaceKeys) now(on, resumable bool) replaceKeys {
	m.Continue.SetEnabled(!on && resumable)
	m.Replace.SetEnabled(!on)
	m.Confirm.SetEnabled(on)
	return m
}

func (m replaceKeys) ShortHelp() []key.Binding {
	return []key.Binding{m.Continue, m.Replace, m.Confirm, m.Back, m.global.Quit}
}

func (m replaceKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.Continue, m.Replace, m.Confirm, m.Back}, {m.global.Help, m.global.Quit}}
}

type briefingKeys struct {
	Start, Back, Up, Down key.Binding
	global                *globalKeys
}

func defaultBriefingKeys(g *globalKeys) briefingKeys {
	return briefingKeys{
		Start:  k([]string{"enter"}, "enter", "start the game"),
		Back:   k([]string{"esc"}, "esc", "back"),
		Up:     k([]string{"up", "k"}, "↑↓", "scroll"),
		Down:   k([]string{"down", "j"}, "↓", "scroll"),
		global: g,
	}
}

func (m briefingKeys) ShortHelp() []key.Binding {
	return []key.Binding{m.Start, m.Up, m.Back, m.global.Help, m.global.Quit}
}

func (m briefingKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.Start, m.Back}, {m.Up, m.Down}, {m.global.Help, m.global.Quit}}
}

type dashKeys struct {
	Week, Play, Faster, Slower, Shop, Stage, Up, Down, Chart, Advice, Explain key.Binding
	BigChart                                                                  key.Binding // the chart shown, over the whole screen
	PauseOnNews                                                               key.Binding // whether auto-play stops for news
	Continue                                                                  key.Binding // puts a lesson away
	CloseAdvice                                                               key.Binding // any key does, but for the global ones
	Older, Newer                                                              key.Binding // scroll the news, when there is more than fits
	global                                                                    *globalKeys
}

func defaultDashKeys(g *globalKeys) dashKeys {
	return dashKeys{
		Week:        k([]string{" "}, "space", "next week"),
		Play:        k([]string{"p"}, "p", "play"),
		Faster:      k([]string{"+", "="}, "+", "faster"),
		Slower:      k([]string{"-", "_"}, "-", "slower"),
		PauseOnNews: k([]string{"n"}, "n", "pause on news: on"),
		Shop:        k([]string{"i"}, "i", "shop"),
		Stage:       k([]string{"enter"}, "enter", "detail"),
		Up:          k([]string{"up", "k"}, "↑↓", "stage"),
		Down:        k([]string{"down", "j"}, "↓", "choose stage"),
		Chart:       k([]string{"tab"}, "tab", "chart"),
		BigChart:    k([]string{"c"}, "c", "large chart"),
		Advice:      k([]string{"a"}, "a", "advice"),
		Explain:     k([]string{"x"}, "x", "explain"),
		Continue:    k([]string{"enter", "esc"}, "enter", "continue"),
		CloseAdvice: k([]string{"esc", "enter", " "}, "any key", "close"),
		Older:       k([]string{"pgup", "["}, "pgup/pgdn", "older/newer news"),
		Newer:       k([]string{"pgdown", "]"}, "pgdn", "newer news"),
		global:      g,
	}
}

func (m dashKeys) ShortHelp() []key.Binding {
	if m.Play.Help().Desc == m.Week.Help().Desc { // p does what space does (at a round's end, with a question): one of them is enough
		return []key.Binding{m.Week, m.Shop, m.Up, m.Stage, m.Explain, m.global.Help, m.global.Quit, m.BigChart}
	}
	return []key.Binding{m.Week, m.Play, m.Shop, m.Up, m.Stage, m.Explain, m.global.Help, m.global.Quit, m.BigChart}
}

func (m dashKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{m.Week, m.Play, m.Faster, m.Slower, m.PauseOnNews},
		{m.Shop, m.Up, m.Stage, m.Chart, m.BigChart, m.Advice, m.Explain},
		{m.Older, m.global.Help, m.global.Quit},
	}
}

type shopKeys struct {
	Up, Down, Tab, Left, Right, Buy, Close, Yes, No, Explain key.Binding
	global                                                   *globalKeys
}

func defaultShopKeys(g *globalKeys) shopKeys {
	return shopKeys{
		Up:      k([]string{"up", "k"}, "↑↓", "choose"),
		Down:    k([]string{"down", "j"}, "↓", "choose"),
		Tab:     k([]string{"tab"}, "tab", "other tab"),
		Left:    k([]string{"left", "h", "-"}, "←→", "change"),
		Right:   k([]string{"right", "l", "+"}, "→", "change"),
		Buy:     k([]string{"enter"}, "enter", "buy/apply"),
		Close:   k([]string{"esc", "i"}, "esc", "close"),
		Yes:     k([]string{"y"}, "y", "yes"),
		No:      k([]string{"n", "esc"}, "n", "no"),
		Explain: k([]string{"x"}, "x", "explain"),
		global:  g,
	}
}

func (m shopKeys) ShortHelp() []key.Binding {
	return []key.Binding{m.Up, m.Left, m.Buy, m.Tab, m.Explain, m.Close}
}

func (m shopKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.Up, m.Down, m.Tab}, {m.Left, m.Right, m.Buy}, {m.Yes, m.No, m.Explain, m.Close}}
}

// stageKeys: the detail scrolls (and its keys are in the help) only when
// it is taller than the screen.
type stageKeys struct {
	Prev, Next, Close, Explain, MoreUp, MoreDown key.Binding
	global                                       *globalKeys
}

func defaultStageKeys(g *globalKeys) stageKeys {
	return stageKeys{
		Prev:     k([]string{"left", "up", "k", "h"}, "←/→", "other stage"),
		Next:     k([]string{"right", "down", "j", "l"}, "→", "next stage"),
		Close:    k([]string{"esc", "enter"}, "esc", "close"),
		Explain:  k([]string{"x"}, "x", "explain"),
		MoreUp:   k([]string{"pgup", "b"}, "pgup", "scroll up"),
		MoreDown: k([]string{"pgdown", " ", "f"}, "pgdn", "more"),
		global:   g,
	}
}

func (m stageKeys) ShortHelp() []key.Binding {
	return []key.Binding{m.Prev, m.MoreDown, m.Explain, m.Close, m.global.Help}
}

func (m stageKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.Prev, m.Next, m.MoreUp, m.MoreDown, m.Close}}
}

type confirmKeys struct {
	Yes, No key.Binding
}

func defaultConfirmKeys() confirmKeys {
	return confirmKeys{
		Yes: k([]string{"y"}, "y", "yes, quit"),
		No:  k([]string{"n", "esc", "q"}, "n", "no, keep playing"),
	}
}

func (m confirmKeys) ShortHelp() []key.Binding  { return []key.Binding{m.Yes, m.No} }
func (m confirmKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{m.Yes, m.No}} }

// endKeys: the scrolling keys are enabled only while the end screen is
// taller than the terminal.
type endKeys struct {
	Export, Again                           key.Binding
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	global                                  *globalKeys
}

func defaultEndKeys(g *globalKeys) endKeys {
	return endKeys{
		Export:   k([]string{"e"}, "e", "export report"),
		Again:    k([]string{"n"}, "n", "new game"),
		Up:       k([]string{"up", "k"}, "↑↓", "scroll"),
		Down:     k([]string{"down", "j"}, "↓", "scroll down"),
		PageUp:   k([]string{"pgup", "b"}, "pgup", "page up"),
		PageDown: k([]string{"pgdown", " ", "f"}, "pgdn", "page down"),
		Top:      k([]string{"home", "g"}, "home", "top"),
		Bottom:   k([]string{"end", "G"}, "end", "bottom"),
		global:   g,
	}
}

func (m endKeys) ShortHelp() []key.Binding {
	return []key.Binding{m.Export, m.Again, m.Up, m.global.Help, m.global.Quit}
}

func (m endKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.Export, m.Again}, {m.Up, m.Down, m.PageUp, m.PageDown, m.Top, m.Bottom}, {m.global.Help, m.global.Quit}}
}

// adviceKeys: while the advice is on screen, any key but ? (and ctrl+c)
// only puts it away; q too, as the box says (issue 12 play-test: q asked
// "Quit the game?" under "Any key closes the advice").
// When the advice is taller than its room, ↑↓ pgup pgdown scroll it
// instead (and the help says so).
type adviceKeys struct {
	Close                      key.Binding
	Up, Down, PageUp, PageDown key.Binding
	global                     *globalKeys
}

func defaultAdviceKeys(g *globalKeys, close key.Binding) adviceKeys {
	return adviceKeys{Close: close, global: g,
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑↓", "more")),
		Down:     key.NewBinding(key.WithKeys("down", "j")),
		PageUp:   key.NewBinding(key.WithKeys("pgup")),
		PageDown: key.NewBinding(key.WithKeys("pgdown")),
	}
}

func (m adviceKeys) ShortHelp() []key.Binding {
	return []key.Binding{m.Up, m.Close, m.global.Help}
}

func (m adviceKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.Up, m.Close}, {m.global.Help, m.global.Kill}}
}

// lessonKeys work while a tutorial lesson is on screen.
type lessonKeys struct {
	Continue key.Binding
	global   *globalKeys
}

func (m lessonKeys) ShortHelp() []key.Binding {
	return []key.Binding{m.Continue, m.global.Help, m.global.Quit}
}

func (m lessonKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.Continue}, {m.global.Help, m.global.Quit}}
}

// explainKeys: the text scrolls (and its keys are in the help) only when
// it is taller than the screen.
type explainKeys struct {
	Prev, Next, Close, TextUp, TextDown key.Binding
	global                              *globalKeys
}

func defaultExplainKeys(g *globalKeys) explainKeys {
	return explainKeys{
		Prev:     k([]string{"up", "k", "left", "h"}, "↑↓", "topics"),
		Next:     k([]string{"down", "j", "right", "l"}, "↓", "next topic"),
		Close:    k([]string{"esc", "enter", "x"}, "esc", "close"),
		TextUp:   k([]string{"pgup", "b"}, "pgup", "text up"),
		TextDown: k([]string{"pgdown", " ", "f"}, "pgdn", "more text"),
		global:   g,
	}
}

func (m explainKeys) ShortHelp() []key.Binding {
	return []key.Binding{m.Prev, m.TextDown, m.Close, m.global.Help}
}

func (m explainKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.Prev, m.Next, m.TextUp, m.TextDown, m.Close}}
}

// bigChartKeys work while a chart is shown over the whole screen.
type bigChartKeys struct {
	Next, Close key.Binding
	global      *globalKeys
}

func defaultBigChartKeys(g *globalKeys) bigChartKeys {
	return bigChartKeys{
		Next:   k([]string{"tab"}, "tab", "next chart"),
		Close:  k([]string{"esc", "c"}, "esc/c", "close"),
		global: g,
	}
}

func (m bigChartKeys) ShortHelp() []key.Binding {
	return []key.Binding{m.Next, m.Close, m.global.Help}
}

func (m bigChartKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.Next, m.Close}, {m.global.Help}}
}

// choiceKeys work while an event's question is on screen; the choices
// scroll (and their keys are in the help) only when taller than the box.
type choiceKeys struct {
	Up, Down, Answer, Pick, Aside, Explain, MoreUp, MoreDown key.Binding
	global                                                   *globalKeys
}

func defaultChoiceKeys(g *globalKeys) choiceKeys {
	return choiceKeys{
		Up:       k([]string{"up", "k"}, "↑↓", "choose"),
		Down:     k([]string{"down", "j"}, "↓", "choose"),
		Answer:   k([]string{"enter"}, "enter", "answer"),
		Pick:     k([]string{"1", "2", "3"}, "1-3", "answer that one"),
		Aside:    k([]string{"esc"}, "esc", "look"),
		Explain:  k([]string{"x"}, "x", "explain"),
		MoreUp:   k([]string{"pgup", "b"}, "pgup", "scroll up"),
		MoreDown: k([]string{"pgdown", "f"}, "pgdn", "more"),
		global:   g,
	}
}

func (m choiceKeys) ShortHelp() []key.Binding {
	return []key.Binding{m.Up, m.Answer, m.Explain, m.Aside, m.MoreDown, m.global.Help, m.global.Quit}
}

func (m choiceKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.Up, m.Down, m.Answer, m.Pick}, {m.Explain, m.Aside, m.MoreUp, m.MoreDown}, {m.global.Help, m.global.Quit}}
}
