//! The recent-projects list, kept as `recent-projects.json` in the Studio's config folder.
//!
//! Most recent first, at most [`MAX_RECENT`] entries, one per folder. The file is rewritten
//! atomically; a missing or damaged file is an empty list (it is a convenience, not data).

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::atomic::write_atomic;
use super::document::now_ms;
use crate::error::IpcError;

/// The list's file name in the config folder.
pub const RECENT_FILE: &str = "recent-projects.json";
/// How many projects the list keeps.
pub const MAX_RECENT: usize = 10;

/// One project opened before.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecentProject {
    /// The project folder.
    pub dir: String,
    /// The effect's name when it was last opened or saved.
    pub name: String,
    /// Milliseconds since the Unix epoch.
    pub opened_at_ms: f64,
    /// Whether the folder still has an `effect.json` (filled in when listing).
    #[serde(default, skip_deserializing)]
    pub exists: bool,
}

/// The list, most recent first, with `exists` filled in.
pub fn list(config_dir: &Path) -> Vec<RecentProject> {
    let mut items = load(config_dir);
    for item in &mut items {
        item.exists = Path::new(&item.dir).join("effect.json").is_file();
    }
    items
}

fn load(config_dir: &Path) -> Vec<RecentProject> {
    let file = config_dir.join(RECENT_FILE);
    let Ok(bytes) = std::fs::read(&file) else {
        return Vec::new();
    };
    serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        tracing::warn!("ignoring the damaged {}: {e}", file.display());
        Vec::new()
    })
}

fn store(config_dir: &Path, items: &[RecentProject]) -> Result<(), IpcError> {
    std::fs::create_dir_all(config_dir)
        .map_err(|e| IpcError::io("cannot create the config folder", config_dir, &e))?;
    let bytes = serde_json::to_vec_pretty(items).map_err(|e| {
        IpcError::new(
            crate::error::ErrorCode::Io,
            format!("cannot serialise: {e}"),
        )
    })?;
    write_atomic(&config_dir.join(RECENT_FILE), &bytes)
}

/// Put `dir` at the top of the list (opened, created or saved just now).
pub fn touch(config_dir: &Path, dir: &str, name: &str) -> Result<Vec<RecentProject>, IpcError> {
    let mut items = load(config_dir);
    items.retain(|i| i.dir != dir);
    items.insert(
        0,
        RecentProject {
            dir: dir.to_owned(),
            name: name.to_owned(),
            opened_at_ms: now_ms(),
            exists: true,
        },
    );
    items.truncate(MAX_RECENT);
    store(config_dir, &items)?;
    Ok(list(config_dir))
}

/// Remove `dir` from the list.
pub fn forget(config_dir: &Path, dir: &str) -> Result<Vec<RecentProject>, IpcError> {
    let mut items = load(config_dir);
    items.retain(|i| i.dir != dir);
    store(config_dir, &items)?;
    Ok(list(config_dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_recent_first_unique_and_capped() {
        let config = tempfile::tempdir().unwrap();
        for i in 0..12 {
            touch(config.path(), &format!("/p/{i}"), &format!("P{i}")).unwrap();
        }
        let items = touch(config.path(), "/p/5", "Five").unwrap();
        assert_eq!(items.len(), MAX_RECENT);
        assert_eq!(items[0].dir, "/p/5");
        assert_eq!(items[0].name, "Five");
        assert_eq!(items.iter().filter(|i| i.dir == "/p/5").count(), 1);
        assert!(items.iter().all(|i| !i.exists), "none of /p/* exists");
        let items = forget(config.path(), "/p/5").unwrap();
        assert!(items.iter().all(|i| i.dir != "/p/5"));
    }

    #[test]
    fn a_damaged_list_is_empty_not_an_error() {
        let config = tempfile::tempdir().unwrap();
        std::fs::write(config.path().join(RECENT_FILE), b"{not json").unwrap();
        assert!(list(config.path()).is_empty());
        assert_eq!(touch(config.path(), "/x", "X").unwrap().len(), 1);
    }
}
