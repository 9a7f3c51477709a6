//! Shared test support: one device per test binary, inputs, and golden-image comparison.

#![allow(dead_code)]

pub mod snapshot;

use std::path::PathBuf;
use std::sync::OnceLock;

use lantern_render::{AdapterChoice, Gpu, Renderer, RendererConfig};

/// Golden size: small, to keep the repository light.
pub const W: u32 = 320;
pub const H: u32 = 180;

/// One device per test binary: creating one on lavapipe takes a while.
pub fn gpu() -> Gpu {
    static GPU: OnceLock<Gpu> = OnceLock::new();
    GPU.get_or_init(|| Gpu::new(AdapterChoice::Auto).expect("a wgpu adapter (lavapipe on CI)"))
        .clone()
}

pub fn renderer(w: u32, h: u32) -> Renderer {
    Renderer::with_gpu(gpu(), RendererConfig::new(w, h)).unwrap()
}

/// The shared test media folder: `$LANTERN_MEDIA` or `<repo>/../shared/media`.
pub fn media_dir() -> PathBuf {
    std::env::var_os("LANTERN_MEDIA").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/media"),
        PathBuf::from,
    )
}

/// A test photo from the shared media folder.
pub fn photo(name: &str) -> image::RgbaImage {
    let path = media_dir().join(name);
    image::open(&path)
        .unwrap_or_else(|e| {
            panic!(
                "test photo {} ({e}); set LANTERN_MEDIA to the shared media folder",
                path.display()
            )
        })
        .to_rgba8()
}

/// A deterministic generated background: diagonal gradient with a soft grid.
pub fn gradient(w: u32, h: u32) -> image::RgbaImage {
    image::RgbaImage::from_fn(w, h, |x, y| {
        let u = x as f32 / w as f32;
        let v = y as f32 / h as f32;
        let grid = if (x / 20 + y / 20) % 2 == 0 {
            0.0
        } else {
            18.0
        };
        image::Rgba([
            (40.0 + 150.0 * u + grid) as u8,
            (60.0 + 120.0 * v + grid) as u8,
            (160.0 - 100.0 * u + grid) as u8,
            255,
        ])
    })
}

/// A generated sticker: a red disc with a yellow star-ish centre and transparent corners.
pub fn sticker(size: u32, hue_shift: u8) -> image::RgbaImage {
    image::RgbaImage::from_fn(size, size, |x, y| {
        let c = size as f32 / 2.0;
        let (dx, dy) = (x as f32 + 0.5 - c, y as f32 + 0.5 - c);
        let r = (dx * dx + dy * dy).sqrt() / c;
        let a = dy.atan2(dx);
        let star = 0.45 + 0.15 * (5.0 * a).cos();
        if r > 1.0 {
            image::Rgba([0, 0, 0, 0])
        } else if r < star {
            image::Rgba([255, 220u8.wrapping_sub(hue_shift), 40, 255])
        } else {
            image::Rgba([
                220,
                30u8.wrapping_add(hue_shift),
                50,
                ((1.0 - r) * 2000.0).min(255.0) as u8,
            ])
        }
    })
}

/// Pixels of an RGBA readback as an image.
pub fn to_image(data: &lantern_render::FrameData) -> image::RgbaImage {
    image::RgbaImage::from_raw(data.width, data.height, data.bytes.clone()).unwrap()
}

/// The astronaut photo cropped to 16:9 around the face (512x288; face about x 175..275, y 50..170).
pub fn portrait() -> image::RgbaImage {
    image::imageops::crop_imm(&photo("skimage_astronaut.png"), 0, 20, 512, 288).to_image()
}
