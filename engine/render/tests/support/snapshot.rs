//! Golden images of the render layers: `assert_snapshot("name", &img)` checks against
//! `tests/snapshots/name.png` with [`lantern_testing::golden::check`] (tolerances, `-actual.png`
//! and `-difference.png` on failure, `UPDATE_SNAPSHOTS=1` to regenerate).

use std::path::PathBuf;

pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

/// Assert `actual` matches the golden `name`.
pub fn assert_snapshot(name: &str, actual: &image::RgbaImage) {
    if let Err(msg) = lantern_testing::golden::check(&dir().join(format!("{name}.png")), actual) {
        panic!("{name}: {msg}");
    }
}
