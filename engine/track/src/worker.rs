//! Tracking off the video thread: the one tracker worker every frame loop uses (push, offline
//! render, the Studio preview).
//!
//! A named thread owns the [`Tracker`]. [`TrackerWorker::submit`] hands it a frame through a
//! channel that holds one: when the worker is still busy the frame is refused (the caller counts
//! it) instead of queueing up. [`TrackerWorker::result_for`] then asks for *frame N's result
//! within a wait*: at once the newest result ([`Wait::Newest`]), frame N's if the worker is on it
//! and should finish within a budget ([`Wait::Budget`], live video), or frame N's whatever it
//! takes ([`Wait::Exact`], deterministic offline renders). A late tracker means slightly older
//! tracking, never a stalled pipeline.
//!
//! The models load on the worker thread too ([`TrackerWorker::load`]), so a window can show
//! "loading" instead of freezing; [`TrackerWorker::spawn`] takes a tracker already loaded (a
//! push fails before going live when a model is missing).

use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use effect_schema::tracking::TrackingFrame;

use crate::config::TrackerConfig;
use crate::error::TrackError;
use crate::frame::{FrameView, PixelFormat};
use crate::models::Models;
use crate::segment::PersonMask;
use crate::shelf::Shelf;
use crate::tracker::Tracker;

/// Tightly packed RGBA pixels shared with the caller (never copied for the worker).
pub type SharedRgba = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// One frame for the worker.
#[derive(Clone)]
pub struct Job {
    /// The frame's index in the caller's clock; results are asked for by it.
    pub index: u64,
    /// Seconds from the start (smoothing and gesture timing); `None` for unrelated stills.
    pub time_s: Option<f64>,
    pub width: u32,
    pub height: u32,
    pub rgba: SharedRgba,
}

/// How long [`TrackerWorker::result_for`] may wait for frame N.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    /// The newest result there is, at once (a preview at the window's pace).
    Newest,
    /// Frame N's if the worker is on it and usually finishes within this; else the newest.
    Budget(Duration),
    /// Frame N's, however long it takes (offline: every frame tracked, deterministic).
    Exact,
}

/// A finished frame.
#[derive(Clone, Debug)]
pub struct Tracked {
    /// The index of the job it came from.
    pub index: u64,
    pub frame: Arc<TrackingFrame>,
    /// The person mask of the same frame, when the tracker segments.
    pub mask: Option<Arc<PersonMask>>,
    /// How long the tracker took for it.
    pub took: Duration,
}

/// Whether the worker can track.
#[derive(Clone, Debug)]
pub enum WorkerState {
    /// The models are loading.
    Loading,
    /// Tracking; the error of the newest frame, if it failed (the previous result stands).
    Running {
        frame_error: Option<Arc<TrackError>>,
    },
    /// The models could not be loaded: nothing will be tracked.
    Failed(Arc<TrackError>),
}

/// Called on the worker thread with each frame's tracking time (stats).
pub type OnTracked = Box<dyn FnMut(Duration) + Send>;

struct State {
    phase: WorkerState,
    result: Option<Tracked>,
    /// The frame being tracked now and when it started.
    working: Option<(u64, Instant)>,
    /// The newest job index finished (with a result or an error).
    done: Option<u64>,
    /// Recent time per frame (exponential average), to predict when `working` finishes.
    typical: Duration,
    /// The worker thread has ended.
    ended: bool,
    /// Where the tracker goes when the thread ends (set by [`TrackerWorker::retire`]).
    shelf: Option<Shelf>,
}

type Shared = Arc<(Mutex<State>, Condvar)>;

fn lock(shared: &Shared) -> MutexGuard<'_, State> {
    shared.0.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A tracker running on its own thread.
pub struct TrackerWorker {
    jobs: Option<SyncSender<Job>>,
    shared: Shared,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for TrackerWorker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrackerWorker").finish_non_exhaustive()
    }
}

impl TrackerWorker {
    /// Moves a loaded `tracker` onto a thread named `track`.
    pub fn spawn(tracker: Tracker, on_tracked: Option<OnTracked>) -> Result<Self, TrackError> {
        Self::start(Ok(tracker), on_tracked)
    }

