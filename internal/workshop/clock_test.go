package workshop

import (
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock that moves only when a test moves it: deadlines
// fall due in Advance, on the test's goroutine, in order of time.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	at   time.Time
	f    func()
	done bool // fired or stopped
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 3, 12, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) AfterFunc(d time.Duration, f func()) func() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{at: c.now.Add(d), f: f}
	c.timers = append(c.timers, t)
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		was := !t.done
		t.done = true
		return was
	}
}

// Advance moves the clock on by d and runs every timer that falls due,
// those they set included.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	target := c.now.Add(d)
	for {
		var next *fakeTimer
		for _, t := range c.timers {
			if !t.done && !t.at.After(target) && (next == nil || t.at.Before(next.at)) {
				next = t
			}
		}
		if next == nil {
			break
		}
		next.done = true
		c.now = next.at
		c.mu.Unlock()
		next.f()
		c.mu.Lock()
	}
	c.now = target
	live := c.timers[:0]
	for _, t := range c.timers {
		if !t.done {
			live = append(live, t)
		}
	}
	c.timers = live
	c.mu.Unlock()
}

func TestFakeClock(t *testing.T) {
	c := newFakeClock()
	var got []int
	c.AfterFunc(2*time.Second, func() { got = append(got, 2) })
	stop := c.AfterFunc(time.Second, func() { got = append(got, 1) })
	c.AfterFunc(3*time.Second, func() {
		got = append(got, 3)
		c.AfterFunc(time.Second, func() { got = append(got, 4) })
	})
	if !stop() || stop() {
		t.Fatal("stop reports wrongly")
	}
	c.Advance(1999 * time.Millisecond)
	if len(got) != 0 {
		t.Fatalf("ran %v before their time", got)
	}
	c.Advance(5 * time.Second)
	if len(got) != 3 || got[0] != 2 || got[1] != 3 || got[2] != 4 {
		t.Fatalf("ran %v, want [2 3 4]", got)
	}
}
