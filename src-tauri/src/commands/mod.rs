//! Tauri commands, one file per domain. Each only translates between IPC and the logic in
//! [`crate::project`] (or the engine); every one returns `Result<_, IpcError>`.
//!
//! The effect document arrives as plain JSON and is parsed by the package format's parser, so a
//! malformed document is an `IpcError` with JSON pointers, never a Tauri argument error.
#![allow(
    clippy::needless_pass_by_value,
    reason = "Tauri deserialises command arguments into owned values"
)]

pub mod assets;
pub mod engine;
pub mod hub;
pub mod live;
pub mod package;
pub mod preview;
pub mod project;
pub mod recent;
pub mod script;
pub mod testing;

use std::path::PathBuf;

use tauri::Manager as _;

use crate::error::{ErrorCode, IpcError};

/// The Studio's config folder (recent projects).
pub(crate) fn config_dir(app: &tauri::AppHandle) -> Result<PathBuf, IpcError> {
    app.path()
        .app_config_dir()
        .map_err(|e| IpcError::new(ErrorCode::Io, format!("no config folder: {e}")))
}
