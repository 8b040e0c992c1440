package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"testing"
)

// default.pgo is the CPU profile go build optimises globosim with
// (scripts/pgo.sh makes it): a gzipped pprof profile, small enough to
// keep in the repository, of the engine's event loop (run's batches) and
// the dashboard's frame (play and serve).
func TestDefaultPGO(t *testing.T) {
	raw, err := os.ReadFile("default.pgo")
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) > 300<<10 {
		t.Errorf("default.pgo is %d KB, more than 300", len(raw)>>10)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("default.pgo is not a gzipped profile: %v", err)
	}
	prof, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	for _, fn := range []string{
		"github.com/globomantics/globosim/internal/sim/des.(*Kernel).Next", // the run loop takes every event with it
		"github.com/globomantics/globosim/internal/sim.(*Sim).serviceDone",
		"github.com/globomantics/globosim/internal/ui.Model.View",
	} {
		if !bytes.Contains(prof, []byte(fn)) {
			t.Errorf("default.pgo has no samples in %s: make it again with scripts/pgo.sh", fn)
		}
	}
}
