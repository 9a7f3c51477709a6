//! A colour grade on the CPU, for software rasterisers.
//!
//! On a software rasteriser (lavapipe) every full-frame pass costs about 6–8 ms of CPU at
//! 1280x720 whatever its shader does, and the background graded by a 3D LUT about 15 ms. Graded
//! here as it is uploaded (four lookups and three interpolations a pixel, the frame's halves on
//! two threads), the camera and its grade cost about 9 ms of CPU in all (`lantern bench render`:
//! 11 ms a frame with the upload, copy and readback, 2 ms without the filter), and the
//! background is a plain texture copy. The arithmetic is the shader's (`layers/grade.wgsl`): the
//! LUT's texels as unorm8, trilinear between the levels around `rgb * (size - 1)`, mixed with
//! the original by the intensity; results match the GPU's within a level or two.

use crate::lut_file::LutData;

/// The largest LUT graded on the CPU (its red-interpolated rows take `size² × 4 KiB`: 17 MiB at
/// 65 levels); larger ones stay on the GPU's pass.
pub(crate) const MAX_CPU_LUT: u32 = 65;

/// A LUT prepared for grading 8-bit pixels: the table already interpolated along red for each
/// of the 256 red inputs, so a pixel costs four lookups and three interpolations (green, then
/// blue) instead of eight and seven; the arithmetic, and so every result, is the trilinear one.
pub(crate) struct CpuLut {
    /// Row `blue level * size + green level`, entry `red input`: `[r, g, b, 0]` in 0..255.
    rows: Vec<[f32; 4]>,
    /// Entries from a row to the next blue level's: `size * 256`.
    blue_stride: usize,
    /// Per axis (green, blue), for input value `v`: (offset of the lower level's row, weight of
    /// the next level).
    axes: [[(u32, f32); 256]; 2],
}

impl CpuLut {
    /// `None` when the table is larger than [`MAX_CPU_LUT`].
    pub(crate) fn new(lut: &LutData) -> Option<Self> {
        if lut.size > MAX_CPU_LUT {
            return None;
        }
        let size = lut.size.max(2) as usize;
        let mut table: Vec<[f32; 4]> = lut
            .rgba
            .chunks_exact(4)
            .map(|t| [f32::from(t[0]), f32::from(t[1]), f32::from(t[2]), 0.0])
            .collect();
        // A short table (LutData checks its size) grades towards black rather than panicking.
        table.resize(size * size * size, [0.0; 4]);
        let levels = level_weights(size);
        let mut rows = Vec::with_capacity(size * size * 256);
        for row in table.chunks_exact(size) {
            rows.extend(levels.iter().map(|&(lower, f)| {
                let lower = lower as usize;
                lerp(row[lower], row[lower + 1], f)
            }));
        }
        let row_offsets = |stride: usize| levels.map(|(lower, f)| (lower * stride as u32, f));
        Some(Self {
            rows,
            blue_stride: size * 256,
            axes: [row_offsets(256), row_offsets(size * 256)],
        })
    }

    /// `source` (RGBA8 pixels) graded into `out`, mixed with the original by `intensity` (0..1);
    /// alpha becomes opaque, as the graded background pass writes it. The two halves of a frame
    /// are graded side by side (a thread named "lantern-grade" takes the second), so the render
    /// stage waits about half as long.
    pub(crate) fn grade(&self, source: &[u8], out: &mut Vec<u8>, intensity: f32) {
        out.resize(source.len(), 0);
        let half = source.len() / 8 * 4;
        let (src_a, src_b) = source.split_at(half);
        let (out_a, out_b) = out.split_at_mut(half);
        let shared = std::thread::scope(|scope| {
            let helper = std::thread::Builder::new()
                .name("lantern-grade".into())
                .spawn_scoped(scope, || self.grade_part(src_b, out_b, intensity));
            self.grade_part(src_a, out_a, intensity);
            helper.is_ok()
        });
        if !shared {
            // No thread to be had: grade the second half here too.
            self.grade_part(src_b, out_b, intensity);
        }
    }

    fn grade_part(&self, source: &[u8], out: &mut [u8], intensity: f32) {
        let t = intensity.clamp(0.0, 1.0);
        for (px, o) in source.chunks_exact(4).zip(out.chunks_exact_mut(4)) {
            let original = [f32::from(px[0]), f32::from(px[1]), f32::from(px[2]), 0.0];
            let graded = self.lookup(px[0], px[1], px[2]);
            let v = lerp(original, graded, t);
            o[0] = (v[0] + 0.5) as u8;
            o[1] = (v[1] + 0.5) as u8;
            o[2] = (v[2] + 0.5) as u8;
            o[3] = 255;
        }
    }

