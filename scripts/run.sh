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
  # The CLI too, in the same build (one feature set): it fetches the models.
  cargo build --release -p lantern-studio -p lantern-cli
  bash scripts/models.sh "$CARGO_TARGET_DIR/release/lantern"
  exec "$CARGO_TARGET_DIR/release/lantern-studio"
fi

say "no display: the headless demo (set DISPLAY to get the Studio)"
cargo build --release --bin lantern
lantern="$CARGO_TARGET_DIR/release/lantern"
bash scripts/models.sh "$lantern"
"$lantern" --version
say "lantern models (where the ONNX models are; sha256 verified)"
"$lantern" models
say "lantern inspect examples/lucky-hat"
"$lantern" inspect examples/lucky-hat
media="${LANTERN_MEDIA:-$root/../shared/media}"
photo="$media/keijiro_pexels-dinielle-de-veyra-4195444.jpg"
mkdir -p "$root/.lantern"
if [ -f "$photo" ]; then
  say "lantern render: the lucky-hat example on a photo (live tracking)"
  "$lantern" render --effect examples/lucky-hat --input "$photo" --size 720x1280 --frames 10 \
    --output "$root/.lantern/demo-lucky-hat.png"
  echo "written to .lantern/demo-lucky-hat.png"
fi

if "$lantern" push --help 2>/dev/null | grep -q -- '--effect'; then
  say "the push demo: red-packet rain -> local ingest (RTMP in, HLS + viewer out)"
  seconds="${LANTERN_DEMO_SECONDS:-60}"
  clip="$root/.lantern/demo-clip.mp4"
  if [ ! -f "$clip" ]; then
    src="$media/pinto_open_palm_hand.png"
    [ -f "$src" ] || src="$photo"
    ffmpeg -v error -y -loop 1 -i "$src" -t 10 -r 30 \
      -vf "scale=1280:720:force_original_aspect_ratio=increase,crop=1280:720" \
      -pix_fmt yuv420p "$clip"
  fi
  bash scripts/ingest.sh --rtmp-port 19350 --http-port 18080 &
  ingest=$!
  trap 'kill $ingest 2>/dev/null || true' EXIT
  sleep 2
  echo "watch it: http://127.0.0.1:18080/viewer.html?src=/hls/demo.m3u8 (press d to outline the hot-zones)"
  "$lantern" push --effect examples/red-packet-rain --input "$clip" \
    --url rtmp://127.0.0.1:19350/live --key demo --size 1280x720 --fps 30 --duration "$seconds"
else
  photo="$media/ikep_pexels_wink_mouth_open_Test2.jpg"
  if [ -f "$photo" ]; then
    say "lantern track $photo"
    "$lantern" track "$photo" --overlay "$root/.lantern/demo-overlay.png"
    echo "overlay written to .lantern/demo-overlay.png"
  fi
fi
