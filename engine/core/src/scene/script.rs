//! The effect's script, hosted: builds the script's view of the scene each frame, runs it under
//! its sandbox limits, and applies the [`SceneCommand`]s it recorded to the scene's state.
//!
//! A script that fails to load (syntax error, missing module) does not stop the effect: the
//! scene renders without it and reports the error in its log; a hot reload may fix it later.

use effect_schema::format::{Animation, Layer};
use effect_schema::tracking::{Point2, TrackingFrame};
use lantern_script::{
    FrameInput, HostEvent, LayerState as ScriptLayer, LogEntry, LogLevel, SceneCommand,
    ScriptConfig, ScriptRuntime, Sources, Transform,
};

use super::animate;
use super::assets::Assets;
use super::sound::SoundCue;
use super::state::{Burst, LayerState, SeqClock, SpriteState};

/// The script of one effect, or why it is not running.
pub struct ScriptHost {
    runtime: Option<ScriptRuntime>,
    entry: String,
    sources: Sources,
    config: ScriptConfig,
    /// Reports of our own (load failures, refused commands), merged into the log.
    notes: Vec<LogEntry>,
    /// The scene's layers when the effect loaded, visible to the script's top-level code.
    layers: Vec<ScriptLayer>,
    pub enabled: bool,
}

/// What a frame's script run changes besides layer state.
pub struct ScriptFrame<'a> {
    pub frame: u64,
    pub dt: f64,
    pub time: f64,
    pub tracking: &'a TrackingFrame,
    pub events: &'a [HostEvent],
}

impl ScriptHost {
    /// Loads `entry` from the package's script files. A load failure is kept as a log note.
    pub fn load(sources: Sources, entry: String, seed: u64, layers: Vec<ScriptLayer>) -> Self {
        let config = ScriptConfig {
            seed,
            ..ScriptConfig::default()
        };
        let mut host = Self {
            runtime: None,
            entry,
            sources,
            config,
            notes: Vec::new(),
            layers,
            enabled: true,
        };
        host.start(0);
        host
    }

    fn start(&mut self, frame: u64) {
        let loaded = ScriptRuntime::with_layers(
            self.sources.clone(),
            self.entry.clone(),
            self.config.clone(),
            &self.layers,
        );
        match loaded {
            Ok(rt) => self.runtime = Some(rt),
            Err(e) => {
                self.runtime = None;
                self.note(
                    LogLevel::Error,
                    format!("the script did not load: {e}"),
                    frame,
                );
            }
        }
    }

    fn note(&mut self, level: LogLevel, message: String, frame: u64) {
        if self.notes.len() < 1000 {
            self.notes.push(LogEntry {
                level,
                message,
                location: Some(self.entry.clone()),
                frame,
            });
        }
    }

    /// Replaces the script's sources (hot reload). The old script keeps running if the new one
    /// does not load; the error is returned, and logged by the runtime.
    pub fn reload(
        &mut self,
        sources: Sources,
        frame: u64,
    ) -> Result<(), lantern_script::LoadError> {
        self.sources = sources;
        let Some(rt) = self.runtime.as_mut() else {
            self.start(frame);
            return Ok(());
        };
        // The runtime logs a failure itself (once, in order with the script's own lines).
        rt.reload(self.sources.clone())
    }

    /// The runtime's status, or `None` when the script is not loaded.
    pub fn status(&self) -> Option<&lantern_script::Status> {
        self.runtime.as_ref().map(ScriptRuntime::status)
    }

    /// Script output and our own notes since the last call.
    pub fn drain_logs(&mut self) -> Vec<LogEntry> {
        let mut out = std::mem::take(&mut self.notes);
        if let Some(rt) = self.runtime.as_mut() {
            out.extend(rt.drain_logs());
        }
        out
    }

    /// Runs one frame; returns the commands to apply.
    pub fn run(&mut self, f: &ScriptFrame<'_>, layers: &[ScriptLayer]) -> Vec<SceneCommand> {
        if !self.enabled {
            return Vec::new();
        }
        let Some(rt) = self.runtime.as_mut() else {
            return Vec::new();
        };
        let input = FrameInput {
            frame: f.frame,
            dt: f.dt,
            time: f.time,
            tracking: Some(f.tracking),
            layers,
            events: f.events,
        };
        rt.frame(&input).commands
    }
}

/// The script's view of a layer.
pub fn script_layer(layer: &Layer, state: &LayerState, base: Transform) -> ScriptLayer {
    ScriptLayer {
        id: state.id.clone(),
        transform: state.transform.unwrap_or(base),
        opacity: state.opacity,
        visible: state.visible,
        text: state.text.clone(),
        hot_zone: match &state.hot_zone {
            Some(set) => set.clone(),
            None => layer.hot_zone().map(|h| lantern_script::HotZoneSpec {
                kind: h.kind.clone(),
                payload: h.payload.clone(),
            }),
        },
    }
}

/// The script's view of a spawned sprite.
pub fn script_sprite(s: &SpriteState) -> ScriptLayer {
    ScriptLayer {
        id: s.id.clone(),
        transform: s.transform,
        opacity: s.opacity,
        visible: s.visible,
        text: None,
        hot_zone: s.hot_zone.clone(),
    }
}

