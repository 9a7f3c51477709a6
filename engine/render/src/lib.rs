//! Lantern's compositor on wgpu: headless (offscreen target + readback), deterministic, with a
//! typed draw API that knows nothing of the effect package format.
//!
//! One frame: the scene (in `lantern-engine`) turns the effect's layers and this frame's tracking
//! into a [`Frame`] — an ordered list of [`DrawCommand`]s in output pixels. The [`Renderer`]
//! records them onto two ping-pong RGBA targets: the camera frame ([`DrawCommand::Background`]),
//! full-frame filters that read what is below them (colour LUT, beauty, background
//! segmentation) and overlays blended on top (sprites, text, particles). The result is converted
//! to NV12 on the GPU for the encoder (or kept RGBA) and copied into one of two staging buffers,
//! so frame N is read back while frame N+1 renders. Hot-zones of interactive sprites come back
//! with the pixels.
//!
//! Determinism: nothing reads the wall clock; animation time and particle seeds are inputs, and
//! lavapipe rasterises identically run to run, so the same frame gives the same pixels.

// Geometry and colour maths reads best with x, y, w, h, r, g, b.
#![allow(clippy::many_single_char_names)]

mod error;
mod frame;
mod glyphs;
mod gpu;
mod layers;
mod lut_file;
mod nv12;
mod pipeline;
mod readback;
mod renderer;
mod texture;

pub mod adapt;
pub mod golden;

pub use error::{RenderError, Result};
pub use frame::{
    Beauty, DrawCommand, FaceRegion, Frame, Interactive, LutId, Segment, SegmentMode, Sprite,
    SpriteTransform,
};
pub use glyphs::{FontId, MAX_TEXT_PX};
pub use gpu::{AdapterChoice, Gpu};
pub use layers::particles::{Emitter, Particle, ParticleShape, mix as splitmix};
pub use layers::sprite::{
    contains as sprite_contains, hotzone as sprite_hotzone, screen_rect as sprite_screen_rect,
};
pub use layers::text::{Shadow, Stroke, TextBlock, TextLayout};
pub use lut_file::{LutData, MAX_CUBE_SIZE};
pub use nv12::rgba_to_nv12;
pub use readback::{FrameData, PixelFormat};
pub use renderer::{Renderer, RendererConfig};
pub use texture::{Playback, Sequence, TextureId};

/// The WGSL sources, by file name (for validation tests and tools).
pub const SHADERS: &[(&str, &str)] = &[
    ("background.wgsl", include_str!("shaders/background.wgsl")),
    ("beauty.wgsl", include_str!("shaders/beauty.wgsl")),
    ("lut.wgsl", include_str!("shaders/lut.wgsl")),
    ("nv12.wgsl", include_str!("shaders/nv12.wgsl")),
    ("particles.wgsl", include_str!("shaders/particles.wgsl")),
    ("segment.wgsl", include_str!("shaders/segment.wgsl")),
    ("sprite.wgsl", include_str!("shaders/sprite.wgsl")),
    ("text.wgsl", include_str!("shaders/text.wgsl")),
];
