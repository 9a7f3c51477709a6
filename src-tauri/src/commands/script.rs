//! The script editor: create a script asset from a starter, save a script file.

use std::path::PathBuf;

use crate::error::IpcError;
use crate::project::import::ImportedAsset;
use crate::project::script;

/// Create `scripts/<name>.js` from the starter; returns the asset entry to add.
#[tauri::command(async)]
pub fn create_script(
    dir: PathBuf,
    name: String,
    taken: Vec<String>,
) -> Result<ImportedAsset, IpcError> {
    script::create(&dir, &name, &taken)
}

/// Save the text of the project's script file `path` (atomically).
#[tauri::command(async)]
pub fn save_script(dir: PathBuf, path: String, text: String) -> Result<(), IpcError> {
    script::save(&dir, &path, &text)
}
