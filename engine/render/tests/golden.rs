//! Golden-image tests: each layer kind rendered at 320x180 on lavapipe and compared with a
//! tolerance to `tests/snapshots/*.png` (`UPDATE_SNAPSHOTS=1` regenerates). Also the readback
//! paths: NV12 against a CPU reference, pipelined against blocking, and determinism.

// Test helpers panic on failure by design; pixel maths reads best with short names.
#![allow(clippy::unwrap_used, clippy::many_single_char_names)]

mod support;

use std::fmt::Write as _;

use effect_schema::tracking::Point2;
use lantern_render::adapt::Fit;
use lantern_render::{
    Beauty, DrawCommand, FaceRegion, Frame, Interactive, LutData, PixelFormat, Segment,
    SegmentMode, Shadow, Sprite, SpriteTransform, Stroke, TextBlock, TextLayout,
};
use support::snapshot::assert_snapshot;
use support::{H, W};

fn p(x: f32, y: f32) -> Point2 {
    Point2 { x, y }
}

fn render(r: &mut lantern_render::Renderer, commands: Vec<DrawCommand>) -> image::RgbaImage {
    let data = r
        .render(&Frame { index: 0, commands }, PixelFormat::Rgba)
        .unwrap();
    support::to_image(&data)
}

fn upload(
    r: &mut lantern_render::Renderer,
    name: &str,
    img: &image::RgbaImage,
) -> lantern_render::TextureId {
    r.upload_rgba(name, img.width(), img.height(), img.as_raw())
        .unwrap()
}

fn sprite_scene(r: &mut lantern_render::Renderer) -> Vec<DrawCommand> {
    let bg = upload(r, "bg", &support::gradient(W, H));
    let frames: Vec<image::RgbaImage> = (0..3).map(|i| support::sticker(64, i * 80)).collect();
    let raw: Vec<&[u8]> = frames.iter().map(|f| f.as_raw().as_slice()).collect();
    let anim = r.upload_frames("anim", 64, 64, &raw).unwrap();
    let t = |x, y, rotation, opacity, yaw| SpriteTransform {
        position: p(x, y),
        size: [60.0, 60.0],
        anchor: [0.5, 0.5],
        rotation,
        opacity,
        yaw,
    };
    let mut packet = Sprite::new(anim, t(250.0, 120.0, 0.0, 1.0, None));
    packet.layer = 2;
    packet.interactive = Some(Interactive {
        id: "packet-1".into(),
        kind: "redPacket".into(),
        payload: serde_json::json!({"n": 1}),
    });
    let mut tinted = Sprite::new(anim, t(160.0, 90.0, 30.0, 0.6, None));
    tinted.layer = 1;
    tinted.tint = [0.5, 1.0, 1.0, 1.0];
    let hat = Sprite::new(
        anim,
        SpriteTransform {
            position: p(60.0, 150.0),
            size: [80.0, 40.0],
            anchor: [0.5, 1.0],
            rotation: -20.0,
            opacity: 1.0,
            yaw: Some(45.0),
        },
    );
    vec![
        DrawCommand::Background {
            texture: bg,
            fit: Fit::Cover,
        },
        DrawCommand::Sprites(vec![
            Sprite::new(anim, t(60.0, 50.0, 0.0, 1.0, None)),
            tinted,
            hat,
            packet,
        ]),
    ]
}

#[test]
fn background_photo_cover() {
    let mut r = support::renderer(W, H);
    let photo = support::portrait();
    let tex = upload(&mut r, "photo", &photo);
    let img = render(
        &mut r,
        vec![DrawCommand::Background {
            texture: tex,
            fit: Fit::Cover,
        }],
    );
    assert_snapshot("background-cover", &img);
    let square = upload(&mut r, "square", &support::photo("skimage_astronaut.png"));
    let img = render(
        &mut r,
        vec![DrawCommand::Background {
            texture: square,
            fit: Fit::Contain,
        }],
    );
    assert_snapshot("background-contain", &img);
}

#[test]
fn sprites_with_transforms_layers_and_hotzones() {
    let mut r = support::renderer(W, H);
    let commands = sprite_scene(&mut r);
    let data = r
        .render(&Frame { index: 0, commands }, PixelFormat::Rgba)
        .unwrap();
    assert_snapshot("sprites", &support::to_image(&data));
    assert_eq!(data.hotzones.len(), 1);
    let z = &data.hotzones[0];
    assert_eq!((z.id.as_str(), z.kind.as_str()), ("packet-1", "redPacket"));
    assert_eq!(
        (z.rect.x, z.rect.y, z.rect.w, z.rect.h),
        (220.0, 90.0, 60.0, 60.0)
    );
}

fn warm_cube() -> String {
    let n = 17;
    let mut s = format!("TITLE \"warm\"\nLUT_3D_SIZE {n}\n");
    for b in 0..n {
        for g in 0..n {
            for r in 0..n {
                let (r, g, b) = (r as f32 / 16.0, g as f32 / 16.0, b as f32 / 16.0);
                let l = 0.3 * r + 0.59 * g + 0.11 * b;
                writeln!(
                    s,
                    "{:.4} {:.4} {:.4}",
                    (l * 1.1 + 0.05).min(1.0),
                    l * 0.95,
                    l * 0.7
                )
                .unwrap();
            }
        }
    }
    s
}

