package sim

import "testing"

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