    /// Loads the models `config` needs on a new thread named `track`, then tracks there.
    pub fn load(
        models: Models,
        config: TrackerConfig,
        on_tracked: Option<OnTracked>,
    ) -> Result<Self, TrackError> {
        Self::start(Err((models, config)), on_tracked)
    }

    fn start(
        tracker: Result<Tracker, (Models, TrackerConfig)>,
        on_tracked: Option<OnTracked>,
    ) -> Result<Self, TrackError> {
        let (tx, rx) = sync_channel::<Job>(1);
        let state = match tracker {
            Ok(_) => WorkerState::Running { frame_error: None },
            Err(_) => WorkerState::Loading,
        };
        let shared: Shared = Arc::new((
            Mutex::new(State {
                phase: state,
                result: None,
                working: None,
                done: None,
                typical: Duration::ZERO,
                ended: false,
                shelf: None,
            }),
            Condvar::new(),
        ));
        let thread_shared = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("track".to_owned())
            .spawn(move || {
                let tracker = match tracker {
                    Ok(t) => Ok(t),
                    Err((models, config)) => Tracker::new(&models, config),
                };
                match tracker {
                    Ok(t) => {
                        lock(&thread_shared).phase = WorkerState::Running { frame_error: None };
                        // Wake `wait_loaded`.
                        thread_shared.1.notify_all();
                        let t = work(t, &rx, &thread_shared, on_tracked);
                        let shelf = lock(&thread_shared).shelf.take();
                        if let Some(shelf) = shelf {
                            shelf.put(t);
                        }
                    }
                    Err(e) => lock(&thread_shared).phase = WorkerState::Failed(Arc::new(e)),
                }
                lock(&thread_shared).ended = true;
                thread_shared.1.notify_all();
            })
            .map_err(|e| TrackError::Thread(e.to_string()))?;
        Ok(Self {
            jobs: Some(tx),
            shared,
            thread: Some(thread),
        })
    }

    /// Offers a frame; `false` when the worker is busy (or gone) and the frame is not tracked.
    pub fn submit(&self, job: Job) -> bool {
        match self.jobs.as_ref().map(|tx| tx.try_send(job)) {
            Some(Ok(())) => true,
            Some(Err(TrySendError::Full(_) | TrySendError::Disconnected(_))) | None => false,
        }
    }

    /// Frame `index`'s result within `wait`, else the newest result (`None` before the first).
    pub fn result_for(&self, index: u64, wait: Wait) -> Option<Tracked> {
        let mut s = lock(&self.shared);
        let now = Instant::now();
        let deadline = match wait {
            Wait::Newest => Some(now),
            Wait::Exact => None,
            // Wait only for a frame the worker is on and should finish within the budget (with
            // a 25 % margin): a refused frame or a slow tracker never holds the video up.
            Wait::Budget(budget) => Some(match s.working {
                Some((i, started)) if i == index => {
                    let eta = started + s.typical.mul_f32(1.25);
                    if eta <= now + budget { eta } else { now }
                }
                _ => now,
            }),
        };
        loop {
            let done = s.done.is_some_and(|d| d >= index)
                || s.ended
                || matches!(s.phase, WorkerState::Failed(_));
            let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            if done || left.is_some_and(|l| l.is_zero()) {
                break;
            }
            s = match left {
                Some(l) => {
                    self.shared
                        .1
                        .wait_timeout(s, l)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0
                }
                None => self
                    .shared
                    .1
                    .wait(s)
                    .unwrap_or_else(PoisonError::into_inner),
            };
        }
        s.result.clone()
    }

    /// The newest result at once.
    pub fn latest(&self) -> Option<Tracked> {
        self.result_for(0, Wait::Newest)
    }

    /// Loading, running (with the newest frame's error) or failed.
    pub fn state(&self) -> WorkerState {
        lock(&self.shared).phase.clone()
    }

    /// Blocks until the models are loaded; the load error if they could not be.
    pub fn wait_loaded(&self) -> Result<(), Arc<TrackError>> {
        let mut s = lock(&self.shared);
        while matches!(s.phase, WorkerState::Loading) && !s.ended {
            s = self
                .shared
                .1
                .wait(s)
                .unwrap_or_else(PoisonError::into_inner);
        }
        match &s.phase {
            WorkerState::Failed(e) => Err(Arc::clone(e)),
            _ => Ok(()),
        }
    }
}

