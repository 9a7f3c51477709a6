//! ffprobe's view of a recorded stream or file: what the push, render and monitor tests check
//! their outputs with.

use std::path::Path;
use std::process::Command;

/// ffprobe's streams of `path` as JSON (`streams[i].codec_name`, `nb_read_frames`, …), with
/// frames counted. Panics with ffprobe's message when it fails: a test helper.
pub fn ffprobe(path: &Path) -> serde_json::Value {
    let out = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_streams",
            "-count_frames",
            "-of",
            "json",
        ])
        .arg(path)
        .output()
        .expect("run ffprobe (apt-get install ffmpeg)");
    assert!(
        out.status.success(),
        "ffprobe {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("ffprobe JSON")
}

/// The video frames ffprobe counts in `path`'s first video stream.
pub fn video_frames(path: &Path) -> u64 {
    ffprobe(path)["streams"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["codec_type"] == "video")
        .and_then(|s| s["nb_read_frames"].as_str())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}
