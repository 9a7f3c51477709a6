//! The render stage (thread `render`): tracking → scene (triggers, script) → GPU composite →
//! NV12 on the GPU → the encode queue.
//!
//! The push's pacing of the [`Driver`] (wgpu + QuickJS, not `Send`: created on this thread). With
//! live tracking each frame goes to the tracker as it arrives and is rendered with its own
//! result: at once when tracking and rendering fit in a frame period, else one frame behind
//! capture ([`Pace`]); a result that is late is replaced by the newest, and frames the busy
//! tracker refused are counted. With a tape or without tracking it renders each frame at once.
//! Each frame's sound cues, and each effect switch with the new effect's decoded sounds, go to
//! the encoder on their own queue (`sound.rs`), tagged with the frame's index.
//! Host controls (gameplay on/off, commands, taps) are applied between frames. The face boxes
//! of each frame, in output pixels, go with it to the encoder as ROI rectangles.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use effect_schema::format::Effect;
use effect_schema::hotzone::HotZone;
use effect_schema::tracking::Rect;
use effect_schema::{Limits, Package};
use lantern_render::PixelFormat;
use lantern_script::{HostEvent, LogLevel};

use super::Shared;
use super::capture::Captured;
use super::config::PushConfig;
use super::control::{
    Control, Preview, PreviewSlot, Switched, answer, nv12_preview, rgba_preview, store_preview,
};
use super::error::PushError;
use super::notices::{Notice, Notices};
use super::pace::Pace;
use super::playing::{Playing, command_names};
use super::queue::Pop;
use super::sound::{SoundMsg, SoundSender};
use super::stats::Stage;
use crate::audio::SoundBank;
use crate::driver::{Driver, DriverOptions, Wait, WarmEffect, Warmer};
use crate::player::PlayerOptions;

/// A rendered frame on its way to the encoder.
#[derive(Debug)]
pub struct Rendered {
    pub pts_ms: i64,
    /// The frame at the output size, tightly packed: RGBA or NV12 (see [`readback_format`]).
    pub pixels: Vec<u8>,
    pub format: PixelFormat,
    pub zones: Vec<HotZone>,
    /// Face boxes in output pixels (ROI), empty when ROI is off.
    pub faces: Vec<Rect>,
    /// When capture's tick was due.
    pub due: Instant,
}

/// What the render stage found out while starting.
#[derive(Clone, Debug)]
pub struct RenderInfo {
    /// The effect tracks faces (ROI defaults to on).
    pub tracks_faces: bool,
    /// Live models run.
    pub live_tracking: bool,
    /// Gets effects ready for a switch away from this stage.
    pub warmer: Warmer,
}

/// The render stage's state.
pub struct Renderer {
    driver: Driver,
    controls: Receiver<Control>,
    /// The effect's sound cues and switches, to the encoder.
    sound: SoundSender,
    preview: Option<PreviewSlot>,
    roi: bool,
    gameplay: bool,
    track_budget: Duration,
    pace: Pace,
    /// What the renderer reads back for the encoder.
    format: PixelFormat,
}

/// What the render stage reads back: on a software rasteriser RGBA, which the encoder's swscale
/// turns into YUV (SIMD, on the encode thread) for less CPU than the two NV12 passes cost there;
/// on a GPU NV12 (converted by the GPU, 1.5 bytes per pixel to copy). `LANTERN_READBACK=rgba` or
/// `nv12` chooses (to compare them).
pub fn readback_format(software: bool) -> PixelFormat {
    let chosen = std::env::var("LANTERN_READBACK");
    match chosen.as_deref() {
        Ok("rgba") => return PixelFormat::Rgba,
        Ok("nv12") => return PixelFormat::Nv12,
        Ok(other) => tracing::warn!(
            "LANTERN_READBACK={other:?} is neither rgba nor nv12: ignored (the default for this device is used)"
        ),
        Err(_) => {}
    }
    if software {
        PixelFormat::Rgba
    } else {
        PixelFormat::Nv12
    }
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
    "Lantern".clone_into(&mut effect.meta.author);
    effect
}

