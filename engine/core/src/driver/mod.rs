//! The frame driver: the one path of a frame, from source to pixels, that every app paces its
//! own way.
//!
//! ```text
//!  Source::open(InputSpec)      Driver::frame(frame, events, wait)
//!   frame_at(t) / next()  ──▶   1. offer the frame to the tracker (TrackerWorker, thread "track";
//!   (source.rs)                    refused while it is busy), or read the tape
//!                               2. this frame's tracking within `wait` (Newest / Budget / Exact),
//!                                  else the newest; its person mask to the player; its events
//!                                  re-phased so each reaches the effect once (events.rs)
//!                               3. EffectPlayer::frame: scene (tracking mapped to output pixels
//!                                  once, triggers, script) → wgpu → RGBA or NV12 + hot-zones
//!                               ──▶ Output { pixels, tracking in output pixels }
//! ```
//!
//! The pacing is the caller's: the push's render stage ([`crate::push`]) offers frame N and
//! renders frame N-1 within a budget, on the capture thread's clock, and counts what it drops;
//! an offline render ([`crate::offline`]) reads every frame and waits for every result
//! (deterministic); the Studio preview renders at the window's pace with the newest tracking.
//!
//! [`Driver::replace_effect`] swaps the effect between two frames — from a package on disk or
//! built in memory — on the same GPU device, keeping the source, the tracker (restarted only if
//! the new effect needs other models, which a [`Warmer`] loads ahead on another thread) and
//! whatever consumes the output.

mod background;
mod events;
mod source;
mod tracking;
mod warm;

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use effect_schema::Package;
use effect_schema::tracking::TrackingFrame;
use lantern_media::source::RgbaFrame;
use lantern_render::{FrameData, Gpu, PixelFormat, Renderer, RendererConfig};
use lantern_script::HostEvent;
use lantern_track::Shelf;
pub use lantern_track::Wait;

pub use self::source::{ClipState, InputSpec, Source, SourceOptions, cover_size};
pub use self::tracking::{LiveTracking, TrackingSpec, TrackingState};
pub use self::warm::{WarmEffect, Warmer};

use self::events::EventPhases;
use self::tracking::Tracking;
use self::warm::{RunningModels, SpareRenderer};
use crate::error::Result;
use crate::player::{CameraFrame, EffectPlayer, PlayerInput, PlayerOptions};

/// One source picture on the loop's clock.
#[derive(Clone, Debug)]
pub struct Frame {
    /// Frame index from the start (the effect's clock: `index / fps` seconds).
    pub index: u64,
    /// Seconds from the start on the loop's clock (tracking smoothing and gesture timing).
    pub time_s: f64,
    /// The picture (shared with the tracker, never copied).
    pub pixels: Arc<RgbaFrame>,
}

/// How a loop drives the effect.
#[derive(Clone)]
pub struct DriverOptions {
    pub player: PlayerOptions,
    pub tracking: TrackingSpec,
    /// The source is a still: tracked once, with the still-image tracker settings.
    pub still: bool,
    pub live: LiveTracking,
}

impl DriverOptions {
    /// Play `player`'s way over a source that is a still (or not), with `tracking`; the models
    /// load before the first frame, faces and hands side by side.
    pub fn new(player: PlayerOptions, tracking: TrackingSpec, still: bool) -> Self {
        let live = LiveTracking {
            fps: player.fps,
            parallel: true,
            background: false,
            on_tracked: None,
        };
        Self {
            player,
            tracking,
            still,
            live,
        }
    }
}

/// One rendered frame.
#[derive(Debug)]
pub struct Output {
    pub data: FrameData,
    /// The tracking the effect used, in output pixels (empty when nothing was tracked).
    pub tracking: TrackingFrame,
    /// How long the frame waited for its tracking.
    pub track_wait: Duration,
}

/// Source frames in, an effect's pixels out: tracking and the player on one path.
pub struct Driver {
    player: EffectPlayer,
    tracking: Tracking,
    /// What the effect was last shown as held, so a result's events reach it once.
    phases: EventPhases,
    options: DriverOptions,
    /// The running tracker's configuration, for [`Warmer`]s on other threads.
    running: RunningModels,
    /// Trackers of effects switched away from, kept loaded (shared with [`Warmer`]s).
    shelf: Shelf,
    /// The renderer of the effect switched away from, for the next effect (its pipelines are
    /// compiled already; shared with [`Warmer`]s).
    spare: SpareRenderer,
}

impl Driver {
    /// Loads `package` on a new GPU device (lavapipe when there is no GPU) and starts the
    /// tracking it needs.
    pub fn new(package: Package, options: DriverOptions) -> Result<Self> {
        let player = EffectPlayer::new(package, &options.player)?;
        Self::with_player(player, options)
    }

