package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteReplacesWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.json")
	for _, data := range []string{"first", "second, longer"} {
		if err := Write(path, []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != data {
			t.Errorf("read %q, want %q", got, data)
		}
	}
	// A folder that does not exist: an error naming the path, nothing made.
	bad := filepath.Join(t.TempDir(), "no", "such", "out.json")
	if err := Write(bad, []byte("x"), 0o666); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("into a missing folder: %v", err)
	}
}
