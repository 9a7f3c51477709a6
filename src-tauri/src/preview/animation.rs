//! The timeline's hold on the preview: scrubbing poses a layer's clip at a time, Play plays it
//! from its start, Stop lets the layer go. The newest request waits in a one-slot mailbox; a pose
//! is applied again after each document swap, so editing a key while scrubbing keeps showing the
//! pose being edited (a played clip is not: the edited effect starts over as it would).

use lantern_engine::scene::Scene;
use serde::Deserialize;
use ts_rs::TS;

/// What the timeline asks of the preview.
#[derive(Clone, Debug, PartialEq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum AnimationRequest {
    /// Hold `layer`'s clip `animation` paused at `seconds` into it (scrubbing).
    Pose {
        layer: String,
        animation: String,
        seconds: f32,
    },
    /// Play `layer`'s clip `animation` from its start.
    Play { layer: String, animation: String },
    /// Stop `layer`'s clip: it is back to its own values.
    Stop { layer: String },
}

impl AnimationRequest {
    /// Applies the request to the scene on frame `index`; the engine's message when the layer or
    /// clip is unknown.
    pub fn apply(&self, scene: &mut Scene, index: u64) -> Result<(), String> {
        match self {
            Self::Pose {
                layer,
                animation,
                seconds,
            } => scene.pose_animation(layer, animation, *seconds),
            Self::Play { layer, animation } => scene.play_animation(layer, animation, index),
            Self::Stop { layer } => scene.stop_animation(layer),
        }
    }

    /// Whether the request holds across document swaps (only a pose does).
    pub fn holds(&self) -> bool {
        matches!(self, Self::Pose { .. })
    }
}