    /// [`Driver::new`] on an existing device.
    pub fn with_gpu(gpu: Gpu, package: Package, options: DriverOptions) -> Result<Self> {
        let player = EffectPlayer::with_gpu(gpu, package, &options.player)?;
        Self::with_player(player, options)
    }

    fn with_player(player: EffectPlayer, options: DriverOptions) -> Result<Self> {
        let mut tracking = Tracking::open(&options.tracking)?;
        let shelf = Shelf::default();
        tracking.configure(
            &options.tracking,
            player.tracker_config(),
            options.still,
            &options.live,
            None,
            &shelf,
        )?;
        let running = Arc::new(Mutex::new(tracking.config().cloned()));
        Ok(Self {
            player,
            tracking,
            phases: EventPhases::default(),
            options,
            running,
            shelf,
            spare: SpareRenderer::default(),
        })
    }

    /// Plays `effect` from the next frame on, on the same device; the tracker restarts only
    /// when the new effect needs other models (loaded ahead when it was warmed by
    /// [`Driver::warmer`]'s `warm`, else here). On an error the old effect keeps playing.
    pub fn replace_effect(&mut self, effect: WarmEffect) -> Result<()> {
        let renderer = match effect.renderer.or_else(|| self.spare.take_recycled()) {
            Some(renderer) => renderer,
            None => Renderer::with_gpu(
                self.player.gpu().clone(),
                RendererConfig::new(self.options.player.width, self.options.player.height),
            )?,
        };
        let player = EffectPlayer::with_renderer(renderer, effect.package, &self.options.player)?;
        self.tracking.configure(
            &self.options.tracking,
            player.tracker_config(),
            self.options.still,
            &self.options.live,
            effect.tracker,
            &self.shelf,
        )?;
        *self.running.lock().unwrap_or_else(PoisonError::into_inner) =
            self.tracking.config().cloned();
        let old = std::mem::replace(&mut self.player, player);
        self.spare.put(old.into_renderer());
        // The new effect has seen nothing: what is held begins for it.
        self.phases = EventPhases::default();
        Ok(())
    }

    /// Gets effects ready for [`Driver::replace_effect`] on another thread.
    pub fn warmer(&self) -> Warmer {
        let gpu = self.player.gpu().clone();
        let kept = (self.shelf.clone(), self.spare.clone());
        Warmer::new(&self.options, Arc::clone(&self.running), kept, gpu)
    }

    pub fn player(&self) -> &EffectPlayer {
        &self.player
    }

    /// The player, to change its scene from outside (host controls, script hot reload).
    pub fn player_mut(&mut self) -> &mut EffectPlayer {
        &mut self.player
    }

    /// Whether the live tracker runs (models, not a tape).
    pub fn tracks_live(&self) -> bool {
        matches!(self.tracking, Tracking::Live { .. })
    }

    /// Whether frames get tracking at all (the live tracker or a tape).
    pub fn tracks(&self) -> bool {
        !matches!(self.tracking, Tracking::Off)
    }

    pub fn tracking_state(&self) -> TrackingState {
        self.tracking.state()
    }

    /// Offers `frame` to the tracker ahead of rendering it; `false` when the tracker was busy
    /// and the frame will not be tracked. [`Driver::frame`] offers frames not offered yet.
    pub fn offer(&mut self, frame: &Frame) -> bool {
        self.tracking
            .offer(frame.index, frame.time_s, &frame.pixels, self.options.still)
    }

    /// Renders `frame` with its tracking (within `wait`, else the newest) and `events`.
    pub fn frame(
        &mut self,
        frame: &Frame,
        events: &[HostEvent],
        wait: Wait,
        format: PixelFormat,
    ) -> Result<Output> {
        self.offer(frame);
        let t0 = Instant::now();
        let tracked = self.tracking.result(frame.index, wait);
        let track_wait = t0.elapsed();
        let tracking = tracked
            .frame
            .map(|f| self.phases.deliver(f, tracked.source));
        if let Some(mask) = &tracked.mask {
            self.player.set_shared_person_mask(mask)?;
        }
        let input = PlayerInput {
            index: frame.index,
            camera: CameraFrame {
                width: frame.pixels.width,
                height: frame.pixels.height,
                rgba: &frame.pixels.data,
            },
            tracking: tracking.as_deref(),
            events,
        };
        let data = self.player.frame(&input, format)?;
        Ok(Output {
            data,
            tracking: self.player.scene_mut().take_tracking(),
            track_wait,
        })
    }
}
