//! The tracker: one call per frame, the scheduler deciding which models run.
//!
//! [`Tracker::track`] takes a frame and its time, decides whether this is a detection frame
//! for faces and for hands (every `empty_detect_every` frames while nothing is tracked, else
//! every `*_detect_every` frames), whether the iris model runs, and whether the previous frame
//! ran over budget (then re-detection and iris are skipped and their last results reused), and
//! assembles a [`TrackingFrame`]. Faces and hands are tracked side by side (hands on a second,
//! scoped thread) when `parallel` is on. [`Tracker::last_times`] reports the milliseconds each
//! model took on the last frame.
//!
//! With `segmentation` on, the person mask is computed every `segment_every` frames (and
//! whenever the frame size changes) and kept beside the tracking frame — [`Tracker::mask`] —
//! not inside it, so tracking tapes stay as they are.

use std::sync::Arc;

use effect_schema::tracking::TrackingFrame;

use crate::config::TrackerConfig;
use crate::error::TrackError;
use crate::face::track::{FacePlan, FaceTimes, FaceTracks};
use crate::frame::FrameView;
use crate::hand::track::{HandTimes, HandTracks};
use crate::models::Models;
use crate::segment::{PersonMask, SegmentTimes, Segmenter, SegmenterConfig};

/// Milliseconds per model on the last frame.
#[derive(Clone, Copy, Debug, Default)]
pub struct FrameTimes {
    pub face: FaceTimes,
    pub hand: HandTimes,
    /// Segmentation (all zero when it did not run this frame).
    pub segment: SegmentTimes,
    pub total: f32,
    /// Whether the detectors ran this frame.
    pub face_detect: bool,
    pub palm_detect: bool,
    /// Whether segmentation ran this frame (else the last mask was reused).
    pub segmented: bool,
}

/// Faces, hands and gestures, frame after frame.
#[derive(Debug)]
pub struct Tracker {
    cfg: TrackerConfig,
    faces: Option<FaceTracks>,
    hands: Option<HandTracks>,
    segmenter: Option<Segmenter>,
    mask: Option<Arc<PersonMask>>,
    frame: u64,
    last_t: Option<f64>,
    over_budget: bool,
    times: FrameTimes,
}

impl Tracker {
    /// Loads the models `cfg` asks for.
    pub fn new(models: &Models, cfg: TrackerConfig) -> Result<Self, TrackError> {
        cfg.validate()?;
        Ok(Self {
            faces: if cfg.faces {
                Some(FaceTracks::new(models, &cfg)?)
            } else {
                None
            },
            hands: if cfg.hands {
                Some(HandTracks::new(models, &cfg)?)
            } else {
                None
            },
            segmenter: if cfg.segmentation {
                Some(Segmenter::new(
                    models,
                    SegmenterConfig {
                        model: cfg.segment_model,
                        smoothing: cfg.segment_smoothing,
                        threads: cfg.threads,
                    },
                )?)
            } else {
                None
            },
            mask: None,
            cfg,
            frame: 0,
            last_t: None,
            over_budget: false,
            times: FrameTimes::default(),
        })
    }

    pub fn config(&self) -> &TrackerConfig {
        &self.cfg
    }

    /// Forgets every tracked face and hand and the last mask (a scene cut, or unrelated images).
    pub fn reset(&mut self) {
        if let Some(s) = self.segmenter.as_mut() {
            s.reset();
        }
        self.mask = None;
        if let Some(f) = self.faces.as_mut() {
            f.reset();
        }
        if let Some(h) = self.hands.as_mut() {
            h.reset();
        }
    }

    /// What each model cost on the last frame.
    pub fn last_times(&self) -> FrameTimes {
        self.times
    }

    /// The person mask of the last frame (computed then or reused from a recent frame of the
    /// same size); `None` when segmentation is off or before the first frame.
    pub fn mask(&self) -> Option<&PersonMask> {
        self.mask.as_deref()
    }

    /// The same mask, shared (cheap to clone and hand to another thread).
    pub fn shared_mask(&self) -> Option<Arc<PersonMask>> {
        self.mask.clone()
    }

