//! Go live from the Studio: the engine's push pipeline (`lantern_engine::push`, what
//! `lantern push` runs) with the effect being edited, to an RTMP server (URL + stream key, joined
//! as OBS does) or a file.
//!
//! ```text
//!  start_live ─▶ checks (options, URL, the edited document like validate/export) ─▶ error, nothing starts
//!      │
//!      ▼  thread "lantern-live"
//!  Push::start (source, effect, tracker, encoders, connection) ── failure ─▶ readable IpcError
//!      │ live
//!      ├─▶ status events: connecting / live / reconnecting n / ended / failed  ─┐
//!      ├─▶ stats every second (fps out, kbit/s, dropped, reconnects)          ─┼─▶ onEvent channel
//!      └─▶ the push's outgoing frames (PreviewSlot, ≤ 640 px wide) as preview ─▶ onFrame channel
//!          frames (`LPV1`), at most MAX_IN_FLIGHT unacknowledged
//! ```
//!
//! The input is the live preview's source; a camera cannot be opened twice, so the preview is
//! stopped first and the panel shows the push's own frames instead. The stream key is masked in
//! every message and log line ([`redact`]). Stopping drains the pipeline and closes the stream.

mod errors;
mod monitor;
pub mod redact;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Instant;

use lantern_engine::media::Target;
use lantern_engine::push::{AudioSpec, Controls, InputSpec, PushConfig};
use lantern_engine::schema::Package;
use lantern_engine::schema::format::Effect;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use errors::push_error;

use crate::error::{ErrorCode, IpcError};
use crate::preview::{FrameSink, PreviewSource};
use crate::project::report::{check_script, open_edited};

/// Where the stream goes, as the host typed it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LiveTarget {
    /// `rtmp://host[:port]/app` (or `rtmps://`), or a file path ending in `.flv`/`.mp4`.
    pub url: String,
    /// The stream key, appended to the URL; never logged.
    pub key: String,
}

/// How to encode.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LiveOptions {
    /// Output size (even, 16..=3840), from the project's frame shape.
    pub width: u32,
    pub height: u32,
    /// 1..=60.
    pub fps: u32,
    /// Video kbit/s (100..=50000).
    pub video_kbps: u32,
    /// Start with the effect's gameplay script running.
    pub gameplay: bool,
}

impl LiveOptions {
    fn check(&self) -> Result<(), IpcError> {
        let bad = |why: String| IpcError::new(ErrorCode::Live, format!("go-live settings: {why}"));
        if let Some(why) = crate::preview::frame_size_problem(self.width, self.height) {
            return Err(bad(why));
        }
        if !(1..=60).contains(&self.fps) {
            return Err(bad(format!("{} fps must be from 1 to 60", self.fps)));
        }
        if !(100..=50_000).contains(&self.video_kbps) {
            return Err(bad(format!(
                "{} kbit/s must be from 100 to 50000 (2500 suits 720p)",
                self.video_kbps
            )));
        }
        Ok(())
    }
}

/// Where a push is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LiveState {
    /// Opening the input, the effect, the tracker, the encoder and the connection.
    Connecting,
    Live,
    /// The connection dropped; the pipeline keeps running while it reconnects.
    Reconnecting,
    /// Stopped cleanly (the stream was closed).
    Ended,
    /// Could not start, or stopped on an error (`message` says why).
    Failed,
}

/// A running push's figures over the last interval.
#[derive(Clone, Debug, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LiveStats {
    pub uptime_s: f64,
    /// Frames sent per second.
    pub fps_out: f64,
    /// Frames captured per second.
    pub fps_in: f64,
    /// Bits on the wire, kbit/s (audio + video + container).
    pub kbps: f64,
    #[ts(type = "number")]
    pub frames_sent: u64,
    /// Frames dropped since the start, all stages.
    #[ts(type = "number")]
    pub dropped: u64,
    #[ts(type = "number")]
    pub reconnects: u64,
    /// Render stage ms per frame (median of the interval).
    pub render_ms: f32,
    /// From the Go live click to the first packet written to the server, ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub first_packet_ms: Option<f64>,
    /// Frames of the push shown in the Studio's preview per second.
    pub preview_fps: f32,
    /// Process CPU over wall time, % of one core.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cpu_percent: Option<f64>,
}

