//! The first step of an import: which of its images are larger than the effect can show.
//!
//! The Studio asks about these before anything is copied, so a downscaled image never lands in
//! the project at full size (every file in the project folder is packed, referenced or not).
//! Files are recognised exactly as the import recognises them, so a file that cannot be
//! imported is refused here with the import's own message. Stills and numbered sequences can be
//! downscaled (every frame of a sequence to one size); GIFs, APNGs, fonts, LUTs and scripts are
//! left as they are.

use std::path::{Path, PathBuf};

use lantern_engine::schema::format::Resolution;
use lantern_engine::schema::package::Limits;

use super::detect::{self, Kind};
use super::downscale::{self, Oversized};
use super::{ImportAs, read_source, refuse, sequence};
use crate::error::{ErrorCode, IpcError};

/// The images among `sources` (imported `how`) larger than an effect made for `target` can show,
/// with the size proposed for each.
pub fn plan(
    sources: &[PathBuf],
    how: ImportAs,
    target: Option<Resolution>,
) -> Result<Vec<Oversized>, IpcError> {
    let Some(first) = sources.first() else {
        return Err(IpcError::new(ErrorCode::Import, "no files to import"));
    };
    let max_side = downscale::max_side(target);
    let limits = Limits::default();
    let sized = |source: &Path, frame: &Path, frames: usize| -> Result<_, IpcError> {
        let frames = u32::try_from(frames).unwrap_or(u32::MAX);
        Ok(still_size(frame, &limits)?.and_then(|size| {
            downscale::oversized(&source.to_string_lossy(), size, frames, max_side)
        }))
    };
    let mut out = Vec::new();
    match how {
        // A LUT is exactly 512x512 or refused.
        ImportAs::Lut => {}
        ImportAs::Sequence => out.extend(sized(first, first, sources.len())?),
        ImportAs::Auto => {
            for source in sources {
                let item = if source.is_dir() {
                    let frames = sequence::frames_in(source)?;
                    match frames.first() {
                        Some(frame) => sized(source, frame, frames.len())?,
                        None => None,
                    }
                } else {
                    sized(source, source, 1)?
                };
                out.extend(item);
            }
        }
    }
    Ok(out)
}

/// The pixel size of a still image, `None` for any other file the import takes.
fn still_size(path: &Path, limits: &Limits) -> Result<Option<(u32, u32)>, IpcError> {
    let bytes = read_source(path, limits)?;
    match detect::detect(path, &bytes, limits).map_err(|why| refuse(path, why))? {
        Kind::Image { width, height, .. } => Ok(Some((width, height))),
        _ => Ok(None),
    }
}
