//! A deterministic moving test pattern: colour bars that scroll, a white box that bounces, and a
//! frame counter bar. Frame `n` is always the same pixels, so tests can rely on it.

use effect_schema::tracking::Rect;

use super::{RgbaFrame, VideoSource};
use crate::error::Result;

/// The test pattern source; infinite.
#[derive(Clone, Debug)]
pub struct TestPattern {
    width: u32,
    height: u32,
    fps: u32,
    index: u64,
}

const BARS: [[u8; 3]; 7] = [
    [192, 192, 192],
    [192, 192, 0],
    [0, 192, 192],
    [0, 192, 0],
    [192, 0, 192],
    [192, 0, 0],
    [0, 0, 192],
];

impl TestPattern {
    pub fn new(width: u32, height: u32, fps: u32) -> Self {
        Self {
            width: width.max(16),
            height: height.max(16),
            fps: fps.max(1),
            index: 0,
        }
    }

    /// Where the bouncing box is in frame `index` (output pixels) — a natural hot-zone for tests.
    pub fn box_rect(&self, index: u64) -> Rect {
        let side = (self.height / 4).max(8);
        let span_x = u64::from(self.width - side);
        let span_y = u64::from(self.height - side);
        let bounce = |t: u64, span: u64| {
            if span == 0 {
                return 0;
            }
            let p = t % (2 * span);
            if p < span { p } else { 2 * span - p }
        };
        Rect {
            x: bounce(index * 8, span_x) as f32,
            y: bounce(index * 5, span_y) as f32,
            w: side as f32,
            h: side as f32,
        }
    }

    /// Renders frame `index`.
    pub fn frame(&self, index: u64) -> RgbaFrame {
        let (w, h) = (self.width as usize, self.height as usize);
        let mut data = vec![0u8; w * h * 4];
        let shift = (index * 4) as usize;
        let r = self.box_rect(index);
        let (bx0, by0) = (r.x as usize, r.y as usize);
        let (bx1, by1) = (bx0 + r.w as usize, by0 + r.h as usize);
        let counter_h = h / 16;
        for y in 0..h {
            for x in 0..w {
                let px = if (bx0..bx1).contains(&x) && (by0..by1).contains(&y) {
                    [255, 255, 255]
                } else if y < counter_h {
                    // Binary frame counter: 16 cells, bit k white when set.
                    let bit = x * 16 / w;
                    if (index >> bit) & 1 == 1 {
                        [255, 255, 255]
                    } else {
                        [16, 16, 16]
                    }
                } else {
                    BARS[((x + shift) * BARS.len() / w) % BARS.len()]
                };
                let o = (y * w + x) * 4;
                data[o..o + 4].copy_from_slice(&[px[0], px[1], px[2], 255]);
            }
        }
        RgbaFrame {
            width: self.width,
            height: self.height,
            pts_ms: (index as i64 * 1000) / i64::from(self.fps),
            data,
        }
    }

    /// Index of the next frame [`VideoSource::next_frame`] returns.
    pub fn index(&self) -> u64 {
        self.index
    }
}

impl VideoSource for TestPattern {
    fn next_frame(&mut self) -> Result<Option<RgbaFrame>> {
        let frame = self.frame(self.index);
        self.index += 1;
        Ok(Some(frame))
    }

    fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_moving() {
        let p = TestPattern::new(320, 180, 30);
        assert_eq!(p.frame(7), p.frame(7));
        assert_ne!(p.frame(7).data, p.frame(8).data);
        assert_ne!(p.box_rect(1), p.box_rect(2));
        assert_eq!(p.frame(30).pts_ms, 1000);
        let r = p.box_rect(1000);
        assert!(r.x + r.w <= 320.0 && r.y + r.h <= 180.0);
    }
}
