//! What a steady-state frame costs in GPU objects (the layers keep their uniform buffers, instance
//! buffers and bind groups from frame to frame and only rewrite them), and a recycled renderer.

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

/// Resources in the shape of `busy_frames`' with other pixels: another effect's.
fn other_frames(r: &mut Renderer) -> impl Fn(u64) -> Frame + use<> {
    let (w, h) = (64u32, 36u32);
    let ramp: Vec<u8> = (0..w * h * 4).map(|i| (i % 251) as u8).collect();
    let camera = r.upload_rgba("camera", w, h, &ramp).unwrap();
    let mask = r
        .upload_rgba("mask", w, h, &vec![100; (w * h * 4) as usize])
        .unwrap();
    let a = r.upload_rgba("a", 8, 8, &[30; 256]).unwrap();
    let b = r.upload_rgba("b", 8, 8, &[250; 256]).unwrap();
    let mut inverse = LutData::identity(9);
    for v in &mut inverse.rgba {
        *v = 255 - *v;
    }
    let lut = r.load_lut(&inverse);
    let font = std::fs::read(FONT)
        .ok()
        .map(|bytes| r.load_font("font", bytes).unwrap());
    move |index| frame(index, [camera, mask, a, b], lut, font)
}

#[test]
fn a_recycled_renderer_draws_the_next_effect_as_a_new_one_would() {
    let mut used = Renderer::new(RendererConfig::new(64, 36)).unwrap();
    let first = busy_frames(&mut used);
    for i in 0..3 {
        used.render(&first(i), PixelFormat::Rgba).unwrap();
    }
    used.recycle().unwrap();
    let next = other_frames(&mut used);
    let mut fresh = Renderer::with_gpu(used.gpu().clone(), RendererConfig::new(64, 36)).unwrap();
    let next_fresh = other_frames(&mut fresh);
    for i in 0..3 {
        let (a, b) = (
            used.render(&next(i), PixelFormat::Rgba).unwrap(),
            fresh.render(&next_fresh(i), PixelFormat::Rgba).unwrap(),
        );
        assert!(
            a.bytes == b.bytes,
            "frame {i} differs from a new renderer's"
        );
        assert_eq!(a.hotzones, b.hotzones);
    }
}

#[test]
fn a_colour_filter_after_the_background_is_graded_in_the_same_pass() {
    let (w, h) = (64u32, 36u32);
    let mut r = Renderer::new(RendererConfig::new(w, h)).unwrap();
    let ramp: Vec<u8> = (0..40 * 30 * 4).map(|i| (i * 7 % 256) as u8).collect();
    let camera = r.upload_rgba("camera", 40, 30, &ramp).unwrap();
    let mut warm = LutData::identity(9);
    for px in warm.rgba.chunks_exact_mut(4) {
        px[0] = px[0].saturating_add(40);
        px[2] = px[2].saturating_sub(30);
    }
    let lut = r.load_lut(&warm);
    let background = DrawCommand::Background {
        texture: camera,
        fit: Fit::Contain,
    };
    let grade = DrawCommand::ColorFilter {
        lut,
        intensity: 0.8,
    };
    let frame = |commands| Frame { index: 0, commands };
    let plain = r
        .render(&frame(vec![background.clone()]), PixelFormat::Rgba)
        .unwrap();
    let fused = r
        .render(
            &frame(vec![background.clone(), grade.clone()]),
            PixelFormat::Rgba,
        )
        .unwrap();
    // Something between the two keeps them apart: two passes.
    let apart = vec![background, DrawCommand::Sprites(Vec::new()), grade];
    let two = r.render(&frame(apart), PixelFormat::Rgba).unwrap();
    let worst = fused
        .bytes
        .iter()
        .zip(&two.bytes)
        .map(|(a, b)| a.abs_diff(*b))
        .max()
        .unwrap();
    // One pass skips the 8-bit target between the two: at most a level or two apart.
    assert!(
        worst <= 2,
        "fused and two-pass grading differ by {worst} levels"
    );
    let graded = plain
        .bytes
        .iter()
        .zip(&fused.bytes)
        .any(|(a, b)| a.abs_diff(*b) > 20);
    assert!(graded, "the LUT was applied");
}

/// On a software rasteriser the second frame of a graded camera is graded on the CPU (the first
/// one, and any GPU, use the fused pass): the two agree within a level or two, and a background
/// of the output's size is copied only when it is opaque.
#[test]
fn a_camera_graded_on_the_cpu_matches_the_gpu_pass() {
    let (w, h) = (64u32, 36u32);
    let mut r = Renderer::new(RendererConfig::new(w, h)).unwrap();
    let pixels: Vec<u8> = (0..w * h)
        .flat_map(|i| {
            [
                (i * 7 % 256) as u8,
                (i * 13 % 256) as u8,
                (i % 256) as u8,
                255,
            ]
        })
        .collect();
    let camera = r.upload_rgba("camera", w, h, &pixels).unwrap();
    // A curved grade (gamma on red, inverted blue), so trilinear filtering matters.
    let mut curve = LutData::identity(17);
    for px in curve.rgba.chunks_exact_mut(4) {
        px[0] = ((f32::from(px[0]) / 255.0).powf(0.6) * 255.0).round() as u8;
        px[2] = 255 - px[2];
    }
    let lut = r.load_lut(&curve);
    let commands = vec![
        DrawCommand::Background {
            texture: camera,
            fit: Fit::Cover,
        },
        DrawCommand::ColorFilter {
            lut,
            intensity: 0.75,
        },
    ];
    let frame = |index| Frame {
        index,
        commands: commands.clone(),
    };
    let gpu = r.render(&frame(0), PixelFormat::Rgba).unwrap();
    r.update_texture(camera, &pixels).unwrap();
    let cpu = r.render(&frame(1), PixelFormat::Rgba).unwrap();
    let worst = gpu
        .bytes
        .iter()
        .zip(&cpu.bytes)
        .map(|(a, b)| a.abs_diff(*b))
        .max()
        .unwrap();
    assert!(worst <= 2, "CPU and GPU grading differ by {worst} levels");
    assert!(
        cpu.bytes
            .iter()
            .zip(&pixels)
            .any(|(a, b)| a.abs_diff(*b) > 40),
        "the LUT was applied"
    );
    // Drawn again without a new update: graded once, not twice; without the filter: as given.
    let again = r.render(&frame(2), PixelFormat::Rgba).unwrap();
    assert_eq!(again.bytes, cpu.bytes, "graded once");
    let plain = Frame {
        index: 3,
        commands: commands[..1].to_vec(),
    };
    let plain = r.render(&plain, PixelFormat::Rgba).unwrap();
    assert_eq!(plain.bytes, pixels, "the camera as given");

    let see_through: Vec<u8> = pixels
        .iter()
        .enumerate()
        .map(|(i, &v)| if i % 4 == 3 { 100 } else { v })
        .collect();
    let glass = r.upload_rgba("glass", w, h, &see_through).unwrap();
    let background = DrawCommand::Background {
        texture: glass,
        fit: Fit::Cover,
    };
    let out = r
        .render(
            &Frame {
                index: 2,
                commands: vec![background],
            },
            PixelFormat::Rgba,
        )
        .unwrap();
    assert!(
        out.bytes.chunks_exact(4).all(|px| px[3] == 255),
        "drawn opaque"
    );
}
