//! The typed draw API: a [`Frame`] is an ordered list of [`DrawCommand`]s, drawn back to front.
//!
//! The commands know nothing of the effect package format: the scene (in `lantern-engine`) maps
//! package layers and tracking onto them each frame. Coordinates are output-frame pixels, origin
//! top-left, y down; angles are degrees (clockwise positive, as seen in the image); colours are
//! straight RGBA in 0..1. Full-frame inputs (camera, masks, replacement backgrounds) are fitted
//! with [`crate::adapt::Fit`].

use effect_schema::tracking::{Point2, Rect};

use crate::adapt::Fit;
use crate::layers::text::TextBlock;
use crate::texture::TextureId;

/// Identifies a LUT uploaded with [`crate::Renderer::load_lut`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LutId(pub(crate) u32);

/// One frame to draw.
#[derive(Clone, Debug, Default)]
pub struct Frame {
    /// Frame index from the start (seeds and animation clocks derive from it, never the wall clock).
    pub index: u64,
    pub commands: Vec<DrawCommand>,
}

/// One compositing step.
#[derive(Clone, Debug)]
pub enum DrawCommand {
    /// Fill the frame with one colour.
    Clear([f32; 4]),
    /// Draw a full-frame image (the camera frame), fitted to the output.
    Background { texture: TextureId, fit: Fit },
    /// Colour grade everything drawn so far through a 3D LUT, blended by `intensity` (0..1).
    ColorFilter { lut: LutId, intensity: f32 },
    /// Skin smoothing and brightening inside the given face regions.
    Beauty(Beauty),
    /// Replace or blur what is behind the person, using a segmentation mask.
    Segment(Segment),
    /// Textured quads (stickers, face and hand props, particles), in order.
    Sprites(Vec<Sprite>),
    /// A block of text.
    Text(TextBlock),
}

/// Beauty settings; the strengths are 0..1.
#[derive(Clone, Debug, Default)]
pub struct Beauty {
    /// Faces to treat (up to [`Beauty::MAX_FACES`]); the smoothing fades out at the ellipse edge.
    pub faces: Vec<FaceRegion>,
    /// Edge-preserving smoothing strength.
    pub smoothing: f32,
    /// Brightening of the treated skin.
    pub brighten: f32,
}

impl Beauty {
    /// Faces beyond this many are ignored.
    pub const MAX_FACES: usize = 4;
}

/// An elliptical face area in output pixels (e.g. the face box grown by a little, from tracking).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FaceRegion {
    pub center: Point2,
    /// Half-width and half-height.
    pub radii: [f32; 2],
    /// Roll in degrees.
    pub rotation: f32,
}

impl FaceRegion {
    /// The ellipse inscribed in a face box, grown by `grow` (0.15 = 15 % larger).
    pub fn from_bbox(bbox: Rect, roll: f32, grow: f32) -> Self {
        let g = 1.0 + grow;
        Self {
            center: bbox.center(),
            radii: [bbox.w * 0.5 * g, bbox.h * 0.5 * g],
            rotation: roll,
        }
    }
}

/// What to put behind the person.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SegmentMode {
    /// Another image, fitted to the output.
    Replace { texture: TextureId, fit: Fit },
    /// The frame itself, blurred with this radius in output pixels.
    Blur { radius: f32 },
    /// A flat colour.
    Color([f32; 4]),
}

/// Background replacement/blur.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    /// The person mask (red channel; 1 = person), in the camera frame's geometry.
    pub mask: TextureId,
    /// How the mask maps onto the output (the same fit as the camera frame).
    pub fit: Fit,
    pub mode: SegmentMode,
}

/// Where a sprite sits: position of its anchor, size, rotation, opacity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpriteTransform {
    /// The anchor's position in output pixels.
    pub position: Point2,
    /// Drawn size in output pixels (before the yaw squash).
    pub size: [f32; 2],
    /// The point of the sprite placed at `position`, in 0..1 of its size (0.5, 0.5 = centre).
    pub anchor: [f32; 2],
    /// Clockwise degrees about the anchor.
    pub rotation: f32,
    /// 0..1.
    pub opacity: f32,
    /// Head yaw in degrees to fake turning with the face: the width is scaled by `cos(yaw)`.
    pub yaw: Option<f32>,
}

impl Default for SpriteTransform {
    fn default() -> Self {
        Self {
            position: Point2::default(),
            size: [100.0, 100.0],
            anchor: [0.5, 0.5],
            rotation: 0.0,
            opacity: 1.0,
            yaw: None,
        }
    }
}

/// Makes a sprite report a hot-zone (see [`effect_schema::hotzone::HotZone`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Interactive {
    pub id: String,
    pub kind: String,
    pub payload: serde_json::Value,
}

/// How a sprite mixes with what is under it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Blend {
    /// Covers what is under it by its opacity.
    #[default]
    Normal,
    /// Adds its light (colour times opacity) to what is under it: sparks, fire, glows. Drawn
    /// with the same pipeline as `Normal` (premultiplied blending with a zero source alpha is
    /// additive), so sprites of either kind batch together.
    Additive,
}

/// One textured quad.
#[derive(Clone, Debug)]
pub struct Sprite {
    pub texture: TextureId,
    /// The array layer (animation frame); see [`crate::Sequence::layer_at`].
    pub layer: u32,
    pub transform: SpriteTransform,
    /// Multiplies the texture colour (straight RGBA).
    pub tint: [f32; 4],
    pub blend: Blend,
    /// Report this sprite's screen rectangle as a hot-zone.
    pub interactive: Option<Interactive>,
}

impl Sprite {
    /// An untinted, non-interactive sprite showing layer 0.
    pub fn new(texture: TextureId, transform: SpriteTransform) -> Self {
        Self {
            texture,
            layer: 0,
            transform,
            tint: [1.0; 4],
            blend: Blend::Normal,
            interactive: None,
        }
    }
}
