//! What the tracker runs and how often: the scheduler's knobs.
//!
//! An effect's capability manifest says which trackers it needs (faces, mesh, iris, hands,
//! segmentation); the app turns that into a [`TrackerConfig`]. Detectors run on *detection
//! frames* only — when nothing is tracked, and every `*_detect_every` frames to pick up new
//! faces or hands — and the landmark models follow each tracked object from its previous
//! landmarks on the frames in between. When a frame took longer than `frame_budget_ms`, the
//! next frame skips the optional models (re-detection, iris) and reuses their last results.

use crate::segment::SegmentModel;
use crate::smoothing::SmoothingConfig;

/// The tracker's configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackerConfig {
    /// Track faces at all.
    pub faces: bool,
    /// Most faces tracked, 1..=[`MAX_FACES`]; each face beyond the first costs its mesh and
    /// iris every frame (~2.5 ms on one core; see engine/track/PROGRESS.md).
    pub max_faces: usize,
    /// Far faces and groups: MediaPipe's full-range face detector on the whole frame and on
    /// tiles (`detect::far`), when short range finds nothing (a host sitting back), for groups,
    /// and on stills (see `face::find` for when it runs). Off when its model is missing.
    pub far_faces: bool,
    /// The smallest face (box width, pixels) the far scan's tiles look for: 40 finds faces of
    /// ~40 px in 1280x720 with 3x2 tiles; smaller means more, smaller tiles.
    pub far_min_face: f32,
    /// In video, the far scan runs on every this many detection frames that ask for it.
    pub far_every: u32,
    /// In video, the tiles each far scan covers besides the whole frame (taken in turn); stills
    /// scan them all.
    pub far_tiles_per_scan: usize,
    /// Run the 468-point mesh (anchors, pose and expressions need it).
    pub mesh: bool,
    /// Run the iris model for eye openness (else the mesh's lids are used).
    pub iris: bool,
    /// Track hands.
    pub hands: bool,
    /// When the whole-frame palm scan finds nothing and no hand is tracked, scan squares of
    /// the frame's short side (every 4th such scan): hands down to ~150 px tall in 1280x720.
    pub far_hands: bool,
    pub max_hands: usize,
    /// Use the lite palm and hand models (faster, a little less precise).
    pub lite_hands: bool,
    /// Run the models that have an int8 table (`engine/track/quant/`: the full hand landmark
    /// model) with int8 convolutions: about half the time, landmarks within about half a crop
    /// pixel of float.
    pub int8: bool,
    /// Intra-op threads per model.
    pub threads: usize,
    /// Track hands on a second thread while faces are tracked on the caller's: a frame then
    /// costs the slower of the two instead of their sum (on 2 cores, 19 → ~13 ms per frame).
    pub parallel: bool,
    /// Re-run the face detector every this many frames while faces are tracked.
    pub face_detect_every: u32,
    /// Run each tracked hand's landmarks on every this many frames (hands in turn), holding
    /// its last landmarks in between: 2 when nothing is drawn at the hands and they only feed
    /// gestures (a hand's gesture then updates at 15 Hz, half its landmark cost). 1 = every
    /// frame, as MediaPipe does.
    pub hand_every: u32,
    /// Re-run the palm detector every this many frames while hands are tracked.
    pub palm_detect_every: u32,
    /// While no face (or no hand) is tracked, look for one every this many frames: an empty
    /// scene does not pay a detector on every frame (2 at 30 fps: a new face is found within
    /// 67 ms). 1 = every frame, as MediaPipe does.
    pub empty_detect_every: u32,
    /// Run the iris model every this many frames (its last result is reused in between).
    pub iris_every: u32,
    /// Landmark smoothing; `None` for raw landmarks (still images).
    pub smoothing: Option<SmoothingConfig>,
    /// Frames a gesture or expression must hold before it begins (and be gone before it ends).
    pub min_frames: u32,
    /// Frames per second assumed when the caller gives no timestamps.
    pub fps: f32,
    /// When a frame takes longer than this, the next one skips optional models.
    pub frame_budget_ms: Option<f32>,
    /// Run each landmark model a second time on the crop its first result gives (slower; on
    /// the test photos it moves landmarks away from MediaPipe's, so it is off by default).
    pub refine: bool,
    /// Run the face mesh a second time on the crop its first result gives (the crop the next
    /// frame of a video gets). On in [`Self::still`]: on a photo turned 30–45° the detector's
    /// crop tilts the mesh enough to read a closed mouth as open. MediaPipe's static mode makes
    /// one pass; `bench/mediapipe_compare.py` compares with it off.
    pub refine_faces: bool,
    /// Frames are unrelated images: forget every track before each frame.
    pub independent: bool,
    /// Compute the person mask (background blur/replacement), read with `Tracker::mask`.
    pub segmentation: bool,
    /// Run segmentation every this many frames (the last mask is reused in between; a new
    /// frame size always runs it).
    pub segment_every: u32,
    /// Square, landscape, or by the frame's aspect.
    pub segment_model: SegmentModel,
    /// Temporal smoothing of the mask, 0..1 (0 = off): how much of the last mask an undecided
    /// pixel keeps, so the edges don't flicker.
    pub segment_smoothing: f32,
}

