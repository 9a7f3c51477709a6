//! Header-only checks of asset files: image size, frame counts, font and LUT signatures.
//!
//! Nothing here decodes pixels: image dimensions come from the format header
//! (`into_dimensions`), GIF frames are counted by walking the block structure, APNG frames are
//! read from the `acTL` chunk. A 30000x30000 PNG is refused from its first 33 bytes.

use std::io::Cursor;

use image::{ImageFormat, ImageReader};

/// What a still image's header says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageHeader {
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
}

/// Read an image's format and size from its header.
pub fn image_header(bytes: &[u8]) -> Result<ImageHeader, String> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot read: {e}"))?;
    let format = reader
        .format()
        .ok_or("not a PNG, JPEG or WebP image (unknown signature)")?;
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP | ImageFormat::Gif
    ) {
        return Err(format!(
            "{format:?} images are not supported: use PNG, JPEG or WebP"
        ));
    }
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| format!("not a readable {format:?} image: {e}"))?;
    Ok(ImageHeader {
        format,
        width,
        height,
    })
}

/// Count a GIF's frames by walking its blocks (no LZW decoding). Stops counting past `cap`.
pub fn gif_frames(bytes: &[u8], cap: u32) -> Result<u32, String> {
    let bad = || "not a well-formed GIF".to_owned();
    if bytes.len() < 13 || !(bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a")) {
        return Err(bad());
    }
    let mut pos = 13;
    let flags = bytes[10];
    if flags & 0x80 != 0 {
        pos += 3 * (1 << ((flags & 7) + 1));
    }
    let skip_sub_blocks = |mut pos: usize| -> Option<usize> {
        loop {
            let len = *bytes.get(pos)? as usize;
            pos += 1 + len;
            if len == 0 {
                return Some(pos);
            }
        }
    };
    let mut frames = 0u32;
    loop {
        match bytes.get(pos).copied() {
            Some(0x3B) => return Ok(frames),
            Some(0x21) => pos = skip_sub_blocks(pos + 2).ok_or_else(bad)?,
            Some(0x2C) => {
                frames += 1;
                if frames > cap {
                    return Ok(frames);
                }
                let flags = *bytes.get(pos + 9).ok_or_else(bad)?;
                pos += 10;
                if flags & 0x80 != 0 {
                    pos += 3 * (1 << ((flags & 7) + 1));
                }
                pos = skip_sub_blocks(pos + 1).ok_or_else(bad)?; // +1: LZW minimum code size
            }
            // A missing trailer is common in the wild: count what we saw.
            None if frames > 0 => return Ok(frames),
            _ => return Err(bad()),
        }
    }
}

/// An APNG's frame count from its `acTL` chunk (`None`: a plain PNG).
pub fn apng_frames(bytes: &[u8]) -> Result<Option<u32>, String> {
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err("not a PNG file".into());
    }
    let mut pos = 8;
    while pos + 8 <= bytes.len() {
        let len = u32::from_be_bytes([bytes[pos], bytes[pos + 1], bytes[pos + 2], bytes[pos + 3]])
            as usize;
        let kind = &bytes[pos + 4..pos + 8];
        if kind == b"acTL" {
            let data = bytes.get(pos + 8..pos + 12).ok_or("truncated acTL chunk")?;
            return Ok(Some(u32::from_be_bytes([
                data[0], data[1], data[2], data[3],
            ])));
        }
        if kind == b"IDAT" || kind == b"IEND" {
            return Ok(None);
        }
        pos = pos.saturating_add(12).saturating_add(len);
    }
    Err("truncated PNG file".into())
}

/// Whether the bytes start like a TrueType/OpenType font or collection.
pub fn is_font(bytes: &[u8]) -> bool {
    bytes.len() >= 12
        && matches!(
            &bytes[..4],
            b"\x00\x01\x00\x00" | b"OTTO" | b"true" | b"ttcf"
        )
}

/// The container an audio file's first bytes announce (`"wav"`, `"ogg"`, `"mp3"`, `"m4a"`,
/// `"aac"`), or `None` when they look like none of the formats Lantern decodes.
pub fn audio_kind(bytes: &[u8]) -> Option<&'static str> {
    let head = |n: usize| bytes.get(..n);
    if head(4) == Some(b"RIFF") && bytes.get(8..12) == Some(b"WAVE") {
        Some("wav")
    } else if head(4) == Some(b"OggS") {
        Some("ogg")
    } else if head(3) == Some(b"ID3") {
        Some("mp3")
    } else if bytes.get(4..8) == Some(b"ftyp") {
        Some("m4a")
    } else if let [0xFF, second, ..] = bytes {
        // A frame sync: MPEG audio layer III (`FFFB`, `FFF3`, `FFE3`…) or ADTS AAC (`FFF1`, `FFF9`).
        match second & 0xF6 {
            0xF0 => Some("aac"),
            _ if second & 0xE0 == 0xE0 => Some("mp3"),
            _ => None,
        }
    } else {
        None
    }
}

/// Check an Adobe `.cube` 3D LUT: a `LUT_3D_SIZE` of 2..=64 and exactly size³ rows of 3 numbers.
pub fn check_cube(bytes: &[u8]) -> Result<u32, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "a .cube file must be text (UTF-8)")?;
    let mut size = None;
    let mut rows = 0u64;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(v) = line.strip_prefix("LUT_3D_SIZE") {
            let s: u32 = v
                .trim()
                .parse()
                .map_err(|_| format!("line {}: LUT_3D_SIZE is not a number", n + 1))?;
            if !(2..=64).contains(&s) {
                return Err(format!("LUT_3D_SIZE {s} is outside 2..=64"));
            }
            size = Some(s);
        } else if line.starts_with(|c: char| c.is_ascii_alphabetic()) {
            if line.starts_with("LUT_1D_SIZE") {
                return Err("1D LUTs are not supported: use a 3D LUT".into());
            }
            // TITLE, DOMAIN_MIN, DOMAIN_MAX
        } else {
            let ok = line
                .split_whitespace()
                .filter(|v| v.parse::<f32>().is_ok())
                .count()
                == 3
                && line.split_whitespace().count() == 3;
            if !ok {
                return Err(format!("line {}: expected three numbers", n + 1));
            }
            rows += 1;
        }
    }
    let size = size.ok_or("missing LUT_3D_SIZE")?;
    let want = u64::from(size).pow(3);
    if rows != want {
        return Err(format!(
            "LUT_3D_SIZE {size} needs {want} rows, found {rows}"
        ));
    }
    Ok(size)
}
