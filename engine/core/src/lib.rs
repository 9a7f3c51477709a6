//! Lantern's engine: the one crate apps (the `lantern` CLI, Lantern Studio) depend on.
//!
//! One frame flows: source frame → [`track`] (faces, hands, gestures) → scene update (triggers,
//! [`script`]) → [`render`] (wgpu composite, hot-zones) → [`media`] (encode with SEI, push).
//! The format it plays is [`schema`]. Each stage lives in its own crate; this facade re-exports
//! them so apps see a single API and never reach past it.
//!
//! - [`EffectPlayer`] plays one effect: camera frame + tracking + host events in, pixels and
//!   hot-zones out. `lantern render`, the push pipeline and the Studio preview all drive it.
//! - [`scene`] is the effect's live state: layers, triggers, the script's commands.
//! - [`offline`] renders an effect over a still or a video, frame by frame (`lantern render`).
//! - [`tape`] reads and writes tracking tapes (`.jsonl`), so renders replay tracking exactly.

pub use effect_schema as schema;
pub use lantern_media as media;
pub use lantern_render as render;
pub use lantern_script as script;
pub use lantern_track as track;

mod error;
pub mod offline;
mod player;
pub mod push;
pub mod scene;
pub mod tape;
pub mod tracking;

pub use error::{EngineError, Result};
pub use player::{CameraFrame, EffectPlayer, PlayerInput, PlayerOptions};
pub use push::{Push, PushConfig, PushError};
