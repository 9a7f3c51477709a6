//! Colour LUT files: Adobe/Resolve `.cube` text and the common 512x512 PNG "8x8 tiles of 64³"
//! layout, both turned into one RGBA8 3D table (red fastest, then green, then blue).

use crate::error::{RenderError, Result};

/// A 3D colour table: `size`³ entries of RGBA8, red index fastest.
#[derive(Clone, Debug, PartialEq)]
pub struct LutData {
    pub size: u32,
    pub rgba: Vec<u8>,
}

/// Largest `.cube` size accepted (a 256³ table is 64 MiB; real LUTs are 17..65).
pub const MAX_CUBE_SIZE: u32 = 128;

impl LutData {
    /// Parse `.cube` text. `name` is used in error messages.
    pub fn from_cube(name: &str, text: &str) -> Result<Self> {
        let err = |message: String| RenderError::Lut {
            source_name: name.to_owned(),
            message,
        };
        let mut size = None;
        let mut min = [0.0f32; 3];
        let mut max = [1.0f32; 3];
        let mut values: Vec<u8> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with("TITLE") {
                continue;
            }
            let mut it = line.split_whitespace();
            let Some(first) = it.next() else { continue };
            match first {
                "LUT_3D_SIZE" => {
                    let s: u32 = it
                        .next()
                        .and_then(|v| v.parse().ok())
                        .filter(|s| (2..=MAX_CUBE_SIZE).contains(s))
                        .ok_or_else(|| {
                            err(format!(
                                "line {}: LUT_3D_SIZE must be 2..={MAX_CUBE_SIZE}",
                                n + 1
                            ))
                        })?;
                    size = Some(s);
                    values.reserve((s * s * s * 4) as usize);
                }
                "LUT_1D_SIZE" => {
                    return Err(err(
                        "1D LUTs are not supported; export a 3D LUT (LUT_3D_SIZE)".into(),
                    ));
                }
                "DOMAIN_MIN" | "DOMAIN_MAX" => {
                    let v = parse3(it).ok_or_else(|| {
                        err(format!("line {}: {first} needs three numbers", n + 1))
                    })?;
                    if first == "DOMAIN_MIN" {
                        min = v;
                    } else {
                        max = v;
                    }
                }
                _ if first.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.') => {
                    let Some(s) = size else {
                        return Err(err(format!("line {}: data before LUT_3D_SIZE", n + 1)));
                    };
                    let v = parse3(line.split_whitespace()).ok_or_else(|| {
                        err(format!(
                            "line {}: expected three numbers, got {line:?}",
                            n + 1
                        ))
                    })?;
                    if values.len() >= (s * s * s * 4) as usize {
                        return Err(err(format!("line {}: more than {s}³ entries", n + 1)));
                    }
                    for c in 0..3 {
                        let span = (max[c] - min[c]).max(1e-6);
                        values
                            .push((((v[c] - min[c]) / span).clamp(0.0, 1.0) * 255.0).round() as u8);
                    }
                    values.push(255);
                }
                // Other keywords (LUT_IN_VIDEO_RANGE, …) do not change the table.
                _ => {}
            }
        }
        let size = size.ok_or_else(|| err("no LUT_3D_SIZE line: is this a .cube file?".into()))?;
        let want = (size * size * size * 4) as usize;
        if values.len() != want {
            return Err(err(format!(
                "expected {}³ = {} entries, found {}",
                size,
                want / 4,
                values.len() / 4
            )));
        }
        Ok(Self { size, rgba: values })
    }

    /// Decode a 512x512 PNG LUT (64 levels: 8x8 tiles of 64x64; tile index = blue, x = red, y = green).
    pub fn from_png(name: &str, bytes: &[u8]) -> Result<Self> {
        let img = image::load_from_memory(bytes)
            .map_err(|source| RenderError::Image {
                name: name.to_owned(),
                source,
            })?
            .to_rgba8();
        if img.dimensions() != (512, 512) {
            return Err(RenderError::Lut {
                source_name: name.to_owned(),
                message: format!(
                    "PNG LUTs must be 512x512 (8x8 tiles of 64x64), this one is {}x{}",
                    img.width(),
                    img.height()
                ),
            });
        }
        let size = 64u32;
        let mut rgba = Vec::with_capacity((size * size * size * 4) as usize);
        for b in 0..size {
            let (tx, ty) = ((b % 8) * 64, (b / 8) * 64);
            for g in 0..size {
                for r in 0..size {
                    let p = img.get_pixel(tx + r, ty + g);
                    rgba.extend_from_slice(&[p[0], p[1], p[2], 255]);
                }
            }
        }
        Ok(Self { size, rgba })
    }

    /// The identity table of `size` levels (useful as a starting point and in tests).
    pub fn identity(size: u32) -> Self {
        let size = size.clamp(2, MAX_CUBE_SIZE);
        let level = |i: u32| ((i as f32 / (size - 1) as f32) * 255.0).round() as u8;
        let mut rgba = Vec::with_capacity((size * size * size * 4) as usize);
        for b in 0..size {
            for g in 0..size {
                for r in 0..size {
                    rgba.extend_from_slice(&[level(r), level(g), level(b), 255]);
                }
            }
        }
        Self { size, rgba }
    }
}

