//! The test photos: finding them (`shared/media` beside the checkout, or `$LANTERN_MEDIA`), for the
//! tests and `lantern bench track`. Photos are data and never committed.

use std::path::PathBuf;

use crate::error::TrackError;

/// The environment variable that points at the photos folder.
pub const MEDIA_ENV: &str = "LANTERN_MEDIA";

/// The photos folder, or an error naming where it was looked for and the fix.
pub fn media_dir() -> Result<PathBuf, TrackError> {
    if let Some(p) = std::env::var_os(MEDIA_ENV).filter(|v| !v.is_empty()) {
        let p = PathBuf::from(p);
        return if p.is_dir() {
            Ok(p)
        } else {
            Err(TrackError::Frame(format!(
                "$LANTERN_MEDIA={} is not a folder",
                p.display()
            )))
        };
    }
    let starts = [
        std::env::current_dir().ok(),
        std::env::current_exe().ok(),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR"))),
    ];
    starts
        .iter()
        .flatten()
        .find_map(|s| {
            s.ancestors()
                .map(|a| a.join("shared").join("media"))
                .find(|p| p.is_dir())
        })
        .ok_or_else(|| {
            TrackError::Frame(
                "the test photos were not found: no shared/media above the current directory, the \
                 executable or the crate. Fix: point LANTERN_MEDIA at the photos folder."
                    .to_owned(),
            )
        })
}

/// The image files in `dir`, sorted by name (png, jpg, jpeg, webp).
pub fn images_in(dir: &std::path::Path) -> Result<Vec<PathBuf>, TrackError> {
    let rd = std::fs::read_dir(dir).map_err(|e| TrackError::Image {
        path: dir.to_owned(),
        detail: e.to_string(),
    })?;
    let mut out: Vec<PathBuf> = rd
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                matches!(
                    e.to_ascii_lowercase().as_str(),
                    "png" | "jpg" | "jpeg" | "webp"
                )
            })
        })
        .collect();
    out.sort();
    Ok(out)
}

/// `img` scaled to fit `w`x`h` and centred on a grey canvas (the benchmark's 1280x720 frames).
pub fn fit(img: &image::RgbaImage, w: u32, h: u32) -> image::RgbaImage {
    fit_scaled(img, w, h, 1.0)
}

/// [`fit`], then shrunk by `scale` (0..1) about the canvas centre: a smaller subject in the
/// same frame.
pub fn fit_scaled(img: &image::RgbaImage, w: u32, h: u32, scale: f32) -> image::RgbaImage {
    let s = (w as f32 / img.width() as f32).min(h as f32 / img.height() as f32) * scale;
    let (nw, nh) = (
        (img.width() as f32 * s).round() as u32,
        (img.height() as f32 * s).round() as u32,
    );
    let scaled = image::imageops::resize(
        img,
        nw.max(1),
        nh.max(1),
        image::imageops::FilterType::Triangle,
    );
    let mut canvas = image::RgbaImage::from_pixel(w, h, image::Rgba([96, 96, 96, 255]));
    image::imageops::overlay(
        &mut canvas,
        &scaled,
        i64::from((w - nw.min(w)) / 2),
        i64::from((h - nh.min(h)) / 2),
    );
    canvas
}

/// One tracking frame as a JSON line.
pub fn json_line(frame: &effect_schema::tracking::TrackingFrame) -> Result<String, TrackError> {
    serde_json::to_string(frame)
        .map_err(|e| TrackError::Frame(format!("could not serialise the frame: {e}")))
}

/// The face photos in `shared/media`.
pub const FACE_PHOTOS: [&str; 6] = [
    "skimage_astronaut.png",
    "keijiro_pexels-dinielle-de-veyra-4195444.jpg",
    "keijiro_pexels-sam-lion-5709614.jpg",
    "keijiro_pexels-tim-douglas-6567248.jpg",
    "ikep_pexels_smile_Test1.jpg",
    "ikep_pexels_wink_mouth_open_Test2.jpg",
];

/// `frame` turned `degrees` (clockwise on screen) about its centre, grey where the turn
/// uncovers it: the tests' and `examples/robustness.rs`' turned photos.
pub fn turned(frame: &image::RgbaImage, degrees: f32) -> image::RgbaImage {
    let grey = image::Rgba([128, 128, 128, 255]);
    let (w, h) = frame.dimensions();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let (sin, cos) = degrees.to_radians().sin_cos();
    image::RgbaImage::from_fn(w, h, |u, v| {
        let (dx, dy) = (u as f32 - cx, v as f32 - cy);
        let (sx, sy) = (dx * cos + dy * sin + cx, -dx * sin + dy * cos + cy);
        if sx < 0.0 || sy < 0.0 || sx >= w as f32 - 1.0 || sy >= h as f32 - 1.0 {
            return grey;
        }
        image::imageops::interpolate_bilinear(frame, sx, sy).unwrap_or(grey)
    })
}
