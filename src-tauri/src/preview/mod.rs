//! The live preview: the engine's frame driver plays the effect being edited — the in-memory
//! document, checked like validate/export do — over a photo, a video file or a webcam, at the
//! window's pace, and streams the frames to the webview.
//!
//! ```text
//!  commands ──(one-slot mailboxes: document, script, transport, taps, captures; flags; acks)──┐
//!                                                                                       ▼
//!  driver::Source (photo / video / camera) ──▶ thread "lantern-preview": Driver ──▶ FrameSink ──▶ webview
//!                                                │ frame ▲ newest tracking    (binary: JSON header + RGBA)
//!                                                ▼       │
//!                                  TrackerWorker (thread "track", holds one frame)
//! ```
//!
//! The [`Driver`](lantern_engine::Driver) is not `Send`: it is created, used and dropped on the
//! preview thread. Everything is bounded: the document and script mailboxes hold
//! only the newest value (an older pending one is replaced), taps are capped, the tracker drops
//! frames while busy, and at most [`MAX_IN_FLIGHT`] frames are sent that the webview has not
//! acknowledged — while it is behind, frames are not rendered at all (counted as `skipped`).

mod animation;
mod capture;
mod message;
mod overlay;
mod session;
mod shrink;
mod transport;

#[cfg(test)]
mod capture_tests;
#[cfg(test)]
mod motion_tests;
#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use lantern_engine::InputSpec;
use lantern_engine::schema::format::Effect;
use lantern_engine::script::{HostEvent, Sources};
use serde::Deserialize;
use ts_rs::TS;

pub use animation::AnimationRequest;
pub use capture::{Capture, Captured, RecordingStatus};
pub use message::{
    ConsoleLevel, ConsoleLine, FrameInfo, MAGIC, Overlay, OverlayAnchor, OverlayFace, OverlayHand,
    SoundEvent, TrackingState, TrackingStatus, decode, encode,
};
pub use overlay::overlay;
pub use transport::{ClipStatus, TransportRequest};

use crate::error::{ErrorCode, IpcError};

/// The source the person picked.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum PreviewSource {
    /// A PNG, JPEG or WebP photo.
    Photo { path: PathBuf },
    /// A video file FFmpeg can read; it loops.
    Video { path: PathBuf },
    /// A webcam, by index (`"0"`) or part of its name.
    Camera { device: String },
}

impl PreviewSource {
    /// The engine's name for it (the preview and Go live open it the same way).
    pub fn input(&self) -> InputSpec {
        match self {
            Self::Photo { path } => InputSpec::Image(path.clone()),
            Self::Video { path } => InputSpec::Video(path.clone()),
            Self::Camera { device } => InputSpec::Camera(Some(device.clone())),
        }
    }
}

/// Frames sent and not yet acknowledged by the webview, at most.
pub const MAX_IN_FLIGHT: u64 = 2;
/// Taps waiting for the next frame, at most (more are dropped).
const MAX_TAPS: usize = 16;

/// Where preview frames go (the webview's channel; a test's queue).
pub trait FrameSink: Send + 'static {
    /// Hands over one message; `false` when nobody listens any more (the preview then stops).
    fn send(&self, message: Vec<u8>) -> bool;
}

/// How to render the preview.
#[derive(Clone, Debug, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewOptions {
    /// Output size in pixels (even, 16..=3840).
    pub width: u32,
    pub height: u32,
    /// Frames per second to aim for (1..=60).
    pub fps: f32,
    /// Send what the tracker sees with each frame.
    pub overlay: bool,
    /// Send the pixels shrunk by this factor (1..=8; the canvas shows fewer pixels than the
    /// engine renders). Coordinates in the header stay in output pixels.
    #[serde(default = "one")]
    pub shrink: u32,
}

fn one() -> u32 {
    1
}

