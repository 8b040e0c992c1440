package workshop

import (
	"context"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"github.com/globomantics/globosim/internal/ui"
)

// Server serves a room over SSH. Each connection gets its own program (the
// room code, the player's name, then the game, or the leaderboard for the
// facilitator) on its own goroutines: nothing one connection does, or
// fails to do, holds up another.
type Server struct {
	room    *Room
	ssh     *ssh.Server
	gate    *gate
	hostKey string // the host key's SHA256 fingerprint
	address string // what participants type (JoinCommand), once serving

	mu      sync.Mutex
	visits  map[*visit]struct{}
	closing bool
	active  sync.WaitGroup // the visits' handlers
}

// visit is one SSH connection to the room.
type visit struct {
	server  *Server
	guest   *guest
	user    string
	key     string // the SHA256 fingerprint of the SSH key it signed in with; "" for none
	program *tea.Program
	keys    *keyBucket
	size    atomic.Int64 // the last window size the program was given, width<<32 | height
	seat    *seat        // the player's seat, once they have a name (set by the program)
	bye     string       // said on the way out, after the program (set by the program)
	status  int          // the session's exit status (set by the program)
	done    chan struct{}
}

type (
	visitKey struct{}
	guestKey struct{}
)

// NewServer makes the room's SSH server. The host key is made once and
// kept in the room's folder, so participants who come back see no warning.
//
// Anyone may sign in: with a public key (the first one their client
// offers, which their name is then bound to) or with none (an empty
// keyboard-interactive exchange, which every common client tries). The
// "none" method is refused so that a client with a key offers it.
func NewServer(room *Room) (*Server, error) {
	s := &Server{room: room, visits: map[*visit]struct{}{}, gate: newGate(room.cfg, room.clock, room.event, room.running)}
	srv, err := wish.NewServer(
		wish.WithHostKeyPath(filepath.Join(room.cfg.DataDir, HostKeyFile)),
		wish.WithPublicKeyAuth(func(ssh.Context, ssh.PublicKey) bool { return true }),
		wish.WithKeyboardInteractiveAuth(func(ssh.Context, gossh.KeyboardInteractiveChallenge) bool { return true }),
		ssh.WrapConn(s.arrive),
		wish.WithMiddleware(
			bm.MiddlewareWithProgramHandler(s.program, termenv.Ascii),
			s.admit, // runs first
		),
	)
	if err != nil {
		return nil, fmt.Errorf("cannot set up the SSH server: %w", err)
	}
	srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": s.openSession}
	if len(srv.HostSigners) > 0 {
		s.hostKey = gossh.FingerprintSHA256(srv.HostSigners[0].PublicKey())
	}
	s.ssh = srv
	return s, nil
}

// HostKey is the SHA256 fingerprint of the server's host key, as ssh shows
// it when it asks whether to trust a new host.
func (s *Server) HostKey() string { return s.hostKey }

// Serve takes connections on ln until the server is closed; it then
// returns nil.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	s.address = JoinCommand(ln.Addr())
	s.mu.Unlock()
	err := s.ssh.Serve(ln)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Close closes the room to connections: each player's program says why
// and ends (the games are saved at the last week's end), clients get a
// moment to hang up, and then any connection left is cut. A program that
// does not end within a few seconds is left to end when its connection is
// cut.
func (s *Server) Close() error {
	s.mu.Lock()
	s.closing = true
	var programs []*tea.Program
	for v := range s.visits {
		if v.program != nil {
			programs = append(programs, v.program)
		}
	}
	s.mu.Unlock()
	for _, p := range programs {
		go p.Send(byeMsg{roomClosed}) // returns when the program ends, however it ends
	}
	ended := make(chan struct{})
	go func() {
		s.active.Wait()
		close(ended)
	}()
	select {
	case <-ended:
	case <-time.After(closeGrace):
	}
	ctx, cancel := context.WithTimeout(context.Background(), hangUpGrace)
	defer cancel()
	err := s.ssh.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = s.ssh.Close()
	}
	if errors.Is(err, ssh.ErrServerClosed) {
		err = nil
	}
	s.gate.close() // those still at the door, which the SSH server does not track
	return err
}

// How long Close waits for the programs to end (then clients have
// hangUpGrace to hang up).
const closeGrace = 3 * time.Second

