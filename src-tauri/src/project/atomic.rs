//! Atomic file writes: a reader (or a crash) sees the old file or the new one, never half of one.
//!
//! The bytes go to a hidden temporary file in the destination folder (same filesystem), are
//! flushed to disk, and the temporary is renamed over the destination. The folder is synced
//! afterwards on Unix so the rename itself survives a power cut.

use std::io::Write;
use std::path::Path;

use crate::error::IpcError;

/// Replace `path` with `bytes` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), IpcError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| IpcError::io("cannot create a temporary file in", dir, &e))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| IpcError::io("cannot write", temp.path(), &e))?;
    temp.persist(path)
        .map_err(|e| IpcError::io("cannot replace", path, &e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Make a rename in `dir` durable. Best effort: not every filesystem supports it.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::write_atomic;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("effect.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["effect.json"]);
    }

    #[test]
    fn a_missing_folder_is_a_readable_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(&dir.path().join("gone/effect.json"), b"x").unwrap_err();
        assert!(err.message.contains("gone"), "{err}");
    }
}
