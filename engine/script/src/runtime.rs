//! [`ScriptRuntime`]: the per-effect script host — frame dispatch, pause on timeout, reload.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::rc::Rc;

use effect_schema::tracking::TrackingFrame;
use effect_schema::vocab::FaceEventKind;

use crate::commands::SceneCommand;
use crate::config::ScriptConfig;
use crate::cputime;
use crate::engine::Engine;
use crate::error::{ErrorKind, LoadError, ScriptError};
use crate::loader::Sources;
use crate::log::{LogEntry, LogLevel, LogSink};
use crate::snapshot::{FrameInput, HostEvent, LayerState};
use crate::state::HostState;

/// Whether the script runs.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Running,
    /// Stopped by the time budget; the host keeps rendering without script changes until
    /// [`ScriptRuntime::resume`] or a successful [`ScriptRuntime::reload`].
    Paused {
        reason: ScriptError,
    },
    /// [`ScriptRuntime::stop`] was called.
    Stopped,
}

/// What one frame of the script produced.
#[derive(Debug, Default)]
pub struct FrameOutcome {
    /// Scene changes to apply, in order.
    pub commands: Vec<SceneCommand>,
    /// Failures during this frame (also written to the log at error level).
    pub errors: Vec<ScriptError>,
    /// The thread CPU time the script's handlers took this frame: what the frame budget counts.
    pub cpu: std::time::Duration,
}

/// The names the runtime really registers (read back from the JS side), for the drift test.
#[derive(Debug, serde::Deserialize)]
pub struct ApiSurface {
    /// Own properties of the global `lantern` object.
    pub lantern: Vec<String>,
    /// Properties of a `Layer` handle (prototype accessors and methods, plus `id`).
    pub layer: Vec<String>,
    /// Event names `lantern.on` accepts.
    pub events: Vec<String>,
    /// Own properties of `lantern.audio`.
    pub audio: Vec<String>,
}

/// One effect's script. Not `Send`: create and drive it on the frame-loop thread.
pub struct ScriptRuntime {
    // Dropped first: the engine's closures hold the state.
    engine: Engine,
    state: Rc<RefCell<HostState>>,
    config: ScriptConfig,
    entry: String,
    status: Status,
    started: bool,
    faces_seen: BTreeSet<u32>,
    events: Vec<(&'static str, Option<String>)>,
    /// The last error logged and how often it repeated, so a handler that throws every frame
    /// logs at repeat 1, 2, 4, 8, … instead of 30 stacks a second.
    last_error: Option<(String, u64)>,
}

impl ScriptRuntime {
    /// Loads `entry` (a key of `sources`) and runs its top-level code.
    pub fn new(
        sources: Sources,
        entry: impl Into<String>,
        config: ScriptConfig,
    ) -> Result<Self, LoadError> {
        Self::with_layers(sources, entry, config, &[])
    }

    /// Like [`ScriptRuntime::new`], with the scene's layers known before the script's top-level
    /// code runs (so `const score = lantern.getLayer('score')` works at load time).
    pub fn with_layers(
        sources: Sources,
        entry: impl Into<String>,
        config: ScriptConfig,
        layers: &[LayerState],
    ) -> Result<Self, LoadError> {
        let entry = entry.into();
        let state = Rc::new(RefCell::new(HostState::new(&config)));
        state.borrow_mut().sync_layers(layers);
        let engine = Engine::load(&Rc::new(sources), &entry, &state, &config)?;
        Ok(Self {
            engine,
            state,
            config,
            entry,
            status: Status::Running,
            started: false,
            faces_seen: BTreeSet::new(),
            events: Vec::new(),
            last_error: None,
        })
    }

    /// Sends every log line to `sink` as it is written (they are still buffered too).
    pub fn set_log_sink(&mut self, sink: LogSink) {
        self.state.borrow_mut().log.sink = Some(sink);
    }

    /// Takes the buffered log lines.
    pub fn drain_logs(&mut self) -> Vec<LogEntry> {
        self.state.borrow_mut().log.drain().collect()
    }

    /// Log lines dropped because the buffer was full.
    pub fn dropped_logs(&self) -> u64 {
        self.state.borrow().log.dropped
    }

    pub fn status(&self) -> &Status {
        &self.status
    }

