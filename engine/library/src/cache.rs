//! The host's cache of hub packages: the pinned key of each hub, and each fetched version's zip
//! beside its signed manifest. Everything read back is verified again, so a file changed on disk
//! is refused rather than played.
//!
//! ```text
//! ROOT/127.0.0.1_8080/key                               the hub's key, pinned on first use
//! ROOT/127.0.0.1_8080/packages/NAME/VERSION/package.zip
//! ROOT/127.0.0.1_8080/packages/NAME/VERSION/manifest.json
//! ```

use std::path::{Path, PathBuf};

use crate::error::LibraryError;
use crate::manifest::{HubKey, SignedManifest};
use crate::reference::EffectRef;

/// The environment variable that moves the cache (tests, shared machines).
pub const CACHE_ENV: &str = "LANTERN_HUB_CACHE";

#[derive(Clone, Debug)]
pub struct Cache {
    root: PathBuf,
}

impl Cache {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// `$LANTERN_HUB_CACHE`, else the user's cache folder (`~/.cache/lantern/hub`).
    pub fn default_location() -> Self {
        let root = std::env::var_os(CACHE_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| dirs::cache_dir().map(|d| d.join("lantern").join("hub")))
            .unwrap_or_else(|| PathBuf::from(".lantern-hub-cache"));
        Self::new(root)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of one hub, named after its address.
    pub fn hub_dir(&self, hub_url: &str) -> PathBuf {
        let id: String = hub_url
            .trim_end_matches('/')
            .split_once("://")
            .map_or(hub_url, |(_, rest)| rest)
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        self.root.join(id)
    }

    pub fn key_file(&self, hub_url: &str) -> PathBuf {
        self.hub_dir(hub_url).join("key")
    }

    /// The key pinned for `hub_url`, if any.
    pub fn pinned_key(&self, hub_url: &str) -> Result<Option<HubKey>, LibraryError> {
        let path = self.key_file(hub_url);
        match std::fs::read_to_string(&path) {
            Ok(text) => HubKey::parse(&text).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(LibraryError::io(&path, e)),
        }
    }

    pub fn pin(&self, hub_url: &str, key: &HubKey) -> Result<(), LibraryError> {
        write_atomically(&self.key_file(hub_url), key.to_base64().as_bytes())
    }

    pub fn version_dir(&self, hub_url: &str, r: &EffectRef) -> PathBuf {
        self.hub_dir(hub_url)
            .join("packages")
            .join(&r.name)
            .join(&r.version)
    }

    /// Keeps a verified version: the zip first, then the manifest that vouches for it.
    pub fn store(
        &self,
        hub_url: &str,
        r: &EffectRef,
        signed: &SignedManifest,
        zip: &[u8],
    ) -> Result<PathBuf, LibraryError> {
        let dir = self.version_dir(hub_url, r);
        let zip_path = dir.join("package.zip");
        write_atomically(&zip_path, zip)?;
        let json =
            serde_json::to_vec_pretty(signed).map_err(|e| LibraryError::Protocol(e.to_string()))?;
        write_atomically(&dir.join("manifest.json"), &json)?;
        Ok(zip_path)
    }

    /// A cached version's signed manifest and zip, unverified (the caller verifies both).
    pub fn load(
        &self,
        hub_url: &str,
        r: &EffectRef,
    ) -> Result<Option<(SignedManifest, PathBuf)>, LibraryError> {
        let dir = self.version_dir(hub_url, r);
        let manifest = dir.join("manifest.json");
        let text = match std::fs::read(&manifest) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(LibraryError::io(&manifest, e)),
        };
        let signed: SignedManifest = serde_json::from_slice(&text).map_err(|e| {
            LibraryError::BadSignature(format!(
                "{} is not a signed manifest: {e}",
                manifest.display()
            ))
        })?;
        Ok(Some((signed, dir.join("package.zip"))))
    }
}

impl Cache {
    /// The versions cached from `hub_url`, by name then version.
    pub fn cached(&self, hub_url: &str) -> Vec<EffectRef> {
        let packages = self.hub_dir(hub_url).join("packages");
        let mut out = Vec::new();
        for name in read_names(&packages) {
            for version in read_names(&packages.join(&name)) {
                out.push(EffectRef {
                    name: name.clone(),
                    version,
                });
            }
        }
        out.sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
        out
    }
}

fn read_names(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .collect()
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), LibraryError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| LibraryError::io(dir, e))?;
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, bytes).map_err(|e| LibraryError::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| LibraryError::io(path, e))
}
