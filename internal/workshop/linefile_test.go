package workshop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The rounds file and the names file append whole lines only: a failed
// write is cut off, and until the cut works nothing is appended after the
// torn line, so the file still opens (as the results file does:
// TestStoreRefusesToWriteAfterATornLine).
func TestAppendsAfterAFailedWriteStartALine(t *testing.T) {
	for _, c := range []struct {
		file, torn string
		append     func(f *lineFile, who string) error
		read       func(dir string) ([]string, error)
	}{
		{RoundsFile, `{"round":1,"gate_week":4,"pla`,
			func(f *lineFile, who string) error {
				return (&roundBook{file: f}).append(RoundRecord{Round: 1, Gate: 4, Player: who, Week: 4})
			},
			func(dir string) ([]string, error) {
				b, recs, err := openRounds(dir, 52)
				if err != nil {
					return nil, err
				}
				b.close()
				var who []string
				for _, r := range recs {
					who = append(who, r.Player)
				}
				return who, nil
			}},
		{NamesFile, `{"name":"ana","ke`,
			func(f *lineFile, who string) error { return (&owners{lines: f}).append(who, "SHA256:"+who) },
			func(dir string) ([]string, error) {
				o, bound, err := openOwners(dir)
				if err != nil {
					return nil, err
				}
				o.close()
				var who []string
				for name := range bound {
					who = append(who, name)
				}
				return who, nil
			}},
	} {
		t.Run(c.file, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, c.file)
			f := &lineFile{file: readOnlyEmpty(t, path)}
			if err := c.append(f, "ana"); err == nil || !strings.Contains(err.Error(), "ana") || !strings.Contains(err.Error(), "cutting off the torn line failed") {
				t.Fatalf("first append: %v", err)
			}
			if err := c.append(f, "bo"); err == nil || !strings.Contains(err.Error(), "the file still ends in a torn line: ") {
				t.Fatalf("second append: %v", err)
			}
			// Once the file can be cut again, the torn part goes and lines follow.
			if err := os.WriteFile(path, []byte(c.torn), 0o600); err != nil {
				t.Fatal(err)
			}
			rw, err := os.OpenFile(path, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer rw.Close()
			f.file = rw
			if err := c.append(f, "bo"); err != nil {
				t.Fatalf("append once the cut works: %v", err)
			}
			if who, err := c.read(dir); err != nil || len(who) != 1 || who[0] != "bo" {
				t.Errorf("read back %v, %v; want bo's line alone", who, err)
			}
		})
	}
}

// readOnlyEmpty makes an empty file at path and opens it read-only, so
// that writes and truncates fail; it is closed when the test ends.
func readOnlyEmpty(t *testing.T, path string) *os.File {
	t.Helper()
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	ro, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	return ro
}
