//! Drawing what the tracker found onto a frame: boxes, landmarks, anchors.

use effect_schema::tracking::{Rect, TrackingFrame};
use image::{Rgba, RgbaImage};

fn dot(img: &mut RgbaImage, x: f32, y: f32, r: i32, c: Rgba<u8>) {
    let (cx, cy) = (x.round() as i32, y.round() as i32);
    for dy in -r..=r {
        for dx in -r..=r {
            let (px, py) = (cx + dx, cy + dy);
            if px >= 0 && py >= 0 && (px as u32) < img.width() && (py as u32) < img.height() {
                img.put_pixel(px as u32, py as u32, c);
            }
        }
    }
}

fn rect(img: &mut RgbaImage, r: &Rect, c: Rgba<u8>) {
    let steps = (r.w.max(r.h) as usize).max(1);
    for i in 0..=steps {
        let f = i as f32 / steps as f32;
        for (x, y) in [
            (r.x + r.w * f, r.y),
            (r.x + r.w * f, r.y + r.h),
            (r.x, r.y + r.h * f),
            (r.x + r.w, r.y + r.h * f),
        ] {
            dot(img, x, y, 1, c);
        }
    }
}

/// Draws faces (green), anchors (red), hands (blue/yellow) onto `img`.
pub fn draw(img: &mut RgbaImage, t: &TrackingFrame) {
    let r = (img.width().max(img.height()) / 600).max(1) as i32;
    for f in &t.faces {
        rect(img, &f.bbox, Rgba([0, 255, 0, 255]));
        for p in &f.landmarks {
            dot(img, p.x, p.y, r / 2, Rgba([0, 200, 255, 255]));
        }
        for p in f.anchors.values() {
            dot(img, p.x, p.y, r + 2, Rgba([255, 0, 0, 255]));
        }
    }
    for h in &t.hands {
        rect(img, &h.bbox, Rgba([255, 255, 0, 255]));
        for p in &h.landmarks {
            dot(img, p.x, p.y, r + 1, Rgba([0, 0, 255, 255]));
        }
    }
}
