//! Faces: the per-face state ([`track`]) and the models and measures it runs on each face.
//!
//! A face is found by a detector ([`crate::detect`]); from then on [`track::FaceTracks`] re-runs
//! the 468-point mesh ([`mesh`]) on the crop its previous mesh gives, the iris model on each eye
//! ([`iris`]), and derives what effects use: anchors, scale and expressions ([`features`]), the
//! head pose ([`pose`]), nods and shakes ([`head_motion`]).

pub(crate) mod features;
pub(crate) mod find;
pub(crate) mod head_motion;
pub(crate) mod iris;
pub(crate) mod mesh;
pub(crate) mod pose;
pub(crate) mod track;
