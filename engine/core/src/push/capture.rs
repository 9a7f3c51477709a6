//! The capture stage (thread `capture`): the source, resampled onto the output clock.
//!
//! The clock ticks `fps` times a second from the moment the pipeline starts; at each tick the
//! stage hands the newest source picture for that instant to the render queue (a video file is
//! decoded ahead to the tick's time, so a 25 fps file pushed at 30 fps repeats frames and a
//! 60 fps file skips them; a camera is read once per tick; a still image or the test pattern
//! is ready at once). Frame `n` always has pts `n × 1000 / fps` ms. When the stage falls behind
//! the clock (a slow decoder), the missed ticks are skipped and counted as capture drops.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use lantern_media::source::camera::Camera;
use lantern_media::source::{RgbaFrame, StillImage, TestPattern, VideoFile, VideoSource};

use super::Shared;
use super::config::{InputSpec, PushConfig};
use super::error::PushError;
use super::stats::Stage;

/// A frame on its way to the render stage.
#[derive(Clone, Debug)]
pub struct Captured {
    /// Output frame index (the clock).
    pub index: u64,
    pub pts_ms: i64,
    /// The source picture (shared: a still image is never copied).
    pub frame: Arc<RgbaFrame>,
    /// When the tick was due (for the pipeline latency figure).
    pub due: Instant,
}

/// An open source, reading ahead to the clock.
pub enum Source {
    Pattern(TestPattern),
    Still(Arc<RgbaFrame>),
    Video {
        file: Box<VideoFile>,
        current: Arc<RgbaFrame>,
        first_pts: i64,
    },
    Camera(Box<Camera>),
}

impl Source {
    /// Opens `spec` (on the capture thread: cameras are not `Send`).
    pub fn open(cfg: &PushConfig) -> Result<Self, PushError> {
        Ok(match &cfg.input {
            InputSpec::Pattern => Self::Pattern(TestPattern::new(cfg.width, cfg.height, cfg.fps)),
            InputSpec::Image(path) => {
                let mut still = StillImage::open(path, None, cfg.fps)?;
                Self::Still(Arc::new(first_frame(&mut still)?))
            }
            InputSpec::Video(path) => {
                let mut file = VideoFile::open(path, None)?.looping(true);
                let first = first_frame(&mut file)?;
                Self::Video {
                    first_pts: first.pts_ms,
                    current: Arc::new(first),
                    file: Box::new(file),
                }
            }
            InputSpec::Camera(selector) => {
                let sel = selector.as_deref().unwrap_or("0");
                Self::Camera(Box::new(Camera::open(
                    sel,
                    Some((cfg.width, cfg.height, cfg.fps)),
                )?))
            }
        })
    }

    /// The picture for tick `index` at `t_ms` from the start.
    fn frame_at(&mut self, index: u64, t_ms: i64) -> Result<Arc<RgbaFrame>, PushError> {
        match self {
            Self::Pattern(p) => Ok(Arc::new(p.frame(index))),
            Self::Still(f) => Ok(Arc::clone(f)),
            Self::Video {
                file,
                current,
                first_pts,
            } => {
                if let Some(f) = file.advance_to(*first_pts + t_ms)? {
                    *current = Arc::new(f);
                }
                Ok(Arc::clone(current))
            }
            Self::Camera(cam) => {
                let f = cam.next_frame()?.ok_or_else(|| {
                    PushError::stage("capture", "lost the camera (it stopped sending frames)")
                })?;
                Ok(Arc::new(f))
            }
        }
    }
}

fn first_frame(source: &mut dyn VideoSource) -> Result<RgbaFrame, PushError> {
    source.next_frame()?.ok_or_else(|| PushError::Config {
        field: "--input",
        message: "the input has no frames".to_owned(),
        fix: "give a video or image that decodes, e.g. check it with ffprobe",
    })
}

/// Runs the clock until the frame limit, a stop request, or the render stage going away.
pub fn run(mut source: Source, cfg: &PushConfig, shared: &Shared) -> Result<(), PushError> {
    let period = Duration::from_secs_f64(1.0 / f64::from(cfg.fps.max(1)));
    let limit = cfg.frame_limit();
    let start = Instant::now();
    let mut index: u64 = 0;
    while !shared.stop.load(Ordering::Relaxed) && limit.is_none_or(|l| index < l) {
        let due = start + period.mul_f64(index as f64);
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        let t0 = Instant::now();
        let frame = source.frame_at(index, cfg.pts_ms(index))?;
        shared.stats.time(Stage::Capture, t0.elapsed());
        let captured = Captured {
            index,
            pts_ms: cfg.pts_ms(index),
            frame,
            due,
        };
        if !shared.to_render.push(captured) {
            break;
        }
        shared
            .stats
            .counters
            .captured
            .fetch_add(1, Ordering::Relaxed);
        index += 1;
        // Behind by more than a frame: skip the ticks that are already past.
        let behind = Instant::now().saturating_duration_since(start + period.mul_f64(index as f64));
        if behind > period {
            let skip = (behind.as_secs_f64() / period.as_secs_f64()) as u64;
            let skip = limit.map_or(skip, |l| skip.min(l.saturating_sub(index)));
            index += skip;
            shared
                .stats
                .counters
                .dropped_capture
                .fetch_add(skip, Ordering::Relaxed);
        }
    }
    Ok(())
}