#[test]
fn colour_filter_lut() {
    let mut r = support::renderer(W, H);
    let tex = upload(&mut r, "photo", &support::portrait());
    let lut = r.load_lut(&LutData::from_cube("warm.cube", &warm_cube()).unwrap());
    let img = render(
        &mut r,
        vec![
            DrawCommand::Background {
                texture: tex,
                fit: Fit::Cover,
            },
            DrawCommand::ColorFilter {
                lut,
                intensity: 0.8,
            },
        ],
    );
    assert_snapshot("lut-warm", &img);
    // The identity LUT at full intensity leaves the frame (nearly) unchanged.
    let id = r.load_lut(&LutData::identity(33));
    let plain = render(
        &mut r,
        vec![DrawCommand::Background {
            texture: tex,
            fit: Fit::Cover,
        }],
    );
    let graded = render(
        &mut r,
        vec![
            DrawCommand::Background {
                texture: tex,
                fit: Fit::Cover,
            },
            DrawCommand::ColorFilter {
                lut: id,
                intensity: 1.0,
            },
        ],
    );
    let (result, _) = lantern_testing::golden::compare(&plain, &graded);
    result.unwrap();
}

fn font_bytes() -> Vec<u8> {
    let path = std::env::var_os("LANTERN_TEST_FONT").map_or_else(
        || std::path::PathBuf::from("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
        Into::into,
    );
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "test font {} ({e}); install fonts-dejavu-core or set LANTERN_TEST_FONT",
            path.display()
        )
    })
}

#[test]
fn text_fill_stroke_shadow_and_vertical() {
    let mut r = support::renderer(W, H);
    let bg = upload(&mut r, "bg", &support::gradient(W, H));
    let font = r.load_font("DejaVuSans-Bold.ttf", font_bytes()).unwrap();
    let mut title = TextBlock::new(font, "Lantern 2026!", 30.0, p(170.0, 40.0));
    title.fill = [1.0, 0.85, 0.2, 1.0];
    title.stroke = Some(Stroke {
        color: [0.6, 0.0, 0.0, 1.0],
        width: 3.0,
    });
    title.shadow = Some(Shadow {
        color: [0.0, 0.0, 0.0, 0.6],
        offset: [3.0, 3.0],
    });
    let mut left = TextBlock::new(font, "FORTUNE", 18.0, p(20.0, 90.0));
    left.layout = TextLayout::Vertical;
    left.anchor = [0.0, 0.5];
    left.fill = [1.0, 0.9, 0.3, 1.0];
    let mut pair = TextBlock::new(font, "JOY\nLUCK", 16.0, p(300.0, 110.0));
    pair.layout = TextLayout::Vertical;
    pair.anchor = [1.0, 0.5];
    pair.opacity = 0.8;
    let mut small = TextBlock::new(font, "two lines\nof text", 14.0, p(170.0, 130.0));
    small.line_spacing = 1.2;
    let bounds = r.measure_text(&pair).unwrap();
    assert!(
        bounds.h > bounds.w,
        "vertical text is taller than wide: {bounds:?}"
    );
    let img = render(
        &mut r,
        vec![
            DrawCommand::Background {
                texture: bg,
                fit: Fit::Cover,
            },
            DrawCommand::Text(title),
            DrawCommand::Text(left),
            DrawCommand::Text(pair),
            DrawCommand::Text(small),
        ],
    );
    assert_snapshot("text", &img);
    assert!(
        r.load_font("bad.ttf", b"not a font".to_vec())
            .unwrap_err()
            .to_string()
            .contains("bad.ttf")
    );
}

#[test]
fn beauty_smooths_only_the_face() {
    let mut r = support::renderer(W, H);
    let photo = support::portrait();
    let tex = upload(&mut r, "photo", &photo);
    // The astronaut's face in the cropped photo, mapped like the camera frame.
    let map =
        lantern_render::adapt::FrameMap::new([photo.width(), photo.height()], [W, H], Fit::Cover);
    let face = map.rect(effect_schema::tracking::Rect {
        x: 175.0,
        y: 50.0,
        w: 100.0,
        h: 120.0,
    });
    let beauty = Beauty {
        faces: vec![FaceRegion::from_bbox(face, 0.0, 0.1)],
        smoothing: 1.0,
        brighten: 0.6,
    };
    let plain = render(
        &mut r,
        vec![DrawCommand::Background {
            texture: tex,
            fit: Fit::Cover,
        }],
    );
    let img = render(
        &mut r,
        vec![
            DrawCommand::Background {
                texture: tex,
                fit: Fit::Cover,
            },
            DrawCommand::Beauty(beauty),
        ],
    );
    assert_snapshot("beauty", &img);
    // Outside the face ellipse nothing changes.
    for (x, y) in [(5, 5), (300, 170), (20, 160)] {
        assert_eq!(plain.get_pixel(x, y), img.get_pixel(x, y));
    }
}

