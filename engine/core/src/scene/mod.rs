//! The scene: an effect's layers, their live state, triggers and script, turned into a
//! [`lantern_render::Frame`] each frame.
//!
//! One step ([`Scene::step`]):
//! 1. map this frame's tracking from camera pixels into output pixels (the camera frame is drawn
//!    with `Cover`, so props land on the face whatever the output's shape);
//! 2. run the triggers ([`triggers`]) on tracking, taps and host commands, and apply the actions
//!    they fire (show, hide, play, burst, set text; `scriptEvent` goes to the script);
//! 3. run the script ([`script`]) with the layers' current state and apply its commands;
//! 4. build the draw list ([`draw`]): the camera frame, then each layer bottom to top, then the
//!    sprites the script spawned. Interactive layers and sprites become the frame's hot-zones.
//!
//! Time is the frame index over the frames per second: the same inputs give the same frames.

mod animate;
mod assets;
mod check;
mod draw;
mod faces;
mod keys;
mod particles;
mod place;
mod script;
mod sound;
mod state;
mod triggers;

use std::collections::BTreeMap;

use effect_schema::Package;
use effect_schema::capability::Capabilities;
use effect_schema::format::{Action, Effect, Layer};
use effect_schema::hotzone::HotZone;
use effect_schema::tracking::TrackingFrame;
use lantern_render::adapt::Fit;
use lantern_render::{DrawCommand, Frame, Renderer, TextureId};
use lantern_script::{HostEvent, LogEntry, LogLevel, Transform};

pub use animate::{ClipPlay, Pose};
pub use assets::{Assets, Visual};
pub use check::check_script;
pub use draw::color;
pub use place::{Output, map_tracking};
pub use sound::SoundCue;
pub use state::{LayerState, SeqClock, SpriteState};
pub use triggers::{TriggerInput, TriggerRunner, gesture_present};

use crate::error::Result;
use crate::player::{PlayerInput, PlayerOptions};

/// Scene settings, from [`PlayerOptions`].
#[derive(Clone, Debug)]
pub struct SceneOptions {
    pub width: u32,
    pub height: u32,
    pub fps: f32,
    pub safe_area: [f32; 4],
    pub scripts: bool,
    pub seed: u64,
}

impl From<&PlayerOptions> for SceneOptions {
    fn from(o: &PlayerOptions) -> Self {
        Self {
            width: o.width,
            height: o.height,
            fps: o.fps,
            safe_area: o.safe_area,
            scripts: o.scripts,
            seed: o.seed,
        }
    }
}

/// What [`Scene::step`] produced besides the draw list.
#[derive(Clone, Debug, Default)]
pub struct StepReport {
    /// Ids of the triggers that fired this frame (the Studio's live indicator).
    pub fired: Vec<String>,
    /// Hot-zones the renderer does not compute itself (interactive text layers).
    pub extra_zones: Vec<HotZone>,
    /// Sounds started or stopped on this frame, in the order they were asked for.
    pub sounds: Vec<SoundCue>,
    /// The frame's tracking in output pixels, as triggers, the script and props saw it (ROI,
    /// overlays): mapped once, here.
    pub tracking: TrackingFrame,
}

/// One effect's live state.
pub struct Scene {
    name: String,
    effect: Effect,
    caps: Capabilities,
    options: SceneOptions,
    assets: Assets,
    states: Vec<LayerState>,
    sprites: Vec<SpriteState>,
    triggers: TriggerRunner,
    script: Option<script::ScriptHost>,
    faces: faces::FaceMemory,
    seq_fps: BTreeMap<String, f32>,
    /// The ids of the effect's `audio` assets (scripts' `lantern.audio`).
    sound_ids: Vec<String>,
    burst_serial: u64,
    notes: Vec<LogEntry>,
    report: StepReport,
}

