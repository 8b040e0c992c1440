package workshop

import (
	"fmt"
	"strings"
)

// MaxNameLength is the longest player name.
const MaxNameLength = 24

// CheckName returns nil if name can be a player's name: 1 to 24 letters,
// digits, '-' and '_' (it names the player's save file, so nothing else).
func CheckName(name string) error {
	if name == "" {
		return fmt.Errorf("a name needs at least one letter or digit")
	}
	if len(name) > MaxNameLength {
		return fmt.Errorf("%q is longer than %d characters", name, MaxNameLength)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return fmt.Errorf("%q has %q in it: use letters, digits, - and _", name, r)
		}
	}
	return nil
}

// nameKey is how names are told apart: Alice and alice are one player, as
// they would be one save file on a Mac.
func nameKey(name string) string { return strings.ToLower(name) }
