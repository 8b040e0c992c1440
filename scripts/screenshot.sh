#!/usr/bin/env bash
# Makes docs/images/dashboard.svg, the README's screenshot, from the running
# game: builds globosim, plays a few weeks in a 120x40 tmux pane (buying CI
# on the way), captures the pane with its colours (tmux capture-pane -e) and
# renders it to SVG with charmbracelet/freeze, then to PNG (OUT.png) with
# rsvg-convert. The SVG embeds its font; a viewer that ignores it falls back
# to another monospace font (the font list is widened after freeze), never a
# proportional one, which garbled the columns.
#
#   scripts/screenshot.sh [OUT.svg]
#
# Needs tmux, Go (freeze is fetched by go run), rsvg-convert and a monospace
# font with the box-drawing glyphs (Debian: librsvg2-bin fonts-dejavu-core).
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
for _ in $(seq 1 8); do key Space; done
key 2                # week 9's question: hire a replacement
for _ in $(seq 1 8); do key Space; done
key Down; key Down; key Down; key Down  # choose Manual QA on the map
sleep 0.5

tmux -L "$sock" capture-pane -e -p -t shot > "$work/screen.ansi"
mkdir -p "$(dirname "$out")"
go run github.com/charmbracelet/freeze@v0.2.2 "$work/screen.ansi" -o "$out" --window --padding 20
sed -i 's/font-family="JetBrains Mono"/font-family="\x27JetBrains Mono\x27, \x27DejaVu Sans Mono\x27, Menlo, Consolas, monospace"/' "$out"
grep -q "DejaVu Sans Mono" "$out" || { echo "screenshot.sh: freeze's SVG has no font-family to widen" >&2; exit 1; }
# freeze's own PNG output crashes (resvg-go) here; rsvg-convert renders the
# SVG with the system's monospace font, at twice the size for sharp text.
rsvg-convert -z 2 -o "${out%.svg}.png" "$out"
echo "wrote $out and ${out%.svg}.png"
