//! Reference photos for preview renders: `--photos DIR`; else the test media (`$LANTERN_MEDIA`
//! or `shared/media`, when this is a development checkout); else a licensed set fetched once into
//! the cache, so a hub set up by a stranger renders previews too: the six demo photos of the npm
//! package `@vladmandic/face-api` 1.7.15 (MIT licence, © Vladimir Mandic, who took them), from
//! the npm registry, checked by sha256, never committed.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use lantern_library::manifest::sha256_hex;

const TARBALL: &str = "https://registry.npmjs.org/@vladmandic/face-api/-/face-api-1.7.15.tgz";
const TARBALL_SHA256: &str = "0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031";
/// The photos used (of six), with their sha256.
const FETCHED: [(&str, &str); 3] = [
    (
        "sample1.jpg",
        "8ecae4b267b2d3169e06e00c7dee97097aa2a94635d45216f7732a5f4943cb51",
    ),
    (
        "sample2.jpg",
        "7d2b60ae6f13bf30f422e04df87451081a02c83de469056f25afb44b7000c691",
    ),
    (
        "sample4.jpg",
        "729efa5923061d40eb4ed5f267a18cc7b8ba6f852bb2757b16d8b7e4937476fc",
    ),
];
/// The test media's portraits, preferred when this is a development checkout.
const PREFERRED: [&str; 3] = [
    "keijiro_pexels-dinielle-de-veyra-4195444.jpg",
    "ikep_pexels_wink_mouth_open_Test2.jpg",
    "pinto_open_palm_hand.png",
];

/// The photos previews are rendered on (at most three); none, with a warning, when there are
/// none to be had (previews are then skipped).
pub fn reference_photos(dir: Option<&Path>) -> anyhow::Result<Vec<PathBuf>> {
    if let Some(dir) = dir {
        return from_folder(dir);
    }
    if let Ok(media) = lantern_engine::track::photos::media_dir() {
        return from_folder(&media);
    }
    let cache = lantern_library::Cache::default_location()
        .root()
        .join("reference-photos");
    match fetch(&cache) {
        Ok(photos) => Ok(photos),
        Err(e) => {
            tracing::warn!(
                "no reference photos, so no preview renders: {e}. Fix: give --photos DIR (portraits)"
            );
            Ok(Vec::new())
        }
    }
}

fn from_folder(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let preferred: Vec<PathBuf> = PREFERRED
        .iter()
        .map(|n| dir.join(n))
        .filter(|p| p.is_file())
        .collect();
    if !preferred.is_empty() {
        return Ok(preferred);
    }
    let mut all = lantern_engine::track::photos::images_in(dir)?;
    all.truncate(3);
    Ok(all)
}

/// The fetched set in `dir`, downloading it the first time.
fn fetch(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let wanted: Vec<PathBuf> = FETCHED.iter().map(|(n, _)| dir.join(n)).collect();
    let whole = |p: &Path, sha: &str| std::fs::read(p).is_ok_and(|b| sha256_hex(&b) == sha);
    if FETCHED
        .iter()
        .zip(&wanted)
        .all(|((_, sha), p)| whole(p, sha))
    {
        return Ok(wanted);
    }
    tracing::info!("fetching reference photos for previews ({TARBALL}, MIT)");
    // The system's trust store (as curl and npm use it: a proxy's own CA included).
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
        .build();
    let agent: ureq::Agent = ureq::Agent::config_builder().tls_config(tls).build().into();
    let tgz = agent
        .get(TARBALL)
        .call()
        .map_err(|e| format!("{TARBALL}: {e}"))?
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_vec()
        .map_err(|e| format!("{TARBALL}: {e}"))?;
    if sha256_hex(&tgz) != TARBALL_SHA256 {
        return Err(format!("{TARBALL} is not the file pinned (sha256 differs)"));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(&tgz[..]));
    for entry in archive.entries().map_err(|e| e.to_string())? {
        let mut entry = entry.map_err(|e| e.to_string())?;
        let path = entry.path().map_err(|e| e.to_string())?.into_owned();
        let Some(name) = path
            .strip_prefix("package/demo")
            .ok()
            .and_then(|p| p.to_str())
        else {
            continue;
        };
        let Some((_, sha)) = FETCHED.iter().find(|(n, _)| *n == name) else {
            continue;
        };
        let mut bytes = Vec::new();
        entry
            .by_ref()
            .take(16 << 20)
            .read_to_end(&mut bytes)
            .map_err(|e| e.to_string())?;
        if sha256_hex(&bytes) != *sha {
            return Err(format!("{name} in {TARBALL} is not the photo pinned"));
        }
        std::fs::write(dir.join(name), &bytes).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    if FETCHED
        .iter()
        .zip(&wanted)
        .all(|((_, sha), p)| whole(p, sha))
    {
        Ok(wanted)
    } else {
        Err(format!("{TARBALL} lacks the demo photos"))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_stranger_gets_the_pinned_reference_photos() {
        let dir = tempfile::tempdir().unwrap();
        let photos = super::fetch(dir.path()).unwrap();
        assert_eq!(photos.len(), 3);
        for p in &photos {
            let img = image::open(p).unwrap();
            assert!(img.width() >= 1000, "{}", p.display());
        }
        // The second time, from the folder, checked.
        assert_eq!(super::fetch(dir.path()).unwrap(), photos);
    }
}
