//! Importing files as assets, and reading project files for thumbnails.

use std::path::{Path, PathBuf};

use lantern_engine::schema::format::Resolution;
use lantern_engine::schema::package::paths;
use tauri::ipc::Response;

use crate::error::{ErrorCode, IpcError};
use crate::project::import::{self, Downscale, ImportAs, ImportedAsset, Oversized};

/// The images among `paths` larger than an effect made for `target` can show (nothing copied).
#[tauri::command(async)]
pub fn plan_import(
    paths: Vec<PathBuf>,
    how: Option<ImportAs>,
    target: Option<Resolution>,
) -> Result<Vec<Oversized>, IpcError> {
    import::plan(&paths, how.unwrap_or_default(), target)
}

/// Copy files into the project (those in `downscale` resized) and return their asset entries
/// (ids unique against `taken`).
#[tauri::command(async)]
pub fn import_assets(
    dir: PathBuf,
    paths: Vec<PathBuf>,
    taken: Vec<String>,
    how: Option<ImportAs>,
    downscale: Option<Vec<Downscale>>,
) -> Result<Vec<ImportedAsset>, IpcError> {
    let downscale = downscale.unwrap_or_default();
    import::import_with(&dir, &paths, &taken, how.unwrap_or_default(), &downscale)
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
