//! A still image as a source: decoded once (PNG/JPEG/WebP), optionally resized, repeated at a
//! fixed frame rate.

use std::path::Path;

use super::{RgbaFrame, VideoSource};
use crate::error::{MediaError, Result};

/// Repeats one picture forever.
#[derive(Clone, Debug)]
pub struct StillImage {
    frame: RgbaFrame,
    fps: u32,
    index: i64,
}

impl StillImage {
    /// Loads `path`; `size` resizes it (`None` keeps its size, rounded down to even numbers).
    pub fn open(path: &Path, size: Option<(u32, u32)>, fps: u32) -> Result<Self> {
        let img = image::open(path).map_err(|e| MediaError::Open {
            path: path.to_owned(),
            message: format!("{e} (use a PNG, JPEG or WebP image)"),
        })?;
        let (w, h) = size.unwrap_or((img.width() & !1, img.height() & !1));
        if w == 0 || h == 0 {
            return Err(MediaError::Open {
                path: path.to_owned(),
                message: "image is empty".to_owned(),
            });
        }
        let rgba = if (w, h) == (img.width(), img.height()) {
            img.into_rgba8()
        } else {
            image::imageops::resize(
                &img.into_rgba8(),
                w,
                h,
                image::imageops::FilterType::Triangle,
            )
        };
        Ok(Self {
            frame: RgbaFrame {
                width: w,
                height: h,
                pts_ms: 0,
                data: rgba.into_raw(),
            },
            fps: fps.max(1),
            index: 0,
        })
    }
}

impl VideoSource for StillImage {
    fn next_frame(&mut self) -> Result<Option<RgbaFrame>> {
        let mut frame = self.frame.clone();
        frame.pts_ms = self.index * 1000 / i64::from(self.fps);
        self.index += 1;
        Ok(Some(frame))
    }

    fn size(&self) -> (u32, u32) {
        (self.frame.width, self.frame.height)
    }
}
