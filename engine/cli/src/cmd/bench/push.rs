//! `lantern bench push`: the whole push pipeline, live, and what ROI encoding does.
//!
//! 1. **Sustained run**: a 1280x720 clip of a portrait photo (with sensor-like temporal noise,
//!    so every frame costs bits) through the lucky-hat example with live face + hand tracking,
//!    encoded at 1280x720@30 (veryfast, 2500 kbit/s, ROI on) to a file, in real time, for
//!    `--frames` / 30 seconds: fps out, frames dropped per stage, ms per stage (p50/p99), CPU
//!    share (process and per thread).
//! 2. **ROI off / on** at equal settings (2500 kbit/s), offline so every setting encodes the
//!    same frames whatever the machine's load: the photo with noise, the tracker's face box as
//!    the region: video bitrate, and PSNR inside the face box and outside it
//!    (`lantern_media::bench_roi`).
//!
//! Needs `ffmpeg` (to make the clip), the test photos (`$LANTERN_MEDIA`, default
//! `/work/shared/media`), the models, and the examples (run it from the repository root).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use lantern_engine::media::bench_roi::roi_effect;
use lantern_engine::media::source::{StillImage, VideoSource};
use lantern_engine::media::{EncoderConfig, Target};
use lantern_engine::push::{AudioSpec, InputSpec, Push, PushConfig, Report};
use lantern_engine::schema::tracking::Rect;
use lantern_engine::track::{FrameView, Models, PixelFormat, Tracker, TrackerConfig};

const PHOTO: &str = "keijiro_pexels-sam-lion-5709614.jpg";
const EFFECT: &str = "examples/lucky-hat";

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
        Path::new(EFFECT).is_dir(),
        "{EFFECT} not found: run `lantern bench push` from the repository root"
    );
    let dir = std::env::temp_dir().join(format!("lantern-bench-push-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let result = bench(&photo, &dir, f64::from(frames.max(150)) / 30.0);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn bench(photo: &Path, dir: &Path, seconds: f64) -> anyhow::Result<()> {
    let clip = make_clip(photo, dir)?;
    println!(
        "push: {} (noisy portrait clip) → {EFFECT}, live face+hand tracking, 1280x720@30 veryfast \
         2500 kbit/s, ROI on, {seconds:.0} s in real time",
        clip.display()
    );
    let mut cfg = config(&clip, dir.join("sustained.flv"));
    cfg.effect = Some(PathBuf::from(EFFECT));
    let report = run_push(cfg, seconds)?;
    print_report(&report);

    let padded = padded_frame(photo, dir)?;
    let face = face_box(&padded)?;
    println!(
        "roi: 150 frames of {PHOTO} padded to 1280x720 + noise, face box from the tracker \
         ({:.0},{:.0} {:.0}x{:.0}), 2500 kbit/s, encoded offline (same frames for each setting)",
        face.x, face.y, face.w, face.h
    );
    let enc = EncoderConfig::default();
    for f in roi_effect(&padded, face, 150, &enc, &[0.0, -0.3, -0.5], dir)? {
        println!(
            "  ROI offset {:+.1}: video {:.0} kbit/s | PSNR face {:.2} dB, rest {:.2} dB",
            f.qoffset, f.video_kbps, f.face_psnr_db, f.rest_psnr_db
        );
    }
    Ok(())
}

/// How the benchmark fits the portrait into 1280x720 (ffmpeg's filter graph).
const PAD: &str = "scale=-2:720,pad=1280:720:(ow-iw)/2:0";

/// The photo padded to 1280x720 as a PNG, as the clip shows it (stretched to 16:9, the face
/// was too wide for the face mesh to be sure of it).
fn padded_frame(photo: &Path, dir: &Path) -> anyhow::Result<PathBuf> {
    let out = dir.join("portrait-1280x720.png");
    let status = Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-y", "-i"])
        .arg(photo)
        .args(["-vf", PAD, "-frames:v", "1"])
        .arg(&out)
        .status()
        .context("running ffmpeg to pad the benchmark photo (apt-get install ffmpeg)")?;
    anyhow::ensure!(status.success(), "ffmpeg could not pad the benchmark photo");
    Ok(out)
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

fn print_report(r: &Report) {
    let d = r.dropped;
    println!(
        "  fps out {:.2} (in {:.2}) | {} frames sent | dropped {} (capture {}, render {}, \
         encode {}, send {}) | tracker skipped {} frames | video {:.0} kbit/s",
        r.fps_out,
        r.fps_in,
        r.frames_sent,
        d.total(),
        d.capture,
        d.render,
        d.encode,
        d.send,
        r.track_skipped,
        r.video_kbps
    );
    for (stage, p) in &r.ms {
        println!(
            "  {stage:>10}: {:6.2} ms p50 | {:6.2} ms p99 | {} samples",
            p.p50, p.p99, p.n
        );
    }
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if let Some(cpu) = r.cpu_percent {
        println!(
            "  CPU {cpu:.0}% of one core ({:.0}% of the {cores}-core machine)",
            cpu / cores as f64
        );
    }
    let threads: Vec<String> = r
        .cpu_threads
        .iter()
        .map(|(name, share)| format!("{name} {share:.0}%"))
        .collect();
    println!("  per thread: {}", threads.join(", "));
}

/// The tracker's face box on the (1280x720) benchmark frame.
fn face_box(photo: &Path) -> anyhow::Result<Rect> {
    let frame = StillImage::open(photo, Some((1280, 720)), 30)?
        .next_frame()?
        .context("the photo has no pixels")?;
    let mut tracker = Tracker::new(&Models::discover(), TrackerConfig::still())?;
    let view = FrameView::new(
        &frame.data,
        frame.width,
        frame.height,
        frame.width as usize * 4,
        PixelFormat::Rgba8,
    )?;
    tracker
        .track(&view, None)?
        .faces
        .first()
        .map(|f| f.bbox)
        .context("no face found in the benchmark photo")
}
