//! Shared helpers for the integration tests: a deterministic 3 s push of the test pattern with
//! changing hot-zones, and checks with ffprobe, ffmpeg showinfo and `lantern_media::probe`.

#![allow(
    dead_code,
    clippy::unwrap_used,
    reason = "test helpers: a failed step should fail the test loudly"
)]

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use effect_schema::hotzone::{HotZone, SEI_VERSION, SeiPayload};
use lantern_media::probe::Probe;
use lantern_media::source::{AudioSource, Silence, TestPattern, VideoSource};
use lantern_media::{AudioConfig, Encoder, EncoderConfig, Target};
pub use lantern_testing::ffprobe;

pub const W: u32 = 640;
pub const H: u32 = 360;
pub const FPS: u32 = 30;
pub const FRAMES: u64 = 90;

pub fn config() -> EncoderConfig {
    EncoderConfig {
        width: W,
        height: H,
        fps: FPS,
        preset: "veryfast".to_owned(),
        video_kbps: 1000,
        gop: 60,
        audio: Some(AudioConfig::default()),
        sei: true,
        roi_qoffset: -0.3,
    }
}

/// The payload frame `i` carries: the pattern's box, plus a second zone on odd frames.
pub fn expected_payload(pattern: &TestPattern, i: u64) -> SeiPayload {
    let mut zones = vec![HotZone {
        id: "box".to_owned(),
        kind: "redPacket".to_owned(),
        rect: pattern.box_rect(i),
        payload: serde_json::json!({ "frame": i }),
    }];
    if i % 2 == 1 {
        zones.push(HotZone {
            id: "odd".to_owned(),
            kind: "product".to_owned(),
            rect: effect_schema::tracking::Rect {
                x: 10.0,
                y: 20.0,
                w: 100.0,
                h: 50.0,
            },
            payload: serde_json::Value::Null,
        });
    }
    SeiPayload {
        v: SEI_VERSION,
        pts: i as i64 * 1000 / i64::from(FPS),
        wall: 1_700_000_000_000 + i,
        w: W,
        h: H,
        zones,
    }
}

/// Encodes `FRAMES` frames of the test pattern + silence to `target`.
pub fn push_pattern(target: &Target) -> lantern_media::EncodeStats {
    let mut enc = Encoder::open(target, &config()).unwrap();
    let mut pattern = TestPattern::new(W, H, FPS);
    let reference = pattern.clone();
    let mut silence = Silence { channels: 2 };
    for i in 0..FRAMES {
        let frame = pattern.next_frame().unwrap().unwrap();
        let sei = expected_payload(&reference, i);
        enc.push_video(
            &frame.view(),
            frame.pts_ms,
            Some(&sei),
            &[reference.box_rect(i)],
        )
        .unwrap();
        // Keep audio in step with video: top up to the video clock.
        let due = (i as i64 + 1) * 48_000 / i64::from(FPS) - enc.audio_samples_sent();
        if due > 0 {
            enc.push_audio(&silence.read(due as usize).unwrap())
                .unwrap();
        }
    }
    let stats = enc.finish().unwrap();
    assert_eq!(stats.video_frames, FRAMES);
    stats
}

/// Checks H.264 High yuv420p at the size and rate, and an AAC track.
pub fn check_streams(path: &Path) {
    let info = ffprobe(path);
    let streams = info["streams"].as_array().unwrap();
    let video = streams.iter().find(|s| s["codec_type"] == "video").unwrap();
    assert_eq!(video["codec_name"], "h264");
    assert_eq!(video["profile"], "High");
    assert_eq!(video["pix_fmt"], "yuv420p");
    assert_eq!(video["width"], W);
    assert_eq!(video["height"], H);
    assert_eq!(video["r_frame_rate"], format!("{FPS}/1"));
    assert_eq!(video["nb_read_frames"], FRAMES.to_string());
    let audio = streams.iter().find(|s| s["codec_type"] == "audio").unwrap();
    assert_eq!(audio["codec_name"], "aac");
}

/// Reads every frame with the reference parser and compares with what was sent.
pub fn check_probe(input: &str) {
    let mut probe = Probe::open(input, Duration::from_secs(10)).unwrap();
    let reference = TestPattern::new(W, H, FPS);
    let mut n = 0;
    let mut offset = None;
    while let Some(frame) = probe.next_frame().unwrap() {
        assert!(
            frame.errors.is_empty(),
            "frame {}: {:?}",
            frame.frame,
            frame.errors
        );
        let sei = frame
            .sei
            .unwrap_or_else(|| panic!("frame {} has no Lantern SEI", frame.frame));
        assert_eq!(sei, expected_payload(&reference, frame.frame));
        // Muxers may shift all timestamps by a constant (AAC priming must not be negative).
        let shift = frame.pts_ms.unwrap() - sei.pts;
        assert_eq!(*offset.get_or_insert(shift), shift, "frame {}", frame.frame);
        assert!((0..=50).contains(&shift), "shift {shift} ms");
        if frame.frame == 0 {
            assert!(frame.key, "the first frame must be a keyframe");
        }
        n += 1;
    }
    assert_eq!(n, FRAMES);
}

/// Independently of our parser: FFmpeg's showinfo must report our SEI on every frame.
pub fn check_showinfo(path: &Path) {
    let out = Command::new("ffmpeg")
        .args(["-hide_banner", "-nostats", "-i"])
        .arg(path)
        .args(["-map", "0:v", "-vf", "showinfo", "-f", "null", "-"])
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "ffmpeg: {log}");
    let uuid = "6c616e74-6572-6e2d-686f-747a6f6e6573";
    let frames = log.lines().filter(|l| l.contains("] n:")).count();
    let ours = log.matches(uuid).count();
    assert_eq!(frames as u64, FRAMES, "{log}");
    assert!(log.contains("User Data Unregistered"), "{log}");
    assert_eq!(
        ours as u64, FRAMES,
        "every frame should carry the Lantern UUID:\n{log}"
    );
}
