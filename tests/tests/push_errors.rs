//! Bad input to `lantern push` fails before going live with one clear line and a non-zero exit,
//! never a panic: unreachable URL, corrupt package, missing input, no camera, bad settings.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers: a failed step fails the test loudly"
)]

mod push_common;

use push_common::run_push;

/// Exactly one `error:` line, naming `what` (a package's problems follow it, one per line),
/// and no panic.
fn fails_with(args: &[&str], what: &str) {
    let (ok, out, err) = run_push(args);
    assert!(!ok, "lantern push {args:?} should fail:\n{out}{err}");
    assert!(!err.contains("panicked"), "{err}");
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "one error line expected:\n{err}");
    let report = &err[err.find("error:").unwrap_or(0)..];
    assert!(
        report.contains(what),
        "the error should name {what:?}:\n{err}"
    );
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn unreachable_url_is_one_line_and_non_zero() {
    let port = free_port();
    let url = format!("rtmp://127.0.0.1:{port}/live");
    fails_with(
        &[
            "--input",
            "pattern",
            "--url",
            &url,
            "--key",
            "k",
            "--duration",
            "2",
            "--no-tracking",
        ],
        &format!("cannot connect to rtmp://127.0.0.1:{port}/live/k"),
    );
}

#[test]
fn bad_packages_inputs_and_settings_fail_before_going_live() {
    let tmp = tempfile::tempdir().unwrap();
    let url = format!("rtmp://127.0.0.1:{}/live", free_port());
    let broken = tmp.path().join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(
        broken.join("effect.json"),
        "{\"formatVersion\": 1, \"layers\": [",
    )
    .unwrap();
    let broken = broken.to_str().unwrap();
    fails_with(
        &["--effect", broken, "--url", &url, "--duration", "1"],
        "effect.json",
    );
    fails_with(
        &["--effect", "/nope/effect", "--url", &url, "--duration", "1"],
        "/nope/effect",
    );
    fails_with(
        &["--input", "/nope/clip.mp4", "--url", &url],
        "/nope/clip.mp4",
    );
    let not_video = tmp.path().join("notes.mp4");
    std::fs::write(&not_video, "not a video").unwrap();
    fails_with(
        &["--input", not_video.to_str().unwrap(), "--url", &url],
        "notes.mp4",
    );
    fails_with(&["--input", "camera:7", "--url", &url], "camera");
    fails_with(&["--size", "1281x720", "--url", &url], "1281x720");
    fails_with(&["--preset", "turbo", "--url", &url], "preset");
    fails_with(&["--url", "http://example.com/live"], "RTMP URL");
    fails_with(
        &["--tracking", "/nope/tape.jsonl", "--url", &url],
        "tape.jsonl",
    );
}
