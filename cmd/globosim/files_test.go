//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/globomantics/globosim/internal/inputfile"
)

// TestFilesThatAreNotFiles gives every command that reads a file /dev/zero,
// a named pipe with no writer and a file one byte over its cap: each exits
// 1 at once with one line that says what the file is.
func TestFilesThatAreNotFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := func(name string, k inputfile.Kind) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, make([]byte, k.Max+1), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	bigScenario, bigPlan, bigResult := big("big.toml", inputfile.Scenario), big("big-plan.toml", inputfile.Plan), big("big.json", inputfile.Result)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"validate", "/dev/zero"}, "/dev/zero: cannot read: a device, not a scenario file"},
		{[]string{"validate", fifo}, fifo + ": cannot read: a named pipe (FIFO), not a scenario file"},
		{[]string{"validate", bigScenario}, bigScenario + ": cannot read: 1048577 bytes, larger than a scenario file can be (at most 1 MiB)"},
		{[]string{"run", "--scenario", "/dev/zero"}, "/dev/zero: cannot read: a device, not a scenario file"},
		{[]string{"run", "--plan", "/dev/zero"}, "/dev/zero: cannot read: a device, not a plan file"},
		{[]string{"run", "--plan", fifo}, fifo + ": cannot read: a named pipe (FIFO), not a plan file"},
		{[]string{"run", "--plan", bigPlan}, bigPlan + ": cannot read: 1048577 bytes, larger than a plan file can be (at most 1 MiB)"},
		{[]string{"balance", "globomantics", "--plan", "/dev/zero"}, "/dev/zero: cannot read: a device, not a plan file"},
		{[]string{"compare", "/dev/zero"}, "/dev/zero: a device, not an exported result"},
		{[]string{"compare", fifo}, fifo + ": a named pipe (FIFO), not an exported result"},
		{[]string{"compare", bigResult}, bigResult + ": 16777217 bytes, larger than an exported result can be (at most 16 MiB)"},
	} {
		code, out, errs := runCLI(c.args...)
		if code != exitFail || out != "" || strings.TrimSuffix(errs, "\n") != c.want {
			t.Errorf("%s: exit %d, stdout %q, stderr %q\nwant %q", strings.Join(c.args, " "), code, out, errs, c.want)
		}
	}
}
