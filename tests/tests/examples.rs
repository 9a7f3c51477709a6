//! Every example's `screenshot.png` is its golden test: the example rendered over a real photo
//! (from the shared test media) with its recorded tracking tape, as its `screenshot.toml` says,
//! compared with a tolerance. On a mismatch `screenshot-actual.png` and
//! `screenshot-difference.png` are written beside it; `UPDATE_SNAPSHOTS=1` regenerates.

use std::path::{Path, PathBuf};

use lantern_engine::offline::{self, Source, TrackingSource};
use lantern_engine::render::{FrameData, PixelFormat};
use lantern_engine::schema::Package;
use lantern_engine::tape::Tape;
use lantern_engine::{EffectPlayer, PlayerOptions};
use lantern_integration_tests::repo_root;

#[derive(serde::Deserialize)]
struct Spec {
    photo: String,
    tape: String,
    width: u32,
    height: u32,
    fps: u32,
    frame: u64,
}

fn examples() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(repo_root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("screenshot.toml").is_file())
        .collect();
    out.sort();
    out
}

/// Renders `example` as its screenshot spec says; returns the kept frame.
pub fn render_screenshot(example: &Path) -> FrameData {
    let spec: Spec =
        toml::from_str(&std::fs::read_to_string(example.join("screenshot.toml")).unwrap()).unwrap();
    let media = lantern_engine::track::media::media_dir().expect("the shared test media");
    let mut source = Source::open(&media.join(&spec.photo)).unwrap();
    let options = PlayerOptions {
        width: spec.width,
        height: spec.height,
        fps: spec.fps as f32,
        ..PlayerOptions::default()
    };
    let package = Package::open(example).unwrap();
    let mut player = EffectPlayer::new(package, &options).unwrap();
    let mut tracking = TrackingSource::Tape(Tape::read(&example.join(&spec.tape)).unwrap());
    let mut last = None;
    offline::render(
        &mut player,
        &mut source,
        &mut tracking,
        Some(spec.frame + 1),
        PixelFormat::Rgba,
        |f| {
            last = Some(f.clone());
            Ok(())
        },
    )
    .unwrap();
    last.unwrap()
}

#[test]
fn every_example_matches_its_screenshot() {
    let examples = examples();
    assert!(
        examples.len() >= 6,
        "expected the six examples, found {examples:?}"
    );
    let mut failures = Vec::new();
    for example in &examples {
        let frame = render_screenshot(example);
        let img = image::RgbaImage::from_raw(frame.width, frame.height, frame.bytes).unwrap();
        if let Err(msg) =
            lantern_engine::render::golden::check(&example.join("screenshot.png"), &img)
        {
            failures.push(msg);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