impl Renderer {
    /// Opens the package, loads it onto a renderer and starts the tracker it needs.
    pub fn start(
        cfg: &PushConfig,
        shared: &Shared,
        (controls, mut sound): (Receiver<Control>, SoundSender),
        preview: Option<PreviewSlot>,
    ) -> Result<(Self, RenderInfo), PushError> {
        let mut package = open_package(cfg)?;
        // A script that does not load would go live as a broken game: refuse, saying where.
        crate::scene::check_script(&mut package, Some((cfg.width, cfg.height)))?;
        // Sounds that do not decode (or are over budget) too: decoded once, before going live.
        let bank = Arc::new(SoundBank::load(&mut package)?);
        sound.send(SoundMsg::Switch { index: 0, bank });
        shared.playing.set(Playing {
            name: package.effect.meta.name.clone(),
            path: cfg.effect.clone(),
            commands: command_names(&package.effect),
        });
        let player = PlayerOptions {
            width: cfg.width,
            height: cfg.height,
            fps: cfg.fps as f32,
            ..PlayerOptions::default()
        };
        let mut options = DriverOptions::new(player, cfg.tracking.clone(), false);
        // One thread: on a 2-core machine the render stage (llvmpipe) needs the other core, and
        // faces and hands side by side starve it (26.8 vs 28+ fps out in `lantern bench push`).
        options.live.parallel = false;
        let stats = Arc::clone(&shared.stats);
        let pace = Pace::new(cfg.fps);
        let track_sink = pace.track_sink();
        options.live.on_tracked = Some(Arc::new(move |took| {
            stats.time(Stage::Track, took);
            let us = u32::try_from(took.as_micros()).unwrap_or(u32::MAX);
            track_sink.store(us, Ordering::Relaxed);
        }));
        let mut driver = Driver::new(package, options)?;
        driver
            .player_mut()
            .scene_mut()
            .set_script_enabled(cfg.gameplay);
        let caps = driver.player().capabilities();
        let tracks_faces = caps.face || caps.face_mesh || caps.script;
        let info = RenderInfo {
            tracks_faces,
            live_tracking: driver.tracks_live(),
            warmer: driver.warmer(),
        };
        let gpu_is_software = driver.player().gpu().is_software();
        let renderer = Self {
            driver,
            controls,
            sound,
            preview,
            roi: cfg.roi.unwrap_or(tracks_faces),
            gameplay: cfg.gameplay,
            track_budget: Duration::from_secs_f64(0.5 / f64::from(cfg.fps.max(1))),
            pace,
            format: readback_format(gpu_is_software),
        };
        Ok((renderer, info))
    }

    /// Renders until the capture queue closes or the encode stage goes away. With live
    /// tracking each frame is offered to the tracker as it arrives, then rendered at once
    /// (waiting for its result as long as the period allows) or, when the tracker is too slow
    /// for that, one frame behind, when it has had a whole period to be tracked.
    pub fn run(mut self, shared: &Shared) -> Result<(), PushError> {
        let ahead = self.driver.tracks_live();
        let mut pending: Option<Captured> = None;
        loop {
            let captured = match shared.to_render.pop(Duration::from_millis(200)) {
                Pop::Item(f) => f,
                Pop::Empty => continue,
                Pop::Closed => break,
            };
            if !ahead {
                if !self.render(&captured, shared)? {
                    return Ok(());
                }
                continue;
            }
            if !self.driver.offer(&captured.frame) {
                shared
                    .stats
                    .counters
                    .track_skipped
                    .fetch_add(1, Ordering::Relaxed);
            }
            if let Some(previous) = pending.take()
                && !self.render(&previous, shared)?
            {
                return Ok(());
            }
            if !self.pace.same_frame() {
                pending = Some(captured);
            } else if !self.render(&captured, shared)? {
                return Ok(());
            }
        }
        if let Some(last) = pending {
            self.render(&last, shared)?;
        }
        Ok(())
    }

    /// Renders one frame and queues it; `false` when the encoder has stopped.
    fn render(&mut self, captured: &Captured, shared: &Shared) -> Result<bool, PushError> {
        let events = self.drain_controls(captured, shared);
        let t0 = Instant::now();
        let budget = if self.pace.same_frame() {
            self.pace.wait()
        } else {
            self.track_budget
        };
        let out = self
            .driver
            .frame(&captured.frame, &events, Wait::Budget(budget), self.format)?;
        let took = t0.elapsed().saturating_sub(out.track_wait);
        if self.driver.tracks_live() {
            shared.stats.time(Stage::TrackWait, out.track_wait);
            self.pace.rendered(took);
        }
        shared.stats.time(Stage::Render, took);
        self.forward_logs(captured.frame.index, &shared.notices);
        let cues = &self.driver.player().scene().report().sounds;
        if !cues.is_empty() {
            self.sound.send(SoundMsg::Cues {
                index: captured.frame.index,
                cues: cues.clone(),
            });
        }
        for trigger in &self.driver.player().scene().report().fired {
            shared.notices.push(Notice::Fired {
                frame: captured.frame.index,
                trigger: trigger.clone(),
            });
        }
        let faces: Vec<Rect> = if self.roi {
            out.tracking.faces.iter().map(|f| f.bbox).collect()
        } else {
            Vec::new()
        };
        let data = out.data;
        if let Some(slot) = &self.preview {
            let (width, height, rgba) = match data.format {
                PixelFormat::Nv12 => nv12_preview(&data.bytes, data.width, data.height, 640),
                PixelFormat::Rgba => rgba_preview(&data.bytes, data.width, data.height, 640),
            };
            store_preview(
                slot,
                Preview {
                    index: captured.frame.index,
                    pts_ms: captured.pts_ms,
                    width,
                    height,
                    rgba,
                    output: [data.width, data.height],
                    zones: data.hotzones.clone(),
                    tracking: self.driver.tracks().then_some(out.tracking),
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
            pts_ms: captured.pts_ms,
            pixels: data.bytes,
            format: data.format,
            zones: data.hotzones,
            faces,
            due: captured.due,
        }))
    }

