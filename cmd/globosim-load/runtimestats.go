package main

import (
	"fmt"
	"runtime/metrics"
	"slices"
	"strings"
	"time"

	"github.com/globomantics/globosim/internal/runstats"
)

// runtimeStats is a reading of the Go runtime's figures that make an
// echo's tail: how long a goroutine ready to run waited for a core (the
// scheduler's latency), how long the world stopped for the collector, and
// the collector's share of the CPU.
type runtimeStats struct {
	sched, pauses runstats.Hist
	cpu           []metrics.Sample // the collector's CPU, all the CPU
}

func readRuntime() runtimeStats {
	s := runtimeStats{sched: runstats.Read(runstats.SchedLatency), pauses: runstats.Read(runstats.GCPauses),
		cpu: []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}, {Name: "/cpu/classes/total:cpu-seconds"}}}
	metrics.Read(s.cpu)
	return s
}

// since says what happened between an earlier reading and this one.
func (s runtimeStats) since(before runtimeStats) string {
	line := func(what string, h runstats.Hist) string {
		return fmt.Sprintf("%s: p50 %s, p99 %s, max %s (%d times)", what,
			msText(h.Quantile(0.5)), msText(h.Quantile(0.99)), msText(h.Quantile(1)), h.Total())
	}
	parts := []string{
		line("a runnable goroutine waited for a core", s.sched.Since(before.sched)),
		line("the collector stopped the world", s.pauses.Since(before.pauses)),
	}
	if s.cpu[0].Value.Kind() == metrics.KindFloat64 && s.cpu[1].Value.Kind() == metrics.KindFloat64 {
		if total := s.cpu[1].Value.Float64() - before.cpu[1].Value.Float64(); total > 0 {
			parts = append(parts, fmt.Sprintf("the collector's share of the CPU %.0f%%", 100*(s.cpu[0].Value.Float64()-before.cpu[0].Value.Float64())/total))
		}
	}
	return strings.Join(parts, "; ")
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
