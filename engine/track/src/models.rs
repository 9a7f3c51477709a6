//! Finding and verifying the model files.
//!
//! Models are data, never committed. [`Models::discover`] builds the search path:
//! `$LANTERN_MODELS` when it is set (and then only it), else `shared/models` in a parent folder
//! of the checkout (the current directory, the executable and this crate are tried), then the
//! user data dir (`~/.local/share/lantern/models`, where `lantern models fetch` puts them).
//! [`Models::path`] finds a model on that path — MediaPipe's own `.tflite` file when there is
//! one anywhere on it, else the older `.onnx` conversion — and checks its sha256 against
//! `models.toml` the first time it is asked for; a missing or corrupt file gives a
//! [`ModelError`] that names the file, every folder searched, and the fix.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use serde::Deserialize;
use sha2::{Digest as _, Sha256};

/// The manifest, compiled in: which files the engine uses and the sha256 each must have.
const MANIFEST: &str = include_str!("../models.toml");

/// The environment variable that points at a models folder.
pub const MODELS_ENV: &str = "LANTERN_MODELS";

const FIX: &str = "Fix: run `lantern models fetch` (it downloads MediaPipe's wheel from PyPI \
once, checks it, and extracts the models into the user data dir or $LANTERN_MODELS), or \
`lantern models fetch --from <wheel or folder>` offline, or point LANTERN_MODELS at a folder \
holding the models (see README.md, \"Models\"). The files and their sha256 are listed in \
engine/track/models.toml.";

/// One model the engine uses.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct ModelSpec {
    /// The name the tracker asks for: the ONNX conversion's file name.
    pub file: String,
    pub task: String,
    /// The sha256 of `file`; `None` when no ONNX conversion is published (the `.tflite` alone
    /// serves the model, `file` is only its name).
    #[serde(default)]
    pub sha256: Option<String>,
    pub licence: String,
    /// Who made it and where it is published.
    pub origin: String,
    /// MediaPipe's own file, preferred to `file` when found.
    pub tflite: Option<String>,
    pub tflite_sha256: Option<String>,
    /// Where the `.tflite` is inside the wheel.
    pub wheel_path: Option<String>,
    /// The tracker runs without it (a feature is off).
    #[serde(default)]
    pub optional: bool,
}

impl ModelSpec {
    /// The files that can serve this model, best first, with the sha256 each must have.
    pub fn candidates(&self) -> Vec<(&str, &str)> {
        let tflite = self.tflite.as_deref().zip(self.tflite_sha256.as_deref());
        let onnx = self.sha256.as_deref().map(|sha| (self.file.as_str(), sha));
        tflite.into_iter().chain(onnx).collect()
    }
}

/// The PyPI wheel the `.tflite` files come from.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct WheelSpec {
    pub package: String,
    pub version: String,
    pub file: String,
    pub sha256: String,
    pub size: u64,
    pub licence: String,
}

#[derive(Deserialize)]
struct Manifest {
    wheel: WheelSpec,
    model: Vec<ModelSpec>,
}

fn parsed() -> Result<&'static Manifest, ModelError> {
    static PARSED: OnceLock<Result<Manifest, String>> = OnceLock::new();
    PARSED
        .get_or_init(|| toml::from_str::<Manifest>(MANIFEST).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| ModelError::Manifest(e.clone()))
}

/// The models in `models.toml`.
pub fn manifest() -> Result<&'static [ModelSpec], ModelError> {
    parsed().map(|m| m.model.as_slice())
}

/// The wheel in `models.toml`.
pub fn wheel() -> Result<&'static WheelSpec, ModelError> {
    parsed().map(|m| &m.wheel)
}

/// A folder on the model search path, with where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchDir {
    pub path: PathBuf,
    pub origin: &'static str,
}

/// Why a model could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("model `{file}` is not in Lantern's model manifest (engine/track/models.toml)")]
    Unknown { file: String },
    #[error("model file `{file}` ({task}) was not found.\nSearched:\n{searched}{FIX}")]
    Missing {
        file: String,
        task: String,
        searched: String,
    },
    #[error(
        "model file `{}` is corrupt: its sha256 is {actual}, expected {expected} ({task}).\n{FIX}",
        path.display()
    )]
    Corrupt {
        path: PathBuf,
        task: String,
        expected: String,
        actual: String,
    },
    #[error("could not read model file `{}`: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("engine/track/models.toml is malformed: {0}")]
    Manifest(String),
}

/// What `lantern models` reports for one file.
#[derive(Debug)]
pub struct ModelStatus {
    pub spec: ModelSpec,
    pub result: Result<PathBuf, ModelError>,
}

