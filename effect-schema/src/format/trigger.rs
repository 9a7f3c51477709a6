//! Triggers and actions: "when this happens, do that".
//!
//! A trigger watches one source (a gesture, a face event, a timer, a tap on a hot-zone, a host
//! command) and runs its actions when it fires. `cooldown` stops it firing again too soon;
//! `hysteresis` makes held states (gestures, expressions) begin and end only after they have held
//! for a number of frames, so a flickering detection does not fire repeatedly.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::HandSelect;
use super::layer::one;
use crate::vocab::{FaceEventKind, Gesture, Phase};

fn begin() -> Phase {
    Phase::Begin
}

/// One trigger.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Trigger {
    pub id: String,
    pub when: When,
    /// Seconds after firing during which the trigger does not fire again.
    #[serde(default)]
    pub cooldown: f32,
    #[serde(default)]
    pub hysteresis: Hysteresis,
    pub actions: Vec<Action>,
}

/// Frames a state must hold before it begins, and be gone before it ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Hysteresis {
    pub begin_frames: u32,
    pub end_frames: u32,
}

impl Default for Hysteresis {
    fn default() -> Self {
        Self {
            begin_frames: 3,
            end_frames: 5,
        }
    }
}

/// What fires a trigger. `on` says which source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "on", rename_all = "camelCase")]
pub enum When {
    /// A hand gesture.
    #[serde(rename_all = "camelCase")]
    Gesture {
        gesture: Gesture,
        #[serde(default)]
        hand: HandSelect,
        #[serde(default = "begin")]
        phase: Phase,
    },
    /// A face event or expression.
    #[serde(rename_all = "camelCase")]
    Face {
        event: FaceEventKind,
        #[serde(default = "begin")]
        phase: Phase,
        /// Which face; absent = any face.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        face: Option<u32>,
    },
    /// Every `every` seconds, first after `after` seconds.
    #[serde(rename_all = "camelCase")]
    Timer {
        every: f32,
        #[serde(default)]
        after: f32,
    },
    /// A viewer tapped a hot-zone: the layer's id, or absent for any zone.
    #[serde(rename_all = "camelCase")]
    Tap {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        layer: Option<String>,
    },
    /// A command from the host (a chat keyword, a gift, a button in the control panel).
    #[serde(rename_all = "camelCase")]
    Command { name: String },
}

/// What a trigger does. `do` says what.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "do", rename_all = "camelCase")]
pub enum Action {
    /// Make a layer visible.
    Show { layer: String },
    /// Hide a layer.
    Hide { layer: String },
    /// Start a layer's sequence where it stopped.
    Play { layer: String },
    /// Pause a layer's sequence.
    Stop { layer: String },
    /// Play a layer's sequence from the first frame.
    Restart { layer: String },
    /// Emit particles from a `particles` layer (its `burst` count unless `count` is given).
    Burst {
        layer: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        count: Option<u32>,
    },
    /// Set a `text` layer's template.
    SetText { layer: String, text: String },
    /// Start one of a layer's animations (`animations` with this `layer` and `name`) from its
    /// first key, replacing the clip the layer was playing.
    Animate { layer: String, animation: String },
    /// Stop a layer's animation: the layer is back to its own values.
    StopAnimation { layer: String },
    /// Start an `audio` asset; several may play at once, each sound id once.
    #[serde(rename_all = "camelCase")]
    PlaySound {
        sound: String,
        /// 0..1.
        #[serde(default = "one")]
        volume: f32,
        /// Repeat until a `stopSound`.
        #[serde(default, rename = "loop")]
        looping: bool,
    },
    /// Stop a sound started by `playSound` (or a script).
    StopSound { sound: String },
    /// Send an event to the script (`effect.on(name, data)`).
    ScriptEvent {
        name: String,
        #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
        #[ts(optional, as = "Option<serde_json::Value>")]
        data: serde_json::Value,
    },
}

impl Action {
    /// The layer the action targets, if any.
    pub fn layer(&self) -> Option<&str> {
        match self {
            Self::Show { layer }
            | Self::Hide { layer }
            | Self::Play { layer }
            | Self::Stop { layer }
            | Self::Restart { layer }
            | Self::Burst { layer, .. }
            | Self::SetText { layer, .. }
            | Self::Animate { layer, .. }
            | Self::StopAnimation { layer } => Some(layer),
            Self::PlaySound { .. } | Self::StopSound { .. } | Self::ScriptEvent { .. } => None,
        }
    }

    /// The `do` name used in JSON.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Show { .. } => "show",
            Self::Hide { .. } => "hide",
            Self::Play { .. } => "play",
            Self::Stop { .. } => "stop",
            Self::Restart { .. } => "restart",
            Self::Burst { .. } => "burst",
            Self::SetText { .. } => "setText",
            Self::Animate { .. } => "animate",
            Self::StopAnimation { .. } => "stopAnimation",
            Self::PlaySound { .. } => "playSound",
            Self::StopSound { .. } => "stopSound",
            Self::ScriptEvent { .. } => "scriptEvent",
        }
    }
}
