//! Sequence sources: numbered frames, GIF, APNG, sprite sheet — each checked against the caps,
//! and measured (frame size and count) for the budget.

use image::ImageFormat;

use super::{AssetInfo, Checker};
use crate::diag::Diagnostic;
use crate::format::SequenceSource;
use crate::package::media;

/// Checks a sequence's source, filling in its frame size and count.
pub(super) fn sequence(cx: &mut Checker<'_>, p: &str, src: &SequenceSource, info: &mut AssetInfo) {
    let found = match src {
        SequenceSource::Frames {
            pattern,
            count,
            start,
        } => frames(
            cx,
            &format!("{p}/source/frames/pattern"),
            pattern,
            *count,
            *start,
        ),
        SequenceSource::Gif { path } => gif(cx, &format!("{p}/source/gif/path"), path),
        SequenceSource::Apng { path } => apng(cx, &format!("{p}/source/apng/path"), path),
        SequenceSource::SpriteSheet {
            path,
            columns,
            rows,
            count,
        } => {
            let pointer = format!("{p}/source/spriteSheet/path");
            sprite_sheet(cx, &pointer, path, (*columns, *rows), *count)
        }
    };
    if let Some((w, h, n)) = found {
        (info.width, info.height, info.frames) = (w, h, n);
    }
}

/// Numbered frames: every one an image of the same size. Returns (width, height, frames).
fn frames(
    cx: &mut Checker<'_>,
    pointer: &str,
    pattern: &str,
    count: u32,
    start: u32,
) -> Option<(u32, u32, u32)> {
    if !cx.frames_cap(pattern, count) {
        return None;
    }
    let mut size = None;
    for n in 0..count {
        let path = crate::format::frame_path(pattern, start.saturating_add(n));
        let Some(h) = cx.image(pointer, &path, false) else {
            continue;
        };
        match size {
            None => size = Some((h.width, h.height)),
            Some(s) if s != (h.width, h.height) => cx.out.push(Diagnostic::file(
                &path,
                format!(
                    "{}x{}, but frame {start} is {}x{}: all frames must be the same size",
                    h.width, h.height, s.0, s.1
                ),
            )),
            Some(_) => {}
        }
    }
    size.map(|(w, h)| (w, h, count))
}

/// An animated GIF.
fn gif(cx: &mut Checker<'_>, pointer: &str, path: &str) -> Option<(u32, u32, u32)> {
    let h = cx.image(pointer, path, true)?;
    if h.format != ImageFormat::Gif {
        cx.out.push(Diagnostic::file(
            path,
            format!("a {:?} file, but the source says gif", h.format),
        ));
        return None;
    }
    let bytes = cx.read(pointer, path)?;
    match media::gif_frames(&bytes, cx.limits.max_frames) {
        Ok(n) if cx.frames_cap(path, n) => Some((h.width, h.height, n)),
        Ok(_) => None,
        Err(why) => {
            cx.out.push(Diagnostic::file(path, why));
            None
        }
    }
}

/// An animated PNG (a still PNG is refused: it belongs in an image asset).
fn apng(cx: &mut Checker<'_>, pointer: &str, path: &str) -> Option<(u32, u32, u32)> {
    let h = cx.image(pointer, path, false)?;
    let bytes = cx.read(pointer, path)?;
    match media::apng_frames(&bytes) {
        Ok(Some(n)) if cx.frames_cap(path, n) => Some((h.width, h.height, n)),
        Ok(Some(_)) => None,
        Ok(None) => {
            cx.out.push(Diagnostic::file(
                path,
                "a still PNG (no acTL chunk): use an image asset, or an animated PNG",
            ));
            None
        }
        Err(why) => {
            cx.out.push(Diagnostic::file(path, why));
            None
        }
    }
}

/// A sprite sheet of `columns` x `rows` equal cells, `count` of them used.
fn sprite_sheet(
    cx: &mut Checker<'_>,
    pointer: &str,
    path: &str,
    (columns, rows): (u32, u32),
    count: u32,
) -> Option<(u32, u32, u32)> {
    if !cx.frames_cap(path, count) {
        return None;
    }
    let h = cx.image(pointer, path, false)?;
    if columns == 0 || rows == 0 || h.width % columns != 0 || h.height % rows != 0 {
        cx.out.push(Diagnostic::file(
            path,
            format!(
                "{}x{} does not split into {columns}x{rows} equal cells",
                h.width, h.height
            ),
        ));
        return None;
    }
    Some((h.width / columns, h.height / rows, count))
}
