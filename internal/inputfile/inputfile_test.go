package inputfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadRegularFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.toml")
	if err := os.WriteFile(path, []byte("name = \"x\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	data, err := Read(path, Scenario)
	if err != nil || string(data) != "name = \"x\"\n" {
		t.Fatalf("Read = %q, %v", data, err)
	}
}

func TestReadMissingFile(t *testing.T) {
	_, err := Read(filepath.Join(t.TempDir(), "none.toml"), Scenario)
	if !errors.Is(err, fs.ErrNotExist) || errors.Is(err, ErrRefused) {
		t.Fatalf("err = %v, want a missing file", err)
	}
	if strings.Contains(err.Error(), "none.toml") {
		t.Errorf("the message %q repeats the path", err)
	}
}

// TestReadCaps writes a file of just the cap and one of a byte more, for
// every kind.
func TestReadCaps(t *testing.T) {
	dir := t.TempDir()
	for _, k := range []Kind{Scenario, Plan, Save, Result} {
		at, over := filepath.Join(dir, "at"), filepath.Join(dir, "over")
		if err := os.WriteFile(at, make([]byte, k.Max), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(over, make([]byte, k.Max+1), 0o600); err != nil {
			t.Fatal(err)
		}
		if data, err := Read(at, k); err != nil || int64(len(data)) != k.Max {
			t.Errorf("%s at the cap: %d bytes, %v", k.Noun, len(data), err)
		}
		_, err := Read(over, k)
		want := fmt.Sprintf("%d bytes, larger than %s can be (at most %s)", k.Max+1, k.Noun, Size(k.Max))
		if !errors.Is(err, ErrRefused) || err.Error() != want {
			t.Errorf("%s over the cap: %v, want %q", k.Noun, err, want)
		}
	}
}

// endless is a file that keeps growing while it is read.
type endless struct{}

func (endless) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestReadStopsAtTheCapWhileTheFileGrows(t *testing.T) {
	k := Kind{"a test file", 1000}
	_, err := k.read(endless{})
	if want := "more than 1000 bytes, larger than a test file can be (at most 1000 bytes)"; !errors.Is(err, ErrRefused) || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
}

func TestCheck(t *testing.T) {
	k := Kind{"a test file", 10}
	if err := Check(make([]byte, 10), k); err != nil {
		t.Errorf("at the cap: %v", err)
	}
	if err := Check(make([]byte, 11), k); !errors.Is(err, ErrRefused) {
		t.Errorf("over the cap: %v", err)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{12: "12 bytes", 2048: "2 KiB", 1 << 20: "1 MiB", 50 << 20: "50 MiB", 1<<20 + 1: "1.0 MiB", 50_000_000: "47.7 MiB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
