//! `lantern bench push`, second part: what ROI encoding does, at equal settings (2500 kbit/s),
//! offline so every setting encodes the same frames whatever the machine's load: the portrait
//! with noise, the tracker's face box as the region: video bitrate, and PSNR inside the face box
//! and outside it (`lantern_media::bench_roi`).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context as _;
use lantern_engine::media::EncoderConfig;
use lantern_engine::media::bench_roi::roi_effect;
use lantern_engine::media::source::{StillImage, VideoSource};
use lantern_engine::schema::tracking::Rect;
use lantern_engine::track::{FrameView, Models, PixelFormat, Tracker, TrackerConfig};

use super::push::{PAD, PHOTO};

/// Encodes the padded photo with ROI offsets 0, -0.3 and -0.5 and prints what each gives.
pub fn run(photo: &Path, dir: &Path) -> anyhow::Result<()> {
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
