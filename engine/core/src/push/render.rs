//! The render stage (thread `render`): tracking → scene (triggers, script) → GPU composite →
//! NV12 on the GPU → the encode queue.
//!
//! The [`EffectPlayer`] (wgpu + QuickJS, not `Send`) is created on this thread. With live
//! tracking the stage runs one frame behind capture: it submits frame `n` to the tracker, then
//! renders frame `n-1` with its tracking (waiting at most `track_budget` for it, else reusing the
//! newest result). With a tape or without tracking it renders each frame at once. Host controls
//! (gameplay on/off, commands, taps) are applied between frames. The face boxes of each frame,
//! in output pixels, go with it to the encoder as ROI rectangles.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use effect_schema::format::Effect;
use effect_schema::hotzone::HotZone;
use effect_schema::tracking::{Rect, TrackingFrame};
use effect_schema::{Limits, Package};
use lantern_render::PixelFormat;
use lantern_script::{HostEvent, LogLevel};

use super::Shared;
use super::capture::Captured;
use super::config::{PushConfig, TrackingSpec};
use super::control::{Control, Preview, PreviewSlot, nv12_preview, store_preview};
use super::error::PushError;
use super::queue::Pop;
use super::stats::Stage;
use super::track::Tracking;
use crate::player::{CameraFrame, EffectPlayer, PlayerInput, PlayerOptions};
use crate::scene::{Output, map_tracking};
use crate::tape::Tape;

/// A rendered frame on its way to the encoder.
#[derive(Debug)]
pub struct Rendered {
    pub pts_ms: i64,
    /// NV12, tightly packed, output size.
    pub nv12: Vec<u8>,
    pub zones: Vec<HotZone>,
    /// Face boxes in output pixels (ROI), empty when ROI is off.
    pub faces: Vec<Rect>,
    /// When capture's tick was due.
    pub due: Instant,
}

/// What the render stage found out while starting.
#[derive(Clone, Copy, Debug)]
pub struct RenderInfo {
    /// The effect tracks faces (ROI defaults to on).
    pub tracks_faces: bool,
    /// Live models run.
    pub live_tracking: bool,
}

/// The render stage's state.
pub struct Renderer {
    player: EffectPlayer,
    tracking: Option<Tracking>,
    tape: Option<Tape>,
    controls: Receiver<Control>,
    preview: Option<PreviewSlot>,
    roi: bool,
    gameplay: bool,
    output: Output,
    track_budget: Duration,
}

/// The package to play: the effect (with the config's document over its files, if any), or an
/// effect with no layers (the plain camera).
fn open_package(cfg: &PushConfig) -> Result<Package, PushError> {
    Ok(match (&cfg.effect, &cfg.document) {
        (Some(path), Some(effect)) => {
            Package::open_dir_with_effect(path, effect, &Limits::default())?
        }
        (Some(path), None) => Package::open(path)?,
        (None, _) => Package::from_effect(&plain_camera(), "plain camera")?,
    })
}

fn plain_camera() -> Effect {
    let mut effect = Effect::empty("Plain camera");
    effect.meta.author = "Lantern".to_owned();
    effect
}

impl Renderer {
    /// Opens the package, loads it onto a renderer and starts the tracker it needs.
    pub fn start(
        cfg: &PushConfig,
        shared: &Shared,
        controls: Receiver<Control>,
        preview: Option<PreviewSlot>,
    ) -> Result<(Self, RenderInfo), PushError> {
        let package = open_package(cfg)?;
        let options = PlayerOptions {
            width: cfg.width,
            height: cfg.height,
            fps: cfg.fps as f32,
            ..PlayerOptions::default()
        };
        let mut player = EffectPlayer::new(package, &options)?;
        player.scene_mut().set_script_enabled(cfg.gameplay);
        let caps = player.capabilities().clone();
        let tracks_faces = caps.face || caps.face_mesh || caps.script;
        let (tracking, tape) = match &cfg.tracking {
            TrackingSpec::Off => (None, None),
            TrackingSpec::Tape(path) => (None, Some(Tape::read(path)?)),
            TrackingSpec::Models => match player.tracker_config() {
                Some(tc) => (
                    Some(Tracking::start(tc, cfg.fps, Arc::clone(&shared.stats))?),
                    None,
                ),
                None => (None, None),
            },
        };
        let info = RenderInfo {
            tracks_faces,
            live_tracking: tracking.is_some(),
        };
        let renderer = Self {
            player,
            tracking,
            tape,
            controls,
            preview,
            roi: cfg.roi.unwrap_or(tracks_faces),
            gameplay: cfg.gameplay,
            output: Output {
                width: cfg.width,
                height: cfg.height,
                safe_area: options.safe_area,
            },
            track_budget: Duration::from_secs_f64(0.5 / f64::from(cfg.fps.max(1))),
        };
        Ok((renderer, info))
    }

