//! Packages built from parts held in memory, alone or over a folder.
//!
//! The Studio checks, previews, exports and streams the document being edited, not the one last
//! saved: its `effect.json` comes from memory and every other file from the project folder. The
//! push plays the plain camera from an effect with no files at all. Both open like any package —
//! the same listing caps, hostile-path refusals and checks, every message naming files relative
//! to the package — without writing a byte to disk.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::source::Source;
use super::{EFFECT_JSON, Limits, Package, PackageError};
use crate::diag::Diagnostic;
use crate::format::Effect;

/// `effect` as `effect.json` holds it: pretty-printed JSON and a final newline.
pub fn effect_json(effect: &Effect) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec_pretty(effect)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The parts of a package: files held in memory (package path → bytes), over an optional folder
/// whose files of the same path they hide.
#[derive(Clone, Default)]
pub struct PackageParts {
    dir: Option<PathBuf>,
    files: BTreeMap<String, Vec<u8>>,
    name: Option<String>,
}

impl std::fmt::Debug for PackageParts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sizes: BTreeMap<&str, usize> = self
            .files
            .iter()
            .map(|(k, v)| (k.as_str(), v.len()))
            .collect();
        f.debug_struct("PackageParts")
            .field("dir", &self.dir)
            .field("files", &sizes)
            .field("name", &self.name)
            .finish()
    }
}

impl PackageParts {
    /// No files yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Take every file the memory does not hold from `dir`; messages name the package `dir`.
    #[must_use]
    pub fn over_dir(mut self, dir: &Path) -> Self {
        self.dir = Some(dir.to_path_buf());
        self
    }

    /// The package's name in messages (default: the folder, else `<memory>`).
    #[must_use]
    pub fn named(mut self, name: &str) -> Self {
        self.name = Some(name.to_owned());
        self
    }

    /// Hold `bytes` at the package path `path` (checked like any listed path when opened).
    #[must_use]
    pub fn file(mut self, path: &str, bytes: Vec<u8>) -> Self {
        self.files.insert(path.to_owned(), bytes);
        self
    }

    /// Hold `effect`, serialised once, as the package's `effect.json`.
    pub fn effect(self, effect: &Effect) -> Result<Self, PackageError> {
        let name = self.name();
        let bytes = effect_json(effect).map_err(|e| PackageError::Invalid {
            package: name,
            diagnostics: vec![Diagnostic::file(
                EFFECT_JSON,
                format!("the effect cannot be written as JSON: {e}"),
            )],
        })?;
        Ok(self.file(EFFECT_JSON, bytes))
    }

    fn name(&self) -> String {
        match (&self.name, &self.dir) {
            (Some(name), _) => name.clone(),
            (None, Some(dir)) => dir.display().to_string(),
            (None, None) => "<memory>".to_owned(),
        }
    }

    /// List, read and check the parts like any package.
    pub fn open(self, limits: &Limits) -> Result<Package, PackageError> {
        let name = self.name();
        if let Some(dir) = &self.dir
            && !dir.is_dir()
        {
            return Err(PackageError::NotFound { path: name });
        }
        let source =
            Source::parts(self.dir.as_deref(), self.files, name.clone(), limits).map_err(|d| {
                PackageError::Invalid {
                    package: name,
                    diagnostics: vec![d],
                }
            })?;
        Package::from_source(source, limits)
    }
}

impl Package {
    /// A package of `effect` alone, with no files (an effect with no assets: the plain camera).
    pub fn from_effect(effect: &Effect, name: &str) -> Result<Self, PackageError> {
        PackageParts::new()
            .named(name)
            .effect(effect)?
            .open(&Limits::default())
    }

    /// The folder `dir` with `effect` as its `effect.json` instead of the folder's own (an edited,
    /// unsaved document over its project's files).
    pub fn open_dir_with_effect(
        dir: &Path,
        effect: &Effect,
        limits: &Limits,
    ) -> Result<Self, PackageError> {
        PackageParts::new()
            .over_dir(dir)
            .effect(effect)?
            .open(limits)
    }
}
