//! Real files for the tests: PNGs, JPEGs, GIFs and APNGs encoded here, and fresh projects.

use std::fmt::Write as _;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{ImageFormat, Rgba, RgbaImage};

/// A `w` x `h` image encoded as `format`.
pub fn image_bytes(w: u32, h: u32, format: ImageFormat) -> Vec<u8> {
    let img = RgbaImage::from_pixel(w, h, Rgba([200, 40, 40, 255]));
    let mut out = Cursor::new(Vec::new());
    if format == ImageFormat::Jpeg {
        image::DynamicImage::ImageRgba8(img)
            .to_rgb8()
            .write_to(&mut out, format)
            .unwrap();
    } else {
        img.write_to(&mut out, format).unwrap();
    }
    out.into_inner()
}

/// A PNG.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    image_bytes(w, h, ImageFormat::Png)
}

/// A PNG filled with the colour (`red`, 0, 0).
pub fn png_red(w: u32, h: u32, red: u8) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    RgbaImage::from_pixel(w, h, Rgba([red, 0, 0, 255]))
        .write_to(&mut out, ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

/// An animated GIF with `frames` frames.
pub fn gif(w: u32, h: u32, frames: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = image::codecs::gif::GifEncoder::new(&mut out);
        let list = (0..frames).map(|i| {
            image::Frame::new(RgbaImage::from_pixel(w, h, Rgba([i as u8 * 20, 0, 0, 255])))
        });
        enc.encode_frames(list).unwrap();
    }
    out
}

/// A real animated PNG with `frames` frames.
pub fn apng(w: u32, h: u32, frames: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_animated(frames, 0).unwrap();
        let mut writer = enc.write_header().unwrap();
        for i in 0..frames {
            let pixels: Vec<u8> = (0..w * h).flat_map(|_| [i as u8 * 30, 0, 0, 255]).collect();
            writer.write_image_data(&pixels).unwrap();
        }
        writer.finish().unwrap();
    }
    out
}

/// A minimal TrueType header (what signature checks look at).
pub fn ttf() -> Vec<u8> {
    let mut v = b"\x00\x01\x00\x00".to_vec();
    v.resize(64, 0);
    v
}

/// A 2x2x2 `.cube` LUT.
pub fn cube() -> Vec<u8> {
    let mut s = String::from("TITLE \"t\"\nLUT_3D_SIZE 2\n");
    for b in 0..2 {
        for g in 0..2 {
            for r in 0..2 {
                writeln!(s, "{r} {g} {b}").unwrap();
            }
        }
    }
    s.into_bytes()
}

/// A tenth of a second of 16-bit mono silence at 8 kHz, as a WAV file.
pub fn wav() -> Vec<u8> {
    let samples = 800u32;
    let data = samples * 2;
    let mut v = b"RIFF".to_vec();
    v.extend_from_slice(&(36 + data).to_le_bytes());
    v.extend_from_slice(b"WAVEfmt ");
    v.extend_from_slice(&16u32.to_le_bytes());
    v.extend_from_slice(&1u16.to_le_bytes()); // PCM
    v.extend_from_slice(&1u16.to_le_bytes()); // mono
    v.extend_from_slice(&8000u32.to_le_bytes());
    v.extend_from_slice(&16000u32.to_le_bytes());
    v.extend_from_slice(&2u16.to_le_bytes());
    v.extend_from_slice(&16u16.to_le_bytes());
    v.extend_from_slice(b"data");
    v.extend_from_slice(&data.to_le_bytes());
    v.resize(v.len() + data as usize, 0);
    v
}

/// Write `bytes` to `dir/name` and return the path.
pub fn file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A fresh project called "Test" in a temp folder; returns the guard and the project folder.
pub fn project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("project");
    super::document::create(&dir, "Test").unwrap();
    (tmp, dir)
}
