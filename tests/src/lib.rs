//! Helpers shared by the integration tests in `tests/tests/`: the repository's folders, the
//! `lantern` binary, built on first use with the same cargo, profile and target dir as the tests,
//! and how an example's golden screenshot is rendered ([`screenshot`]).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub mod screenshot;

/// The repository root (the folder with the workspace `Cargo.toml`).
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."))
}

/// The `lantern` binary, built once per test process.
///
/// A test binary lives in `<target>/<profile>/deps/`; `cargo build` puts the binary in
/// `<target>/<profile>/`. The whole workspace is built, with every target, as `cargo test
/// --workspace` builds it: building `lantern` alone would resolve other features and build the
/// dependencies a second time (after `cargo test`'s own build this is a no-op).
pub fn lantern_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let exe = std::env::current_exe().expect("test executable path");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("<target>/<profile>");
        let release = profile_dir.file_name().is_some_and(|n| n == "release");
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut build = Command::new(cargo);
        build
            .current_dir(repo_root())
            .args(["build", "--quiet", "--workspace", "--all-targets"]);
        if release {
            build.arg("--release");
        }
        if let Some(target) = profile_dir.parent() {
            build.env("CARGO_TARGET_DIR", target);
        }
        let status = build
            .status()
            .expect("run cargo build for the lantern binary");
        assert!(status.success(), "cargo build --bin lantern failed");
        profile_dir.join("lantern")
    })
}

/// Run `lantern` with `args`, returning (exit success, stdout, stderr).
pub fn lantern(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(lantern_bin())
        .args(args)
        .output()
        .expect("run lantern");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
