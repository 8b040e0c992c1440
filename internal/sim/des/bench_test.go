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

// BenchmarkKernelGame is the bare event loop with a default game's mix:
// about 20 pending events, each scheduling the next (taking the running
// event's place), and a sixth of the events scheduled with no delay after
// that (a deployment judged once the changes arriving together are in;
// in a default game 1 224 of its 1 710 come while the running event's
// place at the root is free, and cost less there than here).
func BenchmarkKernelGame(b *testing.B) {
	var k Kernel
	s := NewStream(1, "bench")
	var next, now Handler
	now = k.On(func(int) {})
	next = k.On(func(int) {
		k.Schedule(Time(1+s.Uint64()%2000), next, 0)
		if s.Uint64()%5 == 0 {
			k.Schedule(0, now, 0)
		}
	})
	for range 20 {
		k.Schedule(Time(s.Uint64()%2000), next, 0)
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
