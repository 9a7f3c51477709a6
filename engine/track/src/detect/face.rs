//! Face detection with MediaPipe's BlazeFace (short range, 128x128 input).
//!
//! The frame is letterboxed into the 128x128 input (RGB in -1..1); 896 anchors are decoded,
//! thresholded and merged by weighted NMS (see [`crate::detect::ssd`]); boxes and the six keypoints
//! (right eye, left eye, nose tip, mouth, right ear, left ear — the person's sides) come back
//! in frame pixels. [`FaceDetection::roi`] is the rotated square the face mesh is run on.

use crate::detect::ssd;
use crate::error::TrackError;
use crate::frame::FrameView;
use crate::models::Models;
use crate::roi::{self, Norm, Roi, Sampling};
use crate::runtime::{OnnxModel, expect_outputs};

/// The model file.
pub const MODEL: &str = "mp_face_detection_short_range.onnx";
const SIZE: usize = 128;

/// One detected face in frame pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct FaceDetection {
    pub score: f32,
    /// Top-left corner and size.
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    /// Right eye, left eye, nose tip, mouth centre, right ear, left ear.
    pub keypoints: [(f32, f32); 6],
}

impl FaceDetection {
    /// The crop the face mesh runs on: the box made square, 1.5x, turned so the eyes are level.
    pub fn roi(&self) -> Roi {
        let rotation = roi::rotation_between(self.keypoints[0], self.keypoints[1], 0.0);
        let side = self.w.max(self.h) * 1.5;
        Roi {
            cx: self.x + self.w * 0.5,
            cy: self.y + self.h * 0.5,
            w: side,
            h: side,
            rotation,
        }
    }
}

/// BlazeFace with its anchors and input buffer.
#[derive(Debug)]
pub struct FaceDetector {
    model: OnnxModel,
    anchors: Vec<ssd::Anchor>,
    input: Vec<f32>,
    /// Minimum score, 0..1.
    pub threshold: f32,
}

impl FaceDetector {
    pub fn new(models: &Models, threads: usize) -> Result<Self, TrackError> {
        Ok(Self {
            model: OnnxModel::load(models, MODEL, threads)?,
            anchors: ssd::anchors(SIZE),
            input: Vec::new(),
            threshold: 0.5,
        })
    }

    /// Every face found, best first.
    pub fn detect(&mut self, frame: &FrameView<'_>) -> Result<Vec<FaceDetection>, TrackError> {
        let lb = Roi::detector_letterbox(frame.width(), frame.height());
        roi::crop_corners(
            frame,
            &lb,
            (SIZE, SIZE),
            Norm::SIGNED,
            Sampling::Bilinear,
            &mut self.input,
        );
        let out = self.model.run(&self.input, &[1, SIZE, SIZE, 3])?;
        let n = self.anchors.len();
        expect_outputs(MODEL, &out, &[n.min(out.first().map_or(0, Vec::len)), 0])?;
        let (raw, logits) = split_outputs(&out, n * 16, n).ok_or_else(|| TrackError::Output {
            model: MODEL,
            detail: format!("expected outputs of {} and {n} values", n * 16),
        })?;
        let dets = ssd::decode(raw, logits, &self.anchors, SIZE as f32, 6, self.threshold);
        Ok(ssd::weighted_nms(dets, 0.3)
            .into_iter()
            .map(|d| {
                let (x0, y0) = lb.norm_to_frame(d.cx - d.w / 2.0, d.cy - d.h / 2.0);
                let mut kps = [(0.0, 0.0); 6];
                for (k, p) in kps.iter_mut().zip(&d.keypoints) {
                    *k = lb.norm_to_frame(p.0, p.1);
                }
                FaceDetection {
                    score: d.score,
                    x: x0,
                    y: y0,
                    w: d.w * lb.w,
                    h: d.h * lb.h,
                    keypoints: kps,
                }
            })
            .collect())
    }
}

/// Finds the output of `a` values and the one of `b` values, whatever their order.
pub(crate) fn split_outputs(out: &[Vec<f32>], a: usize, b: usize) -> Option<(&[f32], &[f32])> {
    let fa = out.iter().find(|v| v.len() == a)?;
    let fb = out.iter().find(|v| v.len() == b)?;
    Some((fa, fb))
}
