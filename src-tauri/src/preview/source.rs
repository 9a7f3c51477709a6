//! What the preview plays the effect over: a photo (tracked once, repeated), a video file (looped,
//! paced to its timestamps, late frames skipped) or a webcam (the media crate's `Camera`).
//!
//! Sources are opened on the preview thread (a camera handle may not leave the thread that opened
//! it) and scaled on the way in to no more than the output needs: a 12-megapixel photo would
//! otherwise be uploaded to the GPU every frame.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lantern_engine::media::source::camera::{self, Camera};
use lantern_engine::media::source::{RgbaFrame, VideoFile, VideoSource};
use serde::Deserialize;
use ts_rs::TS;

use crate::error::{ErrorCode, IpcError};

/// The source the person picked.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum PreviewSource {
    /// A PNG, JPEG or WebP photo.
    Photo { path: PathBuf },
    /// A video file FFmpeg can read; it loops.
    Video { path: PathBuf },
    /// A webcam, by index (`"0"`) or part of its name.
    Camera { device: String },
}

/// The longest the source waits for a frame's timestamp (a file with broken timestamps must not
/// stall the preview).
const MAX_WAIT: Duration = Duration::from_millis(200);
/// Late video frames skipped in a row before one is shown anyway.
const MAX_SKIP: u32 = 4;

/// An open source.
pub enum Frames {
    Still(RgbaFrame),
    Video {
        file: Box<VideoFile>,
        /// The frame decoded when opening, shown first.
        first: Option<RgbaFrame>,
        /// Wall-clock start and the first frame's pts.
        start: Option<(Instant, i64)>,
    },
    Camera(Box<Camera>),
}

fn source_error(path: &Path, why: impl std::fmt::Display) -> IpcError {
    IpcError::new(ErrorCode::Source, format!("{}: {why}", path.display()))
}

/// The size a `w` x `h` source is scaled to so it still covers `out` (never enlarged; even).
pub fn fit_size(w: u32, h: u32, out: (u32, u32)) -> (u32, u32) {
    let s = (f64::from(out.0) / f64::from(w.max(1)))
        .max(f64::from(out.1) / f64::from(h.max(1)))
        .min(1.0);
    let even = |v: u32| ((f64::from(v) * s).round() as u32 & !1).max(2);
    (even(w), even(h))
}

impl Frames {
    /// Opens `spec`, scaled for an output of `out` pixels.
    pub fn open(spec: &PreviewSource, out: (u32, u32)) -> Result<Self, IpcError> {
        match spec {
            PreviewSource::Photo { path } => open_photo(path, out).map(Self::Still),
            PreviewSource::Video { path } => {
                let probe = VideoFile::open(path, None).map_err(|e| source_error(path, e))?;
                let (w, h) = probe.size();
                let size = fit_size(w, h, out);
                let file = if size == (w, h) {
                    probe
                } else {
                    drop(probe);
                    VideoFile::open(path, Some(size)).map_err(|e| source_error(path, e))?
                };
                let mut file = Box::new(file.looping(true).realtime(false));
                // Decode one frame now: a file FFmpeg opens but cannot decode fails here.
                let first = file
                    .next_frame()
                    .map_err(|e| source_error(path, e))?
                    .ok_or_else(|| source_error(path, "the video has no frames"))?;
                Ok(Self::Video {
                    file,
                    first: Some(first),
                    start: None,
                })
            }
            PreviewSource::Camera { device } => open_camera(device, out),
        }
    }

    /// A photo: tracked once, the same frame every time.
    pub fn is_still(&self) -> bool {
        matches!(self, Self::Still(_))
    }

    /// The next frame, waiting (briefly) until it is due.
    pub fn next(&mut self) -> Result<RgbaFrame, IpcError> {
        match self {
            Self::Still(f) => Ok(f.clone()),
            Self::Camera(cam) => cam
                .next_frame()
                .map_err(|e| IpcError::new(ErrorCode::Source, e))?
                .ok_or_else(|| IpcError::new(ErrorCode::Source, "the camera stopped")),
            Self::Video { file, first, start } => {
                let mut skipped = 0;
                loop {
                    let frame = match first.take() {
                        Some(f) => f,
                        None => file
                            .next_frame()
                            .map_err(|e| IpcError::new(ErrorCode::Source, e))?
                            .ok_or_else(|| {
                                IpcError::new(ErrorCode::Source, "the video has no frames")
                            })?,
                    };
                    let (t0, p0) = *start.get_or_insert((Instant::now(), frame.pts_ms));
                    let due = t0 + Duration::from_millis((frame.pts_ms - p0).max(0) as u64);
                    let now = Instant::now();
                    if let Some(wait) = due.checked_duration_since(now) {
                        std::thread::sleep(wait.min(MAX_WAIT));
                        return Ok(frame);
                    }
                    // Late by more than a frame or two: skip ahead to catch up with the clock.
                    if now.duration_since(due) > Duration::from_millis(70) && skipped < MAX_SKIP {
                        skipped += 1;
                        continue;
                    }
                    return Ok(frame);
                }
            }
        }
    }
}

fn open_photo(path: &Path, out: (u32, u32)) -> Result<RgbaFrame, IpcError> {
    let img = image::ImageReader::open(path)
        .map_err(|e| source_error(path, e))?
        .with_guessed_format()
        .map_err(|e| source_error(path, e))?
        .decode()
        .map_err(|e| source_error(path, format!("{e} (use a PNG, JPEG or WebP photo)")))?;
    if img.width() < 2 || img.height() < 2 {
        return Err(source_error(path, "the image is empty"));
    }
    let (w, h) = fit_size(img.width(), img.height(), out);
    let rgba = if (w, h) == (img.width(), img.height()) {
        img.into_rgba8()
    } else {
        image::imageops::resize(&img, w, h, image::imageops::FilterType::Triangle)
    };
    Ok(RgbaFrame {
        width: w,
        height: h,
        pts_ms: 0,
        data: rgba.into_raw(),
    })
}

fn open_camera(device: &str, out: (u32, u32)) -> Result<Frames, IpcError> {
    let found = camera::list_cameras().map_err(|e| IpcError::new(ErrorCode::Source, e))?;
    if found.is_empty() {
        return Err(IpcError::new(
            ErrorCode::Source,
            "no camera found on this computer: connect one, or preview with a photo or a video file",
        ));
    }
    Camera::open(device, Some((out.0, out.1, 30)))
        .map(|c| Frames::Camera(Box::new(c)))
        .map_err(|e| IpcError::new(ErrorCode::Source, e))
}

/// The cameras the OS reports (empty when there are none).
pub fn cameras() -> Result<Vec<CameraDevice>, IpcError> {
    Ok(camera::list_cameras()
        .map_err(|e| IpcError::new(ErrorCode::Source, e))?
        .into_iter()
        .map(|c| CameraDevice {
            id: c.index,
            name: c.name,
        })
        .collect())
}

/// A camera the preview can use.
#[derive(Clone, Debug, serde::Serialize, TS)]
pub struct CameraDevice {
    /// What to pass as `device`.
    pub id: String,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::fit_size;

    #[test]
    fn sources_are_scaled_down_to_cover_the_output_never_up() {
        assert_eq!(fit_size(4000, 3000, (1280, 720)), (1280, 960));
        assert_eq!(fit_size(3000, 4000, (1280, 720)), (1280, 1706));
        assert_eq!(fit_size(512, 512, (1280, 720)), (512, 512));
        assert_eq!(fit_size(1921, 1081, (1920, 1080)), (1920, 1080));
    }
}
