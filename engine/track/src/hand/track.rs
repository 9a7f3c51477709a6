//! Following hands from frame to frame, finding the second hand, and naming gestures.
//!
//! Each tracked hand's landmarks are re-run on the crop from its previous landmarks; a hand
//! whose presence drops is dropped. On detection frames the palm detector runs; when fewer
//! hands than wanted are tracked it runs a second pass with the found hands blacked out and a
//! lower threshold — the palm detector alone finds one hand of a two-hand heart. While a hand is
//! tracked, re-detection runs only that second pass. Candidates must pass the landmark model's
//! presence check and not overlap a tracked hand. Gestures come from [`crate::hand::gestures`], go
//! through a per-hand [`Latch`] (one-hand) or a shared one (two-hand), and hands in a two-hand
//! gesture report no one-hand gesture.

use effect_schema::tracking::{GestureEvent, Hand, Point3, Rect};
use effect_schema::vocab::{Gesture, Phase};

use crate::config::TrackerConfig;
use crate::detect::palm::{self, PalmDetector};
use crate::error::TrackError;
use crate::frame::FrameView;
use crate::hand::gestures;
use crate::hand::landmarks::{self as hand, HandLandmarker, HandLandmarks};
use crate::phase::Latch;
use crate::roi::Roi;
use crate::smoothing::PointsFilter;

const PRESENCE: f32 = 0.5;
/// The second pass's palm threshold, and the landmark presence its hands must reach (higher
/// than the first pass's, to keep the lowered threshold from finding hands that are not there).
const SECOND_PASS: f32 = 0.3;
const SECOND_PASS_PRESENCE: f32 = 0.9;

struct Track {
    id: u32,
    roi: Roi,
    filter: PointsFilter,
    latch: Latch<Gesture>,
    /// Running mean of the handedness output (see [`HandLandmarks::left_mirrored`]).
    left_mirrored: f32,
    frames: u32,
    /// The smoothed landmarks of its last run, reported again on the frames in between (kept
    /// only when `hand_every` > 1).
    last: Option<HandLandmarks>,
    /// Seconds since that run (the smoothing filter's step when it runs again).
    since: f32,
    /// Whether its landmarks were run this frame (else `last` is held).
    fresh: bool,
}

/// Timing of one frame's hand work, per model (ms).
#[derive(Clone, Copy, Debug, Default)]
pub struct HandTimes {
    pub palm: f32,
    pub landmarks: f32,
}

/// The models and the live hand tracks.
pub struct HandTracks {
    palm: PalmDetector,
    landmarker: HandLandmarker,
    tracks: Vec<Track>,
    two_hand: Latch<Gesture>,
    two_hand_ids: Vec<u32>,
    next_id: u32,
    /// Whole-frame palm scans that found nothing while no hand was tracked.
    empty_scans: u32,
    /// Frames stepped (which tracks are due when `hand_every` > 1).
    frame: u32,
}

impl std::fmt::Debug for HandTracks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HandTracks")
            .field("tracks", &self.tracks.len())
            .finish_non_exhaustive()
    }
}

fn rect(b: (f32, f32, f32, f32)) -> Rect {
    Rect {
        x: b.0,
        y: b.1,
        w: b.2,
        h: b.3,
    }
}

fn overlap(a: &Rect, b: &Rect) -> f32 {
    let ix = (a.x + a.w).min(b.x + b.w) - a.x.max(b.x);
    let iy = (a.y + a.h).min(b.y + b.h) - a.y.max(b.y);
    if ix <= 0.0 || iy <= 0.0 {
        return 0.0;
    }
    // Intersection over the smaller box: a hand inside another hand's box is a duplicate.
    ix * iy / (a.w * a.h).min(b.w * b.h).max(1e-3)
}

