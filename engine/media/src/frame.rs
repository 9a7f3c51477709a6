//! Raw video frames handed to the encoder: RGBA from a CPU renderer or readback, or YUV (I420,
//! NV12) when the GPU already did the colour conversion. Frames borrow their pixels; the encoder
//! copies/converts them into an FFmpeg frame of its output size.

use ffmpeg_next::format::Pixel;
use ffmpeg_next::frame;

use crate::error::{MediaError, Result};

/// Pixel layout of a [`VideoFrame`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PixelLayout {
    /// 8-bit R, G, B, A interleaved; one plane.
    Rgba,
    /// 8-bit Y plane, then U and V at half width and height.
    I420,
    /// 8-bit Y plane, then interleaved UV at half width and height.
    Nv12,
}

impl PixelLayout {
    pub(crate) fn ffmpeg(self) -> Pixel {
        match self {
            Self::Rgba => Pixel::RGBA,
            Self::I420 => Pixel::YUV420P,
            Self::Nv12 => Pixel::NV12,
        }
    }

    /// Planes as `(bytes per row at minimum, rows)` for a `width`×`height` frame.
    fn planes(self, width: u32, height: u32) -> Vec<(usize, usize)> {
        let (w, h) = (width as usize, height as usize);
        let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
        match self {
            Self::Rgba => vec![(w * 4, h)],
            Self::I420 => vec![(w, h), (cw, ch), (cw, ch)],
            Self::Nv12 => vec![(w, h), (cw * 2, ch)],
        }
    }
}

/// One plane: its bytes and the distance between rows.
#[derive(Clone, Copy, Debug)]
pub struct Plane<'a> {
    pub data: &'a [u8],
    pub stride: usize,
}

/// A borrowed raw frame.
#[derive(Clone, Debug)]
pub struct VideoFrame<'a> {
    pub layout: PixelLayout,
    pub width: u32,
    pub height: u32,
    pub planes: Vec<Plane<'a>>,
}

impl<'a> VideoFrame<'a> {
    /// A tightly packed RGBA frame.
    pub fn rgba(width: u32, height: u32, data: &'a [u8]) -> Self {
        Self {
            layout: PixelLayout::Rgba,
            width,
            height,
            planes: vec![Plane {
                data,
                stride: width as usize * 4,
            }],
        }
    }

    /// Checks plane count, strides and lengths so a bad buffer is an error, never a read past
    /// the end.
    pub fn validate(&self) -> Result<()> {
        let bad = |message: String| MediaError::InvalidInput {
            what: "video frame",
            message,
        };
        if self.width == 0 || self.height == 0 {
            return Err(bad(format!("size {}x{} is empty", self.width, self.height)));
        }
        let want = self.layout.planes(self.width, self.height);
        if want.len() != self.planes.len() {
            return Err(bad(format!(
                "{:?} needs {} planes, got {}",
                self.layout,
                want.len(),
                self.planes.len()
            )));
        }
        for (i, ((row, rows), plane)) in want.iter().zip(&self.planes).enumerate() {
            if plane.stride < *row {
                return Err(bad(format!(
                    "plane {i}: stride {} < row size {row}",
                    plane.stride
                )));
            }
            let need = plane.stride * (rows - 1) + row;
            if plane.data.len() < need {
                return Err(bad(format!(
                    "plane {i}: {} bytes, {}x{} {:?} needs {need}",
                    plane.data.len(),
                    self.width,
                    self.height,
                    self.layout
                )));
            }
        }
        Ok(())
    }

    /// Copies the pixels into a new FFmpeg frame of the same layout and size.
    pub(crate) fn to_ffmpeg(&self) -> Result<frame::Video> {
        self.validate()?;
        let mut out = frame::Video::new(self.layout.ffmpeg(), self.width, self.height);
        for (i, ((row, rows), plane)) in self
            .layout
            .planes(self.width, self.height)
            .into_iter()
            .zip(&self.planes)
            .enumerate()
        {
            let dst_stride = out.stride(i);
            let dst = out.data_mut(i);
            for y in 0..rows {
                let src = &plane.data[y * plane.stride..y * plane.stride + row];
                dst[y * dst_stride..y * dst_stride + row].copy_from_slice(src);
            }
        }
        Ok(out)
    }
}
