package main

import (
	"fmt"
	"math"
	"runtime/metrics"
	"slices"
	"strings"
	"time"
)

// The Go runtime's figures that make an echo's tail: how long a goroutine
// ready to run waited for a core (the scheduler's latency), how long the
// world stopped for the collector, and the collector's share of the CPU.
var runtimeNames = []string{
	"/sched/latencies:seconds",
	"/sched/pauses/total/gc:seconds",
	"/cpu/classes/gc/total:cpu-seconds",
	"/cpu/classes/total:cpu-seconds",
}

// runtimeStats is a reading of runtimeNames.
type runtimeStats []metrics.Sample

func readRuntime() runtimeStats {
	s := make(runtimeStats, len(runtimeNames))
	for i, n := range runtimeNames {
		s[i].Name = n
	}
	metrics.Read(s)
	return s
}

// since says what happened between an earlier reading and this one.
func (s runtimeStats) since(before runtimeStats) string {
	var parts []string
	for i := range runtimeNames[:2] {
		if s[i].Value.Kind() != metrics.KindFloat64Histogram || before[i].Value.Kind() != metrics.KindFloat64Histogram {
			continue
		}
		h := histDelta(s[i].Value.Float64Histogram(), before[i].Value.Float64Histogram())
		what := "a runnable goroutine waited for a core"
		if i == 1 {
			what = "the collector stopped the world"
		}
		parts = append(parts, fmt.Sprintf("%s: p50 %s, p99 %s, max %s (%d times)", what,
			msText(h.quantile(0.5)), msText(h.quantile(0.99)), msText(h.quantile(1)), h.total()))
	}
	if s[2].Value.Kind() == metrics.KindFloat64 && s[3].Value.Kind() == metrics.KindFloat64 {
		if total := s[3].Value.Float64() - before[3].Value.Float64(); total > 0 {
			parts = append(parts, fmt.Sprintf("the collector's share of the CPU %.0f%%", 100*(s[2].Value.Float64()-before[2].Value.Float64())/total))
		}
	}
	return strings.Join(parts, "; ")
}

// hist is a histogram's buckets (boundaries as runtime/metrics has them)
// and counts.
type hist struct {
	buckets []float64
	counts  []uint64
}

func histDelta(now, before *metrics.Float64Histogram) hist {
	h := hist{buckets: now.Buckets, counts: slices.Clone(now.Counts)}
	if len(before.Counts) == len(now.Counts) {
		for i := range h.counts {
			h.counts[i] -= before.Counts[i]
		}
	}
	return h
}

func (h hist) total() uint64 {
	var n uint64
	for _, c := range h.counts {
		n += c
	}
	return n
}

// quantile is the upper bound of the bucket holding the q-th of the
// counts (the lower bound when the upper is infinite).
func (h hist) quantile(q float64) time.Duration {
	n := h.total()
	if n == 0 {
		return 0
	}
	want := uint64(math.Ceil(q * float64(n)))
	var seen uint64
	for i, c := range h.counts {
		seen += c
		if seen >= max(want, 1) {
			hi := h.buckets[i+1]
			if math.IsInf(hi, 1) {
				hi = h.buckets[i]
			}
			return time.Duration(hi * float64(time.Second))
		}
	}
	return 0
}

func msText(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

// echoAt is one key's echo and when, from the start of the play, it was
// sent.
type echoAt struct {
	sent, took time.Duration
}

// spans says the echo's p95 in each span of the play, so a tail that
// comes in bursts shows as such.
func spans(echoes []echoAt, span, wall time.Duration) string {
	n := int(wall/span) + 1
	by := make([][]time.Duration, n)
	for _, e := range echoes {
		i := min(int(e.sent/span), n-1)
		by[i] = append(by[i], e.took)
	}
	var parts []string
	for i, d := range by {
		if len(d) == 0 {
			continue
		}
		slices.Sort(d)
		parts = append(parts, fmt.Sprintf("%ds %s", int((time.Duration(i)*span).Seconds()), msText(d[min(int(0.95*float64(len(d))), len(d)-1)])))
	}
	return strings.Join(parts, ", ")
}