    /// Bytes the script heap uses.
    pub fn memory_used(&self) -> i64 {
        self.engine.memory_used()
    }

    /// Un-pauses a script paused by the time budget.
    pub fn resume(&mut self) {
        if matches!(self.status, Status::Paused { .. }) {
            self.status = Status::Running;
        }
    }

    /// Runs one frame: events derived from tracking, host events, then `update`.
    pub fn frame(&mut self, input: &FrameInput<'_>) -> FrameOutcome {
        self.prepare(input);
        let mut outcome = FrameOutcome::default();
        if self.status == Status::Running {
            let events = std::mem::take(&mut self.events);
            let first = !self.started;
            self.started = true;
            let (started, budget) = (cputime::now(), self.config.frame_budget);
            let frame = (input.frame as f64, input.dt, input.time);
            let mut result = self
                .engine
                .call_until("frame", started, budget, |_, hooks| {
                    Engine::hook(hooks, "begin", frame)
                });
            let calls = first
                .then_some(("start", None))
                .into_iter()
                .chain(events.iter().map(|(name, arg)| (*name, arg.as_deref())))
                .chain(std::iter::once(("update", None)));
            for (name, arg) in calls {
                if let Err(error) = result {
                    let timeout = error.kind == ErrorKind::Timeout;
                    self.fail(error, &mut outcome);
                    if timeout {
                        result = Ok(());
                        break;
                    }
                }
                result = self
                    .engine
                    .call_until(name, started, budget, |_, hooks| match arg {
                        Some(json) => Engine::hook(hooks, "dispatch", (name, json)),
                        None => Engine::hook(hooks, "dispatch", (name,)),
                    });
            }
            self.events = events;
            if let Err(error) = result {
                self.fail(error, &mut outcome);
            }
            outcome.cpu = cputime::now().saturating_sub(started);
        }
        for rejection in self.engine.take_rejections() {
            self.fail(rejection, &mut outcome);
        }
        outcome.commands = std::mem::take(&mut self.state.borrow_mut().commands);
        outcome
    }

    /// Stops the script: runs its `stop` handlers and removes the sprites it spawned.
    pub fn stop(&mut self) -> FrameOutcome {
        let mut outcome = FrameOutcome::default();
        if self.status == Status::Running && self.started {
            let result = self
                .engine
                .call("stop", self.config.frame_budget, |_, hooks| {
                    Engine::hook(hooks, "dispatch", ("stop",))
                });
            if let Err(error) = result {
                self.fail(error, &mut outcome);
            }
        }
        self.status = Status::Stopped;
        let mut state = self.state.borrow_mut();
        destroy_spawned(&mut state);
        outcome.commands = std::mem::take(&mut state.commands);
        outcome
    }

    /// Swaps in new script sources without touching the host. On success the old script's
    /// `stop` handlers run, its sprites are destroyed (commands come with the next frame) and the
    /// new script starts on the next frame. On failure (syntax error, throwing top-level code,
    /// missing entry) the old script keeps running and the error is returned and logged.
    pub fn reload(&mut self, sources: Sources) -> Result<(), LoadError> {
        if self.status == Status::Running && self.started {
            let result = self
                .engine
                .call("stop", self.config.frame_budget, |_, hooks| {
                    Engine::hook(hooks, "dispatch", ("stop",))
                });
            if let Err(error) = result {
                self.report(&error);
            }
        }
        let saved = {
            let mut state = self.state.borrow_mut();
            let saved = (
                state.layers.clone(),
                state.spawned.clone(),
                state.commands.len(),
            );
            destroy_spawned(&mut state);
            saved
        };
        match Engine::load(&Rc::new(sources), &self.entry, &self.state, &self.config) {
            Ok(engine) => {
                self.engine = engine;
                self.status = Status::Running;
                self.started = false;
                Ok(())
            }
            Err(error) => {
                let mut state = self.state.borrow_mut();
                state.layers = saved.0;
                state.spawned = saved.1;
                state.commands.truncate(saved.2);
                drop(state);
                let message = match &error {
                    LoadError::Script(e) => e.to_string(),
                    other => other.to_string(),
                };
                self.state.borrow_mut().log(
                    LogLevel::Error,
                    format!("reload failed, the previous script keeps running: {message}"),
                    None,
                );
                Err(error)
            }
        }
    }

