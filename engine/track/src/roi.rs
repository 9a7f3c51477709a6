//! Regions of interest and the affine crop that turns one into a model input.
//!
//! Every model sees a square crop of the frame: the detectors a letterboxed copy of the whole
//! frame, the landmark models a rotated square around a face, eye or hand. A [`Roi`] is that
//! square in frame pixels (centre, size, rotation); [`crop`] samples it into an NHWC `f32`
//! tensor, and [`Roi::to_frame`] maps a point from crop pixels back to frame pixels.

use crate::frame::{FrameView, PixelFormat};

/// A rotated rectangle in frame pixels. `rotation` is in radians, clockwise in the image
/// (y down), and says how the crop's axes are turned relative to the frame's.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Roi {
    pub cx: f32,
    pub cy: f32,
    pub w: f32,
    pub h: f32,
    pub rotation: f32,
}

/// How pixel values map to model input values: `v * scale + offset` for v in 0..255.
#[derive(Clone, Copy, Debug)]
pub struct Norm {
    pub scale: f32,
    pub offset: f32,
}

impl Norm {
    /// 0..255 → 0..1.
    pub const UNIT: Self = Self {
        scale: 1.0 / 255.0,
        offset: 0.0,
    };
    /// 0..255 → -1..1.
    pub const SIGNED: Self = Self {
        scale: 2.0 / 255.0,
        offset: -1.0,
    };
}

impl Roi {
    /// The square that letterboxes the whole frame (the detectors' input).
    pub fn letterbox(width: u32, height: u32) -> Self {
        let side = width.max(height) as f32;
        Self {
            cx: width as f32 * 0.5,
            cy: height as f32 * 0.5,
            w: side,
            h: side,
            rotation: 0.0,
        }
    }

    /// The detectors' letterbox as MediaPipe places it: [`Self::letterbox`] with its corner on
    /// the centre of pixel (0, 0) (MediaPipe's coordinates put pixel centres at whole numbers
    /// and its rectangle spans 0..width), for [`crop_corners`].
    pub fn detector_letterbox(width: u32, height: u32) -> Self {
        let lb = Self::letterbox(width, height);
        Self {
            cx: lb.cx + 0.5,
            cy: lb.cy + 0.5,
            ..lb
        }
    }

    /// The rectangle of `aspect` (width / height), centred on the frame, that just holds the
    /// whole frame: a letterbox for a model input that is not square.
    pub fn letterbox_aspect(width: u32, height: u32, aspect: f32) -> Self {
        let (fw, fh) = (width as f32, height as f32);
        let aspect = if aspect.is_finite() && aspect > 0.0 {
            aspect
        } else {
            1.0
        };
        let w = fw.max(fh * aspect);
        Self {
            cx: fw * 0.5,
            cy: fh * 0.5,
            w,
            h: w / aspect,
            rotation: 0.0,
        }
    }

    /// Maps a normalised crop point (0..1 across the crop) to frame pixels.
    pub fn norm_to_frame(&self, u: f32, v: f32) -> (f32, f32) {
        let (dx, dy) = ((u - 0.5) * self.w, (v - 0.5) * self.h);
        let (s, c) = self.rotation.sin_cos();
        (self.cx + dx * c - dy * s, self.cy + dx * s + dy * c)
    }

    /// Maps a frame point to normalised crop coordinates (inverse of [`Self::norm_to_frame`]).
    pub fn frame_to_norm(&self, x: f32, y: f32) -> (f32, f32) {
        let (dx, dy) = (x - self.cx, y - self.cy);
        let (s, c) = self.rotation.sin_cos();
        let rx = dx * c + dy * s;
        let ry = -dx * s + dy * c;
        (rx / self.w + 0.5, ry / self.h + 0.5)
    }

    /// Maps a point a model gives in crop pixels of a `size`-pixel input to frame pixels, in
    /// the crops' corner mapping (see [`crop`]): position `t` is `t` crop pixels from the
    /// rectangle's corner.
    pub fn to_frame(self, px: f32, py: f32, size: f32) -> (f32, f32) {
        self.norm_to_frame(px / size, py / size)
    }

    /// Scales a length in crop pixels to frame pixels.
    pub fn scale_len(&self, len: f32, size: f32) -> f32 {
        len * self.w / size
    }