impl Default for TrackerConfig {
    fn default() -> Self {
        Self {
            faces: true,
            max_faces: 4,
            far_faces: true,
            far_min_face: 40.0,
            far_every: 2,
            far_tiles_per_scan: 2,
            mesh: true,
            iris: true,
            hands: true,
            far_hands: true,
            max_hands: 2,
            lite_hands: false,
            int8: true,
            threads: 1,
            parallel: true,
            face_detect_every: 15,
            hand_every: 1,
            palm_detect_every: 10,
            empty_detect_every: 2,
            iris_every: 1,
            smoothing: Some(SmoothingConfig::default()),
            min_frames: 3,
            fps: 30.0,
            frame_budget_ms: None,
            refine: false,
            refine_faces: false,
            independent: false,
            segmentation: false,
            segment_every: 1,
            segment_model: SegmentModel::Auto,
            segment_smoothing: 0.6,
        }
    }
}

/// The most faces the tracker follows.
pub const MAX_FACES: usize = 8;

/// A configuration the tracker cannot run.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "max_faces is {0}: the tracker follows 1 to {MAX_FACES} faces (each one costs its face \
         mesh every frame). Fix: ask for {MAX_FACES} or fewer"
    )]
    MaxFaces(usize),
    #[error("far_min_face is {0}: it must be a width in pixels of at least 8")]
    FarMinFace(f32),
}

impl TrackerConfig {
    /// Whether the tracker can run this configuration.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.faces && !(1..=MAX_FACES).contains(&self.max_faces) {
            return Err(ConfigError::MaxFaces(self.max_faces));
        }
        if self.far_faces && (self.far_min_face.is_nan() || self.far_min_face < 8.0) {
            return Err(ConfigError::FarMinFace(self.far_min_face));
        }
        Ok(())
    }

    /// For independent still images: no smoothing (landmarks or mask), states fire on the first
    /// frame, one hand landmark pass per detection (as MediaPipe's static mode: a second pass
    /// on the crop the first one gives moves hand landmarks 2–5 px away from MediaPipe's), two
    /// face mesh passes (`refine_faces`).
    pub fn still() -> Self {
        Self {
            refine_faces: true,
            smoothing: None,
            min_frames: 1,
            independent: true,
            face_detect_every: 1,
            palm_detect_every: 1,
            empty_detect_every: 1,
            segment_smoothing: 0.0,
            ..Self::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_to_eight_faces_and_a_sane_far_face_size_are_valid() {
        for n in 1..=MAX_FACES {
            let cfg = TrackerConfig {
                max_faces: n,
                ..TrackerConfig::default()
            };
            assert!(cfg.validate().is_ok(), "{n}");
        }
        for n in [0, 9, 100] {
            let cfg = TrackerConfig {
                max_faces: n,
                ..TrackerConfig::still()
            };
            let err = cfg
                .validate()
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(err.contains(&format!("max_faces is {n}")), "{err}");
        }
        for size in [f32::NAN, 0.0, 7.9] {
            let cfg = TrackerConfig {
                far_min_face: size,
                ..TrackerConfig::default()
            };
            assert!(cfg.validate().is_err(), "{size}");
        }
        // Faces off: their settings do not matter.
        let cfg = TrackerConfig {
            faces: false,
            max_faces: 0,
            ..TrackerConfig::default()
        };
        assert!(cfg.validate().is_ok());
    }
}