    /// Renders until the capture queue closes or the encode stage goes away.
    pub fn run(mut self, shared: &Shared) -> Result<(), PushError> {
        let mut pending: Option<Captured> = None;
        loop {
            let frame = match shared.to_render.pop(Duration::from_millis(200)) {
                Pop::Item(f) => f,
                Pop::Empty => continue,
                Pop::Closed => break,
            };
            let Some(tracking) = self.tracking.as_ref() else {
                if !self.render(&frame, shared)? {
                    return Ok(());
                }
                continue;
            };
            if !tracking.submit(
                frame.index,
                frame.pts_ms as f64 / 1000.0,
                Arc::clone(&frame.frame),
            ) {
                shared
                    .stats
                    .counters
                    .track_skipped
                    .fetch_add(1, Ordering::Relaxed);
            }
            if let Some(previous) = pending.replace(frame)
                && !self.render(&previous, shared)?
            {
                return Ok(());
            }
        }
        if let Some(last) = pending {
            self.render(&last, shared)?;
        }
        Ok(())
    }

    /// Renders one frame and queues it; `false` when the encoder has stopped.
    fn render(&mut self, frame: &Captured, shared: &Shared) -> Result<bool, PushError> {
        let t0 = Instant::now();
        let tracking: Option<Arc<TrackingFrame>> = if let Some(t) = self.tracking.as_mut() {
            let found = t.result_for(frame.index, self.track_budget);
            shared.stats.time(Stage::TrackWait, t0.elapsed());
            if let Some(mask) = t.mask() {
                self.player
                    .set_shared_person_mask(&mask)
                    .map_err(|e| PushError::stage("render", e.to_string()))?;
            }
            found
        } else {
            self.tape
                .as_ref()
                .and_then(|tape| tape.at(frame.index))
                .map(|t| Arc::new(t.clone()))
        };
        let events = self.drain_controls();
        let t1 = Instant::now();
        let camera = CameraFrame {
            width: frame.frame.width,
            height: frame.frame.height,
            rgba: &frame.frame.data,
        };
        let data = self.player.frame(
            &PlayerInput {
                index: frame.index,
                camera,
                tracking: tracking.as_deref(),
                events: &events,
            },
            PixelFormat::Nv12,
        )?;
        shared.stats.time(Stage::Render, t1.elapsed());
        self.forward_logs();
        let mapped = tracking
            .as_deref()
            .filter(|t| t.width > 0 && t.height > 0)
            .map(|t| map_tracking(t, &self.output));
        let faces: Vec<Rect> = if self.roi {
            mapped
                .iter()
                .flat_map(|t| t.faces.iter().map(|f| f.bbox))
                .collect()
        } else {
            Vec::new()
        };
        if let Some(slot) = &self.preview {
            let (width, height, rgba) = nv12_preview(&data.bytes, data.width, data.height, 640);
            store_preview(
                slot,
                Preview {
                    index: frame.index,
                    pts_ms: frame.pts_ms,
                    width,
                    height,
                    rgba,
                    output: [data.width, data.height],
                    zones: data.hotzones.clone(),
                    tracking: mapped,
                    gameplay: self.gameplay,
                },
            );
        }
        shared
            .stats
            .counters
            .rendered
            .fetch_add(1, Ordering::Relaxed);
        Ok(shared.to_encode.push(Rendered {
            pts_ms: frame.pts_ms,
            nv12: data.bytes,
            zones: data.hotzones,
            faces,
            due: frame.due,
        }))
    }

    fn drain_controls(&mut self) -> Vec<HostEvent> {
        let mut events = Vec::new();
        while let Ok(c) = self.controls.try_recv() {
            match c {
                Control::Gameplay(on) => {
                    tracing::info!("gameplay {}", if on { "on" } else { "off" });
                    self.gameplay = on;
                    self.player.scene_mut().set_script_enabled(on);
                }
                Control::Event(e) => events.push(e),
            }
        }
        events
    }

    /// The script's console and the scene's notes, into the log.
    fn forward_logs(&mut self) {
        for entry in self.player.drain_logs() {
            let at = entry.location.as_deref().unwrap_or("effect");
            match entry.level {
                LogLevel::Error => tracing::error!("{at}: {}", entry.message),
                LogLevel::Warn => tracing::warn!("{at}: {}", entry.message),
                LogLevel::Info => tracing::info!("{at}: {}", entry.message),
                LogLevel::Debug => tracing::debug!("{at}: {}", entry.message),
            }
        }
    }
}
