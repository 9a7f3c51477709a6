//! The one source opener: what an effect plays over, opened from an [`InputSpec`] the same way
//! for a push, an offline render and the Studio preview.
//!
//! Two ways to read it, one per kind of clock:
//! - [`Source::frame_at`]: the picture for an instant of a live clock (push, preview). A video
//!   file is decoded ahead to that instant, so a 25 fps file on a 30 fps clock repeats frames and
//!   a 60 fps file skips them; a camera is read once per call; a still or the test pattern is
//!   ready at once.
//! - [`Source::next`]: every picture in order (offline), `None` at the end of a video.
//!
//! Sources are opened on the thread that reads them (a camera handle may not leave it) and, when
//! asked ([`SourceOptions::cover`]), scaled on the way in to no more than the output needs: a
//! 12-megapixel photo would otherwise be uploaded to the GPU every frame.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use lantern_media::source::camera::{self, Camera};
use lantern_media::source::{RgbaFrame, StillImage, TestPattern, VideoFile, VideoSource};

use crate::error::{EngineError, Result};

/// Where the pictures come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputSpec {
    /// The moving test pattern (no camera or file needed).
    Pattern,
    /// A webcam: an index (`0`) or part of its name; `None` = the first one.
    Camera(Option<String>),
    /// A still image (PNG, JPEG, WebP), repeated.
    Image(PathBuf),
    /// A video file.
    Video(PathBuf),
}

const IMAGE_EXTENSIONS: [&str; 6] = ["png", "jpg", "jpeg", "webp", "bmp", "gif"];

impl InputSpec {
    /// `pattern`, `camera`, `camera:<index|name>`, or a path to an image or video file.
    pub fn parse(s: &str) -> Result<Self> {
        let s = s.trim();
        match s {
            "pattern" | "testsrc" | "test" => return Ok(Self::Pattern),
            "camera" | "webcam" => return Ok(Self::Camera(None)),
            _ => {}
        }
        if let Some(sel) = s
            .strip_prefix("camera:")
            .or_else(|| s.strip_prefix("webcam:"))
        {
            return Ok(Self::Camera(Some(sel.trim().to_owned())));
        }
        let path = Path::new(s);
        if !path.is_file() {
            return Err(EngineError::Input {
                field: "--input",
                message: format!("{s:?} is not a file"),
                fix: "give a video or image file, `camera[:index|name]` or `pattern`",
            });
        }
        Ok(Self::file(path))
    }

    /// A file: an image by its extension, anything else a video.
    pub fn file(path: &Path) -> Self {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        if IMAGE_EXTENSIONS.contains(&ext.as_str()) {
            Self::Image(path.to_owned())
        } else {
            Self::Video(path.to_owned())
        }
    }
}

/// How to open a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceOptions {
    /// The output size; a camera is asked for it.
    pub output: (u32, u32),
    pub fps: u32,
    /// Scale images and videos down to just cover the output (never up).
    pub cover: bool,
    /// Loop a video file (live clocks); offline renders end with the file.
    pub looping: bool,
}

/// The size a `w` x `h` source is scaled to so it still covers `out` (never enlarged; even).
pub fn cover_size(w: u32, h: u32, out: (u32, u32)) -> (u32, u32) {
    let s = (f64::from(out.0) / f64::from(w.max(1)))
        .max(f64::from(out.1) / f64::from(h.max(1)))
        .min(1.0);
    let even = |v: u32| ((f64::from(v) * s).round() as u32 & !1).max(2);
    (even(w), even(h))
}

/// Where a video file stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClipState {
    /// The picture's time from the clip's start, in ms (restarts at each loop).
    pub position_ms: i64,
    /// The clip's length, when the file says.
    pub duration_ms: Option<i64>,
    /// It reached its end and does not loop.
    pub ended: bool,
    /// It restarts at its end.
    pub looping: bool,
}

/// An open source.
pub enum Source {
    Pattern(TestPattern),
    /// One picture, repeated (shared: never copied).
    Still(Arc<RgbaFrame>),
    Video {
        file: Box<VideoFile>,
        /// The newest picture and the file's first pts (the clock's zero).
        current: Arc<RgbaFrame>,
        first_pts: i64,
        /// `current` has not been handed out by [`Source::next`] yet.
        unread: bool,
    },
    Camera(Box<Camera>),
}

fn no_frames(path: &Path) -> EngineError {
    lantern_media::MediaError::Open {
        path: path.to_owned(),
        message: "it has no frames (check it with ffprobe)".to_owned(),
    }
    .into()
}

