//! Eye contour and iris (MediaPipe iris landmark model, 64x64 eye crops, RGB 0..1).
//!
//! Each eye is cropped square around its two corners (2.3x the corner distance, turned so the
//! corners are level); the person's left eye is mirrored so both look like the eye the model
//! was trained on. Eye openness is the height of the 16-point eyelid contour over its width
//! in the crop (about 0.33 open, 0.13 closed), which sees a closed eye far better than the mesh.

use crate::detect::face::split_outputs;
use crate::error::TrackError;
use crate::face::mesh::Mesh;
use crate::frame::FrameView;
use crate::models::Models;
use crate::roi::{self, Norm, Roi};
use crate::runtime::OnnxModel;

/// The model file.
pub const MODEL: &str = "mp_iris_landmark.onnx";
const SIZE: usize = 64;

/// Mesh corners of the person's right eye (outer, inner) and left eye (inner, outer).
const RIGHT_CORNERS: (usize, usize) = (33, 133);
const LEFT_CORNERS: (usize, usize) = (362, 263);

/// Both eyes' measures.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Eyes {
    /// Lid height over width, person's left and right eye.
    pub left_ratio: f32,
    pub right_ratio: f32,
    /// Iris centres in frame pixels.
    pub left_iris: (f32, f32),
    pub right_iris: (f32, f32),
}

/// The iris model.
#[derive(Debug)]
pub struct Iris {
    model: OnnxModel,
    input: Vec<f32>,
}

fn eye_roi(mesh: &Mesh, corners: (usize, usize)) -> Roi {
    let (a, b) = (mesh.xy(corners.0), mesh.xy(corners.1));
    let rotation = roi::rotation_between(a, b, 0.0);
    let side = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt() * 2.3;
    Roi {
        cx: (a.0 + b.0) * 0.5,
        cy: (a.1 + b.1) * 0.5,
        w: side,
        h: side,
        rotation,
    }
}

impl Iris {
    pub fn new(models: &Models, threads: usize) -> Result<Self, TrackError> {
        Ok(Self {
            model: OnnxModel::load(models, MODEL, threads)?,
            input: Vec::new(),
        })
    }

    /// Runs on both eyes of `mesh`.
    pub fn run(&mut self, frame: &FrameView<'_>, mesh: &Mesh) -> Result<Eyes, TrackError> {
        let (right_ratio, right_iris) = self.eye(frame, &eye_roi(mesh, RIGHT_CORNERS), false)?;
        let (left_ratio, left_iris) = self.eye(frame, &eye_roi(mesh, LEFT_CORNERS), true)?;
        Ok(Eyes {
            left_ratio,
            right_ratio,
            left_iris,
            right_iris,
        })
    }

    fn eye(
        &mut self,
        frame: &FrameView<'_>,
        roi: &Roi,
        flip: bool,
    ) -> Result<(f32, (f32, f32)), TrackError> {
        roi::crop(frame, roi, SIZE, Norm::UNIT, flip, &mut self.input);
        let out = self.model.run(&self.input, &[1, SIZE, SIZE, 3])?;
        let (contour, iris) =
            split_outputs(&out, 71 * 3, 15).ok_or_else(|| TrackError::Output {
                model: MODEL,
                detail: "expected a 213-value eye contour and a 15-value iris output".to_owned(),
            })?;
        let lid = &contour[..16 * 3];
        let (mut x0, mut x1, mut y0, mut y1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
        for p in lid.chunks_exact(3) {
            x0 = x0.min(p[0]);
            x1 = x1.max(p[0]);
            y0 = y0.min(p[1]);
            y1 = y1.max(p[1]);
        }
        let ratio = if x1 > x0 { (y1 - y0) / (x1 - x0) } else { 0.0 };
        let s = SIZE as f32;
        // Model positions put pixel centres at whole numbers (see `Roi::to_frame`): mirrored,
        // column `c` is column `s - 1 - c`.
        let ix = if flip { s - 1.0 - iris[0] } else { iris[0] };
        Ok((ratio, roi.to_frame(ix, iris[1], s)))
    }
}
