//! Encoder benchmark: colour conversion (RGBA → yuv420p, swscale on the CPU) and libx264 encode
//! of the deterministic test pattern, timed per frame, with the process CPU share. Used by
//! `lantern bench encode`; figures are printed, never asserted.

use std::path::Path;
use std::time::Instant;

use effect_schema::hotzone::{HotZone, SEI_VERSION, SeiPayload};

use crate::encode::{Encoder, EncoderConfig, Target};
use crate::error::Result;
use crate::source::TestPattern;

/// What one run measured.
#[derive(Clone, Debug, PartialEq)]
pub struct EncodeFigures {
    pub frames: u32,
    pub width: u32,
    pub height: u32,
    pub convert_ms_p50: f64,
    pub convert_ms_p99: f64,
    pub encode_ms_p50: f64,
    pub encode_ms_p99: f64,
    /// Frames per second the conversion + encode sustain back to back.
    pub fps: f64,
    /// CPU time / wall time of the run (1.0 = one core busy).
    pub cpu_share: f64,
    /// Video bitrate of the result at the nominal frame rate, kbit/s.
    pub video_kbps: f64,
}

/// Encodes `frames` frames of the test pattern at `cfg` into `out` (a file), with a per-frame SEI
/// and the pattern's moving box as ROI when `roi` is true.
pub fn encode_test_pattern(
    frames: u32,
    cfg: &EncoderConfig,
    out: &Path,
    roi: bool,
) -> Result<EncodeFigures> {
    let pattern = TestPattern::new(cfg.width, cfg.height, cfg.fps);
    // Pre-render a loop of frames so pattern drawing is not part of the figures.
    let distinct: Vec<_> = (0..u64::from(frames.min(120)))
        .map(|i| pattern.frame(i))
        .collect();
    let mut enc = Encoder::open(
        &Target::File(out.to_owned()),
        &EncoderConfig {
            audio: None,
            ..cfg.clone()
        },
    )?;
    let mut convert = Vec::with_capacity(frames as usize);
    let mut encode = Vec::with_capacity(frames as usize);
    let cpu0 = cpu_seconds();
    let wall0 = Instant::now();
    for i in 0..frames {
        let src = &distinct[i as usize % distinct.len().max(1)];
        let rect = pattern.box_rect(u64::from(i));
        let pts = i64::from(i) * 1000 / i64::from(cfg.fps);
        let sei = SeiPayload {
            v: SEI_VERSION,
            pts,
            wall: 0,
            w: cfg.width,
            h: cfg.height,
            zones: vec![HotZone {
                id: "box".to_owned(),
                kind: "bench".to_owned(),
                rect,
                payload: serde_json::Value::Null,
            }],
        };
        let t0 = Instant::now();
        let converted = enc.video_convert(&src.view())?;
        let t1 = Instant::now();
        let rois = if roi { vec![rect] } else { Vec::new() };
        enc.push_converted(converted, pts, Some(&sei), &rois)?;
        let t2 = Instant::now();
        convert.push((t1 - t0).as_secs_f64() * 1e3);
        encode.push((t2 - t1).as_secs_f64() * 1e3);
    }
    let stats = enc.finish()?;
    let wall = wall0.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu0).map_or(f64::NAN, |(a, b)| a - b);
    let seconds = f64::from(frames) / f64::from(cfg.fps);
    Ok(EncodeFigures {
        frames,
        width: cfg.width,
        height: cfg.height,
        convert_ms_p50: percentile(&mut convert, 0.5),
        convert_ms_p99: percentile(&mut convert, 0.99),
        encode_ms_p50: percentile(&mut encode, 0.5),
        encode_ms_p99: percentile(&mut encode, 0.99),
        fps: f64::from(frames) / wall,
        cpu_share: cpu / wall,
        video_kbps: stats.video_bytes as f64 * 8.0 / 1000.0 / seconds,
    })
}

/// The `q`-quantile of `values` (sorted in place); NaN when empty.
pub fn percentile(values: &mut [f64], q: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    let i = ((values.len() - 1) as f64 * q).round() as usize;
    values[i.min(values.len() - 1)]
}

/// User + system CPU seconds of this process (Linux `/proc/self/stat`), if readable.
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // USER_HZ is 100 on every Linux configuration we run on.
    Some((utime + stime) / 100.0)
}
