//! Lantern's compositor on wgpu: headless (offscreen target + readback), deterministic, with a
//! typed draw API that knows nothing of the effect package format.
//!
//! One frame: the scene (in `lantern-engine`) turns the effect's layers and this frame's tracking
//! into a [`Frame`] — an ordered list of [`DrawCommand`]s in output pixels. The [`Renderer`]
//! records them onto two ping-pong RGBA targets: the camera frame ([`DrawCommand::Background`]),
//! full-frame filters that read what is below them (colour LUT, beauty, background
//! segmentation) and overlays blended on top (sprites, text). The result is converted
//! to NV12 on the GPU for the encoder (or kept RGBA) and copied into one of two staging buffers,
//! so frame N is read back while frame N+1 renders. Hot-zones of interactive sprites come back
//! with the pixels.
//!
//! Each layer owns its GPU state (pipeline, uniform and instance buffers, bind groups), makes it
//! once and rewrites it per frame with the queue (see `layers`).
//!
//! Determinism: nothing reads the wall clock; animation time and seeds are inputs, and
//! lavapipe rasterises identically run to run, so the same frame gives the same pixels.

// Geometry and colour maths reads best with x, y, w, h, r, g, b.
#![allow(clippy::many_single_char_names)]

mod cpu_grade;
mod dilate;
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

pub use error::{RenderError, Result};
pub use frame::{
    Beauty, Blend, DrawCommand, FaceRegion, Frame, Interactive, LutId, Segment, SegmentMode,
    Sprite, SpriteTransform,
};
pub use glyphs::{FontId, MAX_TEXT_PX};
pub use gpu::{AdapterChoice, Gpu};
pub use layers::sprite::{
    contains as sprite_contains, hotzone as sprite_hotzone, screen_rect as sprite_screen_rect,
};
pub use layers::text::{Shadow, Stroke, TextBlock, TextLayout};
pub use lut_file::{LutData, MAX_CUBE_SIZE};
pub use nv12::rgba_to_nv12;
pub use readback::{FrameData, PixelFormat};
pub use renderer::{Renderer, RendererConfig};
pub use texture::{Playback, Sequence, TextureId};

/// The WGSL each pipeline compiles, by file under `src/` (for validation tests and tools); the
/// full-frame passes' sources have `layers/fullscreen.wgsl` composed in front.
pub const SHADERS: &[(&str, &str)] = &[
    ("layers/background.wgsl", layers::background::WGSL),
    (
        "layers/background_graded.wgsl",
        layers::background::GRADED_WGSL,
    ),
    ("layers/beauty.wgsl", layers::beauty::WGSL),
    ("layers/fullscreen.wgsl", layers::FULLSCREEN_WGSL),
    ("layers/grade.wgsl", layers::GRADE_WGSL),
    ("layers/lut.wgsl", layers::lut::WGSL),
    ("layers/segment.wgsl", layers::segment::WGSL),
    ("layers/sprite.wgsl", layers::sprite::WGSL),
    ("layers/text.wgsl", layers::text::WGSL),
    ("nv12.wgsl", nv12::WGSL),
];

/// SplitMix64: a tiny, well-mixed 64-bit hash, for deterministic effects (the scene's particle
/// layers draw their seeds from it).
pub fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
