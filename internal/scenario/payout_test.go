package scenario

import (
	"strings"
	"testing"

	"github.com/globomantics/globosim/scenarios"
)

// [company] payout reads as a share from 0 to 1, 0 when absent; anything
// else is one clear message at its line.
func TestPayout(t *testing.T) {
	src, err := scenarios.FS.ReadFile("startup.toml")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Parse("startup.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Company.Payout != 1 {
		t.Errorf("startup pays out %v of its profit, want 1", sc.Company.Payout)
	}
	without := strings.Replace(string(src), "\npayout = 1.0", "\n# payout = 1.0", 1)
	if sc, err := Parse("startup.toml", []byte(without)); err != nil || sc.Company.Payout != 0 {
		t.Errorf("without payout: %v, %v", sc.Company.Payout, err)
	}
	bad := strings.Replace(string(src), "\npayout = 1.0", "\npayout = 1.5", 1)
	_, err = Parse("startup.toml", []byte(bad))
	if err == nil || !strings.Contains(err.Error(), "payout") || strings.Count(err.Error(), "\n") > 0 {
		t.Errorf("payout 1.5: %v", err)
	}
}
