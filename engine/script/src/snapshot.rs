//! What the host hands the script each frame: a read-only [`FrameInput`] (clock, tracking, the
//! scene's layers) and the [`HostEvent`]s that happened since the last frame.

use effect_schema::tracking::TrackingFrame;

use crate::commands::{HotZoneSpec, SceneCommand, Transform};

/// The current state of one layer or sprite, as the scene sees it before the script runs.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerState {
    pub id: String,
    pub transform: Transform,
    pub opacity: f32,
    pub visible: bool,
    /// The text of a text layer; `None` for other layers.
    pub text: Option<String>,
    pub hot_zone: Option<HotZoneSpec>,
}

impl LayerState {
    /// A visible, opaque layer at the origin.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            transform: Transform::default(),
            opacity: 1.0,
            visible: true,
            text: None,
            hot_zone: None,
        }
    }
}

/// One frame as the script sees it.
#[derive(Clone, Copy, Debug)]
pub struct FrameInput<'a> {
    /// Frame index from the start of the effect.
    pub frame: u64,
    /// Seconds since the previous frame (the deterministic step, e.g. 1/30).
    pub dt: f64,
    /// Seconds since the effect started, on the deterministic clock (`Date.now()` reads it).
    pub time: f64,
    /// Tracking for this frame, if the effect uses tracking.
    pub tracking: Option<&'a TrackingFrame>,
    /// Every layer and live sprite of the scene.
    pub layers: &'a [LayerState],
    /// Events from outside the tracker, in the order they arrived.
    pub events: &'a [HostEvent],
}

/// Events the host delivers besides tracking (tracking events are derived from [`FrameInput::tracking`]).
#[derive(Clone, Debug, PartialEq)]
pub enum HostEvent {
    /// A viewer (player side) or the Studio preview tapped a hot-zone.
    Tap {
        zone_id: String,
        payload: serde_json::Value,
    },
    /// A command from the push mode's control panel (`name`, free-form `args`).
    Command {
        name: String,
        args: serde_json::Value,
    },
    /// What a live room did since the last update (the hub's `RoomUpdate`, see docs/rooms.md):
    /// the script hears it as `lantern.on("room", e)`.
    Room { update: serde_json::Value },
}

/// Applies commands to a plain list of layers the way a scene would (spawn appends, destroy
/// removes, setters update the matching layer; sequence and particle commands change nothing
/// here). Hosts without a scene graph — tests, benchmarks, the Studio's script console — use it.
pub fn apply_commands(layers: &mut Vec<LayerState>, commands: &[SceneCommand]) {
    for command in commands {
        match command {
            SceneCommand::SpawnSprite {
                id,
                transform,
                hot_zone,
                ..
            } => {
                let mut layer = LayerState::new(id.clone());
                layer.transform = *transform;
                layer.hot_zone.clone_from(hot_zone);
                layers.push(layer);
            }
            SceneCommand::DestroySprite { id } => layers.retain(|l| &l.id != id),
            other => {
                let Some(layer) = layers.iter_mut().find(|l| l.id == other.target()) else {
                    continue;
                };
                match other {
                    SceneCommand::SetTransform { transform, .. } => layer.transform = *transform,
                    SceneCommand::SetOpacity { opacity, .. } => layer.opacity = *opacity,
                    SceneCommand::SetVisible { visible, .. } => layer.visible = *visible,
                    SceneCommand::SetText { text, .. } => layer.text = Some(text.clone()),
                    SceneCommand::SetHotZone { hot_zone, .. } => {
                        layer.hot_zone.clone_from(hot_zone);
                    }
                    _ => {}
                }
            }
        }
    }
}
