// Package workshop is the workshop room: `globosim serve` lets a room of
// participants play the same world (one scenario, one seed) over SSH, each
// in their own terminal with nothing installed, while the facilitator
// watches a live leaderboard and starts, pauses and ends the round. Every
// game saves itself each week in the room's folder, and every finished
// game is appended to a results file that outlives a crash of the server.
//
// A Room holds the players and the facilitator's decisions; a Server
// serves it over SSH; a Board is the leaderboard; Export writes a room's
// results for the debrief.
package workshop

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/globomantics/globosim/internal/prose"
	"github.com/globomantics/globosim/internal/report"
	"github.com/globomantics/globosim/internal/save"
	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/ui"
	"github.com/globomantics/globosim/internal/version"
)

// Defaults of a room's settings.
const (
	DefaultScenario      = "globomantics"
	DefaultMaxPlayers    = 40
	DefaultIdleTimeout   = 30 * time.Minute
	DefaultKeysPerSecond = 30
	DefaultKeyBurst      = 60
	// DefaultSaveEvery is how often the room writes its games' saves: a
	// server killed without a chance to close loses at most this much of
	// each game (a week is 1.25 s at normal speed).
	DefaultSaveEvery = 3 * time.Second
)

// Config is what a room plays and how it admits people.
type Config struct {
	Scenario string // a built-in scenario or a TOML file; "" is DefaultScenario
	Seed     uint64
	SeedSet  bool   // play Seed instead of the scenario's own
	DataDir  string // the room's folder: host key, saves, results (created 0700)

	MaxPlayers int // players connected at once; 0 is DefaultMaxPlayers
	// IdleTimeout closes a connection whose person has typed nothing this
	// long (keepalives are not typing); 0 is DefaultIdleTimeout.
	IdleTimeout time.Duration
	Code        string // asked for before play; "" asks nothing
	// Facilitator is the SSH user name that sees the leaderboard (read
	// only) instead of playing; "" is nobody.
	Facilitator string

	// Keys beyond this rate are dropped, per connection; 0 is the default.
	KeysPerSecond float64
	KeyBurst      int

	// The door (see gate.go); 0 is each one's default. A connection has
	// HandshakeTimeout to finish the SSH handshake, and PromptTimeout from
	// its arrival to pass the room code (or give a name). At most
	// MaxStartups connections (by default 30, or MaxPlayers+10 if more),
	// MaxStartupsPerAddress of them from one address, may be that far at
	// once: more are closed as they come.
	// After codeTries wrong codes an address waits WrongCodeDelay, twice
	// as long each time after.
	HandshakeTimeout      time.Duration
	PromptTimeout         time.Duration
	MaxStartups           int
	MaxStartupsPerAddress int
	WrongCodeDelay        time.Duration
	// Rounds are the weeks the rounds end at (see ui.ParseRounds): every
	// game halts there until the facilitator starts the next round. None:
	// one round, to the end of the game.
	Rounds []int
	// Teams lets several connections play one company, each in a role
	// (see team.go); solo play goes on beside them.
	Teams bool
	// Force opens a folder whose games another globosim or another text of
	// the scenario played, with a warning, instead of refusing it.
	Force bool
	// SaveEvery is how often the games' weekly saves are written, all at
	// once (see save.Writer); 0 is DefaultSaveEvery. A player's leaving,
	// a game's end and the room's closing write theirs at once.
	SaveEvery time.Duration
}

// The room's folder.
const (
	PlayersDir  = "players"      // DATA/players/NAME.json: each player's saved game
	ExportsDir  = "exports"      // DATA/exports/NAME/: what a player exports from the end screen
	HostKeyFile = "host_ed25519" // the server's SSH host key, made once
	LogFile     = "room.log"     // every event, one line each
)

// Errors of joining a room.
var (
	ErrFull     = errors.New("the room is full")
	ErrTaken    = errors.New("the name is taken by a connected player")
	ErrOwned    = errors.New("the name belongs to another SSH key")
	ErrReserved = errors.New("the name is the facilitator's")
	ErrClosed   = errors.New("the room is closed")
	ErrOver     = errors.New("the round is over")
)

