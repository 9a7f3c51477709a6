//! Sound: background music that plays with the effect, and sounds that actions and scripts start.
//!
//! Audio files are `audio` assets (WAV, OGG/Vorbis, MP3, AAC/M4A), decoded once when the effect
//! loads; their decoded length counts against `maxAudioSeconds` and `maxAudioBytes`. Wherever the
//! effect plays (a push, an MP4 render, the Studio's preview) its sound is mixed with the input's
//! (microphone or file) on the same clock as its frames.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::layer::{one, yes};

/// Background music: one `audio` asset that starts with the effect.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Music {
    /// An `audio` asset id.
    pub sound: String,
    /// 0..1.
    #[serde(default = "one")]
    pub volume: f32,
    /// Start again at the end.
    #[serde(default = "yes", rename = "loop")]
    pub looping: bool,
    /// Seconds to rise from silence at the start.
    #[serde(default)]
    pub fade_in: f32,
    /// Seconds to fall to silence before the end (of each pass when looping).
    #[serde(default)]
    pub fade_out: f32,
    /// The music's gain while the input audio carries speech (0..1; 1 = no ducking).
    #[serde(default = "one")]
    pub duck: f32,
}