impl HandTracks {
    pub fn new(models: &crate::Models, cfg: &TrackerConfig) -> Result<Self, TrackError> {
        let (p, h) = if cfg.lite_hands {
            (palm::MODEL_LITE, hand::MODEL_LITE)
        } else {
            (palm::MODEL_FULL, hand::MODEL_FULL)
        };
        Ok(Self {
            palm: PalmDetector::new(models, p, cfg.threads)?,
            landmarker: HandLandmarker::new(models, h, cfg.threads, cfg.int8)?,
            tracks: Vec::new(),
            two_hand: Latch::default(),
            two_hand_ids: Vec::new(),
            next_id: 1,
            empty_scans: 0,
            frame: 0,
        })
    }

    /// The other hand of a two-hand heart, which the palm detector misses (the palms are
    /// hidden): the heart is symmetric about the line through this hand's thumb tip (where the
    /// thumbs meet) and index tip (where the index fingers meet), so the landmarks are run on
    /// the crop of this hand mirrored about that line. `None` when nothing hand-like is there.
    fn mirrored_hand(
        &mut self,
        frame: &FrameView<'_>,
        found: &HandLandmarks,
    ) -> Result<Option<HandLandmarks>, TrackError> {
        let (thumb, index) = (found.xy(4), found.xy(8));
        let (dx, dy) = (index.0 - thumb.0, index.1 - thumb.1);
        let len2 = dx * dx + dy * dy;
        let (_, _, width, height) = found.bbox();
        if len2 < (0.2 * width.max(height)).powi(2) {
            return Ok(None);
        }
        let mirror = |p: &[f32; 3]| {
            let along = ((p[0] - thumb.0) * dx + (p[1] - thumb.1) * dy) / len2;
            let foot = (thumb.0 + along * dx, thumb.1 + along * dy);
            [2.0 * foot.0 - p[0], 2.0 * foot.1 - p[1], p[2]]
        };
        let guess = HandLandmarks {
            points: found.points.iter().map(mirror).collect(),
            ..found.clone()
        };
        let lm = self.landmarker.run(frame, &hand::hand_roi(&guess))?;
        let duplicate = overlap(&rect(found.bbox()), &rect(lm.bbox())) > 0.5;
        Ok((lm.score >= PRESENCE && !duplicate).then_some(lm))
    }

    /// A new track starting at `lm`, with the next id.
    fn new_track(&mut self, lm: &HandLandmarks) -> Track {
        self.next_id += 1;
        Track {
            id: self.next_id - 1,
            roi: hand::hand_roi(lm),
            filter: PointsFilter::default(),
            latch: Latch::default(),
            left_mirrored: lm.left_mirrored,
            frames: 0,
            last: None,
            since: 0.0,
            fresh: true,
        }
    }

    /// Drops every track (ids keep counting up).
    pub fn reset(&mut self) {
        self.tracks.clear();
        self.two_hand = Latch::default();
        self.two_hand_ids.clear();
    }

    /// Whether no hand is tracked.
    pub fn is_empty(&self) -> bool {
        self.tracks.is_empty()
    }

    /// One frame: hands and the gesture events that changed (or are held). Follows the tracked
    /// hands, looks for new ones on detection frames, then names gestures.
    pub fn step(
        &mut self,
        frame: &FrameView<'_>,
        cfg: &TrackerConfig,
        detect: bool,
        dt: f32,
        times: &mut HandTimes,
    ) -> Result<(Vec<Hand>, Vec<GestureEvent>), TrackError> {
        let mut events = Vec::new();
        self.frame = self.frame.wrapping_add(1);
        let mut kept = self.follow(frame, cfg, dt, times, &mut events)?;
        if detect && kept.len() < cfg.max_hands {
            self.add_new_hands(frame, cfg, &mut kept, times)?;
        }
        for (tr, lm) in kept.iter_mut().filter(|(tr, _)| tr.fresh) {
            if let Some(s) = &cfg.smoothing {
                let (_, _, w, h) = lm.bbox();
                tr.filter.apply(&mut lm.points, w.max(h), tr.since + dt, s);
            }
            tr.since = 0.0;
            tr.frames += 1;
            tr.left_mirrored += (lm.left_mirrored - tr.left_mirrored) / tr.frames.min(10) as f32;
            if cfg.hand_every > 1 {
                tr.last = Some(lm.clone());
            }
        }
        self.two_hand_gestures(&kept, cfg, &mut events);
        let hands = self.one_hand_gestures(&mut kept, cfg, &mut events);
        self.tracks = kept.into_iter().map(|(tr, _)| tr).collect();
        Ok((hands, events))
    }

