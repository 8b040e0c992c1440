package sim

import (
	"runtime"
	"sync"
)

// Replicate runs run(seed) for seeds first..first+n-1 on up to workers
// goroutines (all cores when workers < 1) and returns the results in seed
// order, so the outcome never depends on the number of cores.
func Replicate[R any](n int, first uint64, workers int, run func(seed uint64) R) []R {
	return ReplicateEach(n, first, workers, func(_ *struct{}, seed uint64) R { return run(seed) })
}

// ReplicateEach is Replicate with a W per goroutine, starting at its zero
// value, that run gets with each seed: what a run may leave for the next
// one on the same goroutine (a spent game to reuse the memory of). Which
// runs share a goroutine is not fixed, so no result may depend on it.
func ReplicateEach[W, R any](n int, first uint64, workers int, run func(w *W, seed uint64) R) []R {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	out := make([]R, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var w W
			for i := range next {
				out[i] = run(&w, first+uint64(i))
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// Run simulates the scenario with the seed for the given number of weeks
// and returns its metrics. The error is why the run stopped early (an
// *Overflow: the metrics are those up to that point) or a negative number
// of weeks.
func Run(sc *Scenario, seed uint64, weeks int) (Result, error) {
	s := New(sc, seed)
	err := s.RunUntil(Time(weeks) * sc.Week())
	return s.Result(), err
}
