//! The top level of `effect.json`: version, metadata, budgets.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Animation, Asset, Layer, Music, Trigger};

/// The format version this build writes and reads (older versions are migrated on read).
pub const FORMAT_VERSION: u32 = 1;

/// A whole effect: the content of `effect.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Effect {
    /// The format version (`1`). Older files are migrated on read; newer ones are refused.
    pub format_version: u32,
    pub meta: Meta,
    /// Every file the effect uses, each with an id that layers and triggers refer to.
    #[serde(default)]
    pub assets: Vec<Asset>,
    /// Layers, drawn in order: the first is at the bottom.
    #[serde(default)]
    pub layers: Vec<Layer>,
    #[serde(default)]
    pub triggers: Vec<Trigger>,
    /// Keyframe clips, each on one layer; `animate` actions and scripts play them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Animation>>")]
    pub animations: Vec<Animation>,
    /// Background music that starts with the effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub music: Option<Music>,
    /// The id of a `script` asset that runs with the effect, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub script: Option<String>,
}

impl Effect {
    /// An effect called `name` with nothing in it yet (version 1.0.0, default budgets).
    pub fn empty(name: &str) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            meta: Meta {
                name: name.to_owned(),
                author: String::new(),
                version: "1.0.0".to_owned(),
                description: String::new(),
                thumbnail: None,
                target_resolution: Resolution::default(),
                budgets: Budgets::default(),
            },
            assets: Vec::new(),
            layers: Vec::new(),
            triggers: Vec::new(),
            animations: Vec::new(),
            music: None,
            script: None,
        }
    }
}

/// Who made the effect and what it is for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Meta {
    pub name: String,
    pub author: String,
    /// The effect's own version, e.g. `1.0.0`.
    pub version: String,
    #[serde(default)]
    pub description: String,
    /// A PNG or JPEG in the package shown in effect pickers (a path relative to the package root).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub thumbnail: Option<String>,
    /// The output size the effect was designed for; placements are relative, so others work too.
    #[serde(default)]
    pub target_resolution: Resolution,
    #[serde(default)]
    pub budgets: Budgets,
}

/// An output size in pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Resolution {
    pub width: u32,
    pub height: u32,
}

impl Default for Resolution {
    fn default() -> Self {
        Self {
            width: 1080,
            height: 1920,
        }
    }
}

/// Limits the effect promises to stay within; `lantern pack` reports against them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Budgets {
    /// Size of the packed `.zip`, bytes.
    pub max_package_bytes: u32,
    /// Decoded texture memory of all images and sequence frames (RGBA8), bytes.
    pub max_texture_bytes: u32,
    /// Live particles across all emitters.
    pub max_particles: u32,
    /// How many faces "all faces" props follow at most.
    pub max_faces: u32,
    /// Decoded length of all `audio` assets together, seconds.
    pub max_audio_seconds: u32,
    /// Decoded size of all `audio` assets together (48 kHz stereo, 32-bit float), bytes.
    pub max_audio_bytes: u32,
}

impl Default for Budgets {
    fn default() -> Self {
        Self {
            max_package_bytes: 20 * 1024 * 1024,
            max_texture_bytes: 128 * 1024 * 1024,
            max_particles: 2000,
            max_faces: 2,
            max_audio_seconds: 120,
            max_audio_bytes: 48 * 1024 * 1024,
        }
    }
}
