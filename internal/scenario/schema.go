package scenario

import "slices"

// Section is one table of the scenario or plan format and the keys it may
// hold, in the order the documentation lists them.
type Section struct {
	Name string // "top level", "[[work]]", "[[stage]]", "distribution", ...
	Keys []string
}

// The formats, table by table. The decoder rejects any key not listed here,
// and a test checks docs/scenarios.md against these lists, so the formats,
// the decoder and the documentation cannot drift apart.
var (
	topLevel = Section{"top level", []string{"name", "description", "seed", "weeks", "hours_per_week", "briefing",
		"work", "stage", "production", "company", "quality", "incidents", "market", "competitor", "slicing", "investment", "event", "lesson", "role"}}
	workTable   = Section{"[[work]]", []string{"id", "name", "arrival", "size", "route", "value"}}
	stageTable  = Section{"[[stage]]", []string{"id", "name", "capacity", "service", "rework", "batch", "background"}}
	distTable   = Section{"distribution", []string{"dist", "value", "min", "mode", "max", "mean", "sd"}}
	reworkTable = Section{"rework", []string{"prob", "to"}}
	batchTable  = Section{"batch", []string{"every"}}

	productionTable = Section{"[production]", []string{"commit", "release", "deploy"}}
	companyTable    = Section{"[company]", []string{"name", "budget", "revenue_per_week", "salary_per_week", "infra_per_week",
		"market_share", "share_floor", "win_share", "hire_cost", "ramp_up", "improvement_share", "payout"}}
	qualityTable = Section{"[quality]", []string{"coverage", "parity", "defect_rate", "bug_rate", "bug_work", "bug_delay",
		"regression_stage", "regression_growth", "release_regression"}}
	incidentsTable  = Section{"[incidents]", []string{"restore", "stage", "people", "penalty", "cost_per_hour", "restore_growth"}}
	marketTable     = Section{"[market]", []string{"switching", "reconsider", "sensitivity", "value_half_life", "delay_half_life", "experience"}}
	competitorTable = Section{"[[competitor]]", []string{"name", "share", "experience", "release_every", "growth"}}
	slicingTable    = Section{"[slicing]", []string{"work", "slices", "drop_below"}}
	investmentTable = Section{"[[investment]]", []string{"id", "name", "description", "cost", "weekly_cost", "build_time",
		"effort", "drain", "requires", "effects"}}
	effortTable   = Section{"effort", []string{"stage", "weeks"}}
	drainTable    = Section{"drain", []string{"stage", "people"}}
	stageEffect   = Section{"stage effect", []string{"stage", "capacity", "add_capacity", "away", "service", "rework", "batch", "background"}}
	companyEffect = Section{"company effect", []string{"coverage", "parity", "restore", "defects", "infra_cost", "regression",
		"slicing", "experience", "money"}}
	eventTable = Section{"[[event]]", []string{"id", "text", "week", "probability", "once", "duration", "effects", "competitor", "work",
		"title", "choice", "default", "facilitator"}}
	choiceTable          = Section{"[[event.choice]]", []string{"id", "label", "text", "effects", "duration", "competitor", "work", "later", "if_built"}}
	laterTable           = Section{"`later` of a choice", []string{"weeks", "probability", "text", "effects"}}
	ifBuiltTable         = Section{"`if_built` of a choice", []string{"investment", "text", "effects", "later"}}
	eventCompetitorTable = Section{"`competitor` of an event", []string{"name", "boost"}}
	eventWorkTable       = Section{"`work` of an event", []string{"id", "count"}}

	roleTable = Section{"[[role]]", []string{"id", "name", "stages", "investments", "decisions", "approve_above"}}

	lessonTable = Section{"[[lesson]]", []string{"id", "title", "text", "done", "when", "task"}}
	whenTable   = Section{"`when` of a lesson", []string{"week", "queue", "busy", "built", "deployed", "event"}}
	queueTable  = Section{"`queue` of `when`", []string{"stage", "items"}}
	busyTable   = Section{"`busy` of `when`", []string{"stage", "share", "by_week"}}
	taskTable   = Section{"`task` of a lesson", []string{"invest", "release_every", "wip_limit", "hire", "slicing", "improvement", "weeks", "respond"}}

	planFile         = Section{"plan file", []string{"name", "description", "decision"}}
	decisionTable    = Section{"[[decision]]", []string{"week", "invest", "release_every", "wip_limit", "hire", "slicing", "improvement", "respond"}}
	wipLimitTable    = Section{"wip_limit", []string{"stage", "limit"}}
	hireTable        = Section{"hire", []string{"stage", "people"}}
	improvementTable = Section{"improvement", []string{"stage", "share"}}
	respondTable     = Section{"respond", []string{"event", "choice"}}
)

// Schema lists every table of the scenario format, then of the plan
// format, with its keys, in documentation order.
func Schema() []Section {
	all := []Section{topLevel, workTable, stageTable, distTable, reworkTable, batchTable,
		productionTable, companyTable, qualityTable, incidentsTable, marketTable, competitorTable, slicingTable,
		investmentTable, effortTable, drainTable, stageEffect, companyEffect, eventTable, eventCompetitorTable, eventWorkTable,
		choiceTable, laterTable, ifBuiltTable,
		lessonTable, whenTable, queueTable, busyTable, taskTable, roleTable,
		planFile, decisionTable, wipLimitTable, hireTable, improvementTable, respondTable}
	for i := range all {
		all[i].Keys = slices.Clone(all[i].Keys)
	}
	return all
}
