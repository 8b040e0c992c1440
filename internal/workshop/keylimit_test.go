package workshop

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

func TestKeyBucket(t *testing.T) {
	now := time.Unix(0, 0)
	b := newKeyBucket(30, 60, func() time.Time { return now })
	if got := b.take(100); got != 60 {
		t.Fatalf("a full bucket let %d of 100 keys through, want the burst of 60", got)
	}
	if got := b.take(1); got != 0 {
		t.Fatalf("an empty bucket let %d through", got)
	}
	now = now.Add(100 * time.Millisecond)
	if got := b.take(10); got != 3 {
		t.Fatalf("after 0.1 s at 30 keys/s, %d keys passed, want 3", got)
	}
	now = now.Add(time.Hour)
	if got := b.take(1000); got != 60 {
		t.Fatalf("after an hour, %d keys passed, want the burst of 60", got)
	}
}

func TestKeyBucketCutsTypedText(t *testing.T) {
	now := time.Unix(0, 0)
	b := newKeyBucket(1, 4, func() time.Time { return now })
	msg, ok := b.limit(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("abcdef")})
	if !ok || string(msg.Runes) != "abcd" {
		t.Fatalf("got %q, %v; want the first 4 runes", string(msg.Runes), ok)
	}
	if _, ok := b.limit(tea.KeyMsg{Type: tea.KeyEnter}); ok {
		t.Fatal("a key passed an empty bucket")
	}
}
