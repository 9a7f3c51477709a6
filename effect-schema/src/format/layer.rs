//! Layers: what the renderer draws, bottom to top.
//!
//! Every layer has an `id` (unique; triggers and scripts address it), `visible` (its state at
//! start) and optionally `hotZone`: the layer is interactive and the renderer reports its
//! on-screen rectangle each frame (see [`crate::hotzone`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Key, Placement, Vec2};
use crate::vocab::{FaceAnchor, HandLandmark};

pub(crate) fn yes() -> bool {
    true
}

pub(crate) fn one() -> f32 {
    1.0
}

/// Marks a layer interactive: its rectangle is sent to players as a hot-zone with the layer id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HotZoneSpec {
    /// What it is (`redPacket`, `product`, …), for the player to style it.
    pub kind: String,
    /// Free-form data the player shows or sends on a tap.
    #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
    #[ts(optional, as = "Option<serde_json::Value>")]
    pub payload: serde_json::Value,
}

/// One layer. `type` says what it draws.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Layer {
    Sticker(StickerLayer),
    FaceProp(FacePropLayer),
    HandProp(HandPropLayer),
    Text(TextLayer),
    Particles(ParticlesLayer),
    ColorFilter(ColorFilterLayer),
    Beauty(BeautyLayer),
    Background(BackgroundLayer),
}

macro_rules! layer_common {
    ($($variant:ident),*) => {
        impl Layer {
            /// The layer's id.
            pub fn id(&self) -> &str {
                match self { $(Self::$variant(l) => &l.id,)* }
            }
            /// Whether the layer is visible at start.
            pub fn visible(&self) -> bool {
                match self { $(Self::$variant(l) => l.visible,)* }
            }
            /// The layer's hot-zone, if it is interactive.
            pub fn hot_zone(&self) -> Option<&HotZoneSpec> {
                match self { $(Self::$variant(l) => l.hot_zone.as_ref(),)* }
            }
        }
    };
}
layer_common!(
    Sticker,
    FaceProp,
    HandProp,
    Text,
    Particles,
    ColorFilter,
    Beauty,
    Background
);

impl Layer {
    /// The `type` name used in JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Sticker(_) => "sticker",
            Self::FaceProp(_) => "faceProp",
            Self::HandProp(_) => "handProp",
            Self::Text(_) => "text",
            Self::Particles(_) => "particles",
            Self::ColorFilter(_) => "colorFilter",
            Self::Beauty(_) => "beauty",
            Self::Background(_) => "background",
        }
    }
}

/// An image or sequence placed in the frame.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StickerLayer {
    pub id: String,
    #[serde(default = "yes")]
    pub visible: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub hot_zone: Option<HotZoneSpec>,
    /// An `image` or `sequence` asset id.
    pub asset: String,
    pub placement: Placement,
    /// 0..1.
    #[serde(default = "one")]
    pub opacity: f32,
}

/// An image or sequence that follows a face anchor, scaled and rotated with the face.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FacePropLayer {
    pub id: String,
    #[serde(default = "yes")]
    pub visible: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub hot_zone: Option<HotZoneSpec>,
    /// An `image` or `sequence` asset id.
    pub asset: String,
    pub anchor: FaceAnchor,
    /// Offset from the anchor in face sizes (the distance between the outer eye corners),
    /// in the face's own frame (y up the face's vertical axis is negative).
    #[serde(default)]
    pub offset: Vec2,
    /// The prop's width in face sizes.
    #[serde(default = "one")]
    pub scale: f32,
    /// Extra clockwise rotation, degrees.
    #[serde(default)]
    pub rotation: f32,
    /// Whether the prop turns with the head's roll.
    #[serde(default = "yes")]
    pub follow_rotation: bool,
    /// Which face (0 = the first found); absent = every face, up to the `maxFaces` budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub face: Option<u32>,
    /// Which point of the image sits on the anchor (0.5, 0.5 = centre).
    #[serde(default = "super::placement_center")]
    pub pivot: Vec2,
}

/// Which hand a hand prop or a gesture trigger follows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub enum HandSelect {
    Left,
    Right,
    #[default]
    Any,
}

/// An image or sequence that follows a hand landmark.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HandPropLayer {
    pub id: String,
    #[serde(default = "yes")]
    pub visible: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub hot_zone: Option<HotZoneSpec>,
    /// An `image` or `sequence` asset id.
    pub asset: String,
    pub landmark: HandLandmark,
    #[serde(default)]
    pub hand: HandSelect,
    /// Offset in palm widths.
    #[serde(default)]
    pub offset: Vec2,
    /// Width in palm widths.
    #[serde(default = "one")]
    pub scale: f32,
    #[serde(default)]
    pub rotation: f32,
    #[serde(default = "yes")]
    pub follow_rotation: bool,
}

/// A text outline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Stroke {
    /// `#rrggbb` or `#rrggbbaa`.
    pub color: String,
    /// Width as a fraction of the font size.
    pub width: f32,
}

/// A drop shadow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Shadow {
    pub color: String,
    /// Offset as fractions of the font size.
    pub offset: Vec2,
    /// Blur radius as a fraction of the font size.
    #[serde(default)]
    pub blur: f32,
}

/// Text from a template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TextLayer {
    pub id: String,
    #[serde(default = "yes")]
    pub visible: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub hot_zone: Option<HotZoneSpec>,
    /// The text; `{name}` placeholders are filled from `setText` actions and scripts.
    pub template: String,
    /// A `font` asset id.
    pub font: String,
    /// Font size as a fraction of the reference height.
    pub size: f32,
    /// `#rrggbb` or `#rrggbbaa`.
    pub fill: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub stroke: Option<Stroke>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub shadow: Option<Shadow>,
    /// Top-to-bottom columns (for couplets).
    #[serde(default)]
    pub vertical: bool,
    pub placement: Placement,
}

