package sim_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
	"github.com/globomantics/globosim/internal/sim/des"
)

var (
	update = flag.Bool("update", false, "rewrite testdata/determinism.golden")
	dump   = flag.String("dump", "", "write every determinism case's JSON into this folder (to diff against a mismatch)")
)

// regenerate is how to rewrite the golden once a change of output is meant.
const regenerate = "go test ./internal/sim -run TestDeterminismGolden -update"

// determinismCases are runs whose full JSON output is pinned by hash: every
// built-in scenario, and a scenario that uses every distribution.
func determinismCases(t *testing.T) map[string]sim.Result {
	t.Helper()
	cases := map[string]sim.Result{}
	for _, b := range scenario.Builtins() {
		sc, err := scenario.Resolve(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, seed := range []uint64{1, 2, 99} {
			cases[fmt.Sprintf("%s/flow/seed=%d", b.Name, seed)] = mustRun(t, sc, seed, sc.Weeks)
		}
		// Whole games, decisions and all, under each of the scenario's plans.
		for _, pb := range scenario.BuiltinPlans() {
			if !strings.HasPrefix(pb.Name, b.Name+"-") {
				continue
			}
			p, err := scenario.ResolvePlan(pb.Name, sc)
			if err != nil {
				t.Fatal(err)
			}
			for _, seed := range []uint64{1, 42} {
				cases[fmt.Sprintf("%s/seed=%d", pb.Name, seed)] = sim.RunGame(sc, seed, 0, p)
			}
		}
	}
	every := &sim.Scenario{
		Name: "every distribution", HoursPerWeek: 38, Weeks: 30,
		Work: []sim.WorkType{
			{ID: "a", Arrival: des.ExpDist(200), Size: des.LognormalDist(1, 0.7), Route: []int{0, 1, 2}},
			{ID: "b", Arrival: des.UniformDist(100, 500), Size: des.TriangularDist(0.2, 0.5, 2), Route: []int{0, 2}},
		},
		Stages: []sim.Stage{
			{ID: "x", Capacity: 2, Service: des.TriangularDist(60, 120, 600), ReworkProb: 0.1, ReworkTo: 0},
			{ID: "y", Capacity: 1, Service: des.ExpDist(90), HasBackground: true, Background: des.LognormalDist(300, 200)},
			{ID: "z", Capacity: sim.Unlimited, Service: des.Fixed(30), BatchEvery: 3 * 38 * 60, ReworkProb: 0.05, ReworkTo: 1},
		},
	}
	cases["every-distribution/seed=7"] = mustRun(t, every, 7, every.Weeks)
	return cases
}

// mustRun is sim.Run for a run that must reach its end.
func mustRun(t testing.TB, sc *sim.Scenario, seed uint64, weeks int) sim.Result {
	t.Helper()
	r, err := sim.Run(sc, seed, weeks)
	if err != nil {
		t.Fatalf("%s, seed %d: %v", sc.Name, seed, err)
	}
	return r
}

func jsonOf(t *testing.T, r sim.Result) []byte {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func hashOf(b []byte) string { return fmt.Sprintf("%x", sha256.Sum256(b)) }

// caseFile names a case's JSON file: "devops-plan/seed=1" -> "devops-plan_seed=1.json".
func caseFile(name string) string { return strings.ReplaceAll(name, "/", "_") + ".json" }

// writeCases writes each named case's JSON, indented so that two folders
// diff line by line, into dir.
func writeCases(dir string, outputs map[string][]byte, names []string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range names {
		var b bytes.Buffer
		if err := json.Indent(&b, outputs[name], "", "  "); err != nil {
			return err
		}
		b.WriteByte('\n')
		if err := os.WriteFile(filepath.Join(dir, caseFile(name)), b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// goldenMismatches compares the outputs' hashes with the golden's and
// returns the names that differ (or are missing from the golden), sorted.
func goldenMismatches(outputs map[string][]byte, want map[string]string) []string {
	var bad []string
	for _, name := range sortedKeys(outputs) {
		if want[name] != hashOf(outputs[name]) {
			bad = append(bad, name)
		}
	}
	return bad
}

// reportMismatches writes the JSON of the cases that differ into a folder
// that outlives the test and says where, and how to get the other side.
func reportMismatches(outputs map[string][]byte, bad []string) string {
	dir, err := os.MkdirTemp("", "globosim-determinism-")
	if err == nil {
		err = writeCases(dir, outputs, bad)
	}
	if err != nil {
		return fmt.Sprintf("could not write the differing JSON: %v", err)
	}
	return fmt.Sprintf("the JSON of the %d differing case(s) on %s/%s is in %s\n"+
		"to diff it: in a worktree of the commit the golden was made on (git worktree add --detach DIR COMMIT, which leaves your work alone), run\n"+
		"  go test ./internal/sim -run TestDeterminismGolden -dump /tmp/golden-json\n"+
		"then: diff -u /tmp/golden-json/%s %s\n"+
		"if the change of output is meant, say why in the commit and regenerate: %s",
		len(bad), runtime.GOOS, runtime.GOARCH, dir, caseFile(bad[0]), filepath.Join(dir, caseFile(bad[0])), regenerate)
}

// TestDeterminismGolden pins the output of fixed runs. The same golden file
// is checked on amd64 and (under QEMU, see below) on arm64: the same
// scenario and seed must give byte-identical results on every machine.
func TestDeterminismGolden(t *testing.T) {
	golden := filepath.Join("testdata", "determinism.golden")
	outputs := map[string][]byte{}
	for name, r := range determinismCases(t) {
		outputs[name] = jsonOf(t, r)
	}
	if *dump != "" {
		if err := writeCases(*dump, outputs, sortedKeys(outputs)); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %d cases' JSON to %s", len(outputs), *dump)
	}
	if *update {
		var b strings.Builder
		for _, name := range sortedKeys(outputs) {
			fmt.Fprintf(&b, "%s %s\n", name, hashOf(outputs[name]))
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(golden)
	if err != nil {
		t.Fatalf("%v (run %s)", err, regenerate)
	}
	defer f.Close()
	want := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, hash, _ := strings.Cut(sc.Text(), " ")
		want[name] = hash
	}
	bad := goldenMismatches(outputs, want)
	for _, name := range bad {
		t.Errorf("%s on %s/%s: output hash %s, golden %s", name, runtime.GOOS, runtime.GOARCH, hashOf(outputs[name]), want[name])
	}
	if len(bad) > 0 {
		t.Error(reportMismatches(outputs, bad))
	}
	if len(want) != len(outputs) {
		t.Errorf("golden has %d cases, the test has %d (run %s after adding a scenario)", len(want), len(outputs), regenerate)
	}
}

// TestDeterminismOnArm64 cross-compiles this package's tests for arm64 and
// runs TestDeterminismGolden under qemu-aarch64-static. CI installs QEMU
// (Debian's qemu-user-static) and sets GLOBOSIM_REQUIRE_QEMU=1, so there the
// test cannot be skipped.
func TestDeterminismOnArm64(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-architecture run skipped in -short mode")
	}
	if runtime.GOARCH == "arm64" {
		t.Skip("already on arm64: TestDeterminismGolden covers it")
	}
	qemu, err := exec.LookPath("qemu-aarch64-static")
	if err != nil {
		if os.Getenv("GLOBOSIM_REQUIRE_QEMU") != "" {
			t.Fatal("qemu-aarch64-static is not installed (apt-get install -y qemu-user-static)")
		}
		t.Skip("qemu-aarch64-static not installed; apt-get install -y qemu-user-static to run this test")
	}
	bin := filepath.Join(t.TempDir(), "sim.arm64.test")
	build := exec.Command("go", "test", "-c", "-o", bin, ".")
	build.Env = append(os.Environ(), "GOARCH=arm64", "GOOS=linux", "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("cross-compiling for arm64: %v\n%s", err, out)
	}
	run := exec.Command(qemu, bin, "-test.run", "^TestDeterminismGolden$", "-test.v")
	out, err := run.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestDeterminismGolden") {
		t.Fatalf("on arm64 (QEMU) the golden outputs differ or the test failed: %v\n%s", err, out)
	}
}

// TestDeterminismMismatchWritesJSON: a hash that differs leaves the output's
// JSON in a file named in the message, so a failure can be diffed.
func TestDeterminismMismatchWritesJSON(t *testing.T) {
	outputs := map[string][]byte{"a/seed=1": []byte(`{"x":1}`), "b/seed=2": []byte(`{"y":[2]}`)}
	want := map[string]string{"a/seed=1": hashOf(outputs["a/seed=1"]), "b/seed=2": "0000"}
	bad := goldenMismatches(outputs, want)
	if !slices.Equal(bad, []string{"b/seed=2"}) {
		t.Fatalf("mismatches %v, want [b/seed=2]", bad)
	}
	msg := reportMismatches(outputs, bad)
	dir, _, ok := strings.Cut(strings.SplitN(msg, " is in ", 2)[1], "\n")
	if !ok {
		t.Fatalf("no folder in the message:\n%s", msg)
	}
	defer os.RemoveAll(dir)
	got, err := os.ReadFile(filepath.Join(dir, "b_seed=2.json"))
	if err != nil {
		t.Fatalf("%v\n%s", err, msg)
	}
	if string(got) != "{\n  \"y\": [\n    2\n  ]\n}\n" {
		t.Errorf("wrote %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "a_seed=1.json")); !os.IsNotExist(err) {
		t.Errorf("a matching case was written too (%v)", err)
	}
	if !strings.Contains(msg, regenerate) || !strings.Contains(msg, "-dump") || !strings.Contains(msg, "git worktree add") || strings.Contains(msg, "stash") {
		t.Errorf("the message does not say how to diff or regenerate:\n%s", msg)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
