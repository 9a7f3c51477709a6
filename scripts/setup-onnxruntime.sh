#!/usr/bin/env bash
# Puts ONNX Runtime's shared library, from the pinned `onnxruntime` PyPI wheel, at
# .lantern/onnxruntime/libonnxruntime.so (git-ignored). Idempotent: does nothing when the
# library is already there. The engine finds it there (or wherever ORT_DYLIB_PATH points).
set -euo pipefail

ORT_VERSION="1.31.1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/.lantern/onnxruntime"
lib="$dest/libonnxruntime.so.$ORT_VERSION"

if [ -f "$lib" ] && [ -L "$dest/libonnxruntime.so" ]; then
  echo "onnxruntime: $ORT_VERSION already at $lib"
  exit 0
fi

py="$(command -v python3 || true)"
if [ -z "$py" ]; then
  echo "onnxruntime: python3 is needed to download the onnxruntime wheel (apt-get install python3 python3-pip)" >&2
  exit 1
fi
if ! "$py" -m pip --version >/dev/null 2>&1; then
  echo "onnxruntime: pip is needed to download the onnxruntime wheel (apt-get install python3-pip)" >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "onnxruntime: downloading the onnxruntime==$ORT_VERSION wheel from PyPI"
if ! "$py" -m pip download --quiet --no-deps --only-binary=:all: --dest "$tmp" "onnxruntime==$ORT_VERSION"; then
  echo "onnxruntime: could not download onnxruntime==$ORT_VERSION from PyPI (network? proxy?)." >&2
  echo "  Fix: download the wheel by hand and set ORT_DYLIB_PATH to its onnxruntime/capi/libonnxruntime.so.$ORT_VERSION" >&2
  exit 1
fi
wheel="$(ls "$tmp"/onnxruntime-*.whl | head -n 1)"
mkdir -p "$dest"
"$py" - "$wheel" "$dest" "$ORT_VERSION" <<'PY'
import sys, zipfile, os
wheel, dest, version = sys.argv[1:4]
name = f"onnxruntime/capi/libonnxruntime.so.{version}"
with zipfile.ZipFile(wheel) as z:
    data = z.read(name)
tmp = os.path.join(dest, f".libonnxruntime.so.{version}.tmp")
with open(tmp, "wb") as f:
    f.write(data)
os.replace(tmp, os.path.join(dest, f"libonnxruntime.so.{version}"))
PY
ln -sfn "libonnxruntime.so.$ORT_VERSION" "$dest/libonnxruntime.so"
echo "onnxruntime: installed $lib"
