//! A test hook for the real-app end-to-end test: native file dialogs cannot be driven through
//! WebDriver, so when `LANTERN_STUDIO_TEST_DIALOGS` names a JSON file, each dialog takes its
//! answer from it instead of opening (`{"folder": "/p", "files": ["/a.png"], "photo": "/f.jpg",
//! "video": "/v.mp4", "save": "/out.zip"}`). Unset (always, outside tests), dialogs open.

use crate::error::{ErrorCode, IpcError};

/// The environment variable naming the answers file.
pub const TEST_DIALOGS_ENV: &str = "LANTERN_STUDIO_TEST_DIALOGS";

/// The scripted answer for the dialog `kind`, or `None` to open the real dialog.
#[tauri::command(async)]
pub fn test_dialog_answer(kind: String) -> Result<Option<serde_json::Value>, IpcError> {
    let Some(path) = std::env::var_os(TEST_DIALOGS_ENV).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let path = std::path::PathBuf::from(path);
    let text = std::fs::read(&path).map_err(|e| IpcError::io("cannot read", &path, &e))?;
    let answers: serde_json::Value = serde_json::from_slice(&text).map_err(|e| {
        IpcError::new(
            ErrorCode::Document,
            format!("{} (${TEST_DIALOGS_ENV}): not JSON: {e}", path.display()),
        )
    })?;
    Ok(answers.get(&kind).cloned())
}
