//! New, open, save, autosave and recovery of a project.

use std::path::PathBuf;

use crate::error::IpcError;
use crate::project::document::{self, OpenedProject, Saved};
use crate::project::{recent, recovery};

/// Remember a project in the recent list; a failure there must not fail the command.
fn remember(app: &tauri::AppHandle, dir: &str, name: &str) {
    let result = super::config_dir(app).and_then(|config| recent::touch(&config, dir, name));
    if let Err(e) = result {
        tracing::warn!("could not update the recent projects: {e}");
    }
}

/// Create a project folder with a starter `effect.json`.
#[tauri::command(async)]
pub fn new_project(
    app: tauri::AppHandle,
    dir: PathBuf,
    name: String,
) -> Result<OpenedProject, IpcError> {
    let opened = document::create(&dir, &name)?;
    remember(&app, &opened.dir, &opened.effect.meta.name);
    Ok(opened)
}

/// Open a project folder; includes any autosaved edits to offer back.
#[tauri::command(async)]
pub fn open_project(app: tauri::AppHandle, dir: PathBuf) -> Result<OpenedProject, IpcError> {
    let opened = document::open(&dir)?;
    remember(&app, &opened.dir, &opened.effect.meta.name);
    Ok(opened)
}

/// Save the document to `effect.json` (atomically) and drop the recovery file.
#[tauri::command(async)]
pub fn save_project(
    app: tauri::AppHandle,
    dir: PathBuf,
    effect: serde_json::Value,
) -> Result<Saved, IpcError> {
    let effect = document::from_value(&effect)?;
    let saved = document::save(&dir, &effect)?;
    remember(&app, &dir.display().to_string(), &effect.meta.name);
    Ok(saved)
}

/// Autosave unsaved edits to the recovery file beside `effect.json`.
#[tauri::command(async)]
pub fn autosave_project(dir: PathBuf, effect: serde_json::Value) -> Result<(), IpcError> {
    recovery::autosave(&dir, &document::from_value(&effect)?)
}

/// Forget autosaved edits the person chose not to restore.
#[tauri::command(async)]
pub fn discard_recovery(dir: PathBuf) -> Result<(), IpcError> {
    recovery::discard(&dir)
}
