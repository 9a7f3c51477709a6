//! The 468-point face mesh (MediaPipe face landmark model, 192x192 input, RGB 0..1).
//!
//! It runs on a rotated square around the face — from a detection on detection frames, from the
//! previous frame's mesh on tracking frames ([`mesh_roi`]) — and returns the landmarks in frame
//! pixels (z in the same scale) with the face-presence score.

use crate::detect::face::split_outputs;
use crate::detect::ssd::sigmoid;
use crate::error::TrackError;
use crate::frame::FrameView;
use crate::models::Models;
use crate::roi::{self, Norm, Roi};
use crate::runtime::OnnxModel;

/// The model file.
pub const MODEL: &str = "mp_face_landmark.onnx";
const SIZE: usize = 192;
/// Landmarks in the mesh.
pub const POINTS: usize = 468;

/// The person's right eye outer corner and left eye outer corner.
pub const RIGHT_EYE_OUTER: usize = 33;
pub const LEFT_EYE_OUTER: usize = 263;

/// One face's mesh.
#[derive(Clone, Debug, PartialEq)]
pub struct Mesh {
    /// Face presence, 0..1.
    pub score: f32,
    /// 468 points in frame pixels; z relative, same scale, negative towards the camera.
    pub points: Vec<[f32; 3]>,
}

impl Mesh {
    /// The 2-D point `i`.
    pub fn xy(&self, i: usize) -> (f32, f32) {
        let p = self.points[i];
        (p[0], p[1])
    }
}

/// The crop for the next frame, from this frame's mesh (MediaPipe's landmarks-to-ROI).
pub fn mesh_roi(mesh: &Mesh) -> Roi {
    let rotation = roi::rotation_between(mesh.xy(RIGHT_EYE_OUTER), mesh.xy(LEFT_EYE_OUTER), 0.0);
    let pts: Vec<(f32, f32)> = mesh.points.iter().map(|p| (p[0], p[1])).collect();
    Roi::around_points(&pts, rotation, 1.5, 0.0)
}

/// The face landmark model.
#[derive(Debug)]
pub struct FaceMesh {
    model: OnnxModel,
    input: Vec<f32>,
}

impl FaceMesh {
    pub fn new(models: &Models, threads: usize) -> Result<Self, TrackError> {
        Ok(Self {
            model: OnnxModel::load(models, MODEL, threads)?,
            input: Vec::new(),
        })
    }

    /// The mesh inside `roi`.
    pub fn run(&mut self, frame: &FrameView<'_>, roi: &Roi) -> Result<Mesh, TrackError> {
        roi::crop(frame, roi, SIZE, Norm::UNIT, false, &mut self.input);
        let out = self.model.run(&self.input, &[1, SIZE, SIZE, 3])?;
        let (raw, flag) = split_outputs(&out, POINTS * 3, 1).ok_or_else(|| TrackError::Output {
            model: MODEL,
            detail: "expected a 1404-value landmark output and a 1-value face flag".to_owned(),
        })?;
        let s = SIZE as f32;
        let points = raw
            .chunks_exact(3)
            .map(|p| {
                let (x, y) = roi.to_frame(p[0], p[1], s);
                [x, y, roi.scale_len(p[2], s)]
            })
            .collect();
        Ok(Mesh {
            score: sigmoid(flag[0]),
            points,
        })
    }
}
