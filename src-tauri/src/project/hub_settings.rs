//! What this machine remembers about Lantern Hub, kept as `hub.json` in the Studio's config
//! folder (never in a project, so an exported or published package cannot carry a token): the
//! hub last published to, the designer's token for each hub (only once that hub accepted it), and
//! the name each project folder was published under.
//!
//! The file is rewritten atomically; on Unix it is readable by its owner only (the temporary file
//! it is renamed from is created `0600`). A missing or damaged file is empty settings.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::atomic::write_atomic;
use crate::error::{ErrorCode, IpcError};

/// The settings' file name in the config folder.
pub const HUB_FILE: &str = "hub.json";

/// The hub a fresh Studio publishes to (`lantern hub serve`'s usual address).
pub const DEFAULT_HUB: &str = "http://127.0.0.1:8470";

/// The remembered settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HubSettings {
    /// The hub last published to (normalised, see [`normalise_url`]).
    #[serde(default)]
    pub hub_url: Option<String>,
    /// Hub address → the designer's token it accepted.
    #[serde(default)]
    pub tokens: BTreeMap<String, String>,
    /// Project folder → the package name it was last published under.
    #[serde(default)]
    pub names: BTreeMap<String, String>,
}

impl HubSettings {
    /// The hubs this machine keeps a token for.
    pub fn saved_tokens(&self) -> Vec<String> {
        self.tokens.keys().cloned().collect()
    }
}

/// A hub's address as the settings key it: trimmed, without trailing slashes.
pub fn normalise_url(url: &str) -> String {
    url.trim().trim_end_matches('/').to_owned()
}

/// The settings (empty when there are none or the file is damaged).
pub fn load(config_dir: &Path) -> HubSettings {
    let file = config_dir.join(HUB_FILE);
    let Ok(bytes) = std::fs::read(&file) else {
        return HubSettings::default();
    };
    serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        tracing::warn!("ignoring the damaged {}: {e}", file.display());
        HubSettings::default()
    })
}

/// Write the settings.
pub fn store(config_dir: &Path, settings: &HubSettings) -> Result<(), IpcError> {
    std::fs::create_dir_all(config_dir)
        .map_err(|e| IpcError::io("cannot create the config folder", config_dir, &e))?;
    let bytes = serde_json::to_vec_pretty(settings)
        .map_err(|e| IpcError::new(ErrorCode::Io, format!("cannot serialise: {e}")))?;
    write_atomic(&config_dir.join(HUB_FILE), &bytes)
}

/// Change the settings with `f` and write them; returns them as written.
pub fn update(
    config_dir: &Path,
    f: impl FnOnce(&mut HubSettings),
) -> Result<HubSettings, IpcError> {
    let mut settings = load(config_dir);
    f(&mut settings);
    store(config_dir, &settings)?;
    Ok(settings)
}

/// Forget the token kept for `hub_url`; returns the hubs a token is still kept for.
pub fn forget_token(config_dir: &Path, hub_url: &str) -> Result<Vec<String>, IpcError> {
    let hub = normalise_url(hub_url);
    let settings = update(config_dir, |s| {
        s.tokens.remove(&hub);
    })?;
    Ok(settings.saved_tokens())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_forget() {
        let config = tempfile::tempdir().unwrap();
        assert_eq!(load(config.path()), HubSettings::default());
        let written = update(config.path(), |s| {
            s.hub_url = Some(normalise_url(" http://hub.local:8470/ "));
            s.tokens
                .insert("http://hub.local:8470".into(), "lh_one".into());
            s.tokens.insert("http://other:1".into(), "lh_two".into());
            s.names.insert("/p/hat".into(), "lucky-hat".into());
        })
        .unwrap();
        assert_eq!(written.hub_url.as_deref(), Some("http://hub.local:8470"));
        assert_eq!(load(config.path()), written);
        let left = forget_token(config.path(), "http://hub.local:8470/").unwrap();
        assert_eq!(left, ["http://other:1"]);
        let reread = load(config.path());
        assert_eq!(reread.tokens.len(), 1);
        assert_eq!(
            reread.names["/p/hat"], "lucky-hat",
            "forgetting a token keeps the rest"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(config.path().join(HUB_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "only its owner reads the tokens: {mode:o}");
        }
    }

    #[test]
    fn damaged_settings_are_empty_not_an_error() {
        let config = tempfile::tempdir().unwrap();
        std::fs::write(config.path().join(HUB_FILE), b"{not json").unwrap();
        assert_eq!(load(config.path()), HubSettings::default());
        assert!(forget_token(config.path(), DEFAULT_HUB).unwrap().is_empty());
    }
}
