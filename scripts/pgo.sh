#!/usr/bin/env bash
# Makes cmd/globosim/default.pgo, the CPU profile go build uses to optimise
# globosim (profile-guided optimisation: -pgo=auto, the default, reads
# default.pgo in the main package's folder). The profile is what the
# program spends its time on: five batches of
#   globosim run --plan globomantics-devops --runs 1000
# (the headless batch, and the same engine as a game's debrief), merged
# with the dashboard's auto-play tick (BenchmarkTick: a day played and the
# frame drawn, what play and serve do for each player). The
# binary that profiles is built without a profile (-pgo=off), so a profile
# never feeds on itself.
#
#   scripts/pgo.sh [OUT]        (default cmd/globosim/default.pgo)
#
# Refresh it after a change to the simulation's or the dashboard's hot
# paths (what BenchmarkGameYearReusing and BenchmarkTick measure), and
# before measuring speed; a stale profile still builds, it only optimises
# less. Needs Go; takes about a minute of CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-cmd/globosim/default.pgo}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -pgo=off -o "$work/globosim" ./cmd/globosim
for i in 1 2 3 4 5; do
	"$work/globosim" run --plan globomantics-devops --runs 1000 \
		--cpuprofile "$work/run$i.prof" >/dev/null
done
go test -pgo=off -c -o "$work/ui.test" ./internal/ui
(cd internal/ui && "$work/ui.test" -test.run '^$' -test.bench '^BenchmarkTick$' \
	-test.benchtime 4000x -test.cpuprofile "$work/tick.prof" >/dev/null)

# One profile, the samples of all (pprof -proto merges them).
go tool pprof -proto "$work"/run*.prof "$work/tick.prof" >"$work/merged.pgo" 2>/dev/null
mv "$work/merged.pgo" "$out"
ls -l "$out"
