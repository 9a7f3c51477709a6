//! `lantern track --input clip.mp4`: a video file tracked frame by frame as a sequence (ids,
//! smoothing, Begin/Stay/End on the file's own timestamps), printed per frame; `--overlay
//! out.mp4` encodes the drawn overlay (H.264), `--mask <folder>` writes one PNG per frame.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use lantern_engine::media::source::{VideoFile, VideoSource};
use lantern_engine::media::{Encoder, EncoderConfig, Target, VideoFrame};
use lantern_engine::track::tracker::FrameTimes;
use lantern_engine::track::{FrameView, PixelFormat, Tracker, image, overlay};

use super::{Args, report};

/// Whether `path` is a video file (by extension) rather than an image.
pub fn is_video(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    matches!(
        ext.as_str(),
        "mp4" | "mov" | "mkv" | "webm" | "avi" | "flv" | "m4v" | "ts"
    )
}

/// Tracks every frame of `input` (at most `args.frames`).
pub fn run(args: &Args, input: &Path, tracker: &mut Tracker) -> anyhow::Result<()> {
    let mut video = VideoFile::open(input, None)
        .with_context(|| format!("opening the video {}", input.display()))?
        .looping(false)
        .realtime(false);
    let (w, h) = video.size();
    let mut overlay_out = match &args.overlay {
        Some(path) => Some(open_overlay(path, w, h, args.fps)?),
        None => None,
    };
    if let Some(dir) = &args.mask {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let limit = args.frames.unwrap_or(u64::MAX);
    let mut index = 0_u64;
    let mut cost = Cost::default();
    while index < limit {
        let Some(frame) = video.next_frame()? else {
            break;
        };
        let stride = frame.width as usize * 4;
        let view = FrameView::new(
            &frame.data,
            frame.width,
            frame.height,
            stride,
            PixelFormat::Rgba8,
        )?;
        let t = tracker.track(&view, Some(frame.pts_ms as f64 / 1000.0))?;
        cost.add(tracker.last_times());
        if let Some(enc) = overlay_out.as_mut() {
            let mut img = image::RgbaImage::from_raw(frame.width, frame.height, frame.data)
                .context("a decoded frame has the wrong size")?;
            overlay::draw(&mut img, &t);
            let pts = (index * 1000 / u64::from(args.fps.max(1))) as i64;
            enc.push_video(&VideoFrame::rgba(w, h, img.as_raw()), pts, None, &[])?;
        }
        if let (Some(dir), Some(mask)) = (&args.mask, tracker.mask()) {
            mask.save_png(&dir.join(format!("frame_{index:05}.png")))?;
        }
        report(
            args,
            &PathBuf::from(format!("{}#{index}", input.display())),
            t,
            tracker,
        )?;
        index += 1;
    }
    if let Some(enc) = overlay_out {
        enc.finish().context("finishing the overlay video")?;
    }
    anyhow::ensure!(index > 0, "{} has no video frames", input.display());
    tracing::info!("{}", cost.summary(index));
    Ok(())
}

/// What tracking a video cost, per model (milliseconds summed over its frames).
#[derive(Default)]
struct Cost {
    total: f64,
    face_detect: f64,
    mesh: f64,
    iris: f64,
    palm: f64,
    hand: f64,
}

impl Cost {
    fn add(&mut self, t: FrameTimes) {
        self.total += f64::from(t.total);
        self.face_detect += f64::from(t.face.detect);
        self.mesh += f64::from(t.face.mesh);
        self.iris += f64::from(t.face.iris);
        self.palm += f64::from(t.hand.palm);
        self.hand += f64::from(t.hand.landmarks);
    }

    fn summary(&self, frames: u64) -> String {
        let per = |ms: f64| ms / frames.max(1) as f64;
        format!(
            "tracked {frames} frames, ms per frame: {:.2} in all (face detection {:.2}, mesh {:.2}, \
             iris {:.2}, palm detection {:.2}, hand landmarks {:.2}; faces and hands run side by \
             side when parallel)",
            per(self.total),
            per(self.face_detect),
            per(self.mesh),
            per(self.iris),
            per(self.palm),
            per(self.hand),
        )
    }
}

fn open_overlay(path: &Path, w: u32, h: u32, fps: u32) -> anyhow::Result<Encoder> {
    anyhow::ensure!(
        is_video(path),
        "--overlay {}: a video input needs a video overlay (.mp4, .mkv or .flv)",
        path.display()
    );
    let cfg = EncoderConfig::video_only(w, h, fps);
    Encoder::open(&Target::File(path.to_owned()), &cfg)
        .with_context(|| format!("opening {} for writing", path.display()))
}