    /// Tracks one frame. `time_s`: the frame's time in seconds (`None`: frames are `1/fps` apart).
    pub fn track(
        &mut self,
        frame: &FrameView<'_>,
        time_s: Option<f64>,
    ) -> Result<TrackingFrame, TrackError> {
        let start = std::time::Instant::now();
        if self.cfg.independent {
            self.reset();
        }
        let n = self.frame;
        let t = time_s.unwrap_or(n as f64 / f64::from(self.cfg.fps.max(1.0)));
        let dt = self
            .last_t
            .map_or(1.0 / self.cfg.fps.max(1.0), |l| (t - l).max(1e-4) as f32);
        self.last_t = Some(t);
        let skip = self.over_budget;
        let every = |k: u32| n.is_multiple_of(u64::from(k.max(1)));
        let scan = self.cfg.independent || every(self.cfg.empty_detect_every);
        let mut times = FrameTimes::default();
        let mut out = TrackingFrame {
            frame: n,
            width: frame.width(),
            height: frame.height(),
            ..TrackingFrame::default()
        };
        let face_plan = self.faces.as_ref().map(|f| FacePlan {
            detect: if f.is_empty() {
                scan
            } else {
                !skip && every(self.cfg.face_detect_every)
            },
            iris: !skip && every(self.cfg.iris_every),
            t: t as f32,
            dt,
        });
        let palm_detect = self.hands.as_ref().is_some_and(|h| {
            if h.is_empty() {
                scan
            } else {
                !skip && every(self.cfg.palm_detect_every)
            }
        });
        times.face_detect = face_plan.is_some_and(|p| p.detect);
        times.palm_detect = palm_detect;
        let cfg = &self.cfg;
        let faces = self.faces.as_mut().zip(face_plan);
        let hands = self.hands.as_mut();
        let (face_out, hand_out) = if cfg.parallel && faces.is_some() && hands.is_some() {
            // Faces here, hands on a second thread: a frame costs the slower of the two.
            std::thread::scope(|scope| {
                let job = std::thread::Builder::new()
                    .name("track-hands".to_owned())
                    .spawn_scoped(scope, || step_hands(hands, frame, cfg, palm_detect, dt));
                match job {
                    Ok(job) => {
                        let f = step_faces(faces, frame, cfg);
                        let h = job.join().unwrap_or_else(|_| {
                            Err(TrackError::Frame(
                                "the hand tracking thread crashed".to_owned(),
                            ))
                        });
                        (f, h)
                    }
                    // No thread to be had (the closure, with the hands, is gone): faces only
                    // this frame.
                    Err(_) => (step_faces(faces, frame, cfg), Ok(None)),
                }
            })
        } else {
            (
                step_faces(faces, frame, cfg),
                step_hands(hands, frame, cfg, palm_detect, dt),
            )
        };
        if let Some((faces, face_times)) = face_out? {
            out.faces = faces;
            times.face = face_times;
        }
        if let Some((hands, gestures, hand_times)) = hand_out? {
            out.hands = hands;
            out.gestures = gestures;
            times.hand = hand_times;
        }
        if let Some(s) = self.segmenter.as_mut() {
            let fresh = self
                .mask
                .as_ref()
                .is_some_and(|m| (m.width, m.height) == (frame.width(), frame.height()));
            if !fresh || (!skip && every(self.cfg.segment_every)) {
                self.mask = Some(Arc::new(s.segment(frame)?));
                times.segment = s.last_times();
                times.segmented = true;
            }
        }
        times.total = start.elapsed().as_secs_f32() * 1e3;
        self.over_budget = self.cfg.frame_budget_ms.is_some_and(|b| times.total > b);
        self.times = times;
        self.frame += 1;
        Ok(out)
    }
}

type FaceStep = Option<(Vec<effect_schema::tracking::Face>, FaceTimes)>;
type HandStep = Option<(
    Vec<effect_schema::tracking::Hand>,
    Vec<effect_schema::tracking::GestureEvent>,
    HandTimes,
)>;

/// One frame of face tracking, when faces are tracked.
fn step_faces(
    faces: Option<(&mut FaceTracks, FacePlan)>,
    frame: &FrameView<'_>,
    cfg: &TrackerConfig,
) -> Result<FaceStep, TrackError> {
    let Some((f, plan)) = faces else {
        return Ok(None);
    };
    let mut times = FaceTimes::default();
    let faces = f.step(frame, cfg, plan, &mut times)?;
    Ok(Some((faces, times)))
}

/// One frame of hand tracking, when hands are tracked.
fn step_hands(
    hands: Option<&mut HandTracks>,
    frame: &FrameView<'_>,
    cfg: &TrackerConfig,
    detect: bool,
    dt: f32,
) -> Result<HandStep, TrackError> {
    let Some(h) = hands else {
        return Ok(None);
    };
    let mut times = HandTimes::default();
    let (hands, gestures) = h.step(frame, cfg, detect, dt, &mut times)?;
    Ok(Some((hands, gestures, times)))
}
