//! Lantern's effect package format, and the runtime data that travels beside it.
//!
//! The Rust types here are the single source of truth. From them we generate
//! `effect.schema.json` (schemars) and the TypeScript types the Studio and the viewer use (ts-rs);
//! drift tests fail when a generated file no longer matches.
//!
//! - [`vocab`]: the shared vocabulary — face anchors, hand landmarks, gestures, trigger phases.
//! - [`tracking`]: one frame's tracking result (faces, hands) — produced by the tracker, read by
//!   scripts and the scene, recorded as a "tracking tape" (`.jsonl`, one frame per line).
//! - [`hotzone`]: the interactive rectangles of a frame and the SEI payload that carries them.

pub mod hotzone;
pub mod tracking;
pub mod vocab;
