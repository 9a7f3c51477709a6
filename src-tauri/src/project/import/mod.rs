//! Importing files into a project: recognise each file, copy it into the project folder under a
//! safe, unique name, and return the asset entry for the document.
//!
//! 1. [`detect`] reads each file (under the package size cap) and recognises it by signature.
//! 2. [`naming`] picks the destination (`images/`, `fonts/`, `luts/`, `scripts/`,
//!    `sequences/<name>/`) and an id no other element uses.
//! 3. The bytes are written to a temporary file and renamed into place without overwriting.
//!
//! A folder, or several files imported with [`ImportAs::Sequence`], become one numbered sequence
//! (frames ordered by the number in their names, renumbered from 0). Anything unrecognised, too
//! large or inconsistent is refused with a message naming the file and the fix; nothing is
//! copied for a refused file.

mod detect;
mod naming;
mod sequence;

use std::io::Write;
use std::path::{Path, PathBuf};

use lantern_engine::schema::format::{
    Asset, FileAsset, ImageAsset, Playback, SequenceAsset, SequenceSource,
};
use lantern_engine::schema::package::Limits;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ErrorCode, IpcError};
use detect::Kind;
pub use naming::Ids;

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
    super::document::require_project(dir)?;
    if sources.is_empty() {
        return Err(IpcError::new(ErrorCode::Import, "no files to import"));
    }
    let limits = Limits::default();
    let mut ids = Ids::new(taken);
    if how == ImportAs::Sequence {
        return Ok(vec![sequence::import(dir, sources, &mut ids, &limits)?]);
    }
    let mut out: Vec<ImportedAsset> = Vec::new();
    for source in sources {
        let item = if source.is_dir() {
            sequence::frames_in(source)
                .and_then(|frames| sequence::import(dir, &frames, &mut ids, &limits))
        } else {
            import_file(dir, source, &mut ids, &limits, how)
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

fn import_file(
    dir: &Path,
    source: &Path,
    ids: &mut Ids,
    limits: &Limits,
    how: ImportAs,
) -> Result<ImportedAsset, IpcError> {
    let bytes = read_source(source, limits)?;
    let kind = detect::detect(source, &bytes, limits).map_err(|why| refuse(source, why))?;
    let stem = naming::safe_stem(source);
    let id = ids.claim(&stem);
    let (folder, ext, width, height, frames) = match kind {
        Kind::Image { ext, width, height } if how == ImportAs::Lut => {
            if (width, height) != (512, 512) {
                return Err(refuse(
                    source,
                    format!(
                        "an image LUT must be 512x512 (8x8 tiles of 64x64), this is {width}x{height}"
                    ),
                ));
            }
            ("luts", ext, width, height, 1)
        }
        _ if how == ImportAs::Lut && kind != Kind::Cube => {
            return Err(refuse(
                source,
                "not a LUT: use a .cube file or a 512x512 PNG",
            ));
        }
        Kind::Image { ext, width, height } => ("images", ext, width, height, 1),
        Kind::Gif {
            width,
            height,
            frames,
        } => ("images", "gif", width, height, frames),
        Kind::Apng {
            width,
            height,
            frames,
        } => ("images", "png", width, height, frames),
        Kind::Font { ext } => ("fonts", ext, 0, 0, 0),
        Kind::Cube => ("luts", "cube", 0, 0, 0),
        Kind::Script => ("scripts", "js", 0, 0, 0),
    };
    let rel = write_new(dir, folder, &stem, ext, &bytes)?;
    let asset = match kind {
        _ if how == ImportAs::Lut => Asset::Lut(FileAsset {
            id,
            path: rel.clone(),
        }),
        Kind::Image { .. } => Asset::Image(ImageAsset {
            id,
            path: rel.clone(),
        }),
        Kind::Gif { .. } => animation(id, SequenceSource::Gif { path: rel.clone() }),
        Kind::Apng { .. } => animation(id, SequenceSource::Apng { path: rel.clone() }),
        Kind::Font { .. } => Asset::Font(FileAsset {
            id,
            path: rel.clone(),
        }),
        Kind::Cube => Asset::Lut(FileAsset {
            id,
            path: rel.clone(),
        }),
        Kind::Script => Asset::Script(FileAsset {
            id,
            path: rel.clone(),
        }),
    };
    Ok(ImportedAsset {
        asset,
        files: vec![rel],
        bytes: bytes.len() as u64,
        width,
        height,
        frames,
    })
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
