//! Golden-image comparison with a tolerance.
//!
//! `assert_snapshot("name", &img)` compares against `tests/snapshots/name.png`. A pixel differs
//! when any channel differs by more than [`PIXEL_TOLERANCE`]; the test fails when the mean
//! absolute channel error exceeds [`MEAN_TOLERANCE`] or more than [`BAD_FRACTION`] of pixels
//! differ. On failure `name-actual.png` and `name-difference.png` (differences amplified x4 on
//! black) are written next to the golden. `UPDATE_SNAPSHOTS=1` (re)writes the golden instead.

use std::path::PathBuf;

pub const PIXEL_TOLERANCE: u8 = 24;
pub const MEAN_TOLERANCE: f64 = 1.5;
pub const BAD_FRACTION: f64 = 0.005;

pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

/// Compare two images; `Err` explains how they differ, `Ok` carries the difference image.
pub fn compare(
    golden: &image::RgbaImage,
    actual: &image::RgbaImage,
) -> (Result<(), String>, image::RgbaImage) {
    if golden.dimensions() != actual.dimensions() {
        let msg = format!(
            "size {:?} != golden {:?}",
            actual.dimensions(),
            golden.dimensions()
        );
        return (Err(msg), actual.clone());
    }
    let mut sum = 0u64;
    let mut bad = 0u64;
    let diff = image::RgbaImage::from_fn(golden.width(), golden.height(), |x, y| {
        let (g, a) = (golden.get_pixel(x, y), actual.get_pixel(x, y));
        let d: [u8; 4] = std::array::from_fn(|i| g[i].abs_diff(a[i]));
        sum += d.iter().map(|&v| u64::from(v)).sum::<u64>();
        if d.iter().any(|&v| v > PIXEL_TOLERANCE) {
            bad += 1;
        }
        image::Rgba([
            d[0].saturating_mul(4),
            d[1].saturating_mul(4),
            d[2].saturating_mul(4),
            255,
        ])
    });
    let n = f64::from(golden.width() * golden.height());
    let mean = sum as f64 / (n * 4.0);
    let frac = bad as f64 / n;
    if mean > MEAN_TOLERANCE || frac > BAD_FRACTION {
        (
            Err(format!(
                "mean error {mean:.3} (max {MEAN_TOLERANCE}), {:.3}% pixels differ (max {:.3}%)",
                frac * 100.0,
                BAD_FRACTION * 100.0
            )),
            diff,
        )
    } else {
        (Ok(()), diff)
    }
}

/// Assert `actual` matches the golden `name`.
pub fn assert_snapshot(name: &str, actual: &image::RgbaImage) {
    let golden_path = dir().join(format!("{name}.png"));
    let update = std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1");
    if update {
        std::fs::create_dir_all(dir()).unwrap();
        actual.save(&golden_path).unwrap();
        return;
    }
    let actual_path = dir().join(format!("{name}-actual.png"));
    let diff_path = dir().join(format!("{name}-difference.png"));
    let Ok(golden) = image::open(&golden_path) else {
        actual.save(&actual_path).unwrap();
        panic!(
            "no golden {}: run with UPDATE_SNAPSHOTS=1 to create it (actual written to {})",
            golden_path.display(),
            actual_path.display()
        );
    };
    let (result, diff) = compare(&golden.to_rgba8(), actual);
    if let Err(msg) = result {
        actual.save(&actual_path).unwrap();
        diff.save(&diff_path).unwrap();
        panic!(
            "{name}: {msg}; see {} and {}",
            actual_path.display(),
            diff_path.display()
        );
    }
    // A passing run leaves no stale failure artefacts behind.
    let _ = std::fs::remove_file(actual_path);
    let _ = std::fs::remove_file(diff_path);
}
