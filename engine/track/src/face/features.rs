//! What a face mesh means: anchor points, scale and expression measures.
//!
//! Anchors are mesh points (or means of a few) at the places effects attach props. Expression
//! measures are distances between mesh points divided by the face's scale (the outer eye
//! corner distance), mapped linearly to 0..1 between a "neutral" and a "full" ratio measured
//! on real photos; eye openness comes from the iris model when it ran (see [`crate::face::iris`]),
//! else from the mesh lids.

use std::collections::BTreeMap;

use effect_schema::tracking::{Expressions, Point2};
use effect_schema::vocab::FaceAnchor;

use crate::face::iris::Eyes;
use crate::face::mesh::{LEFT_EYE_OUTER, Mesh, RIGHT_EYE_OUTER};

/// Mesh indices used below (MediaPipe's canonical face mesh numbering).
mod idx {
    pub const FOREHEAD: usize = 151;
    pub const BETWEEN_EYES: usize = 168;
    pub const NOSE_TIP: usize = 1;
    pub const UPPER_LIP_INNER: usize = 13;
    pub const LOWER_LIP_INNER: usize = 14;
    pub const MOUTH_RIGHT: usize = 61;
    pub const MOUTH_LEFT: usize = 291;
    pub const CHIN: usize = 152;
    pub const RIGHT_EYE_INNER: usize = 133;
    pub const LEFT_EYE_INNER: usize = 362;
    pub const RIGHT_CHEEK: usize = 205;
    pub const LEFT_CHEEK: usize = 425;
    pub const RIGHT_UPPER_LID: usize = 159;
    pub const RIGHT_LOWER_LID: usize = 145;
    pub const LEFT_UPPER_LID: usize = 386;
    pub const LEFT_LOWER_LID: usize = 374;
    pub const RIGHT_BROW: usize = 105;
    pub const LEFT_BROW: usize = 334;
}

fn dist(a: (f32, f32), b: (f32, f32)) -> f32 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

fn mid(a: (f32, f32), b: (f32, f32)) -> (f32, f32) {
    ((a.0 + b.0) * 0.5, (a.1 + b.1) * 0.5)
}

fn ramp(v: f32, lo: f32, hi: f32) -> f32 {
    ((v - lo) / (hi - lo)).clamp(0.0, 1.0)
}

/// The face's scale in pixels: the distance between the outer eye corners.
pub fn scale(mesh: &Mesh) -> f32 {
    dist(mesh.xy(RIGHT_EYE_OUTER), mesh.xy(LEFT_EYE_OUTER))
}

/// The named anchor points.
pub fn anchors(mesh: &Mesh) -> BTreeMap<FaceAnchor, Point2> {
    let p = |(x, y): (f32, f32)| Point2 { x, y };
    let m = |i| mesh.xy(i);
    BTreeMap::from([
        (FaceAnchor::Forehead, p(m(idx::FOREHEAD))),
        (FaceAnchor::BetweenEyes, p(m(idx::BETWEEN_EYES))),
        (FaceAnchor::NoseTip, p(m(idx::NOSE_TIP))),
        (
            FaceAnchor::Mouth,
            p(mid(m(idx::UPPER_LIP_INNER), m(idx::LOWER_LIP_INNER))),
        ),
        (FaceAnchor::Chin, p(m(idx::CHIN))),
        (
            FaceAnchor::LeftEye,
            p(mid(m(idx::LEFT_EYE_INNER), m(LEFT_EYE_OUTER))),
        ),
        (
            FaceAnchor::RightEye,
            p(mid(m(idx::RIGHT_EYE_INNER), m(RIGHT_EYE_OUTER))),
        ),
        (FaceAnchor::LeftCheek, p(m(idx::LEFT_CHEEK))),
        (FaceAnchor::RightCheek, p(m(idx::RIGHT_CHEEK))),
    ])
}

