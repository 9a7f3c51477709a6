//! Keyframe animation: named clips that move, scale, turn, fade and tint a layer over time.
//!
//! An [`Animation`] belongs to one layer (`layer`) and has a `name` unique on that layer; the
//! `animate` action and scripts (`layer.animate(name)`) start it. Each track is a list of
//! [`Key`]s sorted by `time` (seconds from the clip's start); between two keys the value follows
//! the first key's [`Ease`]. Values combine with the layer's own: `position` is added to where
//! the layer sits, `scale` and `opacity` multiply, `rotation` adds, `tint` multiplies the colour.
//! One clip plays on a layer at a time; starting another replaces it.
//!
//! The clock is the frame index over the frames per second, so the same frame always shows the
//! same pose.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Vec2;

/// One named clip on a layer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Animation {
    /// The layer it animates.
    pub layer: String,
    /// The clip's name, unique on its layer (`pop`, `slideIn`, `idle`).
    pub name: String,
    #[serde(default)]
    pub playback: AnimationPlayback,
    /// Start the clip whenever the layer becomes visible (and at start if it is visible).
    #[serde(default)]
    pub autoplay: bool,
    #[serde(default)]
    pub tracks: Tracks,
}

impl Animation {
    /// The clip's length: its last key's time, seconds.
    pub fn duration(&self) -> f32 {
        self.tracks.duration()
    }
}

/// What a clip does once it reaches its last key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub enum AnimationPlayback {
    /// Play once and keep the last key's values.
    #[default]
    Hold,
    /// Play once; then the layer is back to its own values.
    Once,
    /// Start again from the first key.
    Loop,
    /// Play backwards to the first key, then forwards again.
    PingPong,
}

/// The animated properties; a track left out (or empty) leaves that property alone.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Tracks {
    /// Offset from the layer's position, in its placement's units: fractions of the reference
    /// rectangle for frame-placed layers, face sizes for face props, palm widths for hand props.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Key<Vec2>>>")]
    pub position: Vec<Key<Vec2>>,
    /// Multiplies the layer's size.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Key<f32>>>")]
    pub scale: Vec<Key<f32>>,
    /// Degrees clockwise, added to the layer's rotation.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Key<f32>>>")]
    pub rotation: Vec<Key<f32>>,
    /// Multiplies the layer's opacity (0..1).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Key<f32>>>")]
    pub opacity: Vec<Key<f32>>,
    /// Multiplies the layer's colour (`#rrggbb` or `#rrggbbaa`; white leaves it unchanged).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Key<String>>>")]
    pub tint: Vec<Key<String>>,
    /// Text layers: the share of characters shown, 0..1, first to last (a typewriter reveal).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Key<f32>>>")]
    pub reveal: Vec<Key<f32>>,
}

impl Tracks {
    /// The last key's time over every track, seconds.
    pub fn duration(&self) -> f32 {
        let last = |times: &mut dyn Iterator<Item = f32>| times.fold(0.0f32, f32::max);
        [
            last(&mut self.position.iter().map(|k| k.time)),
            last(&mut self.scale.iter().map(|k| k.time)),
            last(&mut self.rotation.iter().map(|k| k.time)),
            last(&mut self.opacity.iter().map(|k| k.time)),
            last(&mut self.tint.iter().map(|k| k.time)),
            last(&mut self.reveal.iter().map(|k| k.time)),
        ]
        .into_iter()
        .fold(0.0, f32::max)
    }

    /// Each track's name and key times, for checks.
    pub fn times(&self) -> [(&'static str, Vec<f32>); 6] {
        fn t<T>(keys: &[Key<T>]) -> Vec<f32> {
            keys.iter().map(|k| k.time).collect()
        }
        [
            ("position", t(&self.position)),
            ("scale", t(&self.scale)),
            ("rotation", t(&self.rotation)),
            ("opacity", t(&self.opacity)),
            ("tint", t(&self.tint)),
            ("reveal", t(&self.reveal)),
        ]
    }
}

/// A value at a time; `ease` shapes the way to the next key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Key<T> {
    /// Seconds from the clip's start (or, in a particle's `overLife`, 0..1 of its life).
    pub time: f32,
    pub value: T,
    #[serde(default)]
    pub ease: Ease,
}

/// How a value travels from one key to the next.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub enum Ease {
    #[default]
    Linear,
    /// Starts slow (cubic).
    EaseIn,
    /// Ends slow (cubic).
    EaseOut,
    /// Starts and ends slow (cubic).
    EaseInOut,
    /// Keeps this key's value until the next key.
    Step,
    /// CSS's `cubic-bezier(x1, y1, x2, y2)`; x1 and x2 in 0..1, y may overshoot.
    CubicBezier([f32; 4]),
    /// A spring settling on the next key: `bounce` 0 (no overshoot) to 0.9 (wobbly).
    Spring(Spring),
}

/// A spring's shape.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Spring {
    /// 0..0.9: how far it overshoots and how often it swings back.
    pub bounce: f32,
}