// Room is one workshop room: the world everyone plays, the players, the
// facilitator's decisions and the results. Its methods are safe to call
// from any goroutine and never hold its lock while a player's program or
// the disk is busy, except to append a result.
type Room struct {
	cfg      Config
	sc       *sim.Scenario
	scenario string // the scenario's name, as results name it
	sha256   string // of the scenario's text, as results hold it
	seed     uint64
	weeks    int
	roles    []sim.Role // what team members pick from
	lock     *folderLock
	store    *store
	owners   *owners
	rounds   *roundBook // every player's weekly share, and the games at each round's week (rounds.go)
	log      *os.File
	states   *stateWriter // room.json, after every change of the status
	saves    *save.Writer // the games' weekly saves, every cfg.SaveEvery
	clock    clock
	// gameModel makes a player's game; tests replace it.
	gameModel func(ui.Options) tea.Model

	settleMu  sync.Mutex     // finishing games from their saves, one at a time
	scoring   chan struct{}  // holds the game scoring its debrief: one at a time (see Scoring)
	pacer     *pacer         // how much slower the games auto-play while the cores are behind (pace.go)
	teamFiles sync.Mutex     // writing the teams' files, one at a time
	settling  sync.WaitGroup // those still running, and names being stored
	// awaiting counts the games over whose results their programs are
	// still scoring: Close waits for them (up to finishGrace).
	awaiting sync.WaitGroup

	mu       sync.Mutex
	status   ui.RoomStatus
	players  map[string]*player // by nameKey
	bound    map[string]string  // the SSH key stored for a name, by nameKey
	seats    int                // player connections now
	events   []Event
	seq      int
	watchers map[chan struct{}]struct{}
	closed   bool
	// runningSince is when the round last started or resumed.
	runningSince time.Time
}

// player is one person in the room, connected or not.
type player struct {
	name      string // as first typed
	key       string // the SSH key the name belongs to; "" is anyone's
	kept      bool   // the game is on disk (a save or a result): the player stays when gone
	connected bool
	live      bool // the game of this connection has reported: it ends itself
	done      bool // the result is stored
	finishing bool // the result is being stored
	awaited   bool // the game is over and its program is scoring it: the result is coming
	standing  Standing
	savePath  string
	team      *team    // a team's game (serve --teams); nil for a solo player
	members   []string // a team's members connected now
	played    []string // everyone who has played in the team
}

