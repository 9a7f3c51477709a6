//! Regions of interest: face boxes become FFmpeg `AVRegionOfInterest` side data, which libx264
//! turns into per-macroblock quantiser offsets (needs x264 AQ, on by default). A negative quality
//! offset spends more bits inside the rectangles and, at a fixed bitrate, fewer elsewhere.

use effect_schema::tracking::Rect;

/// Size of FFmpeg's `AVRegionOfInterest`: `u32 self_size`, `i32 top, bottom, left, right`,
/// `AVRational qoffset` (two `i32`) — all 4-byte fields, no padding.
pub const ROI_STRUCT_SIZE: usize = 28;

/// The side-data bytes for `rects` (output pixels), clamped to the frame; `None` when no
/// rectangle is left inside the frame or the offset is zero.
pub fn roi_side_data(rects: &[Rect], width: u32, height: u32, qoffset: f32) -> Option<Vec<u8>> {
    let num = (qoffset.clamp(-1.0, 1.0) * 1000.0).round() as i32;
    if num == 0 {
        return None;
    }
    let mut bytes = Vec::with_capacity(rects.len() * ROI_STRUCT_SIZE);
    for r in rects {
        if !(r.x.is_finite() && r.y.is_finite() && r.w.is_finite() && r.h.is_finite()) {
            continue;
        }
        let left = r.x.max(0.0).floor() as i32;
        let top = r.y.max(0.0).floor() as i32;
        let right = (r.x + r.w).min(width as f32).ceil() as i32;
        let bottom = (r.y + r.h).min(height as f32).ceil() as i32;
        if right <= left || bottom <= top {
            continue;
        }
        for v in [ROI_STRUCT_SIZE as i32, top, bottom, left, right, num, 1000] {
            bytes.extend_from_slice(&v.to_ne_bytes());
        }
    }
    (!bytes.is_empty()).then_some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_matches_ffmpeg() {
        assert_eq!(
            size_of::<ffmpeg_next::ffi::AVRegionOfInterest>(),
            ROI_STRUCT_SIZE
        );
    }

    #[test]
    fn clamps_and_skips() {
        let inside = Rect {
            x: -10.0,
            y: 10.0,
            w: 50.0,
            h: 5000.0,
        };
        let outside = Rect {
            x: 900.0,
            y: 0.0,
            w: 10.0,
            h: 10.0,
        };
        let nan = Rect {
            x: f32::NAN,
            y: 0.0,
            w: 1.0,
            h: 1.0,
        };
        let b = roi_side_data(&[inside, outside, nan], 640, 480, -0.25).unwrap();
        assert_eq!(b.len(), ROI_STRUCT_SIZE);
        let f = |i: usize| i32::from_ne_bytes(b[i * 4..i * 4 + 4].try_into().unwrap());
        assert_eq!(
            [f(1), f(2), f(3), f(4), f(5), f(6)],
            [10, 480, 0, 40, -250, 1000]
        );
        assert!(roi_side_data(&[inside], 640, 480, 0.0).is_none());
    }
}
