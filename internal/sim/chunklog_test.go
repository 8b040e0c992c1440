package sim

import (
	"slices"
	"testing"
)

// A chunked log reads back what went in, from any index, across chunks.
func TestChunkLogReadsBackAcrossChunks(t *testing.T) {
	var l chunkLog[Arrival]
	var want []Arrival
	for i := range 3*logChunk + 17 {
		a := Arrival{At: Time(i), Work: i % 3, Size: float64(i) / 2}
		l.add(a)
		want = append(want, a)
	}
	if l.len() != len(want) {
		t.Fatalf("len %d, want %d", l.len(), len(want))
	}
	for _, from := range []int{0, 1, logChunk - 1, logChunk, 2*logChunk + 5, len(want) - 1, len(want)} {
		if got := l.appendFrom(nil, from); !slices.Equal(got, want[from:]) {
			t.Fatalf("from %d: %d values, want %d", from, len(got), len(want)-from)
		}
	}
	for i := 1; i < len(l.chunks); i++ {
		if len(l.chunks[i-1]) != logChunk || cap(l.chunks[i]) != logChunk {
			t.Fatalf("chunk %d holds %d (cap %d); the log must never move what it holds", i, len(l.chunks[i]), cap(l.chunks[i]))
		}
	}
}

// The DORA log keeps about twice the window of deployments however long the
// game, in one array that it does not reallocate once it has its size.
func TestDORALogMemoryFollowsTheWindow(t *testing.T) {
	const week = 2400
	var l doraLog
	biggest := 0
	for w := 1; w <= 2000; w++ {
		for d := range 20 {
			at := Time(w-1)*week + Time(d*100)
			l.deploy(Deployment{At: at, Changes: 1})
			l.changes = append(l.changes, changeDone{at: at, lead: 60})
		}
		l.trim(Time(w)*week, week, DORAWindow)
		biggest = max(biggest, cap(l.deploys), cap(l.changes))
	}
	if limit := 4 * 20 * DORAWindow; biggest > limit {
		t.Fatalf("a log grew to %d records; the window holds %d", biggest, 20*DORAWindow)
	}
	// The window is (now-13 weeks, now]: the deployment at its first minute
	// is out.
	if d := l.measure(2000*week, week, DORAWindow, 1); d.Deploys != 20*DORAWindow-1 || l.deployed != 40000 {
		t.Fatalf("%d deployments in the window (want %d), %d in all (want 40000)", d.Deploys, 20*DORAWindow-1, l.deployed)
	}
}

// An emptied log reads back only what went in after, and fills the chunks
// it had before it makes any.
func TestChunkLogEmptiedReusesItsChunks(t *testing.T) {
	var l timeLog
	for i := range 2*logChunk + 5 {
		l.add(Time(i))
	}
	first, second := &l.chunks[0][:1][0], &l.chunks[1][:1][0]
	e := l.emptied()
	var want []Time
	for i := range logChunk + 3 {
		e.add(Time(-i))
		want = append(want, Time(-i))
	}
	if got := e.appendFrom(nil, 0); e.len() != len(want) || !slices.Equal(got, want) {
		t.Fatalf("the emptied log reads back %d values, want %d", len(got), len(want))
	}
	if &e.chunks[0][0] != first || &e.chunks[1][0] != second {
		t.Fatal("the emptied log made new chunks instead of reusing its own")
	}
}
