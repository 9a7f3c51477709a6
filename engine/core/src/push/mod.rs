//! Push mode: a live pipeline from a camera (or file, image, test pattern) through an effect to
//! an RTMP ingest, built like the streaming tools hosts already trust.
//!
//! ```text
//!  capture ──[2, drop oldest]──► render ──[2, drop oldest]──► encode ──[~2 s, drop GOP]──► send
//!  source on the output clock     │ the frame driver: tracking x264 + SEI + ROI,          FLV/RTMP,
//!  (file decode, camera, image,   │ (thread `track`, one frame AAC on the video clock     reconnects
//!   pattern: driver::Source)      │ ahead, late → last result)  + the effect's sound      (backoff)
//!                                 └ scene + script + wgpu → RGBA (lavapipe) or NV12 (GPU)
//!                                 └──[64, sound cues + effect switches]──► encode (mixed in)
//! ```
//!
//! Each stage is a named thread; the queues between them are bounded and say what they drop
//! when a stage is late: the render and encode queues drop the oldest frame, the send queue
//! drops whole groups of pictures and asks for a keyframe ([`send`]). Drops are counted per
//! stage in [`Stats`], with ms per stage, fps, bitrate and CPU share ([`Report`]).
//!
//! [`Push::start`] opens everything that can fail before going live — the source, the effect
//! (on the render thread: the player is not `Send`), the tracker's models, the encoders and the
//! first connection — and returns the first error as one line. Once live, a dead connection is
//! retried by the reconnect state machine ([`reconnect`]) while the pipeline keeps running.

mod capture;
mod config;
mod control;
mod encode;
mod error;
mod notices;
mod pace;
mod playing;
mod queue;
pub mod reconnect;
mod render;
mod send;
mod sound;
mod stats;
mod zones;

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use lantern_media::{Muxer, StreamParams};

pub use self::config::{AudioSpec, PushConfig};
pub use self::control::{
    Control, ControlError, Controls, Preview, PreviewSlot, Reply, Switched, take_preview,
};
pub use self::error::PushError;
pub use self::notices::{Notice, Notices};
pub use self::playing::Playing;
pub use self::queue::{FrameQueue, Pop};
pub use self::reconnect::{Backoff, Link};
pub use self::send::PacketQueue;
pub use self::stats::{
    Dropped, Percentiles, QueueDrops, Report, Stage, Stats, Totals, process_cpu_seconds,
};
pub use self::zones::ZoneFeed;
use crate::driver::Warmer;
pub use crate::driver::{InputSpec, TrackingSpec};

use self::capture::Captured;
use self::encode::EncodeStage;
use self::playing::PlayingSlot;
use self::render::{Rendered, Renderer};
use self::send::SendStage;
use self::sound::{SoundMixer, SoundMsg, SoundSender};

/// Frames waiting in front of render and in front of encode.
const FRAME_QUEUE: usize = 2;

/// What every stage shares.
pub(crate) struct Shared {
    pub(crate) stop: Arc<AtomicBool>,
    pub(crate) stats: Arc<Stats>,
    pub(crate) to_render: FrameQueue<Captured>,
    pub(crate) to_encode: FrameQueue<Rendered>,
    pub(crate) to_send: PacketQueue,
    /// Set by the send stage to ask the encoder for a keyframe.
    pub(crate) keyframe: Arc<AtomicBool>,
    /// Triggers fired and console lines, for outside watchers.
    pub(crate) notices: Arc<Notices>,
    /// The effect on air (set by the render stage).
    pub(crate) playing: PlayingSlot,
    /// Each frame's SEI data, for a live room.
    pub(crate) zones: Arc<ZoneFeed>,
    error: Mutex<Option<PushError>>,
}

impl Shared {
    /// Records the first error and stops the pipeline.
    fn fail(&self, err: PushError) {
        let mut slot = self.error.lock().unwrap_or_else(PoisonError::into_inner);
        if slot.is_none() {
            *slot = Some(err);
        }
        self.stop.store(true, Ordering::Relaxed);
    }

