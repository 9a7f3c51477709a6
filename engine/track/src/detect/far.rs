//! Far faces: YuNet (libfacedetection, any input size), for faces BlazeFace short range misses.
//!
//! BlazeFace short range sees faces down to about a sixth of the frame's width; a host sitting
//! back from the camera has a smaller face. When BlazeFace finds nothing, the tracker runs YuNet
//! on a 640-pixel-wide letterbox of the frame (BGR 0..255, NCHW): it finds faces down to about
//! 15 pixels there (30 in a 1280x720 frame). Each stride's grid (8, 16, 32) gives a class and an
//! objectness score (the face score is their geometric mean), a box (`cx`, `cy` in cells, `w`,
//! `h` as logs) and five keypoints (eyes, nose tip, mouth corners). The box becomes a
//! BlazeFace-like box (YuNet's reaches higher up the forehead), so the face mesh runs on the
//! crop it expects; the tracker refines that crop once with the mesh.

use crate::detect::face::FaceDetection;
use crate::detect::ssd;
use crate::error::TrackError;
use crate::frame::FrameView;
use crate::models::Models;
use crate::roi::{self, Norm, Roi};
use crate::runtime::OnnxModel;

/// The model file (dynamic input size).
pub const MODEL: &str = "face_detection_yunet_s_dynamic.onnx";
/// Input width; the height follows the frame's aspect, rounded up to a multiple of 32.
const WIDTH: usize = 640;
const STRIDES: [usize; 3] = [8, 16, 32];

/// YuNet with its input buffers.
#[derive(Debug)]
pub struct FarFaceDetector {
    model: OnnxModel,
    nhwc: Vec<f32>,
    nchw: Vec<f32>,
    /// Minimum score, 0..1.
    pub threshold: f32,
}

impl FarFaceDetector {
    pub fn new(models: &Models, threads: usize) -> Result<Self, TrackError> {
        Ok(Self {
            model: OnnxModel::load(models, MODEL, threads)?,
            nhwc: Vec::new(),
            nchw: Vec::new(),
            threshold: 0.6,
        })
    }

    /// Every face found, best first, as BlazeFace-like detections.
    pub fn detect(&mut self, frame: &FrameView<'_>) -> Result<Vec<FaceDetection>, TrackError> {
        let (fw, fh) = (frame.width() as f32, frame.height() as f32);
        let height = ((WIDTH as f32 * fh / fw).ceil() as usize)
            .div_ceil(32)
            .clamp(1, 40)
            * 32;
        let lb = Roi::letterbox_aspect(frame.width(), frame.height(), WIDTH as f32 / height as f32);
        let raw = Norm {
            scale: 1.0,
            offset: 0.0,
        };
        roi::crop_area_rect(frame, &lb, (WIDTH, height), raw, &mut self.nhwc);
        // NHWC RGB → NCHW BGR.
        let plane = WIDTH * height;
        self.nchw.clear();
        self.nchw.resize(plane * 3, 0.0);
        for (i, px) in self.nhwc.chunks_exact(3).enumerate() {
            self.nchw[i] = px[2];
            self.nchw[plane + i] = px[1];
            self.nchw[2 * plane + i] = px[0];
        }
        let out = self.model.run(&self.nchw, &[1, 3, height, WIDTH])?;
        let dets = decode(&out, (WIDTH, height), self.threshold).ok_or(TrackError::Output {
            model: MODEL,
            detail: "expected cls, obj, bbox and kps outputs for strides 8, 16 and 32".to_owned(),
        })?;
        Ok(ssd::weighted_nms(dets, 0.3)
            .into_iter()
            .map(|d| blazeface_like(&d, &lb))
            .collect())
    }
}

/// The outputs (cls ×3, obj ×3, bbox ×3, kps ×3, by stride) → detections in input units 0..1.
#[allow(
    clippy::many_single_char_names,
    reason = "grid maths: rows, columns, strides"
)]
fn decode(out: &[Vec<f32>], (w, h): (usize, usize), threshold: f32) -> Option<Vec<ssd::Detection>> {
    let mut dets = Vec::new();
    for (s, &stride) in STRIDES.iter().enumerate() {
        let (cols, rows) = (w / stride, h / stride);
        let n = cols * rows;
        let (cls, obj, bbox, kps) = (
            out.get(s)?,
            out.get(3 + s)?,
            out.get(6 + s)?,
            out.get(9 + s)?,
        );
        if cls.len() < n || obj.len() < n || bbox.len() < n * 4 || kps.len() < n * 10 {
            return None;
        }
        let st = stride as f32;
        for i in 0..n {
            let score = (cls[i].clamp(0.0, 1.0) * obj[i].clamp(0.0, 1.0)).sqrt();
            if score < threshold {
                continue;
            }
            let (c, r) = ((i % cols) as f32, (i / cols) as f32);
            let b = &bbox[i * 4..i * 4 + 4];
            let k = &kps[i * 10..i * 10 + 10];
            dets.push(ssd::Detection {
                score,
                cx: (c + b[0]) * st / w as f32,
                cy: (r + b[1]) * st / h as f32,
                w: b[2].exp() * st / w as f32,
                h: b[3].exp() * st / h as f32,
                keypoints: (0..5)
                    .map(|j| {
                        (
                            (k[2 * j] + c) * st / w as f32,
                            (k[2 * j + 1] + r) * st / h as f32,
                        )
                    })
                    .collect(),
            });
        }
    }
    Some(dets)
}

/// YuNet's box and five keypoints → a BlazeFace-style detection in frame pixels: the box
/// moved down by 15% of its height and made square at 94% of it (measured on the test
/// portraits), the mouth centre between the corners, the ears beyond the eyes.
fn blazeface_like(d: &ssd::Detection, lb: &Roi) -> FaceDetection {
    let (cx, cy) = lb.norm_to_frame(d.cx, d.cy);
    let (w, h) = (d.w * lb.w, d.h * lb.h);
    let side = 0.94 * h.max(w);
    let k: Vec<(f32, f32)> = d
        .keypoints
        .iter()
        .map(|&(x, y)| lb.norm_to_frame(x, y))
        .collect();
    let (re, le) = (k[0], k[1]);
    let mouth = ((k[3].0 + k[4].0) * 0.5, (k[3].1 + k[4].1) * 0.5);
    let beyond = |a: (f32, f32), b: (f32, f32)| (a.0 + (a.0 - b.0) * 0.9, a.1 + (a.1 - b.1) * 0.9);
    FaceDetection {
        score: d.score,
        x: cx - side * 0.5,
        y: cy + 0.15 * h - side * 0.5,
        w: side,
        h: side,
        keypoints: [re, le, k[2], mouth, beyond(re, le), beyond(le, re)],
    }
}
