//! Finding new faces on detection frames: BlazeFace short range, and the full-range far scan
//! ([`crate::detect::far`]) when it is worth its cost.
//!
//! The far scan runs:
//! - in video, when short range finds nothing and no face is tracked, on every `far_every`-th
//!   such detection frame: the whole frame plus `far_tiles_per_scan` of the tiles, taken in
//!   turn, so a scan costs ~3 detector runs and all tiles are covered within a few scans;
//! - in video, for groups: on each detection frame (every `face_detect_every` frames) while
//!   fewer than `max_faces` (> 1) faces are tracked and one of them is small (narrower than
//!   twice the smallest face the whole-frame scan finds: 187 px in 1280x720), likewise;
//! - on stills (`independent`), whenever short range finds fewer than `max_faces`: the whole
//!   frame, then every tile when that found nothing or found a small face (a group).
//!
//! A face found close up by short range in video never pays for it: the one-face case costs
//! what it did.

use effect_schema::tracking::{Point2, Rect};

use crate::config::TrackerConfig;
use crate::detect::face::{FaceDetection, FaceDetector};
use crate::detect::far::{self, FarScan, ScanReport};
use crate::error::TrackError;
use crate::frame::FrameView;
use crate::roi::Roi;

/// A face narrower than this many times the whole-frame scan's smallest face is "small":
/// smaller ones may be around it (a group), so the tiles are scanned.
const SMALL: f32 = 2.0;

/// The detectors and the far scan's schedule.
pub struct Finder {
    near: FaceDetector,
    far: Option<FarScan>,
    /// Far scans asked for so far (every `far_every`-th runs).
    asks: u32,
    /// The next tile of the round (video).
    next_tile: usize,
    /// What the last far scan covered and cost.
    pub last_far: Option<ScanReport>,
}

impl std::fmt::Debug for Finder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Finder")
            .field("far", &self.far.is_some())
            .finish_non_exhaustive()
    }
}

impl Finder {
    pub fn new(near: FaceDetector, far: Option<FarScan>) -> Self {
        Self {
            near,
            far,
            asks: 0,
            next_tile: 0,
            last_far: None,
        }
    }

    /// Faces, short range's first (best first), then the far scan's, and how many came from
    /// short range (the far scan's faces get their mesh crop refined once; short range's keep
    /// MediaPipe's single pass). `tracked`: the boxes of the faces already tracked (the far
    /// scan runs only when short range finds fewer new faces than there is room for).
    pub fn find(
        &mut self,
        frame: &FrameView<'_>,
        cfg: &TrackerConfig,
        tracked: &[Rect],
    ) -> Result<(Vec<FaceDetection>, usize), TrackError> {
        self.last_far = None;
        let near = self.near.detect(frame)?;
        let room = cfg.max_faces.saturating_sub(tracked.len());
        let new = |d: &&FaceDetection| {
            let centre = Point2 {
                x: d.x + d.w / 2.0,
                y: d.y + d.h / 2.0,
            };
            !tracked.iter().any(|t| t.contains(centre))
        };
        let from_near = near.len();
        if self.far.is_none() || near.iter().filter(new).count() >= room {
            return Ok((near, from_near));
        }
        let small = SMALL * whole_frame_min(frame.width(), frame.height());
        let is_small = |d: &FaceDetection| d.w < small;
        let found = if cfg.independent {
            self.still_scan(frame, cfg, &near, small)?
        } else {
            let alone = near.is_empty() && tracked.is_empty();
            let group = cfg.max_faces > 1
                && (tracked.iter().any(|t| t.w < small) || near.iter().any(is_small));
            if !(alone || group) {
                return Ok((near, from_near));
            }
            // An empty scene is scanned every few frames: the far scan on every `far_every`-th.
            // (Groups: detection frames are already `face_detect_every` apart.)
            if alone {
                self.asks += 1;
                if !(self.asks - 1).is_multiple_of(cfg.far_every.max(1)) {
                    return Ok((near, from_near));
                }
            }
            let regions = self.video_regions(frame.width(), frame.height(), cfg);
            self.run(frame, &regions)?
        };
        let mut all = near;
        far::add(&mut all, found);
        Ok((all, from_near))
    }

    /// Stills: the whole frame, then every tile when nothing was found or a face is small.
    fn still_scan(
        &mut self,
        frame: &FrameView<'_>,
        cfg: &TrackerConfig,
        near: &[FaceDetection],
        small: f32,
    ) -> Result<Vec<FaceDetection>, TrackError> {
        let (w, h) = (frame.width(), frame.height());
        let mut found = self.run(frame, &[Roi::detector_letterbox(w, h)])?;
        // (Faces seen by both are merged by the caller, which keeps short range's boxes.)
        let whole = self.last_far.unwrap_or_default();
        let mut seen = near.iter().chain(&found);
        let (none, any_small) = (
            near.is_empty() && found.is_empty(),
            seen.any(|d| d.w < small),
        );
        if none || any_small {
            found.extend(self.run(frame, &far::tiles(w, h, cfg.far_min_face))?);
            let tiles = self.last_far.unwrap_or_default();
            self.last_far = Some(ScanReport {
                regions: whole.regions + tiles.regions,
                ms: whole.ms + tiles.ms,
            });
        }
        Ok(found)
    }

    /// One far scan of `regions`, its cost kept in `last_far`.
    fn run(
        &mut self,
        frame: &FrameView<'_>,
        regions: &[Roi],
    ) -> Result<Vec<FaceDetection>, TrackError> {
        let Some(scan) = self.far.as_mut() else {
            return Ok(Vec::new());
        };
        let (found, report) = scan.scan(frame, regions)?;
        self.last_far = Some(report);
        Ok(found)
    }

    /// The whole frame and the next `far_tiles_per_scan` tiles of the round.
    fn video_regions(&mut self, w: u32, h: u32, cfg: &TrackerConfig) -> Vec<Roi> {
        let tiles = far::tiles(w, h, cfg.far_min_face);
        let mut out = vec![Roi::detector_letterbox(w, h)];
        if tiles.is_empty() {
            return out;
        }
        for _ in 0..cfg.far_tiles_per_scan.min(tiles.len()) {
            let i = self.next_tile % tiles.len();
            out.push(tiles[i]);
            self.next_tile = i + 1;
        }
        out
    }
}

/// The smallest face (pixels) the full-range detector finds on the whole letterboxed frame.
fn whole_frame_min(w: u32, h: u32) -> f32 {
    far::MIN_INPUT_FACE / 192.0 * w.max(h) as f32
}
