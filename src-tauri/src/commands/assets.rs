//! Importing files as assets, and reading project files for thumbnails.

use std::path::{Path, PathBuf};

use lantern_engine::schema::package::paths;
use tauri::ipc::Response;

use crate::error::{ErrorCode, IpcError};
use crate::project::import::{self, ImportAs, ImportedAsset};

/// Copy files into the project and return their asset entries (ids unique against `taken`).
#[tauri::command(async)]
pub fn import_assets(
    dir: PathBuf,
    paths: Vec<PathBuf>,
    taken: Vec<String>,
    how: Option<ImportAs>,
) -> Result<Vec<ImportedAsset>, IpcError> {
    import::import(&dir, &paths, &taken, how.unwrap_or_default())
}

/// The bytes of one package file (a thumbnail), sent as raw binary, not JSON.
#[tauri::command(async)]
pub fn read_project_file(dir: PathBuf, path: String) -> Result<Response, IpcError> {
    Ok(Response::new(read_inside(&dir, &path)?))
}

/// Read a package-relative `path` of the project, refusing anything that would leave it.
pub fn read_inside(dir: &Path, path: &str) -> Result<Vec<u8>, IpcError> {
    paths::check(path)
        .map_err(|why| IpcError::new(ErrorCode::Document, format!("\"{path}\": {why}")))?;
    let file = dir.join(path);
    let real = file
        .canonicalize()
        .map_err(|e| IpcError::io("cannot read", &file, &e))?;
    let root = dir
        .canonicalize()
        .map_err(|e| IpcError::io("cannot find the project folder", dir, &e))?;
    if !real.starts_with(&root) || !real.is_file() {
        return Err(IpcError::new(
            ErrorCode::NotFound,
            format!("{}: not a regular file in the project", file.display()),
        ));
    }
    std::fs::read(&file).map_err(|e| IpcError::io("cannot read", &file, &e))
}
