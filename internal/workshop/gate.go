package workshop

import (
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/globomantics/globosim/internal/prose"
)

// The gate: every TCP connection to the room is a guest, and a guest is a
// stranger until it has typed the room code (or, in a room without one,
// given a name). Strangers cost the server almost nothing, as in OpenSSH:
// a deadline for the SSH handshake (LoginGraceTime) and another for the
// prompt, a cap on how many may be at the door at once (MaxStartups) and
// on how many from one address, and a growing wait for an address after
// wrong codes. Once in, a guest's connection is closed when the person has
// typed nothing for the idle timeout: keepalives and window changes are
// not typing.

// Defaults of the gate's settings.
const (
	DefaultHandshakeTimeout      = 20 * time.Second
	DefaultPromptTimeout         = 2 * time.Minute
	DefaultMaxStartups           = 30
	DefaultMaxStartupsPerAddress = 10
	DefaultWrongCodeDelay        = 10 * time.Second
	maxWrongCodeDelay            = 10 * time.Minute
)

// guestStage is how far in a guest is.
type guestStage int

const (
	guestHandshake guestStage = iota // TCP connected, SSH handshake not done
	guestPrompt                      // at the room code or the name prompt
	guestIn                          // passed: a player or the facilitator
	guestGone                        // closed
)

// hangUpGrace is how long a guest whose session has ended (or who is
// being sent away) has to read the last words and hang up before the
// connection is cut.
const hangUpGrace = 500 * time.Millisecond

// gate admits and times the room's guests.
type gate struct {
	clock clock
	cfg   Config
	warn  func(format string, a ...any) // into the room's events
	// running reports whether the round is on, and since when: waiting
	// for the facilitator is not idling.
	running func() (since time.Time, on bool)
	mu      sync.Mutex
	guests  map[*guest]struct{}
	waiting int            // guests not yet in
	perAddr map[string]int // of them, by address
	strikes map[string]*strikes
	closed  bool

	expired  int       // guests sent away at a deadline, in all
	refused  int       // connections refused since the last warning
	warnedAt time.Time // the last warning about refused connections
}

// strikes are an address's wrong room codes.
type strikes struct {
	wrong int       // wrong codes since the last wait
	waits int       // waits imposed so far: each doubles the next
	until time.Time // no code is tried from the address before this
	last  time.Time
}

func newGate(cfg Config, c clock, warn func(string, ...any), running func() (time.Time, bool)) *gate {
	return &gate{clock: c, cfg: cfg, warn: warn, running: running, guests: map[*guest]struct{}{}, perAddr: map[string]int{}, strikes: map[string]*strikes{}}
}

// guest is one TCP connection.
type guest struct {
	gate    *gate
	conn    net.Conn
	addr    string // addressKey of the remote end
	arrived time.Time

	mu       sync.Mutex
	stage    guestStage
	sessions int          // session channels opened: one is allowed
	stop     func() bool  // the current deadline's timer
	lastKey  time.Time    // the person's last key press, once in
	tell     func(string) // sends the guest away with a word, once it has a program
	expired  bool         // past a deadline: being sent away
}

// arrive registers a new connection, or returns nil when it must be
// closed at once: the room is closing, or too many guests (from its
// address) are at the door.
func (g *gate) arrive(conn net.Conn) *guest {
	addr := addressKey(conn.RemoteAddr())
	g.mu.Lock()
	defer g.mu.Unlock()
	switch {
	case g.closed:
		return nil
	case g.waiting >= g.cfg.MaxStartups:
		g.refusedLocked(fmt.Sprintf("%d connections are at the door already", g.waiting))
		return nil
	case g.perAddr[addr] >= g.cfg.MaxStartupsPerAddress:
		g.refusedLocked(fmt.Sprintf("%d connections from %s are at the door already", g.perAddr[addr], addr))
		return nil
	}
	gu := &guest{gate: g, conn: conn, addr: addr, arrived: g.clock.Now()}
	g.guests[gu] = struct{}{}
	g.waiting++
	g.perAddr[addr]++
	gu.stop = g.clock.AfterFunc(g.cfg.HandshakeTimeout, func() { gu.expire(guestHandshake, "") })
	return gu
}

