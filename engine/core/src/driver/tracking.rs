//! Where a frame's tracking comes from: nothing, a recorded tape, or the live tracker (one
//! [`TrackerWorker`] for every loop), configured from what the effect needs.
//!
//! A still is tracked once and that result reused for every frame, with the still-image tracker
//! settings (no smoothing, states from the first frame). The trigger hysteresis still sees a held
//! gesture for as many frames as are rendered, so a gesture effect fires on a photo after its
//! `beginFrames`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use effect_schema::tracking::TrackingFrame;
use lantern_media::source::RgbaFrame;
use lantern_track::worker::OnTracked;
use lantern_track::{
    Job, Models, PersonMask, Shelf, TrackError, Tracked, Tracker, TrackerConfig, TrackerWorker,
    Wait, WorkerState,
};

use crate::error::Result;
use crate::tape::Tape;

/// Where the tracking comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrackingSpec {
    /// Run the models the effect needs (none for an effect that tracks nothing).
    Models,
    /// Replay a tracking tape (`.jsonl`, as `lantern track --json` writes it).
    Tape(PathBuf),
    /// No tracking at all.
    Off,
}

/// What the tracking is doing, for a status line.
#[derive(Clone, Debug)]
pub enum TrackingState {
    /// The effect needs none, or tracking is off.
    Off,
    /// Replaying a tape.
    Tape,
    /// The models are loading, or no frame has been tracked yet.
    Loading,
    /// Tracking; the newest frame's time, and its error if it failed (the previous result
    /// stands).
    Running {
        track_ms: f32,
        frame_error: Option<Arc<TrackError>>,
    },
    /// The models could not be loaded.
    Failed(Arc<TrackError>),
}

/// Settings of the live tracker that are the loop's, not the effect's.
#[derive(Clone)]
pub struct LiveTracking {
    pub fps: f32,
    /// Faces and hands side by side (off for a push: the renderer needs the other core).
    pub parallel: bool,
    /// Load the models in the background (a preview says "loading"); otherwise a missing
    /// model fails the start.
    pub background: bool,
    /// Called with each tracked frame's time (stats).
    pub on_tracked: Option<Arc<dyn Fn(Duration) + Send + Sync>>,
}

/// This frame's tracking (camera pixels) and person mask.
#[derive(Default)]
pub(crate) struct FrameTracking {
    pub frame: Option<Arc<TrackingFrame>>,
    pub mask: Option<Arc<PersonMask>>,
    /// The source frame the tracking was computed from (a result can stand for several frames).
    pub source: u64,
}

/// The live tracker's configuration for an effect that needs `needs` (`None`: no tracker).
pub(crate) fn wanted_config(
    needs: Option<TrackerConfig>,
    still: bool,
    live: &LiveTracking,
) -> Option<TrackerConfig> {
    needs.map(|n| {
        let base = if still {
            TrackerConfig::still()
        } else {
            TrackerConfig::default()
        };
        TrackerConfig {
            faces: n.faces,
            max_faces: n.max_faces,
            mesh: n.mesh,
            iris: n.iris,
            hands: n.hands,
            max_hands: n.max_hands,
            hand_every: n.hand_every,
            segmentation: n.segmentation,
            fps: live.fps,
            parallel: live.parallel,
            ..base
        }
    })
}

pub(crate) enum Tracking {
    Off,
    Tape(Tape),
    Live {
        worker: TrackerWorker,
        config: TrackerConfig,
        /// For a still: the index of the one frame tracked.
        still_job: Option<u64>,
        /// The newest frame offered.
        offered: Option<u64>,
    },
}

impl Tracking {
    pub fn open(spec: &TrackingSpec) -> Result<Self> {
        Ok(match spec {
            TrackingSpec::Off | TrackingSpec::Models => Self::Off,
            TrackingSpec::Tape(path) => Self::Tape(Tape::read(path)?),
        })
    }

