//! A project is a package folder: `effect.json` plus its assets. This file creates, opens and
//! saves the document; [`super::recovery`] keeps the unsaved edits beside it.
//!
//! The front-end sends the document as JSON. It is parsed with the package format's own parser
//! (`validate::parse`), so a malformed document is refused with JSON pointers before it touches
//! the disk. Only shape errors stop a save: a half-built effect (a layer without its asset yet)
//! is still saved, and the package checks report it at export.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use lantern_engine::schema;
use lantern_engine::schema::format::Effect;
use lantern_engine::schema::package::{EFFECT_JSON, effect_json};
use serde::Serialize;
use ts_rs::TS;

use super::atomic::write_atomic;
use super::recovery::{self, Recovery};
use crate::error::{ErrorCode, IpcError};

/// A project as the editor receives it on open.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenedProject {
    /// The project folder, absolute.
    pub dir: String,
    /// `effect.json` as saved.
    pub effect: Effect,
    /// Edits autosaved after the last save (the Studio was closed or crashed): offer to restore.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub recovery: Option<Recovery>,
}

/// When a save landed.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Saved {
    /// Milliseconds since the Unix epoch.
    pub saved_at_ms: f64,
}

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// The starter document of a new project.
pub fn starter(name: &str) -> Effect {
    Effect::empty(name)
}

/// Parse a document, refusing it (with every JSON pointer) if its shape is wrong.
pub fn parse_document(origin: &str, bytes: &[u8]) -> Result<Effect, IpcError> {
    let parsed = schema::validate::parse(EFFECT_JSON, bytes);
    match parsed.effect {
        Some(effect) if parsed.diagnostics.is_empty() => Ok(effect),
        _ => {
            let list: Vec<String> = parsed.diagnostics.iter().map(ToString::to_string).collect();
            Err(IpcError::new(
                ErrorCode::Document,
                format!(
                    "{origin} is not a valid effect document: {}",
                    list.join("; ")
                ),
            ))
        }
    }
}

/// The document the front-end sent, as an [`Effect`].
pub fn from_value(value: &serde_json::Value) -> Result<Effect, IpcError> {
    let bytes = serde_json::to_vec(value)
        .map_err(|e| IpcError::new(ErrorCode::Document, format!("the document: {e}")))?;
    parse_document("the edited document", &bytes)
}

/// `effect.json` as the Studio writes it: pretty, with a final newline.
pub fn to_bytes(effect: &Effect) -> Result<Vec<u8>, IpcError> {
    effect_json(effect)
        .map_err(|e| IpcError::new(ErrorCode::Document, format!("cannot serialise: {e}")))
}

/// Create a project: `dir` must not exist or be an empty folder.
pub fn create(dir: &Path, name: &str) -> Result<OpenedProject, IpcError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(IpcError::new(
            ErrorCode::Document,
            "a project needs a name: type one in the New Project dialog",
        ));
    }
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir)
            .map_err(|e| IpcError::io("cannot use the project folder", dir, &e))?;
        if entries.next().is_some() {
            return Err(IpcError::new(
                ErrorCode::AlreadyExists,
                format!(
                    "{} is not empty: choose a new folder name, or open the project that is there",
                    dir.display()
                ),
            ));
        }
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| IpcError::io("cannot create the project folder", dir, &e))?;
    let effect = starter(name);
    write_atomic(&dir.join(EFFECT_JSON), &to_bytes(&effect)?)?;
    Ok(OpenedProject {
        dir: absolute(dir).display().to_string(),
        effect,
        recovery: None,
    })
}

/// Open a project folder (or the `effect.json` inside one).
pub fn open(path: &Path) -> Result<OpenedProject, IpcError> {
    let dir = if path.file_name().is_some_and(|n| n == EFFECT_JSON) && path.is_file() {
        path.parent().unwrap_or(path)
    } else {
        path
    };
    let file = dir.join(EFFECT_JSON);
    if !file.is_file() {
        return Err(IpcError::new(
            ErrorCode::NotFound,
            format!(
                "{} has no effect.json: open a project folder, or create a new project",
                dir.display()
            ),
        ));
    }
    let bytes = std::fs::read(&file).map_err(|e| IpcError::io("cannot read", &file, &e))?;
    let effect = parse_document(&file.display().to_string(), &bytes)?;
    let recovery = recovery::read(dir, &effect);
    remove_stale_stages(dir);
    Ok(OpenedProject {
        dir: absolute(dir).display().to_string(),
        effect,
        recovery,
    })
}

/// Save the document to `effect.json` atomically, then drop the recovery file it supersedes.
pub fn save(dir: &Path, effect: &Effect) -> Result<Saved, IpcError> {
    require_project(dir)?;
    write_atomic(&dir.join(EFFECT_JSON), &to_bytes(effect)?)?;
    recovery::discard(dir)?;
    Ok(Saved {
        saved_at_ms: now_ms(),
    })
}

/// Remove the `.lantern-stage-*` folders Studio versions that staged the document on disk may
/// have left behind after a crash.
fn remove_stale_stages(project: &Path) {
    let Ok(read) = std::fs::read_dir(project) else {
        return;
    };
    for entry in read.filter_map(Result::ok) {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(".lantern-stage-")
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Refuse a path that is not a project folder (it was moved or deleted while open).
pub fn require_project(dir: &Path) -> Result<(), IpcError> {
    if dir.join(EFFECT_JSON).is_file() {
        Ok(())
    } else {
        Err(IpcError::new(
            ErrorCode::NotFound,
            format!(
                "the project folder {} is gone or has no effect.json (moved or deleted?): \
                 open it again from its new place",
                dir.display()
            ),
        ))
    }
}

fn absolute(dir: &Path) -> PathBuf {
    std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf())
}

#[cfg(test)]
#[path = "document_tests.rs"]
mod tests;