// refusedLocked counts a refused connection and warns the facilitator at
// most once a minute, so a flood of connections cannot flood the events.
func (g *gate) refusedLocked(why string) {
	g.refused++
	now := g.clock.Now()
	if g.warnedAt.IsZero() || now.Sub(g.warnedAt) >= time.Minute {
		g.warn("Refused %s: %s (connections that have not yet given the room code are limited).", prose.Count(g.refused, "connection", "connections"), why)
		g.refused, g.warnedAt = 0, now
	}
}

// waitingCount is how many guests are not yet in.
func (g *gate) waitingCount() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.waiting
}

// close cuts every guest's connection and takes no more.
func (g *gate) close() {
	g.mu.Lock()
	g.closed = true
	guests := make([]*guest, 0, len(g.guests))
	for gu := range g.guests {
		guests = append(guests, gu)
	}
	g.mu.Unlock()
	for _, gu := range guests {
		gu.conn.Close()
	}
}

// openSession reports whether the guest may open a session: its first
// one, which ends the handshake's deadline and starts the prompt's.
func (gu *guest) openSession() bool {
	gu.mu.Lock()
	defer gu.mu.Unlock()
	gu.sessions++
	if gu.sessions > 1 || gu.stage == guestGone {
		return false
	}
	if gu.stage == guestHandshake {
		gu.stop()
		gu.stage = guestPrompt
		left := gu.gate.cfg.PromptTimeout - gu.gate.clock.Now().Sub(gu.arrived)
		gu.stop = gu.gate.clock.AfterFunc(max(left, 0), func() {
			gu.expire(guestPrompt, "You did not get in within "+spoken(gu.gate.cfg.PromptTimeout)+": connect again when you are ready.")
		})
	}
	return true
}

// admit lets a player in: it is no longer at the door, and from now on
// only the person's typing keeps the connection open.
func (gu *guest) admit() { gu.enter(true) }

// admitWatcher lets the facilitator's board in: it only watches, so it
// has no idle timeout.
func (gu *guest) admitWatcher() { gu.enter(false) }

func (gu *guest) enter(idle bool) {
	gu.mu.Lock()
	defer gu.mu.Unlock()
	if gu.stage != guestPrompt {
		return
	}
	gu.stop()
	gu.stage = guestIn
	gu.gate.leftDoor(gu)
	gu.lastKey = gu.gate.clock.Now()
	gu.stop = func() bool { return false }
	if idle {
		gu.stop = gu.gate.clock.AfterFunc(gu.gate.cfg.IdleTimeout, gu.idleCheck)
	}
}

// keyPressed records that the person typed.
func (gu *guest) keyPressed() {
	gu.mu.Lock()
	gu.lastKey = gu.gate.clock.Now()
	gu.mu.Unlock()
}

// idleCheck closes the connection if the person has typed nothing for the
// idle timeout while the round was on, and looks again when it would be
// due otherwise.
func (gu *guest) idleCheck() {
	gu.mu.Lock()
	if gu.stage != guestIn {
		gu.mu.Unlock()
		return
	}
	now := gu.gate.clock.Now()
	since, on := gu.gate.running()
	if !on {
		since = now
	}
	if gu.lastKey.After(since) {
		since = gu.lastKey
	}
	idle := now.Sub(since)
	if left := gu.gate.cfg.IdleTimeout - idle; left > 0 {
		gu.stop = gu.gate.clock.AfterFunc(left, gu.idleCheck)
		gu.mu.Unlock()
		return
	}
	gu.mu.Unlock()
	gu.expire(guestIn, "You typed nothing for "+spoken(gu.gate.cfg.IdleTimeout)+", so the room closed your connection.")
}