impl Scene {
    /// Loads the package's assets onto `renderer` and prepares the layers, triggers and script.
    pub fn load(
        renderer: &mut Renderer,
        mut package: Package,
        options: &SceneOptions,
    ) -> Result<Self> {
        let assets = assets::load(&mut package, renderer)?;
        let effect = package.effect.clone();
        let mut notes = Vec::new();
        if effect
            .layers
            .iter()
            .any(|l| matches!(l, Layer::Background(_)))
        {
            notes.push(LogEntry {
                level: LogLevel::Warn,
                message: "background layers need a person mask (`EffectPlayer::set_person_mask`, from the tracker's segmentation): frames without one skip them".into(),
                location: Some("effect.json".into()),
                frame: 0,
            });
        }
        let states = initial_states(&effect);
        let output = Output {
            width: options.width,
            height: options.height,
            safe_area: options.safe_area,
        };
        let script = match (&effect.script, options.scripts) {
            (Some(id), true) => assets.script_paths.get(id).map(|entry| {
                script::ScriptHost::load(
                    assets.scripts.clone(),
                    entry.clone(),
                    options.seed,
                    script_layers(&effect, &states, &output),
                )
            }),
            _ => None,
        };
        let seq_fps = effect
            .layers
            .iter()
            .filter_map(|l| {
                let asset = match l {
                    Layer::Sticker(s) => &s.asset,
                    Layer::FaceProp(p) => &p.asset,
                    Layer::HandProp(p) => &p.asset,
                    _ => return None,
                };
                let fps = assets.visuals.get(asset)?.sequence?.fps;
                Some((l.id().to_owned(), fps))
            })
            .collect();
        Ok(Self {
            name: package.name().to_owned(),
            caps: package.capabilities(),
            states,
            triggers: TriggerRunner::new(&effect.triggers),
            sprites: Vec::new(),
            faces: faces::FaceMemory::default(),
            options: options.clone(),
            script,
            seq_fps,
            sound_ids: effect
                .assets
                .iter()
                .filter(|a| matches!(a, effect_schema::format::Asset::Audio(_)))
                .map(|a| a.id().to_owned())
                .collect(),
            burst_serial: 0,
            notes,
            report: StepReport::default(),
            effect,
            assets,
        })
    }

    /// The package's name (its path).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The effect being played.
    pub fn effect(&self) -> &Effect {
        &self.effect
    }

    /// What the effect needs from tracking.
    pub fn capabilities(&self) -> &Capabilities {
        &self.caps
    }

    /// The live state of each layer, in `effect.layers` order.
    pub fn layers(&self) -> &[LayerState] {
        &self.states
    }

    /// The live state of a layer by id.
    pub fn layer(&self, id: &str) -> Option<&LayerState> {
        self.states.iter().find(|l| l.id == id)
    }

    /// The sprites the script spawned and has not destroyed.
    pub fn sprites(&self) -> &[SpriteState] {
        &self.sprites
    }

    /// Frames per second of the effect's clock.
    pub fn fps(&self) -> f32 {
        self.options.fps
    }

    /// The last step's tracking in output pixels, taken out of the report (no copy per frame).
    pub fn take_tracking(&mut self) -> TrackingFrame {
        std::mem::take(&mut self.report.tracking)
    }

    /// What the last step did besides drawing.
    pub fn report(&self) -> &StepReport {
        &self.report
    }

    /// The script's status: `None` when the effect has no running script.
    pub fn script_status(&self) -> Option<&lantern_script::Status> {
        self.script.as_ref().and_then(script::ScriptHost::status)
    }

    /// Turns the gameplay script on or off (host control); the effect keeps rendering.
    pub fn set_script_enabled(&mut self, enabled: bool) {
        if let Some(s) = self.script.as_mut() {
            s.enabled = enabled;
        }
    }

    /// Shows or hides layer `id` from frame `index` on (host control), as a trigger's
    /// show/hide action would; an unknown id is the error, naming the layers there are.
    pub fn set_layer_visible(&mut self, id: &str, visible: bool, index: u64) -> Result<(), String> {
        let now = self.time(index);
        self.state_mut(id)?.set_visible(visible, now);
        Ok(())
    }

    /// Plays `layer`'s clip `animation` from its start on frame `index` (the Studio's Play, host
    /// control); an unknown layer or clip is the error, naming what there is.
    pub fn play_animation(
        &mut self,
        layer: &str,
        animation: &str,
        index: u64,
    ) -> Result<(), String> {
        let now = self.time(index);
        let clip = self.clip_index(layer, animation)?;
        self.state_mut(layer)?.play_clip(clip, now);
        Ok(())
    }

    /// Holds `layer`'s clip `animation` at `seconds` into it until another clip plays or
    /// [`Self::stop_animation`] (the Studio's timeline scrubbing).
    pub fn pose_animation(
        &mut self,
        layer: &str,
        animation: &str,
        seconds: f32,
    ) -> Result<(), String> {
        let clip = self.clip_index(layer, animation)?;
        self.state_mut(layer)?.clip = Some(ClipPlay {
            clip,
            start: 0.0,
            held_at: Some(seconds.max(0.0)),
        });
        Ok(())
    }

