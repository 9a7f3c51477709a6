//! Checking the document being edited, not the one last saved: a staged copy of the package.
//!
//! The editor's document may be unsaved, but `Package::open` reads a folder. A stage is a hidden
//! temporary folder inside the project (`.lantern-stage-*`, skipped by package readers, on the
//! same filesystem) holding hard links to every project file — no bytes are copied; a copy is
//! made only where the filesystem has no hard links — plus the edited `effect.json`. The package
//! checks and the zip writer then run on it unchanged, and dropping the stage removes it.

use std::path::{Path, PathBuf};

use lantern_engine::schema::format::Effect;
use lantern_engine::schema::package::{EFFECT_JSON, Limits};
use tempfile::TempDir;

use crate::error::IpcError;

const PREFIX: &str = ".lantern-stage-";

/// A staged package folder; removed when dropped.
pub struct Stage {
    dir: TempDir,
}

impl Stage {
    /// Stage `effect` over the files of the project at `project`.
    pub fn new(project: &Path, effect: &Effect) -> Result<Self, IpcError> {
        super::document::require_project(project)?;
        let dir = tempfile::Builder::new()
            .prefix(PREFIX)
            .tempdir_in(project)
            .map_err(|e| IpcError::io("cannot create a staging folder in", project, &e))?;
        let limits = Limits::default();
        // One more than the reader allows, so the reader still sees (and reports) the excess.
        let mut budget = limits.max_entries + 1;
        mirror(project, dir.path(), 0, limits.max_depth + 1, &mut budget)?;
        let json = dir.path().join(EFFECT_JSON);
        let _ = std::fs::remove_file(&json);
        std::fs::write(&json, super::document::to_bytes(effect)?)
            .map_err(|e| IpcError::io("cannot write", &json, &e))?;
        Ok(Self { dir })
    }

    /// The staged package folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A message about the stage, with its path replaced by the project's.
    pub fn unstage(&self, message: &str, project: &Path) -> String {
        message.replace(
            &self.dir.path().display().to_string(),
            &project.display().to_string(),
        )
    }
}

/// Link (or copy) every non-hidden entry of `from` into `to`, recursively.
fn mirror(
    from: &Path,
    to: &Path,
    depth: usize,
    max_depth: usize,
    budget: &mut usize,
) -> Result<(), IpcError> {
    if depth > max_depth {
        return Ok(());
    }
    let read = std::fs::read_dir(from).map_err(|e| IpcError::io("cannot list", from, &e))?;
    for entry in read {
        let entry = entry.map_err(|e| IpcError::io("cannot list", from, &e))?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') || *budget == 0 {
            continue;
        }
        *budget -= 1;
        let (src, dst) = (entry.path(), to.join(&name));
        let kind = entry
            .file_type()
            .map_err(|e| IpcError::io("cannot read", &src, &e))?;
        if kind.is_dir() {
            std::fs::create_dir(&dst).map_err(|e| IpcError::io("cannot create", &dst, &e))?;
            mirror(&src, &dst, depth + 1, max_depth, budget)?;
        } else if kind.is_symlink() {
            // Keep it a symlink: the package reader refuses it with its own message.
            #[cfg(unix)]
            if let Ok(target) = std::fs::read_link(&src) {
                let _ = std::os::unix::fs::symlink(target, &dst);
            }
        } else if std::fs::hard_link(&src, &dst).is_err() {
            std::fs::copy(&src, &dst).map_err(|e| IpcError::io("cannot stage", &src, &e))?;
        }
    }
    Ok(())
}

/// Remove stages a crash left behind in `project`.
pub fn remove_stale(project: &Path) {
    let Ok(read) = std::fs::read_dir(project) else {
        return;
    };
    let stale: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(PREFIX))
        .map(|e| e.path())
        .collect();
    for dir in stale {
        let _ = std::fs::remove_dir_all(dir);
    }
}