    /// Applies the host's controls before `captured` renders; returns the events for it.
    fn drain_controls(&mut self, captured: &Captured, shared: &Shared) -> Vec<HostEvent> {
        let mut events = Vec::new();
        while let Ok(c) = self.controls.try_recv() {
            match c {
                Control::Gameplay(on) => {
                    tracing::info!("gameplay {}", if on { "on" } else { "off" });
                    self.gameplay = on;
                    self.driver.player_mut().scene_mut().set_script_enabled(on);
                }
                Control::Event(e) => events.push(e),
                Control::Effect {
                    effect,
                    path,
                    reply,
                } => {
                    let outcome = self.switch(*effect, path, captured);
                    match &outcome {
                        Ok(switched) => {
                            shared.playing.set(Playing {
                                name: switched.name.clone(),
                                path: switched.path.clone(),
                                commands: switched.commands.clone(),
                            });
                            shared.notices.push(Notice::Switched(switched.clone()));
                        }
                        Err(why) => tracing::error!("{why}"),
                    }
                    answer(reply, outcome);
                }
                Control::Layer { id, visible, reply } => {
                    let outcome = self.driver.player_mut().scene_mut().set_layer_visible(
                        &id,
                        visible,
                        captured.frame.index,
                    );
                    if outcome.is_ok() {
                        tracing::info!("layer {id:?} {}", if visible { "shown" } else { "hidden" });
                    }
                    answer(reply, outcome);
                }
            }
        }
        events
    }

    /// Swaps `effect` in before `captured` renders; the running one goes on if it cannot start.
    fn switch(
        &mut self,
        mut effect: WarmEffect,
        path: Option<PathBuf>,
        captured: &Captured,
    ) -> Result<Switched, String> {
        let name = effect.package().effect.meta.name.clone();
        let commands = command_names(&effect.package().effect);
        let models_loaded = effect.has_tracker();
        let t0 = Instant::now();
        let failed = |e: &dyn std::fmt::Display| {
            format!("the effect {name:?} did not start, the running one goes on: {e}")
        };
        // Decoded while warming; a cold effect's sounds are decoded here.
        let bank = match effect.take_sound() {
            Some(bank) => bank,
            None => Arc::new(SoundBank::load(&mut effect.package).map_err(|e| failed(&e))?),
        };
        self.driver.replace_effect(effect).map_err(|e| failed(&e))?;
        self.sound.send(SoundMsg::Switch {
            index: captured.frame.index,
            bank,
        });
        // The new player starts with its script on; the host's choice stays.
        let on = self.gameplay;
        self.driver.player_mut().scene_mut().set_script_enabled(on);
        let swap_ms = t0.elapsed().as_secs_f64() * 1000.0;
        tracing::info!(
            "effect switched to {name:?} from frame {} (the swap took {swap_ms:.1} ms)",
            captured.frame.index
        );
        Ok(Switched {
            name,
            path,
            frame: captured.frame.index,
            pts_ms: captured.pts_ms,
            swap_ms,
            models_loaded,
            commands,
        })
    }

    /// The script's console and the scene's notes, into the log and the notices.
    fn forward_logs(&mut self, frame: u64, notices: &Notices) {
        for entry in self.driver.player_mut().drain_logs() {
            let at = entry.location.as_deref().unwrap_or("effect");
            let level = match entry.level {
                LogLevel::Error => {
                    tracing::error!("{at}: {}", entry.message);
                    "error"
                }
                LogLevel::Warn => {
                    tracing::warn!("{at}: {}", entry.message);
                    "warn"
                }
                LogLevel::Info => {
                    tracing::info!("{at}: {}", entry.message);
                    "info"
                }
                LogLevel::Debug => {
                    tracing::debug!("{at}: {}", entry.message);
                    "debug"
                }
            };
            notices.push(Notice::Console {
                frame,
                level,
                message: entry.message,
                location: entry.location,
            });
        }
    }
}
