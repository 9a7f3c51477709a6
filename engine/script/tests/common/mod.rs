//! Helpers shared by the integration tests: a tiny host that keeps a scene of [`LayerState`]s,
//! applies the commands the script returns, and feeds frames at 30 fps.

#![allow(dead_code)]

use lantern_script::{
    FrameInput, FrameOutcome, HostEvent, LayerState, SceneCommand, ScriptConfig, ScriptRuntime,
    Sources, apply_commands,
};

pub fn sources(files: &[(&str, &str)]) -> Sources {
    files
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// A minimal scene host: applies commands to its layer list the way a renderer would.
pub struct Host {
    pub runtime: ScriptRuntime,
    pub layers: Vec<LayerState>,
    pub frame: u64,
    pub last: FrameOutcome,
}

impl Host {
    pub fn new(main: &str, layers: &[&str]) -> Self {
        Self::with(
            sources(&[("main.js", main)]),
            layers,
            ScriptConfig::default(),
        )
    }

    pub fn with(sources: Sources, layers: &[&str], config: ScriptConfig) -> Self {
        let runtime = ScriptRuntime::new(sources, "main.js", config).expect("script loads");
        Self {
            runtime,
            layers: layers.iter().map(|id| LayerState::new(*id)).collect(),
            frame: 0,
            last: FrameOutcome::default(),
        }
    }

    pub fn step(&mut self) -> &FrameOutcome {
        self.step_with(None, &[])
    }

    pub fn step_with(
        &mut self,
        tracking: Option<&effect_schema::tracking::TrackingFrame>,
        events: &[HostEvent],
    ) -> &FrameOutcome {
        let input = FrameInput {
            frame: self.frame,
            dt: 1.0 / 30.0,
            time: self.frame as f64 / 30.0,
            tracking,
            layers: &self.layers,
            events,
        };
        let outcome = self.runtime.frame(&input);
        self.frame += 1;
        self.apply(&outcome.commands);
        self.last = outcome;
        &self.last
    }

    pub fn apply(&mut self, commands: &[SceneCommand]) {
        apply_commands(&mut self.layers, commands);
    }

    pub fn layer(&self, id: &str) -> &LayerState {
        self.layers
            .iter()
            .find(|l| l.id == id)
            .expect("layer exists")
    }

    pub fn logs(&mut self) -> Vec<String> {
        self.runtime
            .drain_logs()
            .into_iter()
            .map(|l| {
                format!(
                    "{:?} {} {}",
                    l.level,
                    l.location.unwrap_or_default(),
                    l.message
                )
            })
            .collect()
    }
}
