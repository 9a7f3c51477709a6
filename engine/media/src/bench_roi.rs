//! ROI benchmark: what face regions of interest do at equal settings. A clip is made from a face
//! photo with deterministic per-frame sensor-like noise (so every frame costs bits), encoded with
//! ROI off and on at the same bitrate, decoded again, and compared with the source: bitrate, and
//! PSNR inside the face box and outside it.

use std::path::Path;

use effect_schema::tracking::Rect;

use crate::encode::{Encoder, EncoderConfig, Target};
use crate::error::Result;
use crate::source::{RgbaFrame, StillImage, VideoFile, VideoSource};

/// The effect of ROI for one setting.
#[derive(Clone, Debug, PartialEq)]
pub struct RoiFigures {
    pub qoffset: f32,
    pub video_kbps: f64,
    pub face_psnr_db: f64,
    pub rest_psnr_db: f64,
}

/// Encodes `frames` frames of `image` (resized to `cfg` size) with `face` (output pixels) as ROI
/// at each of `offsets` (0.0 = ROI off) and measures the result. Scratch files go to `dir`.
pub fn roi_effect(
    image: &Path,
    face: Rect,
    frames: u32,
    cfg: &EncoderConfig,
    offsets: &[f32],
    dir: &Path,
) -> Result<Vec<RoiFigures>> {
    let base = StillImage::open(image, Some((cfg.width, cfg.height)), cfg.fps)?.next_frame()?;
    let Some(base) = base else {
        return Ok(Vec::new());
    };
    let clip: Vec<RgbaFrame> = (0..frames).map(|i| noisy(&base, i, cfg.fps)).collect();
    let mut out = Vec::new();
    for &qoffset in offsets {
        let path = dir.join(format!("lantern-roi-{}-{qoffset}.mp4", std::process::id()));
        let run_cfg = EncoderConfig {
            audio: None,
            roi_qoffset: qoffset,
            ..cfg.clone()
        };
        let mut enc = Encoder::open(&Target::File(path.clone()), &run_cfg)?;
        for f in &clip {
            enc.push_video(&f.view(), f.pts_ms, None, &[face])?;
        }
        let stats = enc.finish()?;
        let mut decoded = VideoFile::open(&path, None)?;
        let (mut face_err, mut rest_err) = ((0.0, 0u64), (0.0, 0u64));
        for src in &clip {
            let Some(dec) = decoded.next_frame()? else {
                break;
            };
            accumulate(src, &dec, face, &mut face_err, &mut rest_err);
        }
        let _ = std::fs::remove_file(&path);
        let seconds = f64::from(frames) / f64::from(cfg.fps);
        out.push(RoiFigures {
            qoffset,
            video_kbps: stats.video_bytes as f64 * 8.0 / 1000.0 / seconds,
            face_psnr_db: psnr(face_err),
            rest_psnr_db: psnr(rest_err),
        });
    }
    Ok(out)
}

/// `base` plus deterministic noise (±8 levels) and a slow 1-pixel-per-frame horizontal drift.
fn noisy(base: &RgbaFrame, index: u32, fps: u32) -> RgbaFrame {
    let mut data = base.data.clone();
    let mut state = 0x9E37_79B9_u32 ^ index.wrapping_mul(0x85EB_CA6B);
    for px in data.chunks_exact_mut(4) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let n = (state % 17) as i16 - 8;
        for c in &mut px[..3] {
            *c = (i16::from(*c) + n).clamp(0, 255) as u8;
        }
    }
    RgbaFrame {
        width: base.width,
        height: base.height,
        pts_ms: i64::from(index) * 1000 / i64::from(fps),
        data,
    }
}

/// Adds the squared error of `dec` against `src` per colour sample to `face_err` (inside
/// `face`) or `rest_err` (outside): `(sum, samples)` pairs for [`psnr`]. Frames of the same size.
pub fn accumulate(
    src: &RgbaFrame,
    dec: &RgbaFrame,
    face: Rect,
    face_err: &mut (f64, u64),
    rest_err: &mut (f64, u64),
) {
    let width = src.width as usize;
    for (i, (pa, pb)) in src
        .data
        .chunks_exact(4)
        .zip(dec.data.chunks_exact(4))
        .enumerate()
    {
        let (x, y) = ((i % width) as f32, (i / width) as f32);
        let inside = x >= face.x && x < face.x + face.w && y >= face.y && y < face.y + face.h;
        let sq: f64 = (0..3)
            .map(|c| (f64::from(pa[c]) - f64::from(pb[c])).powi(2))
            .sum();
        let acc = if inside {
            &mut *face_err
        } else {
            &mut *rest_err
        };
        acc.0 += sq;
        acc.1 += 3;
    }
}

/// PSNR in dB of an accumulated `(sum of squared errors, samples)`; infinite when identical.
pub fn psnr((sum, n): (f64, u64)) -> f64 {
    if n == 0 || sum == 0.0 {
        return f64::INFINITY;
    }
    10.0 * (255.0f64.powi(2) / (sum / n as f64)).log10()
}
