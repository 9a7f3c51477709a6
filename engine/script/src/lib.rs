//! Sandboxed gameplay scripts on QuickJS.
//!
//! A [`ScriptRuntime`] runs one effect's JavaScript on the frame loop. Each frame the host calls
//! [`ScriptRuntime::frame`] with a read-only [`FrameInput`]: the deterministic clock (frame index,
//! `dt`, time), the frame's [`TrackingFrame`](effect_schema::tracking::TrackingFrame) and the
//! current state of the scene's layers and sprites ([`LayerState`]), plus host events (hot-zone
//! taps, control-panel commands). The runtime turns tracking into events (face found/lost,
//! expressions, gestures), calls the script's handlers (`lantern.on('update', …)`), and returns
//! the [`SceneCommand`]s the script recorded, which the host applies to its scene. The runtime
//! never sees the renderer.
//!
//! Pipeline of one frame:
//! 1. sync the runtime's copy of the layers with the host snapshot; reseed `lantern.random()`
//!    from the package seed and the frame index;
//! 2. under one time budget: `start` (first frame), tracking events, host events, `update`,
//!    then queued promise jobs;
//! 3. hand back the commands and any [`ScriptError`]s (also written to the log).
//!
//! The sandbox: no filesystem, network or process APIs exist (`require`, `fetch`,
//! `XMLHttpRequest` throw a message saying so); ES modules resolve only to the package's own
//! script files ([`loader`]); the interrupt handler enforces the frame budget (an endless loop
//! pauses the script, the host keeps rendering); a heap limit and a stack limit turn allocation
//! bombs and runaway recursion into ordinary exceptions. An exception in a handler is reported
//! with file:line:column and stack and the script keeps running. [`ScriptRuntime::reload`]
//! swaps in new sources and keeps the old script if the new one does not load.
//!
//! The JS API is described once in [`api`]; `lantern.d.ts` is generated from it and a drift test
//! checks it against what the runtime really registers.

pub mod api;
mod commands;
mod config;
#[allow(unsafe_code, reason = "the thread CPU clock through libc")]
mod cputime;
mod engine;
mod error;
pub mod loader;
mod log;
mod native;
mod runtime;
mod snapshot;
mod state;

pub use commands::{HotZoneSpec, SceneCommand, Transform};
pub use config::ScriptConfig;
pub use error::{ErrorKind, LoadError, ScriptError};
pub use loader::Sources;
pub use log::{LogEntry, LogLevel, LogSink};
pub use runtime::{ApiSurface, FrameOutcome, ScriptRuntime, Status};
pub use snapshot::{FrameInput, HostEvent, LayerState, apply_commands};
