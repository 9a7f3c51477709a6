//! Input frames: a borrowed view of RGB or RGBA pixels with an explicit row stride.
//!
//! Every model input is sampled from a [`FrameView`] (see [`crate::roi`]); the view is checked
//! once when it is made, so a frame of size 0, an odd stride or a short buffer is an error
//! rather than a panic further down the pipeline.

use std::path::Path;

use crate::error::TrackError;

mod line;

/// How the pixels are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PixelFormat {
    Rgb8,
    Rgba8,
}

impl PixelFormat {
    /// Bytes per pixel.
    pub fn bytes(self) -> usize {
        match self {
            Self::Rgb8 => 3,
            Self::Rgba8 => 4,
        }
    }
}

/// A borrowed frame: `height` rows of `stride` bytes, each starting with `width` pixels.
#[derive(Clone, Copy, Debug)]
pub struct FrameView<'a> {
    data: &'a [u8],
    width: u32,
    height: u32,
    stride: usize,
    format: PixelFormat,
}

impl<'a> FrameView<'a> {
    /// Checks the layout: non-zero size, a stride that holds a row and is a whole number of
    /// pixels, and a buffer long enough for every row.
    pub fn new(
        data: &'a [u8],
        width: u32,
        height: u32,
        stride: usize,
        format: PixelFormat,
    ) -> Result<Self, TrackError> {
        let bpp = format.bytes();
        if width == 0 || height == 0 {
            return Err(TrackError::Frame(format!(
                "the frame is {width}x{height}; width and height must be at least 1"
            )));
        }
        let row = width as usize * bpp;
        if stride < row || !stride.is_multiple_of(bpp) {
            return Err(TrackError::Frame(format!(
                "stride {stride} bytes does not fit {width} pixels of {bpp} bytes \
                 (it must be at least {row} and a multiple of {bpp})"
            )));
        }
        let need = stride * (height as usize - 1) + row;
        if data.len() < need {
            return Err(TrackError::Frame(format!(
                "the buffer has {} bytes; a {width}x{height} frame with stride {stride} needs {need}",
                data.len()
            )));
        }
        Ok(Self {
            data,
            width,
            height,
            stride,
            format,
        })
    }

    /// A view of an RGBA image.
    pub fn from_rgba(img: &'a image::RgbaImage) -> Result<Self, TrackError> {
        Self::new(
            img.as_raw(),
            img.width(),
            img.height(),
            img.width() as usize * 4,
            PixelFormat::Rgba8,
        )
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    pub fn format(&self) -> PixelFormat {
        self.format
    }

    /// Row `y`'s pixels (`width * bytes per pixel` bytes, no padding); empty past the last row.
    pub fn row(&self, y: u32) -> &'a [u8] {
        let start = y as usize * self.stride;
        let len = self.width as usize * self.format.bytes();
        self.data.get(start..start + len).unwrap_or(&[])
    }

    /// The RGB value at integer pixel (x, y), which must be inside the frame.
    #[inline]
    fn px(&self, x: usize, y: usize) -> [f32; 3] {
        let i = y * self.stride + x * self.format.bytes();
        let p = &self.data[i..i + 3];
        [f32::from(p[0]), f32::from(p[1]), f32::from(p[2])]
    }

    /// The frame shrunk by `k` in each direction, each pixel the mean of a `k`x`k` block (the
    /// last row and column of blocks may be partial): packed RGB, with its width and height.
    /// Pixel `(i, j)`'s centre is the block's centre, so a point `(x, y)` here is `(x / k, y / k)`
    /// in the shrunk frame.
    pub fn shrink(&self, k: u32) -> (Vec<u8>, u32, u32) {
        let k = k.max(1) as usize;
        let (w, h) = (self.width as usize, self.height as usize);
        let (sw, sh) = (w.div_ceil(k), h.div_ceil(k));
        let bpp = self.format.bytes();
        let mut sums = vec![0_u32; sw * 3];
        let mut out = Vec::with_capacity(sw * sh * 3);
        for by in 0..sh {
            sums.fill(0);
            let rows = by * k..((by + 1) * k).min(h);
            let n_rows = rows.len();
            for y in rows {
                let row = &self.data[y * self.stride..y * self.stride + w * bpp];
                for (x, px) in row.chunks_exact(bpp).enumerate() {
                    let s = &mut sums[(x / k) * 3..(x / k) * 3 + 3];
                    s[0] += u32::from(px[0]);
                    s[1] += u32::from(px[1]);
                    s[2] += u32::from(px[2]);
                }
            }
            for bx in 0..sw {
                let n = (n_rows * (((bx + 1) * k).min(w) - bx * k)) as u32;
                for c in 0..3 {
                    out.push(((sums[bx * 3 + c] + n / 2) / n.max(1)) as u8);
                }
            }
        }
        (out, sw as u32, sh as u32)
    }

    /// Like [`Self::sample`], with points outside the frame moved to its nearest edge.
    #[inline]
    pub fn sample_clamped(&self, x: f32, y: f32) -> [f32; 3] {
        let (w, h) = (self.width as f32, self.height as f32);
        self.sample(x.clamp(0.5, w - 0.5), y.clamp(0.5, h - 0.5))
            .unwrap_or_default()
    }