// Open opens the room in cfg.DataDir, creating the folder if needed, and
// takes up where a previous server left it: finished games from the
// results, unfinished ones from the players' saves. It fails if the
// scenario does not load, or if the folder holds a room that played
// another scenario or seed.
func Open(cfg Config) (*Room, error) {
	if cfg.Scenario == "" {
		cfg.Scenario = DefaultScenario
	}
	if cfg.MaxPlayers <= 0 {
		cfg.MaxPlayers = DefaultMaxPlayers
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.KeysPerSecond <= 0 {
		cfg.KeysPerSecond = DefaultKeysPerSecond
	}
	if cfg.KeyBurst <= 0 {
		cfg.KeyBurst = DefaultKeyBurst
	}
	setDefault(&cfg.HandshakeTimeout, DefaultHandshakeTimeout)
	setDefault(&cfg.PromptTimeout, DefaultPromptTimeout)
	// A whole room may be at the door at once (everyone typing the code
	// when the facilitator says go), with room to spare.
	setDefault(&cfg.MaxStartups, max(DefaultMaxStartups, cfg.MaxPlayers+10))
	setDefault(&cfg.MaxStartupsPerAddress, DefaultMaxStartupsPerAddress)
	setDefault(&cfg.WrongCodeDelay, DefaultWrongCodeDelay)
	setDefault(&cfg.SaveEvery, DefaultSaveEvery)
	if cfg.Facilitator != "" {
		if err := CheckName(cfg.Facilitator); err != nil {
			return nil, fmt.Errorf("the facilitator's name: %w", err)
		}
	}
	sc, err := scenario.Resolve(cfg.Scenario)
	if err != nil {
		return nil, err
	}
	r := &Room{
		cfg: cfg, sc: sc, scenario: sc.Name, sha256: sc.SourceSHA256, seed: sc.Seed, weeks: sc.Weeks, roles: sc.TeamRoles(),
		gameModel: func(o ui.Options) tea.Model { return ui.New(o) },
		players:   map[string]*player{}, watchers: map[chan struct{}]struct{}{}, clock: realClock{},
		scoring: make(chan struct{}, 1),
	}
	if cfg.SeedSet {
		r.seed = cfg.Seed
	}
	// On the room's clock as it is when a batch is due (tests replace it).
	r.saves = save.NewWriter(cfg.SaveEvery, func(d time.Duration, f func()) func() bool { return r.clock.AfterFunc(d, f) })
	if err := os.MkdirAll(filepath.Join(cfg.DataDir, PlayersDir), 0o700); err != nil {
		return nil, fmt.Errorf("cannot make the room's folder: %w", err)
	}
	if r.lock, err = lockFolder(cfg.DataDir); err != nil {
		return nil, err
	}
	st, records, repaired, err := openStore(cfg.DataDir)
	if err != nil {
		r.lock.release()
		return nil, err
	}
	r.store = st
	if r.owners, r.bound, err = openOwners(cfg.DataDir); err != nil {
		r.Close()
		return nil, err
	}
	if err := r.openRoundsLocked(sc.Weeks); err != nil {
		r.Close()
		return nil, err
	}
	if r.log, err = os.OpenFile(filepath.Join(cfg.DataDir, LogFile), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600); err != nil {
		r.Close()
		return nil, fmt.Errorf("cannot open the room's log: %w", err)
	}
	state, kept, err := r.loadRoomState()
	if err != nil {
		r.Close()
		return nil, err
	}
	gateKept := true
	if kept {
		gateKept = state.restoreLocked(&r.status)
	}
	status := r.status
	if err := r.restore(records); err != nil {
		r.Close()
		return nil, err
	}
	if err := r.checkRoomState(state); kept && err != nil {
		r.Close()
		return nil, err
	}
	if isRunning(status) {
		r.runningSince = r.clock.Now()
	}
	r.states = newStateWriter(cfg.DataDir, func(err error) { r.event("%v", err) })
	r.mu.Lock()
	if repaired {
		r.eventLocked("The results file ended in a line cut short by a crash; that unfinished line was removed.")
	}
	r.eventLocked("The room is open: %s, seed %d; %d finished, %d saved.", r.scenario, r.seed, r.countLocked(func(p *player) bool { return p.done }), r.countLocked(func(p *player) bool { return !p.done }))
	if kept {
		r.eventLocked("The round is %s, as the server left it%s.", roundWords(status), scheduledWords(len(status.Scheduled)))
		switch {
		case gateKept:
		case status.Gate > 0:
			r.eventLocked("The rounds are not the ones the server left (%v, now %v): the games are held at week %d, the first round's end.", state.Rounds, status.Rounds, status.Gate)
		default:
			r.eventLocked("The rounds are not the ones the server left (%v): the room has none now.", state.Rounds)
		}
	}
	r.mu.Unlock()
	r.pacer = startPacer()
	return r, nil
}

// restore rebuilds the players from the stored results and the saves. It
// runs in Open, before anyone else can see the room, so it needs no lock.
func (r *Room) restore(records []Record) error {
	unchecked := 0
	for _, rec := range records {
		if err := r.sameWorld(rec.Result.Scenario, rec.Result.Seed, "finished games"); err != nil {
			return err
		}
		res := &rec.Result
		if res.GlobosimVersion == "" || res.ScenarioSHA256 == "" {
			unchecked++
		} else if err := r.sameOrigin(res.GlobosimVersion, res.ScenarioSHA256, rec.Player+"'s finished game"); err != nil {
			return err
		}
		if err := r.checkSchedule(res.Scheduled, res.Weeks, rec.Player+"'s finished game"); err != nil {
			return err
		}
		key := nameKey(rec.Player)
		if _, ok := r.players[key]; ok {
			continue // the first result stands
		}
		r.players[key] = &player{name: rec.Player, key: r.bound[key], kept: true, done: true, standing: standingOf(rec.Result, r.weeks), savePath: r.savePath(rec.Player)}
		r.players[key].standing.EndWeek = rec.EndWeek
		r.rounds.keepShares(rec.Player, rec.Result.Weekly)
		if rec.Team != nil {
			r.restoreTeam(r.players[key], rec.Team)
		}
	}
	saves, err := filepath.Glob(filepath.Join(r.cfg.DataDir, PlayersDir, "*.json"))
	if err != nil {
		return err
	}
	for _, path := range saves {
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		if CheckName(name) != nil {
			continue
		}
		if p, ok := r.players[nameKey(name)]; ok && p.done {
			os.Remove(path) // finished: the result has it all
			continue
		}
		f, err := save.Read(path)
		if err != nil {
			r.eventLocked("Cannot read %s's save, left as it is: %v", name, err)
			continue
		}
		if err := r.sameWorld(f.Scenario, f.Seed, "saved games"); err != nil {
			return err
		}
		if err := r.sameOrigin(version.String(), scenario.SHA256([]byte(f.Source)), name+"'s saved game"); err != nil {
			return err
		}
		if err := r.checkSchedule(f.Scheduled, f.Week, name+"'s saved game"); err != nil {
			return err
		}
		if f.Player != "" && nameKey(f.Player) == nameKey(name) {
			name = f.Player
		}
		p := &player{name: name, key: r.bound[nameKey(name)], kept: true, savePath: path}
		if r.isTeam(name) {
			r.restoreTeam(p, nil)
		}
		if g, err := f.Game(); err == nil {
			p.standing = progressOf(g)
			r.rounds.keepShares(name, g.Result().Weekly)
		} else {
			p.standing = Standing{Week: f.Week, Weeks: f.Weeks, Share: f.State.MarketShare, Score: f.State.Score, Cash: f.State.Cash}
		}
		r.players[nameKey(name)] = p
	}
	if unchecked > 0 {
		r.eventLocked("%s stored by a globosim that did not record its version or the scenario's text: kept, but not checked against this room's.",
			prose.Count(unchecked, "finished game was", "finished games were"))
	}
	return nil
}

// sameOrigin fails if a stored game was played by another globosim or on
// another text of the scenario (what says whose game it is), unless the
// room was opened with Force: then it says so in the room's events.
func (r *Room) sameOrigin(globosim, sha256, what string) error {
	var why string
	switch {
	case globosim != version.String():
		why = fmt.Sprintf("%s holds %s, played with globosim %s, and this is globosim %s", r.cfg.DataDir, what, globosim, version.String())
	case sha256 != r.sha256:
		why = fmt.Sprintf("%s holds %s, played on another text of %s (scenario_sha256 %.12s…, this room's %.12s…)", r.cfg.DataDir, what, r.scenario, sha256, r.sha256)
	default:
		return nil
	}
	if r.cfg.Force {
		r.eventLocked("Warning: %s; opened anyway (--force).", why)
		return nil
	}
	return fmt.Errorf("%s: serve it with that globosim and scenario file, or use another --data folder (--force opens it anyway)", why)
}

// sameWorld fails if a stored game is of another scenario or seed: the
// folder belongs to another room.
func (r *Room) sameWorld(scenarioName string, seed uint64, what string) error {
	if scenarioName == r.scenario && seed == r.seed {
		return nil
	}
	return fmt.Errorf("%s holds %s of %s with seed %d, and this room plays %s with seed %d: serve it with that scenario and seed, or use another --data folder",
		r.cfg.DataDir, what, scenarioName, seed, r.scenario, r.seed)
}

func (r *Room) savePath(name string) string {
	return filepath.Join(r.cfg.DataDir, PlayersDir, nameKey(name)+".json")
}

// Close waits for the results still coming from players' programs (up to
// finishGrace) and for games being finished from their saves, and closes
// the room's files. The room takes no one after it.
func (r *Room) Close() error {
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	arrived := make(chan struct{})
	go func() {
		r.awaiting.Wait()
		close(arrived)
	}()
	timeout := make(chan struct{})
	stop := r.clock.AfterFunc(finishGrace, func() { close(timeout) })
	select {
	case <-arrived:
	case <-timeout:
		r.event("The room closed before every finished game's result had come.")
	}
	stop()
	r.settling.Wait()
	if err := r.saves.Close(); err != nil {
		r.event("%v", err)
	}
	if r.states != nil {
		r.states.flush()
	}
	err := r.store.close()
	if r.rounds != nil {
		r.rounds.close()
	}
	if r.owners != nil {
		r.owners.close()
	}
	if r.log != nil {
		r.log.Close()
	}
	if r.pacer != nil {
		r.pacer.close()
	}
	r.lock.release()
	return err
}

// Config returns the room's settings, defaults filled in.
func (r *Room) Config() Config { return r.cfg }

// World is the scenario's name and the seed everyone plays.
func (r *Room) World() (scenarioName string, seed uint64) { return r.scenario, r.seed }

// The facilitator's decisions.

// Start lets every game move.
func (r *Room) Start() {
	r.setStatus(func(st *ui.RoomStatus) string {
		switch {
		case st.Ended:
			return ""
		case st.Started && !st.Paused:
			return r.releaseRoundLocked(st) // at a gate, the next round
		case st.Paused:
			st.Paused = false
			return "The facilitator resumed the room."
		}
		st.Started = true
		return "The facilitator started the round."
	})
}

// TogglePause holds every game, or lets them go on.
func (r *Room) TogglePause() {
	r.setStatus(func(st *ui.RoomStatus) string {
		if !st.Started || st.Ended {
			return ""
		}
		st.Paused = !st.Paused
		if st.Paused {
			return "The facilitator paused the room."
		}
		return "The facilitator resumed the room."
	})
}

// End ends the round: every game ends where it is. Connected players' games
// end themselves; the games of those who left are finished from their
// saves, so they are in the results too.
func (r *Room) End() {
	r.setStatus(func(st *ui.RoomStatus) string {
		if st.Ended {
			return ""
		}
		st.Ended, st.Paused = true, false
		return "The facilitator ended the round."
	})
	r.mu.Lock()
	var idle []*player
	for _, p := range r.players {
		if !p.done && !p.live {
			idle = append(idle, p)
		}
	}
	r.mu.Unlock()
	for _, p := range idle {
		r.settle(p)
	}
}

// setStatus changes the status with change, which says what happened (""
// if nothing did), and tells every player's program.
func (r *Room) setStatus(change func(*ui.RoomStatus) string) {
	r.mu.Lock()
	was := isRunning(r.status)
	text := change(&r.status)
	if !was && isRunning(r.status) {
		r.runningSince = r.clock.Now()
	}
	if text != "" {
		r.eventLocked("%s", text)
		if r.states != nil && !r.closed {
			r.states.write(r.stateOfLocked())
		}
		for ch := range r.watchers {
			select {
			case ch <- struct{}{}:
			default: // already told, not yet heard
			}
		}
	}
	r.mu.Unlock()
}

// Status is what the facilitator has decided.
func (r *Room) Status() ui.RoomStatus {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.status
}

// running reports whether the round is on (started, not paused), and
// since when: before, players wait for the facilitator, which is not
// idling.
func (r *Room) running() (since time.Time, on bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.runningSince, isRunning(r.status)
}

func isRunning(st ui.RoomStatus) bool { return st.Started && !st.Paused && !st.Ended }

// watch returns a channel that receives (coalesced) when the status
// changes, and a function that stops it.
func (r *Room) watch() (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	r.mu.Lock()
	r.watchers[ch] = struct{}{}
	r.mu.Unlock()
	return ch, func() {
		r.mu.Lock()
		delete(r.watchers, ch)
		r.mu.Unlock()
	}
}

// The players.

// checkCode reports whether code is the room's code.
func (r *Room) checkCode(code string) bool {
	return subtle.ConstantTimeCompare([]byte(strings.TrimSpace(code)), []byte(r.cfg.Code)) == 1
}

// isFacilitator reports whether the SSH user is the facilitator.
func (r *Room) isFacilitator(user string) bool {
	return r.cfg.Facilitator != "" && nameKey(user) == nameKey(r.cfg.Facilitator)
}

// join seats the player called name (a valid name) who connected with the
// SSH key key ("" for none): a new player, or one coming back. It fails
// with ErrOwned if the name belongs to another key, ErrTaken if that
// player is connected now, and ErrFull if every seat is taken.
func (r *Room) join(name, key string) (*seat, error) {
	if r.isFacilitator(name) {
		return nil, ErrReserved
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil, ErrClosed
	}
	k := nameKey(name)
	p, ok := r.players[k]
	owner := r.bound[k]
	if ok {
		owner = p.key
	}
	switch {
	case ok && p.team != nil:
		return nil, ErrTeamName
	case owner != "" && owner != key:
		return nil, ErrOwned
	case ok && p.connected:
		return nil, ErrTaken
	case !ok && r.status.Ended:
		return nil, ErrOver
	case r.seats >= r.cfg.MaxPlayers:
		r.eventLocked("Turned %s away: the room is full (%d players).", name, r.cfg.MaxPlayers)
		return nil, ErrFull
	}
	r.seats++
	switch {
	case !ok:
		p = &player{name: name, key: key, savePath: r.savePath(name)}
		r.players[k] = p
		r.eventLocked("%s joined.", p.name)
	case p.done:
		r.eventLocked("%s is back (finished).", p.name)
	default:
		r.eventLocked("%s is back (saved after week %d).", p.name, p.standing.Week)
	}
	p.connected, p.live = true, false
	return &seat{room: r, p: p}, nil
}

// leave is the player's connection ending, and gives the seat back. A
// player whose game was never kept leaves no trace; if the round is over,
// a game left unfinished is finished from its save.
func (r *Room) leave(s *seat) {
	// The game's newest save, on disk before anyone can take the seat
	// again and resume from it.
	if err := r.saves.Flush(s.p.savePath, nil); err != nil {
		r.event("%v", err)
	}
	if s.member != nil {
		r.leaveTeam(s)
		return
	}
	r.mu.Lock()
	p := s.p
	p.connected, p.live = false, false
	r.seats--
	if !p.kept && !p.done && !p.finishing {
		delete(r.players, nameKey(p.name))
		r.eventLocked("%s left before playing.", p.name)
		r.mu.Unlock()
		return
	}
	if p.done || p.standing.Week == 0 {
		r.eventLocked("%s left.", p.name)
	} else {
		r.eventLocked("%s left after week %d; the game is saved.", p.name, p.standing.Week)
	}
	settle := r.status.Ended && !p.done && !p.awaited // an awaited result comes from the game itself
	r.mu.Unlock()
	if settle {
		r.settle(p)
	}
}

// progress records how a player's game stands.
func (r *Room) progress(p *player, st Standing) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !p.done {
		p.standing, p.live = st, true
		if st.Week > 0 {
			r.keepLocked(p)
		}
		r.roundProgressLocked(p, st)
	}
}