    /// Tracking: re-runs the landmarks on each hand's crop from its previous landmarks; a hand
    /// that is gone (or now covers another tracked hand) is dropped and its gesture ended. With
    /// `hand_every` > 1 each hand runs on every that many frames (hands in turn) and holds its
    /// last landmarks in between.
    fn follow(
        &mut self,
        frame: &FrameView<'_>,
        cfg: &TrackerConfig,
        dt: f32,
        times: &mut HandTimes,
        events: &mut Vec<GestureEvent>,
    ) -> Result<Vec<(Track, HandLandmarks)>, TrackError> {
        let mut kept: Vec<(Track, HandLandmarks)> = Vec::new();
        let every = cfg.hand_every.max(1);
        for (i, mut tr) in std::mem::take(&mut self.tracks).into_iter().enumerate() {
            // By place in the list, not id: two hands (ids 1 and 3, say) take turns.
            tr.fresh = self.frame.wrapping_add(i as u32).is_multiple_of(every);
            if let (false, Some(last)) = (tr.fresh, &tr.last) {
                tr.since += dt;
                let held = last.clone();
                kept.push((tr, held));
                continue;
            }
            tr.fresh = true;
            let t0 = std::time::Instant::now();
            let lm = self.landmarker.run(frame, &tr.roi)?;
            times.landmarks += t0.elapsed().as_secs_f32() * 1e3;
            if lm.score >= PRESENCE
                && kept
                    .iter()
                    .all(|(_, k)| overlap(&rect(k.bbox()), &rect(lm.bbox())) < 0.5)
            {
                tr.roi = hand::hand_roi(&lm);
                kept.push((tr, lm));
            } else if let Some((g, phase)) = tr.latch.end() {
                events.push(GestureEvent {
                    gesture: g,
                    phase,
                    hand_ids: vec![tr.id],
                    handedness: None,
                });
            }
        }
        Ok(kept)
    }

    /// Detection: the palm detector's first pass (skipped while a hand is tracked: it would
    /// find that hand again), its second pass with the found hands blacked out, then the
    /// mirrored other hand of a two-hand heart.
    fn add_new_hands(
        &mut self,
        frame: &FrameView<'_>,
        cfg: &TrackerConfig,
        kept: &mut Vec<(Track, HandLandmarks)>,
        times: &mut HandTimes,
    ) -> Result<(), TrackError> {
        let first = usize::from(!kept.is_empty());
        for pass in first..2 {
            if kept.len() >= cfg.max_hands {
                break;
            }
            self.palm_pass(frame, cfg, pass == 1, kept, times)?;
            if pass == 0 && kept.is_empty() {
                break;
            }
        }
        if kept.len() == 1 && cfg.max_hands >= 2 {
            let t0 = std::time::Instant::now();
            let other = self.mirrored_hand(frame, &kept[0].1)?;
            times.landmarks += t0.elapsed().as_secs_f32() * 1e3;
            if let Some(lm) = other {
                kept.push((self.new_track(&lm), lm));
            }
        }
        Ok(())
    }

