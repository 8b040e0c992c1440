package workshop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The names file, as a crash or a hand can leave it: a torn last line is
// cut off (it was never acknowledged) and the next binding starts on a
// line of its own; a damaged whole line stops the room, naming it.
func TestNamesFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, NamesFile)
	os.WriteFile(path, []byte(`{"name":"Ana","key":"SHA256:a"}`+"\n"+`{"name":"ana","key":"SHA256:later"}`+"\n"+`{"name":"ben","ke`), 0o600)
	o, bound, err := openOwners(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(bound) != 1 || bound["ana"] != "SHA256:a" {
		t.Fatalf("bound %v; want ana's first key alone", bound)
	}
	if err := o.append("cy", "SHA256:c"); err != nil {
		t.Fatal(err)
	}
	o.close()
	if _, bound, err = openOwners(dir); err != nil || bound["cy"] != "SHA256:c" || len(bound) != 2 {
		t.Fatalf("after a repair and an append: %v, %v", bound, err)
	}

	os.WriteFile(path, []byte(`{"name":"ana","key":"SHA256:a"}`+"\n"+`{"name":"../x","key":"k"}`+"\n"), 0o600)
	if _, err := Open(Config{DataDir: dir}); err == nil || !strings.Contains(err.Error(), NamesFile+":2: not a name and its key") {
		t.Fatalf("a damaged line: %v", err)
	}
}
