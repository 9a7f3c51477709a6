//! The floor a push is compared with: `ffmpeg` alone decoding the same clip in real time and
//! encoding it with the push's x264 settings (veryfast, zerolatency, 2500 kbit/s, a keyframe
//! every 2 s) plus silent AAC into FLV, discarded. What it costs is what any streaming tool
//! pays before drawing a single effect; the push's CPU is printed as a ratio to it.

use std::path::Path;
use std::process::Command;

use anyhow::Context as _;

/// CPU time over wall time, as `ffmpeg -benchmark` reports them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Floor {
    /// User + system CPU, as a percentage of one core.
    pub cpu_percent: f64,
    pub seconds: f64,
}

/// Runs ffmpeg on `clip` (looped) for `seconds` in real time.
pub fn measure(clip: &Path, seconds: f64) -> anyhow::Result<Floor> {
    let output = Command::new("ffmpeg")
        .args(["-hide_banner", "-nostats", "-benchmark", "-re"])
        .args(["-stream_loop", "-1", "-i"])
        .arg(clip)
        .args(["-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo"])
        .args(["-t", &format!("{seconds:.1}"), "-map", "0:v", "-map", "1:a"])
        .args([
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-tune",
            "zerolatency",
        ])
        .args(["-b:v", "2500k", "-maxrate", "2500k", "-bufsize", "2500k"])
        .args(["-g", "60", "-pix_fmt", "yuv420p"])
        .args([
            "-c:a",
            "aac",
            "-b:a",
            "128k",
            "-f",
            "flv",
            "-y",
            "/dev/null",
        ])
        .output()
        .context("running ffmpeg for the floor (apt-get install ffmpeg)")?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    anyhow::ensure!(
        output.status.success(),
        "ffmpeg (the floor) failed: {}",
        stderr.lines().last().unwrap_or_default()
    );
    parse(&stderr).context("ffmpeg printed no `bench: utime=… stime=… rtime=…` line")
}

/// Reads `bench: utime=12.3s stime=0.4s rtime=30.0s`.
fn parse(stderr: &str) -> Option<Floor> {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("bench:") && l.contains("rtime="))?;
    let field = |name: &str| -> Option<f64> {
        let rest = line.split(&format!("{name}=")).nth(1)?;
        rest.split('s').next()?.parse().ok()
    };
    let (user, system, real) = (field("utime")?, field("stime")?, field("rtime")?);
    (real > 0.0).then(|| Floor {
        cpu_percent: (user + system) / real * 100.0,
        seconds: real,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_benchmark_line_reads() {
        let f =
            super::parse("frame= 1\nbench: utime=12.000s stime=3.000s rtime=30.000s\n").unwrap();
        assert!((f.cpu_percent - 50.0).abs() < 1e-9 && (f.seconds - 30.0).abs() < 1e-9);
        assert!(super::parse("bench: maxrss=1kB").is_none());
    }
}
