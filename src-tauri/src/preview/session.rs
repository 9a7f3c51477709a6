//! The preview thread's loop, the Studio's pacing of the engine's frame [`Driver`]: one
//! [`Session`] owns the source and the driver, and runs frame after frame until it is told to
//! stop.
//!
//! Each turn: apply the newest document ([`Driver::replace_effect`] on the same device; a
//! document that does not open leaves the old one playing and is reported as the frame's
//! `problem`) and the newest script sources (hot reload; the old script keeps running on a
//! syntax error, which reaches the console); wait while the webview is [`MAX_IN_FLIGHT`] frames
//! behind; take the source's picture when the window's clock says so; render it with the newest
//! tracking (never waiting for the tracker); send pixels and header in one message.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use lantern_engine::driver::{SourceOptions, TrackingState, Wait, WarmEffect};
use lantern_engine::render::{AdapterChoice, Gpu, PixelFormat};
use lantern_engine::schema::format::Effect;
use lantern_engine::{Driver, DriverOptions, Frame, PlayerOptions, Source, TrackingSpec};

use super::capture::{Captures, Rendered};
use super::message::{
    self, ConsoleLevel, ConsoleLine, FrameInfo, SoundEvent, TrackingStatus, encode,
};
use super::transport::ClipClock;
use super::{AnimationRequest, PreviewSource};
use super::{FrameSink, LastSecond, MAX_IN_FLIGHT, PreviewOptions, Shared, lock};
use crate::error::{ErrorCode, IpcError};
use crate::project::report::open_edited;

/// Console lines sent with one frame, at most (the rest are counted in one line).
const MAX_LOGS: usize = 200;
/// After a frame fails, wait this long before the next try.
const RETRY: Duration = Duration::from_millis(500);
/// With no acknowledgement for this long, one is taken as lost and one more frame goes out (a
/// webview that missed a message must not stop the preview for good).
pub const ACK_PATIENCE: Duration = Duration::from_secs(2);

fn player_options(o: &PreviewOptions) -> PlayerOptions {
    PlayerOptions {
        width: o.width,
        height: o.height,
        fps: o.fps,
        ..PlayerOptions::default()
    }
}

/// What the tracking is doing, for the frame header.
fn tracking_status(state: TrackingState) -> TrackingStatus {
    let (state, message, track_ms) = match state {
        TrackingState::Off | TrackingState::Tape => (message::TrackingState::Off, None, 0.0),
        TrackingState::Loading => (message::TrackingState::Loading, None, 0.0),
        TrackingState::Running { track_ms, .. } => {
            (message::TrackingState::Running, None, track_ms)
        }
        TrackingState::Failed(e) => (message::TrackingState::Error, Some(e.to_string()), 0.0),
    };
    TrackingStatus {
        state,
        message,
        track_ms,
    }
}

fn unix_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

fn ms(d: Duration) -> f32 {
    d.as_secs_f32() * 1000.0
}

/// One preview, on its thread.
pub struct Session {
    shared: Arc<Shared>,
    sink: Box<dyn FrameSink>,
    dir: PathBuf,
    options: PreviewOptions,
    driver: Driver,
    source: Source,
    seq: u64,
    clock_start: Instant,
    next_index: u64,
    skipped: u64,
    problem: Option<String>,
    /// Frames sent in the last second (the fps readout).
    sent: LastSecond,
    /// The video transport's clock (video files only).
    clip: Option<ClipClock>,
    captures: Captures,
    /// The preview's own console lines for the next frame (a failed seek, an unknown clip).
    notes: Vec<ConsoleLine>,
    /// The timeline's pose, applied again after each document swap.
    pose: Option<AnimationRequest>,
}

