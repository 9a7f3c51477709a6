//! Switching effects while live, as a host's script does it: `lantern push --control` to a real
//! nginx-rtmp (recording on), live face and hand tracking of a face clip, and `lantern ctl`
//! switching 20 times among three examples in 60 seconds. One recording, no reconnect, no frame
//! dropped by a switch (frames are counted in half-second reports: those around a switch, from
//! its warming to its swap, and the others), and in the recorded stream the SEI zones are the new
//! effect's from the frame each switch's answer names (and within two frames of it at worst); a
//! broken package is refused while the stream goes on; `lantern ctl stop` ends it after a minute.
//!
//! Each example gets one extra sticker with an always-present hot-zone `mark-<example>`, so each
//! frame's SEI says which effect drew it. Bounded: the push ends itself after 90 s at most.
#![allow(clippy::unwrap_used, reason = "a test")]

mod push_common;

use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use lantern_integration_tests::{lantern_bin, repo_root};
use lantern_testing::RtmpServer;
use push_common::{photo_clip, probe, read_stats, spawn_push_logged};

const EXAMPLES: [&str; 3] = ["lucky-hat", "face-bird", "red-packet-rain"];
const SWITCHES: usize = 20;
const FRAME_MS: i64 = 1000 / 30;

/// `examples/<name>` copied into `dir`, with lucky-hat's banner sticker added as `mark-<name>`.
fn marked_example(dir: &Path, name: &str) -> PathBuf {
    let from = repo_root().join("examples").join(name);
    let to = dir.join(name);
    copy_dir(&from, &to);
    let hat = repo_root().join("examples/lucky-hat");
    let hat_effect: serde_json::Value =
        serde_json::from_slice(&std::fs::read(hat.join("effect.json")).unwrap()).unwrap();
    let mut banner = hat_effect["layers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == "banner")
        .unwrap()
        .clone();
    banner["id"] = format!("mark-{name}").into();
    let asset_id = banner["asset"].as_str().unwrap().to_owned();
    let mut asset = hat_effect["assets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == asset_id.as_str())
        .unwrap()
        .clone();
    let file = asset["path"].as_str().unwrap().to_owned();
    let marked_file = format!("assets/mark-{name}.png");
    std::fs::create_dir_all(to.join("assets")).unwrap();
    std::fs::copy(hat.join(&file), to.join(&marked_file)).unwrap();
    asset["id"] = format!("mark-image-{name}").into();
    asset["path"] = marked_file.into();
    banner["asset"] = format!("mark-image-{name}").into();
    let path = to.join("effect.json");
    let mut effect: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    effect["assets"].as_array_mut().unwrap().push(asset);
    effect["layers"].as_array_mut().unwrap().push(banner);
    std::fs::write(&path, serde_json::to_vec_pretty(&effect).unwrap()).unwrap();
    to
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `lantern ctl <url> <request> [data]`: its one response.
fn ctl(url: &str, request: &str, data: Option<&str>) -> serde_json::Value {
    let mut cmd = Command::new(lantern_bin());
    cmd.args(["ctl", url, request]);
    if let Some(d) = data {
        cmd.arg(d);
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(stdout.lines().next().unwrap_or_default()).unwrap_or_else(|e| {
        serde_json::json!({
            "ok": false,
            "ctl": format!("{e}: {stdout} {}", String::from_utf8_lossy(&out.stderr)),
        })
    })
}

/// Which effect drew the frame: the `mark-…` zone in its SEI.
fn mark(frame: &serde_json::Value) -> Option<String> {
    frame["sei"]["zones"]
        .as_array()?
        .iter()
        .filter_map(|z| z["id"].as_str())
        .find_map(|id| id.strip_prefix("mark-").map(str::to_owned))
}

#[test]
fn twenty_switches_in_a_minute_reach_the_stream_within_two_frames() {
    let tmp = tempfile::tempdir().unwrap();
    let effects: Vec<PathBuf> = EXAMPLES
        .iter()
        .map(|n| marked_example(tmp.path(), n))
        .collect();
    let clip = photo_clip(tmp.path(), 6);
    let stats = tmp.path().join("stats.jsonl");
    let server = RtmpServer::start().unwrap();
    let port = free_port();
    let control = format!("127.0.0.1:{port}");
    let log = tmp.path().join("push.log");
    let log_text = || std::fs::read_to_string(&log).unwrap_or_default();
    let mut push = spawn_push_logged(
        &[
            "--effect",
            effects[0].to_str().unwrap(),
            "--input",
            clip.to_str().unwrap(),
            "--url",
            &server.url(),
            "--key",
            "switch",
            "--size",
            "320x180",
            "--duration",
            "90",
            "--stats-every",
            "0.5",
            "--stats-json",
            stats.to_str().unwrap(),
            "--control",
            &control,
        ],
        &log,
    );
    let deadline = Instant::now() + Duration::from_mins(1);
    while TcpStream::connect(&control).is_err() {
        if push.try_wait().unwrap().is_some() || Instant::now() > deadline {
            let _ = push.kill();
            let _ = push.wait();
            panic!("the control API never listened:\n{}", log_text());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let url = format!("ws://{control}");

    // 20 switches in a minute, cycling through the three; each answer names its frame.
    let mut acks: Vec<(String, i64, serde_json::Value)> = Vec::new();
    let live = Instant::now();
    for i in 0..SWITCHES {
        let at = live + Duration::from_millis(2000 + 2800 * i as u64);
        std::thread::sleep(at.saturating_duration_since(Instant::now()));
        let next = (i + 1) % EXAMPLES.len();
        let data = serde_json::json!({ "effect": effects[next] }).to_string();
        let r = ctl(&url, "switch", Some(&data));
        assert_eq!(r["ok"], true, "switch {i}: {r}\n{}", log_text());
        acks.push((
            EXAMPLES[next].to_owned(),
            r["data"]["ptsMs"].as_i64().unwrap(),
            r["data"].clone(),
        ));
    }
    // A broken package is refused while the stream goes on.
    let broken = tmp.path().join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("effect.json"), "{ \"version\": 1 ").unwrap();
    let r = ctl(
        &url,
        "switch",
        Some(&serde_json::json!({ "effect": broken }).to_string()),
    );
    assert_eq!(r["ok"], false, "{r}");
    println!("a broken package: {r}");

    std::thread::sleep((live + Duration::from_mins(1)).saturating_duration_since(Instant::now()));
    let r = ctl(&url, "stop", None);
    assert_eq!(r["ok"], true, "{r}\n{}", log_text());
    let status = push.wait().unwrap();
    for line in log_text().lines().filter(|l| {
        ["switched", "warmed", "s live |", "WARN", "ERROR"]
            .iter()
            .any(|k| l.contains(k))
    }) {
        println!("{line}");
    }
    assert!(status.success(), "lantern push failed:\n{}", log_text());
    check_stream(&server, &acks, &stats);
}

/// Frames dropped in the reports that overlap a switch (from 1 s before its answer, while it
/// warms, to half a second after), and in the others.
fn drops_by_cause(
    reports: &[serde_json::Value],
    acks: &[(String, i64, serde_json::Value)],
) -> (u64, u64) {
    let (mut switching, mut playing) = (0, 0);
    for r in reports {
        let end = r["uptime_s"].as_f64().unwrap() * 1000.0;
        let start = end - r["interval_s"].as_f64().unwrap() * 1000.0;
        let n = r["dropped_interval"]["total"].as_u64().unwrap();
        let near = acks.iter().any(|(_, pts, _)| {
            let pts = *pts as f64;
            start < pts + 500.0 && end > pts - 1000.0
        });
        if near {
            switching += n;
        } else {
            playing += n;
        }
    }
    (switching, playing)
}

/// The recording and the push's own figures against the switches' answers.
fn check_stream(server: &RtmpServer, acks: &[(String, i64, serde_json::Value)], stats: &Path) {
    let rec = server
        .wait_recording("switch", Duration::from_secs(30))
        .unwrap();
    let recordings = std::fs::read_dir(rec.parent().unwrap()).unwrap().count();
    assert_eq!(recordings, 1, "one recording: the stream never reconnected");
    let frames = probe(&rec);
    let reports = read_stats(stats);
    let last = reports.last().unwrap().clone();
    println!("final stats: {last}");
    assert_eq!(last["final"], true);
    assert_eq!(last["reconnects"].as_u64(), Some(0), "{last}");
    let (switching, playing) = drops_by_cause(&reports, acks);
    let dropped = last["dropped"]["total"].as_u64().unwrap();
    println!(
        "dropped: {dropped} of {} frames: {switching} in the half-second reports around a switch \
         (from 1 s before its answer: the warming), {playing} elsewhere (the effects alone: #16)",
        frames.len()
    );
    // The goal is none, and here it is met (0 of 1809). The windows around the 20 switches
    // cover about half the minute, so a burst of drops from elsewhere on a shared machine can
    // land in one: the bound leaves room for that, and still fails a switch that costs frames
    // again (warming on the render stage cost 5–10 frames per switch). What the effects cost
    // on their own on two busy cores is #16's, bounded only so a broken push cannot pass.
    assert!(
        switching <= 10,
        "{switching} frames dropped around switches: {last}"
    );
    assert!(dropped <= 60, "{dropped} frames dropped: {last}");
    assert_eq!(last["frames_sent"].as_u64(), Some(frames.len() as u64));

    let marks: Vec<(i64, Option<String>)> = frames
        .iter()
        .map(|f| (f["sei"]["pts"].as_i64().unwrap(), mark(f)))
        .collect();
    for (name, pts, data) in acks {
        // The first frame at or after the answer's time that the new effect drew.
        let first = marks
            .iter()
            .find(|(p, m)| p >= pts && m.as_deref() == Some(name.as_str()))
            .unwrap_or_else(|| panic!("{name} never reached the stream after {pts} ms: {data}"));
        let late = (first.0 - pts) / FRAME_MS;
        println!(
            "switch to {name}: answered for {pts} ms, in the stream at {} ms ({late} frames later); swap {} ms, models loaded: {}",
            first.0, data["swapMs"], data["modelsLoaded"]
        );
        assert!(late <= 2, "{name}: {late} frames after the answer");
        let before = marks.iter().rev().find(|(p, _)| p < pts);
        assert!(
            before.is_none_or(|(_, m)| m.as_deref() != Some(name.as_str())),
            "the frame before the switch to {name} was already its"
        );
    }
}
