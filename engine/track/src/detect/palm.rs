//! Palm detection (MediaPipe palm detector, 192x192 input, RGB 0..1, 2016 anchors).
//!
//! Like the face detector it runs on a letterboxed copy of the frame. To find a second hand
//! that the first pass merged away or scored low (the two halves of a two-hand heart), it can
//! run again with the hands already found blacked out and a lower threshold ([`PalmDetector::detect`]
//! with `exclude`). [`PalmDetection::roi`] is the rotated square the hand model runs on.

use crate::detect::face::split_outputs;
use crate::detect::ssd;
use crate::error::TrackError;
use crate::frame::FrameView;
use crate::models::Models;
use crate::roi::{self, Norm, Roi, Sampling};
use crate::runtime::OnnxModel;

/// The model files (full and lite).
pub const MODEL_FULL: &str = "mp_palm_detection_full.onnx";
pub const MODEL_LITE: &str = "mp_palm_detection_lite.onnx";
const SIZE: usize = 192;

/// One palm in frame pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct PalmDetection {
    pub score: f32,
    pub cx: f32,
    pub cy: f32,
    pub w: f32,
    pub h: f32,
    /// Seven keypoints: 0 wrist, 1..=2 index and middle finger bases, ... (MediaPipe's order).
    pub keypoints: [(f32, f32); 7],
}

impl PalmDetection {
    /// The hand crop: turned so wrist → middle-finger base points up, shifted towards the
    /// fingers by half the palm, 2.6x the palm (MediaPipe's palm-to-hand transformation).
    pub fn roi(&self) -> Roi {
        let rotation = roi::rotation_between(
            self.keypoints[0],
            self.keypoints[2],
            std::f32::consts::FRAC_PI_2,
        );
        let (s, c) = rotation.sin_cos();
        let shift = -0.5 * self.h;
        let side = self.w.max(self.h) * 2.6;
        Roi {
            cx: self.cx - shift * s,
            cy: self.cy + shift * c,
            w: side,
            h: side,
            rotation,
        }
    }
}

/// The palm detector.
#[derive(Debug)]
pub struct PalmDetector {
    model: OnnxModel,
    anchors: Vec<ssd::Anchor>,
    input: Vec<f32>,
    /// Minimum score of the first pass.
    pub threshold: f32,
}

impl PalmDetector {
    pub fn new(models: &Models, file: &'static str, threads: usize) -> Result<Self, TrackError> {
        Ok(Self {
            model: OnnxModel::load(models, file, threads)?,
            anchors: ssd::anchors(SIZE),
            input: Vec::new(),
            threshold: 0.5,
        })
    }

    /// Palms scoring at least `threshold`, best first; pixels inside the `exclude` rectangles
    /// (frame pixels, rotated) are blacked out first.
    pub fn detect(
        &mut self,
        frame: &FrameView<'_>,
        exclude: &[Roi],
        threshold: f32,
    ) -> Result<Vec<PalmDetection>, TrackError> {
        let lb = Roi::detector_letterbox(frame.width(), frame.height());
        self.detect_in(frame, lb, exclude, threshold)
    }

    /// Palms in squares of the frame's short side (two for a 16:9 frame, overlapping), each
    /// shrunk less than the whole frame is: hands too small for the whole-frame scan (a hand
    /// ~150 px tall in 1280x720) are found. Duplicates across squares are dropped.
    pub fn detect_zoomed(
        &mut self,
        frame: &FrameView<'_>,
        threshold: f32,
    ) -> Result<Vec<PalmDetection>, TrackError> {
        let (w, h) = (frame.width() as f32, frame.height() as f32);
        let side = w.min(h);
        // At most three squares, whatever the frame's shape (a 16:9 frame needs two).
        let count = ((w.max(h) / side).ceil() as usize).min(3);
        if count < 2 {
            return Ok(Vec::new());
        }
        let mut all = Vec::new();
        for i in 0..count {
            // Evenly spaced from one end to the other; corner on pixel centres (see
            // `Roi::detector_letterbox`).
            let offset = (w.max(h) - side) * i as f32 / (count - 1) as f32;
            let (cx, cy) = if w >= h {
                (offset + side / 2.0, h / 2.0)
            } else {
                (w / 2.0, offset + side / 2.0)
            };
            let square = Roi {
                cx: cx + 0.5,
                cy: cy + 0.5,
                w: side,
                h: side,
                rotation: 0.0,
            };
            all.extend(self.detect_in(frame, square, &[], threshold)?);
        }
        all.sort_by(|a, b| b.score.total_cmp(&a.score));
        let mut kept: Vec<PalmDetection> = Vec::new();
        for d in all {
            let inside = |k: &PalmDetection| {
                (d.cx - k.cx).abs() < k.w.max(d.w) / 2.0 && (d.cy - k.cy).abs() < k.h.max(d.h) / 2.0
            };
            if !kept.iter().any(inside) {
                kept.push(d);
            }
        }
        Ok(kept)
    }

    /// Palms inside `lb` (a square in the detector geometry of [`roi::crop_corners`]).
    fn detect_in(
        &mut self,
        frame: &FrameView<'_>,
        lb: Roi,
        exclude: &[Roi],
        threshold: f32,
    ) -> Result<Vec<PalmDetection>, TrackError> {
        roi::crop_corners(
            frame,
            &lb,
            (SIZE, SIZE),
            Norm::UNIT,
            Sampling::Area,
            &mut self.input,
        );
        if !exclude.is_empty() {
            for v in 0..SIZE {
                for u in 0..SIZE {
                    let (x, y) = lb.norm_to_frame(u as f32 / SIZE as f32, v as f32 / SIZE as f32);
                    let inside = exclude.iter().any(|r| {
                        let (a, b) = r.frame_to_norm(x, y);
                        (0.0..=1.0).contains(&a) && (0.0..=1.0).contains(&b)
                    });
                    if inside {
                        let i = (v * SIZE + u) * 3;
                        self.input[i..i + 3].fill(0.0);
                    }
                }
            }
        }
        let out = self.model.run(&self.input, &[1, SIZE, SIZE, 3])?;
        let n = self.anchors.len();
        let (raw, logits) = split_outputs(&out, n * 18, n).ok_or_else(|| TrackError::Output {
            model: self.model.name(),
            detail: format!("expected outputs of {} and {n} values", n * 18),
        })?;
        let dets = ssd::decode(raw, logits, &self.anchors, SIZE as f32, 7, threshold);
        Ok(ssd::weighted_nms(dets, 0.3)
            .into_iter()
            .map(|d| {
                let (cx, cy) = lb.norm_to_frame(d.cx, d.cy);
                let mut kps = [(0.0, 0.0); 7];
                for (k, p) in kps.iter_mut().zip(&d.keypoints) {
                    *k = lb.norm_to_frame(p.0, p.1);
                }
                PalmDetection {
                    score: d.score,
                    cx,
                    cy,
                    w: d.w * lb.w,
                    h: d.h * lb.h,
                    keypoints: kps,
                }
            })
            .collect())
    }
}
