//! The capability manifest: which trackers an effect needs, derived from its content.
//!
//! Nobody writes this by hand: [`derive`] walks the layers and triggers. The engine runs only
//! what the manifest asks for (no hand model for a face-only effect, no segmentation unless a
//! background layer exists), which is most of the CPU budget on a machine without a GPU.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::format::{Effect, HandSelect, Layer, When};
use crate::vocab::{FaceAnchor, FaceEventKind, Gesture};

/// What an effect needs from tracking.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub struct Capabilities {
    /// Face detection (boxes, found/lost).
    pub face: bool,
    /// The face landmark mesh (anchors, expressions, head pose).
    pub face_mesh: bool,
    /// Iris refinement (eye anchors, blinks).
    pub iris: bool,
    /// Hand landmarks.
    pub hands: bool,
    /// Something follows a hand's landmarks: a hand prop, or a script whose source names
    /// `landmarks` (set by [`crate::Package::capabilities`], which reads it): they are needed on
    /// every frame. Otherwise hands only feed gestures and boxes, and the tracker runs them at a
    /// lower rate.
    #[serde(default)]
    pub hand_anchors: bool,
    /// Gesture classification on top of hand landmarks.
    pub gestures: Vec<Gesture>,
    /// Person segmentation.
    pub segmentation: bool,
    /// Faces to track at most.
    pub max_faces: u32,
    /// Hands to track at most.
    pub max_hands: u32,
    /// The effect runs a script (which may read any tracking data it is given).
    pub script: bool,
}

/// Derive the manifest from an effect's content.
pub fn derive(effect: &Effect) -> Capabilities {
    let mut caps = Capabilities {
        script: effect.script.is_some(),
        ..Capabilities::default()
    };
    let need_faces = |caps: &mut Capabilities, face: Option<u32>| {
        caps.face = true;
        let n = face.map_or(effect.meta.budgets.max_faces, |i| i.saturating_add(1));
        caps.max_faces = caps.max_faces.max(n);
    };
    let mut hands_seen: Vec<HandSelect> = Vec::new();
    for layer in &effect.layers {
        match layer {
            Layer::FaceProp(p) => {
                need_faces(&mut caps, p.face);
                caps.face_mesh = true;
                caps.iris |= matches!(p.anchor, FaceAnchor::LeftEye | FaceAnchor::RightEye);
            }
            Layer::Beauty(_) => {
                need_faces(&mut caps, None);
                caps.face_mesh = true;
            }
            Layer::HandProp(p) => {
                caps.hands = true;
                caps.hand_anchors = true;
                hands_seen.push(p.hand);
            }
            Layer::Background(_) => caps.segmentation = true,
            Layer::Sticker(_) | Layer::Text(_) | Layer::Particles(_) | Layer::ColorFilter(_) => {}
        }
    }
    for trigger in &effect.triggers {
        match &trigger.when {
            When::Gesture { gesture, hand, .. } => {
                caps.hands = true;
                if !caps.gestures.contains(gesture) {
                    caps.gestures.push(*gesture);
                }
                if gesture.is_two_handed() {
                    hands_seen.extend([HandSelect::Left, HandSelect::Right]);
                } else {
                    hands_seen.push(*hand);
                }
            }
            When::Face { event, face, .. } => {
                need_faces(&mut caps, *face);
                match event {
                    FaceEventKind::Found | FaceEventKind::Lost => {}
                    FaceEventKind::Blink => {
                        caps.face_mesh = true;
                        caps.iris = true;
                    }
                    FaceEventKind::MouthOpen
                    | FaceEventKind::BrowsRaised
                    | FaceEventKind::Nod
                    | FaceEventKind::Shake
                    | FaceEventKind::Smile => caps.face_mesh = true,
                }
            }
            When::Timer { .. } | When::Tap { .. } | When::Command { .. } => {}
        }
    }
    caps.gestures.sort();
    if caps.hands {
        let left = hands_seen.contains(&HandSelect::Left);
        let right = hands_seen.contains(&HandSelect::Right);
        let any = hands_seen.contains(&HandSelect::Any);
        caps.max_hands = if any || (left && right) { 2 } else { 1 };
    }
    caps
}

impl std::fmt::Display for Capabilities {
    /// One line: `face (max 2), faceMesh, hands (max 2; gestures: heart), segmentation`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        if self.face {
            parts.push(format!("face (max {})", self.max_faces));
        }
        if self.face_mesh {
            parts.push("faceMesh".to_owned());
        }
        if self.iris {
            parts.push("iris".to_owned());
        }
        if self.hands {
            let names: Vec<String> = self
                .gestures
                .iter()
                .map(|g| {
                    serde_json::to_value(g)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default()
                })
                .collect();
            let gestures = if names.is_empty() {
                String::new()
            } else {
                format!("; gestures: {}", names.join(", "))
            };
            let anchors = if self.hand_anchors { ", anchors" } else { "" };
            parts.push(format!("hands (max {}{anchors}{gestures})", self.max_hands));
        }
        if self.segmentation {
            parts.push("segmentation".to_owned());
        }
        if self.script {
            parts.push("script".to_owned());
        }
        if parts.is_empty() {
            f.write_str("none (no tracking needed)")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}
