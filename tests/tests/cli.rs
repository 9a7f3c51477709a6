//! The `lantern` binary's surface: help, version, and the models check.

use lantern_integration_tests::{lantern, lantern_bin};

#[test]
fn help_lists_every_subcommand() {
    let (ok, out, err) = lantern(&["--help"]);
    assert!(ok, "{err}");
    for sub in [
        "validate", "pack", "inspect", "render", "track", "push", "probe", "bench", "models",
        "devices",
    ] {
        assert!(
            out.contains(sub),
            "`lantern --help` does not list {sub}:\n{out}"
        );
    }
}

#[test]
fn version_prints_the_crate_version() {
    let (ok, out, _) = lantern(&["--version"]);
    assert!(ok);
    assert_eq!(out.trim(), format!("lantern {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn missing_models_fail_with_a_clear_message_not_a_panic() {
    let empty = tempfile::tempdir().unwrap();
    // LANTERN_MODELS, when set, is the only folder searched: point it at an empty one.
    let out = std::process::Command::new(lantern_bin())
        .arg("models")
        .env("LANTERN_MODELS", empty.path())
        .current_dir(empty.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("was not found"), "{err}");
    assert!(err.contains(&empty.path().display().to_string()), "{err}");
    assert!(err.contains("LANTERN_MODELS"), "{err}");
}
