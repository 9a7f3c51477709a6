//! `lantern bench render`: ms per frame of the compositor (upload, render, readback) at 720p and 1080p,
//! on whatever adapter wgpu picks (lavapipe here), wall and CPU time (all threads, the
//! rasteriser's too) per frame. Scenes: the camera frame alone; graded by a colour filter; with
//! one sticker; 2,000 particles + 20 stickers + text (particles are sprites of a small glow
//! image, as the scene draws particle layers).

use std::time::Instant;

use anyhow::Context as _;
use lantern_engine::push::process_cpu_seconds;
use lantern_engine::render::LutData;
use lantern_engine::render::adapt::Fit;
use lantern_engine::render::{
    DrawCommand, Frame, PixelFormat, Renderer, RendererConfig, Sprite, SpriteTransform, Stroke,
    TextBlock, TextureId, splitmix,
};
use lantern_engine::schema::tracking::Point2;

const FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

/// A camera-like frame: smooth gradient with some structure, generated (no files needed).
fn camera_frame(w: u32, h: u32) -> Vec<u8> {
    let mut pixels = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let (u, t) = (x as f32 / w as f32, y as f32 / h as f32);
            let ring = ((u - 0.5).hypot(t - 0.5) * 40.0).sin() * 20.0;
            pixels.extend_from_slice(&[
                (60.0 + 150.0 * u + ring) as u8,
                (80.0 + 100.0 * t) as u8,
                (150.0 - 80.0 * u) as u8,
                255,
            ]);
        }
    }
    pixels
}

fn sticker(size: u32) -> Vec<u8> {
    let mut v = Vec::with_capacity((size * size * 4) as usize);
    let c = size as f32 / 2.0;
    for y in 0..size {
        for x in 0..size {
            let r = (x as f32 + 0.5 - c).hypot(y as f32 + 0.5 - c) / c;
            let a = if r > 1.0 { 0 } else { 255 };
            v.extend_from_slice(&[230, (255.0 * (1.0 - r).max(0.0)) as u8, 60, a]);
        }
    }
    v
}

/// A soft glowing disc, white (tinted per particle).
fn glow(size: u32) -> Vec<u8> {
    let c = size as f32 / 2.0;
    let mut v = Vec::with_capacity((size * size * 4) as usize);
    for y in 0..size {
        for x in 0..size {
            let r = (x as f32 + 0.5 - c).hypot(y as f32 + 0.5 - c) / c;
            let a = (1.0 - r).clamp(0.0, 1.0);
            v.extend_from_slice(&[255, 255, 255, (255.0 * a * a) as u8]);
        }
    }
    v
}

/// A fountain of `n` particles at `t` seconds: particle `k` is born every `1 / n` s and lives 1 s,
/// flying from `origin` at a hashed angle and speed under gravity (closed form, like the scene).
fn fountain(tex: TextureId, n: u64, t: f32, origin: [f32; 2], fh: f32) -> Vec<Sprite> {
    let unit = |k: u64, c: u64| (splitmix(k * 4 + c) >> 40) as f32 / (1u64 << 24) as f32;
    (0..n)
        .map(|k| {
            let age = (t + k as f32 / n as f32).fract();
            let angle = (-90.0 + (unit(k, 0) * 2.0 - 1.0) * 180.0_f32).to_radians();
            let speed = fh * (0.2 + 0.4 * unit(k, 1));
            let (s, c) = angle.sin_cos();
            let size = fh * (0.015 - 0.011 * age);
            let mut sprite = Sprite::new(
                tex,
                SpriteTransform {
                    position: Point2 {
                        x: origin[0] + c * speed * age,
                        y: origin[1] + s * speed * age + 100.0 * age * age,
                    },
                    size: [size, size],
                    ..SpriteTransform::default()
                },
            );
            sprite.tint = [1.0, 0.9 - 0.7 * age, 0.4 - 0.3 * age, 1.0 - age];
            sprite
        })
        .collect()
}

struct Scene {
    name: &'static str,
    commands: Box<dyn Fn(u64) -> Vec<DrawCommand>>,
}

