//! Face detection with MediaPipe's BlazeFace: short range (128x128 input) or full range
//! (192x192, [`Range`]).
//!
//! The frame is letterboxed into the input (RGB in -1..1); the anchors (896 short range, 2304
//! full range) are decoded,
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

/// Which BlazeFace: short range (faces near the camera, 128x128) or full range (faces down to a
/// few pixels of its 192x192 input: far faces, groups; [`crate::detect::far`] tiles it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Range {
    Short,
    Full,
}

impl Range {
    /// The model file, input size, anchors and MediaPipe's minimum score.
    fn setup(self) -> (&'static str, usize, Vec<ssd::Anchor>, f32) {
        match self {
            Self::Short => (MODEL, SIZE, ssd::anchors(SIZE), 0.5),
            // face_detection_full_range_common.pbtxt: one layer, stride 4 (48x48, one anchor a
            // cell), min_score_thresh 0.6.
            Self::Full => (
                FULL_RANGE_MODEL,
                FULL_SIZE,
                ssd::grid_anchors(FULL_SIZE, 4, 1),
                0.6,
            ),
        }
    }
}

/// The full-range model (MediaPipe ships it only as a sparse `.tflite`).
pub const FULL_RANGE_MODEL: &str = "mp_face_detection_full_range.onnx";
const FULL_SIZE: usize = 192;

/// BlazeFace with its anchors and input buffer.
#[derive(Debug)]
pub struct FaceDetector {
    model: OnnxModel,
    size: usize,
    anchors: Vec<ssd::Anchor>,
    input: Vec<f32>,
    /// Minimum score, 0..1.
    pub threshold: f32,
}

impl FaceDetector {
    pub fn new(models: &Models, threads: usize) -> Result<Self, TrackError> {
        Self::with_range(models, Range::Short, threads)
    }

    pub fn with_range(models: &Models, range: Range, threads: usize) -> Result<Self, TrackError> {
        let (file, size, anchors, threshold) = range.setup();
        Ok(Self {
            model: OnnxModel::load(models, file, threads)?,
            size,
            anchors,
            input: Vec::new(),
            threshold,
        })
    }

    /// Every face found in the whole frame, best first.
    pub fn detect(&mut self, frame: &FrameView<'_>) -> Result<Vec<FaceDetection>, TrackError> {
        let lb = Roi::detector_letterbox(frame.width(), frame.height());
        self.detect_in(frame, &lb)
    }

    /// Every face found inside `region` (an upright square, in the geometry of
    /// [`roi::crop_corners`]), best first, in frame pixels.
    pub fn detect_in(
        &mut self,
        frame: &FrameView<'_>,
        region: &Roi,
    ) -> Result<Vec<FaceDetection>, TrackError> {
        let size = self.size;
        roi::crop_corners(
            frame,
            region,
            (size, size),
            Norm::SIGNED,
            Sampling::Bilinear,
            &mut self.input,
        );
        let out = self.model.run(&self.input, &[1, size, size, 3])?;
        let n = self.anchors.len();
        let name = self.model.name();
        expect_outputs(name, &out, &[n.min(out.first().map_or(0, Vec::len)), 0])?;
        let (raw, logits) = split_outputs(&out, n * 16, n).ok_or_else(|| TrackError::Output {
            model: name,
            detail: format!("expected outputs of {} and {n} values", n * 16),
        })?;
        let dets = ssd::decode(raw, logits, &self.anchors, size as f32, 6, self.threshold);
        Ok(ssd::weighted_nms(dets, 0.3)
            .into_iter()
            .map(|d| in_frame(&d, region))
            .collect())
    }
}

/// A detection in `region`'s normalised coordinates, in frame pixels.
fn in_frame(d: &ssd::Detection, region: &Roi) -> FaceDetection {
    let (x0, y0) = region.norm_to_frame(d.cx - d.w / 2.0, d.cy - d.h / 2.0);
    let mut kps = [(0.0, 0.0); 6];
    for (k, p) in kps.iter_mut().zip(&d.keypoints) {
        *k = region.norm_to_frame(p.0, p.1);
    }
    FaceDetection {
        score: d.score,
        x: x0,
        y: y0,
        w: d.w * region.w,
        h: d.h * region.h,
        keypoints: kps,
    }
}

/// Finds the output of `a` values and the one of `b` values, whatever their order.
pub(crate) fn split_outputs(out: &[Vec<f32>], a: usize, b: usize) -> Option<(&[f32], &[f32])> {
    let fa = out.iter().find(|v| v.len() == a)?;
    let fb = out.iter().find(|v| v.len() == b)?;
    Some((fa, fb))
}
