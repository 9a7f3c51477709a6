//! Frame adaptation: where a layer sits in the output frame, whatever its size and orientation.
//!
//! Positions and sizes are fractions of a reference rectangle — the whole output frame, or its
//! safe area (the frame minus the margins platforms cover with their own UI) — so one effect
//! fits 9:16, 16:9 and 1:1 outputs. Each orientation may override any field.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A 2D vector; units depend on the field (fractions of the frame, face sizes…).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Vec2 {
    pub x: f32,
    pub y: f32,
}

/// What a placement is relative to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub enum RelativeTo {
    /// The whole output frame.
    #[default]
    Frame,
    /// The frame minus the platform UI margins (see the renderer's safe-area setting).
    SafeArea,
}

/// The shape of the output frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub enum Orientation {
    /// Taller than wide (9:16).
    Portrait,
    /// Wider than tall (16:9).
    Landscape,
    /// Within 10% of square.
    Square,
}

impl Orientation {
    /// The orientation of a `width` x `height` frame.
    pub fn of(width: u32, height: u32) -> Self {
        let (w, h) = (width.max(1) as f32, height.max(1) as f32);
        let ratio = w / h;
        if (0.9..=1.1).contains(&ratio) {
            Self::Square
        } else if ratio < 1.0 {
            Self::Portrait
        } else {
            Self::Landscape
        }
    }
}

/// Where a frame-placed layer sits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Placement {
    #[serde(default)]
    pub relative_to: RelativeTo,
    /// The layer's pivot position, as fractions (0..1) of the reference rectangle.
    pub position: Vec2,
    /// The layer's width as a fraction of the reference width; the height follows the content's
    /// aspect ratio.
    pub width: f32,
    /// Which point of the layer sits at `position`, as fractions of the layer (0.5, 0.5 = centre).
    #[serde(default = "placement_center")]
    pub pivot: Vec2,
    /// Clockwise rotation, degrees.
    #[serde(default)]
    pub rotation: f32,
    /// Per-orientation changes; fields left out keep the values above.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub overrides: Option<Overrides>,
}

pub(crate) fn placement_center() -> Vec2 {
    Vec2 { x: 0.5, y: 0.5 }
}

/// Per-orientation placement overrides.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Overrides {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub portrait: Option<PlacementOverride>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub landscape: Option<PlacementOverride>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub square: Option<PlacementOverride>,
}

impl Overrides {
    /// No override set.
    pub fn is_empty(&self) -> bool {
        self.portrait.is_none() && self.landscape.is_none() && self.square.is_none()
    }
}

/// The fields of a [`Placement`] one orientation changes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlacementOverride {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub relative_to: Option<RelativeTo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub position: Option<Vec2>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub width: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rotation: Option<f32>,
}

impl Placement {
    /// The override set for this orientation, if any.
    pub fn override_for(&self, orientation: Orientation) -> Option<&PlacementOverride> {
        self.overrides.as_ref().and_then(|o| match orientation {
            Orientation::Portrait => o.portrait.as_ref(),
            Orientation::Landscape => o.landscape.as_ref(),
            Orientation::Square => o.square.as_ref(),
        })
    }

    /// The placement to use for a frame of this orientation, overrides applied.
    #[must_use]
    pub fn resolve(&self, orientation: Orientation) -> Placement {
        let over = self.override_for(orientation);
        let mut out = self.clone();
        out.overrides = None;
        if let Some(o) = over {
            out.relative_to = o.relative_to.unwrap_or(out.relative_to);
            out.position = o.position.unwrap_or(out.position);
            out.width = o.width.unwrap_or(out.width);
            out.rotation = o.rotation.unwrap_or(out.rotation);
        }
        out
    }
}
