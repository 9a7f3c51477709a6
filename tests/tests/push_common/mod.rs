//! Helpers for the `lantern push` tests: a short video made from a test photo, the push command,
//! and checks of what nginx-rtmp recorded with ffprobe, `lantern probe` and FFmpeg's showinfo.

#![allow(dead_code, reason = "each test file uses a different part")]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use lantern_integration_tests::{lantern_bin, repo_root};
#[allow(
    unused_imports,
    reason = "each test binary uses part of the shared helpers"
)]
pub use lantern_testing::ffprobe;

/// Lantern's SEI UUID as FFmpeg's showinfo prints it.
pub const SEI_UUID: &str = "6c616e74-6572-6e2d-686f-747a6f6e6573";

/// The test photos (`$LANTERN_MEDIA`, else `shared/media` beside the checkout).
pub fn media_dir() -> PathBuf {
    std::env::var_os("LANTERN_MEDIA").map_or_else(
        || {
            repo_root()
                .parent()
                .unwrap_or(Path::new("/"))
                .join("shared/media")
        },
        PathBuf::from,
    )
}

/// A `seconds`-long 1280x720 30 fps H.264 + AAC (440 Hz) clip of a portrait photo.
pub fn photo_clip(dir: &Path, seconds: u32) -> PathBuf {
    let photo = media_dir().join("keijiro_pexels-sam-lion-5709614.jpg");
    assert!(
        photo.is_file(),
        "test photo {} missing: set LANTERN_MEDIA to the shared media folder",
        photo.display()
    );
    let out = dir.join("portrait.mp4");
    let status = Command::new("ffmpeg")
        .args([
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-loop",
            "1",
            "-framerate",
            "30",
            "-i",
        ])
        .arg(&photo)
        .args([
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=48000",
            "-t",
        ])
        .arg(seconds.to_string())
        .args([
            "-vf",
            "scale=-2:720,pad=1280:720:(ow-iw)/2:0,format=yuv420p",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-c:a",
            "aac",
            "-shortest",
        ])
        .arg(&out)
        .status()
        .expect("run ffmpeg (Debian package `ffmpeg`)");
    assert!(status.success(), "ffmpeg could not make the test clip");
    out
}

/// The lucky-hat example.
pub fn lucky_hat() -> PathBuf {
    repo_root().join("examples/lucky-hat")
}

/// A private runtime dir for the children (wgpu's EGL probing complains without one).
fn runtime_dir() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temp dir"))
        .path()
}

/// `lantern push` with `args`, in a private runtime dir, no input.
fn push_command(args: &[&str]) -> Command {
    let mut cmd = Command::new(lantern_bin());
    cmd.arg("push")
        .args(args)
        .env("XDG_RUNTIME_DIR", runtime_dir())
        .stdin(Stdio::null());
    cmd
}

/// Starts `lantern push` with `args`, output captured.
pub fn spawn_push(args: &[&str]) -> Child {
    push_command(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start lantern push")
}

/// Starts `lantern push` with `args` for a long run: its log goes to `log` (a pipe nobody reads
/// would fill and stall it), its output nowhere.
pub fn spawn_push_logged(args: &[&str], log: &Path) -> Child {
    push_command(args)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(log).expect("the push's log file"))
        .spawn()
        .expect("start lantern push")
}

/// Runs `lantern push` to the end: (success, stdout, stderr).
pub fn run_push(args: &[&str]) -> (bool, String, String) {
    let out = spawn_push(args)
        .wait_with_output()
        .expect("wait for lantern push");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `lantern probe --strict <file>`: one JSON object per video frame (fails if any lacks the SEI).
pub fn probe(path: &Path) -> Vec<serde_json::Value> {
    let out = Command::new(lantern_bin())
        .args(["probe", "--strict"])
        .arg(path)
        .output()
        .expect("run lantern probe");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "lantern probe --strict: {stderr}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("probe JSON line"))
        .collect()
}

/// Video frames FFmpeg's showinfo sees, and how many of them carry Lantern's SEI.
pub fn showinfo(path: &Path) -> (usize, usize) {
    let out = Command::new("ffmpeg")
        .args(["-hide_banner", "-nostats", "-i"])
        .arg(path)
        .args(["-map", "0:v", "-vf", "showinfo", "-f", "null", "-"])
        .output()
        .expect("run ffmpeg showinfo");
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "ffmpeg: {log}");
    let frames = log.lines().filter(|l| l.contains("] n:")).count();
    (frames, log.matches(SEI_UUID).count())
}

/// The JSON lines `--stats-json` wrote.
pub fn read_stats(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .expect("the stats file")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a stats JSON line"))
        .collect()
}