    fn take_error(&self) -> Option<PushError> {
        self.error
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    /// Ends every queue (startup failed or the pipeline is torn down).
    fn abandon_all(&self) {
        self.stop.store(true, Ordering::Relaxed);
        self.to_render.abandon();
        self.to_encode.abandon();
        self.to_send.abandon();
    }
}

/// What the push decided while starting.
#[derive(Clone, Debug)]
pub struct PushInfo {
    pub url: String,
    /// Face boxes are encoded as regions of interest.
    pub roi: bool,
    /// The tracking models run live.
    pub live_tracking: bool,
}

/// A running push.
pub struct Push {
    shared: Arc<Shared>,
    threads: Vec<JoinHandle<()>>,
    controls: Controls,
    preview: Option<PreviewSlot>,
    totals: Totals,
    info: PushInfo,
}

impl std::fmt::Debug for Push {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Push")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

/// A stage's body: reports its start-up through the sender, then runs.
type Ready<T> = SyncSender<Result<T, PushError>>;

/// Sends a start-up failure to the waiting caller; `None` then.
fn started<T, R>(ready: &Ready<R>, result: Result<T, PushError>) -> Option<T> {
    match result {
        Ok(v) => Some(v),
        Err(e) => {
            let _ = ready.send(Err(e));
            None
        }
    }
}

/// Spawns stage `name`, waits for its start-up report, and on exit runs `finish` (which ends
/// the stage's queues so its neighbours stop too).
fn spawn<T, F>(
    name: &'static str,
    shared: &Arc<Shared>,
    threads: &mut Vec<JoinHandle<()>>,
    finish: fn(&Shared),
    body: F,
) -> Result<T, PushError>
where
    T: Send + 'static,
    F: FnOnce(&Ready<T>) -> Result<(), PushError> + Send + 'static,
{
    let (tx, rx) = sync_channel(1);
    let sh = Arc::clone(shared);
    let handle = std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            match std::panic::catch_unwind(AssertUnwindSafe(|| body(&tx))) {
                Ok(Ok(())) => {}
                Ok(Err(e)) => sh.fail(e),
                Err(_) => sh.fail(PushError::stage(name, "crashed (a bug: please report it)")),
            }
            finish(&sh);
        })
        .map_err(|e| PushError::stage(name, format!("could not start: {e}")))?;
    threads.push(handle);
    match rx.recv() {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(e),
        Err(_) => Err(shared
            .take_error()
            .unwrap_or_else(|| PushError::stage(name, "stopped while starting"))),
    }
}

/// The four stages, started in pipeline order; each waits for its neighbour's start-up report.
struct Starter<'a> {
    cfg: &'a Arc<PushConfig>,
    shared: &'a Arc<Shared>,
    threads: Vec<JoinHandle<()>>,
    /// The effect's sound from render to encode (each end taken by its stage).
    sound_tx: Option<SoundSender>,
    sound_rx: Option<Receiver<SoundMsg>>,
}

impl Starter<'_> {
    /// The capture stage: opens the source now, reads it once `go` says the pipeline is live.
    fn capture(&mut self, go: Receiver<()>) -> Result<(), PushError> {
        let (c, sh) = (Arc::clone(self.cfg), Arc::clone(self.shared));
        spawn(
            "capture",
            self.shared,
            &mut self.threads,
            |s| s.to_render.close(),
            move |ready: &Ready<()>| {
                let Some(source) = started(ready, capture::open(&c)) else {
                    return Ok(());
                };
                let _ = ready.send(Ok(()));
                if go.recv().is_err() {
                    return Ok(());
                }
                capture::run(source, &c, &sh)
            },
        )
    }

    /// The render stage: the effect, the tracker and the GPU, on their own thread.
    fn render(
        &mut self,
        controls: Receiver<Control>,
        preview: Option<PreviewSlot>,
    ) -> Result<render::RenderInfo, PushError> {
        let (c, sh) = (Arc::clone(self.cfg), Arc::clone(self.shared));
        let sound = self
            .sound_tx
            .take()
            .ok_or_else(|| PushError::stage("render", "started twice"))?;
        spawn(
            "render",
            self.shared,
            &mut self.threads,
            |s| {
                s.to_render.abandon();
                s.to_encode.close();
            },
            move |ready| {
                let Some((renderer, info)) =
                    started(ready, Renderer::start(&c, &sh, (controls, sound), preview))
                else {
                    return Ok(());
                };
                let _ = ready.send(Ok(info));
                renderer.run(&sh)
            },
        )
    }

    /// The encode stage; returns the stream parameters the muxer needs.
    fn encode(&mut self, roi: bool) -> Result<StreamParams, PushError> {
        let (c, sh) = (Arc::clone(self.cfg), Arc::clone(self.shared));
        let sound = self
            .sound_rx
            .take()
            .ok_or_else(|| PushError::stage("encode", "started twice"))?;
        spawn(
            "encode",
            self.shared,
            &mut self.threads,
            |s| {
                s.to_encode.abandon();
                s.to_send.close();
            },
            move |ready| {
                let mixer = SoundMixer::new(sound, c.fps);
                let Some((stage, params)) = started(ready, EncodeStage::start(&c, roi, mixer))
                else {
                    return Ok(());
                };
                let _ = ready.send(Ok(params));
                stage.run(&sh)
            },
        )
    }

    /// The first connection, then the send stage.
    fn send(&mut self, params: StreamParams) -> Result<(), PushError> {
        let muxer = Muxer::open(&self.cfg.target, &params, 0)?;
        tracing::info!("live: {}", self.cfg.target.url());
        let sh = Arc::clone(self.shared);
        let backoff = self.cfg.backoff.clone();
        spawn(
            "send",
            self.shared,
            &mut self.threads,
            |s| s.to_send.abandon(),
            move |ready: &Ready<()>| {
                let _ = ready.send(Ok(()));
                SendStage::new(muxer, params, backoff).run(&sh)
            },
        )
    }

    fn all(
        &mut self,
        go: Receiver<()>,
        controls: Receiver<Control>,
        preview: Option<PreviewSlot>,
    ) -> Result<(PushInfo, Warmer), PushError> {
        self.capture(go)?;
        let info = self.render(controls, preview)?;
        let roi = self.cfg.roi.unwrap_or(info.tracks_faces);
        let params = self.encode(roi)?;
        self.send(params)?;
        let push = PushInfo {
            url: self.cfg.target.url(),
            roi,
            live_tracking: info.live_tracking,
        };
        Ok((push, info.warmer))
    }
}