/// What the push tells the webview (on the `onEvent` channel).
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum LiveEvent {
    #[serde(rename_all = "camelCase")]
    Status {
        state: LiveState,
        /// The server URL with the key masked, or the file.
        url: String,
        /// Why it failed (`failed`), what is happening (`reconnecting`).
        #[serde(skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        message: Option<String>,
        /// The reconnect attempt under way.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        attempt: Option<u32>,
    },
    Stats {
        stats: LiveStats,
    },
}

/// Where status and stats events go (the webview's channel; a test's queue).
pub trait EventSink: Send + 'static {
    /// `false` when nobody listens any more (the push then stops).
    fn send(&self, event: LiveEvent) -> bool;
}

/// What the commands share with the push's thread.
struct Shared {
    /// The preview frames' session number (acknowledgements name it).
    id: u64,
    stop: AtomicBool,
    acked: AtomicU64,
    controls: Mutex<Option<Controls>>,
}

/// Whether a starting push went live.
pub type Ready = Receiver<Result<(), IpcError>>;

/// A running push; dropping it stops the stream cleanly and waits for the pipeline.
pub struct Live {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
    /// The server URL with the key masked (or the file).
    url: String,
}

/// The engine's target for what the host typed (file paths have no key).
fn target(t: &LiveTarget) -> Result<(Target, String), IpcError> {
    let url = t.url.trim();
    if url.is_empty() {
        return Err(IpcError::new(
            ErrorCode::Live,
            "no server URL: enter rtmp://host[:port]/app (your platform's ingest URL)",
        ));
    }
    if url.contains("://") {
        let target = Target::rtmp(url, &t.key)
            .map_err(|e| IpcError::new(ErrorCode::Live, redact::redact(&e.to_string())))?;
        return Ok((target, redact::masked_url(url, &t.key)));
    }
    if !t.key.trim().is_empty() {
        return Err(IpcError::new(
            ErrorCode::Live,
            format!("{url} is a file, not an rtmp:// URL: a stream key only goes with a server"),
        ));
    }
    let path = PathBuf::from(url);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !matches!(ext.as_deref(), Some("flv" | "mp4" | "mkv")) {
        return Err(IpcError::new(
            ErrorCode::Live,
            format!("{url} is neither an rtmp:// URL nor a .flv/.mp4/.mkv file"),
        ));
    }
    Ok((Target::File(path), url.to_owned()))
}

/// The push's input: the preview's source, or the test pattern when there is none.
fn input(source: Option<&PreviewSource>) -> InputSpec {
    source.map_or(InputSpec::Pattern, PreviewSource::input)
}

