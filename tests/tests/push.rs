//! `lantern push` against a real nginx-rtmp: a clip of a portrait photo through the lucky-hat
//! example for 10 s, then what nginx recorded is checked with ffprobe (H.264 High yuv420p at
//! the chosen size and rate, AAC), with `lantern probe --strict` (every frame carries the SEI,
//! with the banner's hot-zone where the effect puts it and the hat's once the face is tracked)
//! and independently with FFmpeg's showinfo.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers: a failed step fails the test loudly"
)]

mod push_common;

use std::time::Duration;

use lantern_engine::schema::Package;
use lantern_engine::{CameraFrame, EffectPlayer, PlayerInput, PlayerOptions};
use lantern_testing::RtmpServer;
use push_common::{ffprobe, lucky_hat, photo_clip, probe, read_stats, run_push, showinfo};

const W: u32 = 640;
const H: u32 = 360;

/// The banner's hot-zone as the effect places it at W×H once it has slid in (its `slideIn`
/// clip runs over the first 0.5 s; it does not depend on tracking).
fn expected_banner() -> serde_json::Value {
    let package = Package::open(&lucky_hat()).unwrap();
    let options = PlayerOptions {
        width: W,
        height: H,
        ..PlayerOptions::default()
    };
    let mut player = EffectPlayer::new(package, &options).unwrap();
    let grey = vec![90u8; (W * H * 4) as usize];
    let frame = player
        .frame(
            &PlayerInput {
                index: 30,
                camera: CameraFrame {
                    width: W,
                    height: H,
                    rgba: &grey,
                },
                tracking: None,
                events: &[],
            },
            lantern_engine::render::PixelFormat::Rgba,
        )
        .unwrap();
    let banner = frame
        .hotzones
        .iter()
        .find(|z| z.kind == "redPacket")
        .expect("lucky-hat has a redPacket banner zone");
    serde_json::json!({"id": banner.id, "rect": {
        "x": banner.rect.x, "y": banner.rect.y, "w": banner.rect.w, "h": banner.rect.h}})
}

fn close(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    ["x", "y", "w", "h"]
        .iter()
        .all(|k| (a[k].as_f64().unwrap() - b[k].as_f64().unwrap()).abs() < 0.01)
}

#[test]
#[allow(
    clippy::too_many_lines,
    reason = "one end-to-end push, checked step by step"
)]
fn push_a_clip_through_lucky_hat_with_sei_hotzones_and_aac() {
    let tmp = tempfile::tempdir().unwrap();
    let clip = photo_clip(tmp.path(), 4);
    let stats = tmp.path().join("stats.jsonl");
    let server = RtmpServer::start().unwrap();
    let url = server.url();
    let (ok, _, err) = run_push(&[
        "--effect",
        lucky_hat().to_str().unwrap(),
        "--input",
        clip.to_str().unwrap(),
        "--url",
        &url,
        "--key",
        "hat",
        "--size",
        &format!("{W}x{H}"),
        "--fps",
        "30",
        "--duration",
        "10",
        "--stats-every",
        "2",
        "--stats-json",
        stats.to_str().unwrap(),
    ]);
    assert!(ok, "lantern push failed:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    let rec = server
        .wait_recording("hat", Duration::from_secs(30))
        .unwrap();

    // ffprobe: what a player sees.
    let info = ffprobe(&rec);
    let streams = info["streams"].as_array().unwrap();
    let video = streams.iter().find(|s| s["codec_type"] == "video").unwrap();
    assert_eq!(video["codec_name"], "h264");
    assert_eq!(video["profile"], "High");
    assert_eq!(video["pix_fmt"], "yuv420p");
    assert_eq!(
        (video["width"].as_u64(), video["height"].as_u64()),
        (Some(W.into()), Some(H.into()))
    );
    assert_eq!(video["r_frame_rate"], "30/1");
    let audio = streams.iter().find(|s| s["codec_type"] == "audio").unwrap();
    assert_eq!(audio["codec_name"], "aac");

    // lantern probe --strict: every frame has the SEI (else it exits 2).
    let frames = probe(&rec);
    assert!(!frames.is_empty());
    assert_eq!(video["nb_read_frames"], frames.len().to_string());
    assert_eq!(frames[0]["key"], true, "the first frame must be a keyframe");
    let banner = expected_banner();
    let mut hats = 0;
    let mut last_pts = -1;
    let shift = frames[0]["pts_ms"].as_i64().unwrap() - frames[0]["sei"]["pts"].as_i64().unwrap();
    for f in &frames {
        let sei = &f["sei"];
        assert_eq!(
            (sei["v"].as_u64(), sei["w"].as_u64(), sei["h"].as_u64()),
            (Some(1), Some(W.into()), Some(H.into())),
            "{f}"
        );
        let pts = sei["pts"].as_i64().unwrap();
        assert!(pts > last_pts, "SEI pts must increase: {f}");
        last_pts = pts;
        assert_eq!(
            f["pts_ms"].as_i64().unwrap() - pts,
            shift,
            "container pts = SEI pts + a constant: {f}"
        );
        let zones = sei["zones"].as_array().unwrap();
        let b = zones
            .iter()
            .find(|z| z["kind"] == "redPacket")
            .unwrap_or_else(|| panic!("no banner zone: {f}"));
        assert_eq!(b["id"], banner["id"]);
        if pts >= 600 {
            assert!(close(&b["rect"], &banner["rect"]), "{b} vs {banner}");
        }
        assert_eq!(b["payload"]["message"], "Happy New Year");
        if zones.iter().any(|z| z["kind"] == "luckyHat") {
            hats += 1;
        }
    }
    assert!(
        hats > 0,
        "the hat's hot-zone never appeared: the face was not tracked"
    );

    // FFmpeg's own parser agrees: every frame carries Lantern's UUID.
    let (n, with_uuid) = showinfo(&rec);
    assert_eq!(n, frames.len());
    assert_eq!(with_uuid, n);

    // Stats: JSON lines, the last one final, counting exactly what was recorded.
    let lines = read_stats(&stats);
    let last = lines.last().unwrap();
    assert_eq!(last["final"], true);
    assert_eq!(last["frames_sent"].as_u64(), Some(frames.len() as u64));
    assert!(
        lines
            .iter()
            .any(|l| l["ms"]["render"]["p50"].as_f64().is_some()),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l["ms"]["encode"]["p99"].as_f64().is_some()),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l["roi_frames"].as_u64() > Some(0)),
        "ROI is on for a face effect"
    );
    println!(
        "pushed {} frames ({} with the hat), final stats: {last}",
        frames.len(),
        hats
    );
}