    /// Appends `n` bilinear samples taken along a line, at `(x0 + i·dx, y0 + i·dy)`, as three
    /// values `v * scale + offset` each; outside the frame the nearest edge pixel (`replicate`)
    /// or black. The same numbers as [`Self::sample`], without its per-sample overheads: the
    /// landmark crops (224x224 for a hand) spend most of their time here.
    pub(crate) fn sample_line(
        &self,
        start: (f32, f32),
        step: (f32, f32),
        count: usize,
        replicate: bool,
        (scale, offset): (f32, f32),
        out: &mut Vec<f32>,
    ) {
        let (width, height) = (self.width as f32, self.height as f32);
        let (last_x, last_y) = (i64::from(self.width) - 1, i64::from(self.height) - 1);
        let bpp = self.format.bytes();
        let first = out.len();
        out.resize(first + count * 3, 0.0);
        if self.sample_line_inside(start, step, (scale, offset), &mut out[first..]) {
            return;
        }
        for (i, px) in out[first..].chunks_exact_mut(3).enumerate() {
            let (mut x, mut y) = (start.0 + i as f32 * step.0, start.1 + i as f32 * step.1);
            if replicate {
                x = x.clamp(0.5, width - 0.5);
                y = y.clamp(0.5, height - 0.5);
            }
            let (fx, fy) = (x - 0.5, y - 0.5);
            if !(fx > -1.0 && fy > -1.0 && fx < width && fy < height) {
                px.fill(offset);
                continue;
            }
            // fx, fy > -1: truncating fx + 1 floors fx + 1 (no libm `floorf` call a sample).
            let (xi, yi) = ((fx + 1.0) as i64 - 1, (fy + 1.0) as i64 - 1);
            let (ax, ay) = (fx - xi as f32, fy - yi as f32);
            let col = |v: i64| v.clamp(0, last_x) as usize * bpp;
            let row = |v: i64| v.clamp(0, last_y) as usize * self.stride;
            let (left, right, top, bottom) = (col(xi), col(xi + 1), row(yi), row(yi + 1));
            let at = |i: usize| &self.data[i..i + 3];
            let (tl, tr) = (at(top + left), at(top + right));
            let (bl, br) = (at(bottom + left), at(bottom + right));
            for c in 0..3 {
                let upper = f32::from(tl[c]) + (f32::from(tr[c]) - f32::from(tl[c])) * ax;
                let lower = f32::from(bl[c]) + (f32::from(br[c]) - f32::from(bl[c])) * ax;
                px[c] = (upper + (lower - upper) * ay) * scale + offset;
            }
        }
    }

    /// Bilinear sample at (x, y) in pixel coordinates (pixel centres at +0.5); `None` outside.
    #[inline]
    pub fn sample(&self, x: f32, y: f32) -> Option<[f32; 3]> {
        let fx = x - 0.5;
        let fy = y - 0.5;
        let (w, h) = (self.width as f32, self.height as f32);
        if !(fx > -1.0 && fy > -1.0 && fx < w && fy < h) {
            return None;
        }
        let x0 = fx.floor();
        let y0 = fy.floor();
        let (ax, ay) = (fx - x0, fy - y0);
        let clampx = |v: f32| v.clamp(0.0, w - 1.0) as usize;
        let clampy = |v: f32| v.clamp(0.0, h - 1.0) as usize;
        let (xa, xb, ya, yb) = (clampx(x0), clampx(x0 + 1.0), clampy(y0), clampy(y0 + 1.0));
        let (p00, p10, p01, p11) = (
            self.px(xa, ya),
            self.px(xb, ya),
            self.px(xa, yb),
            self.px(xb, yb),
        );
        let mut out = [0.0; 3];
        for c in 0..3 {
            let top = p00[c] + (p10[c] - p00[c]) * ax;
            let bot = p01[c] + (p11[c] - p01[c]) * ax;
            out[c] = top + (bot - top) * ay;
        }
        Some(out)
    }
}

/// Loads an image file as RGBA.
pub fn load_rgba(path: &Path) -> Result<image::RgbaImage, TrackError> {
    image::open(path)
        .map(|i| i.to_rgba8())
        .map_err(|e| TrackError::Image {
            path: path.to_owned(),
            detail: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_layouts_are_errors() {
        let buf = vec![0_u8; 64];
        assert!(FrameView::new(&buf, 0, 4, 16, PixelFormat::Rgba8).is_err());
        assert!(FrameView::new(&buf, 4, 0, 16, PixelFormat::Rgba8).is_err());
        let odd = FrameView::new(&buf, 4, 2, 17, PixelFormat::Rgba8).unwrap_err();
        assert!(odd.to_string().contains("stride 17"), "{odd}");
        assert!(FrameView::new(&buf, 4, 2, 12, PixelFormat::Rgba8).is_err());
        assert!(FrameView::new(&buf, 8, 4, 32, PixelFormat::Rgba8).is_err());
        assert!(FrameView::new(&buf, 4, 4, 16, PixelFormat::Rgba8).is_ok());
        assert!(FrameView::new(&buf, 5, 4, 15, PixelFormat::Rgb8).is_ok());
    }

    #[test]
    fn bilinear_sampling_interpolates() {
        // 2x1 RGB: black then white.
        let buf = [0, 0, 0, 255, 255, 255];
        let f = FrameView::new(&buf, 2, 1, 6, PixelFormat::Rgb8).unwrap();
        assert_eq!(f.sample(0.5, 0.5), Some([0.0; 3]));
        assert_eq!(f.sample(1.5, 0.5), Some([255.0; 3]));
        assert!((f.sample(1.0, 0.5).unwrap()[0] - 127.5).abs() < 1e-3);
        assert_eq!(f.sample(5.0, 0.5), None);
        assert_eq!(f.row(0), &buf[..]);
        assert!(f.row(1).is_empty());
    }
}