    /// The names the running script API exposes (read from the JS side).
    pub fn api_surface(&self) -> Result<ApiSurface, ScriptError> {
        let mut json = String::new();
        self.engine
            .call("surface", self.config.frame_budget, |_, hooks| {
                let f: rquickjs::Function<'_> = hooks.get("surface")?;
                json = f.call(())?;
                Ok(())
            })?;
        serde_json::from_str(&json).map_err(|e| ScriptError {
            kind: ErrorKind::Exception,
            during: "surface".to_owned(),
            message: e.to_string(),
            file: None,
            line: None,
            column: None,
            stack: None,
        })
    }

    fn prepare(&mut self, input: &FrameInput<'_>) {
        let mut state = self.state.borrow_mut();
        state.sync_layers(input.layers);
        state.frame = input.frame;
        state.dt = input.dt;
        state.time = input.time;
        match (input.tracking, state.tracking.as_mut()) {
            (Some(t), Some(mine)) => mine.clone_from(t),
            (t, _) => state.tracking = t.cloned(),
        }
        state.tracking_json = None;
        state.reseed(input.frame);
        drop(state);
        self.events.clear();
        if let Some(tracking) = input.tracking {
            self.tracking_events(tracking);
        } else {
            for id in std::mem::take(&mut self.faces_seen) {
                self.events
                    .push(("faceLost", Some(format!("{{\"faceId\":{id}}}"))));
            }
        }
        for event in input.events {
            self.events.push(match event {
                HostEvent::Tap { zone_id, payload } => (
                    "tap",
                    Some(serde_json::json!({ "zoneId": zone_id, "payload": payload }).to_string()),
                ),
                HostEvent::Command { name, args } => (
                    "command",
                    Some(serde_json::json!({ "name": name, "args": args }).to_string()),
                ),
                HostEvent::Room { update } => ("room", Some(update.to_string())),
            });
        }
    }

    fn tracking_events(&mut self, tracking: &TrackingFrame) {
        let now: BTreeSet<u32> = tracking.faces.iter().map(|f| f.id).collect();
        for id in self.faces_seen.difference(&now) {
            self.events
                .push(("faceLost", Some(format!("{{\"faceId\":{id}}}"))));
        }
        for id in now.difference(&self.faces_seen) {
            self.events
                .push(("faceFound", Some(format!("{{\"faceId\":{id}}}"))));
        }
        self.faces_seen = now;
        for face in &tracking.faces {
            for event in &face.events {
                if matches!(event.kind, FaceEventKind::Found | FaceEventKind::Lost) {
                    continue;
                }
                let json = serde_json::json!({
                    "faceId": face.id, "kind": event.kind, "phase": event.phase,
                });
                self.events.push(("expression", Some(json.to_string())));
            }
        }
        for gesture in &tracking.gestures {
            if let Ok(json) = serde_json::to_string(gesture) {
                self.events.push(("gesture", Some(json)));
            }
        }
    }

    fn report(&mut self, error: &ScriptError) {
        let key = error.to_string();
        let repeats = match &mut self.last_error {
            Some((last, count)) if *last == key => {
                *count += 1;
                *count
            }
            _ => {
                self.last_error = Some((key, 1));
                1
            }
        };
        if !repeats.is_power_of_two() {
            return;
        }
        let location = error
            .file
            .as_ref()
            .map(|f| format!("{f}:{}", error.line.unwrap_or(0)));
        let mut message = error.to_string();
        if repeats > 1 {
            let _ = write!(message, " (repeated {repeats} times)");
        }
        if let Some(stack) = &error.stack {
            message.push('\n');
            message.push_str(stack.trim_end());
        }
        self.state
            .borrow_mut()
            .log(LogLevel::Error, message, location);
    }

    fn fail(&mut self, error: ScriptError, outcome: &mut FrameOutcome) {
        self.report(&error);
        if error.kind == ErrorKind::Timeout {
            self.status = Status::Paused {
                reason: error.clone(),
            };
        }
        outcome.errors.push(error);
    }
}

fn destroy_spawned(state: &mut HostState) {
    let mut ids: Vec<String> = state.spawned.drain().collect();
    ids.sort();
    for id in ids {
        state.layers.remove(&id);
        state.commands.push(SceneCommand::DestroySprite { id });
    }
}
