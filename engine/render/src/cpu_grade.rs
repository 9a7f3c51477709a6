//! A colour grade on the CPU, for software rasterisers.
//!
//! On a software rasteriser (lavapipe) every full-frame pass costs about 6–8 ms of CPU at
//! 1280x720 whatever its shader does, and the background graded by a 3D LUT about 15 ms;
//! grading the camera frame in Rust before it is uploaded costs about 10 ms (11 ns a pixel,
//! `lantern bench render`), and the background is then a plain texture copy (under 1 ms). The arithmetic is the shader's (`layers/grade.wgsl`): the LUT's texels as
//! unorm8, trilinear between the levels around `rgb * (size - 1)`, mixed with the original by the
//! intensity; results match the GPU's within a level.

use crate::lut_file::LutData;

/// A LUT prepared for grading 8-bit pixels: the table as floats and, for each 8-bit input and
/// axis, the offset of the level it falls after and how far towards the next.
pub(crate) struct CpuLut {
    /// `size³` entries, red fastest, each `[r, g, b, 0]` in 0..255, then padding so that every
    /// cell's far corner is in the table.
    table: Vec<[f32; 4]>,
    /// Entries from a cell's near corner to its far one, plus one.
    span: usize,
    /// Green and blue strides: `size`, `size²`.
    strides: [usize; 2],
    /// Per axis (r, g, b), for input value `v`: (offset of the lower level, weight of the next).
    axes: [[(u32, f32); 256]; 3],
}

impl CpuLut {
    pub(crate) fn new(lut: &LutData) -> Self {
        let size = lut.size.max(2) as usize;
        let (plane, cube) = (size * size, size * size * size);
        let mut table: Vec<[f32; 4]> = lut
            .rgba
            .chunks_exact(4)
            .take(cube)
            .map(|t| [f32::from(t[0]), f32::from(t[1]), f32::from(t[2]), 0.0])
            .collect();
        // A short table (LutData checks its size) grades towards black rather than panicking.
        table.resize(cube + plane + size + 2, [0.0; 4]);
        let top = (size - 1) as f32;
        let mut axes = [[(0u32, 0.0f32); 256]; 3];
        for (axis, stride) in axes.iter_mut().zip([1, size, plane]) {
            for (v, slot) in axis.iter_mut().enumerate() {
                let pos = v as f32 / 255.0 * top;
                // The top level interpolates between the last two levels with weight 1.
                let lower = (pos.floor() as usize).min(size - 2);
                *slot = ((lower * stride) as u32, pos - lower as f32);
            }
        }
        Self {
            table,
            span: plane + size + 2,
            strides: [size, plane],
            axes,
        }
    }

    /// Grade `rgba` (RGBA8 pixels) in place, mixed with the original by `intensity` (0..1);
    /// alpha becomes opaque, as the graded background pass writes it.
    /// The two halves of a frame are graded side by side (a thread named "lantern-grade" takes
    /// the second), so the render stage waits about half as long.
    pub(crate) fn grade(&self, rgba: &mut [u8], intensity: f32) {
        let half = rgba.len() / 8 * 4;
        let (first, second) = rgba.split_at_mut(half);
        let shared = std::thread::scope(|scope| {
            let helper = std::thread::Builder::new()
                .name("lantern-grade".into())
                .spawn_scoped(scope, || self.grade_part(second, intensity));
            self.grade_part(first, intensity);
            helper.is_ok()
        });
        if !shared {
            // No thread to be had: grade the second half here too.
            self.grade_part(second, intensity);
        }
    }

    fn grade_part(&self, rgba: &mut [u8], intensity: f32) {
        let t = intensity.clamp(0.0, 1.0);
        for px in rgba.chunks_exact_mut(4) {
            let original = [f32::from(px[0]), f32::from(px[1]), f32::from(px[2]), 0.0];
            let graded = self.lookup(px[0], px[1], px[2]);
            let v = lerp(original, graded, t);
            px[0] = (v[0] + 0.5) as u8;
            px[1] = (v[1] + 0.5) as u8;
            px[2] = (v[2] + 0.5) as u8;
            px[3] = 255;
        }
    }

    /// The trilinear lookup of one pixel, in 0..255 (the GPU's filtering of the 3D texture).
    fn lookup(&self, r: u8, g: u8, b: u8) -> [f32; 4] {
        let [s, p] = self.strides;
        let (ro, fr) = self.axes[0][usize::from(r)];
        let (go, fg) = self.axes[1][usize::from(g)];
        let (bo, fb) = self.axes[2][usize::from(b)];
        let base = (ro + go + bo) as usize;
        let Some(c) = self.table.get(base..base + self.span) else {
            return [0.0; 4];
        };
        let near = lerp(lerp(c[0], c[1], fr), lerp(c[s], c[s + 1], fr), fg);
        let far = lerp(
            lerp(c[p], c[p + 1], fr),
            lerp(c[p + s], c[p + s + 1], fr),
            fg,
        );
        lerp(near, far, fb)
    }
}

fn lerp(a: [f32; 4], b: [f32; 4], f: f32) -> [f32; 4] {
    [
        a[0] + (b[0] - a[0]) * f,
        a[1] + (b[1] - a[1]) * f,
        a[2] + (b[2] - a[2]) * f,
        a[3] + (b[3] - a[3]) * f,
    ]
}

/// Whether every pixel of `rgba` is opaque (a background drawn from it can be a plain copy).
pub(crate) fn is_opaque(rgba: &[u8]) -> bool {
    rgba.chunks_exact(4).fold(255u8, |a, px| a & px[3]) == 255
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identity_table_keeps_every_pixel() {
        let lut = CpuLut::new(&LutData::identity(17));
        let mut px: Vec<u8> = (0..=255u8).flat_map(|v| [v, 255 - v, v / 3, 7]).collect();
        let before = px.clone();
        lut.grade(&mut px, 1.0);
        for (a, b) in px.chunks_exact(4).zip(before.chunks_exact(4)) {
            assert_eq!(&a[..3], &b[..3]);
            assert_eq!(a[3], 255);
        }
    }

    #[test]
    fn a_table_that_inverts_mixes_by_intensity() {
        let mut lut = LutData::identity(2);
        for t in lut.rgba.chunks_exact_mut(4) {
            for c in &mut t[..3] {
                *c = 255 - *c;
            }
        }
        let lut = CpuLut::new(&lut);
        let mut px = vec![200, 100, 0, 255];
        lut.grade(&mut px, 1.0);
        assert_eq!(px, [55, 155, 255, 255]);
        let mut half = vec![200, 100, 0, 255];
        lut.grade(&mut half, 0.5);
        assert_eq!(half, [128, 128, 128, 255]);
    }

    #[test]
    fn opacity() {
        assert!(is_opaque(&[1, 2, 3, 255, 4, 5, 6, 255]));
        assert!(!is_opaque(&[1, 2, 3, 255, 4, 5, 6, 254]));
    }
}
