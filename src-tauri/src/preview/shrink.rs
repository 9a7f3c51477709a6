//! Shrinking a frame for the trip to the webview: the preview shows the picture at a few hundred
//! CSS pixels, so sending every pixel of a 1280x720 render would move four times the bytes the
//! canvas can show. Each `factor` x `factor` block becomes its average (a box filter).

/// `rgba` (`width` x `height`) shrunk by `factor`; the size is rounded down. `factor` 1 copies.
pub fn shrink(rgba: &[u8], width: u32, height: u32, factor: u32) -> (Vec<u8>, u32, u32) {
    let f = factor.max(1) as usize;
    let (w, h) = (width as usize, height as usize);
    if f == 1 || rgba.len() < w * h * 4 {
        return (rgba.to_vec(), width, height);
    }
    let (ow, oh) = (w / f, h / f);
    let mut out = vec![0u8; ow * oh * 4];
    let mut sums = vec![0u32; ow * 4];
    let area = (f * f) as u32;
    for oy in 0..oh {
        sums.fill(0);
        for row in rgba.chunks_exact(w * 4).skip(oy * f).take(f) {
            for (ox, sum) in sums.chunks_exact_mut(4).enumerate() {
                for px in row[ox * f * 4..(ox + 1) * f * 4].chunks_exact(4) {
                    for c in 0..4 {
                        sum[c] += u32::from(px[c]);
                    }
                }
            }
        }
        let dst = &mut out[oy * ow * 4..(oy + 1) * ow * 4];
        for (d, s) in dst.iter_mut().zip(&sums) {
            *d = ((s + area / 2) / area) as u8;
        }
    }
    (out, ow as u32, oh as u32)
}

#[cfg(test)]
mod tests {
    use super::shrink;

    #[test]
    fn each_block_becomes_its_average() {
        // 4x2 pixels: two 2x2 blocks, one black/white checker, one solid red.
        let mut px = Vec::new();
        for y in 0..2 {
            for x in 0..4 {
                px.extend_from_slice(&if x < 2 {
                    if (x + y) % 2 == 0 {
                        [0, 0, 0, 255]
                    } else {
                        [255, 255, 255, 255]
                    }
                } else {
                    [200, 0, 0, 255]
                });
            }
        }
        let (out, w, h) = shrink(&px, 4, 2, 2);
        assert_eq!((w, h), (2, 1));
        assert_eq!(out, vec![128, 128, 128, 255, 200, 0, 0, 255]);
        assert_eq!(shrink(&px, 4, 2, 1).0, px);
    }
}
