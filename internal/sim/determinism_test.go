package sim_test

import (
	"bufio"
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

var update = flag.Bool("update", false, "rewrite testdata/determinism.golden")

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
			cases[fmt.Sprintf("%s/flow/seed=%d", b.Name, seed)] = sim.Run(sc, seed, sc.Weeks)
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
	cases["every-distribution/seed=7"] = sim.Run(every, 7, every.Weeks)
	return cases
}

func hashOf(t *testing.T, r sim.Result) string {
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

// TestDeterminismGolden pins the output of fixed runs. The same golden file
// is checked on amd64 and (under QEMU, see below) on arm64: the same
// scenario and seed must give byte-identical results on every machine.
func TestDeterminismGolden(t *testing.T) {
	golden := filepath.Join("testdata", "determinism.golden")
	got := map[string]string{}
	for name, r := range determinismCases(t) {
		got[name] = hashOf(t, r)
	}
	if *update {
		var b strings.Builder
		for _, name := range sortedKeys(got) {
			fmt.Fprintf(&b, "%s %s\n", name, got[name])
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/sim -run TestDeterminismGolden -update)", err)
	}
	defer f.Close()
	want := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, hash, _ := strings.Cut(sc.Text(), " ")
		want[name] = hash
	}
	for _, name := range sortedKeys(got) {
		if want[name] != got[name] {
			t.Errorf("%s on %s/%s: output hash %s, golden %s", name, runtime.GOOS, runtime.GOARCH, got[name], want[name])
		}
	}
	if len(want) != len(got) {
		t.Errorf("golden has %d cases, the test has %d (run with -update after adding a scenario)", len(want), len(got))
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

func sortedKeys(m map[string]string) []string {
	return slices.Sorted(maps.Keys(m))
}