    /// The ROI of the points given (in frame pixels), aligned to `rotation`, made square on its
    /// long side and scaled by `scale`, its centre shifted by `shift_y` of its height along the
    /// rotated y axis (MediaPipe's rect transformation).
    pub fn around_points(points: &[(f32, f32)], rotation: f32, scale: f32, shift_y: f32) -> Self {
        let (s, c) = rotation.sin_cos();
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for &(x, y) in points {
            let rx = x * c + y * s;
            let ry = -x * s + y * c;
            x0 = x0.min(rx);
            y0 = y0.min(ry);
            x1 = x1.max(rx);
            y1 = y1.max(ry);
        }
        let (rcx, rcy) = ((x0 + x1) * 0.5, (y0 + y1) * 0.5);
        let side = (x1 - x0).max(y1 - y0);
        let rcy = rcy + shift_y * side;
        Self {
            cx: rcx * c - rcy * s,
            cy: rcx * s + rcy * c,
            w: side * scale,
            h: side * scale,
            rotation,
        }
    }
}

/// The angle that turns the vector from `a` to `b` to `target` radians (MediaPipe's
/// `target - atan2(-(by - ay), bx - ax)`), normalised to -π..π.
pub fn rotation_between(a: (f32, f32), b: (f32, f32), target: f32) -> f32 {
    normalize_angle(target - (-(b.1 - a.1)).atan2(b.0 - a.0))
}

/// Wraps an angle into -π..π.
pub fn normalize_angle(a: f32) -> f32 {
    let tau = std::f32::consts::TAU;
    a - tau * ((a + std::f32::consts::PI) / tau).floor()
}

/// Samples `roi` into a `size`x`size`x3 NHWC tensor, normalised by `norm`, as MediaPipe crops
/// for its landmark models: one bilinear sample per pixel, pixel `u` at `u` crop pixels from
/// the rectangle's corner (OpenCV's `warpPerspective` from the corners; [`Roi::to_frame`] maps
/// back the same way), and outside the frame the edge pixels repeat (`BORDER_REPLICATE`: a
/// hand at the edge is not cut by a black bar). With centre-mapped samples the face mesh's
/// presence on a stretched face fell from 0.55 to 0.34, and its points were ~1 px from
/// MediaPipe's; now 0.06 px. `flip` mirrors the crop horizontally. `out` is cleared and refilled.
pub fn crop(
    frame: &FrameView<'_>,
    roi: &Roi,
    size: usize,
    norm: Norm,
    flip: bool,
    out: &mut Vec<f32>,
) {
    let moved = corner_mapped(roi, (size, size));
    crop_k(frame, &moved, (size, size), norm, (flip, true), 1, out);
}

/// The rectangle whose centre-mapped samples (pixel u at `u + 0.5` steps from the corner, as
/// `crop_k` takes them) fall where MediaPipe's corner-mapped ones do (u steps): `roi` moved
/// back half a step along its axes.
fn corner_mapped(roi: &Roi, (width, height): (usize, usize)) -> Roi {
    let (cx, cy) = roi.norm_to_frame(
        0.5 - 0.5 / width.max(1) as f32,
        0.5 - 0.5 / height.max(1) as f32,
    );
    Roi { cx, cy, ..*roi }
}

/// How a detector's input samples the frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sampling {
    /// One bilinear sample a pixel, as MediaPipe's detectors see a frame (aliased when they
    /// shrink it ten times).
    Bilinear,
    /// The area around each sample averaged ([`crop_area_rect`]): a two-hand heart in a 1280x720
    /// frame stays two palms to the palm detector, where bilinear samples merge them.
    Area,
}

/// Samples `roi` into a `width`x`height`x3 NHWC tensor in MediaPipe's detector geometry:
/// output pixel (u, v) samples the frame at the rectangle's top-left corner plus
/// `(u·w/width, v·h/height)` along its axes (OpenCV's `warpPerspective` from the rectangle's
/// corners, as MediaPipe's `ImageToTensorCalculator` does), black outside. A detection at
/// tensor position `t` is then at `roi.norm_to_frame(t / width, ..)`. With [`Sampling::Bilinear`]
/// the face detector's boxes match MediaPipe's to a pixel; any other sampling moved them 10–15%
/// on turned or half-hidden faces.
pub fn crop_corners(
    frame: &FrameView<'_>,
    roi: &Roi,
    (width, height): (usize, usize),
    norm: Norm,
    sampling: Sampling,
    out: &mut Vec<f32>,
) {
    let moved = corner_mapped(roi, (width, height));
    match sampling {
        Sampling::Bilinear => crop_k(frame, &moved, (width, height), norm, (false, false), 1, out),
        Sampling::Area => crop_area_rect(frame, &moved, (width, height), norm, out),
    }
}

