package save

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/inputfile"
)

// TestReadRefusesWhatIsNotASave is /dev/zero, a folder and a file one
// byte over the cap: each one line that names the path, read no further.
func TestReadRefusesWhatIsNotASave(t *testing.T) {
	dir := t.TempDir()
	over := filepath.Join(dir, "over.json")
	if err := os.WriteFile(over, make([]byte, inputfile.Save.Max+1), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		dir:  dir + ": cannot read the saved game: a folder, not a saved game",
		over: over + ": cannot read the saved game: 8388609 bytes, larger than a saved game can be (at most 8 MiB)",
	}
	if runtime.GOOS != "windows" {
		cases["/dev/zero"] = "/dev/zero: cannot read the saved game: a device, not a saved game"
	}
	for path, want := range cases {
		_, err := Read(path)
		if err == nil || err.Error() != want || !errors.Is(err, inputfile.ErrRefused) {
			t.Errorf("Read(%s) = %v\nwant %q", path, err, want)
		}
	}
}

// TestSavedScenarioIsCapped is a save whose scenario text is over a
// scenario's cap: refused as the file would be, before it is parsed.
func TestSavedScenarioIsCapped(t *testing.T) {
	f := &File{Version: Version, Filename: "big.toml", Source: strings.Repeat("#", int(inputfile.Scenario.Max)+1), Weeks: 1}
	_, err := f.Game()
	if err == nil || !strings.Contains(err.Error(), "big.toml: cannot read: 1048577 bytes, larger than a scenario file can be (at most 1 MiB)") {
		t.Errorf("Game: %v", err)
	}
}
