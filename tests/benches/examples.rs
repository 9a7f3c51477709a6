//! The examples benchmark: ms per frame of each example effect through the whole engine path
//! (scene: triggers, script, layout; render; RGBA readback) at 720p and 1080p, replaying the
//! example's screenshot tape over its photo. Figures only, never a pass/fail threshold.
//!
//! `cargo bench -p lantern-integration-tests --bench examples [-- frames]` (default 100 frames).

use std::time::Instant;

use lantern_integration_tests::repo_root;
use lantern_integration_tests::screenshot::ScreenshotSpec;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `cargo bench` passes `--bench`; the first number is the frame count.
    let frames = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<u32>().ok())
        .unwrap_or(100);
    run(frames)
}

/// Runs every example that has a `screenshot.toml`, `frames` frames each.
fn run(frames: u32) -> Result<(), Box<dyn std::error::Error>> {
    let root = repo_root().join("examples");
    let mut dirs: Vec<_> = std::fs::read_dir(root)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("screenshot.toml").is_file())
        .collect();
    dirs.sort();
    println!(
        "examples: ms per frame (scene + render + RGBA readback), {frames} frames, tape replay"
    );
    println!(
        "{:<18} {:>10} {:>10} {:>10} {:>10}",
        "example", "720p p50", "720p p99", "1080p p50", "1080p p99"
    );
    for dir in dirs {
        let mut spec = ScreenshotSpec::read(&dir)?;
        spec.frame = u64::from(frames.max(2)) - 1;
        let mut row = Vec::new();
        for (w, h) in [(1280, 720), (1920, 1080)] {
            let mut times = Vec::new();
            let mut last = Instant::now();
            spec.render(&dir, Some((w, h)), |_| {
                times.push(last.elapsed().as_secs_f64() * 1e3);
                last = Instant::now();
                Ok(())
            })?;
            // The first frame includes loading the package and warming the pipelines.
            let mut steady: Vec<f64> = times.into_iter().skip(1).collect();
            steady.sort_by(f64::total_cmp);
            let pick = |q: f64| {
                let at = (steady.len().saturating_sub(1) as f64 * q).round() as usize;
                steady.get(at).copied().unwrap_or(f64::NAN)
            };
            row.push((pick(0.5), pick(0.99)));
        }
        let name = dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        println!(
            "{name:<18} {:>10.1} {:>10.1} {:>10.1} {:>10.1}",
            row[0].0, row[0].1, row[1].0, row[1].1
        );
    }
    Ok(())
}
