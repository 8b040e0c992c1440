#!/usr/bin/env bash
# Makes docs/images/dashboard.svg, the README's screenshot, from the running
# game: builds globosim, plays a few weeks in a 120x40 tmux pane (buying CI
# on the way), captures the pane with its colours (tmux capture-pane -e) and
# renders it to SVG with charmbracelet/freeze.
#
#   scripts/screenshot.sh [OUT.svg]
#
# Needs tmux and Go (freeze is fetched by go run).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/images/dashboard.svg}
work=$(mktemp -d)
sock="globosim-shot-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$work"' EXIT

go build -o "$work/globosim" ./cmd/globosim
tmux -L "$sock" -f /dev/null new-session -d -s shot -x 120 -y 40 \
  "cd $work && GLOBOSIM_DATA_DIR=$work/data TERM=xterm-256color ./globosim; sleep 60"
tmux -L "$sock" set-option -t shot status off >/dev/null

key() { tmux -L "$sock" send-keys -t shot "$@"; sleep 0.4; }
sleep 1
key Enter            # the title: the default scenario
key Enter            # the briefing
key i; key Enter; key y; key Escape   # buy build automation (CI)
for _ in $(seq 1 16); do key Space; done
key Down; key Down; key Down; key Down  # choose Manual QA on the map
sleep 0.5

tmux -L "$sock" capture-pane -e -p -t shot > "$work/screen.ansi"
mkdir -p "$(dirname "$out")"
go run github.com/charmbracelet/freeze@v0.2.2 "$work/screen.ansi" -o "$out" --window --padding 20
# Also a PNG when asked (for looking at it here): PNG=1 scripts/screenshot.sh
if [ -n "${PNG:-}" ]; then go run github.com/charmbracelet/freeze@v0.2.2 "$work/screen.ansi" -o "${out%.svg}.png" --window --padding 20; fi
echo "wrote $out"
