//! `lantern push --monitor`: the real window under a real Xvfb (found with xdotool), the push
//! going to an `.flv` checked with ffprobe; and the two ways it cannot open — no display named,
//! a display that is not there — each one line with the fix and a non-zero exit, with no push
//! left running. Bounds on waits only turn a hang into a failure; nothing is timed.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers: a failed step fails the test loudly"
)]

mod push_common;

use std::io::Read as _;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use lantern_integration_tests::lantern_bin;
use push_common::{ffprobe, read_stats};

/// Kills the child when dropped, so a failing assertion leaves nothing running.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts Xvfb on a display it picks itself (`-displayfd`, so parallel tests never race for
/// a number); `None` when Xvfb is not installed.
fn start_xvfb() -> Option<(KillOnDrop, String)> {
    let child = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
            // Without it the server resets when its last client leaves, and a client that
            // connects during the reset (the push, right after the readiness probe below) is
            // refused: "Failed to open connection to X server".
            "-noreset",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut guard = KillOnDrop(child);
    let mut number = String::new();
    let mut out = guard.0.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    while out.read(&mut byte).unwrap_or(0) == 1 && byte[0] != b'\n' {
        number.push(char::from(byte[0]));
    }
    assert!(!number.trim().is_empty(), "Xvfb did not report its display");
    let display = format!(":{}", number.trim());
    // Xvfb names its display before it serves it: wait until a client gets in (one CI run's
    // window failed with "Failed to open connection to X server").
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let ready = Command::new("xdotool")
            .arg("getdisplaygeometry")
            .env("DISPLAY", &display)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ready {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "Xvfb {display} never took a client"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some((guard, display))
}

fn push_command(display: Option<&str>, runtime: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(lantern_bin());
    cmd.arg("push")
        .args(args)
        .env("XDG_RUNTIME_DIR", runtime)
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    match display {
        Some(d) => cmd.env("DISPLAY", d),
        None => cmd.env_remove("DISPLAY"),
    };
    cmd
}

/// The ids of windows whose title matches `pattern` on `display`.
fn windows(display: &str, pattern: &str) -> Vec<String> {
    let out = Command::new("xdotool")
        .args(["search", "--name", pattern])
        .env("DISPLAY", display)
        .output()
        .expect("run xdotool (installed by scripts/setup.sh)");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

fn stderr_of(child: &mut KillOnDrop) -> String {
    let mut err = String::new();
    child
        .0
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    err
}

#[test]
fn the_monitor_window_opens_and_the_push_ends_cleanly() {
    let Some((_xvfb, display)) = start_xvfb() else {
        println!(
            "skipped: Xvfb is not installed (scripts/setup.sh installs it: apt-get install xvfb)"
        );
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let flv = tmp.path().join("monitored.flv");
    let stats = tmp.path().join("stats.jsonl");
    let mut push = KillOnDrop(
        push_command(
            Some(&display),
            tmp.path(),
            &[
                "--monitor",
                "--input",
                "pattern",
                "--url",
                flv.to_str().unwrap(),
                "--size",
                "640x360",
                "--duration",
                "4",
                "--stats-json",
                stats.to_str().unwrap(),
            ],
        )
        .spawn()
        .unwrap(),
    );
    let deadline = Instant::now() + Duration::from_mins(2);
    let mut seen = Vec::new();
    let status = loop {
        if seen.is_empty() {
            seen = windows(&display, "^Lantern push monitor");
        }
        if let Some(status) = push.0.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "lantern push --monitor did not end"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let err = stderr_of(&mut push);
    assert!(status.success(), "{status}: {err}");
    assert!(
        !seen.is_empty(),
        "no monitor window appeared on {display}: {err}"
    );
    assert!(err.contains("monitor window:"), "{err}");

    let streams = ffprobe(&flv);
    let video = streams["streams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["codec_type"] == "video")
        .unwrap();
    assert_eq!(video["codec_name"], "h264");
    assert_eq!(video["width"], 640);
    let frames: u64 = video["nb_read_frames"].as_str().unwrap().parse().unwrap();
    let reports = read_stats(&stats);
    let last = reports.last().unwrap();
    assert_eq!(last["final"], true);
    assert_eq!(last["frames_sent"].as_u64().unwrap(), frames);
    // 4 s at 30 fps: every tick is either sent or counted as dropped by some stage.
    assert_eq!(frames + last["dropped"]["total"].as_u64().unwrap(), 120);
}

#[test]
fn without_a_display_the_monitor_refuses_before_going_live() {
    let tmp = tempfile::tempdir().unwrap();
    let flv = tmp.path().join("never.flv");
    let out = push_command(
        None,
        tmp.path(),
        &[
            "--monitor",
            "--url",
            flv.to_str().unwrap(),
            "--duration",
            "2",
        ],
    )
    .output()
    .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    let line = err.lines().last().unwrap();
    assert!(
        line.starts_with("error: --monitor: no display")
            && line.contains("without --monitor")
            && line.contains("xvfb-run"),
        "{err}"
    );
    assert!(!flv.exists(), "nothing may go live without the window");
}

#[test]
fn a_display_that_cannot_be_opened_stops_the_push_with_the_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let flv = tmp.path().join("stopped.flv");
    let mut push = KillOnDrop(
        push_command(
            // A display number no X server listens on.
            Some(":1999"),
            tmp.path(),
            &[
                "--monitor",
                "--url",
                flv.to_str().unwrap(),
                "--size",
                "320x180",
            ],
        )
        .spawn()
        .unwrap(),
    );
    // Without --duration the push runs until stopped: it ends only because the monitor stops it.
    let deadline = Instant::now() + Duration::from_mins(1);
    let status = loop {
        if let Some(status) = push.0.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the push was left running");
        std::thread::sleep(Duration::from_millis(50));
    };
    let err = stderr_of(&mut push);
    assert!(!status.success());
    let line = err.lines().last().unwrap();
    assert!(
        line.starts_with("error: --monitor: the window could not open")
            && line.contains("without --monitor")
            && line.contains("DISPLAY"),
        "{err}"
    );
    // It went live, then was drained and closed: the file is a complete FLV.
    let streams = ffprobe(&flv);
    assert!(
        streams["streams"].as_array().unwrap().len() == 2,
        "{streams}"
    );
}
