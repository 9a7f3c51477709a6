//! Autosave: unsaved edits go to a hidden recovery file beside `effect.json`, so a crash, a kill
//! or a closed window loses nothing; the next open offers them back.
//!
//! The recovery file is `.effect.json.recovery` in the project folder. Package readers skip
//! dot-files, so it is never validated or packed. It is written atomically like `effect.json`,
//! removed by a save or by discarding, and only offered when it differs from the saved document.

use std::path::{Path, PathBuf};

use lantern_engine::schema::format::Effect;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::atomic::write_atomic;
use super::document::now_ms;
use crate::error::{ErrorCode, IpcError};

/// The recovery file's name inside the project folder.
pub const RECOVERY_FILE: &str = ".effect.json.recovery";

/// Edits autosaved after the last save.
#[derive(Debug, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Recovery {
    /// When they were autosaved, milliseconds since the Unix epoch.
    pub saved_at_ms: f64,
    pub effect: Effect,
}

fn path(dir: &Path) -> PathBuf {
    dir.join(RECOVERY_FILE)
}

/// Autosave `effect` into the project's recovery file.
pub fn autosave(dir: &Path, effect: &Effect) -> Result<(), IpcError> {
    super::document::require_project(dir)?;
    let recovery = Recovery {
        saved_at_ms: now_ms(),
        effect: effect.clone(),
    };
    let bytes = serde_json::to_vec(&recovery)
        .map_err(|e| IpcError::new(ErrorCode::Document, format!("cannot serialise: {e}")))?;
    write_atomic(&path(dir), &bytes)
}

/// The recovery to offer on open: present, readable, and different from the saved document.
/// An unreadable recovery file (from a different version, or damaged) is ignored and logged.
pub fn read(dir: &Path, saved: &Effect) -> Option<Recovery> {
    let file = path(dir);
    let bytes = std::fs::read(&file).ok()?;
    match serde_json::from_slice::<Recovery>(&bytes) {
        Ok(r) if r.effect != *saved => Some(r),
        Ok(_) => None,
        Err(e) => {
            tracing::warn!(
                "ignoring the unreadable recovery file {}: {e}",
                file.display()
            );
            None
        }
    }
}

/// Forget the recovery file (after a save, or when the person declines to restore it).
pub fn discard(dir: &Path) -> Result<(), IpcError> {
    let file = path(dir);
    match std::fs::remove_file(&file) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(IpcError::io("cannot remove", &file, &e)),
    }
}