// expire sends the guest away if it is still at stage: with a word when
// it has a program to say it, and the connection is cut soon after.
func (gu *guest) expire(stage guestStage, why string) {
	gu.mu.Lock()
	if gu.stage != stage {
		gu.mu.Unlock()
		return
	}
	tell := gu.tell
	gu.expired = true
	gu.mu.Unlock()
	gu.gate.mu.Lock()
	gu.gate.expired++
	gu.gate.mu.Unlock()
	if tell == nil || why == "" {
		gu.conn.Close()
		return
	}
	tell(why)
	gu.hangUp()
}

// hangUp cuts the connection after a moment to read the last words:
// after its one session, or when it is sent away.
func (gu *guest) hangUp() {
	gu.gate.clock.AfterFunc(hangUpGrace, func() { gu.conn.Close() })
}

// closed is the connection's end, however it came.
func (gu *guest) closed() {
	gu.mu.Lock()
	defer gu.mu.Unlock()
	if gu.stage == guestGone {
		return
	}
	gu.stop()
	if gu.stage != guestIn {
		gu.gate.leftDoor(gu)
	}
	gu.stage = guestGone
	gu.gate.mu.Lock()
	delete(gu.gate.guests, gu)
	gu.gate.mu.Unlock()
}

// leftDoor takes the guest off the count of those at the door.
func (g *gate) leftDoor(gu *guest) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.waiting--
	if g.perAddr[gu.addr]--; g.perAddr[gu.addr] <= 0 {
		delete(g.perAddr, gu.addr)
	}
}

// setTell gives the guest a way to be sent away with a word.
func (gu *guest) setTell(tell func(string)) {
	gu.mu.Lock()
	gu.tell = tell
	gu.mu.Unlock()
}

// codeWait is how long the guest's address must wait before it may try
// the room code again (0: it may now).
func (gu *guest) codeWait() time.Duration {
	g := gu.gate
	g.mu.Lock()
	defer g.mu.Unlock()
	if s := g.strikes[gu.addr]; s != nil {
		return max(s.until.Sub(g.clock.Now()), 0)
	}
	return 0
}

// wrongCode counts a wrong code from the guest's address. Every codeTries
// wrong codes, the address waits: WrongCodeDelay the first time, twice as
// long each time after, up to maxWrongCodeDelay. It returns that wait.
func (gu *guest) wrongCode() time.Duration {
	g := gu.gate
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.clock.Now()
	s := g.strikes[gu.addr]
	if s == nil {
		g.forgetStrikesLocked(now)
		s = &strikes{}
		g.strikes[gu.addr] = s
	}
	s.wrong++
	s.last = now
	if s.wrong < codeTries {
		return 0
	}
	wait := g.cfg.WrongCodeDelay << min(s.waits, 16)
	wait = min(wait, maxWrongCodeDelay)
	s.wrong, s.waits, s.until = 0, s.waits+1, now.Add(wait)
	return wait
}

// rightCode forgets the address's wrong codes.
func (gu *guest) rightCode() {
	g := gu.gate
	g.mu.Lock()
	delete(g.strikes, gu.addr)
	g.mu.Unlock()
}

// forgetStrikesLocked drops the strikes of addresses quiet for an hour
// past their wait, so the map stays as small as the attack is recent.
func (g *gate) forgetStrikesLocked(now time.Time) {
	if len(g.strikes) < 1024 {
		return
	}
	for addr, s := range g.strikes {
		if now.Sub(s.last) > time.Hour && now.After(s.until) {
			delete(g.strikes, addr)
		}
	}
}

// addressKey is who a connection comes from, for the per-address limits:
// the IPv4 address, or the /64 an IPv6 address is in (one host's share).
func addressKey(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	if ip4 := tcp.IP.To4(); ip4 != nil {
		return ip4.String()
	}
	return (&net.IPNet{IP: tcp.IP.Mask(net.CIDRMask(64, 128)), Mask: net.CIDRMask(64, 128)}).String()
}

// guestConn is a guest's connection as the SSH server sees it: closing it
// takes the guest off the gate's books.
type guestConn struct {
	net.Conn
	guest *guest
}

func (c guestConn) Close() error {
	c.guest.closed()
	return c.Conn.Close()
}