// arrive is the SSH server's first look at a TCP connection: the gate
// admits it as a guest, or it is closed at once (nil).
func (s *Server) arrive(ctx ssh.Context, conn net.Conn) net.Conn {
	gu := s.gate.arrive(conn)
	if gu == nil {
		return nil
	}
	ctx.SetValue(guestKey{}, gu)
	return guestConn{Conn: conn, guest: gu}
}

// openSession opens a connection's session channel: one per connection,
// its first, which ends the handshake's deadline.
func (s *Server) openSession(srv *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
	gu, _ := ctx.Value(guestKey{}).(*guest)
	if gu == nil || !gu.openSession() {
		ch.Reject(gossh.Prohibited, "one session per connection")
		return
	}
	ssh.DefaultSessionHandler(srv, conn, ch, ctx)
}

// WaitingCount is how many connections are at the door: in the SSH
// handshake or at the room code (or name) prompt.
func (s *Server) WaitingCount() int { return s.gate.waitingCount() }

// admit comes first on every session: it turns away those without a
// terminal, clamps the terminal's size, and after the program says
// goodbye, gives the seat back and hangs up.
func (s *Server) admit(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		gu, _ := sess.Context().Value(guestKey{}).(*guest)
		defer gu.hangUp()
		if _, _, ok := sess.Pty(); !ok {
			fmt.Fprintln(sess, "globosim is a game for a terminal: connect with plain ssh (or ssh -t), with no command after the host.")
			sess.Exit(1)
			return
		}
		sess = clampSession(sess)
		v := &visit{server: s, guest: gu, user: sess.User(), done: make(chan struct{})}
		if k := sess.PublicKey(); k != nil {
			v.key = gossh.FingerprintSHA256(k)
		}
		gu.setTell(func(why string) { v.send(byeMsg{why}) })
		s.mu.Lock()
		if s.closing {
			s.mu.Unlock()
			fmt.Fprintln(sess, "The room is closed.")
			sess.Exit(1)
			return
		}
		s.visits[v] = struct{}{}
		s.active.Add(1)
		s.mu.Unlock()
		defer s.active.Done()
		sess.Context().SetValue(visitKey{}, v)

		next(sess) // the program, until it ends or the connection drops
		close(v.done)

		s.mu.Lock()
		delete(s.visits, v)
		s.mu.Unlock()
		if v.seat != nil {
			if v.bye == "" {
				v.bye = farewell(v.seat)
			}
			s.room.leave(v.seat)
		}
		if v.bye != "" {
			fmt.Fprintln(sess, v.bye)
		}
		if v.status != 0 {
			sess.Exit(v.status)
		}
	}
}

// send gives the visit's program msg, if it has one, without waiting.
func (v *visit) send(msg tea.Msg) {
	v.server.mu.Lock()
	p := v.program
	v.server.mu.Unlock()
	if p != nil {
		go p.Send(msg) // returns when the program ends, however it ends
	}
}

// program makes the connection's program, and passes the facilitator's
// decisions to it while it runs.
func (s *Server) program(sess ssh.Session) *tea.Program {
	v, _ := sess.Context().Value(visitKey{}).(*visit)
	if v == nil {
		return nil
	}
	m := newVisitModel(s.room, v, bm.MakeRenderer(sess))
	opts := append(bm.MakeOptions(sess), tea.WithAltScreen(), tea.WithoutSignalHandler())
	p := tea.NewProgram(m, opts...)
	s.mu.Lock()
	v.program, v.keys = p, m.bucket
	closing := s.closing
	s.mu.Unlock()
	if closing {
		go p.Send(byeMsg{roomClosed})
	}
	changed, stop := s.room.watch()
	go func() {
		defer stop()
		for {
			select {
			case <-v.done:
				return
			case <-changed:
				p.Send(ui.RoomMsg{}) // returns at once when the program has ended
			}
		}
	}()
	return p
}

// farewell is what a player reads as they leave.
func farewell(s *seat) string {
	st, done := s.standing()
	switch {
	case s.member != nil && done:
		return fmt.Sprintf("Thank you for playing, %s: team %s's game is over with a score of %d.", s.member.name, st.Player, st.Score)
	case s.member != nil && st.Week > 0:
		return fmt.Sprintf("Team %s's game is saved after week %d, %s. Connect again and pick the team to continue it.", st.Player, st.Week, s.member.name)
	case done:
		return fmt.Sprintf("Thank you for playing, %s: your game is over with a score of %d.", st.Player, st.Score)
	case st.Week > 0:
		return fmt.Sprintf("Your game is saved after week %d, %s. Connect again with the same name to continue it.", st.Week, st.Player)
	}
	return ""
}
