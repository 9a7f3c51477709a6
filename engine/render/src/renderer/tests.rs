//! What a steady-state frame costs in GPU objects: the layers keep their uniform buffers, instance
//! buffers and bind groups from frame to frame and only rewrite them.

#![allow(clippy::unwrap_used)]

use effect_schema::tracking::Point2;

use super::{Renderer, RendererConfig};
use crate::adapt::Fit;
use crate::frame::{Beauty, DrawCommand, FaceRegion, Frame, LutId, Segment, SegmentMode};
use crate::glyphs::FontId;
use crate::layers::text::TextBlock;
use crate::pipeline::created;
use crate::texture::TextureId;
use crate::{LutData, PixelFormat, Sprite, SpriteTransform};

const FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

fn p(x: f32, y: f32) -> Point2 {
    Point2 { x, y }
}

/// Every layer at least once, some twice (a renderer draws one layer kind several times a frame).
fn busy_frames(r: &mut Renderer) -> impl Fn(u64) -> Frame + use<> {
    let (w, h) = (64u32, 36u32);
    let camera = r
        .upload_rgba("camera", w, h, &vec![128; (w * h * 4) as usize])
        .unwrap();
    let mask = r
        .upload_rgba("mask", w, h, &vec![255; (w * h * 4) as usize])
        .unwrap();
    let a = r.upload_rgba("a", 8, 8, &[200; 256]).unwrap();
    let b = r.upload_rgba("b", 8, 8, &[90; 256]).unwrap();
    let lut = r.load_lut(&LutData::identity(9));
    let font = std::fs::read(FONT)
        .ok()
        .map(|bytes| r.load_font("font", bytes).unwrap());
    move |index| frame(index, [camera, mask, a, b], lut, font)
}

fn frame(
    index: u64,
    [camera, mask, a, b]: [TextureId; 4],
    lut: LutId,
    font: Option<FontId>,
) -> Frame {
    let sprite = |t, x| {
        Sprite::new(
            t,
            SpriteTransform {
                position: p(x, 18.0),
                size: [10.0, 10.0],
                ..SpriteTransform::default()
            },
        )
    };
    let mut commands = vec![
        DrawCommand::Background {
            texture: camera,
            fit: Fit::Cover,
        },
        DrawCommand::ColorFilter {
            lut,
            intensity: 0.5,
        },
        DrawCommand::Beauty(Beauty {
            faces: vec![FaceRegion {
                center: p(32.0, 18.0),
                radii: [10.0, 12.0],
                rotation: 0.0,
            }],
            smoothing: 0.5,
            brighten: 0.2,
        }),
        DrawCommand::Segment(Segment {
            mask,
            fit: Fit::Cover,
            mode: SegmentMode::Blur { radius: 4.0 },
        }),
        DrawCommand::Sprites(vec![sprite(a, 10.0), sprite(a, 20.0), sprite(b, 30.0)]),
        DrawCommand::Sprites(vec![sprite(b, 40.0 + index as f32)]),
        DrawCommand::ColorFilter {
            lut,
            intensity: 1.0,
        },
    ];
    if let Some(font) = font {
        commands.push(DrawCommand::Text(TextBlock::new(
            font,
            "Hi",
            12.0,
            p(32.0, 10.0),
        )));
    }
    Frame { index, commands }
}

#[test]
fn steady_frames_create_no_buffers_or_bind_groups() {
    let mut r = Renderer::new(RendererConfig::new(64, 36)).unwrap();
    let mut per_frame = Vec::new();
    let frames = busy_frames(&mut r);
    for i in 0..4 {
        let frame = frames(i);
        let before = created::counts();
        r.render(&frame, PixelFormat::Nv12).unwrap();
        let after = created::counts();
        per_frame.push([after[0] - before[0], after[1] - before[1]]);
    }
    println!("[buffers, bind groups] created per frame: {per_frame:?}");
    // The first frame may build what it has not seen yet; later frames only rewrite.
    for counts in &per_frame[1..] {
        assert_eq!(*counts, [0, 0], "per frame: {per_frame:?}");
    }
}
