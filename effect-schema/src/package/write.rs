//! Writing packages: atomic and deterministic.
//!
//! The zip is written to a temporary file in the destination folder and renamed into place, so
//! a reader never sees half a package and a failed pack leaves nothing behind. Entries are sorted
//! by path, stamped 1980-01-01 00:00:00 with mode 0644 and deflated at a fixed level: packing the
//! same folder twice gives identical bytes. [`zip_len`] measures the zip without keeping it.

use std::io::{Seek, SeekFrom, Write};
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
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let temp = tempfile::Builder::new()
        .prefix(".lantern-pack-")
        .suffix(".zip.tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    let mut temp = zip_into(package, temp, &path)?;
    temp.flush().map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    let len = temp.as_file().metadata().map_err(io)?.len();
    temp.persist(out).map_err(|e| io(e.error))?;
    Ok(len)
}

/// The size of `package` written as a zip, in bytes (the bytes are counted, not kept).
pub fn zip_len(package: &mut Package) -> Result<u64, WriteError> {
    let name = package.name().to_owned();
    Ok(zip_into(package, Count::default(), &name)?.len)
}

/// Write `package`'s files as a zip into `out`; `path` names it in errors.
fn zip_into<W: Write + Seek>(package: &mut Package, out: W, path: &str) -> Result<W, WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_owned(),
        source,
    };
    let zip_err = |source| WriteError::Zip {
        path: path.to_owned(),
        source,
    };
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let names: Vec<String> = package.files().keys().map(|k| (*k).to_owned()).collect();
    let mut zip = ZipWriter::new(out);
    for name in names {
        let bytes = package.read(&name)?;
        zip.start_file(name.as_str(), options).map_err(zip_err)?;
        zip.write_all(&bytes).map_err(io)?;
    }
    zip.finish().map_err(zip_err)
}

/// A writer that keeps only the length of what it was given.
#[derive(Default)]
struct Count {
    pos: u64,
    len: u64,
}

impl Write for Count {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pos += buf.len() as u64;
        self.len = self.len.max(self.pos);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Seek for Count {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = target.ok_or_else(|| std::io::Error::other("seek before the start"))?;
        Ok(self.pos)
    }
}
