#!/usr/bin/env bash
# Sets up everything Lantern needs on Debian 12: system packages, ONNX Runtime's shared library,
# the UI's npm packages and build. Idempotent: a second run only checks. Run as root or with sudo.
# The tracker's models come after the build (scripts/models.sh: `lantern models fetch`).
#
#   bash scripts/setup.sh            # everything
#   LANTERN_SKIP_APT=1 bash scripts/setup.sh   # when the packages are managed another way
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
die() { printf '\033[1;31msetup: %s\033[0m\n' "$*" >&2; exit 1; }

# Debian packages, by what needs them.
packages=(
  # Rust crates that build C or bind with bindgen (rquickjs, ffmpeg-sys, nokhwa's v4l)
  build-essential pkg-config clang libclang-dev linux-libc-dev
  # wgpu with no GPU: Mesa's lavapipe (Vulkan on the CPU) and llvmpipe GL
  mesa-vulkan-drivers libvulkan1 libegl1 libegl-mesa0 libgl1-mesa-dri libgles2 libgl1
  # FFmpeg's libraries (encode, decode, mux) and the ffmpeg/ffprobe tools tests check streams with
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libswresample-dev libavfilter-dev libavdevice-dev ffmpeg
  # The RTMP server tests push to
  nginx libnginx-mod-rtmp
  # Lantern Hub: PostgreSQL for its several-instance tests (a throwaway cluster per test), prlimit
  # (util-linux) for its worker processes
  postgresql util-linux
  # Lantern Studio (Tauri 2 on WebKitGTK 4.1) and its end-to-end driver
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libssl-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev
  webkit2gtk-driver
  # The browser end-to-end tests, Studio and web viewer (playwright-core drives Debian's Chromium)
  chromium
  # Windows without a display (Studio tests, the push monitor), and egui's windowing
  xvfb xauth xdotool libxkbcommon-dev libxkbcommon-x11-0 libx11-dev libxcursor1 libxrandr2 libxi6 libwayland-dev
  # nokhwa (webcam) and device discovery
  libudev-dev
  # ONNX Runtime comes from the PyPI wheel
  python3 python3-pip ca-certificates
  # A font for the render tests (text layer goldens)
  fonts-dejavu-core
)

if [ "${LANTERN_SKIP_APT:-0}" != 1 ]; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "Debian packages: all ${#packages[@]} present"
  else
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
      command -v sudo >/dev/null || die "need root to install ${missing[*]}: run as root, or install sudo"
      sudo="sudo"
    fi
    say "Debian packages: installing ${#missing[@]}: ${missing[*]}"
    $sudo apt-get update -qq || die "apt-get update failed (network? sources.list?)"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" \
      || die "apt-get install failed for: ${missing[*]}"
  fi
fi

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs), toolchain 1.95"
command -v node >/dev/null || die "node not found: install Node.js >= 20.19 (the UI is built with Vite 8)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "Node.js $(node --version) is too old: Vite 8 needs >= 20.19"

bash "$root/scripts/setup-onnxruntime.sh" || die "ONNX Runtime setup failed (see above)"

if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  say "npm: installing the UI's packages (npm ci)"
  npm --prefix ui ci --no-audit --no-fund --loglevel=error || die "npm ci in ui/ failed"
else
  say "npm: ui/node_modules up to date"
fi
# Lantern Studio embeds the built UI at compile time, so the workspace needs ui/dist to build.
say "npm: building the UI (ui/dist)"
npm --prefix ui run --silent build >/dev/null || die "the UI build failed: run \`npm --prefix ui run build\` to see why"

# The real-app Studio test drives the window through tauri-driver (WebDriver for Tauri apps).
tauri_driver_version=2.1.0
if "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" --help 2>/dev/null | grep -q "native-driver"; then
  say "tauri-driver: present"
else
  say "tauri-driver: installing $tauri_driver_version (cargo install, about two minutes)"
  cargo install --locked --quiet tauri-driver --version "$tauri_driver_version" \
    --target-dir "${CARGO_TARGET_DIR:-$HOME/.cache/lantern/target}/tauri-driver" \
    || die "cargo install tauri-driver failed: the Studio's real-app test needs it (network? crates.io?)"
fi

say "done. (\`lantern models\` shows where each model is, its origin and licence.)"
