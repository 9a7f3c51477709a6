//! Tracking for the preview, off the preview thread: a [`TrackerWorker`] (its own named thread,
//! a one-frame queue that drops frames while it is busy) configured from what the effect needs.
//!
//! Loading the ONNX models takes a while, so the tracker is built on a short-lived named thread
//! and handed over through a one-slot channel; until it arrives the preview renders without
//! tracking and says "loading". A photo is tracked once and its result reused for every frame
//! (as `lantern render` does); a video or camera frame is offered to the worker every frame and
//! the newest finished result is used, with its person mask when the effect has a background
//! layer. A missing model or runtime is reported, never fatal.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, sync_channel};
use std::time::Instant;

use lantern_engine::media::source::RgbaFrame;
use lantern_engine::schema::tracking::TrackingFrame;
use lantern_engine::track::{Models, PersonMask, Tracker, TrackerConfig, TrackerWorker};

use super::message::{TrackingState, TrackingStatus};

/// The tracker of one preview session.
pub struct Tracking {
    still: bool,
    /// What the current effect needs (`None`: no tracking).
    config: Option<TrackerConfig>,
    pending: Option<Receiver<Result<Tracker, String>>>,
    worker: Option<TrackerWorker>,
    error: Option<String>,
    latest: Option<TrackingFrame>,
    /// The person mask of `latest` (segmentation on: the effect has a background layer).
    mask: Option<Arc<PersonMask>>,
    /// When the worker last accepted a frame, to time its results.
    accepted: Option<Instant>,
    track_ms: f32,
}

impl Tracking {
    pub fn new(still: bool) -> Self {
        Self {
            still,
            config: None,
            pending: None,
            worker: None,
            error: None,
            latest: None,
            mask: None,
            accepted: None,
            track_ms: 0.0,
        }
    }

    /// Track what the effect needs (`player.tracker_config()`); restarts only when that changed.
    pub fn configure(&mut self, needs: Option<TrackerConfig>) {
        let wanted = needs.map(|n| {
            if self.still {
                // One independent look at the photo; states hold from the first frame.
                TrackerConfig {
                    smoothing: None,
                    min_frames: 1,
                    independent: true,
                    segment_smoothing: 0.0,
                    ..n
                }
            } else {
                n
            }
        });
        if wanted == self.config {
            return;
        }
        *self = Self::new(self.still);
        self.config.clone_from(&wanted);
        let Some(cfg) = wanted else { return };
        let (tx, rx) = sync_channel(1);
        let spawned = std::thread::Builder::new()
            .name("lantern-preview-models".to_owned())
            .spawn(move || {
                let built = Tracker::new(&Models::discover(), cfg).map_err(|e| e.to_string());
                // The session may have moved on (a newer config): then nobody listens.
                let _ = tx.send(built);
            });
        match spawned {
            Ok(_) => self.pending = Some(rx),
            Err(e) => self.error = Some(format!("could not start loading the models: {e}")),
        }
    }

    fn poll_pending(&mut self) {
        let Some(rx) = &self.pending else { return };
        let built = match rx.try_recv() {
            Err(TryRecvError::Empty) => return,
            Ok(built) => built,
            Err(TryRecvError::Disconnected) => Err("the model loader stopped".to_owned()),
        };
        self.pending = None;
        match built.and_then(|t| TrackerWorker::spawn(t).map_err(|e| e.to_string())) {
            Ok(worker) => self.worker = Some(worker),
            Err(e) => self.error = Some(e),
        }
    }

    /// Offers `frame` to the tracker (dropped when it is busy, or for a photo already tracked)
    /// and returns the newest tracking, in `frame`'s pixels.
    pub fn feed(&mut self, frame: &RgbaFrame, time_s: f64) -> Option<&TrackingFrame> {
        self.poll_pending();
        let worker = self.worker.as_ref()?;
        // First what has finished (timed from the oldest frame handed over since the last
        // result), then offer this frame.
        match worker.latest_with_mask() {
            Some((Ok(t), mask)) => {
                let fresh = self.latest.as_ref().is_none_or(|l| l.frame != t.frame);
                if fresh && let Some(at) = self.accepted.take() {
                    self.track_ms = at.elapsed().as_secs_f32() * 1000.0;
                }
                self.latest = Some(t);
                self.mask = mask;
            }
            Some((Err(e), _)) => {
                self.error = Some(e);
                self.worker = None;
                return None;
            }
            None => {}
        }
        if !(self.still && (self.latest.is_some() || self.accepted.is_some())) {
            let img = image::RgbaImage::from_raw(frame.width, frame.height, frame.data.clone());
            if let Some(img) = img
                && worker.submit(img, Some(time_s))
            {
                self.accepted.get_or_insert_with(Instant::now);
            }
        }
        self.latest.as_ref()
    }

    /// The person mask that goes with the newest tracking (`None` without segmentation).
    pub fn mask(&self) -> Option<&Arc<PersonMask>> {
        self.mask.as_ref()
    }

    pub fn status(&self) -> TrackingStatus {
        let state = if self.error.is_some() {
            TrackingState::Error
        } else if self.config.is_none() {
            TrackingState::Off
        } else if self.worker.is_some() && self.latest.is_some() {
            TrackingState::Running
        } else {
            TrackingState::Loading
        };
        TrackingStatus {
            state,
            message: self.error.clone(),
            track_ms: self.track_ms,
        }
    }
}