/// What is wrong with an output frame size the UI sent (preview or go-live), if anything.
pub(crate) fn frame_size_problem(width: u32, height: u32) -> Option<String> {
    [("width", width), ("height", height)]
        .into_iter()
        .find(|(_, v)| !(16..=3840).contains(v) || v % 2 != 0)
        .map(|(name, v)| format!("{name} {v} must be an even number from 16 to 3840"))
}

impl PreviewOptions {
    fn check(&self) -> Result<(), IpcError> {
        let bad =
            |why: String| IpcError::new(ErrorCode::Preview, format!("preview options: {why}"));
        if let Some(why) = frame_size_problem(self.width, self.height) {
            return Err(bad(why));
        }
        if !(1..=8).contains(&self.shrink) {
            return Err(bad(format!("shrink {} must be from 1 to 8", self.shrink)));
        }
        if !(1.0..=60.0).contains(&self.fps) {
            return Err(bad(format!("fps {} must be from 1 to 60", self.fps)));
        }
        Ok(())
    }
}

/// What the commands hand to the preview thread.
#[derive(Default)]
struct Shared {
    /// This preview's number, in every frame's header; acknowledgements name it.
    id: u64,
    stop: AtomicBool,
    overlay: AtomicBool,
    /// The highest frame `seq` the webview has drawn.
    acked: AtomicU64,
    /// The newest edited document to rebuild the player from.
    document: Mutex<Option<Effect>>,
    /// The newest script sources to hot-reload.
    script: Mutex<Option<Sources>>,
    taps: Mutex<Vec<HostEvent>>,
    /// Transport requests for a video source, merged (the newest field wins).
    transport: Mutex<Option<TransportRequest>>,
    /// The timeline's newest request (pose, play, stop a layer's clip).
    animation: Mutex<Option<AnimationRequest>>,
    /// Screenshot and recording requests, answered with the next rendered frame.
    captures: Mutex<Vec<capture::CaptureRequest>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Numbers previews, so a late acknowledgement for an old one never counts for a new one.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// Counts events over the last second (frames sent, for the fps readout).
#[derive(Debug, Default)]
pub struct LastSecond(std::collections::VecDeque<std::time::Instant>);

impl LastSecond {
    /// Counts one event now; how many happened in the last second, this one included.
    pub fn tick(&mut self) -> f32 {
        let now = std::time::Instant::now();
        self.0.push_back(now);
        while self
            .0
            .front()
            .is_some_and(|t| now.duration_since(*t) > std::time::Duration::from_secs(1))
        {
            self.0.pop_front();
        }
        self.0.len() as f32
    }

    /// How many in the last second, as of the last tick.
    pub fn rate(&self) -> f32 {
        self.0.len() as f32
    }
}

/// A number for a new stream of preview frames (the live preview's, or a push's while live).
pub fn next_session_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// Whether a starting preview could open its source, device and player.
pub type Ready = Receiver<Result<(), IpcError>>;

/// A running preview; dropping it stops the thread and waits for it.
pub struct Preview {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl Preview {
    /// Starts previewing `effect` (the project at `dir`) over `source`. Returns once the first
    /// frame can be rendered; a source, document or GPU failure is the error.
    pub fn start(
        dir: PathBuf,
        effect: Effect,
        source: PreviewSource,
        options: PreviewOptions,
        sink: Box<dyn FrameSink>,
    ) -> Result<Self, IpcError> {
        let (preview, ready) = Self::spawn(dir, effect, source, options, sink)?;
        Self::wait(&ready)?;
        Ok(preview)
    }

    /// What [`Preview::wait`] says about a starting preview.
    pub fn wait(ready: &Ready) -> Result<(), IpcError> {
        match ready.recv() {
            Ok(result) => result,
            Err(_) => Err(IpcError::new(
                ErrorCode::Preview,
                "the preview stopped while starting (see the Studio's log)",
            )),
        }
    }