/// Like [`crop`], but when shrinking a lot (a 1280-pixel frame into a 128-pixel detector input)
/// it averages up to 4x4 samples per pixel, so small faces and hands are not lost to aliasing;
/// into a `(width, height)` tensor that need not be square (the landscape segmentation model's
/// 256x144), for which `roi` should have the same aspect ratio.
pub fn crop_area_rect(
    frame: &FrameView<'_>,
    roi: &Roi,
    (width, height): (usize, usize),
    norm: Norm,
    out: &mut Vec<f32>,
) {
    let shrink = (roi.w / width.max(1) as f32).max(roi.h / height.max(1) as f32);
    let samples = |shrink: f32| ((shrink / 2.0).ceil() as usize).clamp(1, 4);
    // Shrinking a lot: average b x b blocks once (b about half the shrink), then take a few
    // samples per input pixel from that: close to k x k samples from the frame itself, at a
    // fraction of the cost (a 1280x720 frame into 192x192: 4 samples instead of 16 a pixel).
    let b = (shrink / 2.0).floor();
    if b >= 2.0 {
        let (small, sw, sh) = frame.shrink(b as u32);
        if let Ok(view) = FrameView::new(&small, sw, sh, sw as usize * 3, PixelFormat::Rgb8) {
            let scaled = Roi {
                cx: roi.cx / b,
                cy: roi.cy / b,
                w: roi.w / b,
                h: roi.h / b,
                rotation: roi.rotation,
            };
            let k = samples(shrink / b);
            crop_k(
                &view,
                &scaled,
                (width, height),
                norm,
                (false, false),
                k,
                out,
            );
            return;
        }
    }
    crop_k(
        frame,
        roi,
        (width, height),
        norm,
        (false, false),
        samples(shrink),
        out,
    );
}

