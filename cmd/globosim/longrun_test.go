package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunLongerThanAGame: a headless run may last 10 000 weeks (a game at
// most 1000), and is held to the caps on the weeks and on runs × weeks.
func TestRunLongerThanAGame(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mm1.toml")
	model := `name = "M/M/1"
[[stage]]
id = "server"
capacity = 1
service = { dist = "exponential", mean = "2h" }
[[work]]
id = "job"
arrival = { dist = "exponential", mean = "4h" }
route = ["server"]
`
	if err := os.WriteFile(path, []byte(model), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI("run", "--scenario", path, "--weeks", "10000")
	if code != exitOK || errs != "" || !strings.HasPrefix(out, "M/M/1: seed 1, 10000 weeks\n") {
		t.Fatalf("exit %d, stderr %q, stdout\n%s", code, errs, out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--weeks", "20001"}, "globosim run: --weeks must be between 1 and 20000, not 20001\n"},
		{[]string{"--weeks", "5000", "--runs", "201"}, "globosim run: --runs × --weeks may be at most 1000000 for runs longer than 1000 weeks (each run keeps a row per week), not 201 × 5000\n"},
	} {
		code, out, errs := runCLI(append([]string{"run", "--scenario", path}, c.args...)...)
		if code != exitUsage || out != "" || errs != c.want {
			t.Errorf("%v: exit %d, stdout %q, stderr %q, want %q", c.args, code, out, errs, c.want)
		}
	}
}

// A batch of default games lets the collector run less often (GOGC=400);
// one run, a batch past batchGCWeeks weeks, or a GOGC of the user's keeps
// it as it is.
func TestBatchGCPace(t *testing.T) {
	t.Setenv("GOGC", "100")
	if _, ok := batchGC(1000, 52); ok {
		t.Error("GOGC is set, yet the batch changes the collector's pace")
	}
	os.Unsetenv("GOGC") // t.Setenv puts it back after the test
	if pct, ok := batchGC(1000, 52); !ok || pct != 400 {
		t.Errorf("1000 runs of 52 weeks: GOGC %d (%v), want 400", pct, ok)
	}
	for _, c := range [][2]int{{1, 52}, {1000, 1000}, {2, 60000}} {
		if pct, ok := batchGC(c[0], c[1]); ok {
			t.Errorf("%d runs of %d weeks: GOGC %d, want the default", c[0], c[1], pct)
		}
	}
}
