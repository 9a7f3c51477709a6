//! Webcams through nokhwa (V4L2 on Linux): list them, open one by index or name, read RGBA.
//! On a machine without cameras listing returns an empty list and opening is a clean error.

use std::time::Instant;

use nokhwa::Camera as NokhwaCamera;
use nokhwa::pixel_format::RgbAFormat;
use nokhwa::utils::{ApiBackend, CameraIndex, RequestedFormat, RequestedFormatType, Resolution};

use super::{RgbaFrame, VideoSource};
use crate::error::{MediaError, Result};

/// One camera as the OS reports it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CameraInfo {
    pub index: String,
    pub name: String,
    pub description: String,
}

/// Lists the cameras (empty when there are none).
pub fn list_cameras() -> Result<Vec<CameraInfo>> {
    let cams = nokhwa::query(ApiBackend::Auto)
        .map_err(|e| MediaError::Camera(format!("cannot list cameras: {e}")))?;
    Ok(cams
        .into_iter()
        .map(|c| CameraInfo {
            index: c.index().to_string(),
            name: c.human_name(),
            description: c.description().to_owned(),
        })
        .collect())
}

/// An open camera streaming RGBA frames.
pub struct Camera {
    cam: NokhwaCamera,
    started: Instant,
    size: (u32, u32),
}

impl Camera {
    /// Opens the camera `selector` (an index like `0`, or part of its name), asking for the
    /// resolution/frame rate closest to `want` (or the highest frame rate).
    pub fn open(selector: &str, want: Option<(u32, u32, u32)>) -> Result<Self> {
        let index = if let Ok(i) = selector.parse::<u32>() {
            CameraIndex::Index(i)
        } else {
            let cams = list_cameras()?;
            let found = cams
                .iter()
                .find(|c| c.name.to_lowercase().contains(&selector.to_lowercase()))
                .ok_or_else(|| {
                    MediaError::Camera(format!(
                        "no camera named like {selector:?} (found {}); run `lantern devices`",
                        cams.len()
                    ))
                })?;
            CameraIndex::String(found.index.clone())
        };
        let requested = match want {
            Some((w, h, fps)) => RequestedFormat::new::<RgbAFormat>(RequestedFormatType::Closest(
                nokhwa::utils::CameraFormat::new(
                    Resolution::new(w, h),
                    nokhwa::utils::FrameFormat::MJPEG,
                    fps,
                ),
            )),
            None => {
                RequestedFormat::new::<RgbAFormat>(RequestedFormatType::AbsoluteHighestFrameRate)
            }
        };
        let mut cam = NokhwaCamera::new(index, requested).map_err(|e| {
            MediaError::Camera(format!(
                "cannot open camera {selector:?}: {e} (run `lantern devices` to list cameras)"
            ))
        })?;
        cam.open_stream()
            .map_err(|e| MediaError::Camera(format!("cannot start camera {selector:?}: {e}")))?;
        let res = cam.resolution();
        Ok(Self {
            cam,
            started: Instant::now(),
            size: (res.width(), res.height()),
        })
    }
}

impl VideoSource for Camera {
    fn next_frame(&mut self) -> Result<Option<RgbaFrame>> {
        let buffer = self
            .cam
            .frame()
            .map_err(|e| MediaError::Camera(format!("camera read failed: {e}")))?;
        let image = buffer
            .decode_image::<RgbAFormat>()
            .map_err(|e| MediaError::Camera(format!("unsupported camera frame format: {e}")))?;
        let (width, height) = (image.width(), image.height());
        Ok(Some(RgbaFrame {
            width,
            height,
            pts_ms: self.started.elapsed().as_millis() as i64,
            data: image.into_raw(),
        }))
    }

    fn size(&self) -> (u32, u32) {
        self.size
    }
}
