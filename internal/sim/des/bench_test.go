package des

import "testing"

// BenchmarkKernel measures the bare event loop: each event schedules the
// next one, with a steady queue of 64 pending events.
func BenchmarkKernel(b *testing.B) {
	var k Kernel
	s := NewStream(1, "bench")
	var next Handler
	next = k.On(func(int) { k.Schedule(Time(s.Uint64()%1000), next, 0) })
	for range 64 {
		k.Schedule(Time(s.Uint64()%1000), next, 0)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		k.Step()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds()/1e6, "Mevents/s")
}

// BenchmarkLognormal measures one service draw of the default scenario's
// development stage (a lognormal: a ziggurat normal, then expFast).
func BenchmarkLognormal(b *testing.B) { benchDraw(b, LognormalDist(1440, 960)) }

// BenchmarkExpDraw measures one exponential draw (the ziggurat).
func BenchmarkExpDraw(b *testing.B) { benchDraw(b, ExpDist(60)) }

func benchDraw(b *testing.B, d Dist) {
	s := NewStream(1, "bench")
	sum := 0.0
	for range b.N {
		sum += d.Sample(s)
	}
	if sum < 0 {
		b.Fatal(sum)
	}
}

// BenchmarkLognormalDraws is BenchmarkLognormal drawn in batches (Draws).
func BenchmarkLognormalDraws(b *testing.B) {
	r := NewDraws(LognormalDist(1440, 960), 1, "bench")
	sum := 0.0
	for range b.N {
		sum += r.Next()
	}
	if sum < 0 {
		b.Fatal(sum)
	}
}