/// A `{min, max}` range; each particle picks a value uniformly.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub min: f32,
    pub max: f32,
}

/// A particle emitter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ParticlesLayer {
    pub id: String,
    #[serde(default = "yes")]
    pub visible: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub hot_zone: Option<HotZoneSpec>,
    /// An `image` or `sequence` asset id.
    pub sprite: String,
    /// Where the emitter sits; `width` is the emission area's width.
    pub placement: Placement,
    /// Continuous emission, particles per second (0 = only bursts).
    #[serde(default)]
    pub rate: f32,
    /// Particles per `burst` action.
    #[serde(default)]
    pub burst: u32,
    /// Live particles at most for this emitter.
    pub max_particles: u32,
    /// Seconds.
    pub lifetime: Range,
    /// Frame heights per second.
    pub speed: Range,
    /// Emission direction, degrees clockwise from up.
    #[serde(default)]
    pub direction: f32,
    /// Spread around `direction`, degrees.
    #[serde(default)]
    pub spread: f32,
    /// Acceleration, frame heights per second squared (y down).
    #[serde(default)]
    pub gravity: Vec2,
    /// Degrees per second.
    #[serde(default = "zero_range")]
    pub spin: Range,
    /// Sprite width as a fraction of the frame width.
    pub size: Range,
    /// Fade out over the last part of the lifetime, 0..1 (0 = no fade).
    #[serde(default)]
    pub fade: f32,
    /// Share of its speed a particle loses per second (0 = none; 2 = most of it within a second).
    #[serde(default)]
    pub drag: f32,
    /// How particles mix with what is under them.
    #[serde(default)]
    pub blend: Blend,
    /// Colours (`#rrggbb`) each particle picks one of to tint its sprite; empty = the sprite's own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<String>>")]
    pub colors: Vec<String>,
    /// Size, opacity and tint over each particle's life.
    #[serde(default, skip_serializing_if = "OverLife::is_empty")]
    #[ts(optional, as = "Option<OverLife>")]
    pub over_life: OverLife,
    /// Fading copies drawn behind each particle along its path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub trail: Option<Trail>,
    /// At the end of its life each particle bursts into more (a firework shell).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub explode: Option<Explosion>,
    /// Emit from a face anchor or hand landmark instead of the placement's position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub follow: Option<Follow>,
}

/// How a particle's colour mixes with the picture under it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
pub enum Blend {
    /// Covers what is under it by its opacity.
    #[default]
    Normal,
    /// Adds light (sparks, fire, glows).
    Additive,
}

/// Curves over a particle's life; key times are 0..1 of its life.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct OverLife {
    /// Multiplies the particle's size.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Key<f32>>>")]
    pub size: Vec<Key<f32>>,
    /// Multiplies its opacity.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Key<f32>>>")]
    pub opacity: Vec<Key<f32>>,
    /// Multiplies its colour.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Key<String>>>")]
    pub tint: Vec<Key<String>>,
}

impl OverLife {
    /// No curve set.
    pub fn is_empty(&self) -> bool {
        self.size.is_empty() && self.opacity.is_empty() && self.tint.is_empty()
    }
}

/// Copies of a particle where it was a moment ago.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Trail {
    /// Copies behind each particle, 1..=16.
    pub count: u32,
    /// Seconds between two copies.
    pub spacing: f32,
    /// The last copy's opacity and size relative to the particle, 0..1 (copies in between
    /// interpolate).
    #[serde(default)]
    pub tail: f32,
}

/// What each particle bursts into when its life ends; the children move under the layer's
/// gravity and drag, take their parent's colour, and count against `maxParticles`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Explosion {
    /// Children per particle.
    pub count: u32,
    /// Frame heights per second, in every direction.
    pub speed: Range,
    /// Seconds.
    pub lifetime: Range,
    /// Sprite width as a fraction of the frame width.
    pub size: Range,
    /// An `image` or `sequence` asset for the children; absent = the layer's sprite.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub sprite: Option<String>,
}

/// A tracked point an emitter follows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum Follow {
    /// A face anchor of one face (0 = the first found).
    #[serde(rename_all = "camelCase")]
    Face {
        anchor: FaceAnchor,
        #[serde(default)]
        face: u32,
    },
    /// A landmark of a hand.
    #[serde(rename_all = "camelCase")]
    Hand {
        landmark: HandLandmark,
        #[serde(default)]
        hand: HandSelect,
    },
}

fn zero_range() -> Range {
    Range { min: 0.0, max: 0.0 }
}

/// A colour grade through a LUT.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ColorFilterLayer {
    pub id: String,
    #[serde(default = "yes")]
    pub visible: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub hot_zone: Option<HotZoneSpec>,
    /// A `lut` asset id.
    pub lut: String,
    /// 0..1.
    #[serde(default = "one")]
    pub intensity: f32,
}

/// Skin smoothing and brightening on faces.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BeautyLayer {
    pub id: String,
    #[serde(default = "yes")]
    pub visible: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub hot_zone: Option<HotZoneSpec>,
    /// 0..1.
    #[serde(default)]
    pub smoothing: f32,
    /// 0..1.
    #[serde(default)]
    pub brightening: f32,
}

/// What happens behind the person (needs person segmentation).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum BackgroundMode {
    /// Blur the background; `strength` 0..1.
    Blur { strength: f32 },
    /// Replace it with an `image` or `sequence` asset.
    Replace { asset: String },
}

/// Background blur or replacement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BackgroundLayer {
    pub id: String,
    #[serde(default = "yes")]
    pub visible: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub hot_zone: Option<HotZoneSpec>,
    pub mode: BackgroundMode,
}