// keepLocked marks the player's game as kept on disk (its first save or
// its result), and stores the name's key the first time.
func (r *Room) keepLocked(p *player) {
	if p.kept {
		return
	}
	p.kept = true
	if p.team != nil {
		r.keepTeamLocked(p)
		return
	}
	k := nameKey(p.name)
	if p.key == "" || r.bound[k] != "" || r.closed {
		return
	}
	r.bound[k] = p.key
	name, key := p.name, p.key
	r.settling.Add(1)
	go func() { // off the player's program: it syncs to disk
		defer r.settling.Done()
		if err := r.owners.append(name, key); err != nil {
			r.event("%v", err)
		}
	}()
}

// finish stores a player's finished game, once: the first result stands.
// It returns when the result is on disk; the player's save is then removed.
func (r *Room) finish(p *player, res sim.Result) {
	r.mu.Lock()
	if p.done || p.finishing {
		r.arrivedLocked(p)
		r.mu.Unlock()
		return
	}
	p.finishing = true
	name := p.name
	rec := Record{Player: name, Finished: time.Now().UTC().Truncate(time.Second), Result: res, EndWeek: p.standing.EndWeek}
	if p.team != nil {
		rec.Team = slices.Clone(p.played)
	}
	r.mu.Unlock()

	err := r.store.append(rec)

	r.mu.Lock()
	p.finishing = false
	r.arrivedLocked(p)
	if err != nil {
		r.eventLocked("%v", err)
		r.mu.Unlock()
		return
	}
	p.done, p.standing = true, standingOf(res, r.weeks)
	p.standing.EndWeek = rec.EndWeek
	r.keepLocked(p)
	verdict := "lost"
	if res.Summary.Won {
		verdict = "won"
	}
	week := res.Weeks
	if rec.EndWeek > 0 {
		week = rec.EndWeek
	}
	r.eventLocked("%s finished in week %d: %s, score %d.", name, week, verdict, res.Summary.Score)
	r.mu.Unlock()
	r.saves.Remove(p.savePath) // a finished game has nothing to resume
}