    /// The trilinear lookup of one pixel, in 0..255 (the GPU's filtering of the 3D texture).
    /// Inlined: called out of line, its result went through memory (9.5 → 7.6 ns a pixel).
    #[inline]
    fn lookup(&self, r: u8, g: u8, b: u8) -> [f32; 4] {
        let (go, fg) = self.axes[0][usize::from(g)];
        let (bo, fb) = self.axes[1][usize::from(b)];
        let at = (go + bo) as usize + usize::from(r);
        let (green, blue) = (256, self.blue_stride);
        let Some(c) = self.rows.get(at..=at + blue + green) else {
            return [0.0; 4];
        };
        let near = lerp(c[0], c[green], fg);
        let far = lerp(c[blue], c[blue + green], fg);
        lerp(near, far, fb)
    }
}

/// For each 8-bit input: the level it falls after (at most `size - 2`: the top level
/// interpolates between the last two with weight 1) and how far towards the next.
fn level_weights(size: usize) -> [(u32, f32); 256] {
    let top = (size - 1) as f32;
    std::array::from_fn(|v| {
        let pos = v as f32 / 255.0 * top;
        let lower = (pos.floor() as usize).min(size - 2);
        (lower as u32, pos - lower as f32)
    })
}

#[inline]
fn lerp(a: [f32; 4], b: [f32; 4], f: f32) -> [f32; 4] {
    [
        a[0] + (b[0] - a[0]) * f,
        a[1] + (b[1] - a[1]) * f,
        a[2] + (b[2] - a[2]) * f,
        a[3] + (b[3] - a[3]) * f,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identity_table_keeps_every_pixel() {
        let lut = CpuLut::new(&LutData::identity(17)).unwrap();
        let before: Vec<u8> = (0..=255u8).flat_map(|v| [v, 255 - v, v / 3, 7]).collect();
        let mut px = Vec::new();
        lut.grade(&before, &mut px, 1.0);
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
        let lut = CpuLut::new(&lut).unwrap();
        let mut px = Vec::new();
        lut.grade(&[200, 100, 0, 255], &mut px, 1.0);
        assert_eq!(px, [55, 155, 255, 255]);
        lut.grade(&[200, 100, 0, 255], &mut px, 0.5);
        assert_eq!(px, [128, 128, 128, 255]);
    }

    /// Trilinear lookup straight from the table, as the shader filters the 3D texture.
    fn reference(lut: &LutData, px: [u8; 3]) -> [f32; 3] {
        let s = lut.size as usize;
        let at = |r: usize, g: usize, b: usize, c: usize| {
            f32::from(lut.rgba[((b * s + g) * s + r) * 4 + c])
        };
        let cell = |v: u8| {
            let pos = f32::from(v) / 255.0 * (s - 1) as f32;
            let lower = (pos.floor() as usize).min(s - 2);
            (lower, pos - lower as f32)
        };
        let ((r, fr), (g, fg), (b, fb)) = (cell(px[0]), cell(px[1]), cell(px[2]));
        let mix = |a: f32, b: f32, f: f32| a + (b - a) * f;
        std::array::from_fn(|c| {
            let row = |g, b| mix(at(r, g, b, c), at(r + 1, g, b, c), fr);
            let near = mix(row(g, b), row(g + 1, b), fg);
            let far = mix(row(g, b + 1), row(g + 1, b + 1), fg);
            mix(near, far, fb)
        })
    }

    #[test]
    fn lookups_are_the_trilinear_ones() {
        let mut lut = LutData::identity(9);
        for (i, t) in lut.rgba.chunks_exact_mut(4).enumerate() {
            t[0] = (i * 37 % 256) as u8;
            t[1] = (i * 91 % 256) as u8;
            t[2] = (i * 13 % 256) as u8;
        }
        let cpu = CpuLut::new(&lut).unwrap();
        for px in [
            [0, 0, 0],
            [255, 255, 255],
            [17, 200, 94],
            [128, 3, 250],
            [255, 0, 77],
        ] {
            let got = cpu.lookup(px[0], px[1], px[2]);
            assert_eq!(&got[..3], &reference(&lut, px)[..], "{px:?}");
        }
        assert!(CpuLut::new(&LutData::identity(MAX_CPU_LUT + 1)).is_none());
    }
}
