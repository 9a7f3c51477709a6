//! Validate and export the package.

use std::path::PathBuf;

use crate::error::IpcError;
use crate::project::document;
use crate::project::report::{self, ExportReport, PackageReport};

/// Run the package checks on the edited document: problems, warnings, budgets, capabilities.
#[tauri::command(async)]
pub fn check_package(dir: PathBuf, effect: serde_json::Value) -> Result<PackageReport, IpcError> {
    report::check(&dir, &document::from_value(&effect)?)
}

/// Validate, then write the package `.zip` to `out`.
#[tauri::command(async)]
pub fn export_package(
    dir: PathBuf,
    effect: serde_json::Value,
    out: PathBuf,
) -> Result<ExportReport, IpcError> {
    report::export(&dir, &document::from_value(&effect)?, &out)
}
