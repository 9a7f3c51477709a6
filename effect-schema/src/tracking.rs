//! One frame's tracking result.
//!
//! The tracker produces a [`TrackingFrame`] per video frame; the scene, the script runtime and
//! the encoder's region-of-interest map read it. A *tracking tape* is a `.jsonl` file with one
//! `TrackingFrame` per line, so a render can replay tracking exactly (`lantern render --tracking`).
//!
//! Coordinates are pixels of the frame the tracker saw (`width` x `height`), origin top-left,
//! y down. Depth (`z`) is in the same pixel scale, negative towards the camera (MediaPipe's
//! convention). Angles are degrees.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::vocab::{FaceAnchor, FaceEventKind, Gesture, Handedness, Phase};

/// A point in frame pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Point2 {
    pub x: f32,
    pub y: f32,
}

/// A landmark in frame pixels, with relative depth.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Point3 {
    pub x: f32,
    pub y: f32,
    pub z: f32,
}

/// An axis-aligned rectangle in pixels: top-left corner and size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    /// The centre of the rectangle.
    pub fn center(&self) -> Point2 {
        Point2 {
            x: self.x + self.w * 0.5,
            y: self.y + self.h * 0.5,
        }
    }

    /// Whether `p` lies inside (edges included).
    pub fn contains(&self, p: Point2) -> bool {
        p.x >= self.x && p.y >= self.y && p.x <= self.x + self.w && p.y <= self.y + self.h
    }
}

/// Head orientation in degrees. Yaw > 0: the person turns to their left; pitch > 0: looks up;
/// roll > 0: head tilts clockwise as seen in the image.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct HeadPose {
    pub yaw: f32,
    pub pitch: f32,
    pub roll: f32,
}

/// Continuous expression measures, each normalised to 0..1 (0 = closed / neutral).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct Expressions {
    pub mouth_open: f32,
    pub left_eye_open: f32,
    pub right_eye_open: f32,
    pub brow_raise: f32,
    /// `None` when the tracker cannot judge a smile reliably.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub smile: Option<f32>,
}

/// A discrete face event this frame, with its phase (a nod begins and ends; `found` only begins).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct FaceEvent {
    pub kind: FaceEventKind,
    pub phase: Phase,
}

/// One tracked face.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct Face {
    /// Stable while the face stays in view; a new face gets a new id.
    pub id: u32,
    /// Detection/mesh confidence, 0..1.
    pub score: f32,
    pub bbox: Rect,
    /// Face size in pixels (the distance between the outer eye corners), the scale props follow.
    pub scale: f32,
    pub pose: HeadPose,
    /// The named anchor points, in pixels.
    pub anchors: BTreeMap<FaceAnchor, Point2>,
    pub expressions: Expressions,
    /// Events that changed phase this frame (and `stay` for held expressions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<FaceEvent>>")]
    pub events: Vec<FaceEvent>,
    /// The 468-point face mesh. Tapes may leave it out to stay small.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Point3>>")]
    pub landmarks: Vec<Point3>,
}

/// One tracked hand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct Hand {
    /// Stable while the hand stays in view.
    pub id: u32,
    pub score: f32,
    pub handedness: Handedness,
    pub bbox: Rect,
    /// 21 landmarks in MediaPipe's order (see [`crate::vocab::HandLandmark`]). Updated every
    /// frame when a hand prop follows them or the effect's script names `landmarks`; otherwise
    /// (gestures and boxes only) each hand is re-tracked every other frame.
    pub landmarks: Vec<Point3>,
    /// The one-hand gesture held now, after hysteresis, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub gesture: Option<Gesture>,
}

/// A gesture that changed phase this frame (or is held: `stay`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct GestureEvent {
    pub gesture: Gesture,
    pub phase: Phase,
    /// The hands involved (two for two-hand gestures), by [`Hand::id`].
    pub hand_ids: Vec<u32>,
    /// The handedness for one-hand gestures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub handedness: Option<Handedness>,
}

/// Everything the tracker knows about one frame.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrackingFrame {
    /// Frame index from the start of the source.
    pub frame: u64,
    /// The size of the frame the coordinates refer to.
    pub width: u32,
    pub height: u32,
    pub faces: Vec<Face>,
    pub hands: Vec<Hand>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<GestureEvent>>")]
    pub gestures: Vec<GestureEvent>,
}
