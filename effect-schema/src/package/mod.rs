//! Effect packages: a folder or a `.zip` with `effect.json` at the root, plus its assets.
//!
//! Opening a package ([`Package::open`]):
//! 1. list the files ([`source`]) — refused outright on traversal, symlinks, too many entries,
//!    sizes or compression ratios over the [`Limits`];
//! 2. read and parse `effect.json` ([`crate::validate::parse`]) and check it
//!    ([`crate::validate::check`]);
//! 3. check every asset file against the package ([`assets`]): it exists, its header decodes,
//!    its dimensions and frame counts are under the caps.
//!
//! Every problem from steps 2 and 3 is collected; the package opens only if there are none.
//! A package may also be built from files held in memory, alone or over a folder ([`parts`]),
//! and is checked the same way. Writing ([`write`]) is atomic and byte-for-byte deterministic;
//! [`Package::budget`] says what the effect uses against its budgets.

mod assets;
mod budget;
mod limits;
pub mod media;
mod parts;
pub mod paths;
mod source;
pub mod write;

use std::collections::BTreeMap;
use std::path::Path;

pub use assets::AssetInfo;
pub use budget::{BudgetLine, Budgeted, particles};
pub use limits::Limits;
pub use parts::{PackageParts, effect_json};
pub use source::ReadSeek;

use crate::capability::{self, Capabilities};
use crate::diag::Diagnostic;
use crate::format::Effect;
use source::Source;

/// The manifest's file name, at the package root.
pub const EFFECT_JSON: &str = "effect.json";

/// Why a package could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    /// The path is neither a folder nor a file.
    #[error("{path}: no such package (expected a folder with effect.json, or a .zip)")]
    NotFound { path: String },
    /// One or more problems; each names its file and JSON pointer.
    #[error("{package}: {} problem(s):\n{}", diagnostics.len(), list(diagnostics))]
    Invalid {
        package: String,
        diagnostics: Vec<Diagnostic>,
    },
}

fn list(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("  {d}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl PackageError {
    /// The individual problems (empty for `NotFound`).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Self::Invalid { diagnostics, .. } => diagnostics,
            Self::NotFound { .. } => &[],
        }
    }
}

/// An opened, valid package.
pub struct Package {
    source: Source,
    /// The effect, migrated to the current format version.
    pub effect: Effect,
    /// What the assets' headers say, in `effect.assets` order.
    pub assets: Vec<AssetInfo>,
    /// Things worth knowing that do not stop the package (e.g. files nothing references).
    pub warnings: Vec<Diagnostic>,
}

impl std::fmt::Debug for Package {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Package")
            .field("name", &self.source.name)
            .field("effect", &self.effect.meta.name)
            .finish_non_exhaustive()
    }
}

impl Package {
    /// Open and validate a folder or `.zip` with the default limits.
    pub fn open(path: &Path) -> Result<Self, PackageError> {
        Self::open_with(path, &Limits::default())
    }

    /// Open and validate a folder or `.zip`.
    pub fn open_with(path: &Path, limits: &Limits) -> Result<Self, PackageError> {
        let name = path.display().to_string();
        let invalid = |d: Diagnostic| PackageError::Invalid {
            package: name.clone(),
            diagnostics: vec![d],
        };
        let source = if path.is_dir() {
            Source::dir(path, limits).map_err(invalid)?
        } else if path.is_file() {
            Source::zip_file(path, limits).map_err(invalid)?
        } else {
            return Err(PackageError::NotFound { path: name });
        };
        Self::from_source(source, limits)
    }

    /// Open and validate a zip held in memory (used by the fuzzer and by network loaders).
    pub fn from_zip_bytes(bytes: Vec<u8>, limits: &Limits) -> Result<Self, PackageError> {
        let name = "<memory>".to_owned();
        let source = Source::zip(Box::new(std::io::Cursor::new(bytes)), name.clone(), limits)
            .map_err(|d| PackageError::Invalid {
                package: name,
                diagnostics: vec![d],
            })?;
        Self::from_source(source, limits)
    }

    fn from_source(mut source: Source, limits: &Limits) -> Result<Self, PackageError> {
        let fail = |source: &Source, diagnostics| PackageError::Invalid {
            package: source.name.clone(),
            diagnostics,
        };
        let json = match source.files.get(EFFECT_JSON) {
            None => {
                let hint =
                    crate::diag::did_you_mean(EFFECT_JSON, source.files.keys().map(String::as_str));
                let d = Diagnostic::file(
                    EFFECT_JSON,
                    format!("missing: a package needs effect.json at its root{hint}"),
                );
                return Err(fail(&source, vec![d]));
            }
            Some(&(size, _)) if size > limits.max_json_bytes => {
                let d = Diagnostic::file(
                    EFFECT_JSON,
                    format!("{size} bytes, over the {} byte cap", limits.max_json_bytes),
                );
                return Err(fail(&source, vec![d]));
            }
            Some(_) => source
                .read(EFFECT_JSON)
                .map_err(|d| fail(&source, vec![d]))?,
        };
        let parsed = crate::validate::parse(EFFECT_JSON, &json);
        let mut diagnostics = parsed.diagnostics.clone();
        diagnostics.extend(crate::validate::check(EFFECT_JSON, &parsed));
        let Some(effect) = parsed.effect else {
            return Err(fail(&source, diagnostics));
        };
        let (infos, warnings) = assets::check(
            &mut source,
            &effect,
            &parsed.asset_index,
            limits,
            &mut diagnostics,
        );
        if !diagnostics.is_empty() {
            return Err(fail(&source, diagnostics));
        }
        Ok(Self {
            source,
            effect,
            assets: infos,
            warnings,
        })
    }

    /// The package's name in messages (its path).
    pub fn name(&self) -> &str {
        &self.source.name
    }

    /// Every file in the package with its uncompressed size, sorted by path.
    pub fn files(&self) -> BTreeMap<&str, u64> {
        self.source
            .files
            .iter()
            .map(|(k, &(size, _))| (k.as_str(), size))
            .collect()
    }

    /// Read one file of the package (never more than its listed size).
    pub fn read(&mut self, path: &str) -> Result<Vec<u8>, PackageError> {
        self.source.read(path).map_err(|d| PackageError::Invalid {
            package: self.source.name.clone(),
            diagnostics: vec![d],
        })
    }

    /// The trackers this effect needs, derived from its content and its script's source.
    pub fn capabilities(&self) -> Capabilities {
        let mut caps = capability::derive(&self.effect);
        caps.hand_anchors |= caps.script && self.assets.iter().any(|a| a.names_landmarks);
        caps
    }

    /// Decoded texture memory of all images and frames (RGBA8), bytes.
    pub fn texture_bytes(&self) -> u64 {
        self.assets.iter().map(|a| a.texture_bytes).sum()
    }
}
