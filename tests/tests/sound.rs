//! The effect's sound end to end: `lantern render` to MP4 carries it, starting within a frame
//! of the frame whose trigger started it; `lantern push` to nginx-rtmp mixes it into the AAC
//! track of a silent input; `lantern validate` refuses sounds that are not audio or over budget.
//!
//! The effect is built here: a `timer` trigger that shows a red sticker and plays a 1 kHz beep
//! on the same frame.

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

mod push_common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use lantern_engine::schema::format::Effect;
use lantern_integration_tests::lantern;
use lantern_testing::RtmpServer;
use push_common::{ffprobe, run_push};

const FPS: f64 = 30.0;

fn ffmpeg(args: &[&str]) -> Vec<u8> {
    let out = Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-y"])
        .args(args)
        .output()
        .expect("run ffmpeg (Debian package `ffmpeg`)");
    assert!(
        out.status.success(),
        "ffmpeg {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A package in `dir`: a hidden red sticker and a beep, both started by a timer at `after` s,
/// then every `every` s.
fn effect(dir: &Path, after: f32, every: f32) -> PathBuf {
    std::fs::create_dir_all(dir.join("images")).unwrap();
    std::fs::create_dir_all(dir.join("sounds")).unwrap();
    image::RgbaImage::from_pixel(64, 64, image::Rgba([255, 0, 0, 255]))
        .save(dir.join("images/star.png"))
        .unwrap();
    let beep = dir.join("sounds/beep.wav");
    ffmpeg(&[
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=1000:duration=0.3:sample_rate=48000",
        "-af",
        "volume=4",
        "-ac",
        "2",
        beep.to_str().unwrap(),
    ]);
    let mut json = serde_json::to_value(Effect::empty("Sound test")).unwrap();
    json["assets"] = serde_json::json!([
        {"type": "image", "id": "red", "path": "images/star.png"},
        {"type": "audio", "id": "beep", "path": "sounds/beep.wav"}
    ]);
    json["layers"] = serde_json::json!([{
        "type": "sticker", "id": "star", "visible": false, "asset": "red",
        "placement": {"position": {"x": 0.5, "y": 0.5}, "width": 0.5}
    }]);
    json["triggers"] = serde_json::json!([{
        "id": "beat",
        "when": {"on": "timer", "after": after, "every": every},
        "actions": [
            {"do": "show", "layer": "star"},
            {"do": "playSound", "sound": "beep", "volume": 1.0}
        ]
    }]);
    std::fs::write(
        dir.join("effect.json"),
        serde_json::to_vec_pretty(&json).unwrap(),
    )
    .unwrap();
    dir.to_owned()
}

/// The file's first audio track as mono `f32` at 48 kHz.
fn audio(path: &Path) -> Vec<f32> {
    let raw = ffmpeg(&[
        "-i",
        path.to_str().unwrap(),
        "-map",
        "0:a:0",
        "-ac",
        "1",
        "-ar",
        "48000",
        "-f",
        "f32le",
        "-",
    ]);
    raw.chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect()
}

/// The first frame of the video whose centre is red (the sticker shown).
fn first_red_frame(path: &Path) -> Option<usize> {
    let raw = ffmpeg(&[
        "-i",
        path.to_str().unwrap(),
        "-vf",
        "crop=8:8:(iw-8)/2:(ih-8)/2",
        "-f",
        "rawvideo",
        "-pix_fmt",
        "rgb24",
        "-",
    ]);
    raw.chunks_exact(8 * 8 * 3)
        .position(|f| f[108] > 180 && f[109] < 80 && f[110] < 80) // pixel (4, 4)
}

/// The first sample louder than `level`.
fn onset(samples: &[f32], level: f32) -> Option<usize> {
    samples.iter().position(|s| s.abs() > level)
}

fn rms(samples: &[f32], from_s: f64, to_s: f64) -> f32 {
    let (a, b) = ((from_s * 48_000.0) as usize, (to_s * 48_000.0) as usize);
    let part = &samples[a.min(samples.len())..b.min(samples.len())];
    (part.iter().map(|s| s * s).sum::<f32>() / part.len().max(1) as f32).sqrt()
}

#[test]
fn a_render_to_mp4_starts_the_sound_within_a_frame_of_its_trigger() {
    let dir = tempfile::tempdir().unwrap();
    let package = effect(&dir.path().join("fx"), 1.05, 100.0);
    let grey = dir.path().join("grey.png");
    image::RgbaImage::from_pixel(320, 180, image::Rgba([90, 90, 90, 255]))
        .save(&grey)
        .unwrap();
    let mp4 = dir.path().join("out.mp4");
    let (ok, _, err) = lantern(&[
        "render",
        "--effect",
        package.to_str().unwrap(),
        "--input",
        grey.to_str().unwrap(),
        "--no-tracking",
        "--frames",
        "60",
        "--output",
        mp4.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let info = ffprobe(&mp4);
    let streams = info["streams"].as_array().unwrap();
    assert!(
        streams
            .iter()
            .any(|s| s["codec_type"] == "audio" && s["codec_name"] == "aac"),
        "{info}"
    );
    let shown = first_red_frame(&mp4).expect("the sticker never showed");
    assert_eq!(
        shown, 32,
        "the timer fires on the first frame at or after 1.05 s"
    );
    let samples = audio(&mp4);
    let heard = onset(&samples, 0.05).expect("the beep is not in the audio track");
    let (video_s, audio_s) = (shown as f64 / FPS, heard as f64 / 48_000.0);
    println!("sticker at {video_s:.4} s, beep at {audio_s:.4} s");
    assert!(
        (audio_s - video_s).abs() < 0.033,
        "the beep starts {:.1} ms from the sticker's first frame",
        (audio_s - video_s) * 1000.0
    );
    assert!(rms(&samples, 0.0, 1.0) < 1e-3, "silence before the trigger");
    // The file lasts the 60 frames, audio included (within an AAC frame).
    assert!(
        (samples.len() as f64 / 48_000.0 - 2.0).abs() < 0.05,
        "{}",
        samples.len()
    );
}

#[test]
fn a_push_mixes_the_effect_sound_into_a_silent_input() {
    let dir = tempfile::tempdir().unwrap();
    let package = effect(&dir.path().join("fx"), 0.5, 1.0);
    let server = RtmpServer::start().unwrap();
    let (ok, _, err) = run_push(&[
        "--effect",
        package.to_str().unwrap(),
        "--input",
        "pattern",
        "--no-tracking",
        "--url",
        &server.url(),
        "--key",
        "sound",
        "--size",
        "320x180",
        "--duration",
        "4",
    ]);
    assert!(ok, "lantern push failed:\n{err}");
    let rec = server
        .wait_recording("sound", Duration::from_secs(30))
        .unwrap();
    let info = ffprobe(&rec);
    let streams = info["streams"].as_array().unwrap();
    let audio_stream = streams.iter().find(|s| s["codec_type"] == "audio").unwrap();
    assert_eq!(audio_stream["codec_name"], "aac");
    let samples = audio(&rec);
    // Beeps of 0.3 s at 0.5, 1.5, 2.5 and 3.5 s; silence between them.
    for beep in [0.5, 1.5, 2.5] {
        let loud = rms(&samples, beep + 0.07, beep + 0.23);
        assert!(loud > 0.1, "no beep at {beep} s: rms {loud}");
        let quiet = rms(&samples, beep + 0.45, beep + 0.9);
        assert!(
            quiet < 1e-3,
            "not silent after the beep at {beep} s: rms {quiet}"
        );
    }
    assert!(
        rms(&samples, 0.0, 0.4) < 1e-3,
        "silent before the first beep"
    );
    let first = onset(&samples, 0.05).unwrap() as f64 / 48_000.0;
    println!("first beep heard at {first:.4} s (its frame: 0.5 s)");
    assert!((first - 0.5).abs() < 0.05, "{first}");
}

#[test]
fn validate_refuses_a_sound_that_is_not_audio_or_is_over_budget() {
    let dir = tempfile::tempdir().unwrap();
    let package = effect(&dir.path().join("fx"), 0.5, 100.0);
    let (ok, out, err) = lantern(&["validate", package.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.contains("sound: 1 clip(s), 0.3 s decoded"), "{out}");
    // A PNG where the WAV was: the signature check (effect-schema) or the decoder refuses it.
    let png = std::fs::read(package.join("images/star.png")).unwrap();
    let mut wav = std::fs::read(package.join("sounds/beep.wav")).unwrap();
    std::fs::write(package.join("sounds/beep.wav"), &png).unwrap();
    let (ok, _, err) = lantern(&["validate", package.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("sounds/beep.wav"), "{err}");
    // A WAV that stops halfway through what its header declares: truncated.
    wav.truncate(wav.len() / 2);
    std::fs::write(package.join("sounds/beep.wav"), &wav).unwrap();
    let (ok, _, err) = lantern(&["validate", package.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("beep") && err.contains("truncated"), "{err}");
    // Longer than the budget allows.
    ffmpeg(&[
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=1000:duration=3:sample_rate=48000",
        package.join("sounds/beep.wav").to_str().unwrap(),
    ]);
    let path = package.join("effect.json");
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    json["meta"]["budgets"]["maxAudioSeconds"] = 2.into();
    std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
    let (ok, _, err) = lantern(&["validate", package.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        err.contains("`beep`") && err.contains("maxAudioSeconds") && err.contains("shorten"),
        "{err}"
    );
    println!("{err}");
}

/// Each frame of the video as 64x36 grey levels.
fn thumbnails(path: &Path) -> Vec<Vec<u8>> {
    let raw = ffmpeg(&[
        "-i",
        path.to_str().unwrap(),
        "-vf",
        "scale=64:36",
        "-f",
        "rawvideo",
        "-pix_fmt",
        "gray",
        "-",
    ]);
    raw.chunks_exact(64 * 36).map(<[u8]>::to_vec).collect()
}

/// The lag (in samples) at which `clip` best matches `track` (normalised cross-correlation).
fn best_lag(track: &[f32], clip: &[f32], max_lag: usize) -> usize {
    let energy = |s: &[f32]| s.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
    (0..max_lag.min(track.len().saturating_sub(clip.len())))
        .map(|lag| {
            let window = &track[lag..lag + clip.len()];
            let dot: f32 = window.iter().zip(clip).map(|(a, b)| a * b).sum();
            (lag, dot / energy(window))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map_or(0, |(lag, _)| lag)
}

#[test]
fn heart_fireworks_bangs_on_the_bursts_first_frame() {
    let dir = tempfile::tempdir().unwrap();
    let package = lantern_integration_tests::repo_root().join("examples/heart-fireworks");
    let photo = push_common::media_dir().join("hagrid/heart.png");
    let mp4 = dir.path().join("fireworks.mp4");
    let (ok, _, err) = lantern(&[
        "render",
        "--effect",
        package.to_str().unwrap(),
        "--input",
        photo.to_str().unwrap(),
        "--tracking",
        package.join("tapes/screenshot.jsonl").to_str().unwrap(),
        "--size",
        "640x360",
        "--frames",
        "30",
        "--output",
        mp4.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    // The burst's first frame: the first that differs from the one before it.
    let frames = thumbnails(&mp4);
    let change = |n: usize| {
        let (a, b) = (&frames[n - 1], &frames[n]);
        a.iter()
            .zip(b)
            .map(|(x, y)| f32::from(x.abs_diff(*y)))
            .sum::<f32>()
            / a.len() as f32
    };
    let burst = (1..frames.len())
        .find(|&n| change(n) > 1.0)
        .expect("the fireworks never started");
    // The bang, found by correlating the track with the clip's first 0.3 s.
    let track = audio(&mp4);
    let clip = audio(&package.join("sounds/bang.ogg"));
    let lag = best_lag(&track, &clip[..14_400], 48_000);
    let (video_s, audio_s) = (burst as f64 / FPS, lag as f64 / 48_000.0);
    println!("burst on frame {burst} ({video_s:.4} s), bang at {audio_s:.4} s");
    assert!(
        (audio_s - video_s).abs() < 0.033,
        "the bang starts {:.1} ms from the burst's first frame",
        (audio_s - video_s) * 1000.0
    );
}