    /// Stops `layer`'s clip: the layer is back to its own values.
    pub fn stop_animation(&mut self, layer: &str) -> Result<(), String> {
        self.state_mut(layer)?.clip = None;
        Ok(())
    }

    fn clip_index(&self, layer: &str, animation: &str) -> Result<usize, String> {
        animate::find(&self.effect.animations, layer, animation).ok_or_else(|| {
            let names = animate::names(&self.effect.animations, layer);
            format!(
                "layer {layer:?} has no animation {animation:?}; its animations: {}",
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                }
            )
        })
    }

    fn state_mut(&mut self, id: &str) -> Result<&mut LayerState, String> {
        if let Some(i) = self.states.iter().position(|s| s.id == id) {
            return Ok(&mut self.states[i]);
        }
        let ids: Vec<&str> = self.states.iter().map(|s| s.id.as_str()).collect();
        Err(format!(
            "the effect {:?} has no layer {id:?}; its layers: {}",
            self.name,
            ids.join(", ")
        ))
    }

    /// Hot reload: new script sources (package path → text). The old script keeps running if the
    /// new one fails to load; the failure is in the log.
    pub fn reload_script(&mut self, sources: lantern_script::Sources, frame: u64) {
        if let Some(s) = self.script.as_mut() {
            // Handled once: the host logs the failure and keeps the old script.
            let _ = s.reload(sources, frame);
        }
    }

    /// Script log lines and the scene's own notes since the last call.
    pub fn drain_logs(&mut self) -> Vec<LogEntry> {
        let mut out = std::mem::take(&mut self.notes);
        if let Some(s) = self.script.as_mut() {
            out.extend(s.drain_logs());
        }
        out
    }

    fn time(&self, index: u64) -> f64 {
        index as f64 / f64::from(self.options.fps.max(1.0))
    }

    fn output(&self) -> Output {
        Output {
            width: self.options.width,
            height: self.options.height,
            safe_area: self.options.safe_area,
        }
    }

    /// Advances one frame and returns the draw list.
    pub fn step(
        &mut self,
        renderer: &mut Renderer,
        input: &PlayerInput<'_>,
        background: (TextureId, [u32; 2]),
        mask: Option<TextureId>,
    ) -> Result<Frame> {
        let now = self.time(input.index);
        let output = self.output();
        let tracking = match input.tracking {
            Some(t) if t.width > 0 && t.height > 0 => map_tracking(t, &output),
            _ => TrackingFrame {
                frame: input.index,
                width: output.width,
                height: output.height,
                ..TrackingFrame::default()
            },
        };
        let face_views = self.faces.update(&tracking.faces, now);
        let script_events = self.run_triggers(now, &tracking, input.events);
        self.run_script(input.index, now, &tracking, &script_events);
        for (layer, state) in self.effect.layers.iter().zip(&mut self.states) {
            if let Layer::Particles(p) = layer {
                particles::step(p, state, now, &tracking);
            }
        }
        let drawn = draw::draw(
            &draw::DrawInput {
                effect: &self.effect,
                states: &self.states,
                sprites: &self.sprites,
                assets: &self.assets,
                output,
                tracking: &tracking,
                faces: &face_views,
                now,
                seed: self.options.seed,
                mask,
            },
            renderer,
        )?;
        self.report.extra_zones = drawn.extra_zones;
        self.report.tracking = tracking;
        let mut commands = vec![DrawCommand::Background {
            texture: background.0,
            fit: Fit::Cover,
        }];
        commands.extend(drawn.commands);
        Ok(Frame {
            index: input.index,
            commands,
        })
    }

    /// Runs the triggers and applies their actions; returns the events meant for the script.
    fn run_triggers(
        &mut self,
        now: f64,
        tracking: &TrackingFrame,
        events: &[HostEvent],
    ) -> Vec<HostEvent> {
        let fired = self.triggers.step(
            &self.effect.triggers,
            &TriggerInput {
                time: now,
                tracking: Some(tracking),
                events,
            },
        );
        let mut script_events: Vec<HostEvent> = events.to_vec();
        self.report.fired.clear();
        self.report.sounds.clear();
        for i in fired {
            let trigger = &self.effect.triggers[i];
            self.report.fired.push(trigger.id.clone());
            for action in &trigger.actions {
                match action {
                    Action::ScriptEvent { name, data } => {
                        script_events.push(HostEvent::Command {
                            name: name.clone(),
                            args: data.clone(),
                        });
                        continue;
                    }
                    Action::PlaySound {
                        sound,
                        volume,
                        looping,
                    } => {
                        self.report.sounds.push(SoundCue::Play {
                            sound: sound.clone(),
                            volume: *volume,
                            looping: *looping,
                        });
                        continue;
                    }
                    Action::StopSound { sound } => {
                        self.report.sounds.push(SoundCue::Stop {
                            sound: sound.clone(),
                        });
                        continue;
                    }
                    _ => {}
                }
                let Some(state) = action
                    .layer()
                    .and_then(|id| self.states.iter_mut().find(|s| s.id == id))
                else {
                    continue;
                };
                match action {
                    Action::Show { .. } => state.set_visible(true, now),
                    Action::Hide { .. } => state.set_visible(false, now),
                    Action::Play { .. } => state.clock.play(now),
                    Action::Stop { .. } => state.clock.stop(now),
                    Action::Restart { .. } => state.clock.restart(now),
                    Action::Burst { layer, count } => {
                        let default = self.effect.layers.iter().find_map(|l| match l {
                            Layer::Particles(p) if &p.id == layer => Some(p.burst),
                            _ => None,
                        });
                        self.burst_serial += 1;
                        state.bursts.push(state::Burst {
                            start: now,
                            count: count.or(default).unwrap_or(0),
                            at: None,
                            serial: self.burst_serial,
                        });
                    }
                    Action::SetText { text, .. } => state.text = Some(text.clone()),
                    Action::Animate { layer, animation } => {
                        // An unknown clip was refused by validation.
                        if let Some(clip) = animate::find(&self.effect.animations, layer, animation)
                        {
                            state.play_clip(clip, now);
                        }
                    }
                    Action::StopAnimation { .. } => state.clip = None,
                    Action::ScriptEvent { .. }
                    | Action::PlaySound { .. }
                    | Action::StopSound { .. } => {}
                }
            }
        }
        script_events
    }

    fn run_script(&mut self, index: u64, now: f64, tracking: &TrackingFrame, events: &[HostEvent]) {
        let output = self.output();
        let Some(host) = self.script.as_mut() else {
            return;
        };
        let mut layers: Vec<lantern_script::LayerState> = self
            .effect
            .layers
            .iter()
            .zip(&self.states)
            .map(|(l, s)| script::script_layer(l, s, base_transform(l, &output)))
            .collect();
        layers.extend(self.sprites.iter().map(script::script_sprite));
        let frame = script::ScriptFrame {
            frame: index,
            dt: 1.0 / f64::from(self.options.fps.max(1.0)),
            time: now,
            tracking,
            events,
        };
        let commands = host.run(&frame, &layers);
        let refused = script::apply(
            commands,
            &mut script::Targets {
                layers: &mut self.states,
                sprites: &mut self.sprites,
                assets: &self.assets,
                now,
                burst_serial: &mut self.burst_serial,
                max_sprites: 10_000,
                seq_fps: &self.seq_fps,
                animations: &self.effect.animations,
                sounds: &self.sound_ids,
                cues: &mut self.report.sounds,
            },
        );
        for message in refused {
            if self.notes.len() < 1000 {
                self.notes.push(LogEntry {
                    level: LogLevel::Warn,
                    message,
                    location: None,
                    frame: index,
                });
            }
        }
    }
}

