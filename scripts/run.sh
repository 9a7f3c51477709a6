#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and runs Lantern: Lantern Studio when there is a display, otherwise a
# headless demo with the `lantern` CLI.
#
#   bash scripts/run.sh              # Studio if $DISPLAY/$WAYLAND_DISPLAY is set, else the headless demo
#   LANTERN_HEADLESS=1 bash scripts/run.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/lantern/target}"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

bash scripts/setup.sh

if [ "${LANTERN_HEADLESS:-0}" != 1 ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  say "building and starting Lantern Studio"
  cargo build --release -p lantern-studio
  exec "$CARGO_TARGET_DIR/release/lantern-studio"
fi

say "no display: the headless demo (set DISPLAY to get the Studio)"
cargo build --release --bin lantern
lantern="$CARGO_TARGET_DIR/release/lantern"
"$lantern" --version
say "lantern models"
"$lantern" models
