#!/usr/bin/env bash
# The tracker's models, with the `lantern` binary the caller just built: `lantern models fetch`
# downloads MediaPipe's pinned wheel from PyPI once and extracts its .tflite files into
# $LANTERN_MODELS or ~/.local/share/lantern/models (see README.md, "Models"); when they are all
# there it only checks them. run.sh and test.sh call it after their build.
#
#   bash scripts/models.sh <path/to/lantern>
#   LANTERN_MODELS_FROM=/path/to/mediapipe-0.10.14-...whl bash scripts/models.sh ...   # offline
set -euo pipefail

lantern="${1:?usage: scripts/models.sh <path to the lantern binary>}"
from=()
[ -n "${LANTERN_MODELS_FROM:-}" ] && from=(--from "$LANTERN_MODELS_FROM")
printf '\n\033[1m== %s\033[0m\n' "models: lantern models fetch"
"$lantern" models fetch "${from[@]}" \
  || { echo "scripts/models.sh: lantern models fetch failed (above: the reason and the fix)" >&2; exit 1; }
