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
say "lantern models (where the ONNX models are; sha256 verified)"
"$lantern" models
say "lantern inspect examples/lucky-hat"
"$lantern" inspect examples/lucky-hat
# The push demo (camera/file -> effect -> RTMP) arrives with `lantern push`; until then the demo
# shows the tracker on a real photo when the shared media folder is there.
photo="${LANTERN_MEDIA:-$root/../shared/media}/ikep_pexels_wink_mouth_open_Test2.jpg"
if [ -f "$photo" ]; then
  say "lantern track $photo"
  "$lantern" track "$photo" --overlay "$root/.lantern/demo-overlay.png"
  echo "overlay written to .lantern/demo-overlay.png"
fi
