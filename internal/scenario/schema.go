package scenario

import "slices"

// Section is one table of the scenario format and the keys it may hold, in
// the order the documentation lists them.
type Section struct {
	Name string // "top level", "[[work]]", "[[stage]]", "distribution", ...
	Keys []string
}

// The format, table by table. The decoder rejects any key not listed here,
// and a test checks docs/scenarios.md against these lists, so the format,
// the decoder and the documentation cannot drift apart.
var (
	topLevel    = Section{"top level", []string{"name", "description", "seed", "weeks", "hours_per_week", "work", "stage"}}
	workTable   = Section{"[[work]]", []string{"id", "name", "arrival", "size", "route"}}
	stageTable  = Section{"[[stage]]", []string{"id", "name", "capacity", "service", "rework", "batch", "background"}}
	distTable   = Section{"distribution", []string{"dist", "value", "min", "mode", "max", "mean", "sd"}}
	reworkTable = Section{"rework", []string{"prob", "to"}}
	batchTable  = Section{"batch", []string{"every"}}
)

// Schema lists every table of the scenario format with its keys, in
// documentation order.
func Schema() []Section {
	all := []Section{topLevel, workTable, stageTable, distTable, reworkTable, batchTable}
	for i := range all {
		all[i].Keys = slices.Clone(all[i].Keys)
	}
	return all
}
