//! Writing packages: atomic and deterministic.
//!
//! The zip is written to a temporary file in the destination folder and renamed into place, so
//! a reader never sees half a package and a failed pack leaves nothing behind. Entries are sorted
//! by path, stamped 1980-01-01 00:00:00 with mode 0644 and deflated at a fixed level: packing the
//! same folder twice gives identical bytes.

use std::io::Write;
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::Package;

/// Why a package could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: writing the zip failed: {source}")]
    Zip {
        path: String,
        source: zip::result::ZipError,
    },
    #[error(transparent)]
    Read(#[from] super::PackageError),
}

/// Write `package` as a zip at `out`; returns the zip's size in bytes.
pub fn write_zip(package: &mut Package, out: &Path) -> Result<u64, WriteError> {
    let path = out.display().to_string();
    let io = |source| WriteError::Io {
        path: path.clone(),
        source,
    };
    let zip_err = |source| WriteError::Zip {
        path: path.clone(),
        source,
    };
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let temp = tempfile::Builder::new()
        .prefix(".lantern-pack-")
        .suffix(".zip.tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let names: Vec<String> = package.files().keys().map(|k| (*k).to_owned()).collect();
    let mut zip = ZipWriter::new(temp);
    for name in names {
        let bytes = package.read(&name)?;
        zip.start_file(name.as_str(), options).map_err(zip_err)?;
        zip.write_all(&bytes).map_err(io)?;
    }
    let mut temp = zip.finish().map_err(zip_err)?;
    temp.flush().map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    let len = temp.as_file().metadata().map_err(io)?.len();
    temp.persist(out).map_err(|e| io(e.error))?;
    Ok(len)
}
