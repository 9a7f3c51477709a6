//! `lantern bench encode`: RGBA → yuv420p conversion (swscale, CPU) + libx264 encode at 720p30
//! (`veryfast`, `zerolatency`, 2500 kbit/s, SEI on every frame), with and without ROI, printing
//! ms per frame (p50/p99), fps, CPU share and bitrate.

use lantern_engine::media::EncoderConfig;
use lantern_engine::media::bench::{EncodeFigures, encode_test_pattern};
use lantern_engine::media::bench_roi::roi_effect;
use lantern_engine::schema::tracking::Rect;

/// The face photo of the ROI run (`$LANTERN_MEDIA_DIR`, default `/work/shared/media`) and its
/// face box at 1280x720 (the 512x512 photo stretched; measured once by eye).
const ROI_PHOTO: &str = "skimage_astronaut.png";
const ROI_FACE: Rect = Rect {
    x: 400.0,
    y: 28.0,
    w: 325.0,
    h: 240.0,
};

pub fn run(frames: u32) -> anyhow::Result<()> {
    let frames = frames.max(1);
    let cfg = EncoderConfig {
        width: 1280,
        height: 720,
        fps: 30,
        ..EncoderConfig::default()
    };
    let out = std::env::temp_dir().join(format!("lantern-bench-encode-{}.flv", std::process::id()));
    println!(
        "encode: {}x{}@{} libx264 {} zerolatency {} kbit/s, {frames} frames of the test pattern",
        cfg.width, cfg.height, cfg.fps, cfg.preset, cfg.video_kbps
    );
    for roi in [false, true] {
        let figures = encode_test_pattern(frames, &cfg, &out, roi);
        let _ = std::fs::remove_file(&out);
        print_figures(if roi { "roi on " } else { "roi off" }, &figures?);
    }
    let media =
        std::env::var("LANTERN_MEDIA_DIR").unwrap_or_else(|_| "/work/shared/media".to_owned());
    let photo = std::path::Path::new(&media).join(ROI_PHOTO);
    if !photo.is_file() {
        println!(
            "roi: skipped ({} not found; set LANTERN_MEDIA_DIR)",
            photo.display()
        );
        return Ok(());
    }
    let roi_frames = frames.clamp(30, 150);
    println!(
        "roi: {roi_frames} frames of {ROI_PHOTO} + noise, face box {:?}, same {} kbit/s target",
        ROI_FACE, cfg.video_kbps
    );
    let offsets = [0.0, -0.2, -0.4, -0.6];
    for f in roi_effect(
        &photo,
        ROI_FACE,
        roi_frames,
        &cfg,
        &offsets,
        &std::env::temp_dir(),
    )? {
        println!(
            "  qoffset {:+.1}: {:.0} kbit/s | PSNR face {:.2} dB, rest {:.2} dB",
            f.qoffset, f.video_kbps, f.face_psnr_db, f.rest_psnr_db
        );
    }
    Ok(())
}

fn print_figures(label: &str, f: &EncodeFigures) {
    println!(
        "  {label}: convert {:.2} ms p50 / {:.2} ms p99 | encode {:.2} ms p50 / {:.2} ms p99 | \
         {:.1} fps back to back | CPU {:.0}% of one core | {:.0} kbit/s",
        f.convert_ms_p50,
        f.convert_ms_p99,
        f.encode_ms_p50,
        f.encode_ms_p99,
        f.fps,
        f.cpu_share * 100.0,
        f.video_kbps
    );
}
