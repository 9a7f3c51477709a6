//! Far faces and groups: MediaPipe's full-range BlazeFace on the whole frame and on tiles.
//!
//! BlazeFace short range sees faces down to about a sixth of the frame's width; a host sitting
//! back from the camera, or a group, has smaller faces. The full-range detector (192x192, one
//! stride-4 grid) finds faces down to about [`MIN_INPUT_FACE`] pixels of its input, so on the
//! whole letterboxed frame it finds faces down to ~`MIN_INPUT_FACE / 192` of the frame's long
//! side, and on tiles of side `t` down to ~`MIN_INPUT_FACE / 192 · t`: [`tiles`] picks tiles
//! small enough for the smallest face wanted (`min_face`, 40 px by default: a 1280x720 frame
//! takes 3x2 tiles of 549 px). Neighbouring tiles overlap by more than the smallest face the
//! whole-frame scan finds, so every face the whole frame misses is whole in one tile; the
//! detections of all regions are merged ([`merge`]): a face seen in two tiles, or in the frame
//! and a tile, is one.

use crate::detect::face::{FaceDetection, FaceDetector, Range};
use crate::error::TrackError;
use crate::frame::FrameView;
use crate::models::Models;
use crate::roi::Roi;

/// The smallest face (box width, pixels of the 192x192 input) the full-range detector finds
/// reliably: all 6 test portraits are found from 12 px (4 of 6 at 8–10 px; unit test
/// `the_full_range_detector_sees_faces_from_12_to_128_px`); 14 leaves a margin.
pub const MIN_INPUT_FACE: f32 = 14.0;
const INPUT: f32 = 192.0;
/// Never more tiles than this in one scan (a huge frame gets larger tiles).
const MAX_TILES: usize = 16;

/// The full-range detector and the regions it scans.
#[derive(Debug)]
pub struct FarScan {
    detector: FaceDetector,
}

/// What one scan covered and cost.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ScanReport {
    /// Regions scanned (1 = the whole frame only).
    pub regions: usize,
    pub ms: f32,
}

impl FarScan {
    pub fn new(models: &Models, threads: usize) -> Result<Self, TrackError> {
        Ok(Self {
            detector: FaceDetector::with_range(models, Range::Full, threads)?,
        })
    }

    /// Faces in the given regions (the whole frame's letterbox, [`tiles`]), merged, best
    /// first. A face cut by a tile's edge inside the frame is left to the tile that holds it
    /// whole.
    pub fn scan(
        &mut self,
        frame: &FrameView<'_>,
        regions: &[Roi],
    ) -> Result<(Vec<FaceDetection>, ScanReport), TrackError> {
        let t0 = std::time::Instant::now();
        let mut all = Vec::new();
        let size = (frame.width() as f32, frame.height() as f32);
        for r in regions {
            let found = self.detector.detect_in(frame, r)?;
            all.extend(found.into_iter().filter(|d| !cut(d, r, size)));
        }
        let report = ScanReport {
            regions: regions.len(),
            ms: t0.elapsed().as_secs_f32() * 1e3,
        };
        Ok((merge(all), report))
    }
}

/// Overlapping squares covering the frame, each small enough that a `min_face`-wide face is
/// [`MIN_INPUT_FACE`] pixels of the detector's input; empty when the whole frame is small
/// enough already.
pub fn tiles(width: u32, height: u32, min_face: f32) -> Vec<Roi> {
    let (w, h) = (width as f32, height as f32);
    let long = w.max(h);
    let mut side = (min_face.max(1.0) * INPUT / MIN_INPUT_FACE).min(long);
    if side >= long * 0.95 || w < 1.0 || h < 1.0 {
        return Vec::new();
    }
    // Faces the whole frame misses are narrower than this: each is whole in some tile.
    let whole_min = MIN_INPUT_FACE / INPUT * long;
    loop {
        let overlap = whole_min.min(side / 2.0);
        let (cols, rows) = (count(w, side, overlap), count(h, side, overlap));
        if cols * rows <= MAX_TILES || side >= long {
            return grid(w, h, side, cols, rows);
        }
        side *= 1.25;
    }
}

/// How many tiles of `side` cover `len` with at least `overlap` between neighbours.
fn count(len: f32, side: f32, overlap: f32) -> usize {
    if len <= side {
        return 1;
    }
    let step = (side - overlap).max(1.0);
    // 5% short of the overlap is close enough (a 1024-px square takes 2 tiles, not 3).
    ((len - side) / step - 0.05).ceil().max(0.0) as usize + 1
}

/// `cols` x `rows` squares of `side`, evenly spaced from edge to edge (a square longer than the
/// frame is centred), on pixel centres as [`Roi::detector_letterbox`].
fn grid(w: f32, h: f32, side: f32, cols: usize, rows: usize) -> Vec<Roi> {
    let at = |len: f32, n: usize, i: usize| {
        if n < 2 {
            len / 2.0
        } else {
            side / 2.0 + (len - side) * i as f32 / (n - 1) as f32
        }
    };
    let mut out = Vec::with_capacity(cols * rows);
    for r in 0..rows {
        for c in 0..cols {
            out.push(Roi {
                cx: at(w, cols, c) + 0.5,
                cy: at(h, rows, r) + 0.5,
                w: side,
                h: side,
                rotation: 0.0,
            });
        }
    }
    out
}

/// Whether `d` reaches a side of `region` that lies inside the frame (`w`, `h`): a face
/// there may be half outside the region. (A side on or beyond the frame's edge cuts nothing.)
pub fn cut(d: &FaceDetection, region: &Roi, (w, h): (f32, f32)) -> bool {
    let margin = 0.02 * region.w;
    let (x0, y0) = (region.cx - region.w / 2.0, region.cy - region.h / 2.0);
    let (x1, y1) = (x0 + region.w, y0 + region.h);
    (x0 > 1.0 && d.x < x0 + margin)
        || (y0 > 1.0 && d.y < y0 + margin)
        || (x1 < w - 1.0 && d.x + d.w > x1 - margin)
        || (y1 < h - 1.0 && d.y + d.h > y1 - margin)
}

/// Detections from several regions as one list, best first: a detection overlapping a better
/// one (intersection over union above 0.3, as MediaPipe's suppression) is dropped. (Faces cut
/// by a tile's edge are gone already: [`cut`].)
pub fn merge(all: Vec<FaceDetection>) -> Vec<FaceDetection> {
    let mut kept = Vec::new();
    add(&mut kept, all);
    kept
}

/// Adds to `kept` the detections of `more` (best first) that overlap none already there: the
/// faces short range found keep its boxes (the crops MediaPipe's pipeline gives the mesh). A
/// loose box around two small faces overlaps neither enough to hide it.
pub fn add(kept: &mut Vec<FaceDetection>, mut more: Vec<FaceDetection>) {
    more.sort_by(|a, b| b.score.total_cmp(&a.score));
    for d in more {
        if !kept.iter().any(|k| iou(k, &d) > 0.3) {
            kept.push(d);
        }
    }
}

fn iou(a: &FaceDetection, b: &FaceDetection) -> f32 {
    let ix = (a.x + a.w).min(b.x + b.w) - a.x.max(b.x);
    let iy = (a.y + a.h).min(b.y + b.h) - a.y.max(b.y);
    if ix <= 0.0 || iy <= 0.0 {
        return 0.0;
    }
    let inter = ix * iy;
    inter / (a.w * a.h + b.w * b.h - inter).max(1e-6)
}

#[cfg(test)]
mod tests;
