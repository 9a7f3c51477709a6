//! Every example's `screenshot.png` is its golden test: the example rendered over a real photo
//! (from the shared test media) with its recorded tracking tape, as its `screenshot.toml` says,
//! compared with a tolerance. On a mismatch `screenshot-actual.png` and
//! `screenshot-difference.png` are written beside it; `UPDATE_SNAPSHOTS=1` regenerates.

#![allow(clippy::unwrap_used)] // test helpers: a failure is the test failing

use std::path::{Path, PathBuf};

use lantern_engine::render::FrameData;
use lantern_integration_tests::repo_root;
use lantern_integration_tests::screenshot::ScreenshotSpec;

fn examples() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(repo_root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("screenshot.toml").is_file())
        .collect();
    out.sort();
    out
}

/// Renders `example` as its screenshot spec says; returns the kept frames (its moments, then
/// the screenshot's) with their golden images.
pub fn render_screenshots(example: &Path) -> Vec<(PathBuf, FrameData)> {
    let spec = ScreenshotSpec::read(example).unwrap();
    let mut kept = Vec::new();
    let mut last = None;
    let mut index = 0;
    spec.render(example, None, |f| {
        if spec.moments.contains(&index) {
            kept.push((spec.golden(example, index), f.clone()));
        }
        index += 1;
        last = Some(f.clone());
        Ok(())
    })
    .unwrap();
    kept.push((spec.golden(example, spec.frame), last.unwrap()));
    kept
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
        let shots = render_screenshots(example);
        let last = shots.len() - 1;
        for (i, (golden, frame)) in shots.into_iter().enumerate() {
            let img = image::RgbaImage::from_raw(frame.width, frame.height, frame.bytes).unwrap();
            // Moments are kept at half size: they show motion, and the goldens travel in the
            // example's package.
            let img = if i == last {
                img
            } else {
                let (w, h) = (img.width() / 2, img.height() / 2);
                image::imageops::resize(&img, w, h, image::imageops::FilterType::Triangle)
            };
            if let Err(msg) = lantern_testing::golden::check(&golden, &img) {
                failures.push(msg);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Frame adaptation: the same effect at 16:9, 9:16 and 1:1 keeps the hat on the head and the
/// banner inside the safe area, honouring the per-orientation overrides.
#[test]
fn lucky_hat_adapts_to_landscape_portrait_and_square() {
    let example = repo_root().join("examples/lucky-hat");
    let spec = ScreenshotSpec::read(&example).unwrap();
    let tape = lantern_engine::tape::Tape::read(&example.join(&spec.tape)).unwrap();
    let face = &tape.frames[0].faces[0];
    let mut banner_widths = Vec::new();
    for (w, h) in [(1280, 720), (720, 1280), (1080, 1080)] {
        let mut last = None;
        spec.render(&example, Some((w, h)), |f| {
            last = Some(f.clone());
            Ok(())
        })
        .unwrap();
        let frame = last.unwrap();
        assert_eq!((frame.width, frame.height), (w, h));
        let zone = |id: &str| {
            frame
                .hotzones
                .iter()
                .find(|z| z.id == id)
                .unwrap_or_else(|| panic!("{w}x{h}: no {id} zone in {:?}", frame.hotzones))
        };
        // The camera frame is drawn with `Cover`: map the face centre the same way.
        let (cw, ch) = (tape.frames[0].width as f32, tape.frames[0].height as f32);
        let s = (w as f32 / cw).max(h as f32 / ch);
        let face_x = (face.bbox.x + face.bbox.w / 2.0) * s + (w as f32 - cw * s) / 2.0;
        let hat = zone("hatProp").rect;
        let hat_x = hat.x + hat.w / 2.0;
        assert!(
            (hat_x - face_x).abs() < 0.05 * w as f32,
            "{w}x{h}: hat centre {hat_x} vs face centre {face_x}"
        );
        let banner = zone("banner").rect;
        assert!(
            banner.x >= 0.0
                && banner.y >= 0.0
                && banner.x + banner.w <= w as f32
                && banner.y + banner.h <= h as f32,
            "{w}x{h}: banner {banner:?} leaves the frame"
        );
        banner_widths.push(banner.w / w as f32);
    }
    // The landscape override makes the banner narrower relative to the frame.
    assert!(
        banner_widths[0] < banner_widths[1] * 0.6,
        "{banner_widths:?}"
    );
}
