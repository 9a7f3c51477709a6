//! Tracking beside the render stage (thread `track`): the tracker never makes the video wait
//! for long.
//!
//! The render stage [`Tracking::submit`]s each camera frame (shared, not copied) through a
//! one-slot channel; when the tracker is still busy the frame is skipped (counted) and the
//! render stage reuses the newest result. The render stage runs one frame behind capture, so
//! the tracker has a whole frame period to finish a frame before it is rendered; it waits at
//! most `budget` more ([`Tracking::result_for`]) and otherwise renders with the last result.

use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use effect_schema::tracking::TrackingFrame;
use lantern_media::source::RgbaFrame;
use lantern_track::{FrameView, Models, PixelFormat, Tracker, TrackerConfig};

use super::error::PushError;
use super::stats::{Stage, Stats};

/// Frame index, its time in seconds, its pixels.
type Job = (u64, f64, Arc<RgbaFrame>);

#[derive(Default)]
struct Latest {
    /// Frame index of the newest result and the result.
    result: Option<(u64, Arc<TrackingFrame>)>,
    /// The frame being tracked now and when it started.
    working: Option<(u64, Instant)>,
    /// Recent time per frame (exponential average), to predict when `working` finishes.
    typical: Duration,
    /// The last error, reported once.
    error: Option<String>,
    /// The person mask of the newest result, when the tracker segments (background layers).
    mask: Option<Arc<lantern_track::PersonMask>>,
}

/// The tracker on its own thread.
pub struct Tracking {
    jobs: Option<SyncSender<Job>>,
    latest: Arc<(Mutex<Latest>, Condvar)>,
    thread: Option<JoinHandle<()>>,
    warned: bool,
}

impl Tracking {
    /// Loads the models `cfg` needs (errors name the missing model and the fix) and starts the
    /// thread.
    pub fn start(mut cfg: TrackerConfig, fps: u32, stats: Arc<Stats>) -> Result<Self, PushError> {
        cfg.fps = fps as f32;
        // One thread: on a 2-core machine the render stage (llvmpipe) needs the other core, and
        // faces and hands side by side starve it (26.8 vs 28+ fps out in `lantern bench push`).
        cfg.parallel = false;
        let tracker = Tracker::new(&Models::discover(), cfg)?;
        let (tx, rx) = sync_channel::<Job>(1);
        let latest = Arc::new((Mutex::new(Latest::default()), Condvar::new()));
        let shared = Arc::clone(&latest);
        let thread = std::thread::Builder::new()
            .name("track".to_owned())
            .spawn(move || work(tracker, &rx, &shared, &stats))
            .map_err(|e| PushError::stage("track", format!("could not start: {e}")))?;
        Ok(Self {
            jobs: Some(tx),
            latest,
            thread: Some(thread),
            warned: false,
        })
    }

    /// Offers frame `index` shown at `time_s`; `false` when the tracker is busy (the frame is
    /// not tracked).
    pub fn submit(&self, index: u64, time_s: f64, frame: Arc<RgbaFrame>) -> bool {
        match self
            .jobs
            .as_ref()
            .map(|tx| tx.try_send((index, time_s, frame)))
        {
            Some(Ok(())) => true,
            Some(Err(TrySendError::Full(_) | TrySendError::Disconnected(_))) | None => false,
        }
    }

    /// The result for frame `index` if it is expected within `budget` (the tracker is on that
    /// frame and usually finishes in time), else at once the newest result.
    pub fn result_for(&mut self, index: u64, budget: Duration) -> Option<Arc<TrackingFrame>> {
        let (lock, ready) = &*self.latest;
        let now = Instant::now();
        let mut latest = lock.lock().unwrap_or_else(PoisonError::into_inner);
        // Wait only for a frame the tracker is working on and should finish within the budget
        // (with a 25 % margin): a skipped frame or a slow tracker never holds the video up.
        let deadline = match latest.working {
            Some((i, started)) if i == index => {
                let eta = started + latest.typical.mul_f32(1.25);
                (eta <= now + budget).then_some(eta.max(now))
            }
            _ => None,
        };
        let deadline = deadline.unwrap_or(now);
        loop {
            let done = latest.result.as_ref().is_some_and(|(i, _)| *i >= index);
            let left = deadline.saturating_duration_since(Instant::now());
            if done || left.is_zero() {
                break;
            }
            latest = ready
                .wait_timeout(latest, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        if let Some(err) = latest.error.take()
            && !self.warned
        {
            self.warned = true;
            tracing::warn!("tracking failed on a frame (the last result is reused): {err}");
        }
        latest.result.as_ref().map(|(_, t)| Arc::clone(t))
    }

    /// The person mask that goes with the newest result, if the tracker segments.
    pub fn mask(&self) -> Option<Arc<lantern_track::PersonMask>> {
        let l = self.latest.0.lock().unwrap_or_else(PoisonError::into_inner);
        l.mask.clone()
    }
}

fn work(
    mut tracker: Tracker,
    jobs: &Receiver<Job>,
    latest: &(Mutex<Latest>, Condvar),
    stats: &Stats,
) {
    while let Ok((index, time_s, frame)) = jobs.recv() {
        let t0 = Instant::now();
        latest
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .working = Some((index, t0));
        let result = FrameView::new(
            &frame.data,
            frame.width,
            frame.height,
            frame.width as usize * 4,
            PixelFormat::Rgba8,
        )
        .and_then(|view| tracker.track(&view, Some(time_s)));
        let took = t0.elapsed();
        stats.time(Stage::Track, took);
        let mut l = latest.0.lock().unwrap_or_else(PoisonError::into_inner);
        l.working = None;
        l.typical = if l.typical.is_zero() {
            took
        } else {
            l.typical.mul_f32(0.8) + took.mul_f32(0.2)
        };
        match result {
            Ok(t) => {
                l.result = Some((index, Arc::new(t)));
                l.mask = tracker.shared_mask();
            }
            Err(e) => {
                // Keep the last good result; let the waiter move on.
                if let Some((i, _)) = l.result.as_mut() {
                    *i = index;
                }
                l.error = Some(e.to_string());
            }
        }
        drop(l);
        latest.1.notify_all();
    }
}

impl Drop for Tracking {
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
