package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/crypto/ssh"
)

// participant is one SSH connection to the room, as a player's terminal:
// it answers the terminal's queries and keeps the text shown since the
// last mark (escape sequences taken out, at most keepText of it).
type participant struct {
	name  string
	conn  *ssh.Client
	stdin io.Writer

	mu      sync.Mutex
	text    []byte // shown since the mark
	pending []byte // the end of the output that may be half an escape sequence
	ended   bool
	state   string        // the last of stateTexts shown
	changed chan struct{} // coalesced: text grew or the output ended
}

// stateTexts say where a game is: the auto-play speeds in the header
// (fastest before fast, which it begins with), a question waiting, paused,
// and the end screen.
var stateTexts = []string{"playing fastest", "playing slow", "playing normal", "playing fast", askingText, pausedText, "GAME OVER", "YOU WON", "Skill or luck?", "Your answers", "scoring…"}

// shortStates are the header's short forms of the speeds (a full header,
// or a room that slows its games: "▶ fast (slowed)"), as stateTexts name
// them.
var shortStates = map[string]string{"▶ fastest": "playing fastest", "▶ slow": "playing slow", "▶ normal": "playing normal", "▶ fast": "playing fast"}

// keepText bounds what a participant keeps of the screen: the newest.
const keepText = 64 << 10

var errEnded = errors.New("the session ended")

// dial connects as name from the loopback address from, with a terminal of
// width×height.
func dial(addr, from, name string, width, height int) (*participant, error) {
	cfg := &ssh.ClientConfig{
		User:            name,
		Auth:            []ssh.AuthMethod{ssh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })},
		HostKeyCallback: ssh.InsecureIgnoreHostKey(), // loopback, a server of our own
		Timeout:         time.Minute,
	}
	d := net.Dialer{Timeout: cfg.Timeout}
	if from != "" {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(from)}
	}
	tcp, err := d.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	c, chans, reqs, err := ssh.NewClientConn(tcp, addr, cfg)
	if err != nil {
		tcp.Close()
		return nil, err
	}
	conn := ssh.NewClient(c, chans, reqs)
	sess, err := conn.NewSession()
	if err != nil {
		conn.Close()
		return nil, err
	}
	p := &participant{name: name, conn: conn, changed: make(chan struct{}, 1)}
	stdin, err := sess.StdinPipe()
	if err != nil {
		conn.Close()
		return nil, err
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		conn.Close()
		return nil, err
	}
	p.stdin = stdin
	if err := sess.RequestPty("xterm-256color", height, width, ssh.TerminalModes{ssh.ECHO: 0}); err != nil {
		conn.Close()
		return nil, err
	}
	if err := sess.Shell(); err != nil {
		conn.Close()
		return nil, err
	}
	go p.read(stdout)
	return p, nil
}

// read takes the output in, answering the queries a terminal answers (the
// background colour, the device attributes).
func (p *participant) read(r io.Reader) {
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			chunk := buf[:n]
			if bytes.Contains(chunk, []byte("\x1b]11;?")) {
				p.stdin.Write([]byte("\x1b]11;rgb:0000/0000/0000\x07"))
			}
			if bytes.Contains(chunk, []byte("\x1b[c")) {
				p.stdin.Write([]byte("\x1b[?62;22c"))
			}
			p.add(chunk)
		}
		if err != nil {
			p.mu.Lock()
			p.ended = true
			p.mu.Unlock()
			p.signal()
			return
		}
	}
}

// add appends a chunk of output to the text; an escape sequence split
// across reads waits for the next read.
func (p *participant) add(chunk []byte) {
	p.mu.Lock()
	data := append(p.pending, chunk...)
	p.pending = nil
	if i := bytes.LastIndexByte(data, 0x1b); i >= 0 && len(data)-i < 256 {
		p.pending = bytes.Clone(data[i:])
		data = data[:i]
	}
	shown := ansi.Strip(string(data))
	at := -1
	for _, t := range stateTexts {
		if i := strings.LastIndex(shown, t); i > at {
			at, p.state = i, t
		}
	}
	for short, t := range shortStates {
		// "▶ fastest" also begins with "▶ fast": the later, or the longer
		// at the same place, is what the screen shows.
		if i := strings.LastIndex(shown, short); i > at || i == at && i >= 0 && len(t) > len(p.state) {
			at, p.state = i, t
		}
	}
	p.text = append(p.text, shown...)
	if len(p.text) > keepText {
		p.text = append(p.text[:0], p.text[len(p.text)-keepText/2:]...)
	}
	p.mu.Unlock()
	p.signal()
}

func (p *participant) signal() {
	select {
	case p.changed <- struct{}{}:
	default:
	}
}

// shownState is the last of stateTexts the screen showed ("" if none).
func (p *participant) shownState() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.state
}

// mark forgets the text shown so far: what is awaited next must be shown
// after it.
func (p *participant) mark() {
	p.mu.Lock()
	p.text = p.text[:0]
	p.mu.Unlock()
}

// typeKeys sends keys as a terminal sends them ("\r" is enter).
func (p *participant) typeKeys(keys string) error {
	_, err := io.WriteString(p.stdin, keys)
	return err
}

// await waits until the text since the mark shows one of texts, and
// returns which (its index), keeping the text after it for the next wait.
func (p *participant) await(d time.Duration, texts ...string) (int, error) {
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	for {
		p.mu.Lock()
		best, at := -1, len(p.text)
		for i, t := range texts {
			if j := bytes.Index(p.text, []byte(t)); j >= 0 && j < at {
				best, at = i, j
			}
		}
		if best >= 0 {
			p.text = append(p.text[:0], p.text[at+len(texts[best]):]...)
			p.mu.Unlock()
			return best, nil
		}
		ended, seen := p.ended, string(p.text)
		p.mu.Unlock()
		if ended {
			return -1, fmt.Errorf("%s: %w without showing %q; the end of its screen: %s", p.name, errEnded, texts, tail(seen))
		}
		select {
		case <-p.changed:
		case <-deadline.C:
			return -1, fmt.Errorf("%s: waited %v for %q; the end of its screen: %s", p.name, d, texts, tail(seen))
		}
	}
}

func (p *participant) close() { p.conn.Close() }

func tail(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = "…" + s[len(s)-300:]
	}
	return s
}