    /// Runs the models `needs` asks for (with the loop's settings), restarting the worker only
    /// when that changed; a tape or `Off` spec is kept as it is. `warm` is a tracker loaded
    /// ahead (away from the frame loop, [`super::Warmer`]): used when its configuration is the
    /// one wanted, so the swap only starts a thread.
    pub fn configure(
        &mut self,
        spec: &TrackingSpec,
        needs: Option<TrackerConfig>,
        still: bool,
        live: &LiveTracking,
        warm: Option<Tracker>,
        shelf: &Shelf,
    ) -> Result<()> {
        if *spec != TrackingSpec::Models {
            return Ok(());
        }
        let wanted = wanted_config(needs, still, live);
        if wanted.as_ref() == self.config() {
            return Ok(());
        }
        if let Self::Live { worker, .. } = std::mem::replace(self, Self::Off) {
            // Kept loaded: switching back to the effect it served costs no model load.
            worker.retire(Some(shelf));
        }
        let Some(config) = wanted else {
            return Ok(());
        };
        tracing::debug!(?config, "live tracking");
        let on_tracked: Option<OnTracked> = live.on_tracked.clone().map(|f| {
            let b: OnTracked = Box::new(move |d| f(d));
            b
        });
        let ready = warm
            .filter(|t| *t.config() == config)
            .or_else(|| shelf.take(&config));
        let worker = match ready {
            Some(tracker) => TrackerWorker::spawn(tracker, on_tracked)?,
            None if live.background => {
                TrackerWorker::load(Models::discover(), config.clone(), on_tracked)?
            }
            None => {
                let tracker = Tracker::new(&Models::discover(), config.clone())?;
                TrackerWorker::spawn(tracker, on_tracked)?
            }
        };
        *self = Self::Live {
            worker,
            config,
            still_job: None,
            offered: None,
        };
        Ok(())
    }

    /// The live tracker's configuration (`None` without one).
    pub fn config(&self) -> Option<&TrackerConfig> {
        match self {
            Self::Live { config, .. } => Some(config),
            Self::Off | Self::Tape(_) => None,
        }
    }

    /// Offers frame `index` to the tracker (once; a still only the first time); `false` when
    /// the tracker was busy and the frame will not be tracked.
    pub fn offer(&mut self, index: u64, time_s: f64, pixels: &Arc<RgbaFrame>, still: bool) -> bool {
        let Self::Live {
            worker,
            still_job,
            offered,
            ..
        } = self
        else {
            return true;
        };
        if (still && still_job.is_some()) || offered.is_some_and(|o| o >= index) {
            return true;
        }
        *offered = Some(index);
        let shared: Arc<RgbaFrame> = Arc::clone(pixels);
        let accepted = worker.submit(Job {
            index,
            time_s: (!still).then_some(time_s),
            width: pixels.width,
            height: pixels.height,
            rgba: shared,
        });
        if accepted && still {
            *still_job = Some(index);
        }
        accepted
    }

    /// Frame `index`'s tracking within `wait` (else the newest).
    pub fn result(&mut self, index: u64, wait: Wait) -> FrameTracking {
        match self {
            Self::Off => FrameTracking::default(),
            Self::Tape(tape) => {
                let frame = tape.at(index);
                FrameTracking {
                    source: frame.map_or(index, |t| t.frame),
                    frame: frame.map(|t| Arc::new(t.clone())),
                    mask: None,
                }
            }
            Self::Live {
                worker, still_job, ..
            } => {
                let asked = still_job.unwrap_or(index);
                let Some(Tracked {
                    index: source,
                    frame,
                    mask,
                    ..
                }) = worker.result_for(asked, wait)
                else {
                    return FrameTracking::default();
                };
                // A still's one result stands for every frame.
                let frame = if still_job.is_some() && frame.frame != index {
                    let mut f = (*frame).clone();
                    f.frame = index;
                    Arc::new(f)
                } else {
                    frame
                };
                FrameTracking {
                    frame: Some(frame),
                    mask,
                    source,
                }
            }
        }
    }

    pub fn state(&self) -> TrackingState {
        match self {
            Self::Off => TrackingState::Off,
            Self::Tape(_) => TrackingState::Tape,
            Self::Live { worker, .. } => match (worker.state(), worker.latest()) {
                (WorkerState::Failed(e), _) => TrackingState::Failed(e),
                (WorkerState::Loading, _) | (WorkerState::Running { .. }, None) => {
                    TrackingState::Loading
                }
                (WorkerState::Running { frame_error }, Some(t)) => TrackingState::Running {
                    track_ms: t.took.as_secs_f32() * 1000.0,
                    frame_error,
                },
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_live_config_keeps_what_the_effect_asked_for() {
        let needs = TrackerConfig {
            hands: true,
            max_hands: 1,
            hand_every: 2,
            iris: false,
            ..TrackerConfig::default()
        };
        let live = LiveTracking {
            fps: 25.0,
            parallel: false,
            background: false,
            on_tracked: None,
        };
        let cfg = wanted_config(Some(needs), false, &live).expect("a config");
        assert_eq!((cfg.max_hands, cfg.hand_every, cfg.iris), (1, 2, false));
        assert_eq!((cfg.fps, cfg.parallel), (25.0, false));
    }
}
