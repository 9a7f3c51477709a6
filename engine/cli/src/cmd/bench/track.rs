//! `lantern bench track`: ms per model and per frame over the test photos at 1280x720
//! (`$LANTERN_MEDIA` or `shared/media` beside the checkout), then person segmentation
//! ([`super::segment`]). Prints tables; nothing is asserted.
//!
//! Scenarios: face-only, hands-only, face+hands; each with 1 and 2 intra-op threads, and
//! face+hands also with faces and hands on two threads side by side (`par`, the default
//! `TrackerConfig::parallel`: two cores); each in *detection frames* (detectors every frame) and
//! *tracking frames* (landmarks from the previous frame, detectors only when nothing is tracked).
//! Each photo is shown for several frames in a row so tracking engages, like a still camera.

use anyhow::Context as _;
use lantern_engine::track::{FrameView, Models, Tracker, TrackerConfig, image, load_rgba, photos};

/// Mean ms per frame (and per model) of one scenario.
struct Row {
    mean: f32,
    p90: f32,
    face_detect: f32,
    mesh: f32,
    iris: f32,
    palm: f32,
    hand: f32,
}

/// Runs the tracking benchmark over `frames` frames per scenario.
pub fn run(frames: u32) -> anyhow::Result<()> {
    let dir = photos::media_dir()?;
    let mut paths = photos::images_in(&dir)?;
    paths.extend(photos::images_in(&dir.join("hagrid"))?);
    anyhow::ensure!(!paths.is_empty(), "no photos in {}", dir.display());
    let photos: Vec<_> = paths
        .iter()
        .map(|p| load_rgba(p).map(|i| photos::fit(&i, 1280, 720)))
        .collect::<Result<_, _>>()?;
    let models = Models::discover();
    let frames = frames.max(photos.len() as u32);
    let per_photo = (frames as usize / photos.len()).max(1);
    println!(
        "lantern bench track: {} photos from {} at 1280x720, {per_photo} frames each",
        photos.len(),
        dir.display()
    );
    println!(
        "{:<12} {:>3} {:>3} {:<9} {:>8} {:>8} {:>6} {:>8} {:>6} {:>6} {:>6} {:>6}",
        "scenario",
        "thr",
        "par",
        "frames",
        "ms/frm",
        "p90",
        "fps",
        "faceDet",
        "mesh",
        "iris",
        "palm",
        "hand"
    );
    for (name, faces, hands) in [
        ("face", true, false),
        ("hands", false, true),
        ("face+hands", true, true),
    ] {
        let runs: &[(usize, bool)] = if faces && hands {
            &[(1, false), (1, true), (2, false)]
        } else {
            &[(1, false), (2, false)]
        };
        for &(threads, parallel) in runs {
            for detect in [true, false] {
                let every = if detect { 1 } else { u32::MAX };
                let cfg = TrackerConfig {
                    faces,
                    hands,
                    threads,
                    parallel,
                    face_detect_every: every,
                    palm_detect_every: every,
                    ..TrackerConfig::default()
                };
                let mut tracker = Tracker::new(&models, cfg).context("loading the tracker")?;
                let r = measure(&mut tracker, &photos, per_photo)?;
                println!(
                    "{name:<12} {threads:>3} {:>3} {:<9} {:>8.2} {:>8.2} {:>6.0} {:>8.2} {:>6.2} {:>6.2} {:>6.2} {:>6.2}",
                    if parallel { "yes" } else { "no" },
                    if detect { "detect" } else { "tracking" },
                    r.mean,
                    r.p90,
                    1000.0 / r.mean.max(1e-3),
                    r.face_detect,
                    r.mesh,
                    r.iris,
                    r.palm,
                    r.hand
                );
            }
        }
    }
    println!(
        "(per-model columns: mean ms per frame spent in that model, including crops and decoding)"
    );
    super::segment::run(frames)
}

fn measure(
    tracker: &mut Tracker,
    photos: &[image::RgbaImage],
    per_photo: usize,
) -> anyhow::Result<Row> {
    let mut totals = Vec::new();
    let mut sums = [0.0_f32; 5];
    for img in photos {
        let view = FrameView::from_rgba(img)?;
        // One warm-up frame per photo: the first frame of a new scene is a detection frame.
        tracker.track(&view, None)?;
        for _ in 0..per_photo {
            tracker.track(&view, None)?;
            let t = tracker.last_times();
            totals.push(t.total);
            let stages = [
                t.face.detect,
                t.face.mesh,
                t.face.iris,
                t.hand.palm,
                t.hand.landmarks,
            ];
            for (s, v) in sums.iter_mut().zip(stages) {
                *s += v;
            }
        }
    }
    let n = totals.len().max(1) as f32;
    totals.sort_by(f32::total_cmp);
    let mean = totals.iter().sum::<f32>() / n;
    let p90 = totals
        .get(((totals.len() as f32) * 0.9) as usize)
        .copied()
        .unwrap_or(mean);
    Ok(Row {
        mean,
        p90,
        face_detect: sums[0] / n,
        mesh: sums[1] / n,
        iris: sums[2] / n,
        palm: sums[3] / n,
        hand: sums[4] / n,
    })
}