impl Source {
    /// Opens `spec`; a file that opens but does not decode fails here, not on the first frame.
    pub fn open(spec: &InputSpec, o: &SourceOptions) -> Result<Self> {
        Ok(match spec {
            InputSpec::Pattern => Self::Pattern(TestPattern::new(o.output.0, o.output.1, o.fps)),
            InputSpec::Image(path) => {
                let size = if o.cover {
                    let (w, h) = image::image_dimensions(path).map_err(|e| {
                        lantern_media::MediaError::Open {
                            path: path.clone(),
                            message: format!("{e} (use a PNG, JPEG or WebP image)"),
                        }
                    })?;
                    Some(cover_size(w, h, o.output))
                } else {
                    None
                };
                let mut still = StillImage::open(path, size, o.fps)?;
                Self::Still(Arc::new(
                    still.next_frame()?.ok_or_else(|| no_frames(path))?,
                ))
            }
            InputSpec::Video(path) => {
                let mut file = VideoFile::open(path, None)?;
                if o.cover {
                    let (w, h) = file.size();
                    let size = cover_size(w, h, o.output);
                    if size != (w, h) {
                        drop(file);
                        file = VideoFile::open(path, Some(size))?;
                    }
                }
                let mut file = Box::new(file.looping(o.looping).realtime(false));
                let first = file.next_frame()?.ok_or_else(|| no_frames(path))?;
                Self::Video {
                    first_pts: first.pts_ms,
                    current: Arc::new(first),
                    file,
                    unread: true,
                }
            }
            InputSpec::Camera(selector) => {
                if camera::list_cameras()?.is_empty() {
                    return Err(lantern_media::MediaError::Camera(
                        "no camera found on this computer: connect one, or use a photo or a \
                         video file"
                            .to_owned(),
                    )
                    .into());
                }
                let sel = selector.as_deref().unwrap_or("0");
                Self::Camera(Box::new(Camera::open(
                    sel,
                    Some((o.output.0, o.output.1, o.fps)),
                )?))
            }
        })
    }

    /// The same picture every frame (tracked once).
    pub fn is_still(&self) -> bool {
        matches!(self, Self::Still(_))
    }

    /// The source's frame size.
    pub fn size(&self) -> (u32, u32) {
        match self {
            Self::Pattern(p) => p.size(),
            Self::Still(f) => (f.width, f.height),
            Self::Video { current, .. } => (current.width, current.height),
            Self::Camera(c) => c.size(),
        }
    }

    /// The picture for frame `index` of a live clock, `t_ms` after its start.
    pub fn frame_at(&mut self, index: u64, t_ms: i64) -> Result<Arc<RgbaFrame>> {
        match self {
            Self::Pattern(p) => Ok(Arc::new(p.frame(index))),
            Self::Still(f) => Ok(Arc::clone(f)),
            Self::Video {
                file,
                current,
                first_pts,
                unread,
            } => {
                *unread = false;
                if let Some(f) = file.advance_to(*first_pts + t_ms)? {
                    *current = Arc::new(f);
                }
                Ok(Arc::clone(current))
            }
            Self::Camera(cam) => Ok(Arc::new(cam.next_frame()?.ok_or_else(|| {
                lantern_media::MediaError::Camera(
                    "the camera stopped sending frames (unplugged?)".to_owned(),
                )
            })?)),
        }
    }

    /// Where a video file stands (`None` for other sources), for a player's transport.
    pub fn clip(&self) -> Option<ClipState> {
        match self {
            Self::Video {
                file, first_pts, ..
            } => Some(ClipState {
                position_ms: (file.position_ms() - *first_pts).max(0),
                duration_ms: file.duration_ms(),
                ended: file.ended(),
                looping: file.is_looping(),
            }),
            _ => None,
        }
    }

    /// Moves a video file to `position_ms` from its start (clamped to its length), its picture
    /// ready at once; the live clock's `t_ms` then counts from that point, returned. Other sources
    /// ignore it.
    pub fn seek(&mut self, position_ms: i64) -> Result<i64> {
        if let Self::Video {
            file,
            current,
            first_pts,
            ..
        } = self
        {
            let end = file.duration_ms().unwrap_or(i64::MAX);
            let position_ms = position_ms.clamp(0, end);
            let t = *first_pts + position_ms;
            file.seek(t)?;
            if let Some(f) = file.advance_to(t)? {
                *current = Arc::new(f);
            }
            return Ok(position_ms);
        }
        Ok(0)
    }

    /// Turns a video file's looping on or off while it plays.
    pub fn set_looping(&mut self, on: bool) {
        if let Self::Video { file, .. } = self {
            file.set_looping(on);
        }
    }

    /// The next picture in order (frame `index`); `None` at the end of a video that does not
    /// loop.
    pub fn next(&mut self, index: u64) -> Result<Option<Arc<RgbaFrame>>> {
        match self {
            Self::Video {
                file,
                current,
                unread,
                ..
            } => {
                if !std::mem::take(unread) {
                    match file.next_frame()? {
                        Some(f) => *current = Arc::new(f),
                        None => return Ok(None),
                    }
                }
                Ok(Some(Arc::clone(current)))
            }
            _ => self.frame_at(index, 0).map(Some),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_scaled_down_to_cover_the_output_never_up() {
        assert_eq!(cover_size(4000, 3000, (1280, 720)), (1280, 960));
        assert_eq!(cover_size(3000, 4000, (1280, 720)), (1280, 1706));
        assert_eq!(cover_size(512, 512, (1280, 720)), (512, 512));
        assert_eq!(cover_size(1921, 1081, (1920, 1080)), (1920, 1080));
    }

    #[test]
    fn inputs_parse() {
        assert_eq!(InputSpec::parse("pattern").unwrap(), InputSpec::Pattern);
        assert_eq!(
            InputSpec::parse("camera:Logi").unwrap(),
            InputSpec::Camera(Some("Logi".to_owned()))
        );
        assert_eq!(InputSpec::parse("camera").unwrap(), InputSpec::Camera(None));
        let err = InputSpec::parse("/nope/clip.mp4").unwrap_err().to_string();
        assert!(
            err.contains("--input") && err.contains("/nope/clip.mp4"),
            "{err}"
        );
        assert_eq!(
            InputSpec::file(Path::new("a/b.JPG")),
            InputSpec::Image(PathBuf::from("a/b.JPG"))
        );
    }
}
