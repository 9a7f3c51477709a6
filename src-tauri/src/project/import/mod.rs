//! Importing files into a project: recognise each file, copy it into the project folder under a
//! safe, unique name, and return the asset entry for the document.
//!
//! 1. [`detect`] reads each file (under the package size cap) and recognises it by signature.
//! 2. [`naming`] picks the destination (`images/`, `fonts/`, `luts/`, `scripts/`,
//!    `sequences/<name>/`) and an id no other element uses.
//! 3. The bytes are written to a temporary file and renamed into place without overwriting.
//!
//! One file at a time is [`file`]'s; a folder, or several files imported with [`ImportAs::Sequence`], become one numbered sequence
//! (frames ordered by the number in their names, renumbered from 0). Anything unrecognised, too
//! large or inconsistent is refused with a message naming the file and the fix; nothing is
//! copied for a refused file.
//!
//! Before importing, the Studio asks [`plan`] which images are larger than the effect can show;
//! those the person chooses to downscale are passed as [`Downscale`]s and written resized
//! ([`downscale`]); the file outside the project is only ever read.

mod detect;
mod downscale;
mod file;
mod naming;
mod plan;
mod sequence;

use std::io::Write;
use std::path::{Path, PathBuf};

use lantern_engine::schema::format::{Asset, Playback, SequenceAsset, SequenceSource};
use lantern_engine::schema::package::Limits;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ErrorCode, IpcError};
pub use downscale::{Downscale, Oversized};
pub use naming::Ids;
pub use plan::plan;

/// Frames per second given to imported animations (editable in the asset inspector).
pub const DEFAULT_FPS: f32 = 12.0;

/// How to treat the files of one import.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ImportAs {
    /// Each file by what it is; a folder becomes a numbered sequence of its images.
    #[default]
    Auto,
    /// Each file is a colour LUT (`.cube`, or a 512x512 PNG).
    Lut,
    /// All files together are the frames of one numbered sequence.
    Sequence,
}

/// One new asset: the entry to add to `assets`, and what its files hold.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportedAsset {
    pub asset: Asset,
    /// The files written into the project, package-relative.
    pub files: Vec<String>,
    /// Their total size.
    #[ts(type = "number")]
    pub bytes: u64,
    /// Image or frame size (0 for fonts, LUT files and scripts).
    pub width: u32,
    pub height: u32,
    /// 1 for stills, the frame count for animations, 0 otherwise.
    pub frames: u32,
}

/// Import `sources` into the project at `dir`; `taken` are the ids the document already uses.
pub fn import(
    dir: &Path,
    sources: &[PathBuf],
    taken: &[String],
    how: ImportAs,
) -> Result<Vec<ImportedAsset>, IpcError> {
    import_with(dir, sources, taken, how, &[])
}

/// [`import`], writing the stills and sequences named in `downscale` resized to fit its limit.
pub fn import_with(
    dir: &Path,
    sources: &[PathBuf],
    taken: &[String],
    how: ImportAs,
    downscale: &[Downscale],
) -> Result<Vec<ImportedAsset>, IpcError> {
    super::document::require_project(dir)?;
    let fit = |source: &Path| {
        downscale
            .iter()
            .find(|d| Path::new(&d.source) == source)
            .map(|d| d.max_side)
    };
    if sources.is_empty() {
        return Err(IpcError::new(ErrorCode::Import, "no files to import"));
    }
    let limits = Limits::default();
    let mut ids = Ids::new(taken);
    if how == ImportAs::Sequence {
        let all = sources.first().and_then(|first| fit(first));
        let seq = sequence::import(dir, sources, &mut ids, &limits, all)?;
        return Ok(vec![seq]);
    }
    let mut out: Vec<ImportedAsset> = Vec::new();
    for source in sources {
        let item = if source.is_dir() {
            sequence::frames_in(source)
                .and_then(|frames| sequence::import(dir, &frames, &mut ids, &limits, fit(source)))
        } else {
            file::import(dir, source, &mut ids, &limits, how, fit(source))
        };
        match item {
            Ok(item) => out.push(item),
            Err(err) => {
                // All or nothing: take back the files this import already wrote.
                for file in out.iter().flat_map(|i| &i.files) {
                    let _ = std::fs::remove_file(dir.join(file));
                }
                return Err(err);
            }
        }
    }
    Ok(out)
}

/// Read a file to import, refusing what the package reader would refuse for its size.
pub(super) fn read_source(source: &Path, limits: &Limits) -> Result<Vec<u8>, IpcError> {
    let meta = std::fs::metadata(source).map_err(|e| refuse(source, e))?;
    if !meta.is_file() {
        return Err(refuse(source, "not a regular file"));
    }
    if meta.len() > limits.max_file_bytes {
        return Err(refuse(
            source,
            format!(
                "{} bytes; a package file may be at most {} bytes: make it smaller first",
                meta.len(),
                limits.max_file_bytes
            ),
        ));
    }
    std::fs::read(source).map_err(|e| refuse(source, e))
}

/// An import refusal naming the source file.
pub(super) fn refuse(source: &Path, why: impl std::fmt::Display) -> IpcError {
    IpcError::new(
        ErrorCode::Import,
        format!("cannot import {}: {why}", source.display()),
    )
}

pub(super) fn animation(id: String, source: SequenceSource) -> Asset {
    Asset::Sequence(SequenceAsset {
        id,
        source,
        fps: DEFAULT_FPS,
        playback: Playback::Loop,
    })
}

/// Write `bytes` as `<folder>/<stem>.<ext>` (or the first free `-N` variant) in the project;
/// returns the package-relative path. Never overwrites, never leaves a partial file.
pub(super) fn write_new(
    dir: &Path,
    folder: &str,
    stem: &str,
    ext: &str,
    bytes: &[u8],
) -> Result<String, IpcError> {
    let target_dir = dir.join(folder);
    std::fs::create_dir_all(&target_dir)
        .map_err(|e| IpcError::io("cannot create", &target_dir, &e))?;
    let name = naming::first_free(stem, |c| target_dir.join(format!("{c}.{ext}")).exists());
    let file_name = format!("{name}.{ext}");
    let target = target_dir.join(&file_name);
    let mut temp = tempfile::Builder::new()
        .prefix(".import-")
        .tempfile_in(&target_dir)
        .map_err(|e| IpcError::io("cannot create a temporary file in", &target_dir, &e))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| IpcError::io("cannot write", &target, &e))?;
    temp.persist_noclobber(&target)
        .map_err(|e| IpcError::io("cannot create", &target, &e.error))?;
    Ok(format!("{folder}/{file_name}"))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