    /// Starts the preview thread without waiting for it: frames (and their acknowledgements)
    /// may flow before [`Preview::wait`] returns, so keep the handle where acks can reach it
    /// first.
    pub fn spawn(
        dir: PathBuf,
        effect: Effect,
        source: PreviewSource,
        options: PreviewOptions,
        sink: Box<dyn FrameSink>,
    ) -> Result<(Self, Ready), IpcError> {
        options.check()?;
        let shared = Arc::new(Shared {
            id: next_session_id(),
            ..Shared::default()
        });
        shared.overlay.store(options.overlay, Ordering::Relaxed);
        let (ready_tx, ready_rx) = sync_channel(1);
        let thread_shared = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("lantern-preview".to_owned())
            .spawn(move || {
                let opened =
                    session::Session::open(&dir, &effect, &source, &options, thread_shared, sink);
                match opened {
                    Ok(session) => {
                        let _ = ready_tx.send(Ok(()));
                        session.run();
                    }
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                    }
                }
            })
            .map_err(|e| {
                IpcError::new(
                    ErrorCode::Preview,
                    format!("could not start the preview thread: {e}"),
                )
            })?;
        let preview = Self {
            shared,
            thread: Some(thread),
        };
        Ok((preview, ready_rx))
    }

    /// This preview's number (in each frame header's `session`).
    pub fn id(&self) -> u64 {
        self.shared.id
    }

    fn wake(&self) {
        if let Some(t) = &self.thread {
            t.thread().unpark();
        }
    }

    /// Rebuild the player from an edited document (the newest one wins).
    pub fn reload(&self, effect: Effect) {
        *lock(&self.shared.document) = Some(effect);
        self.wake();
    }

    /// Hot-reload the script with new sources (package path → text).
    pub fn reload_script(&self, sources: Sources) {
        *lock(&self.shared.script) = Some(sources);
        self.wake();
    }

    pub fn set_overlay(&self, on: bool) {
        self.shared.overlay.store(on, Ordering::Relaxed);
    }

    /// The webview drew frame `seq`.
    pub fn ack(&self, seq: u64) {
        self.shared.acked.fetch_max(seq, Ordering::Relaxed);
        self.wake();
    }

    /// A tap on a hot-zone in the preview, for the next frame (dropped beyond a few pending).
    pub fn tap(&self, zone_id: String, payload: serde_json::Value) {
        let mut taps = lock(&self.shared.taps);
        if taps.len() < MAX_TAPS {
            taps.push(HostEvent::Tap { zone_id, payload });
        }
    }

    /// Play, pause, scrub or loop a video source (ignored for others).
    pub fn transport(&self, request: TransportRequest) {
        let mut pending = lock(&self.shared.transport);
        match pending.as_mut() {
            Some(p) => p.merge(request),
            None => *pending = Some(request),
        }
        drop(pending);
        self.wake();
    }

    /// Pose, play or stop a layer's clip from the next frame on (the newest request wins).
    pub fn animate(&self, request: AnimationRequest) {
        *lock(&self.shared.animation) = Some(request);
        self.wake();
    }

    /// Asks for a screenshot or a recording; the answer comes on the returned channel once the
    /// next frame is rendered (wait for it outside any lock).
    pub fn capture(&self, what: Capture) -> Result<Receiver<Result<Captured, IpcError>>, IpcError> {
        capture::check_destination(&what)?;
        let (reply, answer) = sync_channel(1);
        let mut pending = lock(&self.shared.captures);
        if pending.len() >= capture::MAX_PENDING {
            return Err(IpcError::new(
                ErrorCode::Preview,
                "the preview is busy with earlier screenshots: try again in a moment",
            ));
        }
        pending.push(capture::CaptureRequest { what, reply });
        drop(pending);
        self.wake();
        Ok(answer)
    }

    /// Whether the preview thread is still running (it ends when the webview stops listening or
    /// the source fails).
    pub fn is_running(&self) -> bool {
        self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        self.wake();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
