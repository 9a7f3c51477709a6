//! From the model's low-resolution probability map back to the frame: temporal smoothing (in
//! model space, where it is cheap) and bilinear upsampling that undoes the letterbox.
//!
//! The model sees the letterbox rectangle [`Roi`] (the frame centred in a rectangle of the
//! model's aspect). A frame pixel's centre maps to a point of that rectangle, then to model
//! pixels; the map is separable, so one table per axis says which two model pixels each frame
//! column and row blends: every model row is first stretched across the frame's width, then each
//! frame row blends two of those lines.

use crate::roi::Roi;

/// For each of `n_out` frame pixels along one axis: the two model pixels and the weight of the
/// second. `start`/`len`: the letterbox rectangle along this axis in frame pixels; `n_in`: the
/// model's size along it.
fn axis(n_out: u32, start: f32, len: f32, n_in: usize) -> Vec<(usize, usize, f32)> {
    let last = n_in.saturating_sub(1);
    (0..n_out)
        .map(|i| {
            let m = ((i as f32 + 0.5 - start) / len * n_in as f32 - 0.5).clamp(0.0, last as f32);
            let i0 = (m.floor() as usize).min(last);
            let i1 = (i0 + 1).min(last);
            (i0, i1, m - i0 as f32)
        })
        .collect()
}

/// Upsamples the `model` probability map (`mw` x `mh`, 0..1) seen through `roi` to a
/// `fw` x `fh` mask of bytes (255 = person), written into `out`. `lines` is scratch space.
pub(crate) fn upsample(
    model: &[f32],
    (mw, mh): (usize, usize),
    roi: &Roi,
    (fw, fh): (u32, u32),
    lines: &mut Vec<f32>,
    out: &mut Vec<u8>,
) {
    out.clear();
    let n = fw as usize;
    if mw == 0 || mh == 0 || model.len() < mw * mh {
        out.resize(n * fh as usize, 0);
        return;
    }
    let cols = axis(fw, roi.cx - roi.w * 0.5, roi.w, mw);
    let rows = axis(fh, roi.cy - roi.h * 0.5, roi.h, mh);
    // Each model row stretched across the frame's width, then frame rows blend two of them.
    lines.clear();
    lines.reserve(mh * n);
    for row in model.chunks_exact(mw).take(mh) {
        lines.extend(
            cols.iter()
                .map(|&(c0, c1, tx)| row[c0] + (row[c1] - row[c0]) * tx),
        );
    }
    out.reserve(n * fh as usize);
    for &(r0, r1, ty) in &rows {
        let (a, b) = (&lines[r0 * n..(r0 + 1) * n], &lines[r1 * n..(r1 + 1) * n]);
        out.extend(
            a.iter()
                .zip(b)
                .map(|(&p, &q)| ((p + (q - p) * ty).clamp(0.0, 1.0) * 255.0 + 0.5) as u8),
        );
    }
}

/// Temporal smoothing: blends the new probabilities `cur` into `prev` (which becomes the
/// smoothed map). A pixel keeps `strength * (1 - certainty)` of its previous value, where the
/// certainty of the new value p is `|2p - 1|`: confident pixels follow the frame at once (no
/// lag on motion), undecided ones along the person's edge are damped (no flicker).
pub(crate) fn smooth(prev: &mut [f32], cur: &[f32], strength: f32) {
    let s = if strength.is_finite() {
        strength.clamp(0.0, 1.0)
    } else {
        0.0
    };
    for (p, &c) in prev.iter_mut().zip(cur) {
        let keep = s * (1.0 - (2.0 * c - 1.0).abs().min(1.0));
        *p = c + (*p - c) * keep;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upsampling_undoes_the_letterbox() {
        // A 4x4 model map of a 16x8 frame letterboxed into a square: rows 0 and 3 are padding.
        // Left half person (1), right half background (0).
        let model: Vec<f32> = (0..16).map(|i| if i % 4 < 2 { 1.0 } else { 0.0 }).collect();
        let roi = Roi::letterbox(16, 8);
        let mut out = Vec::new();
        upsample(&model, (4, 4), &roi, (16, 8), &mut Vec::new(), &mut out);
        assert_eq!(out.len(), 16 * 8);
        for y in 0..8 {
            let row = &out[y * 16..(y + 1) * 16];
            assert!(row[..6].iter().all(|&v| v == 255), "{row:?}");
            assert!(row[10..].iter().all(|&v| v == 0), "{row:?}");
            // The edge is blended, and falls from left to right.
            assert!(row.windows(2).all(|w| w[0] >= w[1]), "{row:?}");
        }
    }

    #[test]
    fn a_wide_frame_through_a_wide_model_maps_rows_too() {
        // 2x2 model, top row person: the frame's top half is person.
        let model = [1.0, 1.0, 0.0, 0.0];
        let roi = Roi::letterbox_aspect(8, 4, 2.0);
        let mut out = Vec::new();
        upsample(&model, (2, 2), &roi, (8, 4), &mut Vec::new(), &mut out);
        assert_eq!(&out[..8], &[255; 8]);
        assert_eq!(&out[24..], &[0; 8]);
        // A short model buffer gives an empty mask, not a panic.
        upsample(&model[..1], (2, 2), &roi, (8, 4), &mut Vec::new(), &mut out);
        assert_eq!(out, vec![0; 32]);
    }

    #[test]
    fn smoothing_damps_undecided_pixels_and_follows_confident_ones() {
        let mut prev = vec![0.0, 0.0, 1.0];
        smooth(&mut prev, &[0.5, 1.0, 0.6], 0.8);
        // Undecided: keeps 80% of the previous 0. Confident: jumps to 1. In between: some.
        assert!((prev[0] - 0.1).abs() < 1e-6, "{prev:?}");
        assert!((prev[1] - 1.0).abs() < 1e-6, "{prev:?}");
        assert!(prev[2] > 0.6 && prev[2] < 1.0, "{prev:?}");
        let mut off = vec![0.0, 1.0];
        smooth(&mut off, &[0.5, 0.2], 0.0);
        assert_eq!(off, vec![0.5, 0.2]);
    }
}
