//! Images larger than the effect can show: the size to propose, and the resized copy.
//!
//! An effect never shows more pixels than its output has, so an image whose longer side exceeds
//! the longer side of `meta.targetResolution` ([`FALLBACK_MAX_SIDE`] when it is unknown) only
//! costs texture memory — `width * height * 4` bytes a frame once decoded, as the export's
//! `textureBytes` budget counts it. [`fit`] proposes the size within that limit (aspect ratio
//! kept); [`shrink`] resamples the bytes to it with Lanczos3 (premultiplied, so transparent
//! edges get no dark fringe) and encodes them in the source's format: a PNG stays a PNG with its
//! alpha, a JPEG stays a JPEG, a WebP stays a (lossless) WebP.

use std::io::Cursor;
use std::path::Path;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::webp::WebPEncoder;
use image::imageops::{self, FilterType};
use image::{DynamicImage, ImageBuffer, ImageFormat, Rgba};
use lantern_engine::schema::format::Resolution;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::refuse;
use crate::error::IpcError;

/// The limit when the effect's target resolution is not known.
pub const FALLBACK_MAX_SIDE: u32 = 2048;

/// JPEG quality of a downscaled JPEG (high: it is encoded once more).
const JPEG_QUALITY: u8 = 92;

/// An image (or the frames of a sequence) larger than the effect can show, with a proposed size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Oversized {
    /// The path as given to the import: a file, a folder of frames, or a sequence's first frame.
    pub source: String,
    pub width: u32,
    pub height: u32,
    /// 1 for a still, the frame count of a sequence.
    pub frames: u32,
    /// Decoded texture memory at this size (all frames).
    #[ts(type = "number")]
    pub texture_bytes: u64,
    /// The longest side the effect can show.
    pub max_side: u32,
    pub proposed_width: u32,
    pub proposed_height: u32,
    /// Decoded texture memory at the proposed size (all frames).
    #[ts(type = "number")]
    pub proposed_texture_bytes: u64,
}

/// Import `source` (as named in an [`Oversized`]) scaled to fit within `max_side` pixels.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Downscale {
    pub source: String,
    pub max_side: u32,
}

/// The longest side an image of an effect made for `target` needs.
pub fn max_side(target: Option<Resolution>) -> u32 {
    match target.map(|r| r.width.max(r.height)) {
        Some(side) if side > 0 => side,
        _ => FALLBACK_MAX_SIDE,
    }
}

/// Decoded texture memory of `frames` frames of `width` x `height` RGBA8.
pub fn texture_bytes(width: u32, height: u32, frames: u32) -> u64 {
    u64::from(width) * u64::from(height) * 4 * u64::from(frames)
}

/// The size `width` x `height` scaled to fit within `max_side` (aspect ratio kept, at least 1
/// pixel a side), or `None` when it already fits.
pub fn fit(width: u32, height: u32, max_side: u32) -> Option<(u32, u32)> {
    let longer = width.max(height);
    if longer <= max_side || max_side == 0 {
        return None;
    }
    let scale = |side: u32| {
        let scaled =
            (u64::from(side) * u64::from(max_side) + u64::from(longer) / 2) / u64::from(longer);
        u32::try_from(scaled).unwrap_or(max_side).clamp(1, max_side)
    };
    Some((scale(width), scale(height)))
}

/// What an import of `frames` frames of `width` x `height` from `source` would be offered, if
/// anything.
pub fn oversized(
    source: &str,
    (width, height): (u32, u32),
    frames: u32,
    max_side: u32,
) -> Option<Oversized> {
    let (proposed_width, proposed_height) = fit(width, height, max_side)?;
    Some(Oversized {
        source: source.to_owned(),
        width,
        height,
        frames,
        texture_bytes: texture_bytes(width, height, frames),
        max_side,
        proposed_width,
        proposed_height,
        proposed_texture_bytes: texture_bytes(proposed_width, proposed_height, frames),
    })
}

/// The still `bytes` of `source` (`ext` as detected, `size` in pixels) resized to fit within
/// `max_side`, with their new size; unchanged when they already fit.
pub fn apply(
    source: &Path,
    bytes: Vec<u8>,
    ext: &str,
    size: (u32, u32),
    max_side: u32,
) -> Result<(Vec<u8>, (u32, u32)), IpcError> {
    let Some(to) = fit(size.0, size.1, max_side) else {
        return Ok((bytes, size));
    };
    let small = shrink(&bytes, ext, to).map_err(|why| {
        refuse(
            source,
            format!(
                "downscaling it to {}x{} failed ({why}): import it at its original size",
                to.0, to.1
            ),
        )
    })?;
    Ok((small, to))
}

/// `bytes` (a still PNG, JPEG or WebP, `ext` as detected) resampled to `width` x `height` and
/// encoded in the same format.
fn shrink(bytes: &[u8], ext: &str, (width, height): (u32, u32)) -> Result<Vec<u8>, String> {
    let format = match ext {
        "png" => ImageFormat::Png,
        "jpg" => ImageFormat::Jpeg,
        "webp" => ImageFormat::WebP,
        other => return Err(format!("{other} images cannot be downscaled")),
    };
    let img = image::load_from_memory_with_format(bytes, format).map_err(|e| e.to_string())?;
    let small = resample(&img, width, height);
    encode(&small, format).map_err(|e| e.to_string())
}

/// Lanczos3 resampling; images with alpha are resampled premultiplied (16 bits a channel).
fn resample(img: &DynamicImage, width: u32, height: u32) -> DynamicImage {
    if !img.color().has_alpha() {
        return img.resize_exact(width, height, FilterType::Lanczos3);
    }
    let mut px = img.to_rgba16();
    for p in px.pixels_mut() {
        let a = u32::from(p[3]);
        for c in &mut p.0[..3] {
            *c = ((u32::from(*c) * a + 32_767) / 65_535) as u16;
        }
    }
    let mut out: ImageBuffer<Rgba<u16>, Vec<u16>> =
        imageops::resize(&px, width, height, FilterType::Lanczos3);
    for p in out.pixels_mut() {
        let a = u32::from(p[3]);
        if a == 0 {
            p.0 = [0; 4];
            continue;
        }
        for c in &mut p.0[..3] {
            *c = ((u32::from(*c) * 65_535 + a / 2) / a).min(65_535) as u16;
        }
    }
    let out = DynamicImage::ImageRgba16(out);
    match img {
        DynamicImage::ImageRgba16(_) | DynamicImage::ImageLumaA16(_) => out,
        _ => DynamicImage::ImageRgba8(out.to_rgba8()),
    }
}

/// Encode `img` as `format`, in a colour type that format takes.
fn encode(img: &DynamicImage, format: ImageFormat) -> Result<Vec<u8>, image::ImageError> {
    let mut out = Cursor::new(Vec::new());
    let alpha = img.color().has_alpha();
    match format {
        ImageFormat::Jpeg => img
            .to_rgb8()
            .write_with_encoder(JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY))?,
        ImageFormat::WebP if alpha => img
            .to_rgba8()
            .write_with_encoder(WebPEncoder::new_lossless(&mut out))?,
        ImageFormat::WebP => img
            .to_rgb8()
            .write_with_encoder(WebPEncoder::new_lossless(&mut out))?,
        _ => img.write_to(&mut out, format)?,
    }
    Ok(out.into_inner())
}
