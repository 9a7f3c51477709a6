//! The model input: the frame letterboxed into the model's rectangle, RGB in 0..1, padding black.
//!
//! Shrinking (the usual case, 1280x720 into 256x144) is a box filter: each model pixel is the
//! mean of the frame pixels under it, summed separably (the frame rows under a model row into
//! one line, then the columns of that line), so every frame pixel is read once. A frame
//! smaller than the model is sampled bilinearly instead ([`roi::crop_area_rect`]).

use crate::frame::FrameView;
use crate::roi::{self, Norm, Roi};

/// For each of `n_out` model pixels along one axis: the frame pixels under it, clipped to the
/// frame (`a..b`, empty in the padding), and 1 / the unclipped count (padding counts as black).
fn spans(n_out: usize, start: f32, len: f32, n_frame: u32) -> Vec<(usize, usize, f32)> {
    let step = len / n_out as f32;
    let n = i64::from(n_frame);
    (0..n_out)
        .map(|i| {
            let ea = (start + i as f32 * step).round() as i64;
            let eb = ((start + (i + 1) as f32 * step).round() as i64).max(ea + 1);
            let clip = |e: i64| e.clamp(0, n) as usize;
            (clip(ea), clip(eb), 1.0 / (eb - ea) as f32)
        })
        .collect()
}

/// Adds a row of `BPP`-byte pixels to `line` (3 floats per pixel).
fn accumulate<const BPP: usize>(line: &mut [f32], row: &[u8]) {
    for (acc, px) in line.chunks_exact_mut(3).zip(row.chunks_exact(BPP)) {
        acc[0] += f32::from(px[0]);
        acc[1] += f32::from(px[1]);
        acc[2] += f32::from(px[2]);
    }
}

/// Fills `out` with the `mw` x `mh` x 3 NHWC input for `frame` letterboxed into `roi`.
pub(crate) fn letterbox(
    frame: &FrameView<'_>,
    roi: &Roi,
    (mw, mh): (usize, usize),
    line: &mut Vec<f32>,
    out: &mut Vec<f32>,
) {
    if roi.w < mw as f32 || roi.h < mh as f32 {
        roi::crop_area_rect(frame, roi, (mw, mh), Norm::UNIT, out);
        return;
    }
    let (fw, fh) = (frame.width(), frame.height());
    let cols = spans(mw, roi.cx - roi.w * 0.5, roi.w, fw);
    let rows = spans(mh, roi.cy - roi.h * 0.5, roi.h, fh);
    let bpp = frame.format().bytes();
    out.clear();
    out.reserve(mw * mh * 3);
    for &(ya, yb, inv_y) in &rows {
        line.clear();
        line.resize(fw as usize * 3, 0.0);
        for y in ya..yb {
            let row = frame.row(y as u32);
            if bpp == 4 {
                accumulate::<4>(line, row);
            } else {
                accumulate::<3>(line, row);
            }
        }
        for &(xa, xb, inv_x) in &cols {
            let mut sum = [0.0_f32; 3];
            for acc in line[xa * 3..xb * 3].chunks_exact(3) {
                sum[0] += acc[0];
                sum[1] += acc[1];
                sum[2] += acc[2];
            }
            let k = inv_x * inv_y / 255.0;
            out.extend(sum.map(|s| s * k));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::PixelFormat;

    #[test]
    fn the_box_filter_agrees_with_the_sampled_crop_and_pads_black() {
        // A 400x100 RGB gradient into a square 40x40 input: rows 0..15 and 25..40 are padding.
        let (w, h) = (400_u32, 100_u32);
        let mut buf = Vec::new();
        for y in 0..h {
            for x in 0..w {
                buf.extend([(x * 255 / w) as u8, (y * 255 / h) as u8, 200]);
            }
        }
        let f = FrameView::new(&buf, w, h, w as usize * 3, PixelFormat::Rgb8).unwrap();
        let roi = Roi::letterbox(w, h);
        let (mut boxed, mut sampled, mut line) = (Vec::new(), Vec::new(), Vec::new());
        letterbox(&f, &roi, (40, 40), &mut line, &mut boxed);
        roi::crop_area_rect(&f, &roi, (40, 40), Norm::UNIT, &mut sampled);
        assert_eq!(boxed.len(), 40 * 40 * 3);
        assert!(boxed[..15 * 40 * 3].iter().all(|&v| v == 0.0));
        assert!(boxed[25 * 40 * 3..].iter().all(|&v| v == 0.0));
        for (i, (a, b)) in boxed.iter().zip(&sampled).enumerate() {
            let row = i / 120;
            if (16..24).contains(&row) {
                assert!((a - b).abs() < 0.03, "{i}: {a} vs {b}");
            }
        }
        // A frame smaller than the model is sampled, not boxed.
        let tiny = FrameView::new(&buf[..30], 10, 1, 30, PixelFormat::Rgb8).unwrap();
        letterbox(
            &tiny,
            &Roi::letterbox(10, 1),
            (40, 40),
            &mut line,
            &mut boxed,
        );
        assert_eq!(boxed.len(), 40 * 40 * 3);
    }
}