    /// One palm-detector pass; each palm no tracked hand covers whose landmarks pass the
    /// presence check starts a track.
    fn palm_pass(
        &mut self,
        frame: &FrameView<'_>,
        cfg: &TrackerConfig,
        second: bool,
        kept: &mut Vec<(Track, HandLandmarks)>,
        times: &mut HandTimes,
    ) -> Result<(), TrackError> {
        let exclude: Vec<Roi> = if second {
            kept.iter().map(|(_, lm)| hand::hand_area(lm)).collect()
        } else {
            Vec::new()
        };
        let threshold = if second {
            SECOND_PASS
        } else {
            self.palm.threshold
        };
        let t0 = std::time::Instant::now();
        let mut palms = self.palm.detect(frame, &exclude, threshold)?;
        if !second && palms.is_empty() && kept.is_empty() && cfg.far_hands {
            // Small hands: look closer (two more palm runs in 16:9) on every 4th such scan, so
            // an empty scene stays cheap; always for stills.
            self.empty_scans += 1;
            if cfg.independent || self.empty_scans % 4 == 1 {
                palms = self.palm.detect_zoomed(frame, threshold)?;
            }
        }
        times.palm += t0.elapsed().as_secs_f32() * 1e3;
        let need = if second {
            SECOND_PASS_PRESENCE
        } else {
            PRESENCE
        };
        let covered = |kept: &[(Track, HandLandmarks)], r: &Rect| {
            kept.iter().any(|(_, k)| overlap(&rect(k.bbox()), r) > 0.5)
        };
        for p in palms {
            if kept.len() >= cfg.max_hands {
                break;
            }
            let pr = Rect {
                x: p.cx - p.w / 2.0,
                y: p.cy - p.h / 2.0,
                w: p.w,
                h: p.h,
            };
            if covered(kept, &pr) {
                continue;
            }
            let t0 = std::time::Instant::now();
            let mut lm = self.landmarker.run(frame, &p.roi())?;
            if cfg.refine && lm.score >= PRESENCE {
                lm = self.landmarker.run(frame, &hand::hand_roi(&lm))?;
            }
            times.landmarks += t0.elapsed().as_secs_f32() * 1e3;
            if lm.score >= need && !covered(kept, &rect(lm.bbox())) {
                kept.push((self.new_track(&lm), lm));
            }
        }
        Ok(())
    }

    /// Two-hand gestures (from the first two hands), through the shared latch.
    fn two_hand_gestures(
        &mut self,
        kept: &[(Track, HandLandmarks)],
        cfg: &TrackerConfig,
        events: &mut Vec<GestureEvent>,
    ) {
        let (two, pair) = match kept {
            [(a, la), (b, lb), ..] => (
                gestures::classify_two(&la.points, &lb.points),
                vec![a.id, b.id],
            ),
            _ => (None, Vec::new()),
        };
        for (g, phase) in self.two_hand.update(two, cfg.min_frames) {
            if phase == Phase::Begin {
                self.two_hand_ids.clone_from(&pair);
            }
            events.push(GestureEvent {
                gesture: g,
                phase,
                hand_ids: self.two_hand_ids.clone(),
                handedness: None,
            });
        }
    }

    /// One-hand gestures through each hand's latch (none for the hands of a two-hand gesture),
    /// and the hands as the tracking frame reports them.
    fn one_hand_gestures(
        &self,
        kept: &mut [(Track, HandLandmarks)],
        cfg: &TrackerConfig,
        events: &mut Vec<GestureEvent>,
    ) -> Vec<Hand> {
        let in_two = self.two_hand.current().is_some();
        let mut hands = Vec::with_capacity(kept.len());
        for (tr, lm) in kept {
            let handedness = hand::handedness(tr.left_mirrored);
            let raw = if in_two && self.two_hand_ids.contains(&tr.id) {
                None
            } else {
                gestures::classify(&lm.points)
            };
            for (g, phase) in tr.latch.update(raw, cfg.min_frames) {
                events.push(GestureEvent {
                    gesture: g,
                    phase,
                    hand_ids: vec![tr.id],
                    handedness: Some(handedness),
                });
            }
            hands.push(Hand {
                id: tr.id,
                score: lm.score,
                handedness,
                bbox: rect(lm.bbox()),
                landmarks: lm
                    .points
                    .iter()
                    .map(|p| Point3 {
                        x: p[0],
                        y: p[1],
                        z: p[2],
                    })
                    .collect(),
                gesture: tr.latch.current(),
            });
        }
        hands
    }
}
