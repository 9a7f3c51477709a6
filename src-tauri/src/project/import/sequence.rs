//! Numbered sequences: several still images (or a folder of them) become one `sequence` asset.
//!
//! Frames are ordered by the number at the end of their names (`glow_2` before `glow_10`), must
//! share one format and one size, and are copied to `sequences/<name>/<name>_NNN.<ext>`
//! numbered from 0, so the asset's `frames` pattern always matches. Downscaled, every frame gets
//! the same size.

use std::path::{Path, PathBuf};

use lantern_engine::schema::format::SequenceSource;
use lantern_engine::schema::package::Limits;

use super::detect::{self, Kind};
use super::downscale;
use super::naming::{self, Ids};
use super::{ImportedAsset, animation, read_source, refuse, write_new};
use crate::error::IpcError;

/// The image files directly inside `folder`, for importing the folder as a sequence.
pub fn frames_in(folder: &Path) -> Result<Vec<PathBuf>, IpcError> {
    let read = std::fs::read_dir(folder).map_err(|e| refuse(folder, e))?;
    let mut frames = Vec::new();
    for entry in read {
        let path = entry.map_err(|e| refuse(folder, e))?.path();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if path.is_file() && !hidden && matches!(ext.as_str(), "png" | "jpg" | "jpeg" | "webp") {
            frames.push(path);
        }
    }
    if frames.is_empty() {
        return Err(refuse(
            folder,
            "the folder has no PNG, JPEG or WebP frames to import as a sequence",
        ));
    }
    Ok(frames)
}

/// Import `sources` as the frames of one sequence; `fit` is the longest side the frames are
/// downscaled to, if asked.
pub fn import(
    dir: &Path,
    sources: &[PathBuf],
    ids: &mut Ids,
    limits: &Limits,
    fit: Option<u32>,
) -> Result<ImportedAsset, IpcError> {
    let first = sources
        .first()
        .ok_or_else(|| refuse(dir, "a sequence needs at least one frame"))?;
    if sources.len() > limits.max_frames as usize {
        return Err(refuse(
            first,
            format!(
                "{} frames; a sequence may have at most {}",
                sources.len(),
                limits.max_frames
            ),
        ));
    }
    let mut ordered: Vec<&PathBuf> = sources.iter().collect();
    ordered.sort_by_key(|p| (naming::frame_number(p), (*p).clone()));
    let mut frames: Vec<Vec<u8>> = Vec::with_capacity(ordered.len());
    let mut shape: Option<(&'static str, u32, u32)> = None;
    for path in &ordered {
        let bytes = read_source(path, limits)?;
        let Kind::Image { ext, width, height } =
            detect::detect(path, &bytes, limits).map_err(|why| refuse(path, why))?
        else {
            return Err(refuse(
                path,
                "a sequence frame must be a still PNG, JPEG or WebP image",
            ));
        };
        match shape {
            None => shape = Some((ext, width, height)),
            Some(s) if s != (ext, width, height) => {
                return Err(refuse(
                    path,
                    format!(
                        "a {ext} of {width}x{height}, but the first frame is a {} of {}x{}: \
                         all frames must share one format and size",
                        s.0, s.1, s.2
                    ),
                ));
            }
            Some(_) => {}
        }
        frames.push(bytes);
    }
    let (ext, mut width, mut height) = shape.unwrap_or(("png", 0, 0));
    if let Some(max) = fit {
        let full = (width, height);
        let mut small = Vec::with_capacity(frames.len());
        for (path, bytes) in ordered.iter().zip(frames) {
            let (bytes, size) = downscale::apply(path, bytes, ext, full, max)?;
            small.push(bytes);
            (width, height) = size;
        }
        frames = small;
    }
    let stem = naming::sequence_stem(first);
    let folder_name = naming::first_free(&stem, |c| dir.join("sequences").join(c).exists());
    let folder = format!("sequences/{folder_name}");
    let digits = (frames.len().saturating_sub(1)).to_string().len().max(3);
    let mut files = Vec::with_capacity(frames.len());
    let mut bytes_total = 0u64;
    for (n, bytes) in frames.iter().enumerate() {
        let stem = format!("{folder_name}_{n:0digits$}");
        match write_new(dir, &folder, &stem, ext, bytes) {
            Ok(rel) => files.push(rel),
            Err(err) => {
                let _ = std::fs::remove_dir_all(dir.join(&folder));
                return Err(err);
            }
        }
        bytes_total += bytes.len() as u64;
    }
    let pattern = format!("{folder}/{folder_name}_{}.{ext}", "#".repeat(digits));
    let count = frames.len() as u32;
    Ok(ImportedAsset {
        asset: animation(
            ids.claim(&folder_name),
            SequenceSource::Frames {
                pattern,
                count,
                start: 0,
            },
        ),
        files,
        bytes: bytes_total,
        width,
        height,
        frames: count,
    })
}
