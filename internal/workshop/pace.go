package workshop

import (
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/globomantics/globosim/internal/runstats"
)

// A room paces its games' auto-play to what the machine's cores keep up
// with. Hundreds of games auto-playing together can want more CPU than the
// server gets (its cores, or its share of them on a busy machine); then
// every goroutine ready to run waits in the Go scheduler's queue behind
// hundreds of games' ticks, frames and writes, and a key's echo, which
// passes through several of them, takes seconds. So the room watches how
// long runnable goroutines wait for a core (runtime/metrics) and, while
// that wait is long, stretches the time between every game's auto-play
// ticks; as it shortens, the games go back to their speed. A game's
// outcome does not depend on it: only the wall-clock time between its
// days does.
const (
	paceEvery = 250 * time.Millisecond // how often the pace is set
	// The scheduler's p99 wait above which the games slow down, and below
	// which they speed up again; between the two the pace holds.
	paceSlowAbove = 20 * time.Millisecond
	paceFastBelow = 4 * time.Millisecond
	paceMost      = 8.0 // at most this many times slower
	paceSlower    = 1.25
	paceFaster    = 1.05
	paceSamples   = 20 // fewer waits in a period say nothing: speed up
)

// nextPace is the pace after a period in which the scheduler's p99 wait
// was wait over samples waits; 1 is the games' own speed, 2 half of it.
func nextPace(pace float64, wait time.Duration, samples uint64) float64 {
	switch {
	case samples >= paceSamples && wait > paceSlowAbove:
		return min(pace*paceSlower, paceMost)
	case samples < paceSamples || wait < paceFastBelow:
		return max(pace/paceFaster, 1)
	}
	return pace
}

// pacer sets a room's pace every paceEvery until stopped.
type pacer struct {
	pace   atomic.Uint64 // math.Float64bits of the pace
	most   atomic.Uint64 // the slowest pace so far
	before runstats.Hist // the scheduler's waits at the last step
	stop   chan struct{}
	done   chan struct{}
	closed sync.Once
}

func newPacer() *pacer {
	p := &pacer{stop: make(chan struct{}), done: make(chan struct{})}
	p.pace.Store(math.Float64bits(1))
	p.most.Store(math.Float64bits(1))
	p.before = runstats.Read(runstats.SchedLatency)
	return p
}

func startPacer() *pacer {
	p := newPacer()
	go p.run()
	return p
}

func (p *pacer) run() {
	defer close(p.done)
	t := time.NewTicker(paceEvery)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.step(runstats.Read(runstats.SchedLatency))
		}
	}
}

// step sets the pace from the scheduler's waits counted since the last
// step (now is the count so far).
func (p *pacer) step(now runstats.Hist) {
	d := now.Since(p.before)
	p.before = now
	pace := nextPace(p.Pace(), d.Quantile(0.99), d.Total())
	p.pace.Store(math.Float64bits(pace))
	if pace > p.Slowest() {
		p.most.Store(math.Float64bits(pace))
	}
}

// Pace is how many times slower than their speed the games auto-play now.
func (p *pacer) Pace() float64 { return math.Float64frombits(p.pace.Load()) }

// Slowest is the slowest pace so far.
func (p *pacer) Slowest() float64 { return math.Float64frombits(p.most.Load()) }

// close stops it (a room may be closed more than once).
func (p *pacer) close() {
	p.closed.Do(func() {
		close(p.stop)
		<-p.done
	})
}
