package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/workshop"
)

// `room export --data A --data B` merges two rooms of one world into one
// ranking, and refuses rooms of different worlds in one line naming the
// folder that differs.
func TestRoomExportMerges(t *testing.T) {
	a, b := roomWithResults(t), roomWithResults(t)
	out := filepath.Join(t.TempDir(), "hall")
	code, stdout, errs := runCLI("room", "export", "--data", a, "--data", b, "--out", out)
	if code != exitOK || errs != "" {
		t.Fatalf("exit %d, %q", code, errs)
	}
	if stdout != filepath.Join(out, workshop.ExportCSV)+"\n"+filepath.Join(out, workshop.ExportDebrief)+"\n" {
		t.Fatalf("printed %q", stdout)
	}
	csv, _ := os.ReadFile(filepath.Join(out, workshop.ExportCSV))
	if n := bytes.Count(csv, []byte("\n")); n != 5 || !strings.Contains(string(csv), "ana (room 2)") {
		t.Fatalf("%d lines, want a header and four players, ana (room 2) among them:\n%s", n, csv)
	}

	if code, _, errs := runCLI("room", "export", "--data", a, "--data", b); code != exitUsage || !strings.Contains(errs, "needs --out") {
		t.Errorf("a merge without --out: exit %d, %q", code, errs)
	}

	// Another seed in b: refused, naming b.
	data, _ := os.ReadFile(filepath.Join(b, workshop.ResultsFile))
	os.WriteFile(filepath.Join(b, workshop.ResultsFile), bytes.ReplaceAll(data, []byte(`"seed":1,`), []byte(`"seed":2,`)), 0o600)
	code, _, errs = runCLI("room", "export", "--data", a, "--data", b, "--out", out)
	if code != exitFail || !strings.Contains(errs, "cannot merge "+b+" with "+a) || !strings.Contains(errs, "played seed 2, not 1") || strings.Count(errs, "\n") != 1 {
		t.Fatalf("rooms of two seeds: exit %d, %q", code, errs)
	}
}
