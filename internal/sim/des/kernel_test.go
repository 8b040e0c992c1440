package des

import (
	"errors"
	"fmt"
	"math"
	"testing"
)

func ExampleKernel() {
	var k Kernel
	say := func(what string) Action {
		return func(arg int) { fmt.Printf("t=%d %s %d\n", k.Now(), what, arg) }
	}
	k.Schedule(30, k.On(say("build")), 1)
	k.Schedule(10, k.On(say("test")), 2)
	k.Schedule(30, k.On(say("deploy")), 3) // same time as build: runs after it
	k.RunUntil(60)
	fmt.Println("now", k.Now())
	// Output:
	// t=10 test 2
	// t=30 build 1
	// t=30 deploy 3
	// now 60
}

func TestKernelOrdersByTimeThenSequence(t *testing.T) {
	var k Kernel
	var got []int
	rec := k.On(func(arg int) { got = append(got, arg) })
	// Many events at a few times, scheduled in a scrambled order.
	for i := range 200 {
		k.Schedule(Time((i*7)%5), rec, i)
	}
	last := Time(-1)
	for k.Step() {
		if k.Now() < last {
			t.Fatalf("time went backwards: %d after %d", k.Now(), last)
		}
		last = k.Now()
	}
	// Within each time, events must come in scheduling order.
	for i, arg := range got {
		tm := Time((arg * 7) % 5)
		if i > 0 {
			prev := got[i-1]
			pt := Time((prev * 7) % 5)
			if pt > tm || (pt == tm && prev > arg) {
				t.Fatalf("event %d (t=%d) ran after %d (t=%d)", arg, tm, prev, pt)
			}
		}
	}
	if len(got) != 200 {
		t.Fatalf("ran %d events, want 200", len(got))
	}
}

func TestKernelRejectsThePast(t *testing.T) {
	var k Kernel
	if _, err := k.Schedule(-1, k.On(func(int) {}), 0); !errors.Is(err, ErrNegativeDelay) {
		t.Fatalf("negative delay: got %v", err)
	}
	if err := k.RunUntil(100); err != nil {
		t.Fatal(err)
	}
	if err := k.RunUntil(50); err == nil {
		t.Fatal("RunUntil into the past: want an error")
	}
	if k.Now() != 100 {
		t.Fatalf("now = %d after a refused RunUntil, want 100", k.Now())
	}
}

func TestKernelRunUntilLeavesEventsAtTheBoundary(t *testing.T) {
	var k Kernel
	ran := 0
	k.Schedule(10, k.On(func(int) { ran++ }), 0)
	k.RunUntil(10)
	if ran != 0 {
		t.Fatal("an event at exactly the RunUntil time ran; it should stay pending")
	}
	if at, ok := k.Peek(); !ok || at != 10 {
		t.Fatalf("Peek = %d, %v; want 10, true", at, ok)
	}
	k.RunUntil(11)
	if ran != 1 {
		t.Fatal("event did not run")
	}
}

func TestKernelCancel(t *testing.T) {
	var k Kernel
	var got []int
	rec := k.On(func(arg int) { got = append(got, arg) })
	ids := make([]EventID, 10)
	for i := range ids {
		ids[i], _ = k.Schedule(Time(10-i), rec, i)
	}
	if !k.Cancel(ids[3]) || !k.Cancel(ids[9]) {
		t.Fatal("Cancel of a pending event returned false")
	}
	if k.Cancel(ids[3]) {
		t.Fatal("second Cancel of the same event returned true")
	}
	k.RunUntil(100)
	want := []int{8, 7, 6, 5, 4, 2, 1, 0}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("ran %v, want %v", got, want)
	}
	if k.Cancel(ids[0]) {
		t.Fatal("Cancel of an event that already ran returned true")
	}
}

func TestKernelEventsScheduledByEvents(t *testing.T) {
	var k Kernel
	n := 0
	var tick Handler
	tick = k.On(func(int) {
		n++
		if n < 5 {
			k.Schedule(0, tick, 0) // zero delay: same time, later sequence
		}
	})
	k.Schedule(3, tick, 0)
	k.RunUntil(4)
	if n != 5 || k.Now() != 4 {
		t.Fatalf("n=%d now=%d, want 5 and 4", n, k.Now())
	}
}

func TestKernelRejectsBadHandlersAndArguments(t *testing.T) {
	var k Kernel
	if _, err := k.Schedule(1, 0, 0); err == nil {
		t.Error("a handler never registered: want an error")
	}
	h := k.On(func(int) {})
	if _, err := k.Schedule(1, h, 1<<40); err == nil {
		t.Error("an argument beyond 32 bits: want an error")
	}
	if _, err := k.Schedule(1, h, -5); err != nil {
		t.Errorf("a negative argument that fits: %v", err)
	}
}