fn person_mask(w: u32, h: u32) -> image::RgbaImage {
    image::RgbaImage::from_fn(w, h, |x, y| {
        let (dx, dy) = (
            (x as f32 - w as f32 * 0.5) / (w as f32 * 0.22),
            (y as f32 - h as f32 * 0.7) / (h as f32 * 0.55),
        );
        let v = ((1.15 - (dx * dx + dy * dy).sqrt()) * 6.0).clamp(0.0, 1.0);
        let v = (v * 255.0) as u8;
        image::Rgba([v, v, v, 255])
    })
}

#[test]
fn segmentation_blur_replace_colour() {
    let mut r = support::renderer(W, H);
    let tex = upload(&mut r, "photo", &support::portrait());
    let mask = upload(&mut r, "mask", &person_mask(256, 256));
    let backdrop = upload(&mut r, "backdrop", &support::gradient(160, 90));
    let bg = DrawCommand::Background {
        texture: tex,
        fit: Fit::Cover,
    };
    let seg = |mode| {
        DrawCommand::Segment(Segment {
            mask,
            fit: Fit::Cover,
            mode,
        })
    };
    let blur = render(
        &mut r,
        vec![bg.clone(), seg(SegmentMode::Blur { radius: 8.0 })],
    );
    assert_snapshot("segment-blur", &blur);
    let replace = render(
        &mut r,
        vec![
            bg.clone(),
            seg(SegmentMode::Replace {
                texture: backdrop,
                fit: Fit::Cover,
            }),
        ],
    );
    assert_snapshot("segment-replace", &replace);
    let green = render(
        &mut r,
        vec![bg, seg(SegmentMode::Color([0.0, 1.0, 0.0, 1.0]))],
    );
    assert_eq!(green.get_pixel(2, 2).0, [0, 255, 0, 255]);
}

#[test]
fn nv12_matches_cpu_reference_and_pipelining_matches_blocking() {
    let mut r = support::renderer(W, H);
    let commands = sprite_scene(&mut r);
    let frame = Frame { index: 5, commands };
    let rgba = r.render(&frame, PixelFormat::Rgba).unwrap();
    let nv12 = r.render(&frame, PixelFormat::Nv12).unwrap();
    assert_eq!(nv12.bytes.len(), (W * H * 3 / 2) as usize);
    let reference = lantern_render::rgba_to_nv12(&rgba.bytes, W, H);
    let worst = nv12
        .bytes
        .iter()
        .zip(&reference)
        .map(|(a, b)| a.abs_diff(*b))
        .max()
        .unwrap();
    assert!(
        worst <= 2,
        "GPU NV12 differs from the CPU reference by {worst}"
    );
    // Determinism: the same frame twice gives the same bytes.
    assert_eq!(
        r.render(&frame, PixelFormat::Rgba).unwrap().bytes,
        rgba.bytes
    );
    // Pipelined readback returns frames in order, one frame late, with identical pixels.
    let mut got = Vec::new();
    for i in 0..4 {
        got.extend(
            r.render_pipelined(
                &Frame {
                    index: i,
                    ..frame.clone()
                },
                PixelFormat::Rgba,
            )
            .unwrap(),
        );
    }
    got.extend(r.flush().unwrap());
    assert_eq!(
        got.iter().map(|f| f.index).collect::<Vec<_>>(),
        [0, 1, 2, 3]
    );
    assert!(
        got.iter()
            .all(|f| f.bytes == rgba.bytes && f.hotzones == rgba.hotzones)
    );
}

#[test]
fn adapts_to_portrait_and_square_outputs() {
    for (w, h) in [(180, 320), (240, 240)] {
        let mut r = support::renderer(w, h);
        let tex = upload(&mut r, "bg", &support::gradient(W, H));
        let img = render(
            &mut r,
            vec![DrawCommand::Background {
                texture: tex,
                fit: Fit::Cover,
            }],
        );
        assert_eq!(img.dimensions(), (w, h));
        assert_snapshot(&format!("adapt-{w}x{h}"), &img);
    }
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let gpu = support::gpu();
    for (w, h) in [(0, 0), (321, 180), (100_000, 2)] {
        let e = lantern_render::Renderer::with_gpu(
            gpu.clone(),
            lantern_render::RendererConfig::new(w, h),
        )
        .err()
        .unwrap();
        assert!(e.to_string().contains("even width"), "{e}");
    }
    let mut r = support::renderer(W, H);
    assert!(
        r.upload_rgba("short", 4, 4, &[0; 10])
            .unwrap_err()
            .to_string()
            .contains("short")
    );
    assert!(
        r.upload_image("junk.png", b"junk")
            .unwrap_err()
            .to_string()
            .contains("junk.png")
    );
    let other = support::renderer(W, H)
        .upload_rgba("x", 1, 1, &[0; 4])
        .unwrap();
    let _ = other;
    let frame = Frame {
        index: 0,
        commands: vec![DrawCommand::Sprites(vec![Sprite::new(
            other,
            SpriteTransform::default(),
        )])],
    };
    let e = r.render(&frame, PixelFormat::Rgba).unwrap_err();
    assert!(e.to_string().contains("unknown"), "{e}");
}
