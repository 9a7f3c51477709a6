//! Getting the models: MediaPipe's `.tflite` files out of the pinned PyPI wheel.
//!
//! [`fetch`] is what `lantern models fetch` runs. It is idempotent: models already in the
//! destination with the right sha256 are left alone, and when all are there nothing is read
//! or downloaded. Otherwise the wheel (`models.toml`'s `[wheel]`, about 35 MB) comes from a
//! local file or folder (`from`), from the download cache, or from PyPI ([`download`]: its
//! simple index, PEP 691 JSON, names the file's URL; the download resumes where a broken one
//! stopped and is checked against the pinned sha256), and each model is extracted ([`extract`]) and checked against
//! its own sha256 before it is written. After that Lantern runs offline.

use std::path::{Path, PathBuf};

use crate::models::{self, ModelError, ModelSpec};

mod download;
mod extract;
#[cfg(test)]
mod tests;

/// Where the download is kept between runs (so a broken one resumes and a second machine
/// setup reuses it): `$LANTERN_CACHE` or `~/.cache/lantern`.
pub const CACHE_ENV: &str = "LANTERN_CACHE";

/// Why fetching failed; each message names the fix.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error(
        "cannot reach PyPI for {what}: {detail}. Fix: check the network (and any proxy), or \
         fetch offline with `lantern models fetch --from <the wheel {file}>`"
    )]
    Network {
        what: String,
        file: String,
        detail: String,
    },
    #[error(
        "{} has the wrong sha256 ({actual}, expected {expected}): it was deleted. Fix: run \
         `lantern models fetch` again; if it happens again, the file served is not the pinned one \
         (check the network or proxy)",
        path.display()
    )]
    Checksum {
        path: PathBuf,
        expected: String,
        actual: String,
    },
    #[error("the disk is full writing {}. Fix: free about 60 MB there, or set LANTERN_MODELS (and LANTERN_CACHE) to a folder on another disk", path.display())]
    DiskFull { path: PathBuf },
    #[error("cannot write to {} (read-only or not yours: {detail}). Fix: set LANTERN_MODELS (and LANTERN_CACHE) to a folder you can write to", path.display())]
    ReadOnly { path: PathBuf, detail: String },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {detail}. Fix: give the mediapipe 0.10.14 wheel (`pip download --no-deps mediapipe==0.10.14`) or a folder holding the .tflite files", path.display())]
    Source { path: PathBuf, detail: String },
    #[error(transparent)]
    Manifest(#[from] ModelError),
}

impl FetchError {
    /// An I/O error writing `path`, told apart by what the fix is.
    pub(crate) fn writing(path: &Path, e: std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        let path = path.to_owned();
        match e.kind() {
            K::StorageFull | K::QuotaExceeded => Self::DiskFull { path },
            K::ReadOnlyFilesystem | K::PermissionDenied => Self::ReadOnly {
                path,
                detail: e.to_string(),
            },
            _ => Self::Io { path, source: e },
        }
    }
}

/// Told how a download goes (`lantern models fetch` draws a progress bar).
pub trait Progress {
    /// A download of `total` bytes starts, `done` of them already there (resumed).
    fn start(&mut self, total: u64, done: u64);
    fn advance(&mut self, bytes: u64);
    fn finish(&mut self);
}

/// No progress shown.
pub struct Quiet;

impl Progress for Quiet {
    fn start(&mut self, _: u64, _: u64) {}
    fn advance(&mut self, _: u64) {}
    fn finish(&mut self) {}
}

/// What one model's fetch did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    AlreadyThere,
    Installed,
}

/// The default destination: `$LANTERN_MODELS` when set, else the user data dir.
pub fn default_dest() -> Option<PathBuf> {
    std::env::var_os(models::MODELS_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| dirs::data_dir().map(|d| d.join("lantern").join("models")))
}

/// The download cache folder.
pub fn cache_dir() -> Option<PathBuf> {
    std::env::var_os(CACHE_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| dirs::cache_dir().map(|d| d.join("lantern")))
}

/// The models that come from the wheel.
fn wanted() -> Result<Vec<&'static ModelSpec>, FetchError> {
    Ok(models::manifest()?
        .iter()
        .filter(|s| s.tflite.is_some())
        .collect())
}

/// Puts every `.tflite` model into `dest`, from `from` (a wheel file or a folder) or else the
/// cached or downloaded wheel. Returns each model's file name and what was done.
pub fn fetch(
    dest: &Path,
    from: Option<&Path>,
    cache: &Path,
    progress: &mut dyn Progress,
) -> Result<Vec<(String, Outcome)>, FetchError> {
    let specs = wanted()?;
    let mut missing = Vec::new();
    let mut report = Vec::new();
    for spec in specs {
        let (file, sha) = extract::names(spec)?;
        let path = dest.join(file);
        if path.is_file() && models::sha256_file(&path).is_ok_and(|a| a == sha) {
            report.push((file.to_owned(), Outcome::AlreadyThere));
        } else {
            missing.push(spec);
        }
    }
    if missing.is_empty() {
        return Ok(report);
    }
    std::fs::create_dir_all(dest).map_err(|e| FetchError::writing(dest, e))?;
    match from {
        Some(dir) if dir.is_dir() => extract::from_folder(dir, dest, &missing)?,
        Some(wheel) => extract::from_wheel(wheel, dest, &missing)?,
        None => {
            let spec = models::wheel()?;
            let wheel = download::wheel(spec, download::PYPI, cache, progress)?;
            extract::from_wheel(&wheel, dest, &missing)?;
        }
    }
    report.extend(
        missing
            .iter()
            .filter_map(|s| s.tflite.clone())
            .map(|f| (f, Outcome::Installed)),
    );
    Ok(report)
}