/// Which files may serve a model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// MediaPipe's `.tflite` when there is one, else the `.onnx` conversion.
    Any,
    /// Only `.tflite` files.
    Tflite,
    /// Only the `.onnx` conversions.
    Onnx,
}

/// The model search path plus a record of which files were already verified.
#[derive(Debug)]
pub struct Models {
    dirs: Vec<SearchDir>,
    env_unset: bool,
    source: Source,
    verified: Mutex<HashSet<PathBuf>>,
}

impl Models {
    /// The search path: `$LANTERN_MODELS` alone when it is set (an explicit choice is not
    /// second-guessed), else `shared/models` beside the checkout, then the user data dir.
    pub fn discover() -> Self {
        if let Some(path) = std::env::var_os(MODELS_ENV).filter(|v| !v.is_empty()) {
            let dirs = vec![SearchDir {
                path: PathBuf::from(path),
                origin: "$LANTERN_MODELS",
            }];
            return Self {
                dirs,
                env_unset: false,
                source: Source::Any,
                verified: Mutex::new(HashSet::new()),
            };
        }
        let mut dirs = Vec::new();
        let starts = [
            std::env::current_dir().ok(),
            std::env::current_exe().ok(),
            Some(PathBuf::from(env!("CARGO_MANIFEST_DIR"))),
        ];
        if let Some(path) = starts
            .iter()
            .flatten()
            .find_map(|start| find_shared_models(start))
        {
            dirs.push(SearchDir {
                path,
                origin: "shared/models beside the checkout",
            });
        }
        if let Some(data) = dirs::data_dir() {
            dirs.push(SearchDir {
                path: data.join("lantern").join("models"),
                origin: "user data dir",
            });
        }
        Self {
            dirs,
            env_unset: true,
            source: Source::Any,
            verified: Mutex::new(HashSet::new()),
        }
    }

    /// An explicit search path (tests, or an app that knows where its models are).
    pub fn with_dirs(dirs: Vec<SearchDir>) -> Self {
        Self {
            dirs,
            env_unset: false,
            source: Source::Any,
            verified: Mutex::new(HashSet::new()),
        }
    }

    /// The same search path, serving models only from `source` files (tests compare the two).
    #[must_use]
    pub fn only(mut self, source: Source) -> Self {
        self.source = source;
        self
    }

    /// The folders searched, in order.
    pub fn dirs(&self) -> &[SearchDir] {
        &self.dirs
    }

    /// The verified path of `file`, which must be listed in the manifest.
    pub fn path(&self, file: &str) -> Result<PathBuf, ModelError> {
        let spec =
            manifest()?
                .iter()
                .find(|s| s.file == file)
                .ok_or_else(|| ModelError::Unknown {
                    file: file.to_owned(),
                })?;
        self.resolve(spec)
    }

    /// Every model in the manifest, found and verified (or why not).
    pub fn status(&self) -> Result<Vec<ModelStatus>, ModelError> {
        Ok(manifest()?
            .iter()
            .map(|spec| ModelStatus {
                spec: spec.clone(),
                result: self.resolve(spec),
            })
            .collect())
    }

    /// The search folder `path` is in, and where that folder came from.
    pub fn origin_of(&self, path: &Path) -> Option<&SearchDir> {
        self.dirs
            .iter()
            .find(|d| path.parent() == Some(d.path.as_path()))
    }

    fn resolve(&self, spec: &ModelSpec) -> Result<PathBuf, ModelError> {
        let candidates: Vec<(&str, &str)> = spec
            .candidates()
            .into_iter()
            .filter(|(file, _)| match self.source {
                Source::Any => true,
                Source::Tflite => has_extension(file, "tflite"),
                Source::Onnx => has_extension(file, "onnx"),
            })
            .collect();
        let found = candidates.iter().find_map(|&(file, sha)| {
            self.dirs
                .iter()
                .map(|d| d.path.join(file))
                .find(|p| p.is_file())
                .map(|p| (p, sha))
        });
        let Some((path, expected)) = found else {
            let names: Vec<&str> = candidates.iter().map(|c| c.0).collect();
            return Err(ModelError::Missing {
                file: names.join(" or "),
                task: spec.task.clone(),
                searched: self.describe_search(&names.join(" or ")),
            });
        };
        if self.verified.lock().is_ok_and(|v| v.contains(&path)) {
            return Ok(path);
        }
        let actual = sha256_file(&path)?;
        if !actual.eq_ignore_ascii_case(expected) {
            return Err(ModelError::Corrupt {
                path,
                task: spec.task.clone(),
                expected: expected.to_owned(),
                actual,
            });
        }
        if let Ok(mut v) = self.verified.lock() {
            v.insert(path.clone());
        }
        tracing::debug!(model = %path.display(), "verified sha256");
        Ok(path)
    }