/// Each layer's state at start: visible layers with an autoplay clip play it from 0.
fn initial_states(effect: &Effect) -> Vec<LayerState> {
    effect
        .layers
        .iter()
        .map(|layer| {
            let mut state = LayerState::new(layer);
            state.autoplay = animate::autoplay(&effect.animations, layer.id());
            if let (true, Some(clip)) = (state.visible, state.autoplay) {
                state.play_clip(clip, 0.0);
            }
            state
        })
        .collect()
}

/// The layers as the script's top-level code sees them when the effect loads.
fn script_layers(
    effect: &Effect,
    states: &[LayerState],
    output: &Output,
) -> Vec<lantern_script::LayerState> {
    effect
        .layers
        .iter()
        .zip(states)
        .map(|(l, s)| script::script_layer(l, s, base_transform(l, output)))
        .collect()
}

fn base_transform(layer: &Layer, output: &Output) -> Transform {
    let placement = match layer {
        Layer::Sticker(s) => Some(&s.placement),
        Layer::Text(t) => Some(&t.placement),
        Layer::Particles(p) => Some(&p.placement),
        _ => None,
    };
    placement.map_or_else(Transform::default, |p| {
        let t = output.place(p, 0.0);
        Transform {
            x: t.position.x,
            y: t.position.y,
            rotation: t.rotation,
            ..Transform::default()
        }
    })
}