fn crop_k(
    frame: &FrameView<'_>,
    roi: &Roi,
    (width, height): (usize, usize),
    norm: Norm,
    (flip, replicate): (bool, bool),
    k: usize,
    out: &mut Vec<f32>,
) {
    out.clear();
    out.reserve(width * height * 3);
    let (inv_w, inv_h) = (1.0 / width as f32, 1.0 / height as f32);
    let (sin, cos) = roi.rotation.sin_cos();
    if k == 1 {
        // One sample a pixel: the sample points of a row lie on a line.
        let step = roi.w * inv_w * if flip { -1.0 } else { 1.0 };
        for v in 0..height {
            let dy = ((v as f32 + 0.5) * inv_h - 0.5) * roi.h;
            let u0 = if flip { width - 1 } else { 0 };
            let dx = ((u0 as f32 + 0.5) * inv_w - 0.5) * roi.w;
            let start = (roi.cx + dx * cos - dy * sin, roi.cy + dx * sin + dy * cos);
            let along = (step * cos, step * sin);
            frame.sample_line(
                start,
                along,
                width,
                replicate,
                (norm.scale, norm.offset),
                out,
            );
        }
        return;
    }
    let sub = 1.0 / k as f32;
    let norm_k = norm.scale / (k * k) as f32;
    for v in 0..height {
        for u in 0..width {
            let uu = if flip { width - 1 - u } else { u };
            let mut acc = [0.0_f32; 3];
            for sy in 0..k {
                let dy = ((v as f32 + (sy as f32 + 0.5) * sub) * inv_h - 0.5) * roi.h;
                for sx in 0..k {
                    let dx = ((uu as f32 + (sx as f32 + 0.5) * sub) * inv_w - 0.5) * roi.w;
                    let x = roi.cx + dx * cos - dy * sin;
                    let y = roi.cy + dx * sin + dy * cos;
                    // Outside the frame is black (0), or the nearest edge pixel.
                    let p = if replicate {
                        Some(frame.sample_clamped(x, y))
                    } else {
                        frame.sample(x, y)
                    };
                    if let Some(p) = p {
                        for c in 0..3 {
                            acc[c] += p[c];
                        }
                    }
                }
            }
            out.extend(acc.map(|ch| ch * norm_k + norm.offset));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::PixelFormat;

    #[test]
    fn mapping_round_trips_with_rotation() {
        let roi = Roi {
            cx: 100.0,
            cy: 50.0,
            w: 40.0,
            h: 40.0,
            rotation: 0.4,
        };
        let (x, y) = roi.norm_to_frame(0.2, 0.9);
        let (u, v) = roi.frame_to_norm(x, y);
        assert!((u - 0.2).abs() < 1e-5 && (v - 0.9).abs() < 1e-5);
        // The crop's centre is the ROI's centre.
        assert_eq!(roi.to_frame(96.0, 96.0, 192.0), (100.0, 50.0));
    }

    #[test]
    fn rotation_of_a_level_pair_is_the_target() {
        assert!(rotation_between((0.0, 0.0), (1.0, 0.0), 0.0).abs() < 1e-6);
        // A vector pointing up in the image needs no turn to reach 90°.
        let r = rotation_between((0.0, 10.0), (0.0, 0.0), std::f32::consts::FRAC_PI_2);
        assert!(r.abs() < 1e-6, "{r}");
        assert!(
            (normalize_angle(2.5 * std::f32::consts::PI) - 0.5 * std::f32::consts::PI).abs() < 1e-5
        );
    }

    #[test]
    fn crops_letterbox_with_black_or_replicate_and_flip() {
        // 4x2 RGB, left half red, right half blue.
        let mut buf = Vec::new();
        for _ in 0..2 {
            buf.extend([255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255]);
        }
        let f = FrameView::new(&buf, 4, 2, 12, PixelFormat::Rgb8).unwrap();
        let roi = Roi::letterbox(4, 2);
        let mut out = Vec::new();
        crop_area_rect(&f, &roi, (4, 4), Norm::UNIT, &mut out);
        assert_eq!(out.len(), 4 * 4 * 3);
        // Detector crops: row 0 is padding (black); row 1 starts red and ends blue.
        assert_eq!(&out[0..3], &[0.0, 0.0, 0.0]);
        assert_eq!(&out[12..15], &[1.0, 0.0, 0.0]);
        assert_eq!(&out[21..24], &[0.0, 0.0, 1.0]);
        // Landmark crops repeat the edge instead.
        crop(&f, &roi, 4, Norm::UNIT, false, &mut out);
        assert_eq!(&out[0..3], &[1.0, 0.0, 0.0]);
        assert_eq!(&out[12..15], &[1.0, 0.0, 0.0]);
        crop(&f, &roi, 4, Norm::UNIT, true, &mut out);
        assert_eq!(&out[12..15], &[0.0, 0.0, 1.0]);
    }

    #[test]
    fn a_letterbox_of_the_frames_aspect_has_no_padding_a_square_one_does() {
        // 8x4 RGB, all white.
        let buf = [255_u8; 8 * 4 * 3];
        let f = FrameView::new(&buf, 8, 4, 24, PixelFormat::Rgb8).unwrap();
        let wide = Roi::letterbox_aspect(8, 4, 2.0);
        assert_eq!((wide.w, wide.h), (8.0, 4.0));
        let mut out = Vec::new();
        crop_area_rect(&f, &wide, (4, 2), Norm::UNIT, &mut out);
        assert_eq!(out.len(), 4 * 2 * 3);
        assert!(out.iter().all(|&v| (v - 1.0).abs() < 1e-5), "{out:?}");
        // Into a square input: the first and last rows are padding (black).
        let square = Roi::letterbox_aspect(8, 4, 1.0);
        assert_eq!((square.w, square.h), (8.0, 8.0));
        crop_area_rect(&f, &square, (4, 4), Norm::UNIT, &mut out);
        let row = |r: usize| &out[r * 12..(r + 1) * 12];
        assert!(row(0).iter().chain(row(3)).all(|&v| v == 0.0), "{out:?}");
        assert!(row(1).iter().chain(row(2)).all(|&v| v > 0.99), "{out:?}");
        // A tall frame is padded left and right.
        let tall = Roi::letterbox_aspect(10, 20, 2.0);
        assert_eq!((tall.w, tall.h), (40.0, 20.0));
    }

    #[test]
    fn around_points_makes_a_square() {
        let pts = [(0.0, 0.0), (10.0, 0.0), (10.0, 20.0), (0.0, 20.0)];
        let r = Roi::around_points(&pts, 0.0, 1.5, 0.0);
        assert_eq!((r.cx, r.cy, r.w, r.h), (5.0, 10.0, 30.0, 30.0));
    }
}
