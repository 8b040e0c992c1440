package sim

import (
	"runtime"
	"sync"
)

// Replicate runs run(seed) for seeds first..first+n-1 on up to workers
// goroutines (all cores when workers < 1) and returns the results in seed
// order, so the outcome never depends on the number of cores.
func Replicate[R any](n int, first uint64, workers int, run func(seed uint64) R) []R {
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
			for i := range next {
				out[i] = run(first + uint64(i))
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
