package workshop

import (
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// keyBucket limits how fast one connection's keys reach its program: a
// token bucket that refills at rate keys a second up to burst. Keys beyond
// it are dropped, so a flood of input (a stuck key, a paste of a book, a
// script) costs the server next to nothing and slows no one else.
type keyBucket struct {
	rate   float64 // keys a second
	burst  float64
	tokens float64
	last   time.Time
	now    func() time.Time

	seen, passed atomic.Int64 // keys offered and let through, for tests
}

func newKeyBucket(rate float64, burst int, now func() time.Time) *keyBucket {
	return &keyBucket{rate: rate, burst: float64(burst), tokens: float64(burst), last: now(), now: now}
}

// take asks for n keys and returns how many may pass.
func (b *keyBucket) take(n int) int {
	t := b.now()
	b.tokens = min(b.burst, b.tokens+t.Sub(b.last).Seconds()*b.rate)
	b.last = t
	allowed := min(n, int(b.tokens))
	b.tokens -= float64(allowed)
	return allowed
}

// limit passes a key message through the bucket: whole, cut short (typed
// text beyond the limit is dropped), or not at all (ok is false).
func (b *keyBucket) limit(msg tea.KeyMsg) (tea.KeyMsg, bool) {
	n := 1
	if msg.Type == tea.KeyRunes {
		n = max(len(msg.Runes), 1)
	}
	allowed := b.take(n)
	b.seen.Add(int64(n))
	b.passed.Add(int64(allowed))
	switch {
	case allowed == 0:
		return msg, false
	case allowed < n:
		msg.Runes = msg.Runes[:allowed]
	}
	return msg, true
}