fn parse3<'a>(mut it: impl Iterator<Item = &'a str>) -> Option<[f32; 3]> {
    let mut v = [0.0; 3];
    for x in &mut v {
        *x = it.next()?.parse().ok().filter(|f: &f32| f.is_finite())?;
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    #[test]
    fn parses_a_small_cube() {
        let mut text = String::from(
            "TITLE \"t\"\n# comment\nLUT_3D_SIZE 2\nDOMAIN_MIN 0 0 0\nDOMAIN_MAX 1 1 1\n",
        );
        for b in 0..2 {
            for g in 0..2 {
                for r in 0..2 {
                    writeln!(text, "{r} {g} {}", 1 - b).unwrap();
                }
            }
        }
        let lut = LutData::from_cube("t.cube", &text).unwrap();
        assert_eq!(lut.size, 2);
        assert_eq!(&lut.rgba[..4], &[0, 0, 255, 255]);
        assert_eq!(&lut.rgba[4..8], &[255, 0, 255, 255]);
        assert_eq!(&lut.rgba[28..32], &[255, 255, 0, 255]);
    }

    #[test]
    fn bad_cubes_name_the_problem() {
        let e = LutData::from_cube("x.cube", "0 0 0\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("x.cube") && e.contains("before LUT_3D_SIZE"),
            "{e}"
        );
        let e = LutData::from_cube("x.cube", "LUT_3D_SIZE 2\n0 0 0\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("found 1"), "{e}");
        let e = LutData::from_cube("x.cube", "LUT_3D_SIZE 100000\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("LUT_3D_SIZE must be"), "{e}");
        let e = LutData::from_cube("x.cube", "LUT_3D_SIZE 2\n0 zero 0\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2"), "{e}");
        let e = LutData::from_png("x.png", b"not a png")
            .unwrap_err()
            .to_string();
        assert!(e.contains("x.png"), "{e}");
    }

    #[test]
    fn png_identity_matches_identity_table() {
        let mut img = image::RgbaImage::new(512, 512);
        for (x, y, p) in img.enumerate_pixels_mut() {
            let (r, g, b) = (x % 64, y % 64, (y / 64) * 8 + x / 64);
            let l = |v: u32| ((v as f32 / 63.0) * 255.0).round() as u8;
            *p = image::Rgba([l(r), l(g), l(b), 255]);
        }
        let mut png = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        assert_eq!(
            LutData::from_png("id.png", &png).unwrap(),
            LutData::identity(64)
        );
    }
}
