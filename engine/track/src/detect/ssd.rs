//! SSD anchors, box decoding and weighted non-maximum suppression for MediaPipe's detectors.
//!
//! BlazeFace (128x128) and the palm detector (192x192) share one scheme: anchors on a stride-8
//! grid (2 per cell) and a stride-16 grid (6 per cell), every anchor 1x1; each raw row holds the
//! box centre offset and size followed by keypoint offsets, in input pixels. [`decode`] turns
//! rows above a score threshold into [`Detection`]s in normalised input coordinates and
//! [`weighted_nms`] merges overlapping ones by score-weighted averaging, as MediaPipe does.

/// An anchor centre, normalised to 0..1 of the input.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Anchor {
    pub x: f32,
    pub y: f32,
}

/// Anchors for an input of `size` pixels with MediaPipe's 4-layer (8, 16, 16, 16) strides.
pub fn anchors(size: usize) -> Vec<Anchor> {
    let mut out = grid_anchors(size, 8, 2);
    out.extend(grid_anchors(size, 16, 6));
    out
}

/// Anchors on one grid of `stride` pixels, `per_cell` a cell (MediaPipe's full-range face
/// detector: stride 4 on 192x192, one a cell → 2304).
pub fn grid_anchors(size: usize, stride: usize, per_cell: usize) -> Vec<Anchor> {
    let cells = size.div_ceil(stride.max(1));
    let mut out = Vec::with_capacity(cells * cells * per_cell);
    for y in 0..cells {
        for x in 0..cells {
            let a = Anchor {
                x: (x as f32 + 0.5) / cells as f32,
                y: (y as f32 + 0.5) / cells as f32,
            };
            out.extend(std::iter::repeat_n(a, per_cell));
        }
    }
    out
}

/// A detection in normalised input coordinates (0..1).
#[derive(Clone, Debug, PartialEq)]
pub struct Detection {
    pub score: f32,
    /// Box centre and size.
    pub cx: f32,
    pub cy: f32,
    pub w: f32,
    pub h: f32,
    pub keypoints: Vec<(f32, f32)>,
}

impl Detection {
    fn iou(&self, o: &Self) -> f32 {
        let ix = (self.cx + self.w / 2.0).min(o.cx + o.w / 2.0)
            - (self.cx - self.w / 2.0).max(o.cx - o.w / 2.0);
        let iy = (self.cy + self.h / 2.0).min(o.cy + o.h / 2.0)
            - (self.cy - self.h / 2.0).max(o.cy - o.h / 2.0);
        if ix <= 0.0 || iy <= 0.0 {
            return 0.0;
        }
        let inter = ix * iy;
        inter / (self.w * self.h + o.w * o.h - inter)
    }
}

/// The logistic function, clamped like MediaPipe's score clipping.
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x.clamp(-100.0, 100.0)).exp())
}

/// Decodes raw regressors (`stride` values per anchor) and logits into detections scoring at
/// least `threshold`. `size` is the input size in pixels; `keypoints` the number of keypoints.
pub fn decode(
    raw: &[f32],
    logits: &[f32],
    anchors: &[Anchor],
    size: f32,
    keypoints: usize,
    threshold: f32,
) -> Vec<Detection> {
    let stride = 4 + 2 * keypoints;
    // Positions in the input's corner mapping (see `roi::crop_corners`): t / size.
    let mut out = Vec::new();
    for (i, a) in anchors.iter().enumerate() {
        let Some(&logit) = logits.get(i) else { break };
        let score = sigmoid(logit);
        if score < threshold {
            continue;
        }
        let Some(r) = raw.get(i * stride..(i + 1) * stride) else {
            break;
        };
        let kps = (0..keypoints)
            .map(|k| (r[4 + 2 * k] / size + a.x, r[5 + 2 * k] / size + a.y))
            .collect();
        out.push(Detection {
            score,
            cx: r[0] / size + a.x,
            cy: r[1] / size + a.y,
            w: r[2] / size,
            h: r[3] / size,
            keypoints: kps,
        });
    }
    out
}

/// Merges detections overlapping by more than `iou` into their score-weighted mean.
pub fn weighted_nms(mut dets: Vec<Detection>, iou: f32) -> Vec<Detection> {
    dets.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut out = Vec::new();
    while !dets.is_empty() {
        let top = dets[0].clone();
        let (group, rest): (Vec<Detection>, Vec<Detection>) = dets
            .into_iter()
            .partition(|d| top.iou(d) > iou || *d == top);
        dets = rest;
        let total: f32 = group.iter().map(|d| d.score).sum();
        let mut m = Detection {
            keypoints: vec![(0.0, 0.0); top.keypoints.len()],
            cx: 0.0,
            cy: 0.0,
            w: 0.0,
            h: 0.0,
            ..top
        };
        for d in &group {
            let wgt = d.score / total;
            m.cx += d.cx * wgt;
            m.cy += d.cy * wgt;
            m.w += d.w * wgt;
            m.h += d.h * wgt;
            for (k, p) in m.keypoints.iter_mut().zip(&d.keypoints) {
                k.0 += p.0 * wgt;
                k.1 += p.1 * wgt;
            }
        }
        out.push(m);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_counts_match_the_models() {
        assert_eq!(anchors(128).len(), 896);
        assert_eq!(anchors(192).len(), 2016);
        let a = anchors(128);
        assert!((a[0].x - 1.0 / 32.0).abs() < 1e-6);
        assert_eq!(a[0], a[1]);
    }

    #[test]
    fn the_full_range_grid_has_one_anchor_a_cell() {
        let a = grid_anchors(192, 4, 1);
        assert_eq!(a.len(), 2304);
        assert!((a[0].x - 0.5 / 48.0).abs() < 1e-6 && (a[0].y - 0.5 / 48.0).abs() < 1e-6);
        // Row-major: the 49th anchor starts the second row.
        assert!((a[48].x - a[0].x).abs() < 1e-6 && (a[48].y - 1.5 / 48.0).abs() < 1e-6);
        assert!((a[2303].x - 47.5 / 48.0).abs() < 1e-6);
        // The 2-layer grids are the same cells, repeated.
        assert_eq!(anchors(128)[..512], grid_anchors(128, 8, 2)[..]);
    }

    #[test]
    fn decode_and_merge() {
        let anchors = [
            Anchor { x: 0.5, y: 0.5 },
            Anchor { x: 0.5, y: 0.5 },
            Anchor { x: 0.1, y: 0.1 },
        ];
        let raw = [
            0.0, 0.0, 64.0, 64.0, 1.0, 2.0, //
            12.8, 0.0, 64.0, 64.0, 1.0, 2.0, //
            0.0, 0.0, 10.0, 10.0, 0.0, 0.0,
        ];
        let logits = [5.0, 5.0, -5.0];
        let d = decode(&raw, &logits, &anchors, 128.0, 1, 0.5);
        assert_eq!(d.len(), 2);
        let m = weighted_nms(d, 0.3);
        assert_eq!(m.len(), 1);
        assert!(
            (m[0].cx - 0.55).abs() < 1e-5
                && (m[0].cy - 0.5).abs() < 1e-5
                && (m[0].w - 0.5).abs() < 1e-5,
            "{m:?}"
        );
    }
}