// Events that schedule, cancel and peek from inside their callbacks run in
// (time, sequence) order, as a plain sorted list of pending events says.
func TestKernelCallbacksThatScheduleCancelAndPeek(t *testing.T) {
	type pending struct {
		at  Time
		id  EventID
		arg int
	}
	var (
		k    Kernel
		want []pending // the reference queue, kept sorted by (at, id)
		ran  int
	)
	s := NewStream(3, "kernel-test")
	insert := func(p pending) {
		i := len(want)
		for i > 0 && (want[i-1].at > p.at || want[i-1].at == p.at && want[i-1].id > p.id) {
			i--
		}
		want = append(want[:i], append([]pending{p}, want[i:]...)...)
	}
	var h Handler
	schedule := func(delay Time, arg int) {
		id, err := k.Schedule(delay, h, arg)
		if err != nil {
			t.Fatal(err)
		}
		insert(pending{k.Now() + delay, id, arg})
	}
	h = k.On(func(arg int) {
		if len(want) == 0 || want[0].arg != arg || want[0].at != k.Now() {
			t.Fatalf("ran %d at %d; the reference says %v", arg, k.Now(), want[:min(1, len(want))])
		}
		want = want[1:]
		ran++
		if ran > 5000 {
			return
		}
		if s.IntN(4) == 0 && len(want) > 0 { // cancel a pending event
			j := s.IntN(len(want))
			if !k.Cancel(want[j].id) {
				t.Fatalf("Cancel of pending %v returned false", want[j])
			}
			want = append(want[:j], want[j+1:]...)
		}
		if s.IntN(3) == 0 {
			if at, ok := k.Peek(); ok != (len(want) > 0) || ok && at != want[0].at {
				t.Fatalf("Peek = %d, %v inside a callback; want the reference's next %v", at, ok, want[:min(1, len(want))])
			}
			if k.Len() != len(want) {
				t.Fatalf("Len = %d inside a callback, want %d", k.Len(), len(want))
			}
		}
		for range s.IntN(3) + s.IntN(2) { // 1.5 on average: a fourth are cancelled
			schedule(Time(s.IntN(50)), s.IntN(1000000))
		}
	})
	for range 20 {
		schedule(Time(s.IntN(50)), s.IntN(1000000))
	}
	if err := k.RunUntil(1 << 40); err != nil {
		t.Fatal(err)
	}
	if len(want) != 0 || k.Len() != 0 || ran < 1000 {
		t.Fatalf("ran %d events; %d left in the reference, %d in the kernel", ran, len(want), k.Len())
	}
}

// Events run in (time, sequence) order for any times, up to the largest a
// draw can give: the order compares both as one 128-bit number.
func TestKernelOrderAtAnyTime(t *testing.T) {
	var k Kernel
	s := NewStream(5, "order")
	type ran struct {
		at  Time
		seq int
	}
	var got []ran
	var h Handler
	n := 0
	h = k.On(func(arg int) {
		got = append(got, ran{k.Now(), arg})
		for range 2 {
			if n < 5000 {
				n++
				delay := Time(s.Uint64() % 4)
				if s.Bernoulli(0.1) {
					delay = Time(s.Uint64() % (math.MaxInt64 / 8))
				}
				k.Schedule(delay, h, n)
			}
		}
	})
	k.Schedule(0, h, 0)
	for k.Step() {
	}
	if len(got) != 5001 {
		t.Fatalf("ran %d events, want 5001", len(got))
	}
	for i := 1; i < len(got); i++ {
		a, b := got[i-1], got[i]
		if b.at < a.at || (b.at == a.at && b.seq < a.seq) {
			t.Fatalf("event %d at %d ran after event %d at %d", b.seq, b.at, a.seq, a.at)
		}
	}
}

// A kernel reusing a spent one's memory runs as a new kernel does.
func TestKernelReuse(t *testing.T) {
	var old Kernel
	h := old.On(func(int) {})
	for i := range 100 {
		if _, err := old.Schedule(Time(i), h, i); err != nil {
			t.Fatal(err)
		}
	}
	old.Step()
	var k Kernel
	k.Reuse(&old)
	var got []int
	h = k.On(func(arg int) { got = append(got, arg) })
	for _, d := range []Time{5, 1, 3} {
		if _, err := k.Schedule(d, h, int(d)); err != nil {
			t.Fatal(err)
		}
	}
	if err := k.RunUntil(10); err != nil {
		t.Fatal(err)
	}
	if k.Len() != 0 || len(got) != 3 || got[0] != 1 || got[1] != 3 || got[2] != 5 || cap(k.heap) < 100 {
		t.Fatalf("ran %v, %d pending, room for %d", got, k.Len(), cap(k.heap))
	}
}