impl Push {
    /// Opens the source, the effect, the tracker, the encoders and the connection, then starts
    /// the clock. Any failure before going live is returned here.
    pub fn start(cfg: PushConfig) -> Result<Self, PushError> {
        cfg.validate()?;
        let stop = Arc::new(AtomicBool::new(false));
        let keyframe = Arc::new(AtomicBool::new(false));
        let packets = (cfg.fps as usize * 2 + 100).max(64);
        let shared = Arc::new(Shared {
            stop: Arc::clone(&stop),
            stats: Arc::new(Stats::new()),
            to_render: FrameQueue::new(FRAME_QUEUE),
            to_encode: FrameQueue::new(FRAME_QUEUE),
            to_send: PacketQueue::new(packets, Arc::clone(&keyframe)),
            keyframe,
            notices: Arc::new(Notices::default()),
            playing: PlayingSlot::default(),
            zones: Arc::default(),
            error: Mutex::new(None),
        });
        let (mut controls, control_rx) = control::channel(
            stop,
            (Arc::clone(&shared.notices), Arc::clone(&shared.zones)),
            shared.playing.clone(),
            (cfg.width, cfg.height),
        );
        let preview: Option<PreviewSlot> = cfg.preview.then(|| Arc::new(Mutex::new(None)));
        let cfg = Arc::new(cfg);
        let (go_tx, go_rx) = sync_channel::<()>(1);
        let (sound_tx, sound_rx) = sound::channel();
        let mut starter = Starter {
            cfg: &cfg,
            shared: &shared,
            threads: Vec::new(),
            sound_tx: Some(sound_tx),
            sound_rx: Some(sound_rx),
        };
        let started_all = starter.all(go_rx, control_rx, preview.clone());
        let threads = starter.threads;
        match started_all {
            Ok((info, warmer)) => {
                controls.warmer = Some(warmer);
                let _ = go_tx.send(());
                Ok(Self {
                    shared,
                    threads,
                    controls,
                    preview,
                    totals: Totals::start(),
                    info,
                })
            }
            Err(e) => {
                drop(go_tx);
                shared.abandon_all();
                for t in threads {
                    let _ = t.join();
                }
                Err(e)
            }
        }
    }

    pub fn info(&self) -> &PushInfo {
        &self.info
    }

    /// Host controls (gameplay, commands, taps, stop).
    pub fn controls(&self) -> Controls {
        self.controls.clone()
    }

    /// The newest preview frame, when started with `preview`.
    pub fn preview(&self) -> Option<PreviewSlot> {
        self.preview.clone()
    }

    pub fn stats(&self) -> &Stats {
        &self.shared.stats
    }

    /// The figures since the last call (or the start).
    pub fn report(&mut self) -> Report {
        let drops = QueueDrops {
            render: self.shared.to_render.dropped(),
            encode: self.shared.to_encode.dropped(),
            send: self.shared.to_send.dropped(),
        };
        self.shared.stats.report(&mut self.totals, drops)
    }

    /// Asks the pipeline to stop (it drains and closes the stream).
    pub fn stop(&self) {
        self.controls.stop();
    }

    /// True once every stage has ended (the frame limit was reached, it was stopped, or it
    /// failed).
    pub fn is_finished(&self) -> bool {
        self.threads.iter().all(JoinHandle::is_finished)
    }

    /// Waits up to `timeout` for the pipeline to end; true when it has.
    pub fn wait_timeout(&self, timeout: Duration) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        while !self.is_finished() {
            if std::time::Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        true
    }

    /// Waits for every stage to end; the first error that stopped the pipeline, if any.
    pub fn wait(self) -> Result<(), PushError> {
        for t in self.threads {
            let _ = t.join();
        }
        self.shared.take_error().map_or(Ok(()), Err)
    }
}
