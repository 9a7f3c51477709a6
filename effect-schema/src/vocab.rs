//! The shared vocabulary of effects, tracking and scripts.
//!
//! These names appear in `effect.json` (a face prop's anchor, a gesture trigger), in tracking
//! output and in the script API, so they are defined once, here.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A named point on a face that props attach to. Left/right are the *person's* left and right
/// (as MediaPipe names them), not the viewer's.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "camelCase")]
pub enum FaceAnchor {
    Forehead,
    BetweenEyes,
    NoseTip,
    Mouth,
    Chin,
    LeftEye,
    RightEye,
    LeftCheek,
    RightCheek,
}

impl FaceAnchor {
    /// Every anchor, in a stable order.
    pub const ALL: [Self; 9] = [
        Self::Forehead,
        Self::BetweenEyes,
        Self::NoseTip,
        Self::Mouth,
        Self::Chin,
        Self::LeftEye,
        Self::RightEye,
        Self::LeftCheek,
        Self::RightCheek,
    ];

    /// The name used in JSON and scripts.
    pub fn name(self) -> &'static str {
        match self {
            Self::Forehead => "forehead",
            Self::BetweenEyes => "betweenEyes",
            Self::NoseTip => "noseTip",
            Self::Mouth => "mouth",
            Self::Chin => "chin",
            Self::LeftEye => "leftEye",
            Self::RightEye => "rightEye",
            Self::LeftCheek => "leftCheek",
            Self::RightCheek => "rightCheek",
        }
    }
}

/// The 21 hand landmarks, numbered as MediaPipe's hand model outputs them.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "camelCase")]
pub enum HandLandmark {
    Wrist,
    ThumbCmc,
    ThumbMcp,
    ThumbIp,
    ThumbTip,
    IndexMcp,
    IndexPip,
    IndexDip,
    IndexTip,
    MiddleMcp,
    MiddlePip,
    MiddleDip,
    MiddleTip,
    RingMcp,
    RingPip,
    RingDip,
    RingTip,
    PinkyMcp,
    PinkyPip,
    PinkyDip,
    PinkyTip,
    /// The centre of the palm (mean of the wrist and the four finger bases); not a model output.
    PalmCenter,
}

impl HandLandmark {
    /// The index into the model's 21 landmarks, or `None` for derived points.
    pub fn index(self) -> Option<usize> {
        match self {
            Self::PalmCenter => None,
            other => Some(other as usize),
        }
    }
}

/// Which hand. As the person sees it (MediaPipe's handedness after un-mirroring).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub enum Handedness {
    Left,
    Right,
}

/// A hand gesture the tracker recognises. One-hand gestures are reported per hand; two-hand
/// gestures (`heart`, `salute`) are reported once, with both hands.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "camelCase")]
pub enum Gesture {
    OpenPalm,
    Fist,
    Victory,
    ThumbsUp,
    ThumbsDown,
    Ok,
    Pointing,
    Rock,
    Call,
    FingerHeart,
    /// Two hands forming a heart.
    Heart,
    /// The greeting salute: one fist wrapped by the other palm in front of the chest.
    Salute,
}

impl Gesture {
    /// Every gesture, in a stable order.
    pub const ALL: [Self; 12] = [
        Self::OpenPalm,
        Self::Fist,
        Self::Victory,
        Self::ThumbsUp,
        Self::ThumbsDown,
        Self::Ok,
        Self::Pointing,
        Self::Rock,
        Self::Call,
        Self::FingerHeart,
        Self::Heart,
        Self::Salute,
    ];

    /// Whether this gesture needs both hands.
    pub fn is_two_handed(self) -> bool {
        matches!(self, Self::Heart | Self::Salute)
    }
}

/// The phase of a state that lasts (a gesture held, a mouth kept open): it begins once, stays for
/// every frame after, and ends once. Triggers pick the phase they fire on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub enum Phase {
    Begin,
    Stay,
    End,
}

/// Face events and expressions that triggers and scripts can react to.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "camelCase")]
pub enum FaceEventKind {
    Found,
    Lost,
    MouthOpen,
    Blink,
    BrowsRaised,
    Nod,
    Shake,
    Smile,
}
