//! Lantern's effect package format, and the runtime data that travels beside it.
//!
//! The Rust types here are the single source of truth. From them we generate
//! `effect.schema.json` (schemars) and the TypeScript types the Studio and the viewer use (ts-rs);
//! drift tests fail when a generated file no longer matches.
//!
//! Opening a package: [`package::Package::open`] reads a folder or `.zip` under hard
//! [`package::Limits`] (no path leaves the package; entry count, sizes, compression ratio, image
//! dimensions and frame counts are capped), parses `effect.json`, runs [`migrate`] to bring it to
//! [`format::FORMAT_VERSION`], deserialises it into [`format::Effect`] element by element so every
//! problem is reported with its JSON pointer, then [`validate`] checks ids, references, ranges and
//! the assets themselves. [`capability::derive`] then tells the engine which trackers to run.
//!
//! - [`format`]: the types of `effect.json`.
//! - [`vocab`]: the shared vocabulary — face anchors, hand landmarks, gestures, trigger phases.
//! - [`tracking`]: one frame's tracking result (faces, hands) — produced by the tracker, read by
//!   scripts and the scene, recorded as a "tracking tape" (`.jsonl`, one frame per line).
//! - [`hotzone`]: the interactive rectangles of a frame and the SEI payload that carries them.
//! - [`generate`]: the JSON Schema and TypeScript generated from the types.

pub mod capability;
pub mod diag;
pub mod format;
pub mod generate;
pub mod hotzone;
pub mod migrate;
pub mod package;
pub mod tracking;
pub mod validate;
pub mod vocab;

pub use capability::Capabilities;
pub use diag::Diagnostic;
pub use format::{Effect, FORMAT_VERSION};
pub use package::{Limits, Package, PackageError};
