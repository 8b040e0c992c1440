package runstats

import (
	"math"
	"testing"
	"time"
)

func TestQuantileSince(t *testing.T) {
	before := Hist{Buckets: []float64{0, 0.001, 0.01, math.Inf(1)}, Counts: []uint64{5, 0, 0}}
	now := Hist{Buckets: before.Buckets, Counts: []uint64{95, 4, 1}}
	d := now.Since(before)
	if d.Total() != 95 {
		t.Fatalf("total %d, want 95", d.Total())
	}
	for _, c := range []struct {
		q    float64
		want time.Duration
	}{{0.5, time.Millisecond}, {0.9, time.Millisecond}, {0.95, 10 * time.Millisecond}, {1, 10 * time.Millisecond}} {
		if got := d.Quantile(c.q); got != c.want {
			t.Errorf("quantile %v: %v, want %v", c.q, got, c.want)
		}
	}
	if got := (Hist{}).Quantile(0.5); got != 0 {
		t.Errorf("an empty histogram's median: %v", got)
	}
	if h := Read(SchedLatency); len(h.Buckets) == 0 {
		t.Errorf("the runtime has no %s", SchedLatency)
	}
}
