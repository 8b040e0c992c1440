package sim_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/globomantics/globosim/internal/scenario"
	"github.com/globomantics/globosim/internal/sim"
)

// TestItemSlotsRoomChangesNothing plays every shipped plan twice, once with
// the item slots grown as the game goes and once with room for every item
// from the start: the results must be the same bytes. (A hook that adds
// items, such as a feature's other slices when its first is committed, may
// move the slots; the engine must not go on writing through a pointer to
// the old ones. It did: the committed item's step was lost, and it did the
// stage after the commit twice.)
func TestItemSlotsRoomChangesNothing(t *testing.T) {
	for _, b := range scenario.Builtins() {
		sc, err := scenario.Resolve(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, pb := range scenario.BuiltinPlans() {
			if !strings.HasPrefix(pb.Name, b.Name+"-") {
				continue
			}
			p, err := scenario.ResolvePlan(pb.Name, sc)
			if err != nil {
				t.Fatal(err)
			}
			for _, seed := range []uint64{1, 42} {
				grown := sim.NewGame(sc, seed, 0)
				sim.RoomForItems(grown, 1)
				grown.Play(p)
				roomy := sim.NewGame(sc, seed, 0)
				sim.RoomForItems(roomy, 1<<14)
				roomy.Play(p)
				a, err := json.Marshal(grown.Result())
				if err != nil {
					t.Fatal(err)
				}
				c, err := json.Marshal(roomy.Result())
				if err != nil {
					t.Fatal(err)
				}
				if string(a) != string(c) {
					t.Errorf("%s seed %d: the result depends on the item slots' starting room", pb.Name, seed)
				}
			}
		}
	}
}