/// Tracks every job until the channel closes; gives the tracker back.
fn work(
    mut tracker: Tracker,
    jobs: &Receiver<Job>,
    shared: &Shared,
    mut on: Option<OnTracked>,
) -> Tracker {
    while let Ok(job) = jobs.recv() {
        let t0 = Instant::now();
        lock(shared).working = Some((job.index, t0));
        let rgba: &[u8] = (*job.rgba).as_ref();
        let result = FrameView::new(
            rgba,
            job.width,
            job.height,
            job.width as usize * 4,
            PixelFormat::Rgba8,
        )
        .and_then(|view| tracker.track(&view, job.time_s));
        let took = t0.elapsed();
        if let Some(on) = on.as_mut() {
            on(took);
        }
        let mut s = lock(shared);
        s.working = None;
        s.done = Some(job.index);
        s.typical = if s.typical.is_zero() {
            took
        } else {
            s.typical.mul_f32(0.8) + took.mul_f32(0.2)
        };
        let frame_error = match result {
            Ok(frame) => {
                s.result = Some(Tracked {
                    index: job.index,
                    frame: Arc::new(frame),
                    mask: tracker.shared_mask(),
                    took,
                });
                None
            }
            // The last good result stands; the waiter moves on.
            Err(e) => Some(Arc::new(e)),
        };
        s.phase = WorkerState::Running { frame_error };
        drop(s);
        shared.1.notify_all();
    }
    tracker
}

impl TrackerWorker {
    /// Stops taking frames and lets the thread end by itself once its current frame is done,
    /// without waiting for it (dropping waits): a loop swapping trackers between two frames
    /// must not wait out a frame's tracking. With a `shelf`, the tracker is kept there for a
    /// later switch back ([`Shelf`]); without, its models are freed on that thread.
    pub fn retire(mut self, shelf: Option<&Shelf>) {
        lock(&self.shared).shelf = shelf.cloned();
        self.jobs = None;
        // Detached: it ends after its current job, its models freed on that thread.
        drop(self.thread.take());
    }
}

impl Drop for TrackerWorker {
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gray(index: u64) -> Job {
        Job {
            index,
            time_s: Some(index as f64 / 30.0),
            width: 320,
            height: 240,
            rgba: Arc::new(vec![40u8; 320 * 240 * 4]),
        }
    }

    #[test]
    fn frames_flow_through_and_a_busy_worker_refuses_instead_of_queueing() {
        let config = TrackerConfig {
            hands: false,
            segmentation: true,
            ..TrackerConfig::default()
        };
        let worker = TrackerWorker::load(Models::discover(), config, None).unwrap();
        worker.wait_loaded().unwrap();
        let accepted = (0..50).filter(|&i| worker.submit(gray(i))).count();
        assert!((1..=50).contains(&accepted));
        // Exact waits for frame 0 whatever it takes: no timing in the test.
        let first = worker.result_for(0, Wait::Exact).unwrap();
        assert!(first.frame.faces.is_empty());
        assert_eq!((first.frame.width, first.frame.height), (320, 240));
        let mask = first.mask.unwrap();
        assert_eq!((mask.width, mask.height), (320, 240));
        assert_eq!(mask.data.len(), 320 * 240);
    }

    #[test]
    fn a_frame_that_cannot_be_tracked_keeps_the_last_result_and_says_why() {
        let worker = TrackerWorker::load(Models::discover(), TrackerConfig::default(), None)
            .expect("worker");
        assert!(worker.submit(gray(0)));
        assert!(worker.result_for(0, Wait::Exact).is_some());
        let bad = Job {
            index: 1,
            width: 0,
            ..gray(1)
        };
        while !worker.submit(bad.clone()) {
            std::thread::yield_now();
        }
        let kept = worker.result_for(1, Wait::Exact).unwrap();
        assert_eq!(kept.index, 0);
        assert!(matches!(
            worker.state(),
            WorkerState::Running {
                frame_error: Some(_)
            }
        ));
    }
}
