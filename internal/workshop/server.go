package workshop

import (
	"context"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"sync"
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
	user    string
	program *tea.Program
	seat    *seat  // the player's seat, once they have a name (set by the program)
	bye     string // said on the way out, after the program (set by the program)
	done    chan struct{}
}

type visitKey struct{}

// NewServer makes the room's SSH server. The host key is made once and
// kept in the room's folder, so participants who come back see no warning.
func NewServer(room *Room) (*Server, error) {
	s := &Server{room: room, visits: map[*visit]struct{}{}}
	srv, err := wish.NewServer(
		wish.WithHostKeyPath(filepath.Join(room.cfg.DataDir, HostKeyFile)),
		wish.WithIdleTimeout(room.cfg.IdleTimeout),
		wish.WithMiddleware(
			bm.MiddlewareWithProgramHandler(s.program, termenv.Ascii),
			s.admit, // runs first
		),
	)
	if err != nil {
		return nil, fmt.Errorf("cannot set up the SSH server: %w", err)
	}
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
		go p.Send(closingMsg{}) // returns when the program ends, however it ends
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
	return err
}

// How long Close waits for the programs to end, and then for clients to
// hang up.
const (
	closeGrace  = 3 * time.Second
	hangUpGrace = 500 * time.Millisecond
)

// admit comes first on every connection: it turns away those without a
// terminal and, when the room is full, new players; after the program, it
// says goodbye and gives the seat back.
func (s *Server) admit(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if _, _, ok := sess.Pty(); !ok {
			fmt.Fprintln(sess, "globosim is a game for a terminal: connect with plain ssh (or ssh -t), with no command after the host.")
			sess.Exit(1)
			return
		}
		v := &visit{server: s, user: sess.User(), done: make(chan struct{})}
		if !s.room.isFacilitator(v.user) {
			release, err := s.room.admit()
			switch {
			case errors.Is(err, ErrFull):
				fmt.Fprintf(sess, "The room is full (%d players). Ask the facilitator.\n", s.room.cfg.MaxPlayers)
				sess.Exit(1)
				return
			case err != nil:
				fmt.Fprintln(sess, "The room is closed.")
				sess.Exit(1)
				return
			}
			defer release()
		}
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
	}
}

// program makes the connection's program, and passes the facilitator's
// decisions to it while it runs.
func (s *Server) program(sess ssh.Session) *tea.Program {
	v, _ := sess.Context().Value(visitKey{}).(*visit)
	if v == nil {
		return nil
	}
	m := newVisitModel(s.room, v, bm.MakeRenderer(sess), time.Now)
	opts := append(bm.MakeOptions(sess), tea.WithAltScreen(), tea.WithoutSignalHandler())
	p := tea.NewProgram(m, opts...)
	s.mu.Lock()
	v.program = p
	closing := s.closing
	s.mu.Unlock()
	if closing {
		go p.Send(closingMsg{})
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
	case done:
		return fmt.Sprintf("Thank you for playing, %s: your game is over with a score of %d.", st.Player, st.Score)
	case st.Week > 0:
		return fmt.Sprintf("Your game is saved after week %d, %s. Connect again with the same name to continue it.", st.Week, st.Player)
	}
	return ""
}
