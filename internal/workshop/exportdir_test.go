package workshop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A player's export folder that cannot be made is said on the board, not
// dropped: the player's own export then fails with its own message.
func TestFinishSaysWhenTheExportFolderFails(t *testing.T) {
	dir := t.TempDir()
	room, err := Open(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer room.Close()
	// A file where the exports folder goes.
	if err := os.WriteFile(filepath.Join(dir, ExportsDir), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	ana, err := room.join("ana", "")
	if err != nil {
		t.Fatal(err)
	}
	ana.Finish(finishedGame(t, 3))
	for _, ev := range room.Snapshot().Events {
		if strings.HasPrefix(ev.Text, "Cannot make ana's export folder: ") {
			return
		}
	}
	t.Errorf("no event about the export folder: %+v", room.Snapshot().Events)
}
