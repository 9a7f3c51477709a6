//! What a file to import is, from its bytes (and, for text formats, its extension).
//!
//! Images are recognised by signature and their size read from the header only; GIFs and
//! APNGs become sequences; fonts are recognised by their magic numbers; `.cube` LUTs and `.js`
//! scripts are text checked with the same rules the package reader applies later.

use std::path::Path;

use lantern_engine::schema::package::Limits;
use lantern_engine::schema::package::media::{self, ImageHeader};

use image::ImageFormat;

/// A recognised file, with the extension its copy gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A still PNG, JPEG or WebP.
    Image {
        ext: &'static str,
        width: u32,
        height: u32,
    },
    /// An animated GIF.
    Gif {
        width: u32,
        height: u32,
        frames: u32,
    },
    /// An animated PNG.
    Apng {
        width: u32,
        height: u32,
        frames: u32,
    },
    Font {
        ext: &'static str,
    },
    Cube,
    Script,
    /// A sound: WAV, OGG/Vorbis, MP3 or AAC (`.m4a`), by its first bytes.
    Audio {
        ext: &'static str,
    },
}

/// The list people see when a file is refused.
pub const SUPPORTED: &str = "Lantern imports PNG, JPEG, WebP, GIF and APNG images, TTF/OTF/TTC \
                             fonts, .cube colour LUTs, .js scripts and WAV, OGG, MP3 and M4A \
                             sounds";

fn ext_of(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// What a file's extension says it is, for the formats Lantern imports by their bytes.
fn named_as(ext: &str) -> Option<&'static str> {
    Some(match ext {
        "png" | "apng" => "a PNG image",
        "jpg" | "jpeg" => "a JPEG image",
        "webp" => "a WebP image",
        "gif" => "a GIF image",
        "ttf" | "otf" | "ttc" => "a TrueType/OpenType font",
        "wav" | "ogg" | "oga" | "mp3" | "m4a" | "aac" => "a sound",
        _ => return None,
    })
}

/// Recognise `bytes` read from `path`, or say why it cannot be imported.
pub fn detect(path: &Path, bytes: &[u8], limits: &Limits) -> Result<Kind, String> {
    let ext = ext_of(path);
    if ext == "cube" {
        media::check_cube(bytes).map_err(|why| format!("not a usable .cube LUT: {why}"))?;
        return Ok(Kind::Cube);
    }
    if ext == "js" || ext == "mjs" {
        std::str::from_utf8(bytes).map_err(|_| "a script must be UTF-8 text".to_owned())?;
        return Ok(Kind::Script);
    }
    if let Some(kind) = media::audio_kind(bytes) {
        // An `.aac` stream keeps its own extension; MPEG-4 audio is `.m4a` whatever it was named.
        return Ok(Kind::Audio { ext: kind });
    }
    if media::is_font(bytes) {
        let ext = match &bytes[..4] {
            b"OTTO" => "otf",
            b"ttcf" => "ttc",
            _ => "ttf",
        };
        return Ok(Kind::Font { ext });
    }
    let header = media::image_header(bytes).map_err(|why| match named_as(&ext) {
        Some("a sound") => "this is not a sound Lantern plays, though its name says so: export \
                            it again as WAV, OGG/Vorbis, MP3 or AAC (.m4a)"
            .to_owned(),
        Some(kind) => format!(
            "this is not {kind}, though its name says so ({why}): open it in an image or font \
             editor and export it again, or give the file the extension of what it really is"
        ),
        None => format!("not a file Lantern can import: {SUPPORTED}"),
    })?;
    check_size(&header, limits)?;
    let ImageHeader {
        format,
        width,
        height,
    } = header;
    match format {
        ImageFormat::Png => match media::apng_frames(bytes)? {
            Some(frames) => {
                check_frames(frames, limits)?;
                Ok(Kind::Apng {
                    width,
                    height,
                    frames,
                })
            }
            None => Ok(Kind::Image {
                ext: "png",
                width,
                height,
            }),
        },
        ImageFormat::Gif => {
            let frames = media::gif_frames(bytes, limits.max_frames)?;
            check_frames(frames, limits)?;
            Ok(Kind::Gif {
                width,
                height,
                frames,
            })
        }
        ImageFormat::Jpeg => Ok(Kind::Image {
            ext: "jpg",
            width,
            height,
        }),
        ImageFormat::WebP => Ok(Kind::Image {
            ext: "webp",
            width,
            height,
        }),
        other => Err(format!("{other:?} images are not supported: {SUPPORTED}")),
    }
}

fn check_size(h: &ImageHeader, limits: &Limits) -> Result<(), String> {
    let max = limits.max_image_side;
    if h.width == 0 || h.height == 0 || h.width > max || h.height > max {
        return Err(format!(
            "{}x{} pixels; images must be 1..{max} pixels on each side: scale it down first",
            h.width, h.height
        ));
    }
    Ok(())
}

fn check_frames(frames: u32, limits: &Limits) -> Result<(), String> {
    if frames == 0 || frames > limits.max_frames {
        return Err(format!(
            "{frames} frames; an animation may have 1..={} frames",
            limits.max_frames
        ));
    }
    Ok(())
}
