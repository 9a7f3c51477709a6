#!/usr/bin/env bash
# Installs Lantern's ONNX models into the user data dir (~/.local/share/lantern/models), checking
# each file's sha256 against engine/track/models.toml.
#
#   bash scripts/fetch-models.sh --from /path/to/models   # copy from a folder (e.g. ../shared/models)
#
# Lantern does not host the models. They are MediaPipe's .tflite models (Apache-2.0, inside the PyPI
# wheel mediapipe==0.10.14) converted to ONNX with tf2onnx 1.16.1 (opset 13), plus YuNet
# (github ShiqiYu/libfacedetection.train, Apache-2.0). The shared models folder that comes with
# Lantern's development machines has them with a MANIFEST.md describing the conversion.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
manifest="$root/engine/track/models.toml"
dest="${XDG_DATA_HOME:-$HOME/.local/share}/lantern/models"
from=""
while [ $# -gt 0 ]; do
  case "$1" in
    --from) from="${2:-}"; shift 2 ;;
    --dest) dest="${2:-}"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "fetch-models: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
if [ -z "$from" ]; then
  for candidate in "$root/../shared/models" "${LANTERN_MODELS:-}"; do
    if [ -n "$candidate" ] && [ -d "$candidate" ]; then from="$candidate"; break; fi
  done
fi
[ -n "$from" ] && [ -d "$from" ] || {
  echo "fetch-models: no models folder given. Use --from <folder holding the .onnx files> (see the comments at the top of this script for where they come from)." >&2
  exit 1
}

mkdir -p "$dest"
failed=0
# models.toml lists `file = "..."` followed by `sha256 = "..."` for each model.
while read -r file sum; do
  src="$from/$file"
  if [ ! -f "$src" ]; then echo "missing  $file (not in $from)"; failed=1; continue; fi
  actual="$(sha256sum "$src" | cut -d' ' -f1)"
  if [ "$actual" != "$sum" ]; then echo "corrupt  $file: sha256 $actual, expected $sum"; failed=1; continue; fi
  cp -f "$src" "$dest/$file.tmp" && mv -f "$dest/$file.tmp" "$dest/$file"
  echo "ok       $file"
done < <(awk -F'"' '/^file = /{f=$2} /^sha256 = /{print f, $2}' "$manifest")
[ $failed -eq 0 ] || { echo "fetch-models: some models could not be installed (above)" >&2; exit 1; }
echo "fetch-models: installed into $dest"
