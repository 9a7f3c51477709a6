#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and runs every test: formatting, clippy with -D warnings, the Rust
# tests of the whole workspace (real models, real RTMP server, lavapipe), and the UI's checks.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/lantern/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-always}"
# Silence harmless Wayland/XDG probing from windowing crates under Xvfb.
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "setup"
bash scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test"
# The CLI's integration tests run the real `lantern` binary: build it first so they find it fresh.
cargo build --locked --bin lantern
cargo test --workspace --locked

step "ui: typecheck and unit tests"
npm --prefix ui run --silent typecheck
npm --prefix ui test --silent

step "ui: Studio end-to-end in Chromium (IPC mocked at the boundary)"
npm --prefix ui run --silent test:e2e:studio

step "all tests passed"