/// The camera frame's texture (to upload again each frame) and the scenes drawn over it.
fn scenes(r: &mut Renderer, w: u32, h: u32) -> anyhow::Result<(TextureId, Vec<Scene>)> {
    let camera = r.upload_rgba("camera", w, h, &camera_frame(w, h))?;
    let stick = r.upload_rgba("sticker", 256, 256, &sticker(256))?;
    let spark = r.upload_rgba("glow", 32, 32, &glow(32))?;
    let lut = r.load_lut(&LutData::identity(33));
    let font = match std::fs::read(FONT) {
        Ok(bytes) => Some(r.load_font(FONT, bytes)?),
        Err(e) => {
            tracing::warn!("no font at {FONT} ({e}); the busy scene runs without text");
            None
        }
    };
    let (fw, fh) = (w as f32, h as f32);
    let bg = move || DrawCommand::Background {
        texture: camera,
        fit: Fit::Cover,
    };
    let sprite = move |tex: TextureId, x: f32, y: f32, s: f32, rot: f32| {
        Sprite::new(
            tex,
            SpriteTransform {
                position: Point2 { x, y },
                size: [s, s],
                rotation: rot,
                ..SpriteTransform::default()
            },
        )
    };
    let plain = Scene {
        name: "camera",
        commands: Box::new(move |_| vec![bg()]),
    };
    let graded = Scene {
        name: "camera + colour filter",
        commands: Box::new(move |_| {
            let filter = DrawCommand::ColorFilter {
                lut,
                intensity: 0.8,
            };
            vec![bg(), filter]
        }),
    };
    let one = Scene {
        name: "one sticker",
        commands: Box::new(move |i| {
            vec![
                bg(),
                DrawCommand::Sprites(vec![sprite(
                    stick,
                    fw * 0.5,
                    fh * 0.3,
                    fh * 0.3,
                    (i % 360) as f32,
                )]),
            ]
        }),
    };
    let busy = Scene {
        name: "2,000 particles + 20 stickers + text",
        commands: Box::new(move |i| {
            let t = i as f32 / 30.0;
            let stickers = (0..20)
                .map(|k| {
                    sprite(
                        stick,
                        fw * (0.05 + 0.045 * k as f32),
                        fh * (0.2 + 0.03 * (k % 7) as f32),
                        fh * 0.12,
                        t * 40.0 + k as f32 * 9.0,
                    )
                })
                .collect();
            let particles = fountain(spark, 2000, t, [fw * 0.5, fh * 0.8], fh);
            let mut commands = vec![
                bg(),
                DrawCommand::Sprites(stickers),
                DrawCommand::Sprites(particles),
            ];
            if let Some(font) = font {
                let mut text = TextBlock::new(
                    font,
                    "Happy New Year 2026",
                    fh * 0.08,
                    Point2 {
                        x: fw * 0.5,
                        y: fh * 0.12,
                    },
                );
                text.stroke = Some(Stroke {
                    color: [0.5, 0.0, 0.0, 1.0],
                    width: 3.0,
                });
                commands.push(DrawCommand::Text(text));
            }
            commands
        }),
    };
    Ok((camera, vec![plain, graded, one, busy]))
}

/// Wall ms and CPU ms (all threads: llvmpipe's too) per call of `f`, after one warm-up call.
fn per_frame(
    frames: u32,
    mut f: impl FnMut(u64) -> anyhow::Result<()>,
) -> anyhow::Result<[f64; 2]> {
    f(0)?; // warm-up: pipelines, first uploads
    let cpu = process_cpu_seconds();
    let start = Instant::now();
    for i in 0..u64::from(frames) {
        f(i + 1)?;
    }
    let n = f64::from(frames.max(1));
    let wall = start.elapsed().as_secs_f64() * 1000.0 / n;
    let cpu = cpu
        .zip(process_cpu_seconds())
        .map_or(f64::NAN, |(a, b)| (b - a) * 1000.0 / n);
    Ok([wall, cpu])
}

pub fn run(frames: u32) -> anyhow::Result<()> {
    let frames = frames.max(1);
    let gpu = lantern_engine::render::Gpu::new(lantern_engine::render::AdapterChoice::Auto)
        .context("creating the render device")?;
    println!(
        "render bench on {} — {frames} frames per figure; the camera frame is uploaded every frame, as in a push",
        gpu.describe()
    );
    println!(
        "{:<11} {:<38} {:>9} {:>9} {:>10} {:>10} {:>10} {:>10}",
        "size", "scene", "draw ms", "draw CPU", "RGBA ms", "RGBA CPU", "NV12 ms", "NV12 CPU"
    );
    for (w, h) in [(1280, 720), (1920, 1080)] {
        let mut r = Renderer::with_gpu(gpu.clone(), RendererConfig::new(w, h))?;
        let pixels = camera_frame(w, h);
        let (camera, list) = scenes(&mut r, w, h)?;
        for scene in list {
            let frame = |i: u64| Frame {
                index: i,
                commands: (scene.commands)(i),
            };
            let draw = per_frame(frames, |i| {
                r.update_texture(camera, &pixels)?;
                r.draw_only(&frame(i)).map(drop).map_err(Into::into)
            })?;
            let mut piped = |format: PixelFormat| {
                let figures = per_frame(frames, |i| {
                    r.update_texture(camera, &pixels)?;
                    r.render_pipelined(&frame(i), format)
                        .map(drop)
                        .map_err(Into::into)
                });
                r.flush()?;
                figures
            };
            let rgba = piped(PixelFormat::Rgba)?;
            let nv12 = piped(PixelFormat::Nv12)?;
            println!(
                "{:<11} {:<38} {:>9.2} {:>9.2} {:>10.2} {:>10.2} {:>10.2} {:>10.2}",
                format!("{w}x{h}"),
                scene.name,
                draw[0],
                draw[1],
                rgba[0],
                rgba[1],
                nv12[0],
                nv12[1]
            );
        }
    }
    println!(
        "draw = upload, render and wait, no readback; RGBA / NV12 = double-buffered readback as the push reads (RGBA on a software rasteriser); CPU = ms of CPU per frame, all threads."
    );
    Ok(())
}
