//! Golden-image comparison with a tolerance, shared by every snapshot test (render layers,
//! example screenshots).
//!
//! A pixel differs when any channel differs by more than [`PIXEL_TOLERANCE`]; images match when
//! the mean absolute channel error is at most [`MEAN_TOLERANCE`] and at most [`BAD_FRACTION`] of
//! pixels differ. [`check`] writes `<name>-actual.png` and `<name>-difference.png` (differences
//! amplified x4 on black) beside a golden that does not match, and with `UPDATE_SNAPSHOTS=1`
//! (re)writes the golden instead.

use std::path::{Path, PathBuf};

use image::RgbaImage;

/// A channel difference above this marks the pixel as different.
pub const PIXEL_TOLERANCE: u8 = 24;
/// The largest mean absolute channel error allowed.
pub const MEAN_TOLERANCE: f64 = 1.5;
/// The largest fraction of differing pixels allowed.
pub const BAD_FRACTION: f64 = 0.005;

/// Compares two images; `Err` says how they differ. The second value is the difference image.
pub fn compare(golden: &RgbaImage, actual: &RgbaImage) -> (Result<(), String>, RgbaImage) {
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
    let diff = RgbaImage::from_fn(golden.width(), golden.height(), |x, y| {
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
        let msg = format!(
            "mean error {mean:.3} (max {MEAN_TOLERANCE}), {:.3}% pixels differ (max {:.3}%)",
            frac * 100.0,
            BAD_FRACTION * 100.0
        );
        (Err(msg), diff)
    } else {
        (Ok(()), diff)
    }
}

fn sibling(golden: &Path, suffix: &str) -> PathBuf {
    let stem = golden
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    golden.with_file_name(format!("{stem}-{suffix}.png"))
}

/// Checks `actual` against the golden PNG at `golden` (see the module docs). `Err` explains the
/// mismatch and where the actual and difference images were written.
pub fn check(golden: &Path, actual: &RgbaImage) -> Result<(), String> {
    let io = |e: image::ImageError| format!("{}: {e}", golden.display());
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        if let Some(dir) = golden.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        return actual.save(golden).map_err(io);
    }
    let (actual_path, diff_path) = (sibling(golden, "actual"), sibling(golden, "difference"));
    let Ok(expected) = image::open(golden) else {
        actual.save(&actual_path).map_err(io)?;
        return Err(format!(
            "no golden {}: run with UPDATE_SNAPSHOTS=1 to create it (actual written to {})",
            golden.display(),
            actual_path.display()
        ));
    };
    let (result, diff) = compare(&expected.to_rgba8(), actual);
    match result {
        Ok(()) => {
            // A passing run leaves no stale failure artefacts behind.
            let _ = std::fs::remove_file(actual_path);
            let _ = std::fs::remove_file(diff_path);
            Ok(())
        }
        Err(msg) => {
            actual.save(&actual_path).map_err(io)?;
            diff.save(&diff_path).map_err(io)?;
            Err(format!(
                "{}: {msg}; see {} and {}",
                golden.display(),
                actual_path.display(),
                diff_path.display()
            ))
        }
    }
}
