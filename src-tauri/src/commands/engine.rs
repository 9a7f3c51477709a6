//! Facts about the engine the Studio runs on.

use serde::Serialize;
use ts_rs::TS;

use crate::error::{ErrorCode, IpcError};

/// What the Studio shows in its status bar.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EngineInfo {
    pub version: String,
    /// Model files found and verified, out of those the engine knows.
    pub models_ok: u32,
    pub models_total: u32,
}

#[tauri::command]
pub fn engine_info() -> Result<EngineInfo, IpcError> {
    let models = lantern_engine::track::Models::discover();
    let status = models
        .status()
        .map_err(|e| IpcError::new(ErrorCode::Models, e))?;
    Ok(EngineInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        models_ok: status.iter().filter(|s| s.result.is_ok()).count() as u32,
        models_total: status.len() as u32,
    })
}
