package workshop

import "github.com/charmbracelet/ssh"

// The largest terminal the room draws for. A client may claim any size up
// to 2³²−1 a side, in its pty request or any window change; the screen
// is drawn (and its buffers sized) for what is claimed, so it is cut to
// what a real terminal can be before anything sees it.
const (
	MaxWidth  = 500
	MaxHeight = 200
)

func clampWindow(w ssh.Window) ssh.Window {
	return ssh.Window{Width: min(max(w.Width, 0), MaxWidth), Height: min(max(w.Height, 0), MaxHeight)}
}

// clampedSession is a session whose terminal sizes are clamped. Only the
// latest size waits to be read: a flood of window changes neither queues
// nor holds up the connection's other requests.
type clampedSession struct {
	ssh.Session
	winch chan ssh.Window
}

// clampSession returns sess with its terminal sizes clamped.
func clampSession(sess ssh.Session) ssh.Session {
	_, sizes, ok := sess.Pty()
	if !ok {
		return sess
	}
	c := &clampedSession{Session: sess, winch: make(chan ssh.Window, 1)}
	go func() {
		// The library closes sizes when the session's requests end; c.winch
		// stays open, so no reader sees a closed channel as a 0×0 window.
		for w := range sizes {
			w = clampWindow(w)
			select {
			case c.winch <- w:
			default:
				select {
				case <-c.winch: // an older size no one has read
				default:
				}
				c.winch <- w // this goroutine is the only sender
			}
		}
	}()
	return c
}

func (c *clampedSession) Pty() (ssh.Pty, <-chan ssh.Window, bool) {
	pty, _, ok := c.Session.Pty()
	pty.Window = clampWindow(pty.Window)
	return pty, c.winch, ok
}
