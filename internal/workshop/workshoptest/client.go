// Package workshoptest is an SSH participant for tests of a workshop room:
// it connects as a real SSH client would (golang.org/x/crypto/ssh), asks
// for a terminal of a given size, answers the terminal queries a real
// terminal answers, types keys as bytes and reads the screen's output with
// the escape sequences taken out.
package workshoptest

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/crypto/ssh"
)

// Client is one participant's SSH connection.
type Client struct {
	t       testing.TB
	conn    *ssh.Client
	sess    *ssh.Session
	stdin   io.WriteCloser
	hostKey string

	mu      sync.Mutex
	text    strings.Builder // the output, escape sequences removed
	pending []byte          // the end of the output that may be half an escape sequence
	mark    int             // WaitFor looks from here
	ended   bool            // the output has ended
	changed chan struct{}   // (coalesced) when text grows or the output ends
	done    chan error      // the session's end
}

// Options of a connection.
type Options struct {
	Width, Height int  // the terminal's size; 0 is 100×30 (see ExactSize)
	ExactSize     bool // ask for Width×Height even when they are 0
	NoPTY         bool // ask for no terminal, as ssh -T does
	// Key signs in with this key, as ssh with a key in ~/.ssh or an agent
	// does; nil signs in with none (an empty keyboard-interactive).
	Key ssh.Signer
	// From is the local address to connect from, such as "127.0.0.2" (the
	// whole of 127.0.0.0/8 is loopback); "" lets the system choose.
	From string
}

// Dial connects to addr as user and starts a session. It fails the test if
// the connection cannot be made.
func Dial(t testing.TB, addr, user string, opts Options) *Client {
	t.Helper()
	c, err := Connect(t, addr, user, opts)
	if err != nil {
		t.Fatalf("ssh %s@%s: %v", user, addr, err)
	}
	return c
}

// Connect is Dial returning the error.
func Connect(t testing.TB, addr, user string, opts Options) (*Client, error) {
	if opts.Width == 0 && !opts.ExactSize {
		opts.Width, opts.Height = 100, 30
	}
	c := &Client{t: t, changed: make(chan struct{}, 1), done: make(chan error, 1)}
	auth := []ssh.AuthMethod{ssh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })}
	if opts.Key != nil {
		auth = []ssh.AuthMethod{ssh.PublicKeys(opts.Key)}
	}
	cfg := &ssh.ClientConfig{
		User: user,
		Auth: auth,
		HostKeyCallback: func(_ string, _ net.Addr, key ssh.PublicKey) error {
			c.hostKey = ssh.FingerprintSHA256(key)
			return nil
		},
		Timeout: time.Minute,
	}
	conn, err := dial(addr, opts.From, cfg)
	if err != nil {
		return nil, err
	}
	sess, err := conn.NewSession()
	if err != nil {
		conn.Close()
		return nil, err
	}
	c.conn, c.sess = conn, sess
	if c.stdin, err = sess.StdinPipe(); err != nil {
		conn.Close()
		return nil, err
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		conn.Close()
		return nil, err
	}
	stderr, err := sess.StderrPipe()
	if err != nil {
		conn.Close()
		return nil, err
	}
	if !opts.NoPTY {
		if err := sess.RequestPty("xterm-256color", opts.Height, opts.Width, ssh.TerminalModes{ssh.ECHO: 0}); err != nil {
			conn.Close()
			return nil, err
		}
	}
	if err := sess.Shell(); err != nil {
		conn.Close()
		return nil, err
	}
	var readers sync.WaitGroup
	readers.Add(2)
	go func() { defer readers.Done(); c.read(stdout, true) }()
	go func() { defer readers.Done(); c.read(stderr, false) }()
	go func() {
		err := sess.Wait()
		readers.Wait()
		c.mu.Lock()
		c.ended = true
		c.mu.Unlock()
		c.signal()
		c.done <- err
	}()
	t.Cleanup(c.Close)
	return c, nil
}

// dial connects to addr from the local address from ("" for any).
func dial(addr, from string, cfg *ssh.ClientConfig) (*ssh.Client, error) {
	d := net.Dialer{Timeout: cfg.Timeout}
	if from != "" {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(from)}
	}
	tcp, err := d.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	conn, chans, reqs, err := ssh.NewClientConn(tcp, addr, cfg)
	if err != nil {
		tcp.Close()
		return nil, err
	}
	return ssh.NewClient(conn, chans, reqs), nil
}

