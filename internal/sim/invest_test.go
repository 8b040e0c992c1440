package sim

import (
	"errors"
	"testing"
)

// The reasons an investment cannot be bought read as the game has always
// worded them (with improvement time, "about"), in a sentence and in the shop's status column.
func TestLockReasonWords(t *testing.T) {
	for _, c := range []struct {
		r            LockReason
		error, short string
	}{
		{LockReason{Kind: AlreadyBuilt, Investment: "CI"}, "CI is already built", "CI is already built"},
		{LockReason{Kind: ReadyInWeek, Investment: "CI", ReadyWeek: 7}, "CI is already being built; ready in about week 7 at today's improvement time", "CI is already being built; ready in about week 7 at today's improvement time"},
		{LockReason{Kind: ReadyInWeek, Investment: "CI", ReadyWeek: 7, Delivered: true}, "CI is already being built; ready in week 7", "CI is already being built; ready in week 7"},
		{LockReason{Kind: NeedsPrerequisite, Investment: "CD", Prerequisite: "CI", ReadyWeek: 9, Delivered: true}, "CD needs CI first, which will be ready in week 9", "needs CI first, which will be ready in week 9"},
		{LockReason{Kind: ReadyInWeek, Investment: "CI", Waits: "Development"}, "CI is already being built; waits for improvement time on Development: its share is 0", "CI is already being built; waits for improvement time on Development: its share is 0"},
		{LockReason{Kind: NeedsPrerequisite, Investment: "CD", Prerequisite: "CI"}, "CD needs CI first", "needs CI first"},
		{LockReason{Kind: NeedsPrerequisite, Investment: "CD", Prerequisite: "CI", ReadyWeek: 9}, "CD needs CI first, which will be ready in about week 9 at today's improvement time", "needs CI first, which will be ready in about week 9 at today's improvement time"},
		{LockReason{Kind: NeedsPrerequisite, Investment: "CD", Prerequisite: "CI", Waits: "QA"}, "CD needs CI first, which waits for improvement time on QA: its share is 0", "needs CI first, which waits for improvement time on QA: its share is 0"},
		{LockReason{Kind: Unaffordable, Investment: "CI", Cost: 150000, Cash: 90000}, "CI costs $150,000 and there is $90,000 in the bank", "not enough money"},
	} {
		if got := c.r.Error(); got != c.error {
			t.Errorf("%+v: %q, want %q", c.r, got, c.error)
		}
		if got := c.r.Short(); got != c.short {
			t.Errorf("%+v: short %q, want %q", c.r, got, c.short)
		}
	}
}

// Apply refuses an investment with its LockReason, so a caller can tell why
// without reading the words.
func TestApplyRefusesWithLockReason(t *testing.T) {
	sc := gameScenario()
	g := NewGame(sc, 1, 0)
	id := sc.Investments[0].ID
	if err := g.Apply(Decision{Kind: Invest, Investment: id}); err != nil {
		t.Fatal(err)
	}
	err := g.Apply(Decision{Kind: Invest, Investment: id})
	var r LockReason
	if !errors.As(err, &r) || r.Kind != ReadyInWeek || r.ReadyWeek < 1 {
		t.Fatalf("buying it twice: %v (%+v)", err, r)
	}
	if st := g.Investments()[0]; st.State != Building || st.Lock != r {
		t.Errorf("status %+v, want building with %+v", st, r)
	}
}
