//! The recent-projects list.

use crate::error::IpcError;
use crate::project::recent::{self, RecentProject};

/// Projects opened before, most recent first.
#[tauri::command(async)]
pub fn recent_projects(app: tauri::AppHandle) -> Result<Vec<RecentProject>, IpcError> {
    Ok(recent::list(&super::config_dir(&app)?))
}

/// Remove a project from the list (not from the disk).
#[tauri::command(async)]
pub fn forget_recent_project(
    app: tauri::AppHandle,
    dir: String,
) -> Result<Vec<RecentProject>, IpcError> {
    recent::forget(&super::config_dir(&app)?, &dir)
}