    fn describe_search(&self, file: &str) -> String {
        let mut out = String::new();
        if self.env_unset {
            let _ = writeln!(out, "  - $LANTERN_MODELS: not set");
        }
        for dir in &self.dirs {
            let why = if dir.path.is_dir() {
                format!("no file {file}")
            } else {
                "folder does not exist".to_owned()
            };
            let _ = writeln!(out, "  - {} ({}): {why}", dir.path.display(), dir.origin);
        }
        out
    }
}

fn has_extension(file: &str, ext: &str) -> bool {
    Path::new(file)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// `shared/models` in `start` or one of its parent folders.
fn find_shared_models(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|a| a.join("shared").join("models"))
        .find(|p| p.is_dir())
}

/// The lowercase hex sha256 of a file, read in chunks.
pub fn sha256_file(path: &Path) -> Result<String, ModelError> {
    let io = |source| ModelError::Io {
        path: path.to_owned(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0_u8; 1 << 16];
    loop {
        let n = file.read(&mut buf).map_err(io)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "mp_face_landmark.onnx";

    fn models_in(dir: &Path) -> Models {
        Models::with_dirs(vec![SearchDir {
            path: dir.to_owned(),
            origin: "test",
        }])
    }

    #[test]
    fn manifest_parses_and_hashes_look_right() {
        let specs = manifest().unwrap();
        assert!(specs.len() >= 5);
        for s in specs {
            assert!(
                s.sha256
                    .as_ref()
                    .map_or(s.tflite.is_some(), |h| h.len() == 64),
                "{}: a sha256, or a .tflite",
                s.file
            );
            assert!(
                Path::new(&s.file)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("onnx")),
                "{}",
                s.file
            );
            assert!(!s.licence.is_empty() && !s.origin.is_empty(), "{}", s.file);
            if let Some(t) = &s.tflite {
                assert_eq!(s.tflite_sha256.as_deref().map(str::len), Some(64), "{t}");
                assert!(
                    s.wheel_path
                        .as_deref()
                        .is_some_and(|w| w.ends_with(t.as_str()))
                );
            } else {
                assert!(
                    s.optional,
                    "{}: only optional models may lack a source",
                    s.file
                );
            }
        }
        assert_eq!(wheel().unwrap().sha256.len(), 64);
    }

    #[test]
    fn a_tflite_file_is_preferred_and_verified() {
        let (onnx, tflite) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        std::fs::write(tflite.path().join("face_landmark.tflite"), b"not google's").unwrap();
        let models = Models::with_dirs(vec![
            SearchDir {
                path: onnx.path().to_owned(),
                origin: "first",
            },
            SearchDir {
                path: tflite.path().to_owned(),
                origin: "second",
            },
        ]);
        std::fs::write(onnx.path().join(FILE), b"x").unwrap();
        let err = models.path(FILE).unwrap_err();
        let ModelError::Corrupt { path, expected, .. } = err else {
            panic!("{err}");
        };
        assert!(path.ends_with("face_landmark.tflite"), "{}", path.display());
        assert_eq!(
            expected,
            manifest().unwrap()[1].tflite_sha256.clone().unwrap()
        );
        assert_eq!(models.origin_of(&path).unwrap().origin, "second");
    }

    #[test]
    fn missing_model_names_file_dirs_and_fix() {
        let dir = tempfile::tempdir().unwrap();
        let err = models_in(dir.path()).path(FILE).unwrap_err().to_string();
        assert!(err.contains(FILE), "{err}");
        assert!(err.contains(&dir.path().display().to_string()), "{err}");
        assert!(err.contains("LANTERN_MODELS"), "{err}");
        assert!(err.contains("lantern models fetch"), "{err}");
        assert!(err.contains("face_landmark.tflite"), "{err}");
    }

    #[test]
    fn corrupt_model_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), b"not a model").unwrap();
        let err = models_in(dir.path()).path(FILE).unwrap_err();
        assert!(matches!(err, ModelError::Corrupt { .. }), "{err}");
        assert!(err.to_string().contains("corrupt"), "{err}");
    }

    #[test]
    fn unknown_model_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            models_in(dir.path()).path("nope.onnx"),
            Err(ModelError::Unknown { .. })
        ));
    }

    #[test]
    fn sha256_of_known_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("abc");
        std::fs::write(&p, b"abc").unwrap();
        assert_eq!(
            sha256_file(&p).unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
