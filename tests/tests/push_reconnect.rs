//! Reconnects: nginx-rtmp is stopped in the middle of a push and started again on the same port.
//! The push must keep running (no exit), log the lost connection and each attempt, reconnect,
//! and resume with a keyframe and the hot-zone SEI on every frame.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers: a failed step fails the test loudly"
)]

mod push_common;

use std::time::{Duration, Instant};

use lantern_testing::RtmpServer;
use push_common::{probe, read_stats, spawn_push};

/// Waits until nginx's recording of `key` holds more than `bytes`.
fn wait_recording_grows(server: &RtmpServer, key: &str, bytes: u64) {
    let deadline = Instant::now() + Duration::from_mins(1);
    while std::fs::metadata(server.recording(key)).map_or(0, |m| m.len()) <= bytes {
        assert!(
            Instant::now() < deadline,
            "nothing recorded at {}: {}",
            server.recording(key).display(),
            server.error_log()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn push_survives_the_server_going_away_and_resumes_with_a_keyframe() {
    let tmp = tempfile::tempdir().unwrap();
    let stats = tmp.path().join("stats.jsonl");
    let mut server = RtmpServer::start().unwrap();
    let url = server.url();
    let mut push = spawn_push(&[
        "--input",
        "pattern",
        "--url",
        &url,
        "--key",
        "rc",
        "--size",
        "320x180",
        "--duration",
        "24",
        "--reconnect-delay",
        "1",
        "--stats-every",
        "1",
        "--stats-json",
        stats.to_str().unwrap(),
    ]);
    wait_recording_grows(&server, "rc", 20_000);
    server.stop();
    let stopped = Instant::now();
    std::thread::sleep(Duration::from_secs(4));
    assert!(
        push.try_wait().unwrap().is_none(),
        "the push must keep running while the server is down"
    );
    server.resume().unwrap();
    // After the reconnect nginx starts a new recording of the same key.
    let resumed = Instant::now();
    let out = push.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "push failed:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    for needle in ["lost", "reconnecting to", "reconnected to"] {
        assert!(err.contains(needle), "no {needle:?} in the log:\n{err}");
    }
    for line in err
        .lines()
        .filter(|l| l.contains("connect") || l.contains("lost"))
    {
        println!("{line}");
    }
    println!(
        "down {:.1} s, push ended {:.1} s after the server came back",
        resumed.duration_since(stopped).as_secs_f64(),
        resumed.elapsed().as_secs_f64()
    );

    let rec = server
        .wait_recording("rc", Duration::from_secs(30))
        .unwrap();
    let frames = probe(&rec);
    assert!(!frames.is_empty());
    assert_eq!(
        frames[0]["key"], true,
        "a new connection starts with a keyframe"
    );
    let first = frames[0]["sei"]["pts"].as_i64().unwrap();
    assert!(
        first >= 4000,
        "the new recording starts after the outage (pts {first} ms)"
    );
    assert!(
        frames[0]["pts_ms"].as_i64().unwrap() < 200,
        "the new connection's clock starts near 0: {}",
        frames[0]
    );
    let lines = read_stats(&stats);
    let last = lines.last().unwrap();
    assert_eq!(last["reconnects"], 1, "{last}");
    assert!(
        last["dropped"]["send"].as_u64() > Some(0),
        "frames offline are dropped: {last}"
    );
    assert!(
        lines.iter().any(|l| l["link"]
            .as_str()
            .is_some_and(|s| s.starts_with("reconnecting"))),
        "a report during the outage says so"
    );
}