// await notes that the player's game is over and its program is scoring
// it: the result will come through Finish.
func (r *Room) await(p *player) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !p.done && !p.awaited && !r.closed {
		p.awaited = true
		r.awaiting.Add(1)
	}
}

// arrivedLocked notes that an awaited result has come (or is not needed).
func (r *Room) arrivedLocked(p *player) {
	if p.awaited {
		p.awaited = false
		r.awaiting.Done()
	}
}

// How long Close waits for the results of games being scored.
const finishGrace = 30 * time.Second

// settle finishes the saved game of a player who is not playing it, as the
// round ends: where the save left it.
func (r *Room) settle(p *player) {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return
	}
	r.settling.Add(1)
	r.mu.Unlock()
	go func() {
		defer r.settling.Done()
		r.settleMu.Lock()
		defer r.settleMu.Unlock()
		if err := r.saves.Flush(p.savePath, nil); err != nil {
			r.event("%v", err)
		}
		f, err := save.Read(p.savePath)
		if errors.Is(err, fs.ErrNotExist) {
			return // never started a game
		}
		var g *sim.Game
		if err == nil {
			g, err = f.Game()
		}
		if err != nil {
			r.event("Cannot finish %s's game from the save: %v", p.name, err)
			return
		}
		g.Stop(fmt.Sprintf("The facilitator ended the round after week %d.", g.Week())) // a save is at a week's end
		release := r.scoringTurn()
		res := g.Debrief()
		release()
		r.finish(p, report.Stamp(res, g.Scenario()))
	}()
}

