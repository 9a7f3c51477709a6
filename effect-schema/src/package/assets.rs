//! Checks of the asset files against the package: existence, headers, caps, texture memory.

use std::collections::BTreeSet;
use std::path::Path;

use image::ImageFormat;

use super::media::{self, ImageHeader};
use super::source::Source;
use super::{EFFECT_JSON, Limits, paths};
use crate::diag::{Diagnostic, did_you_mean};
use crate::format::{Asset, AssetKind, Effect};

mod sequence;

/// What an asset's files say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssetInfo {
    pub id: String,
    pub kind: AssetKind,
    /// Bytes of all its files.
    pub bytes: u64,
    /// Frame (or image) size, for images and sequences.
    pub width: u32,
    pub height: u32,
    /// 1 for stills, the frame count for sequences, 0 for non-images.
    pub frames: u32,
    /// Decoded RGBA8 memory.
    pub texture_bytes: u64,
    /// A script whose source names `landmarks` (see [`crate::Capabilities::hand_anchors`]).
    pub names_landmarks: bool,
}

struct Checker<'a> {
    source: &'a mut Source,
    limits: &'a Limits,
    out: &'a mut Vec<Diagnostic>,
    used: BTreeSet<String>,
}

impl Checker<'_> {
    /// Read a referenced file, reporting a missing file at `pointer` in effect.json.
    fn read(&mut self, pointer: &str, path: &str) -> Option<Vec<u8>> {
        if let Err(why) = paths::check(path) {
            self.out.push(Diagnostic::at(
                EFFECT_JSON,
                pointer,
                format!("path \"{path}\": {why}"),
            ));
            return None;
        }
        if !self.source.files.contains_key(path) {
            let hint = did_you_mean(path, self.source.files.keys().map(String::as_str));
            self.out.push(Diagnostic::at(
                EFFECT_JSON,
                pointer,
                format!("file \"{path}\" is not in the package{hint}"),
            ));
            return None;
        }
        self.used.insert(path.to_owned());
        match self.source.read(path) {
            Ok(bytes) => Some(bytes),
            Err(d) => {
                self.out.push(d);
                None
            }
        }
    }

    fn image(&mut self, pointer: &str, path: &str, allow_gif: bool) -> Option<ImageHeader> {
        let bytes = self.read(pointer, path)?;
        let header = match media::image_header(&bytes) {
            Ok(h) if h.format == ImageFormat::Gif && !allow_gif => {
                self.out.push(Diagnostic::file(
                    path,
                    "a GIF here: use a PNG, JPEG or WebP (GIFs are sequences: \"source\": {\"gif\": …})",
                ));
                return None;
            }
            Ok(h) => h,
            Err(why) => {
                self.out.push(Diagnostic::file(path, why));
                return None;
            }
        };
        let max = self.limits.max_image_side;
        if header.width == 0 || header.height == 0 || header.width > max || header.height > max {
            self.out.push(Diagnostic::file(
                path,
                format!(
                    "{}x{} pixels; images must be 1..{max} pixels on each side: scale it down",
                    header.width, header.height
                ),
            ));
            return None;
        }
        Some(header)
    }

    fn frames_cap(&mut self, path: &str, frames: u32) -> bool {
        if frames == 0 || frames > self.limits.max_frames {
            self.out.push(Diagnostic::file(
                path,
                format!(
                    "{frames} frames; a sequence may have 1..={} frames",
                    self.limits.max_frames
                ),
            ));
            return false;
        }
        true
    }
}

/// Check every asset (and the thumbnail); returns what the headers say and warnings.
pub(super) fn check(
    source: &mut Source,
    effect: &Effect,
    index: &[usize],
    limits: &Limits,
    out: &mut Vec<Diagnostic>,
) -> (Vec<AssetInfo>, Vec<Diagnostic>) {
    let mut cx = Checker {
        source,
        limits,
        out,
        used: BTreeSet::new(),
    };
    cx.used.insert(EFFECT_JSON.to_owned());
    let mut infos = Vec::new();
    for (asset, &i) in effect.assets.iter().zip(index) {
        let p = format!("/assets/{i}");
        let mut info = AssetInfo {
            id: asset.id().to_owned(),
            kind: asset.kind(),
            bytes: asset
                .files()
                .iter()
                .filter_map(|f| cx.source.files.get(f).map(|&(s, _)| s))
                .sum(),
            width: 0,
            height: 0,
            frames: 0,
            texture_bytes: 0,
            names_landmarks: false,
        };
        match asset {
            Asset::Image(a) => {
                if let Some(h) = cx.image(&format!("{p}/path"), &a.path, false) {
                    (info.width, info.height, info.frames) = (h.width, h.height, 1);
                }
            }
            Asset::Sequence(s) => sequence::sequence(&mut cx, &p, &s.source, &mut info),
            Asset::Font(a) => {
                if let Some(bytes) = cx.read(&format!("{p}/path"), &a.path)
                    && !media::is_font(&bytes)
                {
                    cx.out.push(Diagnostic::file(
                        &a.path,
                        "not a TrueType/OpenType font (.ttf, .otf, .ttc)",
                    ));
                }
            }
            Asset::Lut(a) => {
                let pointer = format!("{p}/path");
                if a.path.to_ascii_lowercase().ends_with(".cube") {
                    if let Some(bytes) = cx.read(&pointer, &a.path)
                        && let Err(why) = media::check_cube(&bytes)
                    {
                        cx.out.push(Diagnostic::file(&a.path, why));
                    }
                } else if let Some(h) = cx.image(&pointer, &a.path, false)
                    && (h.width != 512 || h.height != 512)
                {
                    cx.out.push(Diagnostic::file(
                        &a.path,
                        format!(
                            "an image LUT must be 512x512 (8x8 tiles of 64x64), found {}x{}",
                            h.width, h.height
                        ),
                    ));
                }
            }
            Asset::Audio(a) => {
                if let Some(bytes) = cx.read(&format!("{p}/path"), &a.path)
                    && media::audio_kind(&bytes).is_none()
                {
                    cx.out.push(Diagnostic::file(
                        &a.path,
                        "not an audio file Lantern plays: use WAV, OGG/Vorbis, MP3 or AAC (.m4a)",
                    ));
                }
            }
            Asset::Script(a) => {
                if let Some(bytes) = cx.read(&format!("{p}/path"), &a.path) {
                    match std::str::from_utf8(&bytes) {
                        Ok(source) => info.names_landmarks = source.contains("landmarks"),
                        Err(_) => cx
                            .out
                            .push(Diagnostic::file(&a.path, "a script must be UTF-8 text")),
                    }
                }
            }
        }
        info.texture_bytes =
            u64::from(info.width) * u64::from(info.height) * 4 * u64::from(info.frames);
        infos.push(info);
    }
    if let Some(thumb) = &effect.meta.thumbnail {
        cx.image("/meta/thumbnail", thumb, false);
    }
    let warnings = cx
        .source
        .files
        .keys()
        .filter(|f| !cx.used.contains(*f) && !is_doc(f))
        .map(|f| Diagnostic::file(f, "not referenced by effect.json (it is packed anyway)"))
        .collect();
    (infos, warnings)
}

/// Documentation files packed beside the effect (not worth a warning when unreferenced).
fn is_doc(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    Path::new(&lower)
        .extension()
        .is_some_and(|e| e == "md" || e == "txt")
}
