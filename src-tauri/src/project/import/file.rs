//! One file imported by what it is: a still, a GIF or APNG animation, a font, a LUT, a script or a
//! sound, copied to the folder of its kind (a still first downscaled when the person chose so).

use std::path::Path;

use lantern_engine::schema::format::{Asset, FileAsset, ImageAsset, SequenceSource};
use lantern_engine::schema::package::Limits;

use super::detect::{self, Kind};
use super::naming::{self, Ids};
use super::{ImportAs, ImportedAsset, animation, downscale, read_source, refuse, write_new};
use crate::error::IpcError;

/// Import one file; `fit` is the longest side a still is downscaled to, if asked.
pub fn import(
    dir: &Path,
    source: &Path,
    ids: &mut Ids,
    limits: &Limits,
    how: ImportAs,
    fit: Option<u32>,
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
        Kind::Audio { ext } => ("sounds", ext, 0, 0, 0),
    };
    let (bytes, (width, height)) = match (kind, fit) {
        (Kind::Image { .. }, Some(max)) if how != ImportAs::Lut => {
            downscale::apply(source, bytes, ext, (width, height), max)?
        }
        _ => (bytes, (width, height)),
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
        Kind::Audio { .. } => Asset::Audio(FileAsset {
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