// crashed records that a player's program failed, with the stack in the
// log.
func (r *Room) crashed(who string, v any) {
	r.event("%s's program failed and was closed: %v", who, v)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.log != nil {
		fmt.Fprintf(r.log, "%s\n", debug.Stack())
	}
}

// The leaderboard.

// State is where a player is.
type State int

const (
	Lobby        State = iota // connected, not playing yet (or the round has not started)
	Playing                   // connected, in a game the round lets move
	Done                      // the game is over and its result stored
	Disconnected              // gone, the game saved where it stood
	AtGate                    // connected, the game waiting at the round's last week
)

var stateNames = [...]string{"lobby", "playing", "done", "disconnected", "at the gate"}

func (s State) String() string { return stateNames[s] }

// Standing is a player's line on the leaderboard.
type Standing struct {
	Player       string
	State        State
	Week, Weeks  int
	Share        float64 // market share, 0..1
	LeadTime     float64 // DORA lead time for changes over the last quarter, hours; 0 if nothing shipped
	HoursPerWeek int
	Band         sim.Band // DORA band
	Score        int
	Won          bool  // when Done
	Cash         int64 // money in the bank
	Team         bool  // a team's game, not a solo player's
	Members      int   // a team's members connected now
	// EndWeek is the week a game that is over ended in, as its screens
	// count it (see ui.EndWeek); 0 when not known: the weeks played count.
	EndWeek int
}

