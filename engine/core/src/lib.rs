//! Lantern's engine: the one crate apps (the `lantern` CLI, Lantern Studio) depend on.
//!
//! One frame flows: source frame → [`track`] (faces, hands, gestures) → scene update (triggers,
//! [`script`]) → [`render`] (wgpu composite, hot-zones) → [`media`] (encode with SEI, push).
//! The format it plays is [`schema`]. Each stage lives in its own crate; this facade re-exports
//! them so apps see a single API and never reach past it.
//!
//! - [`driver`]: the one path of a frame — a [`Source`] opened from an [`InputSpec`], the
//!   tracker worker, the [`EffectPlayer`] — that `lantern render`, the push pipeline and the
//!   Studio preview pace each their own way; effects are swapped between two frames there.
//! - [`EffectPlayer`] plays one effect: camera frame + tracking + host events in, pixels and
//!   hot-zones out.
//! - [`scene`] is the effect's live state: layers, triggers, the script's commands.
//! - [`audio`] is the effect's sound: its clips decoded once, music, the scene's sound cues
//!   mixed into the input audio (push, MP4 renders).
//! - [`offline`] renders an effect over a still or a video, frame by frame (`lantern render`).
//! - [`record`] writes rendered frames to a video file off the caller's thread (the Studio's
//!   preview recording).
//! - [`tape`] reads and writes tracking tapes (`.jsonl`), so renders replay tracking exactly.

pub use effect_schema as schema;
pub use lantern_media as media;
pub use lantern_render as render;
pub use lantern_script as script;
pub use lantern_track as track;

pub mod audio;
pub mod driver;
mod error;
pub mod offline;
mod player;
pub mod push;
pub mod record;
pub mod scene;
pub mod tape;
pub mod tracking;

pub use driver::{Driver, DriverOptions, Frame, InputSpec, Source, TrackingSpec};
pub use error::{EngineError, Result};
pub use player::{CameraFrame, EffectPlayer, PlayerInput, PlayerOptions};
pub use push::{Push, PushConfig, PushError};