// DialTCP opens a bare TCP connection to addr from the local address from
// ("" for any): a stranger that may say nothing at all.
func DialTCP(t testing.TB, addr, from string) net.Conn {
	t.Helper()
	d := net.Dialer{Timeout: time.Minute}
	if from != "" {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(from)}
	}
	conn, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("connecting to %s from %q: %v", addr, from, err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// Keepalive sends the request OpenSSH's ServerAliveInterval sends and
// waits for the answer.
func (c *Client) Keepalive() error {
	_, _, err := c.conn.SendRequest("keepalive@openssh.com", true, nil)
	return err
}

// read collects output, answering the terminal queries the server makes
// (the background colour, the device attributes) as a terminal would.
func (c *Client) read(r io.Reader, answer bool) {
	buf := make([]byte, 32*1024)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			chunk := buf[:n]
			if answer {
				if bytes.Contains(chunk, []byte("\x1b]11;?")) {
					c.stdin.Write([]byte("\x1b]11;rgb:0000/0000/0000\x07"))
				}
				if bytes.Contains(chunk, []byte("\x1b[c")) {
					c.stdin.Write([]byte("\x1b[?62;22c"))
				}
			}
			c.add(chunk)
		}
		if err != nil {
			c.add(nil)
			return
		}
	}
}

// add appends output to the text. An escape sequence may be split across
// reads, so the end of the data from its last ESC waits for the next read.
func (c *Client) add(chunk []byte) {
	c.mu.Lock()
	data := append(c.pending, chunk...)
	c.pending = nil
	if chunk != nil {
		if i := bytes.LastIndexByte(data, 0x1b); i >= 0 && len(data)-i < 256 {
			c.pending = bytes.Clone(data[i:])
			data = data[:i]
		}
	}
	c.text.WriteString(ansi.Strip(string(data)))
	c.mu.Unlock()
	c.signal()
}

func (c *Client) signal() {
	select {
	case c.changed <- struct{}{}:
	default:
	}
}

// Type sends keys as the terminal would send them: "\r" is enter, " "
// space, "\x03" ctrl+c, "\x1b" esc.
func (c *Client) Type(keys string) {
	if _, err := c.stdin.Write([]byte(keys)); err != nil {
		c.t.Logf("typing %q: %v", keys, err)
	}
}

// Resize tells the server the terminal's new size.
func (c *Client) Resize(width, height int) error { return c.sess.WindowChange(height, width) }

// WaitFor waits until the output after the last thing waited for shows
// text, and returns the output from there. It fails the test after d.
func (c *Client) WaitFor(text string, d time.Duration) string {
	c.t.Helper()
	out, err := c.Await(text, d)
	if err != nil {
		c.t.Fatal(err)
	}
	return out
}

// Await is WaitFor returning the error.
func (c *Client) Await(text string, d time.Duration) (string, error) {
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	for {
		c.mu.Lock()
		all := c.text.String()
		seen := all[c.mark:]
		ended := c.ended
		if i := strings.Index(seen, text); i >= 0 {
			c.mark += i + len(text)
			c.mu.Unlock()
			return seen, nil
		}
		c.mu.Unlock()
		if ended {
			return seen, fmt.Errorf("the session ended without showing %q; the end of its output:\n%s", text, tail(seen))
		}
		select {
		case <-c.changed:
		case <-deadline.C:
			return seen, fmt.Errorf("waited %v for %q; the end of the output:\n%s", d, text, tail(seen))
		}
	}
}

// Output is everything the session has shown, escape sequences removed.
func (c *Client) Output() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.text.String()
}

// HostKey is the SHA256 fingerprint of the server's host key.
func (c *Client) HostKey() string { return c.hostKey }

// Wait waits up to d for the session to end, and returns its error (nil
// for exit status 0).
func (c *Client) Wait(d time.Duration) error {
	select {
	case err := <-c.done:
		c.done <- err
		return err
	case <-time.After(d):
		return fmt.Errorf("the session had not ended after %v", d)
	}
}

// Close drops the connection, as a closed laptop would.
func (c *Client) Close() {
	c.conn.Close()
}

func tail(s string) string {
	const n = 1500
	if len(s) > n {
		s = "…" + s[len(s)-n:]
	}
	return s
}