func progressOf(g *sim.Game) Standing {
	d := g.DORA()
	st := Standing{Week: g.Week(), Weeks: g.Weeks(), Share: g.Share(), LeadTime: d.LeadTimeForChanges.Value,
		HoursPerWeek: g.Scenario().HoursPerWeek, Band: d.OverallBand, Score: g.Score(), Cash: g.Cash()}
	if _, over := g.Over(); over {
		st.EndWeek = ui.EndWeek(g)
	}
	return st
}

// WeekInPlay is the week the player's header counts in (1 = the first):
// the week being played, or about to be, once Week are played; a finished
// game's last week: the one it ended in, stopped partway through or not.
func (st Standing) WeekInPlay() int {
	if st.EndWeek > 0 {
		return st.EndWeek
	}
	if st.State == Done || st.Week >= st.Weeks {
		return st.Week
	}
	return st.Week + 1
}

func standingOf(r sim.Result, weeks int) Standing {
	s := &r.Summary
	return Standing{Week: r.Weeks, Weeks: weeks, Share: s.MarketShare, LeadTime: s.DORA.LeadTimeForChanges.Value,
		HoursPerWeek: r.HoursPerWeek, Band: s.DORA.OverallBand, Score: s.Score, Won: s.Won, Cash: s.Budget}
}

// Event is something that happened in the room, for the facilitator.
type Event struct {
	Seq  int // from 1, in order
	Time time.Time
	Text string
}

// eventsKept is how many recent events the room remembers (all go to the
// log file).
const eventsKept = 200

func (r *Room) event(format string, a ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.eventLocked(format, a...)
}

func (r *Room) eventLocked(format string, a ...any) {
	r.seq++
	ev := Event{Seq: r.seq, Time: time.Now(), Text: fmt.Sprintf(format, a...)}
	r.events = append(r.events, ev)
	if len(r.events) > eventsKept {
		r.events = slices.Delete(r.events, 0, len(r.events)-eventsKept)
	}
	if r.log != nil {
		fmt.Fprintf(r.log, "%s %s\n", ev.Time.Format(time.RFC3339), ev.Text)
	}
}

// setDefault sets *v to def if it is not positive.
func setDefault[T int | time.Duration](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}

func (r *Room) countLocked(f func(*player) bool) int {
	n := 0
	for _, p := range r.players {
		if f(p) {
			n++
		}
	}
	return n
}

