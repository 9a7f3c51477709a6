//! Small faces made from the portraits: a face shrunk to a given width and pasted into a frame
//! (the far-face and group tests).

use effect_schema::tracking::{Face, Rect};
use lantern_track::{Models, Tracker, TrackerConfig};

use super::{photo, track_still};

/// A portrait and its face's box (the mesh's), from the tracker at full size.
pub struct Portrait {
    pub img: image::RgbaImage,
    pub face: Rect,
}

pub fn portrait(name: &str) -> Portrait {
    let img = photo(name);
    let mut t = Tracker::new(&Models::discover(), TrackerConfig::still()).expect("tracker");
    let found = track_still(&mut t, &img);
    let face = found.faces.first().expect("the portrait's face").bbox;
    Portrait { img, face }
}

/// Pastes `p` scaled so its face is `width` pixels wide, the face centred on `at`, keeping a
/// square of 2.5 face widths around it (so neighbours in a mosaic don't cover each other).
/// Returns where the face is.
pub fn paste(frame: &mut image::RgbaImage, p: &Portrait, width: f32, at: (f32, f32)) -> Rect {
    let s = width / p.face.w;
    let (nw, nh) = (
        ((p.img.width() as f32 * s).round() as u32).max(1),
        ((p.img.height() as f32 * s).round() as u32).max(1),
    );
    let small = image::imageops::resize(&p.img, nw, nh, image::imageops::FilterType::Triangle);
    let (fx, fy) = (
        (p.face.x + p.face.w / 2.0) * s,
        (p.face.y + p.face.h / 2.0) * s,
    );
    let half = 1.25 * width;
    let (x0, y0) = ((fx - half).max(0.0) as u32, (fy - half).max(0.0) as u32);
    let side = (2.0 * half) as u32;
    let crop = image::imageops::crop_imm(
        &small,
        x0,
        y0,
        side.min(nw - x0.min(nw)),
        side.min(nh - y0.min(nh)),
    )
    .to_image();
    let (ox, oy) = (at.0 - (fx - x0 as f32), at.1 - (fy - y0 as f32));
    image::imageops::overlay(frame, &crop, ox as i64, oy as i64);
    Rect {
        x: at.0 - width / 2.0,
        y: at.1 - p.face.h * s / 2.0,
        w: width,
        h: p.face.h * s,
    }
}

/// A grey frame.
pub fn canvas(w: u32, h: u32) -> image::RgbaImage {
    image::RgbaImage::from_pixel(w, h, image::Rgba([110, 110, 110, 255]))
}

/// Whether `found`'s centre is inside `truth`.
pub fn hits(found: &Rect, truth: &Rect) -> bool {
    truth.contains(found.center())
}

/// Eight of the portraits' faces, `width` px wide, on a `cols` x `rows` grid of `w` x `h`.
pub fn mosaic(
    portraits: &[Portrait],
    (w, h): (u32, u32),
    (cols, rows): (usize, usize),
    width: f32,
) -> (image::RgbaImage, Vec<Rect>) {
    let mut frame = canvas(w, h);
    let mut truths = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            let at = (
                (c as f32 + 0.5) * w as f32 / cols as f32,
                (r as f32 + 0.5) * h as f32 / rows as f32,
            );
            let p = &portraits[(r * cols + c) % portraits.len()];
            truths.push(paste(&mut frame, p, width, at));
        }
    }
    (frame, truths)
}

/// Each face found on a different true face; returns how many true faces were found.
pub fn matched(faces: &[Face], truths: &[Rect]) -> usize {
    let mut used = vec![false; truths.len()];
    for f in faces {
        let k = truths.iter().position(|t| hits(&f.bbox, t));
        let k = k.unwrap_or_else(|| panic!("a face where there is none: {:?}", f.bbox));
        assert!(!used[k], "two faces on face {k}");
        used[k] = true;
    }
    used.iter().filter(|&&u| u).count()
}

/// Whether the full-range model is on the models path; prints why not.
pub fn far_model() -> bool {
    let found = Models::discover().path("mp_face_detection_full_range.onnx");
    if let Err(e) = &found {
        println!("skipped: {}", e.to_string().lines().next().unwrap_or(""));
    }
    found.is_ok()
}

pub fn tracker(cfg: TrackerConfig) -> Tracker {
    Tracker::new(&Models::discover(), cfg).expect("tracker loads")
}

pub fn median(mut v: Vec<f32>) -> f32 {
    v.sort_by(f32::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}
