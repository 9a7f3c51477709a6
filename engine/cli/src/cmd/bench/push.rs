//! `lantern bench push`: the whole push pipeline, live, side by side with ffmpeg alone.
//!
//! 1. **The floor**: `ffmpeg` decoding the clip and encoding it with the push's settings
//!    (`floor.rs`): what any streaming tool pays.
//! 2. **Push runs**, each in real time for `--frames` / 30 seconds, from a 1280x720 clip of a
//!    portrait photo (with sensor-like temporal noise, so every frame costs bits), encoded at
//!    1280x720@30 (veryfast, zerolatency, 2500 kbit/s, ROI as the effect asks) to a file: no
//!    effect; lucky-hat without tracking; lucky-hat and red-packet-rain with live face + hand
//!    tracking. Each prints CPU (% of one core, and as a ratio to the floor), frames dropped,
//!    ms per stage (render, track: p50; capture→written latency: p50/p99) and CPU per thread.
//! 3. **ROI off / on** (`roi.rs`).
//!
//! Needs `ffmpeg`, the test photos (`$LANTERN_MEDIA`, default `/work/shared/media`), the models,
//! and the examples (run it from the repository root).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use lantern_engine::media::Target;
use lantern_engine::push::{AudioSpec, InputSpec, Push, PushConfig, Report, TrackingSpec};

use super::floor::{self, Floor};

pub(super) const PHOTO: &str = "keijiro_pexels-sam-lion-5709614.jpg";

/// How the benchmark fits the portrait into 1280x720 (ffmpeg's filter graph).
pub(super) const PAD: &str = "scale=-2:720,pad=1280:720:(ow-iw)/2:0";

/// One push run: a name, the effect (none: the plain camera) and whether it tracks live.
struct Run {
    name: &'static str,
    effect: Option<&'static str>,
    tracking: bool,
}

const RUNS: [Run; 4] = [
    Run {
        name: "no effect",
        effect: None,
        tracking: false,
    },
    Run {
        name: "lucky-hat, no tracking",
        effect: Some("examples/lucky-hat"),
        tracking: false,
    },
    Run {
        name: "lucky-hat",
        effect: Some("examples/lucky-hat"),
        tracking: true,
    },
    Run {
        name: "red-packet-rain",
        effect: Some("examples/red-packet-rain"),
        tracking: true,
    },
];

pub fn run(frames: u32) -> anyhow::Result<()> {
    let media = std::env::var("LANTERN_MEDIA")
        .or_else(|_| std::env::var("LANTERN_MEDIA_DIR"))
        .unwrap_or_else(|_| "/work/shared/media".to_owned());
    let photo = Path::new(&media).join(PHOTO);
    if !photo.is_file() {
        println!(
            "push: skipped ({} not found; set LANTERN_MEDIA)",
            photo.display()
        );
        return Ok(());
    }
    anyhow::ensure!(
        Path::new("examples/lucky-hat").is_dir(),
        "examples/lucky-hat not found: run `lantern bench push` from the repository root"
    );
    let dir = std::env::temp_dir().join(format!("lantern-bench-push-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let result = bench(&photo, &dir, f64::from(frames.max(150)) / 30.0);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn bench(photo: &Path, dir: &Path, seconds: f64) -> anyhow::Result<()> {
    let clip = make_clip(photo, dir)?;
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    println!(
        "push: a noisy 1280x720 portrait clip → 1280x720@30, x264 veryfast zerolatency 2500 kbit/s \
         + AAC, {seconds:.0} s each in real time, {cores} cores; CPU in % of one core"
    );
    let floor = floor::measure(&clip, seconds)?;
    println!(
        "  {:<24} CPU {:>4.0}%  ×1.00  (the floor: decode + encode, nothing drawn)",
        "ffmpeg alone", floor.cpu_percent
    );
    for run in &RUNS {
        let mut cfg = config(&clip, dir.join("push.flv"));
        cfg.effect = run.effect.map(PathBuf::from);
        if !run.tracking {
            cfg.tracking = TrackingSpec::Off;
        }
        let report = run_push(cfg, seconds)?;
        print_run(run.name, &report, floor);
    }
    super::roi::run(photo, dir)
}

/// 10 s of the photo padded to 1280x720 with temporal noise, as H.264 (what a camera-like
/// source costs to decode).
fn make_clip(photo: &Path, dir: &Path) -> anyhow::Result<PathBuf> {
    let out = dir.join("portrait-noise.mp4");
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
        ])
        .arg("-i")
        .arg(photo)
        .args(["-t", "10", "-vf"])
        .arg(format!("{PAD},noise=alls=6:allf=t,format=yuv420p"))
        .args(["-c:v", "libx264", "-preset", "veryfast", "-crf", "23"])
        .arg(&out)
        .status()
        .context("running ffmpeg to make the benchmark clip (apt-get install ffmpeg)")?;
    anyhow::ensure!(status.success(), "ffmpeg could not make the benchmark clip");
    Ok(out)
}

fn config(clip: &Path, out: PathBuf) -> PushConfig {
    let mut cfg = PushConfig::new(InputSpec::Video(clip.to_owned()), Target::File(out));
    cfg.audio = AudioSpec::Silence;
    cfg
}

/// Pushes for `seconds`, printing progress every 10 s; the report covers the whole run.
fn run_push(cfg: PushConfig, seconds: f64) -> anyhow::Result<Report> {
    let mut push = Push::start(cfg)?;
    let start = Instant::now();
    let end = start + Duration::from_secs_f64(seconds);
    let mut next = start + Duration::from_secs(10);
    while Instant::now() < end && !push.is_finished() {
        std::thread::sleep(Duration::from_millis(100));
        if Instant::now() >= next {
            let sent = push
                .stats()
                .counters
                .sent
                .load(std::sync::atomic::Ordering::Relaxed);
            println!(
                "  … {:.0} s, {sent} frames sent",
                start.elapsed().as_secs_f64()
            );
            next += Duration::from_secs(10);
        }
    }
    // Report while the threads still run (per-thread CPU), then drain.
    let report = push.report();
    push.stop();
    push.wait()?;
    Ok(report)
}

/// One line of figures and one of CPU per thread.
fn print_run(name: &str, r: &Report, floor: Floor) {
    let ms = |stage: &str| r.ms.get(stage).map(|p| (p.p50, p.p99));
    let p50 = |stage: &str| ms(stage).map_or_else(|| "–".to_owned(), |(p, _)| format!("{p:.1}"));
    let cpu = r.cpu_percent.unwrap_or(f64::NAN);
    let latency = ms("latency").map_or_else(|| "–".to_owned(), |(a, b)| format!("{a:.0}/{b:.0}"));
    println!(
        "  {name:<24} CPU {cpu:>4.0}%  ×{:.2}  dropped {:>3} of {} | render {} ms, track {} ms \
         (p50) | capture→written {latency} ms (p50/p99) | {:.1} fps out",
        cpu / floor.cpu_percent,
        r.dropped.total(),
        r.frames_sent + r.dropped.total(),
        p50("render"),
        p50("track"),
        r.fps_out
    );
    let threads: Vec<String> = r
        .cpu_threads
        .iter()
        .map(|(name, share)| format!("{name} {share:.0}%"))
        .collect();
    let rss = r
        .rss_mib
        .map_or_else(|| "?".to_owned(), |m| format!("{m:.0} MiB"));
    println!(
        "  {:<24} per thread: {} | resident {rss}",
        "",
        threads.join(", ")
    );
}