/// The edited document over the project's files, checked like validate/export do (its script
/// loads); an error says it was `not` done ("not going live", "not applied to the stream").
pub fn edited_package(dir: &Path, effect: &Effect, not: &str) -> Result<Package, IpcError> {
    let mut package = open_edited(dir, effect).map_err(|mut err| {
        if err.code == ErrorCode::Invalid {
            err.message = format!("{not}: {}", err.message);
        }
        err
    })?;
    check_script(&mut package).map_err(|p| {
        IpcError::new(
            ErrorCode::Invalid,
            format!("{not}: {}: {}", p.file, p.message),
        )
    })?;
    Ok(package)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Live {
    /// Checks everything, then starts the push on its own thread without waiting for the
    /// connection: [`Live::wait`] on the returned receiver says whether it went live.
    pub fn spawn(
        dir: &Path,
        effect: &Effect,
        source: Option<&PreviewSource>,
        to: &LiveTarget,
        options: &LiveOptions,
        events: Box<dyn EventSink>,
        frames: Box<dyn FrameSink>,
    ) -> Result<(Self, Ready), IpcError> {
        let clicked = Instant::now();
        options.check()?;
        let (target, url) = target(to)?;
        edited_package(dir, effect, "not going live")?;
        let secret = redact::register(&target.url(), &to.url, &to.key);
        let mut cfg = PushConfig::new(input(source), target);
        cfg.effect = Some(dir.to_owned());
        cfg.document = Some(effect.clone());
        (cfg.width, cfg.height, cfg.fps) = (options.width, options.height, options.fps);
        cfg.video_kbps = options.video_kbps;
        cfg.gop = options.fps * 2;
        cfg.gameplay = options.gameplay;
        cfg.audio = AudioSpec::Auto;
        cfg.preview = true;
        let shared = Arc::new(Shared {
            id: crate::preview::next_session_id(),
            stop: AtomicBool::new(false),
            acked: AtomicU64::new(0),
            controls: Mutex::new(None),
        });
        let (ready_tx, ready_rx) = sync_channel(1);
        let run = monitor::Run {
            shared: Arc::clone(&shared),
            events,
            frames,
            url: url.clone(),
            clicked,
        };
        let thread = std::thread::Builder::new()
            .name("lantern-live".to_owned())
            .spawn(move || {
                // The secret lives until the last log line of this push.
                let _secret = secret;
                run.run(cfg, &ready_tx);
            })
            .map_err(|e| {
                IpcError::new(
                    ErrorCode::Live,
                    format!("could not start the push thread: {e}"),
                )
            })?;
        let live = Self {
            shared,
            thread: Some(thread),
            url,
        };
        Ok((live, ready_rx))
    }

    /// Waits until a spawned push is live or failed to start.
    pub fn wait(ready: &Ready) -> Result<(), IpcError> {
        ready.recv().unwrap_or_else(|_| {
            Err(IpcError::new(
                ErrorCode::Live,
                "the push stopped while starting (see the Studio's log)",
            ))
        })
    }

    /// The preview frames' session number.
    pub fn id(&self) -> u64 {
        self.shared.id
    }

    /// The server URL with the key masked.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The webview drew preview frame `seq`.
    pub fn ack(&self, seq: u64) {
        self.shared.acked.fetch_max(seq, Ordering::Relaxed);
    }

    /// Runs (true) or pauses the effect's gameplay script; `false` when not live.
    pub fn set_gameplay(&self, on: bool) -> bool {
        lock(&self.shared.controls)
            .as_ref()
            .is_some_and(|c| c.send(lantern_engine::push::Control::Gameplay(on)))
    }

    /// A host command for the effect's script and `host` triggers; `false` when not live or
    /// refused (the render stage is busy).
    pub fn command(&self, name: &str, args: serde_json::Value) -> bool {
        lock(&self.shared.controls)
            .as_ref()
            .is_some_and(|c| c.command(name, args))
    }

    /// The push's controls, once it is live (a clone: use it outside every lock).
    pub fn controls(&self) -> Option<Controls> {
        lock(&self.shared.controls).clone()
    }

    /// Plays `package` (the edited document, from [`edited_package`]: checked like at Go live) in
    /// the running stream from the next frame on: no reconnect, no encoder restart.
    pub fn switch_effect(&self, package: Package) -> Result<(), IpcError> {
        switch_effect(self.controls(), package)
    }

    /// Whether the push's thread still runs.
    pub fn is_running(&self) -> bool {
        self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }

    /// Asks the push to stop (it drains and closes the stream); dropping waits for it.
    pub fn stop(&self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(c) = lock(&self.shared.controls).as_ref() {
            c.stop();
        }
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        self.stop();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Plays `package` in the stream `controls` steer from its next frame on; waits for the swap
/// (the models it needs load on this thread, not the push's).
pub fn switch_effect(controls: Option<Controls>, package: Package) -> Result<(), IpcError> {
    let controls = controls.ok_or_else(|| {
        IpcError::new(
            ErrorCode::Live,
            "the stream is starting or stopping: the edit goes with the next one",
        )
    })?;
    match controls.switch_effect(package) {
        Ok(switched) => {
            tracing::debug!(
                "the edit is live from frame {} ({:.1} ms swap)",
                switched.frame,
                switched.swap_ms
            );
            Ok(())
        }
        Err(e) => Err(IpcError::new(
            ErrorCode::Live,
            format!("the edit did not reach the stream, which goes on: {e}"),
        )),
    }
}
