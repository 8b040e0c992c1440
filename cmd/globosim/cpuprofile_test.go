package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run --cpuprofile writes a profile (a gzipped protocol buffer, as
// go tool pprof and go build -pgo read it) and changes nothing of the
// output.
func TestRunCPUProfile(t *testing.T) {
	prof := filepath.Join(t.TempDir(), "cpu.prof")
	args := []string{"run", "--plan", "globomantics-devops", "--runs", "3", "--format", "json"}
	code, want, errs := runCLI(args...)
	if code != exitOK || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	code, got, errs := runCLI(append(args, "--cpuprofile", prof)...)
	if code != exitOK || errs != "" {
		t.Fatalf("with --cpuprofile: exit %d, stderr %q", code, errs)
	}
	if got != want {
		t.Error("--cpuprofile changed the output")
	}
	b, err := os.ReadFile(prof)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("the profile is not gzipped (%d bytes)", len(b))
	}
}

func TestRunCPUProfileUnwritable(t *testing.T) {
	prof := filepath.Join(t.TempDir(), "no", "such", "cpu.prof")
	code, out, errs := runCLI("run", "--weeks", "2", "--cpuprofile", prof)
	if code != exitFail || out != "" || !strings.HasPrefix(errs, "globosim run: ") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