impl Session {
    /// Opens the source, the device and the player (on the preview thread).
    pub fn open(
        dir: &Path,
        effect: &Effect,
        source: &PreviewSource,
        options: &PreviewOptions,
        shared: Arc<Shared>,
        sink: Box<dyn FrameSink>,
    ) -> Result<Self, IpcError> {
        // Scaled to just cover the output: a 12-megapixel photo is not uploaded every frame.
        let source_options = SourceOptions {
            output: (options.width, options.height),
            fps: options.fps.round() as u32,
            cover: true,
            looping: true,
        };
        let source = Source::open(&source.input(), &source_options)
            .map_err(|e| IpcError::new(ErrorCode::Source, e))?;
        let gpu = Gpu::new(AdapterChoice::Auto).map_err(|e| {
            IpcError::new(
                ErrorCode::Preview,
                format!("no GPU device for the preview: {e}"),
            )
        })?;
        let mut driver_options = DriverOptions::new(
            player_options(options),
            TrackingSpec::Models,
            source.is_still(),
        );
        // The models load in the background: the preview says "loading" meanwhile.
        driver_options.live.background = true;
        let driver = Driver::with_gpu(gpu, open_edited(dir, effect)?, driver_options)
            .map_err(|e| IpcError::new(ErrorCode::Preview, e))?;
        Ok(Self {
            shared,
            sink,
            dir: dir.to_owned(),
            options: options.clone(),
            driver,
            seq: 0,
            clock_start: Instant::now(),
            next_index: 0,
            skipped: 0,
            problem: None,
            sent: LastSecond::default(),
            clip: source
                .clip()
                .is_some()
                .then(|| ClipClock::new(Instant::now())),
            captures: Captures::default(),
            notes: Vec::new(),
            pose: None,
            source,
        })
    }

    /// Runs until stopped, the webview stops listening, or the source fails.
    pub fn run(mut self) {
        let period = Duration::from_secs_f64(1.0 / f64::from(self.options.fps));
        let mut due = Instant::now();
        let mut waiting_since: Option<Instant> = None;
        while !self.shared.stop.load(Ordering::Relaxed) {
            self.apply_updates();
            let now = Instant::now();
            let acked = self.shared.acked.load(Ordering::Relaxed);
            if self.seq.saturating_sub(acked) >= MAX_IN_FLIGHT {
                let since = *waiting_since.get_or_insert(now);
                if now.duration_since(since) > ACK_PATIENCE {
                    self.shared
                        .acked
                        .fetch_max(self.seq + 1 - MAX_IN_FLIGHT, Ordering::Relaxed);
                    waiting_since = None;
                }
                // The webview is behind: frames that fall due now are not rendered at all.
                while due <= now {
                    self.skipped += 1;
                    due += period;
                }
                std::thread::park_timeout(Duration::from_millis(5));
                continue;
            }
            waiting_since = None;
            // A camera waits for the hardware; anything else for the window's clock.
            if !matches!(self.source, Source::Camera(_)) && now < due {
                std::thread::park_timeout(due - now);
                continue;
            }
            let time_s = self.clock_start.elapsed().as_secs_f64();
            let index = ((time_s * f64::from(self.options.fps)) as u64).max(self.next_index);
            self.next_index = index + 1;
            // A video plays on its transport's clock; the effect always on the wall's.
            let source_ms = self
                .clip
                .as_ref()
                .map_or((time_s * 1000.0) as i64, |c| c.t_ms(now));
            let frame = match self.source.frame_at(index, source_ms) {
                Ok(pixels) => Frame {
                    index,
                    time_s,
                    pixels,
                },
                Err(e) => {
                    self.send_error(e.to_string());
                    return;
                }
            };
            let ok = self.step(&frame);
            let now = Instant::now();
            if let Some(clip) = &mut self.clip {
                clip.after_frame(&self.source, now);
            }
            // Late: take the next frame as soon as possible, without a burst to catch up.
            due = (due + period).max(now.checked_sub(period).unwrap_or(now));
            if !ok {
                std::thread::park_timeout(RETRY);
            }
            if self.shared.stop.load(Ordering::Relaxed) {
                return;
            }
        }
    }

    fn apply_updates(&mut self) {
        let document = lock(&self.shared.document).take();
        if let Some(effect) = document {
            let swapped = open_edited(&self.dir, &effect).and_then(|package| {
                self.driver
                    .replace_effect(WarmEffect::cold(package))
                    .map_err(|e| IpcError::new(ErrorCode::Preview, e))
            });
            match swapped {
                Ok(()) => {
                    self.problem = None;
                    self.clock_start = Instant::now();
                    self.next_index = 0;
                    if let Some(pose) = self.pose.clone() {
                        self.animate(&pose);
                    }
                }
                Err(e) => self.problem = Some(e.message),
            }
        }
        let request = lock(&self.shared.animation).take();
        if let Some(request) = request {
            self.pose = request.holds().then(|| request.clone());
            self.animate(&request);
        }
        let transport = lock(&self.shared.transport).take();
        if let (Some(request), Some(clip)) = (transport, &mut self.clip)
            && let Err(e) = clip.apply(&request, &mut self.source, Instant::now())
        {
            self.notes.push(ConsoleLine {
                level: ConsoleLevel::Error,
                message: format!("the video could not seek: {e}"),
                location: None,
                frame: self.next_index,
            });
        }
        let script = lock(&self.shared.script).take();
        if let Some(sources) = script {
            self.driver
                .player_mut()
                .scene_mut()
                .reload_script(sources, self.next_index);
        }
    }