// Events with no delay run after every event pending at the time now and
// before any later one. With many of them, and cancels, peeks and runs to
// a time from inside callbacks and out, the kernel runs the same events in
// the same order as a plain sorted list of pending events says, whether
// driven by Step, Next and Run (the Sim's loop), or RunUntil.
func TestKernelZeroDelaysKeepTheOrder(t *testing.T) {
	for seed := range uint64(20) {
		type pending struct {
			at  Time
			id  EventID
			arg int
		}
		var (
			k    Kernel
			want []pending // the reference queue, kept sorted by (at, id)
			ran  int
		)
		s := NewStream(seed, "kernel-zero")
		insert := func(p pending) {
			i := len(want)
			for i > 0 && (want[i-1].at > p.at || want[i-1].at == p.at && want[i-1].id > p.id) {
				i--
			}
			want = append(want[:i], append([]pending{p}, want[i:]...)...)
		}
		delay := func() Time {
			if s.IntN(5) < 2 { // two in five: no delay
				return 0
			}
			return Time(1 + s.IntN(30))
		}
		var h Handler
		schedule := func(d Time, arg int) {
			id, err := k.Schedule(d, h, arg)
			if err != nil {
				t.Fatal(err)
			}
			insert(pending{k.Now() + d, id, arg})
		}
		check := func(where string) {
			if at, ok := k.Peek(); ok != (len(want) > 0) || ok && at != want[0].at {
				t.Fatalf("seed %d: Peek = %d, %v %s; want the reference's next %v", seed, at, ok, where, want[:min(1, len(want))])
			}
			if k.Len() != len(want) {
				t.Fatalf("seed %d: Len = %d %s, want %d", seed, k.Len(), where, len(want))
			}
		}
		cancel := func() {
			if len(want) == 0 {
				return
			}
			j := s.IntN(len(want))
			if !k.Cancel(want[j].id) {
				t.Fatalf("seed %d: Cancel of pending %v returned false", seed, want[j])
			}
			if k.Cancel(want[j].id) {
				t.Fatalf("seed %d: second Cancel of %v returned true", seed, want[j])
			}
			want = append(want[:j], want[j+1:]...)
		}
		h = k.On(func(arg int) {
			if len(want) == 0 || want[0].arg != arg || want[0].at != k.Now() {
				t.Fatalf("seed %d: ran %d at %d; the reference says %v", seed, arg, k.Now(), want[:min(1, len(want))])
			}
			want = want[1:]
			ran++
			if ran > 3000 {
				return
			}
			for range s.IntN(3) { // schedule, cancel and peek in any order
				switch s.IntN(4) {
				case 0:
					cancel()
				case 1:
					check("inside a callback")
				default:
					schedule(delay(), s.IntN(1000000))
				}
			}
			if s.IntN(3) == 0 {
				schedule(delay(), s.IntN(1000000))
			}
		})
		for ran <= 3000 {
			for range 1 + s.IntN(6) { // from outside: some at the time now
				schedule(delay(), s.IntN(1000000))
			}
			if s.IntN(4) == 0 {
				cancel()
			}
			check("between runs")
			switch s.IntN(3) {
			case 0: // a few steps
				for range s.IntN(10) {
					if pending := len(want) > 0; k.Step() != pending {
						t.Fatalf("seed %d: Step and the reference disagree on whether an event is pending", seed)
					}
				}
			case 1: // the Sim's loop: Next and Run until a time
				until := k.Now() + Time(s.IntN(20))
				for {
					h, arg, ok := k.Next(until)
					if !ok {
						break
					}
					k.Run(h, arg)
				}
				if len(want) > 0 && want[0].at < until {
					t.Fatalf("seed %d: Next stopped before %d with %v pending", seed, until, want[0])
				}
			default: // RunUntil: events at exactly the time stay pending
				until := k.Now() + Time(s.IntN(20))
				if err := k.RunUntil(until); err != nil {
					t.Fatal(err)
				}
				if len(want) > 0 && want[0].at < until || k.Now() != until {
					t.Fatalf("seed %d: RunUntil(%d) left %v pending, now %d", seed, until, want[:min(1, len(want))], k.Now())
				}
			}
		}
		if err := k.RunUntil(k.Now() + 1000); err != nil {
			t.Fatal(err)
		}
		check("at the end")
		if len(want) != 0 {
			t.Fatalf("seed %d: %d events left in the reference", seed, len(want))
		}
		// A kernel reusing this one's memory starts empty.
		var next Kernel
		next.Reuse(&k)
		if next.Len() != 0 {
			t.Fatalf("seed %d: a reusing kernel has %d events pending", seed, next.Len())
		}
	}
}

// DueNow says whether an event other than the one running is due at the
// current minute, whether or not the running one has scheduled yet: a
// random schedule of events, many at equal times, checked against a count
// of the events pending at each minute.
func TestKernelDueNow(t *testing.T) {
	var k Kernel
	s := NewStream(3, "due now")
	pending := map[Time]int{} // events pending by time, the running one not counted
	var h Handler
	n, wrong := 0, 0
	h = k.On(func(int) {
		pending[k.Now()]--
		check := func() {
			if k.DueNow() != (pending[k.Now()] > 0) {
				wrong++
			}
		}
		check()
		for range 2 {
			if n < 20000 && s.Bernoulli(0.6) {
				n++
				d := Time(s.IntN(3)) // often now, so often due now
				if _, err := k.Schedule(d, h, n); err != nil {
					t.Fatal(err)
				}
				pending[k.Now()+d]++
				check()
			}
		}
	})
	for i := range 50 {
		if _, err := k.Schedule(Time(i%7), h, 0); err != nil {
			t.Fatal(err)
		}
		pending[Time(i%7)]++
	}
	for k.Step() {
	}
	if wrong > 0 || n < 1000 {
		t.Fatalf("DueNow wrong %d times over %d events", wrong, n)
	}
}
