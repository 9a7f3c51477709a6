//! Publish to Lantern Hub and follow the review, over [`crate::project::publish`]. The hub's
//! address and the designer's token are kept in the Studio's config folder (never in a project).
//! The HTTP calls block (up to the client's timeouts), so they run on the async runtime's
//! blocking pool: never on the window's thread, nor on one of the runtime's workers.

use std::path::PathBuf;

use crate::error::{ErrorCode, IpcError};
use crate::project::publish::{self, HubVersion, PublishDefaults, PublishRequest, Published};
use crate::project::{document, hub_settings};

/// What the Publish dialog starts from: the hub, the hubs a token is kept for, the name.
#[tauri::command(async)]
pub fn publish_defaults(
    app: tauri::AppHandle,
    dir: PathBuf,
    title: String,
) -> Result<PublishDefaults, IpcError> {
    Ok(publish::defaults(&super::config_dir(&app)?, &dir, &title))
}

/// Forget the token kept for `hub_url`; returns the hubs a token is still kept for.
#[tauri::command(async)]
pub fn forget_hub_token(app: tauri::AppHandle, hub_url: String) -> Result<Vec<String>, IpcError> {
    hub_settings::forget_token(&super::config_dir(&app)?, &hub_url)
}

/// Pack the edited document as Export does and upload it to the hub for review.
#[tauri::command]
pub async fn publish_to_hub(
    app: tauri::AppHandle,
    dir: PathBuf,
    effect: serde_json::Value,
    request: PublishRequest,
) -> Result<Published, IpcError> {
    let config = super::config_dir(&app)?;
    let effect = document::from_value(&effect)?;
    blocking(move || publish::publish(&config, &dir, &effect, &request)).await
}

/// Where `name@version` is in review on the hub (`token`: as typed; none: the kept one).
#[tauri::command]
pub async fn hub_version_status(
    app: tauri::AppHandle,
    hub_url: String,
    token: Option<String>,
    name: String,
    version: String,
) -> Result<HubVersion, IpcError> {
    let config = super::config_dir(&app)?;
    blocking(move || publish::status(&config, &hub_url, token.as_deref(), &name, &version)).await
}

/// Runs a blocking hub call on the blocking pool.
async fn blocking<T: Send + 'static>(
    call: impl FnOnce() -> Result<T, IpcError> + Send + 'static,
) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(call)
        .await
        .map_err(|e| IpcError::new(ErrorCode::Hub, format!("the hub call stopped: {e}")))?
}
