package des

import (
	"errors"
	"fmt"
	"math/bits"
)

// Time is simulated working time in whole minutes. Integer time keeps every
// run exact and identical across machines.
type Time int64

// Units of simulated time. A day and a week depend on the scenario's working
// hours, so they are not constants; see Scenario.Day and Scenario.Week.
const (
	Minute Time = 1
	Hour   Time = 60
)

// Hours reports t as a (fractional) number of hours.
func (t Time) Hours() float64 { return float64(t) / float64(Hour) }

// Action is the callback an event runs. The argument is whatever the caller
// scheduled it with (an item or stage index), so that callbacks can be made
// once and scheduled many times without allocating.
type Action func(arg int)

// Handler names an action registered with Kernel.On. An event holds a
// handler and an argument, not a callback: the queue is plain data, which
// costs no write barrier and no garbage collector's scan, and which a copy
// of the kernel could rebind to a copy of the model.
type Handler uint32

// EventID names a scheduled event so that it can be cancelled.
type EventID uint64

// ErrNegativeDelay is returned when an event is scheduled in the past.
var ErrNegativeDelay = errors.New("des: negative delay")

// event is one entry of the queue. It holds no pointer, so moving events
// around the heap needs no write barrier while the garbage collector runs,
// and the collector never scans the queue.
type event struct {
	at      Time
	seq     uint64
	handler Handler
	arg     int32
}

// before reports whether e runs before o: (at, seq) compared as one
// 128-bit number (times are never negative), with no branch to mispredict.
func (e *event) before(o *event) bool {
	return e.borrow(o) != 0
}

// borrow is 1 if e runs before o, else 0.
func (e *event) borrow(o *event) uint64 {
	_, b := bits.Sub64(e.seq, o.seq, 0)
	_, b = bits.Sub64(uint64(e.at), uint64(o.at), b)
	return b
}

// Kernel is a discrete-event scheduler: a clock and a queue of events ordered
// by (time, sequence number), so events at equal times run in the order they
// were scheduled. Callbacks run one at a time on the caller's goroutine.
// The zero value is ready to use at time 0.
type Kernel struct {
	now     Time
	seq     uint64
	heap    []event
	actions []Action // by Handler
	// spent: the root of the heap is the event running now. Most events
	// schedule the next one; the first Schedule takes the root's place
	// (one sift instead of a removal and an insertion).
	spent bool
}

// settle removes the running event from the root, if it is still there.
func (k *Kernel) settle() {
	if k.spent {
		k.spent = false
		k.remove(0)
	}
}

// Reuse gives a new kernel (the zero value, before any On or Schedule)
// the memory of old's queue and handlers; old is not used again.
func (k *Kernel) Reuse(old *Kernel) {
	k.heap, k.actions = old.heap[:0], old.actions[:0]
}

// On registers an action and returns the handler that schedules it.
func (k *Kernel) On(a Action) Handler {
	k.actions = append(k.actions, a)
	return Handler(len(k.actions) - 1)
}

// Now reports the current simulated time.
func (k *Kernel) Now() Time { return k.now }

// Len reports how many events are pending.
func (k *Kernel) Len() int {
	k.settle()
	return len(k.heap)
}

// Schedule arranges for the handler's action to run with arg delay
// minutes from now. The argument must fit in 32 bits (it is an index).
func (k *Kernel) Schedule(delay Time, h Handler, arg int) (EventID, error) {
	switch {
	case delay < 0:
		return 0, fmt.Errorf("%w: %d", ErrNegativeDelay, delay)
	case int(h) >= len(k.actions):
		return 0, fmt.Errorf("des: handler %d was never registered", h)
	case arg != int(int32(arg)):
		return 0, fmt.Errorf("des: event argument %d does not fit in 32 bits", arg)
	}
	k.seq++
	e := event{at: k.now + delay, seq: k.seq, handler: h, arg: int32(arg)}
	if k.spent { // no event is before e: it can only go down
		k.spent = false
		k.heap[0] = e
		k.down(0)
		return EventID(k.seq), nil
	}
	k.heap = append(k.heap, e)
	k.up(len(k.heap) - 1)
	return EventID(k.seq), nil
}

// Cancel removes a pending event and reports whether it was pending.
// It costs a scan of the queue; the model cancels rarely.
func (k *Kernel) Cancel(id EventID) bool {
	k.settle()
	for i := range k.heap {
		if k.heap[i].seq == uint64(id) {
			k.remove(i)
			return true
		}
	}
	return false
}

// Peek reports the time of the next event, if there is one.
func (k *Kernel) Peek() (Time, bool) {
	k.settle()
	if len(k.heap) == 0 {
		return 0, false
	}
	return k.heap[0].at, true
}

// DueNow reports whether an event other than the one running is due at
// the current time: one that would run before an event scheduled now with
// no delay.
func (k *Kernel) DueNow() bool {
	h := k.heap
	if k.spent { // the root is the event running; the next is a child of it
		return len(h) > 1 && h[1].at == k.now || len(h) > 2 && h[2].at == k.now
	}
	return len(h) > 0 && h[0].at == k.now
}

// Step runs the next event and reports whether there was one.
func (k *Kernel) Step() bool {
	k.settle()
	if len(k.heap) == 0 {
		return false
	}
	h, arg := k.take()
	k.actions[h](arg)
	k.settle()
	return true
}

// Next takes the next event due before t off the queue and moves the clock
// to its time, for the caller to run: it returns the event's handler and
// argument, or ok false if no event is due before t. A loop that knows some
// of its handlers can call their methods directly (a direct call instead of
// a closure's, through its method value's wrapper) and Run the rest.
func (k *Kernel) Next(t Time) (h Handler, arg int, ok bool) {
	k.settle()
	if len(k.heap) == 0 || k.heap[0].at >= t {
		return 0, 0, false
	}
	h, arg = k.take()
	return h, arg, true
}

// take moves the clock to the next event and takes it off the queue: it
// stays at the root, spent, until settled. The queue must not be empty.
func (k *Kernel) take() (Handler, int) {
	e := &k.heap[0]
	k.now = e.at
	k.spent = true
	return e.handler, int(e.arg)
}

// Run runs the handler's action with arg, as an event taken with Next.
func (k *Kernel) Run(h Handler, arg int) { k.actions[h](arg) }

// RunUntil runs every event scheduled before t and then sets the clock to t.
// Events at exactly t stay pending, as in SimPy. Running into the past is an
// error.
func (k *Kernel) RunUntil(t Time) error {
	if t < k.now {
		return fmt.Errorf("des: run until %d, but the time is already %d", t, k.now)
	}
	for {
		h, arg, ok := k.Next(t)
		if !ok {
			break
		}
		k.actions[h](arg)
	}
	k.now = t
	return nil
}

func (k *Kernel) remove(i int) {
	last := len(k.heap) - 1
	if i != last {
		k.heap[i] = k.heap[last]
	}
	k.heap = k.heap[:last]
	if i < last {
		k.down(i)
		k.up(i)
	}
}

// up moves the event at i toward the root until its parent is before it.
func (k *Kernel) up(i int) {
	h := k.heap
	e := h[i]
	for i > 0 {
		p := (i - 1) / 2
		if !e.before(&h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = e
}

// down moves the event at i toward the leaves until it is before its
// children.
func (k *Kernel) down(i int) {
	h := k.heap
	n := len(h)
	e := h[i]
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if r := c + 1; r < n {
			c += int(h[r].borrow(&h[c])) // the child that runs first
		}
		if !h[c].before(&e) {
			break
		}
		h[i] = h[c]
		i = c
	}
	h[i] = e
}
