#!/usr/bin/env bash
# speed.sh: the figures of README.md's speed targets, on this tree. Run it at rest.
# It builds the sim's test binaries with and without the shipped profile
# (cmd/globosim/default.pgo) and globosim, then prints each target's figures.
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$(dirname "$0")/.."
pgo=cmd/globosim/default.pgo
go build -o "$work"/m-gs ./cmd/globosim
go test -c -o "$work"/m-sim.test ./internal/sim
go test -c -pgo=$pgo -o "$work"/m-simpgo.test ./internal/sim
echo "# uptime: $(uptime)"
echo "# VsBare (bare Mitems/s, engine/bare, game/bare), 5 rounds each, plain then pgo"
for i in 1 2 3 4 5; do
  for t in m-sim m-simpgo; do echo -n "$t "; "$work"/$t.test -test.run '^$' -test.bench VsBare -test.benchtime 10x | awk '/Bench/{print $5, $7, $9}'; done
done
echo "# MM3, RunGameMM3, BareMM3 (go test's figures), pgo"
"$work"/m-simpgo.test -test.run '^$' -test.bench '^Benchmark(MM3|RunGameMM3|BareMM3)$' -test.benchtime 3000000x -test.count 3 | grep Bench
echo "# GameYear, GameYearReusing, 1000x, plain then pgo"
for t in m-sim m-simpgo; do "$work"/$t.test -test.run '^$' -test.bench '^BenchmarkGameYear(Reusing)?$' -test.benchtime 1000x -test.count 3 | grep Bench | sed "s/^/$t /"; done
echo "# run --plan globomantics-devops --runs 1000: user sys wall maxKB"
for i in 1 2 3 4 5; do /usr/bin/time -f '%U %S %e %M' "$work"/m-gs run --plan globomantics-devops --runs 1000 >/dev/null; done
echo "# uptime: $(uptime)"