// Snapshot is the room at a moment, as the leaderboard shows it.
type Snapshot struct {
	Scenario   string
	Seed       uint64
	Code       string
	MaxPlayers int
	Connected  int // players connected now
	Status     ui.RoomStatus
	Standings  []Standing // best score first
	Events     []Event    // the latest, oldest first
}

// Snapshot returns the room as it is now.
func (r *Room) Snapshot() Snapshot {
	r.mu.Lock()
	sn := Snapshot{Scenario: r.scenario, Seed: r.seed, Code: r.cfg.Code, MaxPlayers: r.cfg.MaxPlayers,
		Status: r.status, Events: slices.Clone(r.events)}
	for _, p := range r.players {
		st := p.standing
		st.Player = p.name
		st.Team, st.Members = p.team != nil, len(p.members)
		if st.Weeks == 0 {
			st.Weeks = r.weeks
		}
		switch {
		case p.done:
			st.State = Done
		case !p.connected:
			st.State = Disconnected
		case p.live && r.status.Started && !r.status.Ended && r.status.Gate > 0 && st.Week >= r.status.Gate:
			st.State = AtGate
		case p.live && r.status.Started && !r.status.Ended:
			st.State = Playing
		default:
			st.State = Lobby
		}
		if p.connected {
			sn.Connected += max(len(p.members), 1) // a team's members each hold a seat
		}
		sn.Standings = append(sn.Standings, st)
	}
	r.mu.Unlock()
	slices.SortFunc(sn.Standings, func(a, b Standing) int {
		if a.Score != b.Score {
			return b.Score - a.Score
		}
		return strings.Compare(nameKey(a.Player), nameKey(b.Player))
	})
	return sn
}

// seat is a player's place in the room: the ui.Room their game talks to.
type seat struct {
	room   *Room
	p      *player
	member *member // in a team's seat: the member; nil for a solo player
}

// Scoring waits for the game's turn to score its debrief (see ui.Room):
// the room scores one game at a time, so that when many games end
// together the games still playing compete with one debrief's replays
// (one a core), not with hundreds.
func (s *seat) Scoring() (release func()) { return s.room.scoringTurn() }

// Paced is how long the game's auto-play waits between ticks that every
// would be apart (see ui.Room): longer while the machine's cores are
// behind (pace.go).
func (s *seat) Paced(every time.Duration) time.Duration { return s.room.paced(every) }

func (r *Room) paced(every time.Duration) time.Duration {
	if r.pacer == nil {
		return every
	}
	return time.Duration(float64(every) * r.pacer.Pace())
}

// Pace is how many times slower than their speed the room's games
// auto-play now (1: at their speed), and the slowest pace so far.
func (r *Room) Pace() (now, slowest float64) {
	if r.pacer == nil {
		return 1, 1
	}
	return r.pacer.Pace(), r.pacer.Slowest()
}

func (r *Room) scoringTurn() (release func()) {
	r.scoring <- struct{}{}
	return func() { <-r.scoring }
}

// Progress records how the game stands; once it is over, its result is
// awaited (its program is scoring it).
func (s *seat) Progress(g *sim.Game) {
	s.room.progress(s.p, progressOf(g))
	if _, over := g.Over(); over {
		s.room.await(s.p)
	}
}

func (s *seat) Status() ui.RoomStatus { return s.room.Status() }
func (s *seat) name() string          { return s.p.name }

// Finish stores the result and makes the folder the end screen exports
// to: only a player who finished has one.
func (s *seat) Finish(res sim.Result) {
	s.room.finish(s.p, res)
	if err := os.MkdirAll(s.exportDir(), 0o700); err != nil { // the player's export will fail too, and say so
		s.room.event("Cannot make %s's export folder: %v", s.p.name, err)
	}
}

func (s *seat) exportDir() string {
	return filepath.Join(s.room.cfg.DataDir, ExportsDir, nameKey(s.p.name))
}

// standing returns the player's line now, and whether the game is done.
func (s *seat) standing() (Standing, bool) {
	s.room.mu.Lock()
	defer s.room.mu.Unlock()
	st := s.p.standing
	st.Player = s.p.name
	return st, s.p.done
}

// rank is the player's place on the leaderboard now, and how many players
// it has.
func (r *Room) rank(name string) (rank, of int) {
	sn := r.Snapshot()
	for i, st := range sn.Standings {
		if nameKey(st.Player) == nameKey(name) {
			return i + 1, len(sn.Standings)
		}
	}
	return len(sn.Standings), len(sn.Standings)
}
