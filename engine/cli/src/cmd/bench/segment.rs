//! The segmentation rows of `lantern bench track`: ms per frame for the square model on 720x720
//! frames and the landscape model on 1280x720 ones (and the square model letterboxing 1280x720,
//! for comparison), with 1 and 2 intra-op threads, split into letterbox, inference and
//! smoothing + upsampling. Prints a table (`min` is the least loaded frame: on a shared machine it
//! says more than the mean); nothing is asserted.

use lantern_engine::track::{
    FrameView, Models, SegmentModel, Segmenter, SegmenterConfig, image, load_rgba, photos,
};

/// Measures `frames` frames per row over the test photos.
pub fn run(frames: u32) -> anyhow::Result<()> {
    let dir = photos::media_dir()?;
    let pictures: Vec<image::RgbaImage> = photos::images_in(&dir)?
        .iter()
        .map(|p| load_rgba(p))
        .collect::<Result<_, _>>()?;
    anyhow::ensure!(!pictures.is_empty(), "no photos in {}", dir.display());
    let models = Models::discover();
    let frames = frames.max(pictures.len() as u32) as usize;
    println!(
        "segmentation: {} photos, {frames} frames per row (smoothing on)",
        pictures.len()
    );
    println!(
        "{:<10} {:<9} {:>3} {:>8} {:>6} {:>6} {:>6} {:>9} {:>6} {:>8}",
        "model", "frame", "thr", "ms/frm", "min", "p90", "fps", "letterbox", "infer", "upsample"
    );
    let rows = [
        (SegmentModel::Square, 720, 720),
        (SegmentModel::Landscape, 1280, 720),
        (SegmentModel::Square, 1280, 720),
    ];
    for threads in [1, 2] {
        for (model, w, h) in rows {
            let sized: Vec<_> = pictures.iter().map(|p| photos::fit(p, w, h)).collect();
            let cfg = SegmenterConfig {
                model,
                threads,
                ..SegmenterConfig::default()
            };
            let mut seg = Segmenter::new(&models, cfg)?;
            // Warm-up: the first run allocates.
            seg.segment(&FrameView::from_rgba(&sized[0])?)?;
            let (mut totals, mut parts) = (Vec::with_capacity(frames), [0.0_f32; 3]);
            for i in 0..frames {
                let view = FrameView::from_rgba(&sized[i * sized.len() / frames])?;
                let start = std::time::Instant::now();
                seg.segment(&view)?;
                totals.push(start.elapsed().as_secs_f32() * 1e3);
                let t = seg.last_times();
                for (s, v) in parts.iter_mut().zip([t.prepare, t.infer, t.upsample]) {
                    *s += v;
                }
            }
            let n = totals.len().max(1) as f32;
            let mean = totals.iter().sum::<f32>() / n;
            totals.sort_by(f32::total_cmp);
            let p90 = totals.get((n * 0.9) as usize).copied().unwrap_or(mean);
            println!(
                "{:<10} {:<9} {threads:>3} {mean:>8.2} {:>6.2} {p90:>6.2} {:>6.0} {:>9.2} {:>6.2} {:>8.2}",
                format!("{model:?}").to_lowercase(),
                format!("{w}x{h}"),
                totals.first().copied().unwrap_or(mean),
                1000.0 / mean.max(1e-3),
                parts[0] / n,
                parts[1] / n,
                parts[2] / n
            );
        }
    }
    Ok(())
}