/// The scene state a command changes.
pub struct Targets<'a> {
    pub layers: &'a mut [LayerState],
    pub sprites: &'a mut Vec<SpriteState>,
    pub assets: &'a Assets,
    pub now: f64,
    pub burst_serial: &'a mut u64,
    pub max_sprites: usize,
    /// Frames per second of each layer's sequence, by layer id (for seeks by frame).
    pub seq_fps: &'a std::collections::BTreeMap<String, f32>,
    /// The effect's keyframe clips (`layer.animate`).
    pub animations: &'a [Animation],
    /// The ids of the effect's `audio` assets.
    pub sounds: &'a [String],
    /// Sounds started and stopped this frame (the step's report).
    pub cues: &'a mut Vec<SoundCue>,
}

/// Applies the script's commands in order. Returns notes about refused commands.
pub fn apply(commands: Vec<SceneCommand>, t: &mut Targets<'_>) -> Vec<String> {
    let mut notes = Vec::new();
    for command in commands {
        match command {
            SceneCommand::SpawnSprite {
                asset,
                id,
                transform,
                hot_zone,
            } => {
                if !t.assets.visuals.contains_key(&asset) {
                    notes.push(format!(
                        "spawnSprite('{asset}', '{id}'): no image or sequence asset `{asset}` in the package"
                    ));
                } else if t.sprites.len() >= t.max_sprites {
                    notes.push(format!("spawnSprite('{id}'): too many sprites alive"));
                } else {
                    t.sprites.retain(|s| s.id != id);
                    t.sprites.push(SpriteState {
                        id,
                        asset,
                        transform,
                        opacity: 1.0,
                        visible: true,
                        hot_zone,
                        clock: SeqClock::default(),
                    });
                }
            }
            SceneCommand::DestroySprite { id } => t.sprites.retain(|s| s.id != id),
            SceneCommand::PlaySound {
                id,
                volume,
                looping,
            } => match sound(t, &id, "play") {
                Ok(()) => t.cues.push(SoundCue::Play {
                    sound: id,
                    volume,
                    looping,
                }),
                Err(note) => notes.push(note),
            },
            SceneCommand::StopSound { id } => match sound(t, &id, "stop") {
                Ok(()) => t.cues.push(SoundCue::Stop { sound: id }),
                Err(note) => notes.push(note),
            },
            SceneCommand::PlayAnimation { id, animation } => {
                let clip = animate::find(t.animations, &id, &animation);
                match (clip, t.layers.iter_mut().find(|l| l.id == id)) {
                    (Some(clip), Some(layer)) => layer.play_clip(clip, t.now),
                    _ => notes.push(format!(
                        "getLayer('{id}').animate('{animation}'): layer '{id}' has no animation '{animation}'; its animations: {}",
                        animate::names(t.animations, &id).join(", ")
                    )),
                }
            }
            other => apply_one(other, t),
        }
    }
    notes
}

fn apply_one(command: SceneCommand, t: &mut Targets<'_>) {
    let now = t.now;
    let fps = f64::from(
        t.seq_fps
            .get(command.target())
            .copied()
            .unwrap_or(30.0)
            .max(0.001),
    );
    if let Some(s) = t.sprites.iter_mut().find(|s| s.id == command.target()) {
        match command {
            SceneCommand::SetTransform { transform, .. } => s.transform = transform,
            SceneCommand::SetOpacity { opacity, .. } => s.opacity = opacity.clamp(0.0, 1.0),
            SceneCommand::SetVisible { visible, .. } => s.visible = visible,
            SceneCommand::SetHotZone { hot_zone, .. } => s.hot_zone = hot_zone,
            SceneCommand::PlaySequence { .. } => s.clock.play(now),
            SceneCommand::StopSequence { .. } => s.clock.stop(now),
            _ => {}
        }
        return;
    }
    let Some(l) = t.layers.iter_mut().find(|l| l.id == command.target()) else {
        return;
    };
    match command {
        SceneCommand::SetTransform { transform, .. } => l.transform = Some(transform),
        SceneCommand::SetOpacity { opacity, .. } => l.opacity = opacity.clamp(0.0, 1.0),
        SceneCommand::SetVisible { visible, .. } => l.set_visible(visible, now),
        SceneCommand::SetText { text, .. } => l.text = Some(text),
        SceneCommand::SetHotZone { hot_zone, .. } => l.hot_zone = Some(hot_zone),
        SceneCommand::PlaySequence { from_frame, .. } => {
            if let Some(f) = from_frame {
                l.clock.seek(f64::from(f) / fps, now);
            }
            l.clock.play(now);
        }
        SceneCommand::StopSequence { .. } => l.clock.stop(now),
        SceneCommand::SeekSequence { frame, .. } => l.clock.seek(f64::from(frame) / fps, now),
        SceneCommand::BurstParticles { count, at, .. } => {
            *t.burst_serial += 1;
            l.bursts.push(Burst {
                start: now,
                count,
                at: at.map(|(x, y)| Point2 { x, y }),
                serial: *t.burst_serial,
            });
        }
        SceneCommand::StopAnimation { .. } => l.clip = None,
        SceneCommand::SpawnSprite { .. }
        | SceneCommand::DestroySprite { .. }
        | SceneCommand::PlayAnimation { .. }
        | SceneCommand::PlaySound { .. }
        | SceneCommand::StopSound { .. } => {}
    }
}

/// Whether `id` is one of the effect's audio assets (a note for `lantern.audio.<verb>` if not).
fn sound(t: &Targets<'_>, id: &str, verb: &str) -> Result<(), String> {
    if t.sounds.iter().any(|s| s == id) {
        return Ok(());
    }
    Err(format!(
        "lantern.audio.{verb}('{id}'): no audio asset '{id}' in the package; its sounds: {}",
        if t.sounds.is_empty() {
            "none".to_owned()
        } else {
            t.sounds.join(", ")
        }
    ))
}
