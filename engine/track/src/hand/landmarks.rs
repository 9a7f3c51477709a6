//! Hand landmarks (MediaPipe hand landmark model, 224x224 input, RGB 0..1).
//!
//! Runs on the rotated hand crop from a palm detection or, on tracking frames, from the
//! previous frame's landmarks ([`hand_roi`], MediaPipe's landmarks-to-ROI: turned so the wrist
//! → middle of the fingers' middle joints points up, 2x the palm, shifted a little towards the
//! fingers). Returns 21 points in frame pixels, the presence score and the handedness.

use effect_schema::vocab::Handedness;

use crate::detect::ssd::sigmoid;
use crate::error::TrackError;
use crate::frame::FrameView;
use crate::models::Models;
use crate::roi::{self, Norm, Roi};
use crate::runtime::{OnnxModel, Rewrites};

/// The model files (full and lite).
pub const MODEL_FULL: &str = "mp_hand_landmark_full.onnx";
pub const MODEL_LITE: &str = "mp_hand_landmark_lite.onnx";
const SIZE: usize = 224;

/// One hand's landmarks.
#[derive(Clone, Debug, PartialEq)]
pub struct HandLandmarks {
    /// Presence, 0..1.
    pub score: f32,
    /// The model's handedness output: above 0.5 MediaPipe labels the hand "Left", which it
    /// means for a mirrored (selfie) image.
    pub left_mirrored: f32,
    /// 21 points in frame pixels; z relative, same scale.
    pub points: Vec<[f32; 3]>,
}

impl HandLandmarks {
    pub fn xy(&self, i: usize) -> (f32, f32) {
        (self.points[i][0], self.points[i][1])
    }

    /// Axis-aligned bounds (x, y, w, h).
    pub fn bbox(&self) -> (f32, f32, f32, f32) {
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for p in &self.points {
            x0 = x0.min(p[0]);
            y0 = y0.min(p[1]);
            x1 = x1.max(p[0]);
            y1 = y1.max(p[1]);
        }
        (x0, y0, x1 - x0, y1 - y0)
    }
}

/// The person's hand from the (averaged) handedness output, for an un-mirrored image.
pub fn handedness(left_mirrored: f32) -> Handedness {
    if left_mirrored > 0.5 {
        Handedness::Right
    } else {
        Handedness::Left
    }
}

/// The crop for the next frame from this frame's landmarks.
pub fn hand_roi(h: &HandLandmarks) -> Roi {
    let p = |i| h.xy(i);
    let a = ((p(6).0 + p(14).0) * 0.5, (p(6).1 + p(14).1) * 0.5);
    let top = ((a.0 + p(10).0) * 0.5, (a.1 + p(10).1) * 0.5);
    let rotation = roi::rotation_between(p(0), top, std::f32::consts::FRAC_PI_2);
    let palm: Vec<(f32, f32)> = [0, 1, 2, 3, 5, 6, 9, 10, 13, 14, 17, 18]
        .iter()
        .map(|&i| p(i))
        .collect();
    Roi::around_points(&palm, rotation, 2.0, -0.1)
}

/// The hand itself, tight around its 21 points (10% margin): what the palm detector's second
/// pass blacks out. The next frame's crop ([`hand_roi`]) is twice the palm and, in a two-hand
/// heart, covers the other hand too.
pub fn hand_area(h: &HandLandmarks) -> Roi {
    let points: Vec<(f32, f32)> = (0..21).map(|i| h.xy(i)).collect();
    Roi::around_points(&points, hand_roi(h).rotation, 1.1, 0.0)
}

/// The hand landmark model.
#[derive(Debug)]
pub struct HandLandmarker {
    model: OnnxModel,
    input: Vec<f32>,
}

impl HandLandmarker {
    /// `int8`: quantized convolutions where the model has a table (the full model: half the
    /// time, landmarks within about half a crop pixel of float).
    pub fn new(
        models: &Models,
        file: &'static str,
        threads: usize,
        int8: bool,
    ) -> Result<Self, TrackError> {
        let with = Rewrites { prelu: true, int8 };
        Ok(Self {
            model: OnnxModel::load_rewritten(models, file, threads, with)?,
            input: Vec::new(),
        })
    }

    /// The landmarks inside `roi`.
    pub fn run(&mut self, frame: &FrameView<'_>, roi: &Roi) -> Result<HandLandmarks, TrackError> {
        roi::crop(frame, roi, SIZE, Norm::UNIT, false, &mut self.input);
        let out = self.model.run(&self.input, &[1, SIZE, SIZE, 3])?;
        // Outputs: screen landmarks [63], presence [1], handedness [1], world landmarks [63].
        let bad = || TrackError::Output {
            model: self.model.name(),
            detail: "expected outputs of 63, 1, 1 and 63 values".to_owned(),
        };
        if out.len() < 4 || out[0].len() != 63 || out[1].len() != 1 || out[2].len() != 1 {
            return Err(bad());
        }
        let s = SIZE as f32;
        let points = out[0]
            .chunks_exact(3)
            .map(|p| {
                let (x, y) = roi.to_frame(p[0], p[1], s);
                [x, y, roi.scale_len(p[2], s)]
            })
            .collect();
        let prob = |v: f32| {
            if (0.0..=1.0).contains(&v) {
                v
            } else {
                sigmoid(v)
            }
        };
        Ok(HandLandmarks {
            score: prob(out[1][0]),
            left_mirrored: prob(out[2][0]),
            points,
        })
    }
}
