//! Glyph coverage dilated for strokes and shadows, once per glyph, size and stroke width.
//!
//! A stroked glyph's coverage is the maximum of its coverage over two rings of 16 points around
//! each pixel (at the stroke's radius and half of it), sampled bilinearly. Done in the fragment
//! shader that was 33 texture samples for every stroke and shadow pixel of every frame (on a
//! software rasteriser, about 5 ms of CPU per 720p frame for a game's six stroked captions);
//! done here, the atlas keeps the dilated glyph beside the plain one and a stroke is one sample.

/// cos and sin of k · 22.5°, k = 0..15.
const RING: [(f32, f32); 16] = [
    (1.0, 0.0),
    (0.923_879_5, 0.382_683_43),
    (
        std::f32::consts::FRAC_1_SQRT_2,
        std::f32::consts::FRAC_1_SQRT_2,
    ),
    (0.382_683_43, 0.923_879_5),
    (0.0, 1.0),
    (-0.382_683_43, 0.923_879_5),
    (
        -std::f32::consts::FRAC_1_SQRT_2,
        std::f32::consts::FRAC_1_SQRT_2,
    ),
    (-0.923_879_5, 0.382_683_43),
    (-1.0, 0.0),
    (-0.923_879_5, -0.382_683_43),
    (
        -std::f32::consts::FRAC_1_SQRT_2,
        -std::f32::consts::FRAC_1_SQRT_2,
    ),
    (-0.382_683_43, -0.923_879_5),
    (0.0, -1.0),
    (0.382_683_43, -0.923_879_5),
    (
        std::f32::consts::FRAC_1_SQRT_2,
        -std::f32::consts::FRAC_1_SQRT_2,
    ),
    (0.923_879_5, -0.382_683_43),
];

/// `coverage` (`w` x `h`, R8) dilated by `radius` pixels; outside the rectangle counts as empty.
pub(crate) fn dilate(coverage: &[u8], w: u32, h: u32, radius: f32) -> Vec<u8> {
    let (w, h) = (w as usize, h as usize);
    let at = |x: isize, y: isize| -> f32 {
        if x < 0 || y < 0 || x as usize >= w || y as usize >= h {
            return 0.0;
        }
        coverage
            .get(y as usize * w + x as usize)
            .map_or(0.0, |&c| f32::from(c))
    };
    // Bilinear at (x, y) in texel units, texel centres at whole numbers.
    let sample = |x: f32, y: f32| -> f32 {
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let (ix, iy) = (x0 as isize, y0 as isize);
        let top = at(ix, iy) + (at(ix + 1, iy) - at(ix, iy)) * fx;
        let bottom = at(ix, iy + 1) + (at(ix + 1, iy + 1) - at(ix, iy + 1)) * fx;
        top + (bottom - top) * fy
    };
    let mut out = Vec::with_capacity(w * h);
    for y in 0..h {
        for x in 0..w {
            let (fx, fy) = (x as f32, y as f32);
            let mut c = at(x as isize, y as isize);
            for (cos, sin) in RING {
                c = c.max(sample(fx + cos * radius, fy + sin * radius));
                c = c.max(sample(fx + cos * radius * 0.5, fy + sin * radius * 0.5));
            }
            out.push(c.round().clamp(0.0, 255.0) as u8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dot_grows_into_a_disc_of_the_radius() {
        let (w, h) = (21u32, 21u32);
        let mut dot = vec![0u8; 21 * 21];
        dot[10 * 21 + 10] = 255;
        let out = dilate(&dot, w, h, 4.0);
        let at = |x: usize, y: usize| out[y * 21 + x];
        assert_eq!(at(10, 10), 255);
        assert_eq!(at(14, 10), 255, "on the ring");
        assert_eq!(at(12, 10), 255, "on the half ring");
        assert_eq!(at(10, 6), 255);
        assert_eq!(at(16, 10), 0, "beyond the radius");
        assert_eq!(at(0, 0), 0);
        assert_eq!(dilate(&dot, w, h, 0.0), dot, "no radius, no change");
    }
}
