//! Sprite blending: additive sprites add their light to the frame (a golden image of red, green
//! and blue glows over a dark gradient, additive on the left, normal on the right), batched with
//! normal sprites in one command.

// Test helpers panic on failure by design.
#![allow(clippy::unwrap_used)]

mod support;

use effect_schema::tracking::Point2;
use lantern_render::adapt::Fit;
use lantern_render::{Blend, DrawCommand, Frame, PixelFormat, Sprite, SpriteTransform};
use support::snapshot::assert_snapshot;
use support::{H, W};

/// A white disc whose alpha falls off to its rim (a particle glow).
fn glow(size: u32) -> image::RgbaImage {
    image::RgbaImage::from_fn(size, size, |x, y| {
        let c = size as f32 / 2.0;
        let r = (x as f32 + 0.5 - c).hypot(y as f32 + 0.5 - c) / c;
        let a = (1.0 - r).clamp(0.0, 1.0);
        image::Rgba([255, 255, 255, (255.0 * a.sqrt()) as u8])
    })
}

/// Three overlapping glows, red, green and blue, centred at `x`.
fn trio(texture: lantern_render::TextureId, x: f32, blend: Blend) -> Vec<Sprite> {
    let tints = [
        [1.0, 0.2, 0.1, 0.9],
        [0.1, 1.0, 0.2, 0.9],
        [0.2, 0.3, 1.0, 0.9],
    ];
    let offsets = [(-18.0, -10.0), (18.0, -10.0), (0.0, 18.0)];
    tints
        .iter()
        .zip(offsets)
        .map(|(tint, (dx, dy))| {
            let mut s = Sprite::new(
                texture,
                SpriteTransform {
                    position: Point2 {
                        x: x + dx,
                        y: 90.0 + dy,
                    },
                    size: [90.0, 90.0],
                    ..SpriteTransform::default()
                },
            );
            s.tint = *tint;
            s.blend = blend;
            s
        })
        .collect()
}

#[test]
fn additive_sprites_add_light_and_batch_with_normal_ones() {
    let mut r = support::renderer(W, H);
    let dark = image::RgbaImage::from_fn(W, H, |x, y| {
        image::Rgba([(10 + x / 16) as u8, (12 + y / 12) as u8, 30, 255])
    });
    let bg = r.upload_rgba("bg", W, H, dark.as_raw()).unwrap();
    let g = glow(64);
    let glow = r.upload_rgba("glow", 64, 64, g.as_raw()).unwrap();
    let mut sprites = trio(glow, 90.0, Blend::Additive);
    sprites.extend(trio(glow, 230.0, Blend::Normal));
    let data = r
        .render(
            &Frame {
                index: 0,
                commands: vec![
                    DrawCommand::Background {
                        texture: bg,
                        fit: Fit::Cover,
                    },
                    DrawCommand::Sprites(sprites),
                ],
            },
            PixelFormat::Rgba,
        )
        .unwrap();
    let img = support::to_image(&data);
    assert_snapshot("sprites-additive", &img);
    // Where the three additive glows meet the light sums to near white; where the normal ones
    // meet, the last drawn (blue) covers the others.
    let px = |x: u32| img.get_pixel(x, 90).0;
    let [r0, g0, b0, _] = px(90);
    assert!(
        r0 > 200 && g0 > 200 && b0 > 200,
        "additive centre {:?}",
        px(90)
    );
    let [r1, _, b1, _] = px(230);
    assert!(b1 > r1 + 60, "normal centre {:?}", px(230));
}
