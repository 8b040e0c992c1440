// Package runstats reads the Go runtime's histograms (runtime/metrics)
// between two moments: how long goroutines ready to run waited for a core,
// how long the collector stopped the world.
package runstats

import (
	"math"
	"runtime/metrics"
	"slices"
	"time"
)

// The histograms read.
const (
	SchedLatency = "/sched/latencies:seconds"       // a runnable goroutine's wait for a core
	GCPauses     = "/sched/pauses/total/gc:seconds" // the world stopped for the collector
)

// Hist is a histogram as runtime/metrics has it: Counts[i] fell between
// Buckets[i] and Buckets[i+1] seconds.
type Hist struct {
	Buckets []float64
	Counts  []uint64
}

// Read is the histogram name now (empty if the runtime has none).
func Read(name string) Hist {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindFloat64Histogram {
		return Hist{}
	}
	h := s[0].Value.Float64Histogram()
	return Hist{Buckets: h.Buckets, Counts: slices.Clone(h.Counts)}
}

// Since is what was counted between an earlier reading and h.
func (h Hist) Since(before Hist) Hist {
	d := Hist{Buckets: h.Buckets, Counts: slices.Clone(h.Counts)}
	if len(before.Counts) == len(h.Counts) {
		for i := range d.Counts {
			d.Counts[i] -= before.Counts[i]
		}
	}
	return d
}

// Total is how many were counted.
func (h Hist) Total() uint64 {
	var n uint64
	for _, c := range h.Counts {
		n += c
	}
	return n
}

// Quantile is the upper bound of the bucket that holds the q-th of the
// counts (its lower bound if the upper is infinite); 0 if none.
func (h Hist) Quantile(q float64) time.Duration {
	n := h.Total()
	if n == 0 {
		return 0
	}
	want := max(uint64(math.Ceil(q*float64(n))), 1)
	var seen uint64
	for i, c := range h.Counts {
		seen += c
		if seen >= want {
			hi := h.Buckets[i+1]
			if math.IsInf(hi, 1) {
				hi = h.Buckets[i]
			}
			return time.Duration(hi * float64(time.Second))
		}
	}
	return 0
}
