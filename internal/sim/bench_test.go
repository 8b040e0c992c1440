package sim

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
)

// The figures these benchmarks give are in README.md's Speed section; compare
// ratios from one run (the machine is shared and noisy).

// bareMM3 is the yardstick: a bare Go M/M/3 queue at 80% load with
// nothing but what the model needs, an event heap ordered by time, a FIFO
// queue, exponential draws from math/rand/v2's PCG and the sum of the lead
// times. It runs n items through the system and returns that sum.
func bareMM3(n int, seed uint64) float64 {
	type ev struct {
		at   float64
		done bool
		arr  float64 // the item's arrival, for a completion
	}
	heap := make([]ev, 0, 16)
	push := func(e ev) {
		heap = append(heap, e)
		for i := len(heap) - 1; i > 0; {
			p := (i - 1) / 2
			if heap[p].at <= heap[i].at {
				break
			}
			heap[i], heap[p] = heap[p], heap[i]
			i = p
		}
	}
	pop := func() ev {
		e := heap[0]
		n := len(heap) - 1
		heap[0] = heap[n]
		heap = heap[:n]
		for i := 0; ; {
			c := 2*i + 1
			if c >= n {
				break
			}
			if c+1 < n && heap[c+1].at < heap[c].at {
				c++
			}
			if heap[i].at <= heap[c].at {
				break
			}
			heap[i], heap[c] = heap[c], heap[i]
			i = c
		}
		return e
	}
	r := rand.New(rand.NewPCG(seed, 2))
	const lambda, mu, servers = 2.4, 1.0, 3
	var queue []float64 // arrival times of waiting items
	busy, done := 0, 0
	lead := 0.0
	push(ev{at: r.ExpFloat64() / lambda})
	for done < n {
		e := pop()
		if !e.done {
			push(ev{at: e.at + r.ExpFloat64()/lambda})
			if busy < servers {
				busy++
				push(ev{at: e.at + r.ExpFloat64()/mu, done: true, arr: e.at})
			} else {
				queue = append(queue, e.at)
			}
			continue
		}
		done++
		lead += e.at - e.arr
		if len(queue) > 0 {
			a := queue[0]
			queue = queue[1:]
			push(ev{at: e.at + r.ExpFloat64()/mu, done: true, arr: a})
		} else {
			busy--
		}
	}
	return lead
}

// BenchmarkBareMM3 runs the yardstick; one op is one item.
func BenchmarkBareMM3(b *testing.B) {
	if bareMM3(b.N, 1) < 0 {
		b.Fatal("negative lead time")
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds()/1e6, "Mitems/s")
}

// BenchmarkVsBare takes turns, about 100 000 items each, between the bare
// loop, the engine (Sim) and the game layer (RunGame, what `globosim run`
// does) on the same M/M/3 queue, and reports each one's speed as a share of
// the bare loop's: on a shared, noisy machine the turns see the same noise.
// One op is one round of three turns.
func BenchmarkVsBare(b *testing.B) {
	sc := oneStage(2.4, 1, 3)
	sc.Weeks = 1000 // about 96 000 items
	var bare, engine, game time.Duration
	var bareN, engineN, gameN int
	for i := range b.N {
		seed := uint64(i + 1)
		t := time.Now()
		bareMM3(100000, seed)
		bare += time.Since(t)
		bareN += 100000

		t = time.Now()
		s := New(sc, seed)
		s.RunUntil(Time(sc.Weeks) * sc.Week())
		engine += time.Since(t)
		engineN += s.stats.completed

		t = time.Now()
		r := RunGame(sc, seed, 0, nil)
		game += time.Since(t)
		gameN += r.Summary.Completed
	}
	rate := func(n int, d time.Duration) float64 { return float64(n) / d.Seconds() }
	b.ReportMetric(rate(bareN, bare)/1e6, "bare-Mitems/s")
	b.ReportMetric(rate(engineN, engine)/rate(bareN, bare), "engine/bare")
	b.ReportMetric(rate(gameN, game)/rate(bareN, bare), "game/bare")
}

// BenchmarkMM3 runs the whole engine, metrics included, on a one-stage M/M/3
// scenario at 80% load; one op is one work item through the system.
func BenchmarkMM3(b *testing.B) {
	sc := oneStage(2.4, 1, 3)
	s := New(sc, 1)
	s.RunUntil(1000 * Hour) // warm up: pools and queues reach their size
	start := s.stats.completed
	b.ReportAllocs()
	b.ResetTimer()
	// λ = 2.4 items an hour: run long enough for about b.N items.
	s.RunUntil(s.Now() + Time(float64(b.N)/2.4*60) + 1)
	b.StopTimer()
	done := s.stats.completed - start
	b.ReportMetric(float64(done)/b.Elapsed().Seconds()/1e6, "Mitems/s")
}

// BenchmarkRunGameMM3 is what `globosim run` does with a one-stage M/M/3
// scenario: the game layer over the engine (a queueing model has no money
// or market, but the game still logs arrivals, changes and DORA numbers)
// and the result, over 1000 weeks (about 96 000 items). One op is one item.
func BenchmarkRunGameMM3(b *testing.B) {
	sc := oneStage(2.4, 1, 3)
	sc.Weeks = 1000
	items := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; items < b.N; i++ {
		r := RunGame(sc, uint64(i+1), 0, nil)
		items += r.Summary.Completed
	}
	b.StopTimer()
	b.ReportMetric(float64(items)/b.Elapsed().Seconds()/1e6, "Mitems/s")
	b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(items), "ns/item")
}

// BenchmarkGameWeeks runs the game layer (RunGame) on the M/M/3 queue over
// 52, 520 and 5200 weeks: the cost per week must not grow with the weeks.
// (The built-in games cannot show it: over hundreds of weeks their queues
// grow without end, as the codebase's regression suite does, and the game
// is lost or stopped.)
func BenchmarkGameWeeks(b *testing.B) {
	sc := oneStage(2.4, 1, 3)
	for _, weeks := range []int{52, 520, 5200} {
		b.Run(strconv.Itoa(weeks), func(b *testing.B) {
			b.ReportAllocs()
			played := 0
			for i := range b.N {
				played += RunGame(sc, uint64(i+1), weeks, nil).Weeks
			}
			b.ReportMetric(b.Elapsed().Seconds()*1e6/float64(played), "µs/week")
		})
	}
}

// TestEngineDoesNotAllocatePerEvent checks that, once warm, moving items
// through a stage allocates nothing per item.
func TestEngineDoesNotAllocatePerEvent(t *testing.T) {
	sc := oneStage(2.4, 1, 3)
	sc.Stages[0].ReworkProb, sc.Stages[0].ReworkTo = 0.1, 0
	s := New(sc, 1)
	s.RunUntil(2000 * Hour)
	allocs := testing.AllocsPerRun(20, func() {
		// Within a week, so no weekly row is added.
		s.RunUntil(s.Now() + 10*Hour)
	})
	if allocs > 0.5 {
		t.Fatalf("%.1f allocations per 10 simulated hours (about 24 items); want none", allocs)
	}
}
