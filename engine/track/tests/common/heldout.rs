//! Held-out group photos, not in `shared/`: the six demo photos of the npm package
//! `@vladmandic/face-api` 1.7.15 (MIT licence, © Vladimir Mandic; its README says the author
//! took them). They are fetched from the npm registry into the cache (`$LANTERN_CACHE` or
//! `~/.cache/lantern`, `heldout/face-api-1.7.15/`) the first time, checked by sha256, and never
//! committed. Without the network (and no cached copy) the tests that need them print why and
//! skip.

use std::path::{Path, PathBuf};
use std::process::Command;

pub const PACKAGE: &str = "@vladmandic/face-api@1.7.15";
const TARBALL: &str = "https://registry.npmjs.org/@vladmandic/face-api/-/face-api-1.7.15.tgz";
const TARBALL_SHA256: &str = "0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031";

/// Each photo, its sha256, and the faces in it (counted by eye; all frontal or three-quarter,
/// 120–260 px wide in the 1920-px photos).
pub const PHOTOS: [(&str, &str, usize); 6] = [
    (
        "sample1.jpg",
        "8ecae4b267b2d3169e06e00c7dee97097aa2a94635d45216f7732a5f4943cb51",
        3,
    ),
    (
        "sample2.jpg",
        "7d2b60ae6f13bf30f422e04df87451081a02c83de469056f25afb44b7000c691",
        3,
    ),
    (
        "sample3.jpg",
        "8eb081c9efb14370fa94d9feab9e5fbeafd19a627491853a80c2bf67f7ffa936",
        3,
    ),
    (
        "sample4.jpg",
        "729efa5923061d40eb4ed5f267a18cc7b8ba6f852bb2757b16d8b7e4937476fc",
        4,
    ),
    (
        "sample5.jpg",
        "6d45095ebb182d8f975c0790e0e4eefd86fbb40609cf4b271776d92e12662938",
        5,
    ),
    (
        "sample6.jpg",
        "9baad80f9d5e306fb9b8c0913d44445f1e95848df317530efb03d0934c57ba87",
        4,
    ),
];

/// The folder holding the six photos, fetched if needed; `None` (with the reason printed)
/// when they cannot be had.
pub fn group_photos() -> Option<PathBuf> {
    let cache = std::env::var_os("LANTERN_CACHE")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/lantern")))?;
    let dir = cache.join("heldout").join("face-api-1.7.15");
    if all_there(&dir) {
        return Some(dir);
    }
    match fetch(&dir) {
        Ok(()) if all_there(&dir) => Some(dir),
        Ok(()) => {
            println!("skipped: {PACKAGE}'s photos have unexpected sha256s");
            None
        }
        Err(e) => {
            println!("skipped: the held-out photos ({PACKAGE}) could not be fetched: {e}");
            None
        }
    }
}

fn all_there(dir: &Path) -> bool {
    PHOTOS.iter().all(|(name, sha, _)| {
        lantern_track::models::sha256_file(&dir.join(name)).is_ok_and(|s| s == *sha)
    })
}

/// Downloads the package's tarball with `curl` (the system's certificates), checks it, and
/// unpacks the photos with `tar`.
fn fetch(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let tgz = dir.join("package.tgz");
    let got = Command::new("curl")
        .args(["-fsSL", "--retry", "2", "--max-time", "120", "-o"])
        .arg(&tgz)
        .arg(TARBALL)
        .status()
        .map_err(|e| format!("curl: {e}"))?;
    if !got.success() {
        return Err(format!("curl {TARBALL}: {got}"));
    }
    let sha = lantern_track::models::sha256_file(&tgz).map_err(|e| e.to_string())?;
    if sha != TARBALL_SHA256 {
        return Err(format!(
            "the tarball's sha256 is {sha}, not {TARBALL_SHA256}"
        ));
    }
    let members: Vec<String> = PHOTOS
        .iter()
        .map(|(n, _, _)| format!("package/demo/{n}"))
        .collect();
    let status = Command::new("tar")
        .arg("-xzf")
        .arg(&tgz)
        .arg("-C")
        .arg(dir)
        .arg("--strip-components=2")
        .args(&members)
        .status()
        .map_err(|e| format!("tar: {e}"))?;
    let _ = std::fs::remove_file(&tgz);
    if status.success() {
        Ok(())
    } else {
        Err(format!("tar failed: {status}"))
    }
}