    /// Applies a timeline request to the scene; an unknown layer or clip reaches the console.
    fn animate(&mut self, request: &AnimationRequest) {
        let index = self.next_index;
        let scene = self.driver.player_mut().scene_mut();
        if let Err(message) = request.apply(scene, index) {
            self.notes.push(ConsoleLine {
                level: ConsoleLevel::Warn,
                message: format!("the timeline: {message}"),
                location: None,
                frame: index,
            });
        }
    }

    /// Renders and sends one frame; `false` when it failed.
    fn step(&mut self, frame: &Frame) -> bool {
        let captured = Instant::now();
        let captured_at_ms = unix_ms();
        let events = std::mem::take(&mut *lock(&self.shared.taps));
        let rendering = Instant::now();
        let result = self
            .driver
            .frame(frame, &events, Wait::Newest, PixelFormat::Rgba);
        let mut info = FrameInfo {
            index: frame.index,
            render_ms: ms(rendering.elapsed()),
            captured_at_ms,
            tracking: tracking_status(self.driver.tracking_state()),
            logs: self.logs(),
            problem: self.problem.clone(),
            ..FrameInfo::default()
        };
        let (pixels, ok) = match result {
            Ok(out) => {
                let data = out.data;
                let requests = std::mem::take(&mut *lock(&self.shared.captures));
                let rendered = Rendered {
                    rgba: &data.bytes,
                    width: data.width,
                    height: data.height,
                    t_ms: captured_at_ms as i64,
                    fps: self.options.fps.round() as u32,
                };
                self.captures.on_frame(requests, &rendered);
                let (bytes, w, h) = if self.options.shrink > 1 {
                    super::shrink::shrink(&data.bytes, data.width, data.height, self.options.shrink)
                } else {
                    (data.bytes, data.width, data.height)
                };
                info.width = w;
                info.height = h;
                info.shrink = self.options.shrink;
                info.zones = data.hotzones;
                let report = self.driver.player().scene().report();
                info.fired.clone_from(&report.fired);
                info.sounds = report.sounds.iter().map(SoundEvent::from).collect();
                if self.shared.overlay.load(Ordering::Relaxed) {
                    info.overlay = Some(super::overlay::overlay(&out.tracking));
                }
                (bytes, true)
            }
            Err(e) => {
                info.error = Some(e.to_string());
                (Vec::new(), false)
            }
        };
        info.clip = self.clip.as_ref().and_then(|c| c.status(&self.source));
        info.recording = self.captures.status();
        info.frame_ms = ms(captured.elapsed());
        self.send(info, &pixels);
        ok
    }

    /// The script's log lines since the last frame, at most [`MAX_LOGS`].
    fn logs(&mut self) -> Vec<ConsoleLine> {
        let mut lines = std::mem::take(&mut self.notes);
        lines.extend(
            self.driver
                .player_mut()
                .drain_logs()
                .into_iter()
                .map(ConsoleLine::from),
        );
        if lines.len() > MAX_LOGS {
            let more = lines.len() - MAX_LOGS;
            lines.truncate(MAX_LOGS);
            lines.push(ConsoleLine {
                level: ConsoleLevel::Warn,
                message: format!("… {more} more lines in this frame were dropped"),
                location: None,
                frame: self.next_index.saturating_sub(1),
            });
        }
        lines
    }

    fn send(&mut self, mut info: FrameInfo, pixels: &[u8]) {
        info.fps = self.sent.tick();
        self.seq += 1;
        info.seq = self.seq;
        info.session = self.shared.id;
        info.skipped = std::mem::take(&mut self.skipped);
        if !self.sink.send(encode(&info, pixels)) {
            self.shared.stop.store(true, Ordering::Relaxed);
        }
    }

    /// A last message saying why the preview stopped.
    fn send_error(&mut self, message: String) {
        let info = FrameInfo {
            error: Some(message),
            ended: true,
            tracking: tracking_status(self.driver.tracking_state()),
            ..FrameInfo::default()
        };
        self.send(info, &[]);
    }
}
