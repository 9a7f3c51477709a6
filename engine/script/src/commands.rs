//! What a script asks of the scene: the [`SceneCommand`]s recorded during one call.
//!
//! Scripts never touch the renderer. Every setter in the JS API (`layer.x = 10`,
//! `lantern.spawnSprite(..)`) appends a command here and updates the runtime's copy of the
//! layer so later reads in the same frame see the write. After the call the host takes the list
//! ([`crate::FrameOutcome::commands`]) and applies it to its scene in order.

use serde::{Deserialize, Serialize};

/// A 2D placement in output-frame pixels: position of the layer's pivot, scale, and rotation in
/// degrees (clockwise, y down).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transform {
    pub x: f32,
    pub y: f32,
    pub scale_x: f32,
    pub scale_y: f32,
    pub rotation: f32,
}

impl Default for Transform {
    fn default() -> Self {
        Self {
            x: 0.0,
            y: 0.0,
            scale_x: 1.0,
            scale_y: 1.0,
            rotation: 0.0,
        }
    }
}

/// Marks a layer or sprite as an interactive hot-zone: the renderer reports its rectangle with
/// this kind and payload in the frame's SEI message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HotZoneSpec {
    /// What kind of thing it is (`redPacket`, `product`, …).
    pub kind: String,
    /// Free-form JSON the player shows or sends back on a tap.
    #[serde(default)]
    pub payload: serde_json::Value,
}

/// One change a script asked for. Applied by the host, in order, after the script call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "camelCase")]
pub enum SceneCommand {
    /// Place a layer or sprite (the whole transform, after the script's edits).
    SetTransform {
        id: String,
        transform: Transform,
    },
    /// Opacity 0..1.
    SetOpacity {
        id: String,
        opacity: f32,
    },
    SetVisible {
        id: String,
        visible: bool,
    },
    /// Replace the text of a text layer.
    SetText {
        id: String,
        text: String,
    },
    /// Start a sequence (frame animation) layer, optionally from a frame and with looping.
    PlaySequence {
        id: String,
        from_frame: Option<u32>,
        looping: Option<bool>,
    },
    StopSequence {
        id: String,
    },
    SeekSequence {
        id: String,
        frame: u32,
    },
    /// Emit `count` particles from a particles layer, at a point (frame pixels) or its own place.
    BurstParticles {
        id: String,
        count: u32,
        at: Option<(f32, f32)>,
    },
    /// Create a sprite instance of a package image asset.
    SpawnSprite {
        asset: String,
        id: String,
        transform: Transform,
        hot_zone: Option<HotZoneSpec>,
    },
    /// Remove a sprite created with `SpawnSprite`.
    DestroySprite {
        id: String,
    },
    /// Mark (or with `None` unmark) a layer or sprite as a hot-zone.
    SetHotZone {
        id: String,
        hot_zone: Option<HotZoneSpec>,
    },
    /// Play one of the layer's keyframe animations from its start.
    PlayAnimation {
        id: String,
        animation: String,
    },
    /// Stop the layer's animation (back to its own values).
    StopAnimation {
        id: String,
    },
    /// Start an `audio` asset (`id`), volume 0..1, looping until stopped.
    PlaySound {
        id: String,
        volume: f32,
        looping: bool,
    },
    /// Stop an `audio` asset started before.
    StopSound {
        id: String,
    },
}

impl SceneCommand {
    /// The layer or sprite the command is about (the sound's asset id for sound commands).
    pub fn target(&self) -> &str {
        match self {
            Self::SetTransform { id, .. }
            | Self::SetOpacity { id, .. }
            | Self::SetVisible { id, .. }
            | Self::SetText { id, .. }
            | Self::PlaySequence { id, .. }
            | Self::StopSequence { id }
            | Self::SeekSequence { id, .. }
            | Self::BurstParticles { id, .. }
            | Self::SpawnSprite { id, .. }
            | Self::DestroySprite { id }
            | Self::SetHotZone { id, .. }
            | Self::PlayAnimation { id, .. }
            | Self::StopAnimation { id }
            | Self::PlaySound { id, .. }
            | Self::StopSound { id } => id,
        }
    }
}
