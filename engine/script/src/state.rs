//! The host side of the script API: the runtime's copy of the scene's layers, the commands
//! recorded this frame, the seeded random generator and the log. Native functions (see
//! [`crate::native`]) share it through an `Rc<RefCell<HostState>>`.

use std::collections::{HashMap, HashSet};

use effect_schema::tracking::TrackingFrame;

use crate::commands::{HotZoneSpec, SceneCommand, Transform};
use crate::config::ScriptConfig;
use crate::log::{LogBuffer, LogEntry, LogLevel};
use crate::snapshot::LayerState;

/// Why a native call refused to record a command; becomes a JS `TypeError`/`RangeError`.
pub(crate) enum Refusal {
    NoLayer(String),
    TooManyCommands(usize),
    TooManySprites(usize),
    Exists(String),
}

impl Refusal {
    pub(crate) fn message(&self) -> String {
        match self {
            Self::NoLayer(id) => format!(
                "no layer or sprite with id '{id}' in the scene (check the id in effect.json, or spawn it first with lantern.spawnSprite)"
            ),
            Self::TooManyCommands(n) => format!(
                "too many scene changes in one frame (limit {n}): change fewer layers per frame"
            ),
            Self::TooManySprites(n) => format!(
                "too many live sprites (limit {n}): destroy sprites that left the screen with lantern.destroySprite(id)"
            ),
            Self::Exists(id) => format!(
                "a layer or sprite with id '{id}' already exists: give each spawned sprite a unique id"
            ),
        }
    }
}

pub(crate) struct HostState {
    pub(crate) layers: HashMap<String, LayerState>,
    /// Sprites this script spawned that are still alive (destroyed on reload/stop).
    pub(crate) spawned: HashSet<String>,
    pub(crate) commands: Vec<SceneCommand>,
    pub(crate) tracking: Option<TrackingFrame>,
    pub(crate) tracking_json: Option<String>,
    pub(crate) frame: u64,
    pub(crate) dt: f64,
    pub(crate) time: f64,
    rng: u64,
    seed: u64,
    pub(crate) log: LogBuffer,
    max_commands: usize,
    max_sprites: usize,
}