/// The raw ratios behind [`expressions`], for calibration and debugging.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Ratios {
    pub mouth_gap: f32,
    pub mouth_width: f32,
    pub left_eye: f32,
    pub right_eye: f32,
    pub brow: f32,
    /// Mouth-corner lift: how far the corners sit above the lip centre, over scale.
    pub corner_lift: f32,
}

/// The 3-D outer eye corner distance: like [`scale`], but it does not shrink as the head turns.
fn scale3(mesh: &Mesh) -> f32 {
    let (a, b) = (mesh.points[RIGHT_EYE_OUTER], mesh.points[LEFT_EYE_OUTER]);
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

/// Distance-based ratios of `mesh`; eye ratios from `eyes` when the iris model ran.
pub fn ratios(mesh: &Mesh, eyes: Option<&Eyes>) -> Ratios {
    let s = scale3(mesh).max(1e-3);
    let m = |i| mesh.xy(i);
    let mesh_eye = |up, low, a, b| dist(m(up), m(low)) / dist(m(a), m(b)).max(1e-3);
    let (left_eye, right_eye) = match eyes {
        Some(e) => (e.left_ratio, e.right_ratio),
        None => (
            mesh_eye(
                idx::LEFT_UPPER_LID,
                idx::LEFT_LOWER_LID,
                idx::LEFT_EYE_INNER,
                LEFT_EYE_OUTER,
            ),
            mesh_eye(
                idx::RIGHT_UPPER_LID,
                idx::RIGHT_LOWER_LID,
                idx::RIGHT_EYE_INNER,
                RIGHT_EYE_OUTER,
            ),
        ),
    };
    let brow = (dist(m(idx::LEFT_BROW), m(idx::LEFT_UPPER_LID))
        + dist(m(idx::RIGHT_BROW), m(idx::RIGHT_UPPER_LID)))
        / (2.0 * s);
    // Corner lift measured along the face's own vertical axis (robust to roll).
    let (ex, ey) = (
        m(LEFT_EYE_OUTER).0 - m(RIGHT_EYE_OUTER).0,
        m(LEFT_EYE_OUTER).1 - m(RIGHT_EYE_OUTER).1,
    );
    let s2 = scale(mesh).max(1e-3);
    let (ux, uy) = (-ey / s2, ex / s2); // "down" in face coordinates
    let centre = mid(m(idx::UPPER_LIP_INNER), m(idx::LOWER_LIP_INNER));
    let corners = mid(m(idx::MOUTH_LEFT), m(idx::MOUTH_RIGHT));
    let corner_lift = ((centre.0 - corners.0) * ux + (centre.1 - corners.1) * uy) / s;
    Ratios {
        mouth_gap: dist(m(idx::UPPER_LIP_INNER), m(idx::LOWER_LIP_INNER)) / s,
        mouth_width: dist(m(idx::MOUTH_LEFT), m(idx::MOUTH_RIGHT)) / s,
        left_eye,
        right_eye,
        brow,
        corner_lift,
    }
}

/// Expression measures, 0..1.
///
/// Calibrated on the photos in `shared/media` (iris lid ratio: 0.13 on a closed eye, 0.18–0.26
/// on smiling eyes, 0.30–0.41 open; mouth gap over mouth width: 0.54 open, 0.16–0.29 closed;
/// mouth width over eye distance: 0.87 on a broad smile, 0.55–0.73 otherwise).
pub fn expressions(r: &Ratios, iris: bool) -> Expressions {
    let (eye_lo, eye_hi) = if iris { (0.13, 0.22) } else { (0.18, 0.28) };
    let mouth_ratio = r.mouth_gap / r.mouth_width.max(1e-3);
    Expressions {
        mouth_open: ramp(mouth_ratio, 0.25, 0.60),
        left_eye_open: ramp(r.left_eye, eye_lo, eye_hi),
        right_eye_open: ramp(r.right_eye, eye_lo, eye_hi),
        brow_raise: ramp(r.brow, 0.26, 0.36),
        smile: Some(ramp(r.mouth_width, 0.62, 0.85)),
    }
}