/// SplitMix64: a small, good, deterministic generator.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl HostState {
    pub(crate) fn new(config: &ScriptConfig) -> Self {
        let mut state = Self {
            layers: HashMap::new(),
            spawned: HashSet::new(),
            commands: Vec::new(),
            tracking: None,
            tracking_json: None,
            frame: 0,
            dt: 0.0,
            time: 0.0,
            rng: 0,
            seed: config.seed,
            log: LogBuffer::new(config.log_capacity, config.max_log_message),
            max_commands: config.max_commands_per_frame,
            max_sprites: config.max_sprites,
        };
        state.reseed(0);
        state
    }

    /// Random numbers depend only on the seed, the frame index and the call order in the frame.
    pub(crate) fn reseed(&mut self, frame: u64) {
        let mut s = self.seed ^ frame.wrapping_mul(0xD1B5_4A32_D192_ED03);
        self.rng = splitmix(&mut s);
    }

    /// A uniform number in `[0, 1)`.
    pub(crate) fn random(&mut self) -> f64 {
        (splitmix(&mut self.rng) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Brings the runtime's copy of the scene up to date with the host's snapshot.
    pub(crate) fn sync_layers(&mut self, layers: &[LayerState]) {
        if self.layers.len() != layers.len()
            || layers.iter().any(|l| !self.layers.contains_key(&l.id))
        {
            let spawned = &self.spawned;
            self.layers
                .retain(|id, _| spawned.contains(id) || layers.iter().any(|l| &l.id == id));
        }
        for layer in layers {
            match self.layers.get_mut(&layer.id) {
                Some(mine) => mine.clone_from(layer),
                None => {
                    self.layers.insert(layer.id.clone(), layer.clone());
                }
            }
        }
    }

    pub(crate) fn log(&mut self, level: LogLevel, message: String, location: Option<String>) {
        let frame = self.frame;
        self.log.push(LogEntry {
            level,
            message,
            location,
            frame,
        });
    }

    fn push(&mut self, command: SceneCommand) -> Result<(), Refusal> {
        if self.commands.len() >= self.max_commands {
            return Err(Refusal::TooManyCommands(self.max_commands));
        }
        self.commands.push(command);
        Ok(())
    }

    pub(crate) fn layer(&self, id: &str) -> Option<&LayerState> {
        self.layers.get(id)
    }

    fn layer_mut(&mut self, id: &str) -> Result<&mut LayerState, Refusal> {
        self.layers
            .get_mut(id)
            .ok_or_else(|| Refusal::NoLayer(id.to_owned()))
    }

    /// Applies `edit` to a layer's transform and records it; consecutive transform edits of the
    /// same layer are merged into one command.
    pub(crate) fn edit_transform(
        &mut self,
        id: &str,
        edit: impl FnOnce(&mut Transform),
    ) -> Result<(), Refusal> {
        let layer = self.layer_mut(id)?;
        edit(&mut layer.transform);
        let transform = layer.transform;
        if let Some(SceneCommand::SetTransform {
            id: last,
            transform: t,
        }) = self.commands.last_mut()
            && last == id
        {
            *t = transform;
            return Ok(());
        }
        self.push(SceneCommand::SetTransform {
            id: id.to_owned(),
            transform,
        })
    }

    pub(crate) fn set_opacity(&mut self, id: &str, opacity: f32) -> Result<(), Refusal> {
        let opacity = if opacity.is_nan() {
            0.0
        } else {
            opacity.clamp(0.0, 1.0)
        };
        self.layer_mut(id)?.opacity = opacity;
        self.push(SceneCommand::SetOpacity {
            id: id.to_owned(),
            opacity,
        })
    }

    pub(crate) fn set_visible(&mut self, id: &str, visible: bool) -> Result<(), Refusal> {
        self.layer_mut(id)?.visible = visible;
        self.push(SceneCommand::SetVisible {
            id: id.to_owned(),
            visible,
        })
    }

    pub(crate) fn set_text(&mut self, id: &str, text: String) -> Result<(), Refusal> {
        self.layer_mut(id)?.text = Some(text.clone());
        self.push(SceneCommand::SetText {
            id: id.to_owned(),
            text,
        })
    }

    pub(crate) fn set_hot_zone(
        &mut self,
        id: &str,
        hot_zone: Option<HotZoneSpec>,
    ) -> Result<(), Refusal> {
        self.layer_mut(id)?.hot_zone.clone_from(&hot_zone);
        self.push(SceneCommand::SetHotZone {
            id: id.to_owned(),
            hot_zone,
        })
    }

    /// Records a sound command; the host checks the asset (the script does not know assets).
    pub(crate) fn sound_command(&mut self, command: SceneCommand) -> Result<(), Refusal> {
        self.push(command)
    }

    /// Records a command about an existing layer that does not change its snapshot.
    pub(crate) fn layer_command(&mut self, command: SceneCommand) -> Result<(), Refusal> {
        if !self.layers.contains_key(command.target()) {
            return Err(Refusal::NoLayer(command.target().to_owned()));
        }
        self.push(command)
    }

    pub(crate) fn spawn(
        &mut self,
        asset: String,
        id: String,
        transform: Transform,
        hot_zone: Option<HotZoneSpec>,
    ) -> Result<(), Refusal> {
        if self.layers.contains_key(&id) {
            return Err(Refusal::Exists(id));
        }
        if self.spawned.len() >= self.max_sprites {
            return Err(Refusal::TooManySprites(self.max_sprites));
        }
        let mut layer = LayerState::new(id.clone());
        layer.transform = transform;
        layer.hot_zone.clone_from(&hot_zone);
        self.push(SceneCommand::SpawnSprite {
            asset,
            id: id.clone(),
            transform,
            hot_zone,
        })?;
        self.layers.insert(id.clone(), layer);
        self.spawned.insert(id);
        Ok(())
    }

    pub(crate) fn destroy(&mut self, id: &str) -> Result<(), Refusal> {
        if !self.spawned.remove(id) {
            return Err(Refusal::NoLayer(id.to_owned()));
        }
        self.layers.remove(id);
        self.push(SceneCommand::DestroySprite { id: id.to_owned() })
    }

    /// The tracking frame as JSON for the prelude to parse (cached per frame).
    pub(crate) fn tracking_json(&mut self) -> String {
        if self.tracking_json.is_none() {
            let json = self
                .tracking
                .as_ref()
                .and_then(|t| serde_json::to_string(t).ok())
                .unwrap_or_else(|| "null".to_owned());
            self.tracking_json = Some(json);
        }
        self.tracking_json.clone().unwrap_or_default()
    }
}
